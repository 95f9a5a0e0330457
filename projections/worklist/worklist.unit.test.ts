/**
 * The `worklist` projection: given a case's events → its inbox row, with the keys the inbox's tabs and
 * searches read (schema.ts).
 */
import { fold } from '../../domain/kernel/decider';
import { applicationDecider, type ApplicationEvent } from '../../domain/service-application';
import type { ComplaintEvent } from '../../domain/complaint';
import type { FeeEvent } from '../../domain/fee';
import { projectInMemory, type Doc } from '../definition';
import { eventLog } from '../../tests/support/projection-log';
import { WORKLIST_NEVER, searchFold } from './schema';
import { worklistProjection } from './worklist-projection';

const rowsOf = (events: Parameters<typeof projectInMemory>[1]): Map<string, Doc> => projectInMemory(worklistProjection, events).get('worklist')!;

const service = { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5000, deadlineDays: 10, issues: 'permit' as const };
const base = { applicationId: 'a1', communityId: 'C1' };
const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: {
    ...base,
    serviceCode: 'construction-permit',
    service,
    kind: 'application',
    subject: 'Ավտոտնակ Շիրակ փողոցում',
    details: 'Խնդրում եմ',
    applicantId: '1234567890',
    applicantName: 'Անի  Սարգսյան',
    channel: 'online',
    submittedBy: '1234567890',
    submittedByRole: 'resident',
    onBehalfOf: null,
    // 01:30 on 2 March in Yerevan.
    submittedAt: '2024-03-02T01:30:00+04:00',
    dueOn: '2024-03-12',
    trackingCode: 'K7Q2MX9P',
  },
};
const registered: ApplicationEvent = { type: 'ApplicationRegistered', data: { ...base, registrationNumber: 'C1/2024/17', registeredBy: 'clerk-1', registeredAt: '2024-03-03T09:00:00Z' } };
const assigned: ApplicationEvent = { type: 'ApplicationAssigned', data: { ...base, assigneeId: 'clerk-2', assignedBy: 'clerk-1', assignedAt: '2024-03-03T10:00:00Z' } };
const asked: ApplicationEvent = { type: 'ApplicationInformationRequested', data: { ...base, question: 'Հատակագիծը', requestedBy: 'clerk-2', requestedAt: '2024-03-04T10:00:00Z' } };
const answered: ApplicationEvent = { type: 'ApplicationInformationProvided', data: { ...base, answer: 'Կցված է', providedBy: '1234567890', providedAt: '2024-03-05T10:00:00Z' } };
const approved: ApplicationEvent = {
  type: 'ApplicationApproved',
  data: { ...base, serviceCode: 'construction-permit', decidedBy: 'clerk-2', decidedAt: '2024-03-10T21:00:00Z', submittedAt: '2024-03-02T01:30:00+04:00', dueOn: '2024-03-12', basis: 'Law' },
};

describe('worklist projection: applications', () => {
  it('a submitted application is an open, unassigned row of its community with its search keys', () => {
    const log = eventLog();
    log.append('application-a1', submitted, { occurredAt: '2024-03-01T21:30:00.000Z' });
    const { state, ...row } = rowsOf(log.events).get('application-a1')!;
    expect(row).toEqual({
      id: 'application-a1',
      caseId: 'a1',
      kind: 'application',
      communityId: 'C1',
      status: 'submitted',
      open: true,
      assigneeId: null,
      awaitingInformation: false,
      dueOn: '2024-03-12',
      openDueOn: '2024-03-12',
      categoryCode: 'construction-permit',
      serviceNameHy: 'Շինարարության թույլտվություն',
      serviceNameEn: 'Construction permit',
      registrationNumber: null,
      trackingCode: 'K7Q2MX9P',
      partyId: '1234567890',
      partyName: 'Անի  Սարգսյան',
      subject: 'Ավտոտնակ Շիրակ փողոցում',
      createdAt: '2024-03-01T21:30:00.000Z',
      createdOn: '2024-03-02',
      updatedAt: '2024-03-01T21:30:00.000Z',
      revision: 0,
      position: '1',
      queueKey: 'C1|',
      awaitingKey: null,
      openDueKey: 'C1|2024-03-12',
      communityCreatedAt: 'C1|2024-03-01T21:30:00.000Z',
      communityUpdatedAt: 'C1|2024-03-01T21:30:00.000Z',
      communityDueOn: 'C1|2024-03-12',
      registrationKey: null,
      trackingKey: 'C1|k7q2mx9p',
      // Armenian capitals folded to lower case, the double space collapsed; the family name on its own.
      partyKey: 'C1|անի սարգսյան',
      partyFamilyKey: 'C1|սարգսյան',
      subjectKey: 'C1|ավտոտնակ շիրակ փողոցում',
    });
    expect(state).toEqual(fold(applicationDecider, [submitted]));
  });

  it('follows registration, assignment and the request for information: the tab keys move with the case', () => {
    const log = eventLog();
    log.append('application-a1', submitted);
    log.append('application-a1', registered, { occurredAt: '2024-03-03T09:00:00.000Z' });
    expect(rowsOf(log.events).get('application-a1')).toMatchObject({ status: 'registered', registrationNumber: 'C1/2024/17', registrationKey: 'C1|c1/2024/17', queueKey: 'C1|' });
    log.append('application-a1', assigned, { occurredAt: '2024-03-03T10:00:00.000Z' });
    expect(rowsOf(log.events).get('application-a1')).toMatchObject({ status: 'assigned', assigneeId: 'clerk-2', queueKey: 'C1|clerk-2', awaitingKey: null, updatedAt: '2024-03-03T10:00:00.000Z' });
    log.append('application-a1', asked, { occurredAt: '2024-03-04T10:00:00.000Z' });
    expect(rowsOf(log.events).get('application-a1')).toMatchObject({ status: 'awaiting-information', awaitingInformation: true, awaitingKey: 'C1', queueKey: 'C1|clerk-2', open: true });
    log.append('application-a1', answered, { occurredAt: '2024-03-05T10:00:00.000Z' });
    expect(rowsOf(log.events).get('application-a1')).toMatchObject({ status: 'assigned', awaitingInformation: false, awaitingKey: null });
  });

  it('a decided application leaves every open tab but keeps its creation time and its place in "all"', () => {
    const log = eventLog();
    log.append('application-a1', submitted, { occurredAt: '2024-03-01T21:30:00.000Z' });
    log.append('application-a1', [registered, assigned, approved], { occurredAt: '2024-03-10T21:00:00.000Z' });
    const row = rowsOf(log.events).get('application-a1')!;
    expect(row).toMatchObject({
      status: 'approved',
      open: false,
      openDueOn: WORKLIST_NEVER,
      queueKey: null,
      awaitingKey: null,
      openDueKey: null,
      createdAt: '2024-03-01T21:30:00.000Z',
      updatedAt: '2024-03-10T21:00:00.000Z',
      communityUpdatedAt: 'C1|2024-03-10T21:00:00.000Z',
      communityDueOn: 'C1|2024-03-12',
      revision: 3,
    });
  });

  it('a replayed event changes nothing; events of other streams and unknown types make no row', () => {
    const log = eventLog();
    const [first] = log.append('application-a1', submitted);
    log.append('application-a1', { type: 'ApplicationTeleported', data: { applicationId: 'a1' } });
    log.append('trackingcode-K7Q2MX9P', { type: 'TrackingCodeReserved', data: { trackingCode: 'K7Q2MX9P', applicationId: 'a1' } });
    log.append('act-x1', { type: 'ActDrafted', data: { actId: 'x1', communityId: 'C1' } });
    const rows = rowsOf([...log.events, first]);
    expect([...rows.keys()]).toEqual(['application-a1']);
    expect(rows.get('application-a1')).toMatchObject({ revision: 0 });
  });
});

describe('worklist projection: fees and complaints', () => {
  const assessed: FeeEvent = {
    type: 'FeeAssessed',
    data: { feeId: 'f1', communityId: 'C1', payerId: '2222222222', payerName: 'Aram Petrosyan', code: 'LD-01', amountAmd: 10_000, dueOn: '2024-04-01', basis: 'Որոշում 5', at: '2024-03-01T10:00:00+04:00' },
  };

  it('a fee is open while due or partly paid, never in the assignable queue, its basis the subject', () => {
    const log = eventLog();
    log.append('fee-f1', assessed, { occurredAt: '2024-03-01T06:00:00.000Z' });
    expect(rowsOf(log.events).get('fee-f1')).toMatchObject({
      kind: 'fee',
      caseId: 'f1',
      status: 'due',
      open: true,
      assigneeId: null,
      queueKey: null,
      openDueKey: 'C1|2024-04-01',
      categoryCode: 'LD-01',
      partyId: '2222222222',
      partyName: 'Aram Petrosyan',
      partyKey: 'C1|aram petrosyan',
      partyFamilyKey: 'C1|petrosyan',
      subject: 'Որոշում 5',
      subjectKey: 'C1|որոշում 5',
      createdAt: '2024-03-01T06:00:00.000Z',
    });
    log.append('fee-f1', [
      { type: 'FeePaymentRecorded', data: { feeId: 'f1', communityId: 'C1', amountAmd: 10_000, paidAt: '2024-03-05T10:00:00Z', reference: 'R1', paidTotalAmd: 10_000 } },
      { type: 'FeePaid', data: { feeId: 'f1', communityId: 'C1', amountAmd: 10_000, paidAmd: 10_000, at: '2024-03-05T10:00:00Z' } },
    ]);
    expect(rowsOf(log.events).get('fee-f1')).toMatchObject({ status: 'paid', open: false, openDueOn: WORKLIST_NEVER, openDueKey: null });
  });

  it('a complaint is assignable, open until responded, and open again when reopened', () => {
    const c = { complaintId: 'k1', communityId: 'C1' };
    const filed: ComplaintEvent = {
      type: 'ComplaintFiled',
      data: { ...c, channel: 'hotline', category: 'roads', subject: 'Փոս', description: 'Փոս փողոցում', complainantId: 'res-2', complainantName: 'Լիլիթ', filedAt: '2024-03-01T08:00:00Z', responseDueOn: '2024-03-31' },
    };
    const log = eventLog();
    log.append('complaint-k1', filed);
    expect(rowsOf(log.events).get('complaint-k1')).toMatchObject({ kind: 'complaint', status: 'filed', open: true, queueKey: 'C1|', categoryCode: 'roads', partyName: 'Լիլիթ', partyFamilyKey: null, dueOn: '2024-03-31' });
    log.append('complaint-k1', { type: 'ComplaintAssigned', data: { ...c, assigneeId: 'clerk-3', at: '2024-03-02T08:00:00Z' } });
    expect(rowsOf(log.events).get('complaint-k1')).toMatchObject({ status: 'assigned', queueKey: 'C1|clerk-3' });
    log.append('complaint-k1', { type: 'ComplaintResponded', data: { ...c, response: 'Կվերանորոգվի', resolution: 'upheld', at: '2024-03-20T20:30:00Z', reopenableUntil: '2024-04-20' } });
    expect(rowsOf(log.events).get('complaint-k1')).toMatchObject({ status: 'responded', open: false, queueKey: null, openDueKey: null });
    log.append('complaint-k1', { type: 'ComplaintReopened', data: { ...c, reason: 'Չվերանորոգվեց', at: '2024-04-01T08:00:00Z' } });
    expect(rowsOf(log.events).get('complaint-k1')).toMatchObject({ status: 'reopened', open: true, queueKey: 'C1|clerk-3', openDueKey: 'C1|2024-03-31' });
  });
});

describe('worklist projection: the cases of each community', () => {
  it('counts a case once, when its first event makes its row; later events and replays add nothing', () => {
    const log = eventLog();
    log.append('application-a1', [submitted, registered, assigned]);
    log.append('fee-f1', { type: 'FeeAssessed', data: { feeId: 'f1', communityId: 'C1', payerId: 'p', payerName: 'Անի', code: 'LD-01', amountAmd: 1, dueOn: '2024-04-01', basis: 'Որոշում', at: '2024-03-01T10:00:00Z' } });
    // A payment recorded on a fee never assessed makes no row, so it is not a case.
    log.append('fee-f2', { type: 'FeePaymentRecorded', data: { feeId: 'f2', communityId: 'C1', amountAmd: 1, paidAt: '2024-03-05T10:00:00Z', reference: 'R', paidTotalAmd: 1 } });
    log.append('complaint-k9', { type: 'ComplaintFiled', data: { complaintId: 'k9', communityId: 'C2', channel: 'online', category: 'roads', subject: 'Փոս', description: '', filedAt: '2024-03-01T08:00:00Z', responseDueOn: '2024-03-31' } });
    const replayed = log.events[0];
    const counts = projectInMemory(worklistProjection, [...log.events, replayed]).get('worklistCounts')!;
    expect(Object.fromEntries(counts)).toEqual({ C1: { id: 'C1', cases: 2 }, C2: { id: 'C2', cases: 1 } });
  });
});

describe('searchFold', () => {
  it('folds Armenian and Latin capitals, the ligature և and runs of spaces', () => {
    expect(searchFold('  ԱՆԻ   Սարգսյան ')).toBe('անի սարգսյան');
    expect(searchFold('Երևան')).toBe(searchFold('Երեւան'));
    expect(searchFold('AM08001/2025/12')).toBe('am08001/2025/12');
  });
});

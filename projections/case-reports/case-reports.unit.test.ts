/** The `case-reports` projection: given case events → the community's statistics and the transparency documents. */
import type { ApplicationEvent } from '../../domain/service-application';
import type { ComplaintEvent } from '../../domain/complaint';
import type { FeeEvent } from '../../domain/fee';
import type { LegalActEvent } from '../../domain/legal-act';
import type { DocumentEvent } from '../../domain/correspondence/events';
import { projectInMemory, type Doc } from '../definition';
import { eventLog, type EventLog } from '../../tests/support/projection-log';
import { caseReportsProjection } from './case-reports-projection';
import { CASE_REPORT_COLLECTIONS } from './schema';

const docs = (log: EventLog, collection: string): Map<string, Doc> => projectInMemory(caseReportsProjection, log.events).get(collection)!;
const statistics = (log: EventLog, communityId = 'C1') => docs(log, CASE_REPORT_COLLECTIONS.caseStatistics).get(communityId);
const transparency = (log: EventLog, id = 'community:C1') => docs(log, CASE_REPORT_COLLECTIONS.transparency).get(id);

const service = { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5000, deadlineDays: 10, issues: 'permit' as const };
const submitted = (applicationId: string, submittedAt: string, dueOn: string): ApplicationEvent => ({
  type: 'ApplicationSubmitted',
  data: {
    applicationId,
    communityId: 'C1',
    serviceCode: service.code,
    service,
    kind: 'application',
    subject: 'Ավտոտնակ',
    details: 'Խնդրում եմ',
    applicantId: 'res-1',
    applicantName: 'Անի',
    channel: 'online',
    submittedBy: 'res-1',
    submittedByRole: 'resident',
    onBehalfOf: null,
    submittedAt,
    dueOn,
  },
});
const approved = (applicationId: string, submittedAt: string, dueOn: string, decidedAt: string): ApplicationEvent => ({
  type: 'ApplicationApproved',
  data: { applicationId, communityId: 'C1', serviceCode: service.code, decidedBy: 'clerk-1', decidedAt, submittedAt, dueOn, basis: 'Օրենք' },
});

describe('case-reports projection: applications', () => {
  it('counts applications by status and keeps the open ones by due date', () => {
    const log = eventLog();
    log.append('application-a1', submitted('a1', '2024-03-02T01:30:00+04:00', '2024-03-12'));
    log.append('application-a2', submitted('a2', '2024-03-05T09:00:00Z', '2024-03-15'));
    log.append('application-a1', { type: 'ApplicationRegistered', data: { applicationId: 'a1', communityId: 'C1', registrationNumber: 'C1/2024/1', registeredBy: 'clerk-1', registeredAt: '2024-03-03T09:00:00Z' } });
    expect(statistics(log)).toEqual({
      id: 'C1',
      applications: { byStatus: { submitted: 1, registered: 1 }, openByDueOn: { '2024-03-12': 1, '2024-03-15': 1 } },
    });
  });

  it('a decision moves the application out of the open ones and into the day it was decided (whole days, on time or not)', () => {
    const log = eventLog();
    log.append('application-a1', submitted('a1', '2024-03-02T01:30:00+04:00', '2024-03-12'));
    log.append('application-a2', submitted('a2', '2024-03-05T09:00:00Z', '2024-03-08'));
    // Decided on 11 March in Yerevan (21:00 UTC on the 10th): 9 days after the submission date (2 March in Yerevan), on time.
    log.append('application-a1', approved('a1', '2024-03-02T01:30:00+04:00', '2024-03-12', '2024-03-10T21:00:00Z'));
    // 6 days, late (due on the 8th).
    log.append('application-a2', approved('a2', '2024-03-05T09:00:00Z', '2024-03-08', '2024-03-11T08:00:00Z'));
    expect(statistics(log)).toEqual({ id: 'C1', applications: { byStatus: { approved: 2 }, decided: 2 } });
    const expected = { id: 'community:C1', decisions: { '2024-03-11': { days: { '9': 1, '6': 1 }, onTime: 1 } } };
    expect(transparency(log)).toEqual(expected);
    expect(transparency(log, 'national')).toEqual({ ...expected, id: 'national' });
  });

  it('a withdrawal leaves the open ones and is no decision', () => {
    const log = eventLog();
    log.append('application-a1', submitted('a1', '2024-03-02T08:00:00Z', '2024-03-12'));
    log.append('application-a1', { type: 'ApplicationWithdrawn', data: { applicationId: 'a1', communityId: 'C1', reason: 'Այլևս պետք չէ', withdrawnBy: 'res-1', withdrawnAt: '2024-03-04T08:00:00Z' } });
    expect(statistics(log)).toEqual({ id: 'C1', applications: { byStatus: { withdrawn: 1 } } });
    expect(transparency(log)).toBeUndefined();
  });

  it('a replayed event changes nothing', () => {
    const log = eventLog();
    const [first] = log.append('application-a1', submitted('a1', '2024-03-02T08:00:00Z', '2024-03-12'));
    const once = projectInMemory(caseReportsProjection, log.events);
    const twice = projectInMemory(caseReportsProjection, [...log.events, { ...first, position: 99n }]);
    expect(twice).toEqual(once);
  });
});

describe('case-reports projection: fees', () => {
  const f = { feeId: 'f1', communityId: 'C1' };
  const assessed: FeeEvent = { type: 'FeeAssessed', data: { ...f, payerId: 'res-1', payerName: 'Անի', code: 'LD-01', amountAmd: 10_000, dueOn: '2024-04-01', basis: 'Որոշում 5', at: '2024-03-01T10:00:00+04:00' } };
  const payment = (amountAmd: number, reference: string, paidTotalAmd: number, paidAt: string): FeeEvent => ({ type: 'FeePaymentRecorded', data: { ...f, amountAmd, paidAt, reference, paidTotalAmd } });

  it('keeps the open balance by due date, the money paid and refunded, and each movement by day and code', () => {
    const log = eventLog();
    log.append('fee-f1', assessed);
    log.append('fee-f1', payment(4_000, 'R1', 4_000, '2024-03-05T10:00:00Z'));
    expect(statistics(log)).toEqual({ id: 'C1', fees: { paidAmd: 4_000, openByDueOn: { '2024-04-01': 1 }, openBalanceAmdByDueOn: { '2024-04-01': 6_000 } } });
    log.append('fee-f1', { type: 'FeeWaived', data: { ...f, reason: 'Արտոնություն', actId: 'act-9', at: '2024-03-06T21:00:00Z' } });
    log.append('fee-f1', { type: 'FeeRefunded', data: { ...f, amountAmd: 1_000, reason: 'Սխալ', refundedTotalAmd: 1_000, at: '2024-03-08T10:00:00Z' } } as FeeEvent);
    expect(statistics(log)).toEqual({ id: 'C1', fees: { paidAmd: 4_000, refundedAmd: 1_000 } });
    expect(transparency(log)).toEqual({
      id: 'community:C1',
      fees: {
        '2024-03-05': { 'LD-01': { paidAmd: 4_000, payments: 1 } },
        // The waiver forgives the balance of the day (10 000 − 4 000), dated by its Yerevan date.
        '2024-03-07': { 'LD-01': { waivedAmd: 6_000, waivers: 1 } },
        '2024-03-08': { 'LD-01': { refundedAmd: 1_000, refunds: 1 } },
      },
    });
  });

  it('a payment on a fee never assessed counts nothing', () => {
    const log = eventLog();
    log.append('fee-f9', payment(1_000, 'R1', 1_000, '2024-03-05T10:00:00Z'));
    expect(statistics(log)).toBeUndefined();
    expect(transparency(log, 'national')).toBeUndefined();
  });
});

describe('case-reports projection: acts and complaints', () => {
  const a = { actId: 'act1', communityId: 'C1' };
  const c = { complaintId: 'k1', communityId: 'C1' };

  it('an act counts on the day of its adoption (the session date) and of its publication', () => {
    const log = eventLog();
    log.append('act-act1', [
      { type: 'ActDrafted', data: { ...a, issuer: 'council', titleHy: 'Տեղական տուրքերի մասին', titleEn: 'On local duties', text: 'v1', version: 1, draftedBy: 'clerk-1', at: '2024-01-10T12:00:00+04:00' } },
      { type: 'ActPlacedOnAgenda', data: { ...a, version: 1, sessionDate: '2024-02-01', at: '2024-01-20T10:00:00Z' } },
      { type: 'ActAdopted', data: { ...a, number: '2024/1', votes: { for: 7, against: 2, abstained: 1 }, sessionDate: '2024-02-01', version: 1, at: '2024-02-03T10:00:00Z' } },
      { type: 'ActPublished', data: { ...a, effectiveFrom: '2024-03-01', version: 1, at: '2024-02-10T10:00:00Z' } },
    ] as LegalActEvent[]);
    expect(transparency(log)).toEqual({ id: 'community:C1', actsAdopted: { '2024-02-01': 1 }, actsPublished: { '2024-02-10': 1 } });
    expect(statistics(log)).toBeUndefined();
  });

  it('a complaint counts by status, open ones by response due date, and by its latest response (a second response moves it)', () => {
    const log = eventLog();
    log.append('complaint-k1', {
      type: 'ComplaintFiled',
      data: { ...c, channel: 'hotline', category: 'roads', subject: 'Փոս', description: 'Փոս փողոցում', complainantId: 'res-2', filedAt: '2024-03-01T08:00:00Z', responseDueOn: '2024-03-31' },
    } as ComplaintEvent);
    expect(statistics(log)).toEqual({ id: 'C1', complaints: { byStatus: { filed: 1 }, openByResponseDueOn: { '2024-03-31': 1 } } });
    log.append('complaint-k1', { type: 'ComplaintResponded', data: { ...c, response: 'Կվերանորոգվի', resolution: 'rejected', at: '2024-03-20T20:30:00Z', reopenableUntil: '2024-04-20' } });
    log.append('complaint-k1', { type: 'ComplaintReopened', data: { ...c, reason: 'Չվերանորոգվեց', at: '2024-04-01T08:00:00Z' } });
    expect(statistics(log)).toEqual({ id: 'C1', complaints: { byStatus: { reopened: 1 }, byResolution: { rejected: 1 }, openByResponseDueOn: { '2024-03-31': 1 } } });
    expect(transparency(log)).toEqual({ id: 'community:C1', complaintsResponded: { '2024-03-21': { rejected: 1 } } });
    log.append('complaint-k1', { type: 'ComplaintResponded', data: { ...c, response: 'Վերանորոգված է', resolution: 'upheld', at: '2024-04-05T08:00:00Z', reopenableUntil: '2024-05-05' } });
    expect(statistics(log)).toEqual({ id: 'C1', complaints: { byStatus: { responded: 1 }, byResolution: { upheld: 1 } } });
    expect(transparency(log)).toEqual({ id: 'community:C1', complaintsResponded: { '2024-04-05': { upheld: 1 } } });
  });
});

describe('case-reports projection: communities are kept apart', () => {
  it('each community has its statistics; the national transparency document sums them', () => {
    const log = eventLog();
    const other = (e: ApplicationEvent): ApplicationEvent => ({ ...e, data: { ...e.data, communityId: 'C2' } }) as ApplicationEvent;
    log.append('application-a1', [submitted('a1', '2024-03-01T08:00:00Z', '2024-03-11'), approved('a1', '2024-03-01T08:00:00Z', '2024-03-11', '2024-03-04T08:00:00Z')]);
    log.append('application-b1', [other(submitted('b1', '2024-03-02T08:00:00Z', '2024-03-12')), other(approved('b1', '2024-03-02T08:00:00Z', '2024-03-12', '2024-03-04T08:00:00Z'))]);
    expect(statistics(log, 'C1')).toEqual({ id: 'C1', applications: { byStatus: { approved: 1 }, decided: 1 } });
    expect(statistics(log, 'C2')).toEqual({ id: 'C2', applications: { byStatus: { approved: 1 }, decided: 1 } });
    expect(transparency(log, 'national')).toEqual({ id: 'national', decisions: { '2024-03-04': { days: { '3': 1, '2': 1 }, onTime: 2 } } });
  });
});

describe('case-reports projection: correspondence in the transparency documents', () => {
  const ref = (documentId: string) => ({ documentId, communityId: 'C1' });
  const incoming = (documentId: string, number: string, registeredAt: string): DocumentEvent => ({
    type: 'IncomingDocumentRegistered',
    data: { ...ref(documentId), number, year: 2024, subject: 'Ճանապարհների նորոգում', attachments: [], registeredAt, senderName: 'Մարզպետարան', receivedOn: registeredAt.slice(0, 10), channel: 'post' },
  });
  const resolution = (documentId: string, executorIds: string[], controlDueOn: string | null): DocumentEvent => ({
    type: 'ResolutionIssued',
    data: { ...ref(documentId), executorIds, instruction: 'Պատրաստել պատասխան', controlDueOn, controlWorkingDays: null, issuedBy: 'head-1', at: '2024-03-01T09:00:00Z' },
  });
  const reported = (documentId: string, executorId: string, at: string): DocumentEvent => ({ type: 'ExecutionReported', data: { ...ref(documentId), executorId, report: 'Կատարված է', at } });

  it('counts registrations by Yerevan date, executions (on time by the control date) and the documents in execution by control date', () => {
    const log = eventLog();
    // 21:30 UTC on 29 February is 1 March in Yerevan.
    log.append('document-d1', [incoming('d1', '1', '2024-02-29T21:30:00Z'), resolution('d1', ['e1', 'e2'], '2024-03-05')]);
    log.append('document-d2', [incoming('d2', '2', '2024-03-01T08:00:00Z'), resolution('d2', ['e1'], '2024-03-04')]);
    log.append('document-d3', [incoming('d3', '3', '2024-03-02T08:00:00Z'), resolution('d3', ['e1'], null)]);
    expect(transparency(log)).toEqual({
      id: 'community:C1',
      documentsRegistered: { '2024-03-01': 2, '2024-03-02': 1 },
      documentsInExecutionByControlDueOn: { '2024-03-05': 1, '2024-03-04': 1 },
    });

    // d1: one executor of two has reported — still in execution. d2: executed late. d3: executed, no control date.
    log.append('document-d1', reported('d1', 'e1', '2024-03-04T08:00:00Z'));
    log.append('document-d2', reported('d2', 'e1', '2024-03-05T08:00:00Z'));
    log.append('document-d3', reported('d3', 'e1', '2024-03-05T09:00:00Z'));
    expect(transparency(log)).toMatchObject({
      documentsExecuted: { '2024-03-05': { count: 2, onTime: 1 } },
      documentsInExecutionByControlDueOn: { '2024-03-05': 1 },
    });
    // The second executor reports on the control date: on time. The national document counts the same.
    log.append('document-d1', reported('d1', 'e2', '2024-03-05T15:00:00Z'));
    const expected = { documentsRegistered: { '2024-03-01': 2, '2024-03-02': 1 }, documentsExecuted: { '2024-03-05': { count: 3, onTime: 2 } } };
    expect(transparency(log)).toEqual({ id: 'community:C1', ...expected });
    expect(transparency(log, 'national')).toEqual({ id: 'national', ...expected });
  });

  it('a cancelled registration is not counted; an extension moves the control date; the case statistics are untouched', () => {
    const log = eventLog();
    log.append('document-d1', [incoming('d1', '1', '2024-03-01T08:00:00Z'), resolution('d1', ['e1'], '2024-03-05')]);
    log.append('document-d2', incoming('d2', '2', '2024-03-01T09:00:00Z'));
    log.append('document-d2', { type: 'DocumentRegistrationCancelled', data: { ...ref('d2'), reason: 'Կրկնակի գրանցում', at: '2024-03-01T10:00:00Z' } });
    log.append('document-d1', { type: 'ControlExtended', data: { ...ref('d1'), previousDueOn: '2024-03-05', dueOn: '2024-03-12', reason: 'Լրացուցիչ տեղեկություն', at: '2024-03-04T08:00:00Z' } });
    expect(transparency(log)).toEqual({ id: 'community:C1', documentsRegistered: { '2024-03-01': 1 }, documentsInExecutionByControlDueOn: { '2024-03-12': 1 } });
    expect(statistics(log)).toBeUndefined();
  });

  it('a replayed event changes nothing', () => {
    const log = eventLog();
    const [registered] = log.append('document-d1', incoming('d1', '1', '2024-03-01T08:00:00Z'));
    expect(projectInMemory(caseReportsProjection, [...log.events, registered]).get(CASE_REPORT_COLLECTIONS.transparency)!.get('community:C1')).toEqual({
      id: 'community:C1',
      documentsRegistered: { '2024-03-01': 1 },
    });
  });
});

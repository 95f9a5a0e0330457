/**
 * The `cases` projection: given events → the documents it stores (state folded with the decider's own
 * evolve, indexed fields extracted for filters and sorts).
 */
import { fold } from '../../domain/kernel/decider';
import { applicationDecider, type ApplicationEvent } from '../../domain/service-application';
import { communityDecider, type CommunityEvent } from '../../domain/community';
import { complaintDecider, type ComplaintEvent } from '../../domain/complaint';
import { feeDecider, type FeeEvent } from '../../domain/fee';
import { legalActDecider, type LegalActEvent } from '../../domain/legal-act';
import { NEVER } from './schema';
import { projectInMemory, type Doc } from '../definition';
import { eventLog } from '../../tests/support/projection-log';
import { casesProjection } from '.';

const docsOf = (collection: string, events: Parameters<typeof projectInMemory>[1]): Map<string, Doc> => projectInMemory(casesProjection, events).get(collection)!;

const service = { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5000, deadlineDays: 10, issues: 'permit' as const };

const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: {
    applicationId: 'a1',
    communityId: 'C1',
    serviceCode: 'construction-permit',
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
    // 01:30 on 2 March in Yerevan: the due date counts from the Yerevan date.
    submittedAt: '2024-03-02T01:30:00+04:00',
    dueOn: '2024-03-12',
  },
};
const base = { applicationId: 'a1', communityId: 'C1' };
const registered: ApplicationEvent = { type: 'ApplicationRegistered', data: { ...base, registrationNumber: 'C1-2024-A1', registeredBy: 'clerk-1', registeredAt: '2024-03-03T09:00:00Z' } };
const approved: ApplicationEvent = {
  type: 'ApplicationApproved',
  data: { ...base, serviceCode: 'construction-permit', decidedBy: 'clerk-1', decidedAt: '2024-03-10T21:00:00Z', submittedAt: submitted.data.submittedAt as string, dueOn: '2024-03-12', basis: 'Law' },
};

describe('cases projection: applications', () => {
  it('stores a submitted application with its state and indexed fields', () => {
    const log = eventLog();
    log.append('application-a1', submitted);
    const doc = docsOf('applications', log.events).get('a1');
    expect(doc).toEqual({
      id: 'a1',
      revision: 0,
      position: '1',
      communityId: 'C1',
      status: 'submitted',
      open: true,
      dueOn: '2024-03-12',
      openDueOn: '2024-03-12',
      applicantId: 'res-1',
      submittedAt: '2024-03-01T21:30:00.000Z',
      decidedOn: null,
      serviceCode: 'construction-permit',
      state: fold(applicationDecider, [submitted]),
    });
  });

  it('a decision closes the case: open false, openDueOn NEVER, decidedOn the Yerevan date of the decision', () => {
    const log = eventLog();
    log.append('application-a1', [submitted, registered]);
    log.append('application-a1', approved);
    const doc = docsOf('applications', log.events).get('a1')!;
    expect(doc).toMatchObject({ revision: 2, position: '3', status: 'approved', open: false, openDueOn: NEVER, decidedOn: '2024-03-11' });
    expect(doc.state).toEqual(fold(applicationDecider, [submitted, registered, approved]));
  });

  it('ignores a replayed revision, events of unknown types and events before the submission', () => {
    const log = eventLog();
    const [first] = log.append('application-a1', submitted);
    log.append('application-a1', { type: 'ApplicationTeleported', data: { applicationId: 'a1' } });
    log.append('application-b2', registered);
    const replay = { ...first, position: 99n, data: { ...submitted.data, subject: 'changed' } };
    const docs = docsOf('applications', [...log.events, replay]);
    expect([...docs.keys()]).toEqual(['a1']);
    expect(docs.get('a1')).toMatchObject({ revision: 0, position: '1', state: { subject: 'Ավտոտնակ' } });
  });
});

describe('cases projection: fees', () => {
  const assessed: FeeEvent = {
    type: 'FeeAssessed',
    data: { feeId: 'f1', communityId: 'C1', payerId: 'res-1', payerName: 'Անի', code: 'LD-01', amountAmd: 10_000, dueOn: '2024-04-01', basis: 'Decision 5', at: '2024-03-01T10:00:00+04:00' },
  };
  const payment = (amountAmd: number, reference: string, paidTotalAmd: number): FeeEvent => ({
    type: 'FeePaymentRecorded',
    data: { feeId: 'f1', communityId: 'C1', amountAmd, paidAt: '2024-03-05T10:00:00Z', reference, paidTotalAmd },
  });

  it('derives status, open and openDueOn from the folded state', () => {
    const log = eventLog();
    log.append('fee-f1', assessed);
    log.append('fee-f1', payment(4_000, 'R1', 4_000));
    let doc = docsOf('fees', log.events).get('f1')!;
    expect(doc).toMatchObject({ communityId: 'C1', status: 'partially-paid', open: true, dueOn: '2024-04-01', openDueOn: '2024-04-01', payerId: 'res-1', assessedAt: '2024-03-01T06:00:00.000Z', code: 'LD-01', applicationId: null });
    const paid: FeeEvent = { type: 'FeePaid', data: { feeId: 'f1', communityId: 'C1', amountAmd: 10_000, paidAmd: 10_000, at: '2024-03-06T10:00:00Z' } };
    log.append('fee-f1', [payment(6_000, 'R2', 10_000), paid]);
    doc = docsOf('fees', log.events).get('f1')!;
    expect(doc).toMatchObject({ revision: 3, status: 'paid', open: false, openDueOn: NEVER });
    expect(doc.state).toEqual(fold(feeDecider, log.events.map((e) => ({ type: e.type, data: e.data }) as FeeEvent)));
  });

  it('a payment recorded on a fee that was never assessed makes no document', () => {
    const log = eventLog();
    log.append('fee-f9', payment(1_000, 'R1', 1_000));
    expect(docsOf('fees', log.events).size).toBe(0);
  });
});

describe('cases projection: acts', () => {
  const a = { actId: 'act1', communityId: 'C1' };
  const drafted: LegalActEvent = {
    type: 'ActDrafted',
    data: { ...a, issuer: 'council', titleHy: 'Տեղական տուրքերի մասին', titleEn: 'On local duties', text: 'v1', version: 1, draftedBy: 'clerk-1', at: '2024-01-10T12:00:00+04:00' },
  };
  const onAgenda: LegalActEvent = { type: 'ActPlacedOnAgenda', data: { ...a, version: 1, sessionDate: '2024-02-01', at: '2024-01-20T10:00:00Z' } };
  const adopted: LegalActEvent = { type: 'ActAdopted', data: { ...a, number: '2024/1', votes: { for: 7, against: 2, abstained: 1 }, sessionDate: '2024-02-01', version: 1, at: '2024-02-03T10:00:00Z' } };
  const published: LegalActEvent = {
    type: 'ActPublished',
    data: { ...a, issuer: 'council', number: '2024/1', titleHy: 'Տեղական տուրքերի մասին', titleEn: 'On local duties', version: 1, text: 'v1', effectiveFrom: '2024-03-01', at: '2024-02-10T20:30:00Z' },
  };
  const repealed: LegalActEvent = { type: 'ActRepealed', data: { ...a, repealingActId: 'act2', effectiveFrom: '2030-01-01', at: '2024-06-01T10:00:00Z' } };

  it('keeps the phase as stored status and the dates of adoption (session), publication and repeal', () => {
    const log = eventLog();
    log.append('act-act1', [drafted, onAgenda, adopted, published]);
    log.append('act-act1', repealed);
    const doc = docsOf('acts', log.events).get('act1')!;
    expect(doc).toEqual({
      id: 'act1',
      revision: 4,
      position: '5',
      communityId: 'C1',
      status: 'published',
      issuer: 'council',
      adoptedOn: '2024-02-01',
      publishedOn: '2024-02-11',
      repealEffectiveFrom: '2030-01-01',
      repealOnOrNever: '2030-01-01',
      draftedAt: '2024-01-10T08:00:00.000Z',
      state: fold(legalActDecider, [drafted, onAgenda, adopted, published, repealed]),
    });
  });

  it('a head decision is adopted on the Yerevan date it was signed; an unrepealed act is repealed NEVER', () => {
    const log = eventLog();
    log.append('act-act1', { ...drafted, data: { ...drafted.data, issuer: 'head' } } as LegalActEvent);
    log.append('act-act1', { type: 'ActSigned', data: { ...a, number: '2024/2', version: 1, signedBy: 'head-1', at: '2024-05-01T21:00:00Z' } });
    expect(docsOf('acts', log.events).get('act1')).toMatchObject({ status: 'signed', issuer: 'head', adoptedOn: '2024-05-02', publishedOn: null, repealEffectiveFrom: null, repealOnOrNever: NEVER });
  });

  it('the act register (actregister-… streams) is not an act', () => {
    const log = eventLog();
    log.append('actregister-C1_2024', { type: 'ActNumberAssigned', data: { communityId: 'C1', year: 2024, sequence: 1, number: '2024/1', actId: 'act1', at: '2024-02-03T10:00:00Z' } });
    expect(docsOf('acts', log.events).size).toBe(0);
  });
});

describe('cases projection: complaints', () => {
  const c = { complaintId: 'k1', communityId: 'C1' };
  const filed: ComplaintEvent = {
    type: 'ComplaintFiled',
    data: { ...c, channel: 'hotline', category: 'roads', subject: 'Փոս', description: 'Փոս փողոցում', complainantId: 'res-2', filedAt: '2024-03-01T08:00:00Z', responseDueOn: '2024-03-31' },
  };
  const responded: ComplaintEvent = { type: 'ComplaintResponded', data: { ...c, response: 'Կվերանորոգվի', resolution: 'upheld', at: '2024-03-20T20:30:00Z', reopenableUntil: '2024-04-20' } };

  it('open until responded; a reopening opens it again with the same due date', () => {
    const log = eventLog();
    log.append('complaint-k1', filed);
    expect(docsOf('complaints', log.events).get('k1')).toMatchObject({ status: 'filed', open: true, responseDueOn: '2024-03-31', openResponseDueOn: '2024-03-31', complainantId: 'res-2', filedAt: '2024-03-01T08:00:00.000Z', respondedOn: null, resolution: null, channel: 'hotline' });
    log.append('complaint-k1', responded);
    expect(docsOf('complaints', log.events).get('k1')).toMatchObject({ status: 'responded', open: false, openResponseDueOn: NEVER, respondedOn: '2024-03-21', resolution: 'upheld' });
    log.append('complaint-k1', { type: 'ComplaintReopened', data: { ...c, reason: 'Չվերանորոգվեց', at: '2024-04-01T08:00:00Z' } });
    const doc = docsOf('complaints', log.events).get('k1')!;
    expect(doc).toMatchObject({ status: 'reopened', open: true, openResponseDueOn: '2024-03-31', respondedOn: '2024-03-21', resolution: 'upheld' });
    expect(doc.state).toEqual(fold(complaintDecider, log.events.map((e) => ({ type: e.type, data: e.data }) as ComplaintEvent)));
  });
});

describe('cases projection: communities', () => {
  const registered = (communityId: string, nameEn: string): CommunityEvent => ({
    type: 'CommunityRegistered',
    data: { communityId, nameHy: nameEn, nameEn, province: 'Shirak', kind: 'rural', population: 900, settlements: [], on: '2015-01-01', source: null },
  });

  it('a merged community keeps its document with mergedOn; a consolidated one is flagged', () => {
    const log = eventLog();
    log.append('community-A', registered('A', 'Alpha'));
    log.append('community-B-F01', registered('B-F01', 'Beta'));
    log.append('community-N', {
      type: 'CommunityConsolidated',
      data: { communityId: 'N', nameHy: 'Նոր', nameEn: 'New', province: 'Shirak', kind: 'rural', population: null, settlements: ['A', 'B'], formerCommunityIds: ['A', 'B-F01'], on: '2017-06-01', source: 'synthetic' },
    });
    log.append('community-A', { type: 'CommunityMerged', data: { communityId: 'A', mergedInto: 'N', on: '2017-06-01', source: null } });
    const docs = docsOf('communities', log.events);
    expect([...docs.keys()].sort()).toEqual(['A', 'B-F01', 'N']);
    expect(docs.get('A')).toMatchObject({ revision: 1, province: 'Shirak', kind: 'rural', registeredOn: '2015-01-01', mergedOn: '2017-06-01', mergedOnOrNever: '2017-06-01', nameEn: 'Alpha', consolidated: false });
    expect(docs.get('B-F01')).toMatchObject({ mergedOn: null, mergedOnOrNever: NEVER });
    expect(docs.get('N')).toMatchObject({ registeredOn: '2017-06-01', consolidated: true, state: fold(communityDecider, [log.events[2]].map((e) => ({ type: e.type, data: e.data }) as CommunityEvent)) });
  });
});

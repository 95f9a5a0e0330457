/**
 * The outbox: one message per event a resident is told about, addressed to the resident whose case it
 * is; none for cases without an identified resident, none for events nobody is told about; contact
 * details kept with the point of the log from which their email counts. Messages read in Armenian and
 * English.
 */
import type { DomainEvent } from '../../domain/kernel/decider';
import { eventLog } from '../../tests/support/projection-log';
import { projectInMemory } from '../definition';
import { composeMessage } from '../../application/notifications/messages';
import { outboxProjection } from './outbox-projection';
import { seqOf, type OutboxContactDoc, type OutboxMessageDoc } from './schema';

const ANI = '0800199001';
const APP = 'app-1';
const service = { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5000, deadlineDays: 10, issues: 'permit' };
const base = { applicationId: APP, communityId: 'AM08001' };
const decision = { serviceCode: 'construction-permit', decidedBy: 'clerk-1', decidedAt: '2026-12-02T08:00:00Z', submittedAt: '2026-12-01T08:00:00Z', dueOn: '2026-12-11' };

const community: DomainEvent = {
  type: 'CommunityRegistered',
  data: { communityId: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 1, settlements: [], on: '2000-01-01', source: {} },
};
const submitted = (applicantId: string | null, id = APP): DomainEvent => ({
  type: 'ApplicationSubmitted',
  data: { ...base, applicationId: id, serviceCode: service.code, service, kind: 'application', subject: 'Ավտոտնակ', details: '', applicantId, applicantName: 'Անի', channel: 'online', submittedBy: applicantId ?? 'clerk-1', submittedByRole: 'resident', onBehalfOf: null, submittedAt: '2026-12-01T08:00:00Z', dueOn: '2026-12-11', trackingCode: 'ABCDE23456' },
});
const registered = (id = APP): DomainEvent => ({ type: 'ApplicationRegistered', data: { ...base, applicationId: id, registrationNumber: 'AM08001/2026/1', registeredBy: 'clerk-1', registeredAt: '2026-12-01T09:00:00Z' } });
const asked: DomainEvent = { type: 'ApplicationInformationRequested', data: { ...base, question: 'Կցեք հատակագիծը', requestedBy: 'clerk-1', requestedAt: '2026-12-01T10:00:00Z' } };
const assigned: DomainEvent = { type: 'ApplicationAssigned', data: { ...base, assigneeId: 'clerk-2', assignedBy: 'head-1', assignedAt: '2026-12-01T10:00:00Z' } };
const approved: DomainEvent = { type: 'ApplicationApproved', data: { ...base, ...decision, basis: 'Օրենք, հոդված 23' } };
const permit: DomainEvent = {
  type: 'PermitIssued',
  data: { ...base, serviceCode: service.code, applicantId: ANI, permitNumber: 'AM08001/2026/1-P', validFrom: '2026-12-03', validUntil: '2027-12-02', issuedBy: 'clerk-1', issuedAt: '2026-12-03T08:00:00Z' },
};
const fee = (payerId: string): DomainEvent => ({
  type: 'FeeAssessed',
  data: { feeId: 'fee-1', communityId: 'AM08001', payerId, payerName: 'Անի', code: 'construction-permit', amountAmd: 5000, dueOn: '2026-12-20', basis: 'Որոշում N 5', applicationId: APP, at: '2026-12-01T09:30:00Z' },
});
const complaintFiled = (complainantId?: string): DomainEvent => ({
  type: 'ComplaintFiled',
  data: { complaintId: 'c-1', communityId: 'AM08001', channel: 'online', category: 'roads', subject: 'Փոսեր փողոցում', description: '…', ...(complainantId ? { complainantId } : {}), filedAt: '2026-12-01T08:00:00Z', responseDueOn: '2026-12-31' },
});
const complaintAnswered: DomainEvent = {
  type: 'ComplaintResponded',
  data: { complaintId: 'c-1', communityId: 'AM08001', response: 'Կնորոգվի մինչև ամիսը', resolution: 'upheld', at: '2026-12-05T08:00:00Z', reopenableUntil: '2027-01-04' },
};
const contact = (email: string | null, language: 'hy' | 'en' = 'hy'): DomainEvent => ({
  type: 'ContactDetailsUpdated',
  data: { personId: ANI, email, phone: null, language, at: '2026-12-01T07:00:00Z' },
});

const project = (build: (log: ReturnType<typeof eventLog>) => void) => {
  const log = eventLog();
  build(log);
  const out = projectInMemory(outboxProjection, log.events);
  return {
    log,
    messages: [...out.get('outboxMessages')!.values()] as unknown as OutboxMessageDoc[],
    contacts: out.get('outboxContacts')! as unknown as Map<string, OutboxContactDoc>,
  };
};

describe('outbox projection', () => {
  it('makes one message per told event of an application, for its applicant, in log order', () => {
    const { messages, log } = project((log) => {
      log.append('community-AM08001', community);
      log.append(`application-${APP}`, [submitted(ANI), registered(), assigned, asked, approved, permit]);
    });
    expect(messages.map((m) => m.kind)).toEqual(['application-registered', 'information-requested', 'application-approved', 'permit-issued']);
    expect(new Set(messages.map((m) => m.recipientId))).toEqual(new Set([ANI]));
    const registeredEvent = log.events.find((e) => e.type === 'ApplicationRegistered')!;
    expect(messages[0]).toEqual({
      id: registeredEvent.metadata.eventId,
      recipientId: ANI,
      seq: seqOf(registeredEvent.position),
      position: registeredEvent.position.toString(),
      kind: 'application-registered',
      caseKind: 'application',
      caseId: APP,
      communityId: 'AM08001',
      communityNameHy: 'Գյումրի',
      communityNameEn: 'Gyumri',
      serviceNameHy: service.nameHy,
      serviceNameEn: service.nameEn,
      occurredAt: registeredEvent.metadata.occurredAt,
      recordedAt: registeredEvent.metadata.recordedAt,
      facts: { registrationNumber: 'AM08001/2026/1', trackingCode: 'ABCDE23456' },
    });
    expect(messages[3].facts).toEqual({ documentNumber: 'AM08001/2026/1-P', validFrom: '2026-12-03', validUntil: '2027-12-02' });
  });

  it('tells no one about a case without an identified resident', () => {
    const { messages } = project((log) => log.append(`application-${APP}`, [submitted(null), registered(), approved]));
    expect(messages).toEqual([]);
  });

  it('tells the payer of a fee and the complainant of an answered complaint; not an anonymous complainant', () => {
    const { messages } = project((log) => {
      log.append(`application-${APP}`, submitted(ANI));
      log.append('fee-fee-1', fee(ANI));
      log.append('complaint-c-1', [complaintFiled(ANI), complaintAnswered]);
      const second = (e: DomainEvent): DomainEvent => ({ ...e, data: { ...(e.data as object), complaintId: 'c-2' } });
      log.append('complaint-c-2', [second(complaintFiled()), second(complaintAnswered)]);
    });
    expect(messages.map((m) => [m.kind, m.recipientId, m.caseId])).toEqual([
      ['fee-assessed', ANI, 'fee-1'],
      ['complaint-answered', ANI, 'c-1'],
    ]);
    expect(messages[0].facts).toMatchObject({ amountAmd: 5000, dueOn: '2026-12-20' });
    expect(messages[0].serviceNameEn).toBe('Construction permit');
    expect(messages[1].facts).toMatchObject({ subject: 'Փոսեր փողոցում', response: 'Կնորոգվի մինչև ամիսը', resolution: 'upheld' });
  });

  it('keeps contact details with the point of the log from which the email counts (a new address counts anew)', () => {
    const { contacts, log } = project((log) => {
      log.append(`contact-${ANI}`, contact('ani@example.am'));
      log.append(`contact-${ANI}`, contact('ani@example.am', 'en'));
    });
    expect(contacts.get(ANI)).toMatchObject({ email: 'ani@example.am', language: 'en', emailSince: seqOf(log.events[0].position) });
    const changed = project((log) => {
      log.append(`contact-${ANI}`, contact('ani@example.am'));
      log.append(`contact-${ANI}`, contact('ani.s@example.am'));
    });
    expect(changed.contacts.get(ANI)?.emailSince).toBe(seqOf(changed.log.events[1].position));
    const cleared = project((log) => {
      log.append(`contact-${ANI}`, contact('ani@example.am'));
      log.append(`contact-${ANI}`, contact(null));
    });
    expect(cleared.contacts.get(ANI)).toMatchObject({ email: null, emailSince: null });
  });

  it('words each message in Armenian and in English, with the account and document links', () => {
    const { messages } = project((log) => {
      log.append('community-AM08001', community);
      log.append(`application-${APP}`, [submitted(ANI), registered(), asked, permit]);
    });
    const links = { publicUrl: 'https://hamaynk.example.am' };
    const hy = composeMessage(messages[0], 'hy', links);
    expect(hy.subject).toBe('Ձեր դիմումը գրանցվել է՝ AM08001/2026/1');
    expect(hy.text).toContain('Գյումրի համայնքը գրանցել է Ձեր դիմումը՝ Շինարարության թույլտվություն (AM08001/2026/1)։');
    expect(hy.text).toContain('https://hamaynk.example.am/account');
    const en = composeMessage(messages[1], 'en', links);
    expect(en.subject).toBe('The community asks for more information');
    expect(en.text).toContain('Կցեք հատակագիծը');
    const issued = composeMessage(messages[2], 'en', links);
    expect(issued.subject).toBe('Your permit is issued: No. AM08001/2026/1-P');
    expect(issued.text).toContain(`https://hamaynk.example.am/documents/${APP}.pdf`);
  });
});

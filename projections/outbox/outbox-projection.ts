/**
 * The `outbox` projection: turns the events a resident is told about into messages, one per event
 * (collection `outboxMessages`, keyed by the event's id), addressed to the resident whose case it is:
 *
 * | event                                                   | message kind                |
 * |---------------------------------------------------------|-----------------------------|
 * | ApplicationRegistered                                   | application-registered      |
 * | ApplicationInformationRequested                         | information-requested       |
 * | ApplicationApproved / ApplicationRejected / InquiryAnswered | application-approved / -rejected / inquiry-answered |
 * | PermitIssued / CertificateIssued                        | permit-issued / certificate-issued |
 * | FeeAssessed (on a payer who is a person)                | fee-assessed                |
 * | ComplaintResponded                                      | complaint-answered          |
 *
 * Whose case it is comes from the case's first event (ApplicationSubmitted's applicantId, ComplaintFiled's
 * complainantId), kept in `outboxCases`; a case with no identified resident (taken by staff for an
 * unidentified caller, an anonymous complaint) gets no messages. Contact details (`outboxContacts`) are
 * kept beside them; whether a message is mailed, and in which language, is the sender's to decide from
 * them. Pure: every document is a function of the events before it.
 */
import type { RecordedEvent } from '../../application/ports/event-store';
import type { CommunityEvent } from '../../domain/community/events';
import type { ComplaintEvent } from '../../domain/complaint/events';
import type { ContactEvent } from '../../domain/contact/events';
import type { FeeEvent } from '../../domain/fee/events';
import type { ApplicationEvent } from '../../domain/service-application/events';
import type { Doc, DocKey, DocumentsBefore, ProjectionDefinition } from '../definition';
import {
  OUTBOX_COLLECTIONS,
  OUTBOX_PROJECTION,
  OUTBOX_SPECS,
  seqOf,
  type MessageFacts,
  type MessageKind,
  type OutboxCaseDoc,
  type OutboxCommunityDoc,
  type OutboxContactDoc,
  type OutboxMessageDoc,
} from './schema';

type Told = ApplicationEvent | FeeEvent | ComplaintEvent | ContactEvent | CommunityEvent;

const NONE: readonly DocKey[] = [];
const caseKey = (kind: 'application' | 'complaint', id: string): DocKey => ({ collection: OUTBOX_COLLECTIONS.cases, id: `${kind}:${id}` });
const communityKey = (id: string): DocKey => ({ collection: OUTBOX_COLLECTIONS.communities, id });
const messageKey = (event: RecordedEvent): DocKey => ({ collection: OUTBOX_COLLECTIONS.messages, id: event.metadata.eventId });
const categoryOf = (streamId: string): string => streamId.slice(0, Math.max(0, streamId.indexOf('-')));

const APPLICATION_MESSAGES: Readonly<Record<string, MessageKind>> = {
  ApplicationRegistered: 'application-registered',
  ApplicationInformationRequested: 'information-requested',
  ApplicationApproved: 'application-approved',
  ApplicationRejected: 'application-rejected',
  InquiryAnswered: 'inquiry-answered',
  PermitIssued: 'permit-issued',
  CertificateIssued: 'certificate-issued',
};

const data = (event: RecordedEvent): Record<string, unknown> => (event.data ?? {}) as Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

export const outboxKeysOf = (event: RecordedEvent): readonly DocKey[] => {
  const d = data(event);
  switch (categoryOf(event.streamId)) {
    case 'application': {
      const applicationId = str(d.applicationId);
      const communityId = str(d.communityId);
      if (!applicationId || !communityId) return NONE;
      if (event.type === 'ApplicationSubmitted') return str(d.applicantId) ? [caseKey('application', applicationId)] : NONE;
      if (APPLICATION_MESSAGES[event.type]) return [caseKey('application', applicationId), communityKey(communityId), messageKey(event)];
      return NONE;
    }
    case 'fee':
      if (event.type !== 'FeeAssessed' || !str(d.payerId) || !str(d.communityId)) return NONE;
      return [communityKey(d.communityId as string), ...(str(d.applicationId) ? [caseKey('application', d.applicationId as string)] : []), messageKey(event)];
    case 'complaint': {
      const complaintId = str(d.complaintId);
      const communityId = str(d.communityId);
      if (!complaintId || !communityId) return NONE;
      if (event.type === 'ComplaintFiled') return str(d.complainantId) ? [caseKey('complaint', complaintId)] : NONE;
      if (event.type === 'ComplaintResponded') return [caseKey('complaint', complaintId), communityKey(communityId), messageKey(event)];
      return NONE;
    }
    case 'contact':
      return event.type === 'ContactDetailsUpdated' && str(d.personId) ? [{ collection: OUTBOX_COLLECTIONS.contacts, id: d.personId as string }] : NONE;
    case 'community':
      return (event.type === 'CommunityRegistered' || event.type === 'CommunityConsolidated') && str(d.communityId) ? [communityKey(d.communityId as string)] : NONE;
    default:
      return NONE;
  }
};

/** Drops the facts that do not apply (absent, not undefined: documents are JSON). */
const facts = (f: Record<string, string | number | null | undefined>): MessageFacts =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== null)) as MessageFacts;

const message = (
  event: RecordedEvent,
  before: DocumentsBefore,
  told: { recipientId: string; kind: MessageKind; caseKind: OutboxMessageDoc['caseKind']; caseId: string; communityId: string; facts: MessageFacts },
  theCase: OutboxCaseDoc | null,
): OutboxMessageDoc => {
  const community = before(communityKey(told.communityId)) as OutboxCommunityDoc | null;
  return {
    id: event.metadata.eventId,
    recipientId: told.recipientId,
    seq: seqOf(event.position),
    position: event.position.toString(),
    kind: told.kind,
    caseKind: told.caseKind,
    caseId: told.caseId,
    communityId: told.communityId,
    communityNameHy: community?.nameHy ?? null,
    communityNameEn: community?.nameEn ?? null,
    serviceNameHy: theCase?.serviceNameHy ?? null,
    serviceNameEn: theCase?.serviceNameEn ?? null,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    facts: told.facts,
  };
};

const applicationMessage = (e: ApplicationEvent, event: RecordedEvent, before: DocumentsBefore): OutboxMessageDoc | null => {
  const theCase = before(caseKey('application', e.data.applicationId)) as OutboxCaseDoc | null;
  const kind = APPLICATION_MESSAGES[e.type];
  if (!theCase || !kind) return null;
  const tracking = { trackingCode: theCase.trackingCode };
  const f = ((): MessageFacts => {
    switch (e.type) {
      case 'ApplicationRegistered':
        return facts({ registrationNumber: e.data.registrationNumber, ...tracking });
      case 'ApplicationInformationRequested':
        return facts({ question: e.data.question, ...tracking });
      case 'ApplicationApproved':
        return facts({ basis: e.data.basis, ...tracking });
      case 'ApplicationRejected':
        return facts({ reason: e.data.reason, basis: e.data.basis, ...tracking });
      case 'InquiryAnswered':
        return facts({ answer: e.data.answer, ...tracking });
      case 'PermitIssued':
        return facts({ documentNumber: e.data.permitNumber, validFrom: e.data.validFrom, validUntil: e.data.validUntil });
      case 'CertificateIssued':
        return facts({ documentNumber: e.data.certificateNumber });
      default:
        return {};
    }
  })();
  return message(event, before, { recipientId: theCase.recipientId, kind, caseKind: 'application', caseId: e.data.applicationId, communityId: e.data.communityId, facts: f }, theCase);
};

const evolveMessage = (doc: OutboxMessageDoc | null, event: RecordedEvent, before: DocumentsBefore): OutboxMessageDoc | null => {
  // One message per event, written once.
  if (doc !== null) return doc;
  const e = { type: event.type, data: event.data } as Told;
  switch (e.type) {
    case 'FeeAssessed': {
      const theCase = e.data.applicationId ? (before(caseKey('application', e.data.applicationId)) as OutboxCaseDoc | null) : null;
      return message(
        event,
        before,
        {
          recipientId: e.data.payerId,
          kind: 'fee-assessed',
          caseKind: 'fee',
          caseId: e.data.feeId,
          communityId: e.data.communityId,
          facts: facts({ amountAmd: e.data.amountAmd, dueOn: e.data.dueOn, feeCode: e.data.code, basis: e.data.basis }),
        },
        theCase,
      );
    }
    case 'ComplaintResponded': {
      const theCase = before(caseKey('complaint', e.data.complaintId)) as OutboxCaseDoc | null;
      if (!theCase) return null;
      return message(
        event,
        before,
        {
          recipientId: theCase.recipientId,
          kind: 'complaint-answered',
          caseKind: 'complaint',
          caseId: e.data.complaintId,
          communityId: e.data.communityId,
          facts: facts({ subject: theCase.subject, response: e.data.response, resolution: e.data.resolution }),
        },
        theCase,
      );
    }
    default:
      return APPLICATION_MESSAGES[e.type] ? applicationMessage(e as ApplicationEvent, event, before) : null;
  }
};

const evolveCase = (doc: OutboxCaseDoc | null, event: RecordedEvent, key: DocKey): OutboxCaseDoc | null => {
  const e = { type: event.type, data: event.data } as Told;
  if (e.type === 'ApplicationSubmitted' && e.data.applicantId) {
    return {
      id: key.id,
      recipientId: e.data.applicantId,
      communityId: e.data.communityId,
      serviceNameHy: e.data.service?.nameHy ?? null,
      serviceNameEn: e.data.service?.nameEn ?? null,
      trackingCode: e.data.trackingCode ?? null,
      subject: e.data.subject,
    };
  }
  if (e.type === 'ComplaintFiled' && e.data.complainantId) {
    return { id: key.id, recipientId: e.data.complainantId, communityId: e.data.communityId, serviceNameHy: null, serviceNameEn: null, trackingCode: null, subject: e.data.subject };
  }
  return doc;
};

const evolveContact = (doc: OutboxContactDoc | null, event: RecordedEvent): OutboxContactDoc | null => {
  if (event.type !== 'ContactDetailsUpdated') return doc;
  const d = event.data as ContactEvent['data'];
  const sameEmail = doc !== null && doc.email === d.email;
  return {
    id: d.personId,
    email: d.email,
    phone: d.phone,
    language: d.language,
    emailSince: d.email === null ? null : sameEmail ? doc.emailSince : seqOf(event.position),
    updatedAt: d.at,
  };
};

const evolveCommunity = (doc: OutboxCommunityDoc | null, event: RecordedEvent): OutboxCommunityDoc | null => {
  const e = { type: event.type, data: event.data } as Told;
  if (e.type === 'CommunityRegistered' || e.type === 'CommunityConsolidated') return { id: e.data.communityId, nameHy: e.data.nameHy, nameEn: e.data.nameEn };
  return doc;
};

export const outboxProjection: ProjectionDefinition = {
  name: OUTBOX_PROJECTION,
  collections: OUTBOX_SPECS,
  keysOf: outboxKeysOf,
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey, before: DocumentsBefore): Doc | null {
    switch (key.collection) {
      case OUTBOX_COLLECTIONS.messages:
        return evolveMessage(doc as unknown as OutboxMessageDoc | null, event, before) as unknown as Doc | null;
      case OUTBOX_COLLECTIONS.cases:
        return evolveCase(doc as unknown as OutboxCaseDoc | null, event, key) as unknown as Doc | null;
      case OUTBOX_COLLECTIONS.contacts:
        return evolveContact(doc as unknown as OutboxContactDoc | null, event) as unknown as Doc | null;
      case OUTBOX_COLLECTIONS.communities:
        return evolveCommunity(doc as unknown as OutboxCommunityDoc | null, event) as unknown as Doc | null;
      default:
        return doc;
    }
  },
};

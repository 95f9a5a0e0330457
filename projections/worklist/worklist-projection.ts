/**
 * The `worklist` projection: one row per application, fee and complaint (schema.ts). The aggregate's
 * state is folded with its decider's own `evolve` (the models of the cases projection), so a row never
 * disagrees with the write side; the row's fields and keys are computed from that state and the event.
 */
import type { RecordedEvent } from '../../application/ports/event-store';
import { OPEN_STATUSES, type ApplicationCase } from '../../domain/service-application/state';
import { complaintStatus, type Complaint } from '../../domain/complaint/state';
import { feeStatus, type Fee } from '../../domain/fee/state';
import { applicationsModel, complaintsModel, feesModel, type AnyCaseModel } from '../cases';
import { utcInstant, yerevanDay } from '../dates';
import type { Doc, DocKey, DocumentsBefore, ProjectionDefinition } from '../definition';
import {
  WORKLIST_COLLECTIONS,
  WORKLIST_NEVER,
  WORKLIST_PROJECTION,
  WORKLIST_COLLECTION_SPECS,
  communityKey,
  searchFold,
  type WorklistCountsDoc,
  type WorklistDoc,
  type WorklistKind,
  type WorklistRow,
} from './schema';

/** What a row takes from the aggregate's state (the rest comes from the event and the previous row). */
type Facts = Omit<WorklistRow, 'caseId' | 'kind' | 'createdAt' | 'createdOn' | 'updatedAt' | 'revision' | 'openDueOn'>;

const OPEN_APPLICATION: ReadonlySet<string> = new Set(OPEN_STATUSES);

const applicationFacts = (s: ApplicationCase): Facts => ({
  communityId: s.communityId,
  status: s.status,
  open: OPEN_APPLICATION.has(s.status),
  assigneeId: s.assigneeId,
  awaitingInformation: s.status === 'awaiting-information',
  dueOn: s.dueOn,
  categoryCode: s.service.code,
  serviceNameHy: s.service.nameHy,
  serviceNameEn: s.service.nameEn,
  registrationNumber: s.registrationNumber,
  trackingCode: s.trackingCode,
  partyId: s.applicantId,
  partyName: s.applicantName,
  subject: s.subject,
});

const feeFacts = (s: Fee): Facts => {
  const status = feeStatus(s);
  return {
    communityId: s.communityId,
    status,
    open: status === 'due' || status === 'partially-paid',
    assigneeId: null,
    awaitingInformation: false,
    dueOn: s.dueOn,
    categoryCode: s.code,
    serviceNameHy: null,
    serviceNameEn: null,
    registrationNumber: null,
    trackingCode: null,
    partyId: s.payerId,
    partyName: s.payerName,
    subject: s.basis,
  };
};

const complaintFacts = (s: Complaint): Facts => {
  const status = complaintStatus(s);
  return {
    communityId: s.communityId,
    status,
    open: status !== 'responded' && status !== 'closed',
    assigneeId: s.assigneeId,
    awaitingInformation: false,
    dueOn: s.responseDueOn,
    categoryCode: s.category,
    serviceNameHy: null,
    serviceNameEn: null,
    registrationNumber: null,
    trackingCode: null,
    partyId: s.complainantId ?? null,
    partyName: s.complainantName ?? null,
    subject: s.subject,
  };
};

interface Source {
  readonly kind: WorklistKind;
  readonly model: AnyCaseModel;
  readonly types: ReadonlySet<string>;
  readonly facts: (state: never) => Facts;
  /** When the case began (UTC ISO instant), from its state. */
  readonly createdAt: (state: never) => string;
}

const SOURCES: readonly Source[] = [
  { kind: 'application', model: applicationsModel, types: new Set(applicationsModel.eventTypes), facts: applicationFacts as (s: never) => Facts, createdAt: ((s: ApplicationCase) => s.submittedAt) as (s: never) => string },
  { kind: 'fee', model: feesModel, types: new Set(feesModel.eventTypes), facts: feeFacts as (s: never) => Facts, createdAt: ((s: Fee) => s.assessedAt) as (s: never) => string },
  { kind: 'complaint', model: complaintsModel, types: new Set(complaintsModel.eventTypes), facts: complaintFacts as (s: never) => Facts, createdAt: ((s: Complaint) => s.filedAt) as (s: never) => string },
];
const BY_CATEGORY = new Map<string, Source>(SOURCES.map((s) => [s.model.category, s]));

const NONE: readonly DocKey[] = [];

/** The name from its second word on (null for a one-word name): "Սարգսյան" finds "Անի Սարգսյան". */
const familyPart = (folded: string): string | null => {
  const space = folded.indexOf(' ');
  return space < 0 ? null : folded.slice(space + 1);
};

/** The row, its keys and the state after `event` (pure). */
export const worklistDocument = (kind: WorklistKind, caseId: string, state: unknown, facts: Facts, event: RecordedEvent, previous: WorklistDoc | null, createdAtOfState: string): WorklistDoc => {
  const c = facts.communityId;
  const createdAt = previous?.createdAt ?? utcInstant(createdAtOfState);
  const updatedAt = utcInstant(event.metadata.occurredAt);
  const assignable = kind !== 'fee';
  const party = facts.partyName === null ? null : searchFold(facts.partyName);
  const family = party === null ? null : familyPart(party);
  return {
    id: `${kind}-${caseId}`,
    caseId,
    kind,
    ...facts,
    openDueOn: facts.open ? facts.dueOn : WORKLIST_NEVER,
    createdAt,
    createdOn: previous?.createdOn ?? yerevanDay(createdAt),
    updatedAt,
    revision: event.revision,
    position: event.position.toString(),
    queueKey: facts.open && assignable ? communityKey(c, facts.assigneeId ?? '') : null,
    awaitingKey: facts.awaitingInformation ? c : null,
    openDueKey: facts.open ? communityKey(c, facts.dueOn) : null,
    communityCreatedAt: communityKey(c, createdAt),
    communityUpdatedAt: communityKey(c, updatedAt),
    communityDueOn: communityKey(c, facts.dueOn),
    registrationKey: facts.registrationNumber === null ? null : communityKey(c, searchFold(facts.registrationNumber)),
    trackingKey: facts.trackingCode === null ? null : communityKey(c, searchFold(facts.trackingCode)),
    partyKey: party === null ? null : communityKey(c, party),
    partyFamilyKey: family === null ? null : communityKey(c, family),
    subjectKey: communityKey(c, searchFold(facts.subject)),
    state,
  };
};

/** The events that begin a case (the only ones after which a row can first exist). */
const BEGINNINGS: ReadonlySet<string> = new Set(['ApplicationSubmitted', 'FeeAssessed', 'ComplaintFiled']);

/** The row after the event (pure). */
const evolveRow = (doc: Doc | null, event: RecordedEvent, key: DocKey): Doc | null => {
  const dash = key.id.indexOf('-');
    const source = BY_CATEGORY.get(key.id.slice(0, dash));
    if (source === undefined) return doc;
    const previous = doc as unknown as WorklistDoc | null;
    // A replayed event (its revision already folded in) changes nothing.
    if (previous !== null && event.revision <= previous.revision) return doc;
    const { model } = source;
    const state: unknown = model.evolve(previous === null ? model.initialState() : previous.state, { type: event.type, data: event.data });
    if (!model.exists(state)) return doc;
    const facts = source.facts(state as never);
  return worklistDocument(source.kind, key.id.slice(dash + 1), state, facts, event, previous, source.createdAt(state as never)) as unknown as Doc;
};

export const worklistProjection: ProjectionDefinition = {
  name: WORKLIST_PROJECTION,
  collections: WORKLIST_COLLECTION_SPECS,
  keysOf(event: RecordedEvent): readonly DocKey[] {
    const dash = event.streamId.indexOf('-');
    if (dash <= 0 || dash === event.streamId.length - 1) return NONE;
    const source = BY_CATEGORY.get(event.streamId.slice(0, dash));
    if (source === undefined || !source.types.has(event.type)) return NONE;
    const row: DocKey = { collection: WORKLIST_COLLECTIONS.worklist, id: event.streamId };
    const communityId = (event.data as { communityId?: unknown } | null)?.communityId;
    if (!BEGINNINGS.has(event.type) || typeof communityId !== 'string' || communityId === '') return [row];
    return [{ collection: WORKLIST_COLLECTIONS.worklistCounts, id: communityId }, row];
  },
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey, before: DocumentsBefore): Doc | null {
    if (key.collection === WORKLIST_COLLECTIONS.worklist) return evolveRow(doc, event, key);
    // The community's count: one more when this event makes a row that was not there before it.
    const rowKey: DocKey = { collection: WORKLIST_COLLECTIONS.worklist, id: event.streamId };
    const was = before(rowKey);
    if (was !== null || evolveRow(null, event, rowKey) === null) return doc;
    const counts = doc as unknown as WorklistCountsDoc | null;
    return { id: key.id, cases: (counts?.cases ?? 0) + 1 } satisfies WorklistCountsDoc as unknown as Doc;
  },
};

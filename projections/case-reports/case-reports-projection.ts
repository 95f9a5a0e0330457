/**
 * The `case-reports` projection (schema.ts): each case event folds the projection's own copy of the case
 * (the `cases` models, so the status, due dates and decision dates are exactly the `cases` read model's)
 * and changes the community's statistics, its transparency document and the national one by what the
 * case contributes after the event minus what it contributed before. Fee movements (payments, refunds,
 * waivers) are added as they happen: the waiver's amount is the balance it forgives, from the fee
 * before it. Each correspondence event folds the projection's copy of its document the same way and
 * changes the transparency documents by what the document contributes after it minus before.
 */
import { daysBetween, yerevanDate } from '../../domain/kernel/time';
import { feeBalanceAmd } from '../../domain/fee/state';
import type { FeePaymentRecorded, FeeRefunded } from '../../domain/fee/events';
import type { RecordedEvent } from '../../application/ports/event-store';
import { documentEventCatalogue } from '../../domain/correspondence/catalogue';
import { evolve as evolveDocument } from '../../domain/correspondence/decider';
import type { DocumentEvent } from '../../domain/correspondence/events';
import { documentStatus, type CorrespondenceDocument } from '../../domain/correspondence/state';
import type { ActDoc, ApplicationDoc, CaseDocBase, ComplaintDoc, FeeDoc } from '../../application/queries/read-models';
import { createCaseProjection, type AnyCaseModel } from '../cases/case-projection';
import { actsModel, applicationsModel, complaintsModel, feesModel } from '../cases/models';
import { yerevanDay } from '../dates';
import type { Doc, DocKey, DocumentsBefore, ProjectionDefinition } from '../definition';
import { applyTally, type Tally, type TallyEntry } from '../tally';
import {
  CASE_REPORT_COLLECTIONS as C,
  CASE_REPORT_SPECS,
  CASE_REPORTS,
  NATIONAL_TRANSPARENCY,
  communityTransparencyId,
  type CaseStatisticsDoc,
  type TransparencyDoc,
} from './schema';

const trackerOf = (model: AnyCaseModel, name: string): AnyCaseModel => ({ ...model, spec: CASE_REPORT_SPECS.find((s) => s.name === name)! });

/** The projection's copies of the cases: the `cases` models writing to this projection's collections. */
const trackers = createCaseProjection(CASE_REPORTS, [
  trackerOf(applicationsModel, C.applications),
  trackerOf(feesModel, C.fees),
  trackerOf(actsModel, C.acts),
  trackerOf(complaintsModel, C.complaints),
]);

const OPEN_FEE = new Set(['due', 'partially-paid']);

/** What a case adds to its community's statistics. */
export const statisticsOf = (collection: string, doc: CaseDocBase<unknown> | null): Tally => {
  if (doc === null) return [];
  const out: TallyEntry[] = [];
  const add = (amount: number, ...path: string[]): void => {
    out.push({ path, amount });
  };
  switch (collection) {
    case C.applications: {
      const a = doc as ApplicationDoc;
      add(1, 'applications', 'byStatus', a.status);
      if (a.decidedOn !== null) add(1, 'applications', 'decided');
      if (a.open) add(1, 'applications', 'openByDueOn', a.dueOn);
      break;
    }
    case C.complaints: {
      const c = doc as ComplaintDoc;
      add(1, 'complaints', 'byStatus', c.status);
      if (c.resolution !== null) add(1, 'complaints', 'byResolution', c.resolution);
      if (c.open) add(1, 'complaints', 'openByResponseDueOn', c.responseDueOn);
      break;
    }
    case C.fees: {
      const f = doc as FeeDoc;
      add(f.state.paidAmd, 'fees', 'paidAmd');
      add(f.state.refundedAmd, 'fees', 'refundedAmd');
      if (OPEN_FEE.has(f.status)) {
        add(1, 'fees', 'openByDueOn', f.state.dueOn);
        add(feeBalanceAmd(f.state), 'fees', 'openBalanceAmdByDueOn', f.state.dueOn);
      }
      break;
    }
  }
  return out;
};

/** What a case adds to the transparency documents (its community's and the national one). */
export const transparencyOf = (collection: string, doc: CaseDocBase<unknown> | null): Tally => {
  if (doc === null) return [];
  switch (collection) {
    case C.applications: {
      const a = doc as ApplicationDoc;
      if (a.decidedOn === null) return [];
      const days = daysBetween(yerevanDate(a.state.submittedAt), a.decidedOn);
      return [{ path: ['decisions', a.decidedOn, 'days', String(days)], amount: 1 }, { path: ['decisions', a.decidedOn, 'onTime'], amount: a.decidedOn <= a.dueOn ? 1 : 0 }];
    }
    case C.acts: {
      const act = doc as ActDoc;
      const out: TallyEntry[] = [];
      if (act.adoptedOn !== null) out.push({ path: ['actsAdopted', act.adoptedOn], amount: 1 });
      if (act.publishedOn !== null) out.push({ path: ['actsPublished', act.publishedOn], amount: 1 });
      return out;
    }
    case C.complaints: {
      const c = doc as ComplaintDoc;
      return c.respondedOn !== null && c.resolution !== null ? [{ path: ['complaintsResponded', c.respondedOn, c.resolution], amount: 1 }] : [];
    }
    default:
      return [];
  }
};

/** The movement of money an event records on a fee (`before`: the fee before it), added to the transparency documents. */
export const feeMovementOf = (before: FeeDoc, event: RecordedEvent): Tally => {
  const code = before.state.code;
  const at = (on: string, amount: number, total: string, count: string): Tally => [
    { path: ['fees', on, code, total], amount },
    { path: ['fees', on, code, count], amount: 1 },
  ];
  switch (event.type) {
    case 'FeePaymentRecorded': {
      const d = event.data as FeePaymentRecorded['data'];
      return at(yerevanDay(d.paidAt), d.amountAmd, 'paidAmd', 'payments');
    }
    case 'FeeRefunded': {
      const d = event.data as FeeRefunded['data'];
      return at(yerevanDay(d.at), d.amountAmd, 'refundedAmd', 'refunds');
    }
    case 'FeeWaived': {
      const s = before.state;
      return at(yerevanDay((event.data as { at: string }).at), Math.max(0, s.amountAmd - (s.paidAmd - s.refundedAmd)), 'waivedAmd', 'waivers');
    }
    default:
      return [];
  }
};

/** What a registered document adds to the transparency documents: its registration, its execution, its open control date. */
export const documentTransparencyOf = (d: CorrespondenceDocument | null): Tally => {
  if (d === null || d.cancelledAt !== null) return [];
  const out: TallyEntry[] = [{ path: ['documentsRegistered', yerevanDay(d.registeredAt)], amount: 1 }];
  if (d.executedAt !== null) {
    const executedOn = yerevanDay(d.executedAt);
    out.push({ path: ['documentsExecuted', executedOn, 'count'], amount: 1 });
    out.push({ path: ['documentsExecuted', executedOn, 'onTime'], amount: d.controlDueOn === null || executedOn <= d.controlDueOn ? 1 : 0 });
  }
  if (documentStatus(d) === 'in-execution' && d.controlDueOn !== null) out.push({ path: ['documentsInExecutionByControlDueOn', d.controlDueOn], amount: 1 });
  return out;
};

/** The projection's copy of a document: its state as the decider folds it, and the revision folded. */
interface ReportDocumentDoc {
  readonly id: string;
  readonly revision: number;
  readonly state: CorrespondenceDocument;
}

const DOCUMENT_CATEGORY = 'document-';
const DOCUMENT_EVENT_TYPES: ReadonlySet<string> = new Set(documentEventCatalogue.map((e) => e.type).filter((t) => t !== 'DocumentNumberAssigned'));

const documentKeyOf = (event: RecordedEvent): DocKey | null =>
  event.streamId.startsWith(DOCUMENT_CATEGORY) && event.streamId.length > DOCUMENT_CATEGORY.length && DOCUMENT_EVENT_TYPES.has(event.type)
    ? { collection: C.documents, id: event.streamId.slice(DOCUMENT_CATEGORY.length) }
    : null;

/** The copy after the event (the same copy when the event is a replay at or below its revision). */
const foldDocument = (previous: ReportDocumentDoc | null, event: RecordedEvent, id: string): ReportDocumentDoc | null => {
  if (previous !== null && event.revision <= previous.revision) return previous;
  const state = evolveDocument(previous?.state ?? null, { type: event.type, data: event.data } as DocumentEvent);
  return state === null ? previous : { id, revision: event.revision, state };
};

const evolveDocumentSummary = (doc: Doc | null, event: RecordedEvent, key: DocKey, documentKey: DocKey, before: DocumentsBefore): Doc | null => {
  const previous = before(documentKey) as ReportDocumentDoc | null;
  const next = foldDocument(previous, event, documentKey.id);
  if (next === previous || next === null) return doc;
  if (key.id !== NATIONAL_TRANSPARENCY && key.id !== communityTransparencyId(next.state.communityId)) return doc;
  const taken = documentTransparencyOf(previous?.state ?? null);
  const added = documentTransparencyOf(next.state);
  if (taken.length === 0 && added.length === 0) return doc;
  return applyTally<Doc>(doc ?? ({ id: key.id } satisfies TransparencyDoc), taken, added);
};

const NONE: readonly DocKey[] = [];

const communityOf = (event: RecordedEvent): string | null => {
  const id = (event.data as { communityId?: unknown } | null)?.communityId;
  return typeof id === 'string' && id.length > 0 ? id : null;
};

/**
 * A summary document after the event: `caseKey` names the case's copy, which `before` gives as it was
 * before the event; the copy after the event is folded again here (pure, the same fold the copy gets).
 */
const evolveSummary = (doc: Doc | null, event: RecordedEvent, key: DocKey, caseKey: DocKey, before: DocumentsBefore): Doc | null => {
  const previous = before(caseKey) as CaseDocBase<unknown> | null;
  const next = trackers.evolve(previous as Doc | null, event, caseKey, before) as CaseDocBase<unknown> | null;
  if (next === previous) return doc;
  const caseCommunity = ((next ?? previous) as { communityId?: string } | null)?.communityId;
  let taken: Tally;
  let added: Tally;
  if (key.collection === C.caseStatistics) {
    if (key.id !== caseCommunity) return doc;
    taken = statisticsOf(caseKey.collection, previous);
    added = statisticsOf(caseKey.collection, next);
  } else {
    if (key.id !== NATIONAL_TRANSPARENCY && key.id !== communityTransparencyId(caseCommunity ?? '')) return doc;
    taken = transparencyOf(caseKey.collection, previous);
    added = transparencyOf(caseKey.collection, next);
    if (caseKey.collection === C.fees && previous !== null) added = [...added, ...feeMovementOf(previous as FeeDoc, event)];
  }
  // Nothing counted (a case that adds nothing here): no document is made for it.
  if (taken.length === 0 && added.length === 0) return doc;
  return applyTally<Doc>(doc ?? ({ id: key.id } satisfies CaseStatisticsDoc | TransparencyDoc), taken, added);
};

export const caseReportsProjection: ProjectionDefinition = {
  name: CASE_REPORTS,
  collections: CASE_REPORT_SPECS,
  keysOf(event: RecordedEvent): readonly DocKey[] {
    const documentKey = documentKeyOf(event);
    if (documentKey !== null) {
      const communityId = communityOf(event);
      if (communityId === null) return [documentKey];
      return [{ collection: C.transparency, id: communityTransparencyId(communityId) }, { collection: C.transparency, id: NATIONAL_TRANSPARENCY }, documentKey];
    }
    const copies = trackers.keysOf(event);
    const communityId = copies.length === 0 ? null : communityOf(event);
    if (communityId === null) return copies.length === 0 ? NONE : copies;
    return [
      { collection: C.caseStatistics, id: communityId },
      { collection: C.transparency, id: communityTransparencyId(communityId) },
      { collection: C.transparency, id: NATIONAL_TRANSPARENCY },
      ...copies,
    ];
  },
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey, before: DocumentsBefore): Doc | null {
    if (key.collection === C.documents) return foldDocument(doc as ReportDocumentDoc | null, event, key.id) as Doc | null;
    const documentKey = documentKeyOf(event);
    if (documentKey !== null) return key.collection === C.transparency ? evolveDocumentSummary(doc, event, key, documentKey, before) : doc;
    if (key.collection !== C.caseStatistics && key.collection !== C.transparency) return trackers.evolve(doc, event, key, before);
    const [caseKey] = trackers.keysOf(event);
    return caseKey === undefined ? doc : evolveSummary(doc, event, key, caseKey, before);
  },
};

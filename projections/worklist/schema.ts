/**
 * The `worklist` read model's schema: one row per case of a community — applications, fees and
 * complaints — with what the staff inbox filters, sorts and searches by (docs/read-models.md "worklist").
 * Written by ./worklist-projection.ts, read by application/queries/worklist.ts.
 *
 * Acts are not rows: an act has no assignee, no resident and no deadline of its own, so none of the
 * inbox's tabs (mine, unassigned, awaiting information, overdue) could ever hold one; the community's
 * register of acts (`acts`) is their list.
 *
 * The read store indexes each declared field on its own, and a store answers a query from one index. So
 * beside the plain fields, a row carries **keys**: a field whose value joins the community with what a
 * tab or a search asks, so that each tab, its count and each search is one range of one index:
 * - `queueKey` = `<community>|<assignee or empty>` while the case is open and can be assigned:
 *   "mine" is `<community>|<me>`, "unassigned" is `<community>|`;
 * - `awaitingKey` = the community while an application waits for the resident's information;
 * - `openDueKey` = `<community>|<due date>` while open: "overdue" is the range up to `<community>|<today>`
 *   (nothing that depends on today's date is stored: see `openDueOn` in projections/cases/schema.ts);
 * - `communityCreatedAt`, `communityUpdatedAt`, `communityDueOn` = `<community>|<value>`: the "all" tab,
 *   sorted by one of them, is a range of the same index that gives its order;
 * - search keys, lower-cased in Armenian and Latin (`searchFold`): `registrationKey`, `trackingKey`,
 *   `partyKey` and `partyFamilyKey` (the name from its second word, so a family name matches whichever
 *   order the name was written in) and `subjectKey`, each `<community>|<folded value>`: a prefix search
 *   is one range.
 */
import type { CollectionSpec } from '../../application/ports/read-store';

export const WORKLIST_PROJECTION = 'worklist';
export const WORKLIST_COLLECTIONS = { worklistCounts: 'worklistCounts', worklist: 'worklist' } as const;

/** The kinds of case the worklist holds. */
export const WORKLIST_KINDS = ['application', 'fee', 'complaint'] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

/** A date after every real one: "never" in `openDueOn` (the same sentinel as the cases read model). */
export const WORKLIST_NEVER = '9999-12-31';

/** Separates the community from the rest of a key; `KEY_END` is the next code point, the end of a community's range. */
export const KEY_SEPARATOR = '|';
export const KEY_END = '}';
/** The last code point: `prefix + PREFIX_END` bounds every string starting with `prefix`. */
export const PREFIX_END = '\u{10FFFF}';

/**
 * A value as search keys hold it and as a search is compared with them: compatibility-normalized (so the
 * ligature և matches եւ), lower case by the Armenian rules (which also fold Latin), inner spaces collapsed.
 */
export const searchFold = (value: string): string => value.normalize('NFKC').toLocaleLowerCase('hy').trim().replace(/\s+/g, ' ');

/** `<community>|<value>`. */
export const communityKey = (communityId: string, value: string): string => `${communityId}${KEY_SEPARATOR}${value}`;

export const WORKLIST_SPEC: CollectionSpec = {
  name: WORKLIST_COLLECTIONS.worklist,
  projection: WORKLIST_PROJECTION,
  fields: {
    caseId: 'string',
    communityId: 'string',
    kind: 'string',
    status: 'string',
    open: 'boolean',
    assigneeId: 'string',
    awaitingInformation: 'boolean',
    dueOn: 'string',
    openDueOn: 'string',
    categoryCode: 'string',
    partyId: 'string',
    createdAt: 'string',
    createdOn: 'string',
    updatedAt: 'string',
    queueKey: 'string',
    awaitingKey: 'string',
    openDueKey: 'string',
    communityCreatedAt: 'string',
    communityUpdatedAt: 'string',
    communityDueOn: 'string',
    registrationKey: 'string',
    trackingKey: 'string',
    partyKey: 'string',
    partyFamilyKey: 'string',
    subjectKey: 'string',
  },
};

/** A row of the inbox: what the list shows and filters by (the keys are in `WorklistDoc`). */
export interface WorklistRow {
  /** The case's aggregate id (the stream is `<kind>-<caseId>`). */
  readonly caseId: string;
  readonly kind: WorklistKind;
  readonly communityId: string;
  /** The case's own status (an application's, a fee's or a complaint's: see docs/api.md). */
  readonly status: string;
  /** Still work to do: an application not yet decided, a fee due or partly paid, a complaint not yet answered or closed. */
  readonly open: boolean;
  /** Applications and complaints: who works on it; null when nobody does (fees are never assigned). */
  readonly assigneeId: string | null;
  /** An application waiting for the resident's answer to a request for information. */
  readonly awaitingInformation: boolean;
  /** The deadline: an application's decision, a fee's payment, a complaint's response. */
  readonly dueOn: string;
  /** `dueOn` while open, WORKLIST_NEVER once not: overdue ⇔ openDueOn < today. */
  readonly openDueOn: string;
  /** An application's service code, a fee's code, a complaint's category. */
  readonly categoryCode: string;
  /** The service's names (applications; null for fees and complaints). */
  readonly serviceNameHy: string | null;
  readonly serviceNameEn: string | null;
  /** Applications once registered. */
  readonly registrationNumber: string | null;
  /** Applications' public tracking code. */
  readonly trackingCode: string | null;
  /** The applicant, payer or complainant: personal id (null when staff filed it for nobody in particular) and name. */
  readonly partyId: string | null;
  readonly partyName: string | null;
  /** A short summary: an application's subject, a fee's basis, a complaint's subject. */
  readonly subject: string;
  /** Submission, assessment or filing time (UTC ISO instant) and its Yerevan date. */
  readonly createdAt: string;
  readonly createdOn: string;
  /** Business time of the case's last event (UTC ISO instant). */
  readonly updatedAt: string;
  /** The stream revision of the last event: what a command on the case gives as expectedRevision. */
  readonly revision: number;
}

/** The stored document: the row, its keys, and the aggregate state it was computed from. */
export interface WorklistDoc extends WorklistRow {
  /** The stream id, `<kind>-<caseId>`. */
  readonly id: string;
  /** Global position (decimal string) of the last event folded in. */
  readonly position: string;
  readonly queueKey: string | null;
  readonly awaitingKey: string | null;
  readonly openDueKey: string | null;
  readonly communityCreatedAt: string;
  readonly communityUpdatedAt: string;
  readonly communityDueOn: string;
  readonly registrationKey: string | null;
  readonly trackingKey: string | null;
  readonly partyKey: string | null;
  readonly partyFamilyKey: string | null;
  readonly subjectKey: string;
  /** The aggregate's state folded with its decider's `evolve` (the next event is folded into it). */
  readonly state: unknown;
}

/**
 * How many cases each community has (one document per community, its id the community's): the "all" tab's
 * count read as one document instead of counted over 10^5 index entries at every request.
 */
export const WORKLIST_COUNTS_SPEC: CollectionSpec = { name: WORKLIST_COLLECTIONS.worklistCounts, projection: WORKLIST_PROJECTION, fields: {} };

export interface WorklistCountsDoc {
  /** The community. */
  readonly id: string;
  /** Its applications, fees and complaints: the rows of `worklist` with this community. */
  readonly cases: number;
}

/** The summary first: the runner writes a projection's collections in the order it declares them. */
export const WORKLIST_COLLECTION_SPECS: readonly CollectionSpec[] = [WORKLIST_COUNTS_SPEC, WORKLIST_SPEC];

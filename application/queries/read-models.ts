/**
 * The read models' schema: the contract between the projections (projections/, which write these
 * documents) and the query functions (application/queries/, which read them). It lives here, in
 * application/, because projections may depend on application but not the other way round.
 *
 * Projections and their collections (DESIGN.md "Read models"):
 * - `cases`: `communities`, `applications`, `fees`, `acts`, `complaints` — one document per aggregate,
 *   `{ id, revision, position, ...indexed fields, state }`, where `state` is the aggregate's own state
 *   folded with the domain decider's `evolve` (so the read side never disagrees with the write side).
 * - `payments`: `feeLedgers` — one document per fee with every payment, refund and waiver (`movements`).
 * - `adoption`: `adoption` — one timeline per community for the national adoption report.
 * - `audit-log`: `auditLog` — one document per event of the global log.
 *
 * Statuses and "overdue" depend on today's date, so they are never stored as such. Where a list filter
 * needs them, a date field is stored that makes the condition a single range: e.g. `openDueOn` is the
 * due date while a case is open and NEVER ('9999-12-31') once it is closed, so
 * overdue ⇔ openDueOn < today and not overdue ⇔ openDueOn ≥ today.
 */
import type { ApplicationCase } from '../../domain/service-application/state';
import type { CmisEdition } from '../../domain/community/commands';
import type { RegisteredCommunity } from '../../domain/community/state';
import type { Complaint } from '../../domain/complaint/state';
import type { Fee } from '../../domain/fee/state';
import type { LegalAct } from '../../domain/legal-act/state';
import type { CollectionSpec } from '../ports/read-store';

/** A date after every real one: "never" in the sentinel date fields below. */
export const NEVER = '9999-12-31';

export const PROJECTION_NAMES = {
  cases: 'cases',
  payments: 'payments',
  adoption: 'adoption',
  auditLog: 'audit-log',
} as const;

export const COLLECTIONS = {
  communities: 'communities',
  applications: 'applications',
  fees: 'fees',
  acts: 'acts',
  complaints: 'complaints',
  feeLedgers: 'feeLedgers',
  adoption: 'adoption',
  auditLog: 'auditLog',
} as const;

/* ------------------------------------------------------------------ cases ------------------------------------------------------------------ */

/** Every case document: the aggregate id, its stream revision, the global position of its last event, and its state. */
export interface CaseDocBase<S> {
  readonly id: string;
  readonly revision: number;
  /** Global position (decimal string) of the last event folded into the document. */
  readonly position: string;
  readonly state: S;
}

export const COMMUNITIES_SPEC: CollectionSpec = {
  name: COLLECTIONS.communities,
  projection: PROJECTION_NAMES.cases,
  fields: { province: 'string', kind: 'string', registeredOn: 'string', mergedOn: 'string', mergedOnOrNever: 'string', nameEn: 'string', consolidated: 'boolean' },
};

export interface CommunityDoc extends CaseDocBase<RegisteredCommunity> {
  readonly province: string;
  readonly kind: string;
  readonly registeredOn: string;
  /** Date the community was merged into a consolidated one; null while it is not. */
  readonly mergedOn: string | null;
  /** `mergedOn`, or NEVER: the community is active on `d` ⇔ mergedOnOrNever > d. */
  readonly mergedOnOrNever: string;
  readonly nameEn: string;
  /** Created by a consolidation (a multi-settlement community). */
  readonly consolidated: boolean;
}

export const APPLICATIONS_SPEC: CollectionSpec = {
  name: COLLECTIONS.applications,
  projection: PROJECTION_NAMES.cases,
  fields: {
    communityId: 'string',
    status: 'string',
    open: 'boolean',
    dueOn: 'string',
    openDueOn: 'string',
    applicantId: 'string',
    submittedAt: 'string',
    decidedOn: 'string',
    serviceCode: 'string',
  },
};

export interface ApplicationDoc extends CaseDocBase<ApplicationCase> {
  readonly communityId: string;
  readonly status: string;
  /** Still waiting for a decision (submitted, registered, assigned, awaiting-information). */
  readonly open: boolean;
  readonly dueOn: string;
  /** `dueOn` while open, NEVER once decided or withdrawn: overdue ⇔ openDueOn < today. */
  readonly openDueOn: string;
  readonly applicantId: string | null;
  /** Submission time in UTC (`toISOString`), so that it sorts. */
  readonly submittedAt: string;
  /** Yerevan date of the decision (approval, rejection, answer); null before one. */
  readonly decidedOn: string | null;
  readonly serviceCode: string;
}

export const FEES_SPEC: CollectionSpec = {
  name: COLLECTIONS.fees,
  projection: PROJECTION_NAMES.cases,
  fields: {
    communityId: 'string',
    status: 'string',
    open: 'boolean',
    dueOn: 'string',
    openDueOn: 'string',
    payerId: 'string',
    assessedAt: 'string',
    code: 'string',
    applicationId: 'string',
  },
};

export interface FeeDoc extends CaseDocBase<Fee> {
  readonly communityId: string;
  /** `feeStatus(state)`: it depends on no date. */
  readonly status: string;
  /** Due or partially paid. */
  readonly open: boolean;
  readonly dueOn: string;
  /** `dueOn` while open, NEVER otherwise: overdue ⇔ openDueOn < today. */
  readonly openDueOn: string;
  readonly payerId: string;
  /** Assessment time in UTC. */
  readonly assessedAt: string;
  readonly code: string;
  readonly applicationId: string | null;
}

export const ACTS_SPEC: CollectionSpec = {
  name: COLLECTIONS.acts,
  projection: PROJECTION_NAMES.cases,
  fields: {
    communityId: 'string',
    status: 'string',
    issuer: 'string',
    adoptedOn: 'string',
    publishedOn: 'string',
    repealEffectiveFrom: 'string',
    repealOnOrNever: 'string',
    draftedAt: 'string',
  },
};

export interface ActDoc extends CaseDocBase<LegalAct> {
  readonly communityId: string;
  /** The procedure's phase as stored (`repealed` is derived from the date: see `repealOnOrNever`). */
  readonly status: string;
  readonly issuer: string;
  /** The council session date of an adoption, or the Yerevan date a head's decision was signed; null before. */
  readonly adoptedOn: string | null;
  /** Yerevan date of publication; null before. */
  readonly publishedOn: string | null;
  readonly repealEffectiveFrom: string | null;
  /** `repealEffectiveFrom`, or NEVER: repealed on `d` ⇔ repealOnOrNever ≤ d. */
  readonly repealOnOrNever: string;
  /** Drafting time in UTC. */
  readonly draftedAt: string;
}

export const COMPLAINTS_SPEC: CollectionSpec = {
  name: COLLECTIONS.complaints,
  projection: PROJECTION_NAMES.cases,
  fields: {
    communityId: 'string',
    status: 'string',
    open: 'boolean',
    responseDueOn: 'string',
    openResponseDueOn: 'string',
    complainantId: 'string',
    filedAt: 'string',
    respondedOn: 'string',
    resolution: 'string',
    channel: 'string',
  },
};

export interface ComplaintDoc extends CaseDocBase<Complaint> {
  readonly communityId: string;
  readonly status: string;
  /** Awaiting a response (neither responded nor closed): the only complaints that can be overdue. */
  readonly open: boolean;
  readonly responseDueOn: string;
  /** `responseDueOn` while open, NEVER otherwise: overdue ⇔ openResponseDueOn < today. */
  readonly openResponseDueOn: string;
  readonly complainantId: string | null;
  /** Filing time in UTC. */
  readonly filedAt: string;
  /** Yerevan date of the latest response; null before one. */
  readonly respondedOn: string | null;
  /** The latest response's resolution. */
  readonly resolution: string | null;
  readonly channel: string;
}

/* ------------------------------------------------------------------ payments ------------------------------------------------------------------ */

export const FEE_LEDGERS_SPEC: CollectionSpec = {
  name: COLLECTIONS.feeLedgers,
  projection: PROJECTION_NAMES.payments,
  fields: { communityId: 'string', code: 'string', firstMovementOn: 'string', lastMovementOn: 'string' },
};

export type MovementKind = 'payment' | 'refund' | 'waiver';

export interface FeeMovement {
  readonly kind: MovementKind;
  /** Yerevan date of the payment (`paidAt`), refund or waiver. */
  readonly on: string;
  /** The business time as recorded. */
  readonly at: string;
  /** Drams paid, refunded, or waived (the balance forgiven by the waiver). */
  readonly amountAmd: number;
  readonly reference: string | null;
  /** Global position (decimal string) of the event. */
  readonly position: string;
}

/**
 * One document per fee: its code (which the payment events do not repeat) and every movement of money.
 * "Fees collected by code over a date range" reads the ledgers whose movements span the range.
 */
export interface FeeLedgerDoc {
  readonly id: string;
  readonly communityId: string;
  readonly code: string;
  readonly payerId: string;
  readonly amountAmd: number;
  /** Running totals: every payment (gross), every refund. */
  readonly paidAmd: number;
  readonly refundedAmd: number;
  /** Revision of the fee stream last folded in. */
  readonly revision: number;
  readonly movements: readonly FeeMovement[];
  /** Earliest and latest movement dates (null without movements). */
  readonly firstMovementOn: string | null;
  readonly lastMovementOn: string | null;
}

/* ------------------------------------------------------------------ adoption ------------------------------------------------------------------ */

export const ADOPTION_SPEC: CollectionSpec = {
  name: COLLECTIONS.adoption,
  projection: PROJECTION_NAMES.adoption,
  fields: { province: 'string', registeredOn: 'string', mergedOn: 'string', consolidated: 'boolean' },
};

/** A community's adoption timeline; every list in the order the facts were recorded, each fact with its effective date. */
export interface AdoptionDoc {
  readonly id: string;
  /** Revision of the community stream last folded in. */
  readonly revision: number;
  readonly province: string;
  readonly registeredOn: string;
  readonly mergedOn: string | null;
  readonly consolidated: boolean;
  readonly populations: ReadonlyArray<{ readonly asOf: string; readonly population: number | null }>;
  readonly cmis: ReadonlyArray<{ readonly on: string; readonly edition: CmisEdition }>;
  readonly documentCirculationOn: string | null;
  readonly websites: ReadonlyArray<{ readonly on: string; readonly hostedOnCmis: boolean }>;
  readonly offices: ReadonlyArray<{ readonly on: string; readonly officeId: string; readonly partners: readonly string[] }>;
}

/* ------------------------------------------------------------------ audit log ------------------------------------------------------------------ */

export const AUDIT_LOG_SPEC: CollectionSpec = {
  name: COLLECTIONS.auditLog,
  projection: PROJECTION_NAMES.auditLog,
  // Only what auditLog() filters and sorts on is indexed: one entry is written per event, and every
  // index costs each of those writes (the other fields are in the document all the same).
  fields: {
    positionKey: 'string',
    communityId: 'string',
    actorId: 'string',
    occurredAt: 'string',
    occurredOn: 'string',
  },
};

/** Width of `positionKey`: 2^63 − 1 has 19 digits. */
export const POSITION_KEY_WIDTH = 20;
export const positionKey = (position: bigint | string): string => position.toString().padStart(POSITION_KEY_WIDTH, '0');

export interface AuditLogDoc {
  /** Same as `positionKey`. */
  readonly id: string;
  /** The global position zero-padded to 20 digits, so that it sorts as a string. */
  readonly positionKey: string;
  /** The global position as API.md writes positions: a decimal string. */
  readonly position: string;
  readonly streamId: string;
  readonly category: string;
  readonly type: string;
  readonly revision: number;
  /** `data.communityId` when the event names one, else the actor's community; null if neither. */
  readonly communityId: string | null;
  readonly actorId: string;
  readonly role: string;
  readonly assurance: string;
  readonly channel: string;
  readonly officeId: string | null;
  readonly onBehalfOf: string | null;
  /** Business time in UTC. */
  readonly occurredAt: string;
  /** Yerevan date of `occurredAt`. */
  readonly occurredOn: string;
  /** Store time in UTC. */
  readonly recordedAt: string;
  readonly commandId: string;
  readonly correlationId: string;
}

export const ALL_COLLECTION_SPECS: readonly CollectionSpec[] = [
  COMMUNITIES_SPEC,
  APPLICATIONS_SPEC,
  FEES_SPEC,
  ACTS_SPEC,
  COMPLAINTS_SPEC,
  FEE_LEDGERS_SPEC,
  ADOPTION_SPEC,
  AUDIT_LOG_SPEC,
];

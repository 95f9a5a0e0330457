/**
 * The `cases` read models' schema: the documents the `cases` projection writes (./models.ts) and the
 * queries read (application/queries/cases.ts). One document per aggregate, `{ id, revision, position,
 * ...indexed fields, state }`, where `state` is the aggregate's own state folded with the domain
 * decider's `evolve` (so the read side never disagrees with the write side).
 *
 * Statuses and "overdue" depend on today's date, so they are never stored as such. Where a list filter
 * needs them, a date field is stored that makes the condition a single range: e.g. `openDueOn` is the
 * due date while a case is open and NEVER ('9999-12-31') once it is closed, so
 * overdue ⇔ openDueOn < today and not overdue ⇔ openDueOn ≥ today.
 */
import type { ApplicationCase } from '../../domain/service-application/state';
import type { RegisteredCommunity } from '../../domain/community/state';
import type { Complaint } from '../../domain/complaint/state';
import type { Fee } from '../../domain/fee/state';
import type { LegalAct } from '../../domain/legal-act/state';
import type { CollectionSpec } from '../../application/ports/read-store';

/** A date after every real one: "never" in the sentinel date fields below. */
export const NEVER = '9999-12-31';

export const CASES_PROJECTION = 'cases';

export const CASES_COLLECTIONS = {
  communities: 'communities',
  applications: 'applications',
  fees: 'fees',
  acts: 'acts',
  complaints: 'complaints',
} as const;

/** Every case document: the aggregate id, its stream revision, the global position of its last event, and its state. */
export interface CaseDocBase<S> {
  readonly id: string;
  readonly revision: number;
  /** Global position (decimal string) of the last event folded into the document. */
  readonly position: string;
  readonly state: S;
}

export const COMMUNITIES_SPEC: CollectionSpec = {
  name: CASES_COLLECTIONS.communities,
  projection: CASES_PROJECTION,
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
  name: CASES_COLLECTIONS.applications,
  projection: CASES_PROJECTION,
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
  name: CASES_COLLECTIONS.fees,
  projection: CASES_PROJECTION,
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
  name: CASES_COLLECTIONS.acts,
  projection: CASES_PROJECTION,
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
  name: CASES_COLLECTIONS.complaints,
  projection: CASES_PROJECTION,
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

export const CASE_COLLECTION_SPECS: readonly CollectionSpec[] = [COMMUNITIES_SPEC, APPLICATIONS_SPEC, FEES_SPEC, ACTS_SPEC, COMPLAINTS_SPEC];

/**
 * The `case-reports` read model: what a community's public page, its staff dashboard and the
 * transparency report read, kept up to date event by event so that a report reads one or two small
 * documents however many cases there are.
 *
 * - `caseStatistics`, one per community: counts of applications and complaints by status (and of
 *   complaints by resolution), decided applications, and the open cases by due date; for fees, the
 *   money paid and refunded and the open fees' count and balance by due date. Overdue depends on
 *   today, so it is not stored: it is the sum of the open cases due before today.
 * - `transparency`, one per community (`community:<id>`) and one national (`national`), everything by
 *   the Yerevan date it happened: decisions (a histogram of whole days from submission to decision, and
 *   how many were on time), fee movements by code, acts adopted and published, complaints by the
 *   resolution of their latest response, and the correspondence: documents registered (not cancelled),
 *   documents executed (and how many by their control date), documents in execution by control date.
 *   A report over any range of dates sums the days in it; the histogram gives the exact median and
 *   90th percentile.
 * - `reportApplications`, `reportFees`, `reportActs`, `reportComplaints`: the projection's own copy of
 *   each case (folded with the domain deciders' `evolve`, as the `cases` read model is), and
 *   `reportDocuments`, its copy of each registered document (the correspondence decider's `evolve`), from
 *   which the summaries take the difference each event makes. Queries do not read them.
 *
 * Counters are nested maps whose zeros are removed (projections/tally.ts): a missing counter is 0.
 */
import type { CollectionSpec } from '../../application/ports/read-store';

export const CASE_REPORTS = 'case-reports';

export const CASE_REPORT_COLLECTIONS = {
  caseStatistics: 'caseStatistics',
  transparency: 'transparency',
  applications: 'reportApplications',
  fees: 'reportFees',
  acts: 'reportActs',
  complaints: 'reportComplaints',
  documents: 'reportDocuments',
} as const;

/** Counts by a key (status, resolution, date…); absent keys are 0. */
export type Counts = Readonly<Record<string, number>>;

export interface CaseStatisticsDoc {
  /** The community id. */
  readonly id: string;
  readonly applications?: {
    readonly byStatus?: Counts;
    /** Applications with a decision (approved, rejected, answered). */
    readonly decided?: number;
    /** Open applications (submitted, registered, assigned, awaiting information) by due date. */
    readonly openByDueOn?: Counts;
  };
  readonly complaints?: {
    readonly byStatus?: Counts;
    /** By the resolution of the latest response. */
    readonly byResolution?: Counts;
    /** Complaints awaiting a response by response due date. */
    readonly openByResponseDueOn?: Counts;
  };
  readonly fees?: {
    /** Every payment (gross), every refund, all time. */
    readonly paidAmd?: number;
    readonly refundedAmd?: number;
    /** Due or partially paid fees by due date: how many, and their balances. */
    readonly openByDueOn?: Counts;
    readonly openBalanceAmdByDueOn?: Counts;
  };
}

export interface FeeMovementTotals {
  readonly paidAmd?: number;
  readonly refundedAmd?: number;
  /** Balances forgiven by waivers. */
  readonly waivedAmd?: number;
  readonly payments?: number;
  readonly refunds?: number;
  readonly waivers?: number;
}

export const NATIONAL_TRANSPARENCY = 'national';
export const communityTransparencyId = (communityId: string): string => `community:${communityId}`;

export interface TransparencyDoc {
  /** `community:<id>` or `national`. */
  readonly id: string;
  /** Decisions by their Yerevan date: whole days from the submission date to the decision date, and how many on or before the due date. */
  readonly decisions?: Readonly<Record<string, { readonly days?: Counts; readonly onTime?: number }>>;
  /** Payments (by `paidAt`), refunds and waivers by their Yerevan date, then by fee code. */
  readonly fees?: Readonly<Record<string, Readonly<Record<string, FeeMovementTotals>>>>;
  /** Acts by the council session date of their adoption, or the date a head's decision was signed. */
  readonly actsAdopted?: Counts;
  readonly actsPublished?: Counts;
  /** Complaints by the Yerevan date of their latest response, then its resolution. */
  readonly complaintsResponded?: Readonly<Record<string, Counts>>;
  /** Registered documents (cancelled ones are not counted) by the Yerevan date of registration. */
  readonly documentsRegistered?: Counts;
  /** Executed documents by the Yerevan date the last executor reported, and how many on or before the control date (a document without one counts as on time). */
  readonly documentsExecuted?: Readonly<Record<string, { readonly count?: number; readonly onTime?: number }>>;
  /** Documents in execution with a control date, by that date: overdue ones are those dated before today. */
  readonly documentsInExecutionByControlDueOn?: Counts;
}

/** Nothing is looked up by field: no index to keep up. */
const spec = (name: string): CollectionSpec => ({ name, projection: CASE_REPORTS, fields: {} });

/** In this order: summaries before the documents they summarise (the runner writes them in this order). */
export const CASE_REPORT_SPECS: readonly CollectionSpec[] = [
  spec(CASE_REPORT_COLLECTIONS.caseStatistics),
  spec(CASE_REPORT_COLLECTIONS.transparency),
  spec(CASE_REPORT_COLLECTIONS.applications),
  spec(CASE_REPORT_COLLECTIONS.fees),
  spec(CASE_REPORT_COLLECTIONS.acts),
  spec(CASE_REPORT_COLLECTIONS.complaints),
  spec(CASE_REPORT_COLLECTIONS.documents),
];

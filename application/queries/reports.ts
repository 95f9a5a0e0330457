/**
 * The reports' answers (docs/api.md `publicSite`, `dashboard`, `transparencyReport`, `nationalAdoptionReport`,
 * and the public chart's `adoptionOverTime`) and `ReportReadModels`, the port the queries read them
 * through. Their read models are kept by projections (projections/case-reports, projections/national-adoption),
 * event by event, so a report reads a few small documents however many cases there are. Money is whole drams.
 *
 * - publicSite(communityId, today): the community's page — its view, service catalogue (fees and
 *   deadlines), citizen service offices, the acts in force today with their history, acts published but
 *   not yet in force, and application and complaint statistics.
 * - dashboard(communityId, today): backlog by status (open cases only) and overdue counts of
 *   applications and complaints; fees receivable (sum of balances of due and partially paid fees),
 *   overdue (the part of that past its due date), collected (payments − refunds, all time).
 * - transparencyReport({ communityId?, from?, to? }): for applications decided in the range (by the Yerevan
 *   date of the decision), processing time in days from the submission date to the decision date — median
 *   and 90th percentile by nearest rank — and the share decided on or before the due date (percent, one
 *   decimal); fees collected by code (payments − refunds dated in the range); acts adopted (council session
 *   date, or signing of a head's decision) and published in the range; complaints by the resolution of
 *   responses given in the range. National when communityId is absent. Bounds are inclusive dates.
 */
import type { ApplicationStatus } from '../../domain/service-application/state';
import type { ComplaintResolution } from '../../domain/complaint/commands';
import type { ComplaintStatus } from '../../domain/complaint/state';
import type { CommunityView } from '../../domain/community/view';
import type { ActView } from '../../domain/legal-act/view';
import { COMPLAINT_STATUSES, type WithRevision } from './cases';
import type { AdoptionPoint, NationalAdoptionReport } from './national-adoption';

export interface StatusCount<S extends string = string> {
  readonly status: S;
  readonly count: number;
}

export interface PublicSite {
  readonly communityId: string;
  readonly asOf: string;
  readonly community: WithRevision<CommunityView>;
  readonly services: CommunityView['services'];
  readonly citizenServiceOffices: CommunityView['citizenServiceOffices'];
  /** Acts with a text in force today (the text is today's), newest first; `history` lists every text in force from a date. */
  readonly actsInForce: Array<WithRevision<ActView>>;
  /** Published acts whose first text enters into force after today. */
  readonly upcomingActs: Array<WithRevision<ActView>>;
  readonly statistics: {
    readonly applications: { readonly total: number; readonly open: number; readonly overdue: number; readonly decided: number; readonly byStatus: Array<StatusCount<ApplicationStatus>> };
    readonly complaints: {
      readonly total: number;
      readonly open: number;
      readonly overdue: number;
      readonly byStatus: Array<StatusCount<ComplaintStatus>>;
      readonly byResolution: Array<{ readonly resolution: ComplaintResolution; readonly count: number }>;
    };
  };
}

export interface Dashboard {
  readonly communityId: string;
  readonly asOf: string;
  readonly applications: { readonly open: number; readonly overdue: number; readonly backlog: Array<StatusCount<ApplicationStatus>> };
  readonly complaints: { readonly open: number; readonly overdue: number; readonly backlog: Array<StatusCount<ComplaintStatus>> };
  readonly fees: {
    /** Due or partially paid fees. */
    readonly open: number;
    readonly overdue: number;
    /** Sum of the balances of open fees. */
    readonly receivableAmd: number;
    /** Sum of the balances of overdue fees. */
    readonly overdueAmd: number;
    /** Payments − refunds, all time. */
    readonly collectedAmd: number;
    readonly paidAmd: number;
    readonly refundedAmd: number;
  };
}

export interface FeesCollectedByCode {
  readonly code: string;
  /** Payments − refunds dated in the range. */
  readonly collectedAmd: number;
  readonly paidAmd: number;
  readonly refundedAmd: number;
  /** Balances forgiven by waivers dated in the range. */
  readonly waivedAmd: number;
  readonly payments: number;
  readonly refunds: number;
  readonly waivers: number;
}

export interface TransparencyReport {
  readonly communityId: string | null;
  readonly from: string | null;
  readonly to: string | null;
  /** Applications and inquiries decided (approved, rejected, answered) in the range. */
  readonly applicationsDecided: number;
  /** Days from the submission date to the decision date (Asia/Yerevan), nearest rank; null when nothing was decided. */
  readonly processingTimeDays: { readonly median: number | null; readonly p90: number | null };
  readonly decidedOnTime: number;
  /** Percent decided on or before the due date, one decimal; null when nothing was decided. */
  readonly shareDecidedOnTime: number | null;
  readonly feesCollectedByCode: FeesCollectedByCode[];
  readonly feesCollectedAmd: number;
  readonly actsAdopted: number;
  readonly actsPublished: number;
  readonly complaintsResponded: number;
  readonly complaintsByResolution: Array<{ readonly resolution: ComplaintResolution; readonly count: number }>;
  /** Documents registered in the journals in the range (cancelled registrations not counted). */
  readonly documentsRegistered: number;
  /** Documents whose execution was completed in the range. */
  readonly documentsExecuted: number;
  /** Of those, executed on or before their control date (a document without a control date counts as on time). */
  readonly documentsExecutedOnTime: number;
  /** Documents still in execution whose control date is before today (and within the range when one is given). */
  readonly documentsOverdue: number;
}

export interface TransparencyArgs {
  readonly communityId?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
}

/** The reports, each read from the read models its projection keeps (bad arguments: ValidationFailed; an unknown community: NotFound). */
export interface ReportReadModels {
  publicSite(communityId: string, today: string): Promise<PublicSite>;
  dashboard(communityId: string, today: string): Promise<Dashboard>;
  /** `today` (Asia/Yerevan) decides which documents in execution are overdue. */
  transparencyReport(args: TransparencyArgs, today: string): Promise<TransparencyReport>;
  nationalAdoptionReport(asOf: string): Promise<NationalAdoptionReport>;
  /** One point per month from the month of `from` to the month of `to`, each as of the month's last day (`to` for the last). */
  adoptionOverTime(from: string, to: string): Promise<AdoptionPoint[]>;
}

/** The value at nearest rank `p` (percent) of ascending `sorted`: the ⌈p·n/100⌉-th smallest; null when empty. */
export const nearestRank = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1];
};

/**
 * The same as `nearestRank` over a histogram (value → how many times it occurs): the exact answer without
 * listing every value; null when empty.
 */
export const nearestRankOfCounts = (counts: ReadonlyMap<number, number>, p: number): number | null => {
  const values = [...counts.keys()].sort((a, b) => a - b);
  let n = 0;
  for (const value of values) n += counts.get(value)!;
  if (n === 0) return null;
  const rank = Math.min(Math.max(1, Math.ceil((p * n) / 100)), n);
  let seen = 0;
  for (const value of values) {
    seen += counts.get(value)!;
    if (seen >= rank) return value;
  }
  return values[values.length - 1];
};

/** `part` of `whole` in percent with one decimal; null when `whole` is 0. */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/** Complaints still awaiting a response: the backlog, and the only ones that can be overdue. */
export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter((s) => s !== 'responded' && s !== 'closed');

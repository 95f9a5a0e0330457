import type { ApplicationKind, FeeSettlementHow, ServiceSnapshot, SubmissionChannel, TaxLiabilitySnapshot } from './commands';

export type ApplicationStatus = 'submitted' | 'registered' | 'assigned' | 'awaiting-information' | 'approved' | 'rejected' | 'completed' | 'withdrawn';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'registered',
  'assigned',
  'awaiting-information',
  'approved',
  'rejected',
  'completed',
  'withdrawn',
];

/** Statuses of a case still waiting for a decision (the only ones that can be overdue). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'registered', 'assigned', 'awaiting-information'];

/** Statuses no command moves away from. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['rejected', 'completed', 'withdrawn'];

export interface NoApplication {
  readonly status: 'none';
}

export interface ApplicationCase {
  readonly status: ApplicationStatus;
  readonly id: string;
  readonly communityId: string;
  readonly service: ServiceSnapshot;
  readonly kind: ApplicationKind;
  readonly subject: string;
  readonly details: string;
  readonly applicantId: string | null;
  readonly applicantName: string;
  readonly channel: SubmissionChannel;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly dueOn: string;
  /** The public tracking code (null for applications submitted before tracking codes). */
  readonly trackingCode: string | null;
  readonly registrationNumber: string | null;
  readonly assigneeId: string | null;
  /** The open question while awaiting information. */
  readonly pendingQuestion: string | null;
  /** When the open question was asked: the clock stopped then. */
  readonly awaitingSince: string | null;
  readonly informationExchanges: ReadonlyArray<{ readonly question: string; readonly answer: string | null }>;
  readonly decision: { readonly outcome: 'approved' | 'rejected' | 'answered'; readonly basis: string | null; readonly reason: string | null; readonly answer: string | null } | null;
  readonly decidedAt: string | null;
  readonly feeSettlements: ReadonlyArray<{ readonly feeId: string; readonly how: FeeSettlementHow; readonly at: string }>;
  readonly permit: { readonly number: string; readonly validFrom: string; readonly validUntil: string } | null;
  readonly certificate: { readonly number: string; readonly taxLiability: TaxLiabilitySnapshot | null } | null;
  readonly completedAt: string | null;
  readonly withdrawal: { readonly reason: string; readonly at: string } | null;
}

export type ApplicationState = NoApplication | ApplicationCase;

export const initialState = (): ApplicationState => ({ status: 'none' });

/** A fee of 0 drams counts as settled; otherwise a linked fee must have been paid or waived. */
export const isFeeSettled = (state: ApplicationCase): boolean => state.service.feeAmd === 0 || state.feeSettlements.length > 0;

/**
 * The `Application` view of docs/api.md on `today` (a Yerevan date). `overdue` is derived: the case is
 * still waiting for a decision and today is after `dueOn`. `revision` is added by the service.
 */
import type { ApplicationKind, IssuedDocument, SubmissionChannel, TaxLiabilitySnapshot } from './commands';
import { isFeeSettled, OPEN_STATUSES, type ApplicationState, type ApplicationStatus } from './state';

export interface ApplicationView {
  readonly id: string;
  readonly status: ApplicationStatus;
  readonly communityId: string;
  readonly serviceCode: string;
  readonly serviceNameHy: string;
  readonly serviceNameEn: string;
  readonly feeAmd: number;
  readonly issues: IssuedDocument;
  readonly kind: ApplicationKind;
  readonly subject: string;
  readonly details: string;
  readonly applicantId: string | null;
  readonly applicantName: string;
  readonly channel: SubmissionChannel;
  readonly submittedAt: string;
  readonly trackingCode: string | null;
  readonly registrationNumber: string | null;
  readonly assigneeId: string | null;
  readonly pendingQuestion: string | null;
  readonly dueOn: string;
  readonly overdue: boolean;
  readonly feeSettled: boolean;
  readonly decidedAt: string | null;
  readonly decision: { readonly outcome: 'approved' | 'rejected' | 'answered'; readonly basis: string | null; readonly reason: string | null; readonly answer: string | null } | null;
  readonly permit: { readonly number: string; readonly validFrom: string; readonly validUntil: string } | null;
  readonly certificate: { readonly number: string; readonly taxLiability: TaxLiabilitySnapshot | null } | null;
  readonly completedAt: string | null;
  readonly withdrawnAt: string | null;
}

/** The view of an application on `today` (YYYY-MM-DD, Yerevan), or null when there is none. */
export const applicationView = (state: ApplicationState, today: string): ApplicationView | null => {
  if (state.status === 'none') return null;
  return {
    id: state.id,
    status: state.status,
    communityId: state.communityId,
    serviceCode: state.service.code,
    serviceNameHy: state.service.nameHy,
    serviceNameEn: state.service.nameEn,
    feeAmd: state.service.feeAmd,
    issues: state.service.issues,
    kind: state.kind,
    subject: state.subject,
    details: state.details,
    applicantId: state.applicantId,
    applicantName: state.applicantName,
    channel: state.channel,
    submittedAt: state.submittedAt,
    trackingCode: state.trackingCode,
    registrationNumber: state.registrationNumber,
    assigneeId: state.assigneeId,
    pendingQuestion: state.pendingQuestion,
    dueOn: state.dueOn,
    overdue: OPEN_STATUSES.includes(state.status) && today > state.dueOn,
    feeSettled: isFeeSettled(state),
    decidedAt: state.decidedAt,
    decision: state.decision,
    permit: state.permit,
    certificate: state.certificate,
    completedAt: state.completedAt,
    withdrawnAt: state.withdrawal?.at ?? null,
  };
};

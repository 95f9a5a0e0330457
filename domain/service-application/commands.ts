/**
 * Commands of an application (a service procedure) or an inquiry; stream `application-<id>`.
 * Who acts and when arrive in the command metadata (`actor`, `now`); the data holds only the facts
 * the application layer looked up or generated (the service's terms, numbers, a tax liability snapshot).
 */
import type { DomainCommand } from '../kernel/decider';
import type { CalendarDeclaration } from '../working-days/calendar';

export type ApplicationKind = 'application' | 'inquiry';
export type SubmissionChannel = 'online' | 'cso' | 'hotline' | 'in-person';
export type IssuedDocument = 'none' | 'permit' | 'certificate';
export type FeeSettlementHow = 'paid' | 'waived';

export const APPLICATION_KINDS: readonly ApplicationKind[] = ['application', 'inquiry'];
export const SUBMISSION_CHANNELS: readonly SubmissionChannel[] = ['online', 'cso', 'hotline', 'in-person'];
export const ISSUED_DOCUMENTS: readonly IssuedDocument[] = ['none', 'permit', 'certificate'];

/** The service code whose certificate states the resident's property tax liabilities. */
export const TAX_LIABILITY_CERTIFICATE = 'tax-liability-certificate';

/** The terms of the community's service at submission; later changes to the catalogue do not affect the case. */
export interface ServiceSnapshot {
  readonly code: string;
  readonly nameHy: string;
  readonly nameEn: string;
  readonly feeAmd: number;
  readonly deadlineDays: number;
  /** Present only when the deadline counts working days; absent: calendar days. */
  readonly deadlineKind?: 'working';
  readonly issues: IssuedDocument;
}

export interface TaxLiabilityItem {
  /** e.g. "real-estate", "vehicle". */
  readonly kind: string;
  readonly description: string;
  /** The tax period, e.g. "2019". */
  readonly period: string;
  readonly dueAmd: number;
}

/** What the property tax management system answered, kept as issued on the certificate. */
export interface TaxLiabilitySnapshot {
  readonly residentId: string;
  readonly communityId: string;
  readonly asOf: string;
  readonly totalDueAmd: number;
  readonly items: readonly TaxLiabilityItem[];
  readonly retrievedAt: string;
  /** Which system answered, e.g. "sandbox" or the base URL of the real system. */
  readonly source: string;
}

export type SubmitApplication = DomainCommand<
  'SubmitApplication',
  {
    readonly applicationId: string;
    readonly communityId: string;
    readonly service: ServiceSnapshot;
    readonly kind: ApplicationKind;
    readonly subject: string;
    readonly details: string;
    /** The resident the case belongs to; null when staff took it for an unidentified caller. */
    readonly applicantId: string | null;
    readonly applicantName: string;
    readonly channel: SubmissionChannel;
    /** The public tracking code reserved for the case (journal.ts). */
    readonly trackingCode?: string;
    /**
     * The working-day calendar's declarations, for a service counted in working days: the due date is
     * counted with those recorded by the command's time (absent: the law's calendar alone).
     */
    readonly workingDays?: readonly CalendarDeclaration[];
  }
>;

export type RegisterApplication = DomainCommand<'RegisterApplication', { readonly registrationNumber: string }>;
export type AssignApplication = DomainCommand<'AssignApplication', { readonly assigneeId: string }>;
export type RequestApplicationInformation = DomainCommand<'RequestApplicationInformation', { readonly question: string }>;
export type ProvideApplicationInformation = DomainCommand<
  'ProvideApplicationInformation',
  {
    readonly answer: string;
    /** As on SubmitApplication: the calendar's declarations, for a service counted in working days. */
    readonly workingDays?: readonly CalendarDeclaration[];
  }
>;
export type ApproveApplication = DomainCommand<'ApproveApplication', { readonly basis: string }>;
export type RejectApplication = DomainCommand<'RejectApplication', { readonly reason: string; readonly basis: string }>;
export type IssuePermit = DomainCommand<'IssuePermit', { readonly permitNumber: string; readonly validFrom: string; readonly validUntil: string }>;
export type IssueCertificate = DomainCommand<'IssueCertificate', { readonly certificateNumber: string; readonly taxLiability: TaxLiabilitySnapshot | null }>;
export type AnswerInquiry = DomainCommand<'AnswerInquiry', { readonly answer: string }>;
export type WithdrawApplication = DomainCommand<'WithdrawApplication', { readonly reason: string }>;
/** From the permit/fee process manager: a fee linked to this application was paid or waived. */
export type RecordFeeSettlement = DomainCommand<
  'RecordFeeSettlement',
  { readonly feeId: string; readonly communityId: string; readonly how: FeeSettlementHow; readonly at: string }
>;

export type ApplicationCommand =
  | SubmitApplication
  | RegisterApplication
  | AssignApplication
  | RequestApplicationInformation
  | ProvideApplicationInformation
  | ApproveApplication
  | RejectApplication
  | IssuePermit
  | IssueCertificate
  | AnswerInquiry
  | WithdrawApplication
  | RecordFeeSettlement;

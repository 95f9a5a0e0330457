/**
 * Events of an application. Each carries the application and community ids, who acted (actor id)
 * and the business time (`…At`, ISO date-time). Decision events repeat `submittedAt` and `dueOn`
 * so a read model can compute processing time and punctuality from the decision alone.
 */
import type { DomainEvent } from '../kernel/decider';
import type { ApplicationKind, FeeSettlementHow, ServiceSnapshot, SubmissionChannel, TaxLiabilitySnapshot } from './commands';

export type ApplicationSubmitted = DomainEvent<
  'ApplicationSubmitted',
  {
    readonly applicationId: string;
    readonly communityId: string;
    readonly serviceCode: string;
    readonly service: ServiceSnapshot;
    readonly kind: ApplicationKind;
    readonly subject: string;
    readonly details: string;
    readonly applicantId: string | null;
    readonly applicantName: string;
    readonly channel: SubmissionChannel;
    /** The actor who submitted: the resident, or the staff member acting on their behalf. */
    readonly submittedBy: string;
    readonly submittedByRole: string;
    /** The applicant when someone else submitted for them, else null. */
    readonly onBehalfOf: string | null;
    readonly submittedAt: string;
    readonly dueOn: string;
    /** The public tracking code; absent on applications submitted before tracking codes. */
    readonly trackingCode?: string;
  }
>;

type Base = { readonly applicationId: string; readonly communityId: string };

export type ApplicationRegistered = DomainEvent<
  'ApplicationRegistered',
  Base & { readonly registrationNumber: string; readonly registeredBy: string; readonly registeredAt: string }
>;

export type ApplicationAssigned = DomainEvent<'ApplicationAssigned', Base & { readonly assigneeId: string; readonly assignedBy: string; readonly assignedAt: string }>;

export type ApplicationInformationRequested = DomainEvent<
  'ApplicationInformationRequested',
  Base & { readonly question: string; readonly requestedBy: string; readonly requestedAt: string }
>;

export type ApplicationInformationProvided = DomainEvent<
  'ApplicationInformationProvided',
  Base & {
    readonly answer: string;
    readonly providedBy: string;
    readonly providedAt: string;
    /**
     * The due date once the clock resumes: the earlier one moved by the time spent waiting (schema
     * version 2; absent on earlier events, whose due date did not move).
     */
    readonly dueOn?: string;
  }
>;

type Decision = { readonly serviceCode: string; readonly decidedBy: string; readonly decidedAt: string; readonly submittedAt: string; readonly dueOn: string };

export type ApplicationApproved = DomainEvent<'ApplicationApproved', Base & Decision & { readonly basis: string }>;

export type ApplicationRejected = DomainEvent<'ApplicationRejected', Base & Decision & { readonly reason: string; readonly basis: string }>;

export type InquiryAnswered = DomainEvent<'InquiryAnswered', Base & Decision & { readonly answer: string }>;

export type PermitIssued = DomainEvent<
  'PermitIssued',
  Base & {
    readonly serviceCode: string;
    readonly applicantId: string | null;
    readonly permitNumber: string;
    readonly validFrom: string;
    readonly validUntil: string;
    readonly issuedBy: string;
    readonly issuedAt: string;
  }
>;

export type CertificateIssued = DomainEvent<
  'CertificateIssued',
  Base & {
    readonly serviceCode: string;
    readonly applicantId: string | null;
    readonly certificateNumber: string;
    readonly taxLiability: TaxLiabilitySnapshot | null;
    readonly issuedBy: string;
    readonly issuedAt: string;
  }
>;

export type ApplicationWithdrawn = DomainEvent<'ApplicationWithdrawn', Base & { readonly reason: string; readonly withdrawnBy: string; readonly withdrawnAt: string }>;

export type ApplicationFeeSettled = DomainEvent<
  'ApplicationFeeSettled',
  Base & { readonly feeId: string; readonly how: FeeSettlementHow; readonly settledAt: string }
>;

export type ApplicationEvent =
  | ApplicationSubmitted
  | ApplicationRegistered
  | ApplicationAssigned
  | ApplicationInformationRequested
  | ApplicationInformationProvided
  | ApplicationApproved
  | ApplicationRejected
  | InquiryAnswered
  | PermitIssued
  | CertificateIssued
  | ApplicationWithdrawn
  | ApplicationFeeSettled;

/** Every application event type, its schema version and the meaning of each field of its data. */
import { eventCatalogue } from '../kernel/catalogue';
import type { ApplicationEvent } from './events';
import type { ApplicationJournalEvent } from './journal';
const applicationId = 'string — the application id (stream application-<id>)';
const communityId = 'string — code of the community handling the case';
const at = (what: string) => `ISO date-time — business time ${what}`;
const decision = {
  applicationId,
  communityId,
  serviceCode: 'string — code of the service applied for',
  decidedBy: 'string — id of the staff member or head who decided',
  decidedAt: at('of the decision'),
  submittedAt: at('of the submission (repeated for processing-time statistics)'),
  dueOn: 'YYYY-MM-DD — due date of the case (decided on time when the Yerevan date of decidedAt ≤ dueOn)',
};

export const applicationEventCatalogue = eventCatalogue<ApplicationEvent | ApplicationJournalEvent>()([
  {
    type: 'ApplicationSubmitted',
    schemaVersion: 2,
    description: 'A resident submitted an application or inquiry, online or through staff at a citizen service office, the hotline or in person.',
    fields: {
      applicationId,
      communityId,
      serviceCode: 'string — code of the community service applied for',
      service:
        'object — the service terms at submission: { code, nameHy, nameEn, feeAmd (integer drams), deadlineDays (integer), deadlineKind ("working", optional since schema version 2; absent: calendar days), issues ("none" | "permit" | "certificate") }',
      kind: '"application" | "inquiry"',
      subject: 'string — subject line (≤ 200 characters)',
      details: 'string — the text of the application (≤ 100000 characters)',
      applicantId: 'string | null — the resident the case belongs to (null: staff took it for an unidentified caller)',
      applicantName: 'string — name of the applicant',
      channel: '"online" | "cso" | "hotline" | "in-person"',
      submittedBy: 'string — id of the actor who submitted (the resident, or the staff member)',
      submittedByRole: 'string — role of that actor ("resident", "staff", "head")',
      onBehalfOf: 'string | null — the applicant when a staff member submitted for them',
      submittedAt: at('of the submission'),
      dueOn: 'YYYY-MM-DD — Yerevan date of submission + the service’s deadlineDays: calendar days, or working days after the submission date counted with the working-day calendar as recorded by submittedAt',
      trackingCode: 'string (optional) — the public tracking code: 10 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ; absent on applications submitted before tracking codes',
    },
  },
  {
    type: 'ApplicationRegistered',
    schemaVersion: 1,
    description: 'The municipality registered the case under an incoming number.',
    fields: {
      applicationId,
      communityId,
      registrationNumber: 'string — incoming number from the registration journal, <communityId>/<year>/<n> (n = 1, 2, 3… per community and Yerevan year); applications registered before the journal carry <communityId>-<year>-<8 characters of the id>',
      registeredBy: 'string — staff id',
      registeredAt: at('of registration'),
    },
  },
  {
    type: 'ApplicationAssigned',
    schemaVersion: 1,
    description: 'The case was assigned (or reassigned) to a staff member.',
    fields: { applicationId, communityId, assigneeId: 'string — id of the staff member now handling it', assignedBy: 'string — who assigned', assignedAt: at('of assignment') },
  },
  {
    type: 'ApplicationInformationRequested',
    schemaVersion: 1,
    description: 'Staff asked the applicant for additional information; the case awaits it.',
    fields: { applicationId, communityId, question: 'string — what is asked', requestedBy: 'string — staff id', requestedAt: at('of the request') },
  },
  {
    type: 'ApplicationInformationProvided',
    schemaVersion: 2,
    description:
      'The applicant (or staff on their behalf) provided the information asked; the case is back with its assignee and its clock, stopped while it waited, resumes.',
    fields: {
      applicationId,
      communityId,
      answer: 'string — the information given',
      providedBy: 'string — who provided it',
      providedAt: at('of the answer'),
      dueOn:
        'YYYY-MM-DD, optional (schema version 2; absent on version 1 events, whose due date did not move) — the due date from now on: the earlier one moved by the days waited from the Yerevan date of the request to that of the answer (calendar days, or working days for a service counted in working days)',
    },
  },
  {
    type: 'ApplicationApproved',
    schemaVersion: 1,
    description: 'The application was approved (final for services that issue nothing).',
    fields: { ...decision, basis: 'string — legal basis of the decision' },
  },
  {
    type: 'ApplicationRejected',
    schemaVersion: 1,
    description: 'The application was rejected.',
    fields: { ...decision, reason: 'string — why', basis: 'string — legal basis of the decision' },
  },
  {
    type: 'InquiryAnswered',
    schemaVersion: 1,
    description: 'An inquiry was answered; the case is completed.',
    fields: { ...decision, answer: 'string — the answer' },
  },
  {
    type: 'PermitIssued',
    schemaVersion: 1,
    description: 'A permit was issued for an approved application whose fee was settled; the case is completed.',
    fields: {
      applicationId,
      communityId,
      serviceCode: 'string — code of the permit service',
      applicantId: 'string | null — the permit holder',
      permitNumber: 'string — permit number, <registrationNumber>-P',
      validFrom: 'YYYY-MM-DD — first day of validity',
      validUntil: 'YYYY-MM-DD — last day of validity (after validFrom)',
      issuedBy: 'string — staff id',
      issuedAt: at('of issue'),
    },
  },
  {
    type: 'CertificateIssued',
    schemaVersion: 1,
    description: 'A certificate (reference) was issued for an approved application; for the tax-liability certificate it carries the liability as the property tax system stated it.',
    fields: {
      applicationId,
      communityId,
      serviceCode: 'string — code of the certificate service',
      applicantId: 'string | null — the resident the certificate is about',
      certificateNumber: 'string — certificate number, <registrationNumber>-C',
      taxLiability:
        'object | null — for "tax-liability-certificate": { residentId, communityId, asOf (YYYY-MM-DD), totalDueAmd (integer drams), items: [{ kind, description, period, dueAmd }], retrievedAt (ISO date-time), source ("sandbox" or the system address) }',
      issuedBy: 'string — staff id',
      issuedAt: at('of issue'),
    },
  },
  {
    type: 'ApplicationWithdrawn',
    schemaVersion: 1,
    description: 'The applicant withdrew the case before a decision.',
    fields: { applicationId, communityId, reason: 'string — why', withdrawnBy: 'string — the resident, or staff acting on their behalf', withdrawnAt: at('of withdrawal') },
  },
  {
    type: 'ApplicationFeeSettled',
    schemaVersion: 1,
    description: 'A fee linked to the application was paid in full or waived (recorded by the permit/fee process manager from FeePaid/FeeWaived).',
    fields: {
      applicationId,
      communityId,
      feeId: 'string — the fee (stream fee-<feeId>)',
      how: '"paid" | "waived"',
      settledAt: 'ISO date-time — business time of the payment or waiver (the fee event’s `at`)',
    },
  },
  {
    type: 'RegistrationNumberAssigned',
    schemaVersion: 1,
    description: 'The registration journal (stream appjournal-<communityId>_<year>) gave an application its incoming number, just before its ApplicationRegistered.',
    fields: {
      communityId,
      year: 'integer — Yerevan calendar year of the registration',
      sequence: 'integer — 1, 2, 3… per community and year, with no gap and no repeat',
      registrationNumber: 'string — "<communityId>/<year>/<sequence>"',
      applicationId: 'string — the application numbered',
      at: at('of the registration'),
    },
  },
  {
    type: 'TrackingCodeReserved',
    schemaVersion: 1,
    description: 'A tracking code (stream trackingcode-<code>) was reserved for an application at its submission, so that a code names exactly one application.',
    fields: {
      trackingCode: 'string — 10 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ',
      applicationId: 'string — the application it names',
      at: at('of the submission'),
    },
  },
]);

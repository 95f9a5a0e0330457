/**
 * The application decider: submitted → registered → assigned ⇄ awaiting-information →
 * approved | rejected → completed (permit or certificate issued, inquiry answered); withdrawn
 * before a decision. Rules:
 * - every command but SubmitApplication needs a submitted case (NOT_FOUND APPLICATION_NOT_FOUND);
 * - rejected, completed and withdrawn are final; approved is final for services that issue nothing;
 *   only RecordFeeSettlement is still accepted then (it records a payment fact, the status stays);
 * - deciding (approve, reject, answer) needs a registered case (APPLICATION_NOT_REGISTERED);
 * - a permit is issued only for an approved application of a permit-issuing service whose fee is
 *   settled (a 0-dram fee counts as settled): FEE_NOT_SETTLED otherwise;
 * - a certificate only for certificate services (with the tax liability snapshot for the
 *   tax-liability certificate); an answer only for inquiries.
 */
import { match } from 'ts-pattern';
import type { Decider, CommandMetadata } from '../kernel/decider';
import { domainValidation, invalidTransition, notFound, type DomainError } from '../kernel/errors';
import { addDays, daysBetween, isIsoDate, isIsoDateTime, yerevanDate } from '../kernel/time';
import { addWorkingDays, calendarAsOf, workingDaysBetween, type CalendarDeclaration } from '../working-days/calendar';
import { APPLICATION_KINDS, ISSUED_DOCUMENTS, SUBMISSION_CHANNELS, TAX_LIABILITY_CERTIFICATE, type ApplicationCommand, type ServiceSnapshot } from './commands';
import type { ApplicationEvent } from './events';
import { initialState, isFeeSettled, type ApplicationCase, type ApplicationState, type ApplicationStatus } from './state';

export { initialState };

export const MAX_AMD = 1_000_000_000_000;
export const MAX_DEADLINE_DAYS = 3650;

type Decision = ApplicationEvent[] | DomainError;

const isNonBlank = (s: unknown): s is string => typeof s === 'string' && s.trim().length > 0;
const isWholeInRange = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;
const required = (value: unknown, field: string): DomainError | null =>
  isNonBlank(value) ? null : domainValidation('FIELD_REQUIRED', `${field} must not be blank`, [field]);
const firstError = (...checks: Array<DomainError | null>): DomainError | null => checks.find((c) => c !== null) ?? null;

const actorId = (metadata: CommandMetadata): string => metadata.actor?.id ?? 'unknown';

/**
 * The due date of a case submitted on `submittedOn`: calendar days after it, or working days after it
 * counted with the calendar as it stood at the command's time (time-travel safe: a declaration recorded
 * later never moves a due date already set).
 */
const dueDateOf = (service: ServiceSnapshot, submittedOn: string, declarations: readonly CalendarDeclaration[] | undefined, now: string): string =>
  service.deadlineKind === 'working' ? addWorkingDays(calendarAsOf(declarations ?? [], now), submittedOn, service.deadlineDays) : addDays(submittedOn, service.deadlineDays);

/**
 * The due date once the clock resumes: moved by the days the case waited for the applicant, from the
 * Yerevan date of the question to that of the answer — calendar days, or, for a service counted in
 * working days, the working days in between (counted with the calendar as it stands at the answer).
 */
const resumedDueOn = (c: ApplicationCase, declarations: readonly CalendarDeclaration[] | undefined, now: string): string => {
  const askedOn = yerevanDate(c.awaitingSince ?? now);
  const answeredOn = yerevanDate(now);
  if (answeredOn <= askedOn) return c.dueOn;
  if (c.service.deadlineKind !== 'working') return addDays(c.dueOn, daysBetween(askedOn, answeredOn));
  const calendar = calendarAsOf(declarations ?? [], now);
  return addWorkingDays(calendar, c.dueOn, workingDaysBetween(calendar, askedOn, answeredOn));
};

/** Why a case in `status` cannot be acted on any more (or null while it is open). */
const closedReason = (state: ApplicationCase): DomainError | null =>
  match(state.status)
    .with('rejected', 'approved', () => invalidTransition('APPLICATION_DECIDED', `Application ${state.id} was already ${state.status}`))
    .with('completed', () => invalidTransition('APPLICATION_COMPLETED', `Application ${state.id} is completed`))
    .with('withdrawn', () => invalidTransition('APPLICATION_WITHDRAWN', `Application ${state.id} was withdrawn`))
    .with('submitted', 'registered', 'assigned', 'awaiting-information', () => null)
    .exhaustive();

const notRegistered = (state: ApplicationCase): DomainError =>
  invalidTransition('APPLICATION_NOT_REGISTERED', `Application ${state.id} must be registered first`);

/** Runs `then` on an existing case, or refuses with NOT_FOUND. */
const onCase = (state: ApplicationState, then: (c: ApplicationCase) => Decision): Decision =>
  state.status === 'none' ? notFound('APPLICATION_NOT_FOUND', 'No such application') : then(state);

/** Runs `then` on a case that is still open (no decision yet, not withdrawn). */
const onOpenCase = (state: ApplicationState, then: (c: ApplicationCase) => Decision): Decision =>
  onCase(state, (c) => closedReason(c) ?? then(c));

/** Why a certificate cannot be issued now, or null (the service layer asks before calling the tax system). */
export const certificateRefusal = (state: ApplicationState): DomainError | null => {
  if (state.status === 'none') return notFound('APPLICATION_NOT_FOUND', 'No such application');
  if (state.status === 'completed') return invalidTransition('APPLICATION_COMPLETED', `Application ${state.id} is completed`);
  if (state.kind !== 'application' || state.service.issues !== 'certificate') {
    return invalidTransition('SERVICE_ISSUES_NO_CERTIFICATE', `Service ${state.service.code} does not issue a certificate`);
  }
  if (state.status !== 'approved') return invalidTransition('APPLICATION_NOT_APPROVED', `Application ${state.id} is ${state.status}, not approved`);
  return null;
};

/** Why a permit cannot be issued now, or null. */
export const permitRefusal = (state: ApplicationState): DomainError | null => {
  if (state.status === 'none') return notFound('APPLICATION_NOT_FOUND', 'No such application');
  if (state.status === 'completed') return invalidTransition('APPLICATION_COMPLETED', `Application ${state.id} is completed`);
  if (state.kind !== 'application' || state.service.issues !== 'permit') {
    return invalidTransition('SERVICE_ISSUES_NO_PERMIT', `Service ${state.service.code} does not issue a permit`);
  }
  if (state.status !== 'approved') return invalidTransition('APPLICATION_NOT_APPROVED', `Application ${state.id} is ${state.status}, not approved`);
  if (!isFeeSettled(state)) return invalidTransition('FEE_NOT_SETTLED', `The fee of application ${state.id} is neither paid nor waived`);
  return null;
};

export const decide = (command: ApplicationCommand, state: ApplicationState): Decision =>
  match(command)
    .with({ type: 'SubmitApplication' }, ({ data, metadata }): Decision => {
      if (state.status !== 'none') return invalidTransition('APPLICATION_ALREADY_SUBMITTED', `Application ${state.id} was already submitted`);
      const s = data.service;
      const error = firstError(
        required(data.applicationId, 'applicationId'),
        required(data.communityId, 'communityId'),
        required(s?.code, 'serviceCode'),
        isWholeInRange(s?.feeAmd, 0, MAX_AMD) ? null : domainValidation('INVALID_FEE', 'The service fee must be whole drams from 0 to 10^12', ['serviceCode']),
        isWholeInRange(s?.deadlineDays, 1, MAX_DEADLINE_DAYS) ? null : domainValidation('INVALID_DEADLINE', 'The service deadline must be 1 to 3650 days', ['serviceCode']),
        s?.deadlineKind === undefined || s.deadlineKind === 'working' ? null : domainValidation('INVALID_DEADLINE_KIND', 'The service deadline kind must be working or absent', ['serviceCode']),
        ISSUED_DOCUMENTS.includes(s?.issues) ? null : domainValidation('INVALID_ISSUES', 'The service must issue none, a permit or a certificate', ['serviceCode']),
        APPLICATION_KINDS.includes(data.kind) ? null : domainValidation('INVALID_KIND', 'kind must be application or inquiry', ['kind']),
        SUBMISSION_CHANNELS.includes(data.channel) ? null : domainValidation('INVALID_CHANNEL', 'channel must be online, cso, hotline or in-person', ['channel']),
        required(data.subject, 'subject'),
        required(data.details, 'details'),
        required(data.applicantName, 'applicantName'),
        data.applicantId === null || isNonBlank(data.applicantId) ? null : domainValidation('FIELD_REQUIRED', 'applicantId must not be blank', ['applicantId']),
      );
      if (error) return error;
      const submittedBy = actorId(metadata);
      return [
        {
          type: 'ApplicationSubmitted',
          data: {
            applicationId: data.applicationId,
            communityId: data.communityId,
            serviceCode: s.code,
            service: {
              code: s.code,
              nameHy: s.nameHy,
              nameEn: s.nameEn,
              feeAmd: s.feeAmd,
              deadlineDays: s.deadlineDays,
              ...(s.deadlineKind === 'working' ? { deadlineKind: s.deadlineKind } : {}),
              issues: s.issues,
            },
            kind: data.kind,
            subject: data.subject,
            details: data.details,
            applicantId: data.applicantId,
            applicantName: data.applicantName,
            channel: data.channel,
            submittedBy,
            submittedByRole: metadata.actor?.role ?? 'unknown',
            onBehalfOf: data.applicantId !== null && data.applicantId !== submittedBy ? data.applicantId : null,
            submittedAt: metadata.now,
            dueOn: dueDateOf(s, yerevanDate(metadata.now), data.workingDays, metadata.now),
            ...(data.trackingCode !== undefined ? { trackingCode: data.trackingCode } : {}),
          },
        },
      ];
    })
    .with({ type: 'RegisterApplication' }, ({ data, metadata }): Decision =>
      onOpenCase(state, (c) => {
        if (c.status !== 'submitted') return invalidTransition('APPLICATION_ALREADY_REGISTERED', `Application ${c.id} is already registered as ${c.registrationNumber}`);
        const error = required(data.registrationNumber, 'registrationNumber');
        if (error) return error;
        return [
          {
            type: 'ApplicationRegistered',
            data: { applicationId: c.id, communityId: c.communityId, registrationNumber: data.registrationNumber, registeredBy: actorId(metadata), registeredAt: metadata.now },
          },
        ];
      }),
    )
    .with({ type: 'AssignApplication' }, ({ data, metadata }): Decision =>
      onOpenCase(state, (c) => {
        if (c.status === 'submitted') return notRegistered(c);
        const error = required(data.assigneeId, 'assigneeId');
        if (error) return error;
        if (c.status !== 'registered' && c.assigneeId === data.assigneeId) return [];
        return [
          { type: 'ApplicationAssigned', data: { applicationId: c.id, communityId: c.communityId, assigneeId: data.assigneeId, assignedBy: actorId(metadata), assignedAt: metadata.now } },
        ];
      }),
    )
    .with({ type: 'RequestApplicationInformation' }, ({ data, metadata }): Decision =>
      onOpenCase(state, (c) => {
        if (c.status === 'submitted') return notRegistered(c);
        if (c.status === 'registered') return invalidTransition('APPLICATION_NOT_ASSIGNED', `Application ${c.id} must be assigned before asking for information`);
        if (c.status === 'awaiting-information') return invalidTransition('INFORMATION_ALREADY_REQUESTED', `Application ${c.id} already awaits an answer`);
        const error = required(data.question, 'question');
        if (error) return error;
        return [
          {
            type: 'ApplicationInformationRequested',
            data: { applicationId: c.id, communityId: c.communityId, question: data.question, requestedBy: actorId(metadata), requestedAt: metadata.now },
          },
        ];
      }),
    )
    .with({ type: 'ProvideApplicationInformation' }, ({ data, metadata }): Decision =>
      onOpenCase(state, (c) => {
        if (c.status !== 'awaiting-information') return invalidTransition('INFORMATION_NOT_REQUESTED', `Application ${c.id} awaits no information`);
        const error = required(data.answer, 'answer');
        if (error) return error;
        return [
          {
            type: 'ApplicationInformationProvided',
            data: {
              applicationId: c.id,
              communityId: c.communityId,
              answer: data.answer,
              providedBy: actorId(metadata),
              providedAt: metadata.now,
              dueOn: resumedDueOn(c, data.workingDays, metadata.now),
            },
          },
        ];
      }),
    )
    .with({ type: 'ApproveApplication' }, ({ data, metadata }): Decision =>
      onOpenCase(state, (c) => {
        if (c.kind === 'inquiry') return invalidTransition('INQUIRY_NOT_APPROVABLE', 'An inquiry is answered, not approved');
        if (c.status === 'submitted') return notRegistered(c);
        if (c.status === 'awaiting-information') return invalidTransition('AWAITING_INFORMATION', `Application ${c.id} awaits information from the applicant`);
        const error = required(data.basis, 'basis');
        if (error) return error;
        return [{ type: 'ApplicationApproved', data: { ...decisionFacts(c, metadata), basis: data.basis } }];
      }),
    )
    .with({ type: 'RejectApplication' }, ({ data, metadata }): Decision =>
      onOpenCase(state, (c) => {
        if (c.status === 'submitted') return notRegistered(c);
        const error = firstError(required(data.reason, 'reason'), required(data.basis, 'basis'));
        if (error) return error;
        return [{ type: 'ApplicationRejected', data: { ...decisionFacts(c, metadata), reason: data.reason, basis: data.basis } }];
      }),
    )
    .with({ type: 'IssuePermit' }, ({ data, metadata }): Decision =>
      onCase(state, (c) => {
        const refusal = permitRefusal(c);
        if (refusal) return refusal;
        const error = firstError(
          required(data.permitNumber, 'permitNumber'),
          isIsoDate(data.validFrom) ? null : domainValidation('INVALID_DATE', 'validFrom must be a real date YYYY-MM-DD', ['validFrom']),
          isIsoDate(data.validUntil) ? null : domainValidation('INVALID_DATE', 'validUntil must be a real date YYYY-MM-DD', ['validUntil']),
          data.validUntil > data.validFrom ? null : domainValidation('VALIDITY_PERIOD_INVALID', 'validUntil must be after validFrom', ['validUntil']),
        );
        if (error) return error;
        return [
          {
            type: 'PermitIssued',
            data: {
              applicationId: c.id,
              communityId: c.communityId,
              serviceCode: c.service.code,
              applicantId: c.applicantId,
              permitNumber: data.permitNumber,
              validFrom: data.validFrom,
              validUntil: data.validUntil,
              issuedBy: actorId(metadata),
              issuedAt: metadata.now,
            },
          },
        ];
      }),
    )
    .with({ type: 'IssueCertificate' }, ({ data, metadata }): Decision =>
      onCase(state, (c) => {
        const refusal = certificateRefusal(c);
        if (refusal) return refusal;
        const error = required(data.certificateNumber, 'certificateNumber');
        if (error) return error;
        const liability = data.taxLiability ?? null;
        if (c.service.code === TAX_LIABILITY_CERTIFICATE) {
          if (liability === null) return domainValidation('TAX_LIABILITY_REQUIRED', 'A tax-liability certificate needs the liability from the property tax system', ['taxLiability']);
          if (liability.residentId !== c.applicantId) {
            return invalidTransition('TAX_LIABILITY_OF_ANOTHER_RESIDENT', 'The tax liability is not the applicant’s');
          }
          if (!isWholeInRange(liability.totalDueAmd, 0, MAX_AMD) || !liability.items.every((i) => isWholeInRange(i.dueAmd, 0, MAX_AMD))) {
            return domainValidation('INVALID_TAX_LIABILITY', 'Tax liability amounts must be whole drams', ['taxLiability']);
          }
        }
        return [
          {
            type: 'CertificateIssued',
            data: {
              applicationId: c.id,
              communityId: c.communityId,
              serviceCode: c.service.code,
              applicantId: c.applicantId,
              certificateNumber: data.certificateNumber,
              taxLiability: liability,
              issuedBy: actorId(metadata),
              issuedAt: metadata.now,
            },
          },
        ];
      }),
    )
    .with({ type: 'AnswerInquiry' }, ({ data, metadata }): Decision =>
      onOpenCase(state, (c) => {
        if (c.kind !== 'inquiry') return invalidTransition('NOT_AN_INQUIRY', `Application ${c.id} is not an inquiry`);
        if (c.status === 'submitted') return notRegistered(c);
        if (c.status === 'awaiting-information') return invalidTransition('AWAITING_INFORMATION', `Inquiry ${c.id} awaits information from the applicant`);
        const error = required(data.answer, 'answer');
        if (error) return error;
        return [{ type: 'InquiryAnswered', data: { ...decisionFacts(c, metadata), answer: data.answer } }];
      }),
    )
    .with({ type: 'WithdrawApplication' }, ({ data, metadata }): Decision =>
      onOpenCase(state, (c) => {
        const error = required(data.reason, 'reason');
        if (error) return error;
        return [{ type: 'ApplicationWithdrawn', data: { applicationId: c.id, communityId: c.communityId, reason: data.reason, withdrawnBy: actorId(metadata), withdrawnAt: metadata.now } }];
      }),
    )
    .with({ type: 'RecordFeeSettlement' }, ({ data }): Decision =>
      onCase(state, (c) => {
        const error = firstError(
          required(data.feeId, 'feeId'),
          data.how === 'paid' || data.how === 'waived' ? null : domainValidation('INVALID_SETTLEMENT', 'how must be paid or waived', ['how']),
          isIsoDateTime(data.at) ? null : domainValidation('INVALID_DATE_TIME', 'at must be an ISO date-time', ['at']),
        );
        if (error) return error;
        if (data.communityId !== c.communityId) {
          return invalidTransition('COMMUNITY_MISMATCH', `Fee ${data.feeId} of community ${data.communityId} cannot settle application ${c.id} of community ${c.communityId}`);
        }
        if (c.feeSettlements.some((f) => f.feeId === data.feeId)) return [];
        return [{ type: 'ApplicationFeeSettled', data: { applicationId: c.id, communityId: c.communityId, feeId: data.feeId, how: data.how, settledAt: data.at } }];
      }),
    )
    .exhaustive();

const decisionFacts = (c: ApplicationCase, metadata: CommandMetadata) => ({
  applicationId: c.id,
  communityId: c.communityId,
  serviceCode: c.service.code,
  decidedBy: actorId(metadata),
  decidedAt: metadata.now,
  submittedAt: c.submittedAt,
  dueOn: c.dueOn,
});

const onExisting = (state: ApplicationState, update: (c: ApplicationCase) => ApplicationState): ApplicationState =>
  state.status === 'none' ? state : update(state);

const withStatus = (c: ApplicationCase, status: ApplicationStatus): ApplicationCase => ({ ...c, status });

export const evolve = (state: ApplicationState, event: ApplicationEvent): ApplicationState =>
  match(event)
    .with({ type: 'ApplicationSubmitted' }, ({ data }): ApplicationState => ({
      status: 'submitted',
      id: data.applicationId,
      communityId: data.communityId,
      service: data.service,
      kind: data.kind,
      subject: data.subject,
      details: data.details,
      applicantId: data.applicantId,
      applicantName: data.applicantName,
      channel: data.channel,
      submittedBy: data.submittedBy,
      submittedAt: data.submittedAt,
      dueOn: data.dueOn,
      trackingCode: data.trackingCode ?? null,
      registrationNumber: null,
      assigneeId: null,
      pendingQuestion: null,
      awaitingSince: null,
      informationExchanges: [],
      decision: null,
      decidedAt: null,
      feeSettlements: [],
      permit: null,
      certificate: null,
      completedAt: null,
      withdrawal: null,
    }))
    .with({ type: 'ApplicationRegistered' }, ({ data }) => onExisting(state, (c) => ({ ...withStatus(c, 'registered'), registrationNumber: data.registrationNumber })))
    .with({ type: 'ApplicationAssigned' }, ({ data }) =>
      onExisting(state, (c) => ({ ...withStatus(c, c.status === 'awaiting-information' ? 'awaiting-information' : 'assigned'), assigneeId: data.assigneeId })),
    )
    .with({ type: 'ApplicationInformationRequested' }, ({ data }) =>
      onExisting(state, (c) => ({
        ...withStatus(c, 'awaiting-information'),
        pendingQuestion: data.question,
        awaitingSince: data.requestedAt,
        informationExchanges: [...c.informationExchanges, { question: data.question, answer: null }],
      })),
    )
    .with({ type: 'ApplicationInformationProvided' }, ({ data }) =>
      onExisting(state, (c) => ({
        ...withStatus(c, 'assigned'),
        pendingQuestion: null,
        awaitingSince: null,
        dueOn: data.dueOn ?? c.dueOn,
        informationExchanges: c.informationExchanges.map((x, i) => (i === c.informationExchanges.length - 1 ? { ...x, answer: data.answer } : x)),
      })),
    )
    .with({ type: 'ApplicationApproved' }, ({ data }) =>
      onExisting(state, (c) => ({ ...withStatus(c, 'approved'), decision: { outcome: 'approved', basis: data.basis, reason: null, answer: null }, decidedAt: data.decidedAt })),
    )
    .with({ type: 'ApplicationRejected' }, ({ data }) =>
      onExisting(state, (c) => ({ ...withStatus(c, 'rejected'), decision: { outcome: 'rejected', basis: data.basis, reason: data.reason, answer: null }, decidedAt: data.decidedAt })),
    )
    .with({ type: 'InquiryAnswered' }, ({ data }) =>
      onExisting(state, (c) => ({
        ...withStatus(c, 'completed'),
        decision: { outcome: 'answered', basis: null, reason: null, answer: data.answer },
        decidedAt: data.decidedAt,
        completedAt: data.decidedAt,
      })),
    )
    .with({ type: 'PermitIssued' }, ({ data }) =>
      onExisting(state, (c) => ({
        ...withStatus(c, 'completed'),
        permit: { number: data.permitNumber, validFrom: data.validFrom, validUntil: data.validUntil },
        completedAt: data.issuedAt,
      })),
    )
    .with({ type: 'CertificateIssued' }, ({ data }) =>
      onExisting(state, (c) => ({
        ...withStatus(c, 'completed'),
        certificate: { number: data.certificateNumber, taxLiability: data.taxLiability },
        completedAt: data.issuedAt,
      })),
    )
    .with({ type: 'ApplicationWithdrawn' }, ({ data }) => onExisting(state, (c) => ({ ...withStatus(c, 'withdrawn'), withdrawal: { reason: data.reason, at: data.withdrawnAt } })))
    .with({ type: 'ApplicationFeeSettled' }, ({ data }) =>
      onExisting(state, (c) => ({ ...c, feeSettlements: [...c.feeSettlements, { feeId: data.feeId, how: data.how, at: data.settledAt }] })),
    )
    .exhaustive();

export const applicationDecider: Decider<ApplicationCommand, ApplicationEvent, ApplicationState> = {
  name: 'application',
  decide,
  evolve,
  initialState,
};

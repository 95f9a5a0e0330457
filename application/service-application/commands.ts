/**
 * The application's commands (a service procedure or an inquiry): who may run each, on which
 * application, with what input.
 *
 * - submitApplication: a resident online for themselves (acr eid or mid), or staff/head of the
 *   community on a resident's behalf at a citizen service office, the hotline or in person. The
 *   community must offer the service; the service's terms at submission are kept on the case.
 * - provideApplicationInformation, withdrawApplication: the applicant (own case) or staff/head of the
 *   community on their behalf. Every other public command: staff/head of the application's community.
 * - submitApplication reserves the case's public tracking code (a stream per code, so a code names one
 *   application); registerApplication takes the next number of the community's registration journal
 *   for the Yerevan year, `<communityId>/<year>/<n>` (domain/service-application/journal.ts). Permit and
 *   certificate numbers are `<registration>-P` and `<registration>-C`; applications registered before
 *   the journal keep their derived numbers `<communityId>-<year>-<8 characters of the id>`.
 * - issueCertificate of the "tax-liability-certificate" service asks the property tax system and
 *   records its answer on the certificate. A repeated commandId is answered from the log before
 *   anything is asked again (the pipeline fingerprints the input, not the facts looked up).
 * - recordFeeSettlement is the permit/fee process manager's command: system actor only, no mutation.
 */
import { streamIdOf } from '../../domain/aggregates';
import { offeredService } from '../../domain/community';
import {
  APPLICATION_KINDS,
  applicationDecider,
  applicationView,
  certificateRefusal,
  SUBMISSION_CHANNELS,
  TAX_LIABILITY_CERTIFICATE,
  type ApplicationCase,
  type ApplicationCommand,
  type ApplicationKind,
  type ApplicationState,
  type FeeSettlementHow,
  type ServiceSnapshot,
  type SubmissionChannel,
  type TaxLiabilitySnapshot,
} from '../../domain/service-application';
import { yerevanDate } from '../../domain/kernel/time';
import type { CalendarDeclaration } from '../../domain/working-days/calendar';
import { loadCalendarDeclarations } from '../working-days/commands';
import {
  applicationJournalDecider,
  applicationJournalStreamId,
  registrationNumberIn,
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_CATEGORY,
  TRACKING_CODE_LENGTH,
  trackingCodeDecider,
} from '../../domain/service-application/journal';
import { randomInt } from 'node:crypto';
import { domainErrorToError } from '../command-handler';
import { isDomainError } from '../../domain/kernel/errors';
import { takeNumber } from '../commands/registers';
import { aggregate, command, type CommandCall, type CommandEnv } from '../commands/declare';
import { Code, CommunityCode, Id, IsoDate, IsoDateTime, Name, Nested, OneOf, Text } from '../commands/fields';
import { allOf, allow, forbid, hasRole, inOwnCommunity, ownCase, refuse, strongAssurance, writes, type Role, type Verdict } from '../commands/policy';
import { requireActiveCommunity } from '../community/registered';
import { InvalidTransition, NotFound, ValidationFailed } from '../errors';
import type { Actor } from '../ports/event-store';

/** The stream of an application. */
export const applicationStreamId = (id: string): string => streamIdOf(applicationDecider.name, id);

/** The id's last 8 characters: random in every id this system makes (the first ones of a v7 id are its time). */
export const registrationNumberOf = (c: Pick<ApplicationCase, 'id' | 'communityId' | 'submittedAt'>): string =>
  `${c.communityId}-${yerevanDate(c.submittedAt).slice(0, 4)}-${c.id.replace(/[^A-Za-z0-9]/g, '').slice(-8).toUpperCase()}`;

const STAFF_ROLES: readonly Role[] = ['staff', 'head'];
const APPLICANT_OR_STAFF_ROLES: readonly Role[] = ['resident', ...STAFF_ROLES];
const ON_BEHALF_CHANNELS: readonly SubmissionChannel[] = ['cso', 'hotline', 'in-person'];
const FEE_SETTLEMENTS: readonly FeeSettlementHow[] = ['paid', 'waived'];

const applicationNotFound = (id: string) => new NotFound(`Application ${id} does not exist`, 'APPLICATION_NOT_FOUND');

export class SubmitApplicationInput {
  @CommunityCode() communityId!: string;
  @Code() serviceCode!: string;
  @OneOf(APPLICATION_KINDS, { optional: true, description: '"application" (default) or "inquiry"' }) kind?: ApplicationKind | null;
  @Name() subject!: string;
  @Text() details!: string;
  @Name() applicantName!: string;
  @Id({ optional: true, graphqlType: 'String', description: "The resident the application is for (staff submitting on a resident's behalf)." })
  applicantId?: string | null;
  @OneOf(SUBMISSION_CHANNELS, { optional: true, description: 'online (residents), or cso, hotline, in-person (staff on a resident\'s behalf)' })
  channel?: SubmissionChannel | null;
}

class SubmitApplicationArgs {
  @Nested(SubmitApplicationInput) input!: SubmitApplicationInput;
}

class ApplicationIdArgs {
  @Id() id!: string;
}

class AssignApplicationArgs extends ApplicationIdArgs {
  @Id({ graphqlType: 'String' }) assigneeId!: string;
}

class RequestApplicationInformationArgs extends ApplicationIdArgs {
  @Text() question!: string;
}

class AnswerArgs extends ApplicationIdArgs {
  @Text() answer!: string;
}

class ApproveApplicationArgs extends ApplicationIdArgs {
  @Text() basis!: string;
}

class RejectApplicationArgs extends ApplicationIdArgs {
  @Text() reason!: string;
  @Text() basis!: string;
}

class IssuePermitArgs extends ApplicationIdArgs {
  @IsoDate() validFrom!: string;
  @IsoDate() validUntil!: string;
}

class WithdrawApplicationArgs extends ApplicationIdArgs {
  @Text() reason!: string;
}

class RecordFeeSettlementArgs extends ApplicationIdArgs {
  @Id() feeId!: string;
  @CommunityCode() communityId!: string;
  @OneOf(FEE_SETTLEMENTS) how!: FeeSettlementHow;
  @IsoDateTime() at!: string;
}

/**
 * Whose case a submission opens and through which channel: a resident's own, online; staff take it
 * for the resident they name (or an unidentified caller) at their office, else in person, unless the
 * input names the channel.
 */
const submissionOf = (actor: Actor, input: SubmitApplicationInput): { applicantId: string | null; channel: SubmissionChannel } =>
  actor.role === 'resident'
    ? { applicantId: actor.id, channel: 'online' }
    : { applicantId: input.applicantId ?? null, channel: input.channel ?? (actor.officeId ? 'cso' : 'in-person') };

const submissionCommand = (
  input: SubmitApplicationInput,
  service: ServiceSnapshot,
  trackingCode: string | undefined,
  { id, actor }: CommandCall,
  workingDays: readonly CalendarDeclaration[] | undefined,
) =>
  ({
    type: 'SubmitApplication',
    data: {
      applicationId: id,
      communityId: input.communityId,
      service,
      kind: input.kind ?? 'application',
      subject: input.subject,
      details: input.details,
      applicantName: input.applicantName,
      ...submissionOf(actor, input),
      ...(trackingCode !== undefined ? { trackingCode } : {}),
      ...(workingDays !== undefined ? { workingDays } : {}),
    },
  }) as const;

const submissionPolicy = (actor: Actor, input: SubmitApplicationInput): Verdict => {
  const what = 'submit an application';
  if (actor.role === 'resident') {
    return allOf(
      () => strongAssurance(actor, what),
      () =>
        input.channel != null && input.channel !== 'online'
          ? refuse(new ValidationFailed('A resident submits online; other channels are used by staff on a resident’s behalf', ['input.channel']))
          : allow,
      () => (input.applicantId != null && input.applicantId !== actor.id ? forbid('A resident submits applications only for themselves') : allow),
    );
  }
  const staff = allOf(
    () => writes(actor),
    () => inOwnCommunity(actor, input.communityId, STAFF_ROLES, `${what} on a resident’s behalf`),
  );
  if (!staff.allowed) return staff;
  const { applicantId, channel } = submissionOf(actor, input);
  if (!ON_BEHALF_CHANNELS.includes(channel)) {
    return refuse(new ValidationFailed('Staff submit on a resident’s behalf through cso, hotline or in-person', ['input.channel']));
  }
  return { allowed: true, channel, ...(applicantId === null ? {} : { onBehalfOf: applicantId }) };
};

/** Staff or head of the application's community; an unknown application is NOT_FOUND only to those who may act on one. */
const byStaff =
  (what: string) =>
  (actor: Actor, state: ApplicationState, input: { id: string }): Verdict =>
    allOf(
      () => hasRole(actor, STAFF_ROLES, what),
      () => (state.status === 'none' ? refuse(applicationNotFound(input.id)) : inOwnCommunity(actor, state.communityId, STAFF_ROLES, what)),
    );

/** The applicant on their own case, or staff/head of the application's community on the applicant's behalf. */
const byApplicantOrStaff =
  (what: string) =>
  (actor: Actor, state: ApplicationState, input: { id: string }): Verdict => {
    const role = hasRole(actor, APPLICANT_OR_STAFF_ROLES, what);
    if (!role.allowed) return role;
    if (state.status === 'none') return refuse(applicationNotFound(input.id));
    if (actor.role === 'resident') return ownCase(actor, state.applicantId, what);
    const staff = inOwnCommunity(actor, state.communityId, STAFF_ROLES, what);
    return staff.allowed && state.applicantId !== null ? { allowed: true, onBehalfOf: state.applicantId } : staff;
  };

/** The case a command on an existing application is built from (the policy has refused an unknown one). */
const caseOf = (state: ApplicationState, id: string): ApplicationCase => {
  if (state.status === 'none') throw applicationNotFound(id);
  return state;
};

/** A fresh tracking code: 10 characters drawn uniformly from the alphabet by the system's CSPRNG (~49 bits). */
const randomTrackingCode = (): string => Array.from({ length: TRACKING_CODE_LENGTH }, () => TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)]).join('');

/** Reserves a tracking code for the application; a code another application holds is drawn again. */
const reserveTrackingCode = async (env: CommandEnv, call: CommandCall): Promise<string> => {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const trackingCode = randomTrackingCode();
    try {
      await env.handler.handle(
        trackingCodeDecider,
        `${TRACKING_CODE_CATEGORY}-${trackingCode}`,
        { type: 'ReserveTrackingCode', data: { trackingCode, applicationId: call.id } },
        { actor: call.actor, occurredAt: call.now, correlationId: call.correlationId ?? call.commandId, causationId: call.commandId },
        { newStream: true },
      );
      return trackingCode;
    } catch (error) {
      if (!(error instanceof InvalidTransition && error.reason === 'TRACKING_CODE_TAKEN')) throw error;
    }
  }
  throw new Error('No free tracking code after 10 draws');
};

/** The application's number in its community's journal for the Yerevan year of registration. */
const takeRegistrationNumber = (env: CommandEnv, c: ApplicationCase, call: CommandCall): Promise<string> => {
  const year = Number(call.today.slice(0, 4));
  return takeNumber(
    env,
    applicationJournalDecider,
    applicationJournalStreamId(c.communityId, year),
    { type: 'AssignRegistrationNumber', data: { communityId: c.communityId, year, applicationId: c.id } },
    (state) => registrationNumberIn(state, c.id),
    call,
  );
};

const registration = (c: ApplicationCase): string => c.registrationNumber ?? registrationNumberOf(c);

const applicationCommand = command<ApplicationState, ApplicationCommand>();

export const applicationCommands = aggregate({
  decider: applicationDecider,
  graphqlType: 'Application',
  view: applicationView,
  notFound: applicationNotFound,
  commands: {
    submitApplication: applicationCommand({
      description: "A resident (eID/mID) submits online, or staff on a resident's behalf. dueOn = submission date + the service's deadline.",
      input: SubmitApplicationArgs,
      target: 'new',
      policy: (actor, _state, { input }) => submissionPolicy(actor, input),
      prepare: async ({ input }, state, env, call): Promise<{ service: ServiceSnapshot; trackingCode: string; workingDays?: readonly CalendarDeclaration[] }> => {
        const community = await requireActiveCommunity(env.handler, input.communityId, call.today, 'input.communityId');
        const offered = offeredService(community, input.serviceCode);
        if (!offered) throw new ValidationFailed(`Community ${input.communityId} does not offer service ${input.serviceCode}`, ['input.serviceCode'], 'SERVICE_NOT_OFFERED');
        const service: ServiceSnapshot = {
          code: offered.code,
          nameHy: offered.nameHy,
          nameEn: offered.nameEn,
          feeAmd: offered.feeAmd,
          deadlineDays: offered.deadlineDays,
          ...(offered.deadlineKind === 'working' ? { deadlineKind: 'working' as const } : {}),
          issues: offered.issues,
        };
        // The calendar is read only for a service counted in working days.
        const workingDays = service.deadlineKind === 'working' ? await loadCalendarDeclarations(env.handler) : undefined;
        // Decided first without a code, so that a refused submission reserves none.
        const probe = applicationDecider.decide({ ...submissionCommand(input, service, undefined, call, workingDays), metadata: { now: call.now, actor: call.actor } }, state);
        if (isDomainError(probe)) throw domainErrorToError(probe);
        return { service, trackingCode: await reserveTrackingCode(env, call), workingDays };
      },
      command: ({ input }, _state, { service, trackingCode, workingDays }, call) => submissionCommand(input, service, trackingCode, call, workingDays),
    }),
    registerApplication: applicationCommand({
      input: ApplicationIdArgs,
      target: ({ id }) => id,
      policy: byStaff('register an application'),
      // A case that may not be registered takes no number: the decider refuses it with the empty one.
      prepare: async ({ id }, state, env, call): Promise<string> => {
        const c = caseOf(state, id);
        return c.status === 'submitted' ? takeRegistrationNumber(env, c, call) : '';
      },
      command: (_args, _state, registrationNumber) => ({ type: 'RegisterApplication', data: { registrationNumber } }),
    }),
    assignApplication: applicationCommand({
      input: AssignApplicationArgs,
      target: ({ id }) => id,
      policy: byStaff('assign an application'),
      command: (a) => ({ type: 'AssignApplication', data: { assigneeId: a.assigneeId } }),
    }),
    requestApplicationInformation: applicationCommand({
      input: RequestApplicationInformationArgs,
      target: ({ id }) => id,
      policy: byStaff('ask an applicant for information'),
      command: (a) => ({ type: 'RequestApplicationInformation', data: { question: a.question } }),
    }),
    provideApplicationInformation: applicationCommand({
      input: AnswerArgs,
      target: ({ id }) => id,
      policy: byApplicantOrStaff('provide information for an application'),
      // The clock resumes: a service counted in working days moves its due date with the calendar.
      prepare: async (_args, state, env): Promise<readonly CalendarDeclaration[] | undefined> =>
        state.status !== 'none' && state.service.deadlineKind === 'working' ? loadCalendarDeclarations(env.handler) : undefined,
      command: (a, _state, workingDays) => ({ type: 'ProvideApplicationInformation', data: { answer: a.answer, ...(workingDays !== undefined ? { workingDays } : {}) } }),
    }),
    approveApplication: applicationCommand({
      input: ApproveApplicationArgs,
      target: ({ id }) => id,
      policy: byStaff('approve an application'),
      command: (a) => ({ type: 'ApproveApplication', data: { basis: a.basis } }),
    }),
    rejectApplication: applicationCommand({
      input: RejectApplicationArgs,
      target: ({ id }) => id,
      policy: byStaff('reject an application'),
      command: (a) => ({ type: 'RejectApplication', data: { reason: a.reason, basis: a.basis } }),
    }),
    issuePermit: applicationCommand({
      description: 'Only for an approved application of a permit service whose fee is settled.',
      input: IssuePermitArgs,
      target: ({ id }) => id,
      policy: byStaff('issue a permit'),
      command: (a, state) => ({
        type: 'IssuePermit',
        data: { permitNumber: `${registration(caseOf(state, a.id))}-P`, validFrom: a.validFrom, validUntil: a.validUntil },
      }),
    }),
    issueCertificate: applicationCommand({
      input: ApplicationIdArgs,
      target: ({ id }) => id,
      policy: byStaff('issue a certificate'),
      // The property tax system is asked only for a case that can get its certificate now.
      prepare: async ({ id }, state, env, call): Promise<TaxLiabilitySnapshot | null> => {
        const refusal = certificateRefusal(state);
        if (refusal) throw domainErrorToError(refusal);
        const c = caseOf(state, id);
        if (c.service.code !== TAX_LIABILITY_CERTIFICATE) return null;
        if (c.applicantId === null) throw new InvalidTransition('The applicant is not identified, so their tax liability cannot be asked', 'APPLICANT_UNIDENTIFIED');
        if (!env.propertyTax) throw new Error('issueCertificate needs the property tax system (CommandEnv.propertyTax)');
        return env.propertyTax.liabilityOf(c.applicantId, c.communityId, call.today);
      },
      command: ({ id }, state, taxLiability) => ({ type: 'IssueCertificate', data: { certificateNumber: `${registration(caseOf(state, id))}-C`, taxLiability } }),
    }),
    answerInquiry: applicationCommand({
      input: AnswerArgs,
      target: ({ id }) => id,
      policy: byStaff('answer an inquiry'),
      command: (a) => ({ type: 'AnswerInquiry', data: { answer: a.answer } }),
    }),
    withdrawApplication: applicationCommand({
      input: WithdrawApplicationArgs,
      target: ({ id }) => id,
      policy: byApplicantOrStaff('withdraw an application'),
      command: (a) => ({ type: 'WithdrawApplication', data: { reason: a.reason } }),
    }),
    recordFeeSettlement: applicationCommand({
      description: 'The permit/fee process manager: a fee linked to the application was paid or waived.',
      public: false,
      input: RecordFeeSettlementArgs,
      target: ({ id }) => id,
      policy: (actor, state, { id }) =>
        allOf(
          () => hasRole(actor, ['system'], 'record a fee settlement'),
          () => (state.status === 'none' ? refuse(applicationNotFound(id)) : allow),
        ),
      command: (a) => ({ type: 'RecordFeeSettlement', data: { feeId: a.feeId, communityId: a.communityId, how: a.how, at: a.at } }),
    }),
  },
});

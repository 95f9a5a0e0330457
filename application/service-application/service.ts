/**
 * The application service (API.md "Application"). Each method validates its arguments,
 * authorizes from `ctx.actor` as API.md's "Who may call what" says, handles the command and
 * returns `{ id, revision, view }`.
 *
 * - submitApplication: a resident online for themselves (acr eid or mid), or staff/head of the
 *   community on a resident's behalf at a citizen service office, the hotline or in person. The
 *   community must offer the service; the service's terms at submission are kept on the case.
 * - provideApplicationInformation, withdrawApplication: the applicant (own case) or staff/head of the
 *   community on their behalf. Every other mutation: staff/head of the application's community.
 * - Numbers are derived, not counted: registration `<communityId>-<year of submission>-<last 8
 *   characters of the id, upper case>`, permit `<registration>-P`, certificate `<registration>-C`.
 * - issueCertificate of the "tax-liability-certificate" service asks the property tax system and
 *   records its answer on the certificate. Volatile facts looked up at the first attempt (the
 *   service's terms, the tax liability) are taken from the recorded event when a commandId is
 *   repeated, so a retry returns the same aggregate instead of a "commandId reused" error.
 * - recordFeeSettlement (not in API.md) is the permit/fee process manager's command: system actor only.
 */
import {
  applicationDecider,
  applicationView,
  certificateRefusal,
  TAX_LIABILITY_CERTIFICATE,
  type ApplicationCase,
  type ApplicationCommand,
  type ApplicationState,
  type ServiceSnapshot,
  type SubmissionChannel,
  type TaxLiabilitySnapshot,
} from '../../domain/service-application';
import { offeredService } from '../../domain/community';
import { requireActiveCommunity } from '../community/registered';
import { yerevanDate } from '../../domain/shared/time';
import { refuseReadOnlyRoles, requireMunicipalRole, requireOwnCase, requireRole, requireStrongAssurance } from '../authorization';
import { domainErrorToError, type CommandContext, type CommandHandler, type CommandInput, type HandleResult, type HandleOptions } from '../command-handler';
import { Forbidden, InvalidTransition, NotFound, ValidationFailed } from '../errors';
import { systemClock, type Clock } from '../ids';
import type { EventStore, RecordedEvent } from '../ports/event-store';
import type { PropertyTaxSystem } from '../ports/property-tax';
import { validateInput } from '../validation';
import { splitCommandArgs } from '../community/dto';
import {
  AnswerInquiryArgs,
  ApplicationIdArgs,
  ApproveApplicationArgs,
  AssignApplicationArgs,
  IssuePermitArgs,
  ProvideApplicationInformationArgs,
  RecordFeeSettlementArgs,
  RejectApplicationArgs,
  RequestApplicationInformationArgs,
  SubmitApplicationInput,
  WithdrawApplicationArgs,
} from './dto';

export interface ApplicationServiceDeps {
  readonly handler: CommandHandler;
  /** To find the events a repeated commandId recorded (see above). */
  readonly eventStore: Pick<EventStore, 'findCommand' | 'readStream'>;
  readonly propertyTax: PropertyTaxSystem;
  /** Gives "today" for views and tax liability dates; defaults to the system clock. */
  readonly clock?: Clock;
}

export interface ApplicationResult {
  readonly id: string;
  readonly revision: number;
  readonly view: NonNullable<ReturnType<typeof applicationView>>;
  /** Global position of the last event the command appended (null: it appended nothing). */
  readonly position: bigint | null;
}

const STAFF_ROLES = ['staff', 'head'] as const;
const ON_BEHALF_CHANNELS: readonly SubmissionChannel[] = ['cso', 'hotline', 'in-person'];

export const applicationStreamId = (id: string): string => `application-${id}`;

/** The id's last 8 characters: random in every id this system makes (the first ones of a v7 id are its time). */
export const registrationNumberOf = (c: Pick<ApplicationCase, 'id' | 'communityId' | 'submittedAt'>): string =>
  `${c.communityId}-${yerevanDate(c.submittedAt).slice(0, 4)}-${c.id.replace(/[^A-Za-z0-9]/g, '').slice(-8).toUpperCase()}`;

export const createApplicationService = ({ handler, eventStore, propertyTax, clock = systemClock }: ApplicationServiceDeps) => {
  const today = (): string => yerevanDate(clock.now());

  const result = (id: string, r: Pick<HandleResult<ApplicationState, unknown>, 'revision' | 'state' | 'lastPosition'>): ApplicationResult => {
    const view = applicationView(r.state, today());
    if (view === null) throw new NotFound(`Application ${id} does not exist`, 'APPLICATION_NOT_FOUND');
    return { id, revision: r.revision, view, position: r.lastPosition };
  };

  const loadCase = async (id: string): Promise<ApplicationCase> => {
    const { state } = await handler.load(applicationDecider, applicationStreamId(id));
    if (state.status === 'none') throw new NotFound(`Application ${id} does not exist`, 'APPLICATION_NOT_FOUND');
    return state;
  };

  const run = async (id: string, input: CommandInput<ApplicationCommand>, ctx: CommandContext, options?: HandleOptions): Promise<ApplicationResult> =>
    result(id, await handler.handle(applicationDecider, applicationStreamId(id), input, ctx, options));

  /** Staff or head of the application's community. */
  const asStaff = (c: ApplicationCase, ctx: CommandContext, what: string): CommandContext => {
    requireMunicipalRole(ctx.actor, c.communityId, STAFF_ROLES, what);
    return ctx;
  };

  /** The applicant on their own case, or staff/head of the community acting on their behalf. */
  const asApplicantOrStaff = (c: ApplicationCase, ctx: CommandContext, what: string): CommandContext => {
    if (ctx.actor.role === 'resident') {
      requireOwnCase(ctx.actor, c.applicantId, what);
      return ctx;
    }
    requireMunicipalRole(ctx.actor, c.communityId, STAFF_ROLES, what);
    return c.applicantId === null ? ctx : { ...ctx, actor: { ...ctx.actor, onBehalfOf: c.applicantId } };
  };

  /** The event a repeated commandId recorded on `streamId`, if that command id was used there. */
  const recordedBy = async (commandId: string | undefined, streamId: string, type: string): Promise<RecordedEvent | undefined> => {
    if (commandId === undefined) return undefined;
    const prior = await eventStore.findCommand(commandId);
    if (!prior || prior.streamId !== streamId) return undefined;
    const events = await eventStore.readStream(streamId, { fromRevision: 0, toRevision: prior.revision });
    return events.reverse().find((e) => e.type === type && e.metadata.commandId === commandId);
  };

  /** A simple command on an existing case: validate, load, authorize, handle. */
  const onCase = async <A extends { id: string }>(
    Dto: new () => A,
    raw: object,
    context: CommandContext,
    authorize: (c: ApplicationCase, ctx: CommandContext) => CommandContext,
    command: (a: A, c: ApplicationCase) => CommandInput<ApplicationCommand>,
  ): Promise<ApplicationResult> => {
    const { args, ctx } = splitCommandArgs(raw, context);
    const a = validateInput(Dto, args);
    const c = await loadCase(a.id);
    const authorized = authorize(c, ctx);
    return run(a.id, command(a, c), authorized);
  };

  return {
    async submitApplication(raw: { input: unknown }, context: CommandContext): Promise<ApplicationResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const input = validateInput(SubmitApplicationInput, (args as { input?: unknown }).input, 'input');
      const { actor } = ctx;
      refuseReadOnlyRoles(actor);
      let applicantId: string | null;
      let channel: SubmissionChannel;
      let acting: CommandContext;
      if (actor.role === 'resident') {
        requireStrongAssurance(actor, 'submit an application');
        if (input.channel != null && input.channel !== 'online') {
          throw new ValidationFailed('A resident submits online; other channels are used by staff on a resident’s behalf', ['input.channel']);
        }
        if (input.applicantId != null && input.applicantId !== actor.id) throw new Forbidden('A resident submits applications only for themselves');
        applicantId = actor.id;
        channel = 'online';
        acting = ctx;
      } else {
        requireMunicipalRole(actor, input.communityId, STAFF_ROLES, 'submit an application on a resident’s behalf');
        channel = input.channel ?? (actor.officeId ? 'cso' : 'in-person');
        if (!ON_BEHALF_CHANNELS.includes(channel)) {
          throw new ValidationFailed('Staff submit on a resident’s behalf through cso, hotline or in-person', ['input.channel']);
        }
        applicantId = input.applicantId ?? null;
        acting = { ...ctx, actor: { ...actor, channel, ...(applicantId === null ? {} : { onBehalfOf: applicantId }) } };
      }

      const id = handler.newAggregateId(ctx.commandId);
      const streamId = applicationStreamId(id);
      const recorded = await recordedBy(ctx.commandId, streamId, 'ApplicationSubmitted');
      let service: ServiceSnapshot;
      if (recorded) {
        service = (recorded.data as { service: ServiceSnapshot }).service;
      } else {
        const community = await requireActiveCommunity(handler, input.communityId, today(), 'input.communityId');
        const offered = offeredService(community, input.serviceCode);
        if (!offered) throw new ValidationFailed(`Community ${input.communityId} does not offer service ${input.serviceCode}`, ['input.serviceCode'], 'SERVICE_NOT_OFFERED');
        service = { code: offered.code, nameHy: offered.nameHy, nameEn: offered.nameEn, feeAmd: offered.feeAmd, deadlineDays: offered.deadlineDays, issues: offered.issues };
      }
      return run(
        id,
        {
          type: 'SubmitApplication',
          data: {
            applicationId: id,
            communityId: input.communityId,
            service,
            kind: input.kind ?? 'application',
            subject: input.subject,
            details: input.details,
            applicantId,
            applicantName: input.applicantName,
            channel,
          },
        },
        acting,
        { newStream: true },
      );
    },

    registerApplication: (raw: { id: string }, ctx: CommandContext) =>
      onCase(ApplicationIdArgs, raw, ctx, (c, x) => asStaff(c, x, 'register an application'), (_a, c) => ({
        type: 'RegisterApplication',
        data: { registrationNumber: registrationNumberOf(c) },
      })),

    assignApplication: (raw: { id: string; assigneeId: string }, ctx: CommandContext) =>
      onCase(AssignApplicationArgs, raw, ctx, (c, x) => asStaff(c, x, 'assign an application'), (a) => ({ type: 'AssignApplication', data: { assigneeId: a.assigneeId } })),

    requestApplicationInformation: (raw: { id: string; question: string }, ctx: CommandContext) =>
      onCase(RequestApplicationInformationArgs, raw, ctx, (c, x) => asStaff(c, x, 'ask an applicant for information'), (a) => ({
        type: 'RequestApplicationInformation',
        data: { question: a.question },
      })),

    provideApplicationInformation: (raw: { id: string; answer: string }, ctx: CommandContext) =>
      onCase(ProvideApplicationInformationArgs, raw, ctx, (c, x) => asApplicantOrStaff(c, x, 'provide information for an application'), (a) => ({
        type: 'ProvideApplicationInformation',
        data: { answer: a.answer },
      })),

    approveApplication: (raw: { id: string; basis: string }, ctx: CommandContext) =>
      onCase(ApproveApplicationArgs, raw, ctx, (c, x) => asStaff(c, x, 'approve an application'), (a) => ({ type: 'ApproveApplication', data: { basis: a.basis } })),

    rejectApplication: (raw: { id: string; reason: string; basis: string }, ctx: CommandContext) =>
      onCase(RejectApplicationArgs, raw, ctx, (c, x) => asStaff(c, x, 'reject an application'), (a) => ({
        type: 'RejectApplication',
        data: { reason: a.reason, basis: a.basis },
      })),

    issuePermit: (raw: { id: string; validFrom: string; validUntil: string }, ctx: CommandContext) =>
      onCase(IssuePermitArgs, raw, ctx, (c, x) => asStaff(c, x, 'issue a permit'), (a, c) => ({
        type: 'IssuePermit',
        data: { permitNumber: `${c.registrationNumber ?? registrationNumberOf(c)}-P`, validFrom: a.validFrom, validUntil: a.validUntil },
      })),

    async issueCertificate(raw: { id: string }, context: CommandContext): Promise<ApplicationResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const a = validateInput(ApplicationIdArgs, args);
      const c = await loadCase(a.id);
      asStaff(c, ctx, 'issue a certificate');
      const certificateNumber = `${c.registrationNumber ?? registrationNumberOf(c)}-C`;
      let taxLiability: TaxLiabilitySnapshot | null = null;
      const recorded = await recordedBy(ctx.commandId, applicationStreamId(a.id), 'CertificateIssued');
      if (recorded) {
        taxLiability = (recorded.data as { taxLiability: TaxLiabilitySnapshot | null }).taxLiability;
      } else {
        const refusal = certificateRefusal(c);
        if (refusal) throw domainErrorToError(refusal);
        if (c.service.code === TAX_LIABILITY_CERTIFICATE) {
          if (c.applicantId === null) throw new InvalidTransition('The applicant is not identified, so their tax liability cannot be asked', 'APPLICANT_UNIDENTIFIED');
          taxLiability = await propertyTax.liabilityOf(c.applicantId, c.communityId, ctx.occurredAt ? yerevanDate(ctx.occurredAt) : today());
        }
      }
      return run(a.id, { type: 'IssueCertificate', data: { certificateNumber, taxLiability } }, ctx);
    },

    answerInquiry: (raw: { id: string; answer: string }, ctx: CommandContext) =>
      onCase(AnswerInquiryArgs, raw, ctx, (c, x) => asStaff(c, x, 'answer an inquiry'), (a) => ({ type: 'AnswerInquiry', data: { answer: a.answer } })),

    withdrawApplication: (raw: { id: string; reason: string }, ctx: CommandContext) =>
      onCase(WithdrawApplicationArgs, raw, ctx, (c, x) => asApplicantOrStaff(c, x, 'withdraw an application'), (a) => ({
        type: 'WithdrawApplication',
        data: { reason: a.reason },
      })),

    /** The permit/fee process manager's command: a linked fee was paid or waived. System actor only. */
    recordFeeSettlement: (raw: { id: string; feeId: string; communityId: string; how: 'paid' | 'waived'; at: string }, ctx: CommandContext) =>
      onCase(
        RecordFeeSettlementArgs,
        raw,
        ctx,
        (_c, x) => {
          requireRole(x.actor, ['system'], 'record a fee settlement');
          return x;
        },
        (a) => ({ type: 'RecordFeeSettlement', data: { feeId: a.feeId, communityId: a.communityId, how: a.how, at: a.at } }),
      ),
  };
};

export type ApplicationService = ReturnType<typeof createApplicationService>;

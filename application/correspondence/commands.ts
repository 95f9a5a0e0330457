/**
 * The correspondence commands (docs/api.md "Correspondence"): documents registered in a community's
 * incoming, outgoing and internal journals, resolutions and execution control, signing and dispatch.
 *
 * - Staff and the head of the community register, route and follow its documents; the head signs
 *   outgoing ones. A resident signed in with eID or mID sends an online letter: it arrives registered
 *   in the incoming journal (channel `online`), in the resident's name.
 * - A registration first decides on a placeholder number, so that a refused one takes no number; then it
 *   takes the next number of its journal (registers.ts `takeNumber`), then registers.
 * - Executors must be appointed staff (or the head) of the document's community when the staff
 *   directory is wired (`env.staff`); the control date is given, or counted in working days after the
 *   resolution's Yerevan date with the working-day calendar; it must be a working day.
 * - Interagency dispatch is a step of the dispatch command itself (its `prepare`), not a process
 *   manager: the recipient's incoming registration is appended before the dispatch event, so it exists
 *   when the mutation answers. The incoming document's id is derived from the outgoing one's, so a
 *   retried dispatch finds the registration it made and never registers twice.
 */
import { streamIdOf } from '../../domain/aggregates';
import {
  DISPATCH_CHANNELS,
  INCOMING_CHANNELS,
  MAX_ATTACHMENT_SIZE,
  MAX_ATTACHMENTS,
  MAX_CONTROL_WORKING_DAYS,
  MAX_EXECUTORS,
  MAX_SUBJECT_LENGTH,
  currentResolution,
  documentDecider,
  documentJournalDecider,
  documentJournalStreamId,
  documentNumberIn,
  documentView,
  type Attachment,
  type DocumentCommand,
  type DocumentState,
  type IncomingChannel,
  type Journal,
} from '../../domain/correspondence';
import { isDomainError } from '../../domain/kernel/errors';
import { domainErrorToError, type CommandInput } from '../command-handler';
import { aggregate, command, type CommandCall, type CommandEnv } from '../commands/declare';
import { Code, CommunityCode, Count, Id, IdList, IsoDate, Name, Nested, NestedList, OneOf, Text } from '../commands/fields';
import { takeNumber } from '../commands/registers';
import { allOf, allow, forbid, hasRole, inOwnCommunity, refuse, strongAssurance, type Role, type Verdict } from '../commands/policy';
import { requireActiveCommunity } from '../community/registered';
import { InvalidTransition, NotFound, ValidationFailed } from '../errors';
import { deterministicUuid } from '../ids';
import type { Actor } from '../ports/event-store';
import { addWorkingDays, calendarAt, isWorkingDay } from './calendar';

/** The stream of a document. */
export const documentStreamId = (id: string): string => streamIdOf(documentDecider.name, id);

/** The id of the incoming document an interagency dispatch registers in the recipient's journal. */
export const interagencyDocumentId = (outgoingDocumentId: string): string => deterministicUuid(`interagency:${outgoingDocumentId}`);

const CORRESPONDENCE_ROLES: readonly Role[] = ['staff', 'head'];
const documentNotFound = (id: string) => new NotFound(`No document with id ${id}`, 'DOCUMENT_NOT_FOUND');

export class AttachmentInput {
  @Code({ description: 'SHA-256 of the file, 64 lower-case hex digits' }) sha256!: string;
  @Name() name!: string;
  @Name({ description: 'media type, e.g. application/pdf' }) type!: string;
  @Count(0, MAX_ATTACHMENT_SIZE, { description: 'bytes' }) size!: number;
}

export class RegisterIncomingDocumentInput {
  @CommunityCode() communityId!: string;
  @Name() senderName!: string;
  @Name({ optional: true, description: "The sender's own number and date" }) senderReference?: string | null;
  @IsoDate() receivedOn!: string;
  @Text(MAX_SUBJECT_LENGTH) subject!: string;
  @Text(undefined, { optional: true }) summary?: string | null;
  @OneOf(INCOMING_CHANNELS, { description: 'post, email, in-person, online or interagency' }) channel!: IncomingChannel;
  @NestedList(AttachmentInput, MAX_ATTACHMENTS, { optional: true }) attachments?: AttachmentInput[] | null;
}

export class RegisterOutgoingDocumentInput {
  @CommunityCode() communityId!: string;
  @Name() recipientName!: string;
  @CommunityCode({ optional: true, description: 'A community on the system: dispatch registers the document in its incoming journal' }) recipientCommunityId?: string | null;
  @Text(MAX_SUBJECT_LENGTH) subject!: string;
  @Text() text!: string;
  @Id({ optional: true, description: 'The incoming document this one answers' }) inReplyTo?: string | null;
  @NestedList(AttachmentInput, MAX_ATTACHMENTS, { optional: true }) attachments?: AttachmentInput[] | null;
}

export class RegisterInternalDocumentInput {
  @CommunityCode() communityId!: string;
  @Text(MAX_SUBJECT_LENGTH) subject!: string;
  @Text() text!: string;
  @NestedList(AttachmentInput, MAX_ATTACHMENTS, { optional: true }) attachments?: AttachmentInput[] | null;
}

class RegisterIncomingDocumentArgs {
  @Nested(RegisterIncomingDocumentInput) input!: RegisterIncomingDocumentInput;
}
class RegisterOutgoingDocumentArgs {
  @Nested(RegisterOutgoingDocumentInput) input!: RegisterOutgoingDocumentInput;
}
class RegisterInternalDocumentArgs {
  @Nested(RegisterInternalDocumentInput) input!: RegisterInternalDocumentInput;
}

class DocumentIdArgs {
  @Id() id!: string;
}
class CancelRegistrationArgs extends DocumentIdArgs {
  @Text() reason!: string;
}
class DispatchDocumentArgs extends DocumentIdArgs {
  @OneOf(['post', 'email'], { optional: true, description: 'Without a recipient community: post (default) or email' }) via?: 'post' | 'email' | null;
}
class OnDocumentArgs {
  @Id() documentId!: string;
}
class IssueResolutionArgs extends OnDocumentArgs {
  @IdList(1, MAX_EXECUTORS) executorIds!: string[];
  @Text() instruction!: string;
  @Count(1, MAX_CONTROL_WORKING_DAYS, { optional: true, description: 'The control date is this many working days after today (Yerevan)' }) controlWorkingDays?: number | null;
  @IsoDate({ optional: true, description: 'The control date (a working day); give this or controlWorkingDays, not both' }) controlDueOn?: string | null;
}
class ReportExecutionArgs extends OnDocumentArgs {
  @Text() report!: string;
}
class ExtendControlArgs extends OnDocumentArgs {
  @IsoDate() dueOn!: string;
  @Text() reason!: string;
}

/** Staff or head of the document's community (the role is judged before the document is revealed). */
const byStaff =
  (what: string, roles: readonly Role[] = CORRESPONDENCE_ROLES) =>
  (actor: Actor, state: DocumentState, id: string): Verdict =>
    allOf(
      () => hasRole(actor, roles, what),
      () => (state === null ? refuse(documentNotFound(id)) : inOwnCommunity(actor, state.communityId, roles, what)),
    );

const attachmentsOf = (list: readonly AttachmentInput[] | null | undefined): Attachment[] => (list ?? []).map((a) => ({ sha256: a.sha256, name: a.name, type: a.type, size: a.size }));

/** Throws the decider's refusal of `command` on `state`, if it refuses. */
const probe = (command: CommandInput<DocumentCommand>, state: DocumentState, call: CommandCall): void => {
  const decided = documentDecider.decide({ ...command, metadata: { now: call.now, actor: call.actor } } as DocumentCommand, state);
  if (isDomainError(decided)) throw domainErrorToError(decided);
};

interface Numbered {
  readonly number: string;
  readonly year: number;
}

/** The document's number in its community's journal for the Yerevan year of `call`. */
const takeDocumentNumber = async (env: CommandEnv, communityId: string, journal: Journal, documentId: string, call: CommandCall): Promise<Numbered> => {
  const year = Number(call.today.slice(0, 4));
  const number = await takeNumber(
    env,
    documentJournalDecider,
    documentJournalStreamId(communityId, journal, year),
    { type: 'AssignDocumentNumber', data: { communityId, journal, year, documentId } },
    (state) => documentNumberIn(state, documentId),
    call,
  );
  return { number, year };
};

/** Decides on a placeholder number first (a refused registration takes none), then takes the number. */
const numberFor = async (env: CommandEnv, journal: Journal, registration: (n: Numbered) => CommandInput<DocumentCommand>, communityId: string, state: DocumentState, call: CommandCall): Promise<Numbered> => {
  probe(registration({ number: '1', year: Number(call.today.slice(0, 4)) }), state, call);
  return takeDocumentNumber(env, communityId, journal, call.id, call);
};

const incomingCommand = (input: RegisterIncomingDocumentInput, actor: Actor, id: string, n: Numbered): CommandInput<DocumentCommand> => ({
  type: 'RegisterIncomingDocument',
  data: {
    documentId: id,
    communityId: input.communityId,
    number: n.number,
    year: n.year,
    subject: input.subject,
    attachments: attachmentsOf(input.attachments),
    senderName: input.senderName,
    ...(input.senderReference != null ? { senderReference: input.senderReference } : {}),
    ...(input.channel === 'online' ? { senderId: actor.id } : {}),
    receivedOn: input.receivedOn,
    ...(input.summary != null ? { summary: input.summary } : {}),
    channel: input.channel,
  },
});

const outgoingCommand = (input: RegisterOutgoingDocumentInput, id: string, n: Numbered): CommandInput<DocumentCommand> => ({
  type: 'RegisterOutgoingDocument',
  data: {
    documentId: id,
    communityId: input.communityId,
    number: n.number,
    year: n.year,
    subject: input.subject,
    attachments: attachmentsOf(input.attachments),
    recipientName: input.recipientName,
    ...(input.recipientCommunityId != null ? { recipientCommunityId: input.recipientCommunityId } : {}),
    text: input.text,
    ...(input.inReplyTo != null ? { inReplyTo: input.inReplyTo } : {}),
  },
});

const internalCommand = (input: RegisterInternalDocumentInput, id: string, n: Numbered): CommandInput<DocumentCommand> => ({
  type: 'RegisterInternalDocument',
  data: { documentId: id, communityId: input.communityId, number: n.number, year: n.year, subject: input.subject, attachments: attachmentsOf(input.attachments), text: input.text },
});

/** The incoming document of the same community an outgoing one answers. */
const requireAnswered = async (env: CommandEnv, communityId: string, inReplyTo: string): Promise<void> => {
  const { state } = await env.handler.load(documentDecider, documentStreamId(inReplyTo));
  if (state === null || state.communityId !== communityId) throw new ValidationFailed(`Community ${communityId} has no document ${inReplyTo}`, ['input.inReplyTo'], 'UNKNOWN_DOCUMENT');
  if (state.journal !== 'incoming') throw new ValidationFailed(`Document ${inReplyTo} is ${state.journal}; a reply answers an incoming document`, ['input.inReplyTo'], 'REPLY_TO_NOT_INCOMING');
};

/** Each executor is appointed staff or head of the community (when the staff directory is wired). */
const requireExecutors = async (env: CommandEnv, communityId: string, executorIds: readonly string[]): Promise<void> => {
  if (!env.staff) return;
  const unknown: string[] = [];
  for (const id of executorIds) {
    const appointment = await env.staff.appointmentOf(id);
    if (!appointment || appointment.communityId !== communityId || !CORRESPONDENCE_ROLES.includes(appointment.role as Role)) unknown.push(id);
  }
  if (unknown.length) throw new ValidationFailed(`Not staff of community ${communityId}: ${unknown.join(', ')}`, ['executorIds'], 'UNKNOWN_EXECUTOR');
};

const requireWorkingDay = (calendar: Parameters<typeof isWorkingDay>[0], day: string, field: string): void => {
  if (!isWorkingDay(calendar, day)) throw new ValidationFailed(`${day} is not a working day; a control date is a working day`, [field], 'NOT_A_WORKING_DAY');
};

interface Control {
  readonly controlDueOn: string | null;
  readonly controlWorkingDays: number | null;
}

/** The control date: given (a working day), or counted in working days after today (Yerevan). */
const controlOf = async (args: IssueResolutionArgs, env: CommandEnv, call: CommandCall): Promise<Control> => {
  if (args.controlWorkingDays != null && args.controlDueOn != null) {
    throw new ValidationFailed('Give the control date or a number of working days, not both', ['controlWorkingDays', 'controlDueOn'], 'ONE_CONTROL_FORM');
  }
  if (args.controlWorkingDays == null && args.controlDueOn == null) return { controlDueOn: null, controlWorkingDays: null };
  const calendar = await calendarAt(env, call);
  if (args.controlWorkingDays != null) return { controlDueOn: addWorkingDays(calendar, call.today, args.controlWorkingDays), controlWorkingDays: args.controlWorkingDays };
  requireWorkingDay(calendar, args.controlDueOn!, 'controlDueOn');
  return { controlDueOn: args.controlDueOn!, controlWorkingDays: null };
};

/** Interagency: the incoming document registered in the recipient's journal (made now, or found from an earlier attempt). */
const registerAtRecipient = async (env: CommandEnv, outgoing: NonNullable<DocumentState>, call: CommandCall): Promise<string> => {
  const recipient = outgoing.recipientCommunityId!;
  const incomingId = interagencyDocumentId(outgoing.documentId);
  const streamId = documentStreamId(incomingId);
  const registeredBefore = async (): Promise<boolean> => {
    const { state } = await env.handler.load(documentDecider, streamId);
    return state !== null && state.linkedDocumentId === outgoing.documentId;
  };
  if (await registeredBefore()) return incomingId;
  const sender = await requireActiveCommunity(env.handler, outgoing.communityId, call.today);
  await requireActiveCommunity(env.handler, recipient, call.today, 'recipientCommunityId');
  const incomingCall: CommandCall = { ...call, id: incomingId };
  const n = await takeDocumentNumber(env, recipient, 'incoming', incomingId, incomingCall);
  try {
    await env.handler.handle(
      documentDecider,
      streamId,
      {
        type: 'RegisterIncomingDocument',
        data: {
          documentId: incomingId,
          communityId: recipient,
          number: n.number,
          year: n.year,
          subject: outgoing.subject,
          attachments: outgoing.attachments,
          senderName: sender.nameHy,
          senderReference: `${outgoing.number}/${outgoing.year}`,
          senderCommunityId: outgoing.communityId,
          receivedOn: call.today,
          channel: 'interagency',
          linkedDocumentId: outgoing.documentId,
        },
      },
      { actor: call.actor, occurredAt: call.now, correlationId: call.correlationId ?? call.commandId, causationId: call.commandId },
      { newStream: true },
    );
  } catch (error) {
    // A concurrent attempt of the same dispatch registered it first.
    if (!(error instanceof InvalidTransition && (await registeredBefore()))) throw error;
  }
  return incomingId;
};

const documentCommand = command<DocumentState, DocumentCommand>();

export const correspondenceCommands = aggregate({
  decider: documentDecider,
  graphqlType: 'Document',
  view: documentView,
  notFound: documentNotFound,
  commands: {
    registerIncomingDocument: documentCommand({
      description: 'Registers a document received in the incoming journal; a resident (eID/mID) sends an online letter (channel online).',
      input: RegisterIncomingDocumentArgs,
      target: 'new',
      policy: (actor, _state, { input }) =>
        actor.role === 'resident'
          ? allOf(
              () => (input.channel === 'online' ? allow : forbid('A resident sends letters online (channel online)')),
              () => strongAssurance(actor, 'send a letter to the municipality'),
            )
          : inOwnCommunity(actor, input.communityId, CORRESPONDENCE_ROLES, 'register an incoming document'),
      prepare: async ({ input }, state, env, call): Promise<Numbered> => {
        await requireActiveCommunity(env.handler, input.communityId, call.today, 'input.communityId');
        return numberFor(env, 'incoming', (n) => incomingCommand(input, call.actor, call.id, n), input.communityId, state, call);
      },
      command: ({ input }, _state, n, { id, actor }) => incomingCommand(input, actor, id, n),
    }),
    registerOutgoingDocument: documentCommand({
      input: RegisterOutgoingDocumentArgs,
      target: 'new',
      policy: (actor, _state, { input }) => inOwnCommunity(actor, input.communityId, CORRESPONDENCE_ROLES, 'register an outgoing document'),
      prepare: async ({ input }, state, env, call): Promise<Numbered> => {
        await requireActiveCommunity(env.handler, input.communityId, call.today, 'input.communityId');
        if (input.recipientCommunityId != null && input.recipientCommunityId !== input.communityId) {
          await requireActiveCommunity(env.handler, input.recipientCommunityId, call.today, 'input.recipientCommunityId');
        }
        if (input.inReplyTo != null) await requireAnswered(env, input.communityId, input.inReplyTo);
        return numberFor(env, 'outgoing', (n) => outgoingCommand(input, call.id, n), input.communityId, state, call);
      },
      command: ({ input }, _state, n, { id }) => outgoingCommand(input, id, n),
    }),
    registerInternalDocument: documentCommand({
      input: RegisterInternalDocumentArgs,
      target: 'new',
      policy: (actor, _state, { input }) => inOwnCommunity(actor, input.communityId, CORRESPONDENCE_ROLES, 'register an internal document'),
      prepare: async ({ input }, state, env, call): Promise<Numbered> => {
        await requireActiveCommunity(env.handler, input.communityId, call.today, 'input.communityId');
        return numberFor(env, 'internal', (n) => internalCommand(input, call.id, n), input.communityId, state, call);
      },
      command: ({ input }, _state, n, { id }) => internalCommand(input, id, n),
    }),
    cancelRegistration: documentCommand({
      description: 'The document is kept and its number stays taken.',
      input: CancelRegistrationArgs,
      target: ({ id }) => id,
      policy: (actor, state, { id }) => byStaff('cancel a registration')(actor, state, id),
      command: (a) => ({ type: 'CancelRegistration', data: { reason: a.reason } }),
    }),
    issueResolution: documentCommand({
      description: 'Executors, an instruction and a control date: controlDueOn, or controlWorkingDays counted with the working-day calendar.',
      input: IssueResolutionArgs,
      target: ({ documentId }) => documentId,
      policy: (actor, state, { documentId }) => byStaff('issue a resolution')(actor, state, documentId),
      prepare: async (args, state, env, call): Promise<Control> => {
        const control = await controlOf(args, env, call);
        const issue: CommandInput<DocumentCommand> = { type: 'IssueResolution', data: { executorIds: args.executorIds, instruction: args.instruction, ...control } };
        probe(issue, state, call);
        await requireExecutors(env, state!.communityId, args.executorIds);
        return control;
      },
      command: (a, _state, control) => ({ type: 'IssueResolution', data: { executorIds: [...a.executorIds], instruction: a.instruction, ...control } }),
    }),
    reportExecution: documentCommand({
      description: 'An executor of the current resolution reports; the document is executed when every executor has.',
      input: ReportExecutionArgs,
      target: ({ documentId }) => documentId,
      policy: (actor, state, { documentId }) =>
        allOf(
          () => byStaff('report an execution')(actor, state, documentId),
          () => {
            const resolution = state === null ? null : currentResolution(state);
            return resolution === null || resolution.executorIds.includes(actor.id) ? allow : forbid(`Only an executor of the resolution on document ${documentId} reports its execution`);
          },
        ),
      command: (a) => ({ type: 'ReportExecution', data: { report: a.report } }),
    }),
    extendControl: documentCommand({
      input: ExtendControlArgs,
      target: ({ documentId }) => documentId,
      policy: (actor, state, { documentId }) => byStaff('extend a control date')(actor, state, documentId),
      prepare: async (args, _state, env, call): Promise<void> => {
        requireWorkingDay(await calendarAt(env, call), args.dueOn, 'dueOn');
      },
      command: (a) => ({ type: 'ExtendControl', data: { dueOn: a.dueOn, reason: a.reason } }),
    }),
    signOutgoingDocument: documentCommand({
      description: 'The head of the community signs.',
      input: DocumentIdArgs,
      target: ({ id }) => id,
      policy: (actor, state, { id }) => byStaff('sign an outgoing document', ['head'])(actor, state, id),
      command: () => ({ type: 'SignOutgoingDocument', data: {} }),
    }),
    dispatchDocument: documentCommand({
      description: 'A signed outgoing document: to a recipient community it is registered at once in that community’s incoming journal (interagency); otherwise sent by post or email.',
      input: DispatchDocumentArgs,
      target: ({ id }) => id,
      policy: (actor, state, { id }) => byStaff('dispatch a document')(actor, state, id),
      prepare: async (args, state, env, call): Promise<string | undefined> => {
        const d = state!;
        const interagency = d.recipientCommunityId !== null;
        if (interagency && args.via != null) throw new ValidationFailed(`Document ${d.documentId} goes to community ${d.recipientCommunityId} on the system, not by ${args.via}`, ['via'], 'INTERAGENCY_DISPATCH');
        // Refused (unsigned, cancelled, sent already) before anything is registered at the recipient.
        probe({ type: 'DispatchDocument', data: interagency ? { via: 'interagency', linkedDocumentId: interagencyDocumentId(d.documentId) } : { via: args.via ?? 'post' } }, state, call);
        return interagency ? registerAtRecipient(env, d, call) : undefined;
      },
      command: (a, state, linkedDocumentId) =>
        linkedDocumentId !== undefined
          ? { type: 'DispatchDocument', data: { via: 'interagency', linkedDocumentId } }
          : { type: 'DispatchDocument', data: { via: state?.recipientCommunityId != null ? 'interagency' : (a.via ?? 'post') } },
    }),
    closeDocument: documentCommand({
      description: 'An executed incoming or internal document, or a dispatched outgoing one.',
      input: DocumentIdArgs,
      target: ({ id }) => id,
      policy: (actor, state, { id }) => byStaff('close a document')(actor, state, id),
      command: () => ({ type: 'CloseDocument', data: {} }),
    }),
  },
});

export { DISPATCH_CHANNELS };

/**
 * The correspondence decider (docs/domain.md "Correspondence"; docs/api.md "Correspondence").
 *
 * Transitions (✓ allowed; otherwise the INVALID_TRANSITION reason):
 *
 * | status \ command | Cancel | IssueResolution | ReportExecution | ExtendControl | Sign | Dispatch | Close |
 * |---|---|---|---|---|---|---|---|
 * | registered (in/int) | ✓ | ✓ | NO_RESOLUTION | NOT_UNDER_CONTROL | NOT_OUTGOING | NOT_OUTGOING | DOCUMENT_NOT_EXECUTED |
 * | in-execution        | ✓ | ✓ (re-routes: reports start again) | ✓ an executor who has not reported | ✓ a later date | NOT_OUTGOING | NOT_OUTGOING | DOCUMENT_NOT_EXECUTED |
 * | executed            | ✓ | DOCUMENT_EXECUTED | DOCUMENT_EXECUTED | DOCUMENT_EXECUTED | NOT_OUTGOING | NOT_OUTGOING | ✓ |
 * | registered (out)    | ✓ | RESOLUTION_ON_OUTGOING | NO_RESOLUTION | NOT_UNDER_CONTROL | ✓ | DOCUMENT_NOT_SIGNED | DOCUMENT_NOT_DISPATCHED |
 * | signed              | ✓ | RESOLUTION_ON_OUTGOING | NO_RESOLUTION | NOT_UNDER_CONTROL | ALREADY_SIGNED | ✓ | DOCUMENT_NOT_DISPATCHED |
 * | dispatched          | DOCUMENT_DISPATCHED | RESOLUTION_ON_OUTGOING | NO_RESOLUTION | NOT_UNDER_CONTROL | ALREADY_SIGNED | ALREADY_DISPATCHED | ✓ |
 * | closed              | DOCUMENT_CLOSED (every command) |
 * | cancelled           | DOCUMENT_CANCELLED (every command) |
 *
 * - A cancelled registration is never deleted: the document keeps its number, which stays taken.
 * - A document is executed when every executor of its current resolution has reported; a new resolution
 *   (re-routing) names new executors, who report afresh.
 * - Overdue is derived (state.ts `isOverdue`): in execution, with a control date before today.
 * - An outgoing document whose recipient is a community on the system is dispatched `interagency`, and
 *   names the incoming document registered in the recipient's journal; any other is sent by post or email.
 */
import { match } from 'ts-pattern';
import type { Decider } from '../kernel/decider';
import { domainValidation, invalidTransition, type DomainError } from '../kernel/errors';
import { isIsoDate, yerevanDate } from '../kernel/time';
import {
  DISPATCH_CHANNELS,
  INCOMING_CHANNELS,
  type Attachment,
  type CancelRegistration,
  type DispatchDocument,
  type DocumentCommand,
  type ExtendControl,
  type IssueResolution,
  type RegisterIncomingDocument,
  type RegisterInternalDocument,
  type RegisterOutgoingDocument,
  type ReportExecution,
} from './commands';
import type { DocumentEvent, DocumentRef } from './events';
import {
  MAX_ATTACHMENT_SIZE,
  MAX_ATTACHMENTS,
  MAX_CONTROL_WORKING_DAYS,
  MAX_EXECUTORS,
  MAX_SUBJECT_LENGTH,
  currentResolution,
  documentStatus,
  type CorrespondenceDocument,
  type DocumentState,
} from './state';

type Decision = DocumentEvent[] | DomainError;

const nonBlank = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const optionalNonBlank = (value: unknown): boolean => value === undefined || nonBlank(value);
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

const SHA256 = /^[0-9a-f]{64}$/;
/** `type/subtype` of RFC 6838 (parameters are not kept). */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export const isAttachment = (a: unknown): a is Attachment => {
  if (typeof a !== 'object' || a === null) return false;
  const { sha256, name, type, size } = a as Record<string, unknown>;
  return (
    typeof sha256 === 'string' &&
    SHA256.test(sha256) &&
    nonBlank(name) &&
    [...name].length <= 255 &&
    typeof type === 'string' &&
    MEDIA_TYPE.test(type) &&
    Number.isSafeInteger(size) &&
    (size as number) >= 0 &&
    (size as number) <= MAX_ATTACHMENT_SIZE
  );
};

const invalidFields = (reason: string, what: string, checks: Record<string, boolean>): DomainError | null => {
  const fields = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([field]) => field);
  return fields.length ? domainValidation(reason, `Invalid ${what}: ${fields.join(', ')}`, fields) : null;
};

const registrationChecks = (d: RegisterIncomingDocument['data'] | RegisterOutgoingDocument['data'] | RegisterInternalDocument['data']): Record<string, boolean> => ({
  documentId: nonBlank(d.documentId),
  communityId: nonBlank(d.communityId),
  number: typeof d.number === 'string' && /^[1-9][0-9]*$/.test(d.number),
  year: Number.isSafeInteger(d.year) && d.year >= 1000 && d.year <= 9999,
  subject: nonBlank(d.subject) && [...d.subject].length <= MAX_SUBJECT_LENGTH,
  attachments: Array.isArray(d.attachments) && d.attachments.length <= MAX_ATTACHMENTS && d.attachments.every(isAttachment),
});

const ref = (d: CorrespondenceDocument): DocumentRef => ({ documentId: d.documentId, communityId: d.communityId });

const alreadyRegistered = (d: CorrespondenceDocument) => invalidTransition('DOCUMENT_ALREADY_REGISTERED', `Document ${d.documentId} is already registered as number ${d.number}`);

const registered = (d: { readonly documentId: string; readonly communityId: string; readonly number: string; readonly year: number; readonly subject: string; readonly attachments: readonly Attachment[] }, now: string) => ({
  documentId: d.documentId,
  communityId: d.communityId,
  number: d.number,
  year: d.year,
  subject: d.subject,
  attachments: d.attachments.map((a) => ({ sha256: a.sha256, name: a.name, type: a.type, size: a.size })),
  registeredAt: now,
});

const registerIncoming = (command: RegisterIncomingDocument, state: DocumentState): Decision => {
  if (state !== null) return alreadyRegistered(state);
  const d = command.data;
  const invalid = invalidFields('INVALID_DOCUMENT', 'incoming document', {
    ...registrationChecks(d),
    senderName: nonBlank(d.senderName),
    senderReference: optionalNonBlank(d.senderReference),
    receivedOn: isIsoDate(d.receivedOn) && d.receivedOn <= yerevanDate(command.metadata.now),
    summary: optionalNonBlank(d.summary),
    channel: oneOf(INCOMING_CHANNELS, d.channel),
    // A resident's online letter always names the resident; an interagency one the sending community.
    senderId: d.senderId === undefined ? d.channel !== 'online' : nonBlank(d.senderId),
    senderCommunityId: optionalNonBlank(d.senderCommunityId),
    linkedDocumentId: d.linkedDocumentId === undefined || (nonBlank(d.linkedDocumentId) && d.channel === 'interagency'),
  });
  if (invalid) return invalid;
  return [
    {
      type: 'IncomingDocumentRegistered',
      data: {
        ...registered(d, command.metadata.now),
        senderName: d.senderName,
        ...(d.senderReference !== undefined ? { senderReference: d.senderReference } : {}),
        ...(d.senderId !== undefined ? { senderId: d.senderId } : {}),
        ...(d.senderCommunityId !== undefined ? { senderCommunityId: d.senderCommunityId } : {}),
        receivedOn: d.receivedOn,
        ...(d.summary !== undefined ? { summary: d.summary } : {}),
        channel: d.channel,
        ...(d.linkedDocumentId !== undefined ? { linkedDocumentId: d.linkedDocumentId } : {}),
      },
    },
  ];
};

const registerOutgoing = (command: RegisterOutgoingDocument, state: DocumentState): Decision => {
  if (state !== null) return alreadyRegistered(state);
  const d = command.data;
  const invalid = invalidFields('INVALID_DOCUMENT', 'outgoing document', {
    ...registrationChecks(d),
    recipientName: nonBlank(d.recipientName),
    recipientCommunityId: d.recipientCommunityId === undefined || (nonBlank(d.recipientCommunityId) && d.recipientCommunityId !== d.communityId),
    text: nonBlank(d.text),
    inReplyTo: d.inReplyTo === undefined || (nonBlank(d.inReplyTo) && d.inReplyTo !== d.documentId),
  });
  if (invalid) return invalid;
  return [
    {
      type: 'OutgoingDocumentRegistered',
      data: {
        ...registered(d, command.metadata.now),
        recipientName: d.recipientName,
        ...(d.recipientCommunityId !== undefined ? { recipientCommunityId: d.recipientCommunityId } : {}),
        text: d.text,
        ...(d.inReplyTo !== undefined ? { inReplyTo: d.inReplyTo } : {}),
      },
    },
  ];
};

const registerInternal = (command: RegisterInternalDocument, state: DocumentState): Decision => {
  if (state !== null) return alreadyRegistered(state);
  const d = command.data;
  const invalid = invalidFields('INVALID_DOCUMENT', 'internal document', { ...registrationChecks(d), text: nonBlank(d.text) });
  if (invalid) return invalid;
  return [{ type: 'InternalDocumentRegistered', data: { ...registered(d, command.metadata.now), text: d.text } }];
};

/** The refusals every command on a registered document shares: a cancelled or closed document takes none. */
const finished = (d: CorrespondenceDocument, action: string): DomainError | null =>
  d.cancelledAt !== null
    ? invalidTransition('DOCUMENT_CANCELLED', `Document ${d.documentId} (number ${d.number}) is cancelled; cannot ${action}`)
    : d.closedAt !== null
      ? invalidTransition('DOCUMENT_CLOSED', `Document ${d.documentId} (number ${d.number}) is closed; cannot ${action}`)
      : null;

const cancel = (command: CancelRegistration, d: CorrespondenceDocument): Decision => {
  const invalid = invalidFields('INVALID_CANCELLATION', 'cancellation', { reason: nonBlank(command.data.reason) });
  if (invalid) return invalid;
  const refused = finished(d, 'cancel its registration');
  if (refused) return refused;
  if (d.dispatchedAt !== null) return invalidTransition('DOCUMENT_DISPATCHED', `Document ${d.documentId} was dispatched; its registration can no longer be cancelled`);
  return [{ type: 'DocumentRegistrationCancelled', data: { ...ref(d), reason: command.data.reason, at: command.metadata.now } }];
};

const executed = (d: CorrespondenceDocument, action: string) => invalidTransition('DOCUMENT_EXECUTED', `Document ${d.documentId} is executed; cannot ${action}`);

const issueResolution = (command: IssueResolution, d: CorrespondenceDocument): Decision => {
  const r = command.data;
  const today = yerevanDate(command.metadata.now);
  const executorIds = Array.isArray(r.executorIds) ? r.executorIds : [];
  const invalid = invalidFields('INVALID_RESOLUTION', 'resolution', {
    executorIds: executorIds.length > 0 && executorIds.length <= MAX_EXECUTORS && executorIds.every(nonBlank) && new Set(executorIds).size === executorIds.length,
    instruction: nonBlank(r.instruction),
    controlDueOn: r.controlDueOn === null || (isIsoDate(r.controlDueOn) && r.controlDueOn >= today),
    controlWorkingDays: r.controlWorkingDays === null || (Number.isSafeInteger(r.controlWorkingDays) && r.controlWorkingDays >= 1 && r.controlWorkingDays <= MAX_CONTROL_WORKING_DAYS && r.controlDueOn !== null),
  });
  if (invalid) return invalid;
  const refused = finished(d, 'issue a resolution on it');
  if (refused) return refused;
  if (d.journal === 'outgoing') return invalidTransition('RESOLUTION_ON_OUTGOING', `Document ${d.documentId} is outgoing: it is signed and dispatched, not executed`);
  if (d.executedAt !== null) return executed(d, 'issue a resolution on it');
  return [
    {
      type: 'ResolutionIssued',
      data: {
        ...ref(d),
        executorIds: [...executorIds],
        instruction: r.instruction,
        controlDueOn: r.controlDueOn,
        controlWorkingDays: r.controlWorkingDays,
        issuedBy: command.metadata.actor?.id ?? 'system',
        at: command.metadata.now,
      },
    },
  ];
};

const reportExecution = (command: ReportExecution, d: CorrespondenceDocument): Decision => {
  const invalid = invalidFields('INVALID_EXECUTION_REPORT', 'execution report', { report: nonBlank(command.data.report) });
  if (invalid) return invalid;
  const refused = finished(d, 'report its execution');
  if (refused) return refused;
  if (d.executedAt !== null) return executed(d, 'report its execution again');
  const resolution = currentResolution(d);
  if (resolution === null) return invalidTransition('NO_RESOLUTION', `Document ${d.documentId} has no resolution to execute`);
  const executorId = command.metadata.actor?.id;
  if (executorId === undefined || !resolution.executorIds.includes(executorId)) {
    return invalidTransition('NOT_AN_EXECUTOR', `${executorId ?? 'Nobody'} is not an executor of the resolution on document ${d.documentId}`);
  }
  if (d.reportedBy.includes(executorId)) return invalidTransition('EXECUTION_ALREADY_REPORTED', `${executorId} has already reported the execution of document ${d.documentId}`);
  return [{ type: 'ExecutionReported', data: { ...ref(d), executorId, report: command.data.report, at: command.metadata.now } }];
};

const extendControl = (command: ExtendControl, d: CorrespondenceDocument): Decision => {
  const e = command.data;
  const invalid = invalidFields('INVALID_EXTENSION', 'extension', { dueOn: isIsoDate(e.dueOn), reason: nonBlank(e.reason) });
  if (invalid) return invalid;
  const refused = finished(d, 'extend its control');
  if (refused) return refused;
  if (d.executedAt !== null) return executed(d, 'extend its control');
  if (d.controlDueOn === null) return invalidTransition('NOT_UNDER_CONTROL', `Document ${d.documentId} has no control date to extend`);
  if (e.dueOn <= d.controlDueOn) return domainValidation('EXTENSION_NOT_LATER', `The new control date must be after ${d.controlDueOn}`, ['dueOn']);
  return [{ type: 'ControlExtended', data: { ...ref(d), previousDueOn: d.controlDueOn, dueOn: e.dueOn, reason: e.reason, at: command.metadata.now } }];
};

const notOutgoing = (d: CorrespondenceDocument, action: string) => invalidTransition('NOT_OUTGOING', `Document ${d.documentId} is ${d.journal}; only an outgoing document is ${action}`);

const sign = (command: { metadata: { now: string; actor?: { id: string } } }, d: CorrespondenceDocument): Decision => {
  const refused = finished(d, 'sign it');
  if (refused) return refused;
  if (d.journal !== 'outgoing') return notOutgoing(d, 'signed');
  if (d.signedAt !== null) return invalidTransition('ALREADY_SIGNED', `Document ${d.documentId} was signed by ${d.signedBy}`);
  return [{ type: 'OutgoingDocumentSigned', data: { ...ref(d), signedBy: command.metadata.actor?.id ?? 'system', at: command.metadata.now } }];
};

const dispatch = (command: DispatchDocument, d: CorrespondenceDocument): Decision => {
  const refused = finished(d, 'dispatch it');
  if (refused) return refused;
  if (d.journal !== 'outgoing') return notOutgoing(d, 'dispatched');
  if (d.dispatchedAt !== null) return invalidTransition('ALREADY_DISPATCHED', `Document ${d.documentId} was dispatched by ${d.dispatchedVia}`);
  if (d.signedAt === null) return invalidTransition('DOCUMENT_NOT_SIGNED', `Document ${d.documentId} is not signed; the head signs it before it is dispatched`);
  const { via, linkedDocumentId } = command.data;
  const interagency = d.recipientCommunityId !== null;
  const invalid = invalidFields('INVALID_DISPATCH', 'dispatch', {
    via: oneOf(DISPATCH_CHANNELS, via) && (via === 'interagency') === interagency,
    linkedDocumentId: interagency ? nonBlank(linkedDocumentId) : linkedDocumentId === undefined,
  });
  if (invalid) return invalid;
  return [
    {
      type: 'DocumentDispatched',
      data: {
        ...ref(d),
        via,
        ...(d.recipientCommunityId !== null ? { recipientCommunityId: d.recipientCommunityId } : {}),
        ...(linkedDocumentId !== undefined ? { linkedDocumentId } : {}),
        at: command.metadata.now,
      },
    },
  ];
};

const close = (command: { metadata: { now: string } }, d: CorrespondenceDocument): Decision => {
  const refused = finished(d, 'close it');
  if (refused) return refused;
  if (d.journal === 'outgoing') {
    if (d.dispatchedAt === null) return invalidTransition('DOCUMENT_NOT_DISPATCHED', `Outgoing document ${d.documentId} is closed once dispatched`);
  } else if (d.executedAt === null) {
    return invalidTransition('DOCUMENT_NOT_EXECUTED', `Document ${d.documentId} is closed once executed (status ${documentStatus(d)})`);
  }
  return [{ type: 'DocumentClosed', data: { ...ref(d), at: command.metadata.now } }];
};

const notRegistered = () => invalidTransition('DOCUMENT_NOT_REGISTERED', 'No document is registered here');

const existing = (state: DocumentState, decide: (d: CorrespondenceDocument) => Decision): Decision => (state === null ? notRegistered() : decide(state));

export const decide = (command: DocumentCommand, state: DocumentState): Decision =>
  match(command)
    .returnType<Decision>()
    .with({ type: 'RegisterIncomingDocument' }, (c) => registerIncoming(c, state))
    .with({ type: 'RegisterOutgoingDocument' }, (c) => registerOutgoing(c, state))
    .with({ type: 'RegisterInternalDocument' }, (c) => registerInternal(c, state))
    .with({ type: 'CancelRegistration' }, (c) => existing(state, (d) => cancel(c, d)))
    .with({ type: 'IssueResolution' }, (c) => existing(state, (d) => issueResolution(c, d)))
    .with({ type: 'ReportExecution' }, (c) => existing(state, (d) => reportExecution(c, d)))
    .with({ type: 'ExtendControl' }, (c) => existing(state, (d) => extendControl(c, d)))
    .with({ type: 'SignOutgoingDocument' }, (c) => existing(state, (d) => sign(c, d)))
    .with({ type: 'DispatchDocument' }, (c) => existing(state, (d) => dispatch(c, d)))
    .with({ type: 'CloseDocument' }, (c) => existing(state, (d) => close(c, d)))
    .exhaustive();

const blank = {
  senderName: null,
  senderReference: null,
  senderId: null,
  senderCommunityId: null,
  receivedOn: null,
  summary: null,
  channel: null,
  recipientName: null,
  recipientCommunityId: null,
  inReplyTo: null,
  text: null,
  linkedDocumentId: null,
  cancelledAt: null,
  cancellationReason: null,
  resolutions: [],
  controlDueOn: null,
  extensions: [],
  executionReports: [],
  reportedBy: [],
  executedAt: null,
  signedBy: null,
  signedAt: null,
  dispatchedAt: null,
  dispatchedVia: null,
  closedAt: null,
} as const;

const evolveExisting = (state: DocumentState, f: (d: CorrespondenceDocument) => CorrespondenceDocument): DocumentState => (state === null ? state : f(state));

const base = (data: { documentId: string; communityId: string; number: string; year: number; subject: string; attachments: readonly Attachment[]; registeredAt: string }) => ({
  ...blank,
  documentId: data.documentId,
  communityId: data.communityId,
  number: data.number,
  year: data.year,
  subject: data.subject,
  attachments: data.attachments,
  registeredAt: data.registeredAt,
});

export const evolve = (state: DocumentState, event: DocumentEvent): DocumentState =>
  match(event)
    .returnType<DocumentState>()
    .with({ type: 'IncomingDocumentRegistered' }, ({ data }) => ({
      ...base(data),
      journal: 'incoming',
      senderName: data.senderName,
      senderReference: data.senderReference ?? null,
      senderId: data.senderId ?? null,
      senderCommunityId: data.senderCommunityId ?? null,
      receivedOn: data.receivedOn,
      summary: data.summary ?? null,
      channel: data.channel,
      linkedDocumentId: data.linkedDocumentId ?? null,
    }))
    .with({ type: 'OutgoingDocumentRegistered' }, ({ data }) => ({
      ...base(data),
      journal: 'outgoing',
      recipientName: data.recipientName,
      recipientCommunityId: data.recipientCommunityId ?? null,
      text: data.text,
      inReplyTo: data.inReplyTo ?? null,
    }))
    .with({ type: 'InternalDocumentRegistered' }, ({ data }) => ({ ...base(data), journal: 'internal', text: data.text }))
    .with({ type: 'DocumentRegistrationCancelled' }, ({ data }) => evolveExisting(state, (d) => ({ ...d, cancelledAt: data.at, cancellationReason: data.reason })))
    .with({ type: 'ResolutionIssued' }, ({ data }) =>
      evolveExisting(state, (d) => ({
        ...d,
        resolutions: [
          ...d.resolutions,
          { executorIds: data.executorIds, instruction: data.instruction, controlDueOn: data.controlDueOn, controlWorkingDays: data.controlWorkingDays, issuedBy: data.issuedBy, at: data.at },
        ],
        controlDueOn: data.controlDueOn,
        reportedBy: [],
      })),
    )
    .with({ type: 'ExecutionReported' }, ({ data }) =>
      evolveExisting(state, (d) => {
        const reportedBy = [...d.reportedBy, data.executorId];
        const executors = currentResolution(d)?.executorIds ?? [];
        return {
          ...d,
          executionReports: [...d.executionReports, { executorId: data.executorId, report: data.report, at: data.at }],
          reportedBy,
          executedAt: executors.every((e) => reportedBy.includes(e)) ? data.at : null,
        };
      }),
    )
    .with({ type: 'ControlExtended' }, ({ data }) =>
      evolveExisting(state, (d) => ({ ...d, controlDueOn: data.dueOn, extensions: [...d.extensions, { previousDueOn: data.previousDueOn, dueOn: data.dueOn, reason: data.reason, at: data.at }] })),
    )
    .with({ type: 'OutgoingDocumentSigned' }, ({ data }) => evolveExisting(state, (d) => ({ ...d, signedBy: data.signedBy, signedAt: data.at })))
    .with({ type: 'DocumentDispatched' }, ({ data }) =>
      evolveExisting(state, (d) => ({ ...d, dispatchedAt: data.at, dispatchedVia: data.via, linkedDocumentId: data.linkedDocumentId ?? d.linkedDocumentId })),
    )
    .with({ type: 'DocumentClosed' }, ({ data }) => evolveExisting(state, (d) => ({ ...d, closedAt: data.at })))
    .exhaustive();

export const initialState = (): DocumentState => null;

export const DOCUMENT_CATEGORY = 'document';

export const documentDecider: Decider<DocumentCommand, DocumentEvent, DocumentState> = {
  name: DOCUMENT_CATEGORY,
  decide,
  evolve,
  initialState,
};

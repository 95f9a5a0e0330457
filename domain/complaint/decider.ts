/**
 * The complaint decider (docs/domain.md "Complaint"; docs/api.md "Complaint").
 *
 * Transitions (✓ allowed; otherwise the INVALID_TRANSITION reason):
 *
 * | status \ command | Acknowledge | Assign | Respond | Escalate | Reopen | Close |
 * |---|---|---|---|---|---|---|
 * | filed        | ✓ | ✓ | ✓ | ✓ | COMPLAINT_NOT_RESPONDED | COMPLAINT_NOT_RESPONDED |
 * | acknowledged | COMPLAINT_ALREADY_ACKNOWLEDGED | ✓ | ✓ | ✓ | COMPLAINT_NOT_RESPONDED | COMPLAINT_NOT_RESPONDED |
 * | assigned     | COMPLAINT_ALREADY_ACKNOWLEDGED | ✓ (same assignee: nothing) | ✓ | ✓ | COMPLAINT_NOT_RESPONDED | COMPLAINT_NOT_RESPONDED |
 * | escalated    | COMPLAINT_ALREADY_ACKNOWLEDGED | ✓ | ✓ | ✓ only higher (head → ministry), else COMPLAINT_ALREADY_ESCALATED | COMPLAINT_NOT_RESPONDED | COMPLAINT_NOT_RESPONDED |
 * | reopened     | COMPLAINT_ALREADY_ACKNOWLEDGED | ✓ | ✓ | ✓ only higher than before, else COMPLAINT_ALREADY_ESCALATED | COMPLAINT_NOT_RESPONDED | COMPLAINT_NOT_RESPONDED |
 * | responded    | COMPLAINT_ALREADY_ACKNOWLEDGED | COMPLAINT_RESPONDED | COMPLAINT_ALREADY_RESPONDED | COMPLAINT_RESPONDED | ✓ within 30 days, else REOPEN_PERIOD_EXPIRED | ✓ |
 * | closed       | COMPLAINT_CLOSED | COMPLAINT_CLOSED | COMPLAINT_CLOSED | COMPLAINT_CLOSED | ✓ within 30 days, else REOPEN_PERIOD_EXPIRED | COMPLAINT_CLOSED |
 *
 * - A complaint is closed only after a response. Closing does not take away the complainant's
 *   right to reopen within 30 days of the response (Yerevan dates: the 30th day after is the last).
 * - Escalation only goes up (none → head → ministry); it is kept after a reopening.
 * - `responseDueOn` is fixed at filing (Yerevan filing date + 30 days); a reopening does not move it.
 */
import { match } from 'ts-pattern';
import type { Decider } from '../kernel/decider';
import { domainValidation, invalidTransition, notFound, type DomainError } from '../kernel/errors';
import { addDays, daysBetween, yerevanDate } from '../kernel/time';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_RESOLUTIONS,
  ESCALATION_LEVELS,
  type AcknowledgeComplaint,
  type AssignComplaint,
  type CloseComplaint,
  type ComplaintCommand,
  type EscalateComplaint,
  type FileComplaint,
  type ReopenComplaint,
  type RespondToComplaint,
} from './commands';
import type { ComplaintEvent } from './events';
import {
  MAX_SUBJECT_LENGTH,
  REOPEN_PERIOD_DAYS,
  RESPONSE_PERIOD_DAYS,
  complaintStatus,
  escalationRank,
  type Complaint,
  type ComplaintState,
} from './state';

type Decision = ComplaintEvent[] | DomainError;

const nonBlank = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

const invalidFields = (reason: string, what: string, checks: Record<string, boolean>): DomainError | null => {
  const fields = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([field]) => field);
  return fields.length ? domainValidation(reason, `Invalid ${what}: ${fields.join(', ')}`, fields) : null;
};

const ref = (c: Complaint) => ({ complaintId: c.complaintId, communityId: c.communityId });

const closed = (c: Complaint, action: string) => invalidTransition('COMPLAINT_CLOSED', `Complaint ${c.complaintId} is closed; cannot ${action}`);
const notResponded = (c: Complaint, action: string) =>
  invalidTransition('COMPLAINT_NOT_RESPONDED', `Complaint ${c.complaintId} has not been responded to; cannot ${action}`);
const responded = (c: Complaint, action: string) =>
  invalidTransition('COMPLAINT_RESPONDED', `Complaint ${c.complaintId} has been responded to; reopen it before you ${action}`);

const file = (command: FileComplaint, state: ComplaintState): Decision => {
  if (state !== null) return invalidTransition('COMPLAINT_ALREADY_FILED', `Complaint ${state.complaintId} is already filed`);
  const d = command.data;
  const invalid = invalidFields('INVALID_COMPLAINT', 'complaint', {
    complaintId: nonBlank(d.complaintId),
    communityId: nonBlank(d.communityId),
    channel: oneOf(COMPLAINT_CHANNELS, d.channel),
    category: nonBlank(d.category),
    subject: nonBlank(d.subject) && [...d.subject].length <= MAX_SUBJECT_LENGTH,
    description: nonBlank(d.description),
    complainantName: d.complainantName === undefined || nonBlank(d.complainantName),
    // An online complaint comes from a signed-in resident: it always names them.
    complainantId: d.complainantId === undefined ? d.channel !== 'online' : nonBlank(d.complainantId),
  });
  if (invalid) return invalid;
  return [
    {
      type: 'ComplaintFiled',
      data: {
        complaintId: d.complaintId,
        communityId: d.communityId,
        channel: d.channel,
        category: d.category,
        subject: d.subject,
        description: d.description,
        ...(d.complainantName !== undefined ? { complainantName: d.complainantName } : {}),
        ...(d.complainantId !== undefined ? { complainantId: d.complainantId } : {}),
        filedAt: command.metadata.now,
        responseDueOn: addDays(yerevanDate(command.metadata.now), RESPONSE_PERIOD_DAYS),
      },
    },
  ];
};

const acknowledge = (command: AcknowledgeComplaint, c: Complaint): Decision =>
  match(complaintStatus(c))
    .returnType<Decision>()
    .with('filed', () => [{ type: 'ComplaintAcknowledged', data: { ...ref(c), at: command.metadata.now } }])
    .with('closed', () => closed(c, 'acknowledge it'))
    .with('acknowledged', 'assigned', 'escalated', 'reopened', 'responded', () =>
      invalidTransition('COMPLAINT_ALREADY_ACKNOWLEDGED', `Complaint ${c.complaintId} is already acknowledged`),
    )
    .exhaustive();

const assign = (command: AssignComplaint, c: Complaint): Decision => {
  const invalid = invalidFields('INVALID_ASSIGNMENT', 'assignment', { assigneeId: nonBlank(command.data.assigneeId) });
  if (invalid) return invalid;
  const assigned: ComplaintEvent[] = [{ type: 'ComplaintAssigned', data: { ...ref(c), assigneeId: command.data.assigneeId, at: command.metadata.now } }];
  return match(complaintStatus(c))
    .returnType<Decision>()
    .with('filed', 'acknowledged', 'escalated', 'reopened', () => assigned)
    .with('assigned', () => (c.assigneeId === command.data.assigneeId ? [] : assigned))
    .with('responded', () => responded(c, 'assign it'))
    .with('closed', () => closed(c, 'assign it'))
    .exhaustive();
};

const respond = (command: RespondToComplaint, c: Complaint): Decision => {
  const d = command.data;
  const invalid = invalidFields('INVALID_RESPONSE', 'response', { response: nonBlank(d.response), resolution: oneOf(COMPLAINT_RESOLUTIONS, d.resolution) });
  if (invalid) return invalid;
  return match(complaintStatus(c))
    .returnType<Decision>()
    .with('filed', 'acknowledged', 'assigned', 'escalated', 'reopened', () => [
      {
        type: 'ComplaintResponded',
        data: {
          ...ref(c),
          response: d.response,
          resolution: d.resolution,
          at: command.metadata.now,
          reopenableUntil: addDays(yerevanDate(command.metadata.now), REOPEN_PERIOD_DAYS),
        },
      },
    ])
    .with('responded', () => invalidTransition('COMPLAINT_ALREADY_RESPONDED', `Complaint ${c.complaintId} has already been responded to`))
    .with('closed', () => closed(c, 'respond to it'))
    .exhaustive();
};

const escalate = (command: EscalateComplaint, c: Complaint): Decision => {
  const d = command.data;
  const invalid = invalidFields('INVALID_ESCALATION', 'escalation', { to: oneOf(ESCALATION_LEVELS, d.to), reason: nonBlank(d.reason) });
  if (invalid) return invalid;
  return match(complaintStatus(c))
    .returnType<Decision>()
    .with('filed', 'acknowledged', 'assigned', 'escalated', 'reopened', (): Decision =>
      escalationRank(d.to) <= escalationRank(c.escalatedTo)
        ? invalidTransition('COMPLAINT_ALREADY_ESCALATED', `Complaint ${c.complaintId} is already escalated to the ${c.escalatedTo}; it can only go higher`)
        : [{ type: 'ComplaintEscalated', data: { ...ref(c), to: d.to, reason: d.reason, at: command.metadata.now } }],
    )
    .with('responded', () => responded(c, 'escalate it'))
    .with('closed', () => closed(c, 'escalate it'))
    .exhaustive();
};

const reopen = (command: ReopenComplaint, c: Complaint): Decision => {
  const invalid = invalidFields('INVALID_REOPENING', 'reopening', { reason: nonBlank(command.data.reason) });
  if (invalid) return invalid;
  return match(complaintStatus(c))
    .returnType<Decision>()
    .with('responded', 'closed', (): Decision => {
      // The last day is fixed by the response event (response date in Yerevan + 30 days).
      const until = c.reopenableUntil as string;
      if (daysBetween(until, yerevanDate(command.metadata.now)) > 0) {
        return invalidTransition('REOPEN_PERIOD_EXPIRED', `Complaint ${c.complaintId} could be reopened until ${until} (30 days after its response)`);
      }
      return [{ type: 'ComplaintReopened', data: { ...ref(c), reason: command.data.reason, at: command.metadata.now } }];
    })
    .with('filed', 'acknowledged', 'assigned', 'escalated', 'reopened', () => notResponded(c, 'reopen it'))
    .exhaustive();
};

const close = (command: CloseComplaint, c: Complaint): Decision =>
  match(complaintStatus(c))
    .returnType<Decision>()
    .with('responded', () => [{ type: 'ComplaintClosed', data: { ...ref(c), at: command.metadata.now } }])
    .with('closed', () => closed(c, 'close it again'))
    .with('filed', 'acknowledged', 'assigned', 'escalated', 'reopened', () => notResponded(c, 'close it'))
    .exhaustive();

const onExisting =
  <C extends ComplaintCommand>(f: (command: C, complaint: Complaint) => Decision) =>
  (command: C, state: ComplaintState): Decision =>
    state === null ? notFound('COMPLAINT_NOT_FOUND', 'No complaint has been filed on this stream') : f(command, state);

export const decide = (command: ComplaintCommand, state: ComplaintState): Decision =>
  match(command)
    .with({ type: 'FileComplaint' }, (c) => file(c, state))
    .with({ type: 'AcknowledgeComplaint' }, (c) => onExisting(acknowledge)(c, state))
    .with({ type: 'AssignComplaint' }, (c) => onExisting(assign)(c, state))
    .with({ type: 'RespondToComplaint' }, (c) => onExisting(respond)(c, state))
    .with({ type: 'EscalateComplaint' }, (c) => onExisting(escalate)(c, state))
    .with({ type: 'ReopenComplaint' }, (c) => onExisting(reopen)(c, state))
    .with({ type: 'CloseComplaint' }, (c) => onExisting(close)(c, state))
    .exhaustive();

const evolveExisting = (state: ComplaintState, f: (c: Complaint) => Complaint): ComplaintState => (state === null ? state : f(state));

export const evolve = (state: ComplaintState, event: ComplaintEvent): ComplaintState =>
  match(event)
    .with({ type: 'ComplaintFiled' }, ({ data }): ComplaintState => ({
      complaintId: data.complaintId,
      communityId: data.communityId,
      channel: data.channel,
      category: data.category,
      subject: data.subject,
      description: data.description,
      ...(data.complainantName !== undefined ? { complainantName: data.complainantName } : {}),
      ...(data.complainantId !== undefined ? { complainantId: data.complainantId } : {}),
      filedAt: data.filedAt,
      responseDueOn: data.responseDueOn,
      lastStep: 'ComplaintFiled',
      acknowledgedAt: null,
      assigneeId: null,
      escalatedTo: null,
      response: null,
      resolution: null,
      respondedAt: null,
      reopenableUntil: null,
      reopenCount: 0,
      closedAt: null,
    }))
    .with({ type: 'ComplaintAcknowledged' }, ({ type, data }) => evolveExisting(state, (c) => ({ ...c, lastStep: type, acknowledgedAt: data.at })))
    .with({ type: 'ComplaintAssigned' }, ({ type, data }) => evolveExisting(state, (c) => ({ ...c, lastStep: type, assigneeId: data.assigneeId })))
    .with({ type: 'ComplaintResponded' }, ({ type, data }) =>
      evolveExisting(state, (c) => ({
        ...c,
        lastStep: type,
        response: data.response,
        resolution: data.resolution,
        respondedAt: data.at,
        reopenableUntil: data.reopenableUntil,
      })),
    )
    .with({ type: 'ComplaintEscalated' }, ({ type, data }) => evolveExisting(state, (c) => ({ ...c, lastStep: type, escalatedTo: data.to })))
    .with({ type: 'ComplaintReopened' }, ({ type }) => evolveExisting(state, (c) => ({ ...c, lastStep: type, reopenCount: c.reopenCount + 1, closedAt: null })))
    .with({ type: 'ComplaintClosed' }, ({ type, data }) => evolveExisting(state, (c) => ({ ...c, lastStep: type, closedAt: data.at })))
    .exhaustive();

export const initialState = (): ComplaintState => null;

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  name: 'complaint',
  decide,
  evolve,
  initialState,
};

/**
 * The command handling core: load the stream, fold its state, decide, append with the expected
 * revision. A client `commandId` makes the command idempotent on any stream: its first result is
 * found through the store's global index of command ids and returned again, creations included.
 */
import { createHash } from 'node:crypto';
import type { CommandMetadata, Decider, DomainCommand, DomainEvent } from '../domain/shared/decider';
import { isDomainError, type DomainError } from '../domain/shared/errors';
import { canonicalJson } from './canonical-json';
import { ConcurrencyConflict, InvalidTransition, NotFound, ValidationFailed, type HamaynkError } from './errors';
import { deterministicUuid, type Clock, type IdGenerator } from './ids';
import { CommandAlreadyRecorded, type Actor, type EventStore, type NewEvent, type RecordedEvent } from './ports/event-store';

export interface CommandContext {
  readonly actor: Actor;
  /** The client's command id: repeating it appends nothing and returns the same aggregate. */
  readonly commandId?: string;
  /** The revision the caller last saw; a stale one is CONCURRENCY_CONFLICT (no retry). */
  readonly expectedRevision?: number;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Business time when it is not now (imported history); defaults to the clock. */
  readonly occurredAt?: string;
}

export interface HandleResult<State, Event> {
  readonly streamId: string;
  /** The events this command appended (empty for a repeat or a command with nothing to record). */
  readonly events: readonly Event[];
  readonly recorded: readonly RecordedEvent[] | null;
  /** The stream's revision after the command; -1 if the stream still has no events. */
  readonly revision: number;
  readonly state: State;
  /** True when the command id had been handled before and nothing was appended. */
  readonly duplicate: boolean;
  readonly lastPosition: bigint | null;
}

export interface CommandHandlerDeps {
  readonly eventStore: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Attempts on a conflict when the caller gave no expected revision. */
  readonly maxAttempts?: number;
  /** Schema version of each event type (the event catalogue); 1 when absent. */
  readonly schemaVersionOf?: (eventType: string) => number;
}

export type CommandInput<C extends DomainCommand> = Omit<C, 'metadata'> & { readonly metadata?: Partial<CommandMetadata> };

const MAX_COMMAND_ID = 200;

export const commandFingerprint = (streamId: string, actorId: string, command: { type: string; data: unknown }): string =>
  createHash('sha256').update(canonicalJson({ streamId, actor: actorId, type: command.type, data: command.data ?? null })).digest('hex');

export const domainErrorToError = (error: DomainError): HamaynkError => {
  switch (error.code) {
    case 'INVALID_TRANSITION':
      return new InvalidTransition(error.message, error.reason);
    case 'VALIDATION_FAILED':
      return new ValidationFailed(error.message, error.fields ?? [], error.reason);
    case 'NOT_FOUND':
      return new NotFound(error.message, error.reason);
  }
};

export const createCommandHandler = (deps: CommandHandlerDeps) => {
  const { eventStore, clock, ids } = deps;
  const maxAttempts = deps.maxAttempts ?? 5;
  const schemaVersionOf = deps.schemaVersionOf ?? (() => 1);

  const load = async <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, toRevision?: number) => {
    const recorded = await eventStore.readStream(streamId, toRevision === undefined ? {} : { toRevision });
    const state = recorded.reduce((s, r) => decider.evolve(s, { type: r.type, data: r.data } as E), decider.initialState());
    const revision = recorded.length ? recorded[recorded.length - 1].revision : -1;
    return { state, revision, recorded, lastPosition: recorded.length ? recorded[recorded.length - 1].position : null };
  };

  const repeat = async <C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    fingerprint: string,
    prior: { fingerprint: string; streamId: string; position: bigint },
  ): Promise<HandleResult<S, E>> => {
    if (prior.fingerprint !== fingerprint || prior.streamId !== streamId) {
      throw new ValidationFailed('This commandId was already used for a different command or input; use a new commandId', ['commandId'], 'COMMAND_ID_REUSED');
    }
    const { state, revision, lastPosition } = await load(decider, streamId);
    return { streamId, events: [], recorded: null, revision, state, duplicate: true, lastPosition };
  };

  /**
   * Handles one command on one stream. `streamId` of an aggregate being created should come from
   * `newAggregateId(commandId)` so that a retried creation lands on the same stream.
   */
  const handle = async <C extends DomainCommand, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    input: CommandInput<C>,
    context: CommandContext,
  ): Promise<HandleResult<S, E>> => {
    const clientCommandId = context.commandId;
    if (clientCommandId !== undefined && (typeof clientCommandId !== 'string' || clientCommandId.length === 0 || clientCommandId.length > MAX_COMMAND_ID)) {
      throw new ValidationFailed(`commandId must be 1 to ${MAX_COMMAND_ID} characters`, ['commandId']);
    }
    const fingerprint = commandFingerprint(streamId, context.actor.id, input);
    if (clientCommandId !== undefined) {
      const prior = await eventStore.findCommand(clientCommandId);
      if (prior) return repeat(decider, streamId, fingerprint, prior);
    }
    const commandId = clientCommandId ?? ids.next();
    for (let attempt = 1; ; attempt++) {
      const { state, revision, recorded } = await load(decider, streamId);
      // On EventStoreDB the command index is written after the events: a crash in between leaves
      // the events without their index entry, so the stream itself is asked too.
      const earlier = clientCommandId === undefined ? undefined : recorded.find((r) => r.metadata.commandId === clientCommandId);
      if (earlier) {
        // The input itself is not recoverable from the events; the stream and the actor must match.
        const sameCaller = earlier.metadata.actor.id === context.actor.id;
        return repeat(decider, streamId, fingerprint, { fingerprint: sameCaller ? fingerprint : 'another caller', streamId, position: earlier.position });
      }
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new ConcurrencyConflict(streamId, String(context.expectedRevision), revision < 0 ? 'no-stream' : String(revision));
      }
      const now = clock.now().toISOString();
      const metadata: CommandMetadata = {
        ...input.metadata,
        now: context.occurredAt ?? input.metadata?.now ?? now,
        actor: { id: context.actor.id, role: context.actor.role, channel: context.actor.channel, onBehalfOf: context.actor.onBehalfOf },
      };
      const command = { ...input, metadata } as unknown as C;
      const decided = decider.decide(command, state);
      if (isDomainError(decided)) throw domainErrorToError(decided);
      if (decided.length === 0) {
        return { streamId, events: [], recorded: null, revision, state, duplicate: false, lastPosition: null };
      }
      const events: NewEvent[] = decided.map((event, i) => ({
        type: event.type,
        data: event.data,
        metadata: {
          eventId: deterministicUuid(`${commandId}#${i}`),
          commandId,
          correlationId: context.correlationId ?? commandId,
          causationId: context.causationId ?? commandId,
          actor: stripUndefined(context.actor),
          occurredAt: metadata.now,
          recordedAt: now,
          schemaVersion: schemaVersionOf(event.type),
        },
      }));
      try {
        const appended = await eventStore.append(streamId, events, {
          expectedRevision: revision < 0 ? 'no-stream' : revision,
          command: clientCommandId !== undefined ? { commandId: clientCommandId, fingerprint } : undefined,
        });
        const newState = decided.reduce(decider.evolve, state);
        return { streamId, events: decided, recorded: null, revision: appended.nextRevision, state: newState, duplicate: false, lastPosition: appended.lastPosition };
      } catch (error) {
        if (error instanceof CommandAlreadyRecorded) return repeat(decider, streamId, fingerprint, error.record);
        if (error instanceof ConcurrencyConflict && context.expectedRevision === undefined && attempt < maxAttempts) continue;
        throw error;
      }
    }
  };

  /** The id of an aggregate a command creates: derived from the client's command id when there is one. */
  const newAggregateId = (commandId?: string): string => (commandId ? deterministicUuid(`aggregate:${commandId}`) : ids.next());

  return { handle, load, newAggregateId };
};

export type CommandHandler = ReturnType<typeof createCommandHandler>;

const stripUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

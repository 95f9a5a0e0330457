/**
 * The command handling core: load the stream, fold its state, decide, append with the expected
 * revision. A client `commandId` makes the command idempotent on any stream: its first result is
 * found through the store's global index of command ids and returned again, creations included.
 */
import { createHash } from 'node:crypto';
import type { CommandMetadata, Decider, DomainCommand, DomainEvent } from '../domain/kernel/decider';
import { isDomainError, type DomainError } from '../domain/kernel/errors';
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
  /**
   * Streams whose folded state is kept in memory (least recently used first out; 0 = none). A kept
   * state is only a cache: every load still reads the events appended after it, so it is never
   * stale, and another process appending to the stream is seen like any other new event (`loadRecent`
   * is the one exception, and says so).
   */
  readonly stateCacheSize?: number;
  /** A monotonic clock in ms for the age of kept states (default `performance.now`); tests pass their own. */
  readonly monotonicNow?: () => number;
}

/** A stream's state folded up to `revision`, kept between commands. */
interface FoldedStream<S> {
  readonly state: S;
  readonly revision: number;
  readonly lastPosition: bigint | null;
  /**
   * The stream's client command ids (with the actor that sent each), kept only for stores whose
   * command index is not written with the events: there the stream itself tells a repeat.
   */
  readonly commands: Map<string, { readonly actorId: string; readonly position: bigint }> | null;
}

const DEFAULT_STATE_CACHE_SIZE = 10_000;

export interface HandleOptions {
  /** What a repeated commandId must match (default: the command itself); required when the command is built from the state. */
  readonly fingerprint?: { readonly type: string; readonly data: unknown };
  /**
   * The stream is named by a fresh aggregate id (`newAggregateId`): most likely it does not exist, so
   * it is not read first (a retried creation, found by its command id, is answered before this).
   */
  readonly newStream?: boolean;
}

export type CommandInput<C extends DomainCommand> = Omit<C, 'metadata'> & { readonly metadata?: Partial<CommandMetadata> };

/**
 * Builds the command from the state loaded for the decision (authorizing on it first), so a command
 * loads its stream once. Called again on each conflict retry, with the newer state.
 */
export type CommandBuilder<C extends DomainCommand, S> = (
  state: S,
  revision: number,
) => Promise<{ readonly command: CommandInput<C>; readonly occurredAt?: string; readonly actor?: Actor }>;

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

  const cacheSize = deps.stateCacheSize ?? DEFAULT_STATE_CACHE_SIZE;
  const streamsInStore = eventStore.commandIndexAtomic !== true;
  // Folded states by stream id, least recently used first (a Map iterates in insertion order); an
  // entry answers only the decider that folded it.
  // `confirmedAt`: when the state was last known to be the stream's newest (read from the store, or appended here).
  const kept = new Map<string, { readonly decider: object; readonly folded: FoldedStream<unknown>; readonly confirmedAt: number }>();
  const monotonicNow = deps.monotonicNow ?? (() => performance.now());
  const keptFor = <S>(decider: object, streamId: string): FoldedStream<S> | undefined => {
    const entry = kept.get(streamId);
    return entry?.decider === decider ? (entry.folded as FoldedStream<S>) : undefined;
  };
  const remember = <S>(decider: object, streamId: string, folded: FoldedStream<S>): void => {
    if (cacheSize <= 0) return;
    // Concurrent commands may finish out of order: never replace a newer state with an older one.
    if ((keptFor<S>(decider, streamId)?.revision ?? -2) > folded.revision) return;
    kept.delete(streamId);
    kept.set(streamId, { decider, folded, confirmedAt: monotonicNow() });
    if (kept.size > cacheSize) kept.delete(kept.keys().next().value as string);
  };

  /**
   * Adds the command ids of `recorded` to the stream's known ones, for stores whose command index is
   * written apart from the events (null otherwise). Ids only ever join a stream, so the map grows in place.
   */
  const noteCommands = (commands: FoldedStream<unknown>['commands'], recorded: readonly RecordedEvent[]): FoldedStream<unknown>['commands'] => {
    if (!streamsInStore) return null;
    const known = commands ?? new Map<string, { actorId: string; position: bigint }>();
    for (const r of recorded) {
      const id = r.metadata.commandId;
      // The position of a command's last event (a command's events are contiguous in its stream).
      if (typeof id === 'string') known.set(id, { actorId: r.metadata.actor.id, position: r.position });
    }
    return known;
  };

  /** The stream's state now (or at `toRevision`, which is never cached): the kept state plus the events after it. */
  const loadFolded = async <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, toRevision?: number): Promise<FoldedStream<S>> => {
    const fold = (from: S, recorded: readonly RecordedEvent[]): S => {
      let state = from;
      for (const r of recorded) state = decider.evolve(state, { type: r.type, data: r.data } as E);
      return state;
    };
    if (toRevision === undefined && cacheSize > 0) {
      const known = keptFor<S>(decider, streamId);
      if (known) {
        const recorded = await eventStore.readStream(streamId, { fromRevision: known.revision + 1 });
        // A log is append-only; anything else (a store swapped under a running process) refolds from the start.
        if (recorded.length === 0 || recorded[0].revision === known.revision + 1) {
          const last = recorded.length ? recorded[recorded.length - 1] : null;
          const folded: FoldedStream<S> = last
            ? { state: fold(known.state, recorded), revision: last.revision, lastPosition: last.position, commands: noteCommands(known.commands, recorded) }
            : known;
          remember(decider, streamId, folded);
          return folded;
        }
        kept.delete(streamId);
      }
    }
    const recorded = await eventStore.readStream(streamId, toRevision === undefined ? {} : { toRevision });
    const last = recorded.length ? recorded[recorded.length - 1] : null;
    const folded: FoldedStream<S> = {
      state: fold(decider.initialState(), recorded),
      revision: last ? last.revision : -1,
      lastPosition: last ? last.position : null,
      commands: noteCommands(null, recorded),
    };
    if (toRevision === undefined && last) remember(decider, streamId, folded);
    return folded;
  };

  const load = async <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, toRevision?: number) => {
    const { state, revision, lastPosition } = await loadFolded(decider, streamId, toRevision);
    return { state, revision, lastPosition };
  };

  /**
   * Another aggregate's state that a command is checked against (the community whose services an
   * application asks for): the kept state when it was known to be the newest at most `maxAgeMs` ago,
   * else `load`. Appends made through this handler are always in it; one made elsewhere (another
   * process) may be missed for that long — as if the command had come that much earlier. Never for the
   * stream a command appends to: that one is always read, and its append checks the revision.
   */
  const loadRecent = async <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, maxAgeMs: number) => {
    const entry = kept.get(streamId);
    if (entry && entry.decider === decider && monotonicNow() - entry.confirmedAt <= maxAgeMs) {
      const { state, revision, lastPosition } = entry.folded as FoldedStream<S>;
      return { state, revision, lastPosition };
    }
    return load(decider, streamId);
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
    const { state, revision } = await load(decider, streamId);
    return { streamId, events: [], recorded: null, revision, state, duplicate: true, lastPosition: prior.position };
  };

  /**
   * Handles one command on one stream. `streamId` of an aggregate being created should come from
   * `newAggregateId(commandId)` so that a retried creation lands on the same stream.
   */
  const handle = async <C extends DomainCommand, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    input: CommandInput<C> | CommandBuilder<C, S>,
    context: CommandContext,
    options: HandleOptions = {},
  ): Promise<HandleResult<S, E>> => {
    const clientCommandId = context.commandId;
    if (clientCommandId !== undefined && (typeof clientCommandId !== 'string' || clientCommandId.length === 0 || clientCommandId.length > MAX_COMMAND_ID)) {
      throw new ValidationFailed(`commandId must be 1 to ${MAX_COMMAND_ID} characters`, ['commandId']);
    }
    // Only a client's command id can be repeated, so only then is the command fingerprinted.
    const fingerprinted = options.fingerprint ?? (typeof input === 'function' ? undefined : input);
    if (fingerprinted === undefined) throw new Error('A command built from the state needs options.fingerprint');
    const fingerprint = clientCommandId === undefined ? '' : commandFingerprint(streamId, context.actor.id, fingerprinted);
    if (clientCommandId !== undefined) {
      const prior = await eventStore.findCommand(clientCommandId);
      if (prior) return repeat(decider, streamId, fingerprint, prior);
    }
    const commandId = clientCommandId ?? ids.next();
    for (let attempt = 1; ; attempt++) {
      // A stream named by a fresh id is decided from the initial state unread: the append expects
      // no stream, so should it exist after all, the append conflicts and the next attempt reads it.
      const unread = attempt === 1 && options.newStream === true && context.expectedRevision === undefined;
      const { state, revision, commands } = unread
        ? { state: decider.initialState(), revision: -1, commands: null }
        : await loadFolded(decider, streamId);
      // On EventStoreDB the command index is written after the events: a crash in between leaves
      // the events without their index entry, so the stream itself is asked too.
      const earlier = clientCommandId === undefined ? undefined : commands?.get(clientCommandId);
      if (earlier) {
        // The input itself is not recoverable from the events; the stream and the actor must match.
        const sameCaller = earlier.actorId === context.actor.id;
        return repeat(decider, streamId, fingerprint, { fingerprint: sameCaller ? fingerprint : 'another caller', streamId, position: earlier.position });
      }
      if (attempt > 1 && clientCommandId !== undefined) {
        // A duplicate of this command may have won the race that made the last attempt conflict.
        const prior = await eventStore.findCommand(clientCommandId);
        if (prior) return repeat(decider, streamId, fingerprint, prior);
      }
      const built = typeof input === 'function' ? await input(state, revision) : { command: input };
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        if (clientCommandId !== undefined && attempt === 1) {
          const prior = await eventStore.findCommand(clientCommandId);
          if (prior) return repeat(decider, streamId, fingerprint, prior);
        }
        throw new ConcurrencyConflict(streamId, String(context.expectedRevision), revision < 0 ? 'no-stream' : String(revision));
      }
      const now = clock.now().toISOString();
      const actor = built.actor ?? context.actor;
      const metadata: CommandMetadata = {
        ...built.command.metadata,
        now: built.occurredAt ?? context.occurredAt ?? built.command.metadata?.now ?? now,
        actor: { id: actor.id, role: actor.role, channel: actor.channel, onBehalfOf: actor.onBehalfOf },
      };
      const command = { ...built.command, metadata } as unknown as C;
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
          actor: stripUndefined(actor),
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
        if (appended.nextRevision === revision + decided.length) {
          const known = noteCommands(commands, []);
          known?.set(commandId, { actorId: context.actor.id, position: appended.lastPosition });
          remember(decider, streamId, { state: newState, revision: appended.nextRevision, lastPosition: appended.lastPosition, commands: known });
        }
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

  return { handle, load, loadRecent, newAggregateId };
};

export type CommandHandler = ReturnType<typeof createCommandHandler>;

const stripUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

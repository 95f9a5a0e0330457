/**
 * The shape every aggregate follows (as in Emmett): pure `decide`, `evolve`, `initialState`.
 * Time and ids never come from a clock or a generator here; they arrive in the command's metadata.
 */
import type { DomainError } from './errors';

/** A domain event: its type and its facts. The envelope (ids, actor, times) is added by the application. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** What the application hands every command: the business time and freshly generated ids. */
export interface CommandMetadata {
  /** Business time of the command, ISO 8601 (the clock's reading, or a past date for imported history). */
  readonly now: string;
  /** Ids generated for this command (e.g. a permit number seed); deciders never invent ids. */
  readonly ids?: Readonly<Record<string, string>>;
  /** Who is acting; deciders that record the actor on an event take it from here. */
  readonly actor?: { readonly id: string; readonly role: string; readonly channel?: string; readonly onBehalfOf?: string };
}

export interface DomainCommand<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly metadata: CommandMetadata;
}

export interface Decider<Command, Event, State> {
  /** Name of the aggregate; also the stream category (`community`, `application`, …). */
  readonly name: string;
  decide(command: Command, state: State): Event[] | DomainError;
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export const fold = <Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: readonly Event[]): State =>
  events.reduce(decider.evolve, decider.initialState());

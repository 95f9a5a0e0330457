/**
 * How an aggregate declares its commands, once: each command's input (an input class of the field
 * rules), the aggregate it targets, who may run it (a pure policy of actor × state × input, judged on
 * the state loaded for the decision), any explicit cross-aggregate step, and how the input becomes
 * the decider's command. One pipeline (pipeline.ts) runs every declaration; GraphQL, pages, the CLI
 * and the seed all call it by the command's name.
 */
import type { Decider, DomainCommand, DomainEvent } from '../../domain/kernel/decider';
import type { CommandHandler, CommandInput } from '../command-handler';
import type { HamaynkError } from '../errors';
import type { Clock } from '../ids';
import type { Actor } from '../ports/event-store';
import type { FileStore } from '../ports/file-store';
import type { PropertyTaxSystem } from '../ports/property-tax';
import type { InputClass } from './fields';
import type { Verdict } from './policy';

/** What a command's explicit cross-aggregate step may use. */
export interface CommandEnv {
  readonly handler: CommandHandler;
  readonly clock: Clock;
  /** The property tax system (for tax-liability certificates); absent where no command needs it. */
  readonly propertyTax?: PropertyTaxSystem;
  /**
   * The staff directory, to check that a resolution's executors are staff of the document's community;
   * absent, executors are not checked against it.
   */
  readonly staff?: { appointmentOf(personalId: string): Promise<{ readonly role: string; readonly communityId?: string | null } | null> };
  /** The file store, to check that the files a command names are stored; absent, a command naming files is refused. */
  readonly files?: FileStore;
  /** Attempts to take the next number of a busy register (each conflict reloads it). */
  readonly maxRegisterAttempts: number;
  /** Whether a URL points at this server itself (a webhook may not); absent: no URL is refused for that. */
  readonly thisServer?: (url: string) => boolean;
}

/** The facts a command is decided with besides its input and state. */
export interface CommandCall {
  readonly actor: Actor;
  /** The target aggregate's id. */
  readonly id: string;
  /** Yerevan calendar date of the business time. */
  readonly today: string;
  /** The business time (ISO 8601). */
  readonly now: string;
  readonly commandId?: string;
  /** The request's correlation id, for the events a cross-aggregate step appends to other streams. */
  readonly correlationId?: string;
}

export interface CommandSpec<I extends object, S, C extends DomainCommand, P = unknown> {
  /** The input's shape: an input class built of the field rules (fields.ts). */
  readonly input: InputClass<I>;
  /** Shown in the GraphQL schema. */
  readonly description?: string;
  /** The GraphQL type the mutation answers with, when not the aggregate's (registerWebhook's answer carries its secret). */
  readonly graphqlType?: string;
  /** False for a command only the system runs (a process manager's): not offered as a mutation. */
  readonly public?: boolean;
  /**
   * The aggregate the command targets: `'new'` creates one with a fresh id (derived from the client's
   * commandId, so a retried creation lands on the same stream), or a function of the input (and of the
   * caller, for an aggregate that is the caller's own, e.g. their contact details).
   */
  readonly target: 'new' | ((input: I, actor: Actor) => string);
  /** The command creates its aggregate: it takes no expectedRevision. Implied by `target: 'new'`. */
  readonly creates?: boolean;
  /** Who may run it: pure, judged on the state the command is decided on. */
  readonly policy: (actor: Actor, state: S, input: I) => Verdict;
  /** A past business date the command records (imported history), when the input names one. */
  readonly occurredAt?: (input: I, today: string) => string | undefined;
  /** An explicit step across aggregates, after the policy allowed the command (e.g. the community must be active). */
  readonly prepare?: (input: I, state: S, env: CommandEnv, call: CommandCall) => Promise<P>;
  /** How the input becomes the decider's command. */
  readonly command: (input: I, state: S, prepared: P, call: CommandCall) => CommandInput<C>;
}

export interface AggregateSpec<S, C extends DomainCommand, E extends DomainEvent, V, Specs extends Record<string, AnyCommandSpec<S, C>>> {
  readonly decider: Decider<C, E, S>;
  /** The GraphQL type a command on it answers with. */
  readonly graphqlType: string;
  /** The aggregate's view as of `today`; null while it does not exist. */
  readonly view: (state: S, today: string) => V | null;
  readonly notFound: (id: string) => HamaynkError;
  readonly commands: Specs;
}

/** Any command of an aggregate, whatever its input and prepared facts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommandSpec<S, C extends DomainCommand> = CommandSpec<any, S, C, any>;

/** Declares one command of an aggregate (infers its input and prepared types). */
export const command = <S, C extends DomainCommand>() => <I extends object, P = undefined>(spec: CommandSpec<I, S, C, P>): CommandSpec<I, S, C, P> => spec;

/** Declares an aggregate's commands. */
export const aggregate = <S, C extends DomainCommand, E extends DomainEvent, V, Specs extends Record<string, AnyCommandSpec<S, C>>>(
  spec: AggregateSpec<S, C, E, V, Specs>,
): AggregateSpec<S, C, E, V, Specs> => spec;

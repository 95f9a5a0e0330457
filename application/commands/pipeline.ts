/**
 * The one command pipeline: validate → load (kept states as cache) → authorize → prepare → decide →
 * append → view, for every command of every aggregate declared in the registry. `commandId`
 * (idempotency), `expectedRevision` and conflict retries are the command handler's, in one place.
 */
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { yerevanDate } from '../../domain/kernel/time';
import type { DomainCommand } from '../../domain/kernel/decider';
import type { CommandContext } from '../command-handler';
import { ConcurrencyConflict, ValidationFailed } from '../errors';
import type { AggregateSpec, AnyCommandSpec, CommandCall, CommandEnv } from './declare';
import type { InputClass } from './fields';
import { validateInput } from './validate';

export interface CommandResult<V> {
  /** The aggregate's id. */
  readonly id: string;
  /** Its stream's revision after the command. */
  readonly revision: number;
  readonly view: V;
  /** Global position of the last event the command appended (of the first time, for a repeated commandId); null if it appended nothing. */
  readonly position: bigint | null;
  /** The commandId had been handled before: nothing was appended. */
  readonly duplicate: boolean;
}

/** An input class's fields as a plain object (nested inputs too). */
type Plain<I> = { readonly [K in keyof I]: I[K] extends object ? (I[K] extends readonly unknown[] ? I[K] : Plain<I[K]>) : I[K] };

/** The plain arguments of a command: its input's fields, and `commandId`/`expectedRevision` if given there. */
export type ArgsOf<Spec> =
  Spec extends { readonly input: InputClass<infer I> } ? Plain<I> & { readonly commandId?: string | null; readonly expectedRevision?: number | null } : never;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAggregate = AggregateSpec<any, any, any, any, Record<string, AnyCommandSpec<any, any>>>;
export type Registry = Readonly<Record<string, AnyAggregate>>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

type CommandsOf<A> =
  A extends AggregateSpec<infer _S, infer _C, infer _E, infer V, infer Specs> ? { [K in keyof Specs]: (args: ArgsOf<Specs[K]>, ctx: CommandContext) => Promise<CommandResult<V>> } : never;

/** A method per command name, typed by its declaration. */
export type CommandBus<R extends Registry> = UnionToIntersection<{ [A in keyof R]: CommandsOf<R[A]> }[keyof R]>;

/** The command names of a registry. */
export type CommandName<R extends Registry> = keyof CommandBus<R> & string;

/** One declared command with its aggregate, as the interfaces list them. */
export interface DeclaredCommand {
  readonly name: string;
  readonly aggregate: AnyAggregate;
  readonly spec: AnyCommandSpec<unknown, DomainCommand>;
}

export const declaredCommands = (registry: Registry): DeclaredCommand[] =>
  Object.values(registry).flatMap((aggregate) => Object.entries(aggregate.commands).map(([name, spec]) => ({ name, aggregate, spec: spec as AnyCommandSpec<unknown, DomainCommand> })));

/**
 * `commandId` and `expectedRevision` travel in the context; a caller that passes them with the
 * arguments has them checked and moved there (the context wins when both are given).
 */
export const splitCommandArgs = (args: unknown, ctx: CommandContext): { args: unknown; ctx: CommandContext } => {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return { args, ctx };
  const { commandId, expectedRevision, ...rest } = args as Record<string, unknown>;
  const fields: string[] = [];
  if (commandId !== undefined && commandId !== null && (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > 200)) fields.push('commandId');
  if (expectedRevision !== undefined && expectedRevision !== null && !(Number.isSafeInteger(expectedRevision) && (expectedRevision as number) >= 0)) fields.push('expectedRevision');
  if (fields.length) throw new ValidationFailed(`Invalid ${fields.join(' and ')}`, fields);
  return {
    args: rest,
    ctx: {
      ...ctx,
      commandId: ctx.commandId ?? ((commandId as string | null | undefined) ?? undefined),
      expectedRevision: ctx.expectedRevision ?? ((expectedRevision as number | null | undefined) ?? undefined),
    },
  };
};

/** Spans of each command and its decision (no-ops unless tracing is on: docs/api.md, OTEL_EXPORTER_OTLP_ENDPOINT). */
const tracer = trace.getTracer('hamaynk-commands');

/** Runs `work` in a span that records its error, if any. */
const inSpan = <T>(name: string, attributes: Record<string, string>, work: (span: Span) => Promise<T>): Promise<T> =>
  tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });

export const createCommandBus = <R extends Registry>(registry: R, env: CommandEnv): CommandBus<R> => {
  const { handler, clock } = env;

  const run = (aggregate: AnyAggregate, name: string, spec: AnyCommandSpec<unknown, DomainCommand>, raw: unknown, context: CommandContext): Promise<CommandResult<unknown>> =>
    inSpan(`command ${name}`, { 'hamaynk.command': name, 'hamaynk.actor.role': context.actor.role, ...(context.correlationId ? { 'hamaynk.correlation_id': context.correlationId } : {}) }, async (span) => {
      const result = await runCommand(aggregate, name, spec, raw, context);
      span.setAttributes({ 'hamaynk.stream_id': `${aggregate.decider.name}-${result.id}`, 'hamaynk.revision': result.revision, 'hamaynk.duplicate': result.duplicate, ...(result.position !== null ? { 'hamaynk.position': result.position.toString() } : {}) });
      return result;
    });

  const runCommand = async (aggregate: AnyAggregate, name: string, spec: AnyCommandSpec<unknown, DomainCommand>, raw: unknown, context: CommandContext): Promise<CommandResult<unknown>> => {
    const { args, ctx } = splitCommandArgs(raw, context);
    const input = validateInput(spec.input, args) as object;
    const id = spec.target === 'new' ? handler.newAggregateId(ctx.commandId) : spec.target(input, ctx.actor);
    const { decider } = aggregate;
    const result = await handler.handle(
      decider,
      `${decider.name}-${id}`,
      (state, revision) => inSpan('decide', { 'hamaynk.command': name, 'hamaynk.loaded_revision': String(revision) }, async () => {
        const clockNow = clock.now();
        const now = ctx.occurredAt ?? spec.occurredAt?.(input, yerevanDate(clockNow)) ?? clockNow.toISOString();
        const call: CommandCall = { actor: ctx.actor, id, today: yerevanDate(now), now, commandId: ctx.commandId, correlationId: ctx.correlationId };
        const verdict = spec.policy(ctx.actor, state, input);
        if (!verdict.allowed) throw verdict.error;
        // A stale expectedRevision is refused before the cross-aggregate step, which may append to another stream (an act's number).
        if (spec.prepare && ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision) {
          throw new ConcurrencyConflict(`${decider.name}-${id}`, String(ctx.expectedRevision), revision < 0 ? 'no-stream' : String(revision));
        }
        const prepared = spec.prepare ? await spec.prepare(input, state, env, call) : undefined;
        return {
          command: spec.command(input, state, prepared, call),
          occurredAt: now,
          actor: {
            ...ctx.actor,
            ...(verdict.onBehalfOf !== undefined ? { onBehalfOf: verdict.onBehalfOf } : {}),
            ...(verdict.channel !== undefined ? { channel: verdict.channel } : {}),
          },
        };
      }),
      ctx,
      { newStream: spec.target === 'new', fingerprint: { type: name, data: JSON.parse(JSON.stringify(input)) as unknown } },
    );
    const view = aggregate.view(result.state, yerevanDate(clock.now()));
    if (view === null) throw aggregate.notFound(id);
    return { id, revision: result.revision, view, position: result.lastPosition, duplicate: result.duplicate };
  };

  const bus: Record<string, (args: unknown, ctx: CommandContext) => Promise<CommandResult<unknown>>> = {};
  for (const { name, aggregate, spec } of declaredCommands(registry)) {
    if (name in bus) throw new Error(`Command ${name} is declared twice`);
    bus[name] = (args, ctx) => run(aggregate, name, spec, args, ctx);
  }
  return bus as unknown as CommandBus<R>;
};

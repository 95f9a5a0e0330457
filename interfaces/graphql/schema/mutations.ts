/**
 * Mutation resolvers: a field per declared command, each running the command through the one
 * pipeline with the caller's actor, the client's commandId and expectedRevision, answering with the
 * aggregate's view.
 */
import { ValidationFailed } from '../../../application/errors';
import type { CommandContext } from '../../../application/command-handler';
import { declaredCommands } from '../../../application/commands/pipeline';
import { commandRegistry, type Commands } from '../../../application/commands/registry';
import { requireActor } from '../context';
import { noteAppended } from '../reads-follow-writes';
import type { RequestContext } from '../../http/server';

interface MutationResult {
  readonly id: string;
  readonly revision: number;
  readonly view: object | null;
  /** Global position of the last event the command appended (a repeat: of the first time); null: none. */
  readonly position?: bigint | null;
}

type CommandMethod = (args: Record<string, unknown>, ctx: CommandContext) => Promise<MutationResult>;

/** GraphQL passes explicit nulls for optional arguments; the commands expect them absent. */
const withoutNulls = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'object' && !Array.isArray(v) ? withoutNulls(v as Record<string, unknown>) : v]),
  );

type Resolver = (root: unknown, args: Record<string, unknown>, ctx: RequestContext) => Promise<object>;

const resolverOf =
  (target: object, method: CommandMethod): Resolver =>
  async (_root, rawArgs, ctx) => {
    const actor = requireActor(ctx.caller);
    const { commandId, expectedRevision, ...args } = rawArgs as { commandId?: string | null; expectedRevision?: number | null };
    if (expectedRevision !== null && expectedRevision !== undefined && expectedRevision < 0) {
      throw new ValidationFailed('expectedRevision must be 0 or more', ['expectedRevision']);
    }
    const result = await method.call(target, withoutNulls(args), {
      actor,
      commandId: commandId ?? undefined,
      expectedRevision: expectedRevision ?? undefined,
      correlationId: ctx.reply?.request.id,
    });
    noteAppended(ctx, result.position);
    return { ...result.view, id: result.id, revision: result.revision };
  };

export const mutationResolvers = (commands: Commands) => {
  const resolvers: Record<string, Resolver> = {};
  const bus = commands as unknown as Record<string, CommandMethod>;
  for (const { name, spec } of declaredCommands(commandRegistry)) {
    if (spec.public !== false) resolvers[name] = resolverOf(bus, bus[name]);
  }
  return resolvers;
};

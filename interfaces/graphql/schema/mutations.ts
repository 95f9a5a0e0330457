/**
 * Mutation resolvers: every mutation goes through its service (validate → authorize → decide → append)
 * with the caller's actor, the client's commandId and expectedRevision, and returns the aggregate view.
 */
import { ValidationFailed } from '../../../application/errors';
import type { CommandContext } from '../../../application/command-handler';
import { requireActor } from '../context';
import { noteAppended } from '../reads-follow-writes';
import type { RequestContext } from '../../http/server';
import { MUTATIONS } from './mutations.graphql';

interface MutationResult {
  readonly id: string;
  readonly revision: number;
  readonly view: object | null;
  /** Global position of the last event the command appended (a repeat: of the first time); null: none. */
  readonly position?: bigint | null;
}

type ServiceMethod = (args: Record<string, unknown>, ctx: CommandContext) => Promise<MutationResult>;

export type MutationServices = Record<keyof typeof MUTATIONS, object>;

/** GraphQL passes explicit nulls for optional arguments; the services expect them absent. */
const withoutNulls = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'object' && !Array.isArray(v) ? withoutNulls(v as Record<string, unknown>) : v]),
  );

export const mutationResolvers = (services: MutationServices) => {
  const resolvers: Record<string, (root: unknown, args: Record<string, unknown>, ctx: RequestContext) => Promise<object>> = {};
  for (const [aggregate, names] of Object.entries(MUTATIONS) as Array<[keyof typeof MUTATIONS, readonly string[]]>) {
    const service = services[aggregate] as Record<string, ServiceMethod>;
    for (const name of names) {
      const method = service[name];
      if (typeof method !== 'function') throw new Error(`The ${aggregate} service has no ${name}`);
      resolvers[name] = async (_root, rawArgs, ctx) => {
        const actor = requireActor(ctx.caller);
        const { commandId, expectedRevision, ...args } = rawArgs as { commandId?: string | null; expectedRevision?: number | null };
        if (expectedRevision !== null && expectedRevision !== undefined && expectedRevision < 0) {
          throw new ValidationFailed('expectedRevision must be 0 or more', ['expectedRevision']);
        }
        const result = await method.call(service, withoutNulls(args), {
          actor,
          commandId: commandId ?? undefined,
          expectedRevision: expectedRevision ?? undefined,
          correlationId: ctx.reply?.request.id,
        });
        noteAppended(ctx, result.position);
        return { ...result.view, id: result.id, revision: result.revision };
      };
    }
  }
  return resolvers;
};

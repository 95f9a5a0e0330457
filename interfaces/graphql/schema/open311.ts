/**
 * `registerOpen311Client(name!)`: the ministry registers an application that files complaints through
 * the Open311 endpoint (docs/open311.md). The key is made here and shown once; the command, run through
 * the one pipeline, records only its hash.
 */
import type { Commands } from '../../../application/commands/registry';
import { newOpen311Key } from '../../../application/open311/keys';
import { requireActor } from '../context';
import { noteAppended } from '../reads-follow-writes';
import type { GraphqlModule, RequestContext } from '../../http/server';

const open311TypeDefs = /* GraphQL */ `
  "An application registered to use the Open311 GeoReport v2 endpoint at /open311/v2/, with its API key (shown only now)."
  type Open311Client {
    "The client id (the API key's part before the dot)."
    id: ID!
    name: String!
    "Business time of the registration."
    registeredAt: String!
    "The api_key the application sends with each POST requests.json|xml. Only its hash is kept: it cannot be shown again."
    apiKey: String!
  }

  extend type Mutation {
    "Registers an Open311 client (ministry only) and answers with its API key, once: a repeated commandId is refused, since the key cannot be shown again."
    registerOpen311Client(name: String!, commandId: ID): Open311Client!
  }
`;

export const open311Module = (commands: Pick<Commands, 'registerOpen311Client'>): GraphqlModule => ({
  typeDefs: open311TypeDefs,
  resolvers: {
    Mutation: {
      registerOpen311Client: async (_: unknown, a: { name: string; commandId?: string | null }, ctx: RequestContext) => {
        const actor = requireActor(ctx.caller);
        const key = newOpen311Key();
        // A repeated commandId carries another key's hash, so the handler refuses it (COMMAND_ID_REUSED) rather than answer a key that was never recorded.
        const result = await commands.registerOpen311Client(
          { clientId: key.clientId, name: a.name, keyHash: key.keyHash },
          { actor, commandId: a.commandId ?? undefined, correlationId: ctx.reply?.request.id },
        );
        noteAppended(ctx, result.position);
        return { ...result.view, apiKey: key.apiKey };
      },
    },
  } as never,
});

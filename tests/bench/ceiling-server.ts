/**
 * `node dist/tests/bench/ceiling-server.js [serve's options]`: `hamaynk serve` exactly as the product runs
 * it, with one more GraphQL mutation that exists only here, the ceiling of the mutation path:
 * `benchAppend` appends one event to a new stream (`synchronous=FULL`, through the same event store and
 * its writer thread) for a signed-in caller and does nothing else — no input to validate, no stream to
 * load, no decision, no command id recorded. What a real mutation costs beyond it is the application's.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../application/ports/event-store';
import { requireActor } from '../../interfaces/graphql/context';
import type { GraphqlModule, RequestContext } from '../../interfaces/http/server';
import type { Hamaynk } from '../../interfaces/composition';
import { serve } from '../../interfaces/cli/main';

export const BENCH_APPEND = 'benchAppend';

const ceilingModule = ({ eventStore }: Hamaynk): GraphqlModule => ({
  typeDefs: /* GraphQL */ `
    extend type Mutation {
      "Benchmarks only: appends one event to a new stream; answers its global position."
      ${BENCH_APPEND}: String!
    }
  `,
  resolvers: {
    Mutation: {
      [BENCH_APPEND]: async (_root: unknown, _args: unknown, ctx: RequestContext) => {
        // Stored as the command handler stores it: a token's absent claims are left out, not undefined.
        const actor = JSON.parse(JSON.stringify(requireActor(ctx.caller))) as Actor;
        const id = randomUUID();
        const now = new Date().toISOString();
        const { lastPosition } = await eventStore.append(
          `bench-${id}`,
          [{ type: 'BenchEventAppended', data: { id }, metadata: { eventId: id, commandId: id, correlationId: id, causationId: id, actor, occurredAt: now, recordedAt: now, schemaVersion: 1 } }],
          { expectedRevision: 'no-stream' },
        );
        return lastPosition.toString();
      },
    },
  } as never,
});

if (require.main === module) {
  serve(process.argv.slice(2), (hamaynk) => [ceilingModule(hamaynk)]).catch((error: unknown) => {
    process.stderr.write(`ceiling server: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exit(1);
  });
}

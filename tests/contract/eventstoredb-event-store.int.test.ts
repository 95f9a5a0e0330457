/**
 * The event store contract against a real EventStoreDB: from EVENTSTORE_URL, or a container when a
 * Docker engine answers (found once by tests/support/global-setup.ts). Without either, the contract is
 * not registered and this file prints the reason; the checks that need no server still run.
 */
import { connectEventStoreDb } from '../../infrastructure/eventstoredb/eventstoredb-event-store';
import { eventStoreContract } from './event-store.contract';

const url = process.env.HAMAYNK_TEST_EVENTSTORE_URL;
const skipped = process.env.HAMAYNK_TEST_EVENTSTORE_SKIP ?? 'EventStoreDB: skipped — no server was found for this run';

if (url) {
  eventStoreContract(
    'EventStoreDB',
    async () => ({ store: await connectEventStoreDb(url), gapFreePositions: false }),
    async (f) => f.store.close(),
  );
} else {
  describe('EventStoreDB contract (no server here)', () => {
    beforeAll(() => console.log(skipped));
    it('reports why it skipped, and the adapter refuses an unreachable server with one clear line', async () => {
      expect(skipped).toMatch(/^EventStoreDB: skipped — /);
      const error = await connectEventStoreDb('esdb://127.0.0.1:1?tls=false').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    });
  });
}

/**
 * The event store contract against a real EventStoreDB: from EVENTSTORE_URL, or a container when a
 * Docker engine answers (found once by tests/support/global-setup.ts). Without either, the contract's
 * tests are registered as skipped (and counted so); the check that needs no server still runs.
 */
import { connectEventStoreDb } from '../../infrastructure/eventstoredb/eventstoredb-event-store';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { eventStoreContract } from './event-store.contract';

describe('connectEventStoreDb', () => {
  it('refuses an unreachable server with one clear line', async () => {
    const error = await connectEventStoreDb('esdb://127.0.0.1:1?tls=false').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});

describeWhenAvailable('on an EventStoreDB server', serverForThisRun('EVENTSTORE'), (eventStoreUrl) => {
  eventStoreContract(
    'EventStoreDB',
    async () => ({ store: await connectEventStoreDb(eventStoreUrl()), gapFreePositions: false }),
    async (f) => f.store.close(),
  );
});

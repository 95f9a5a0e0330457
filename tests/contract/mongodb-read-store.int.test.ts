/**
 * The read store's contracts (queries' part, projections' part, leases) on MongoDB. tests/support/global-setup.ts finds the server once per jest run
 * (MONGODB_URL, else a throw-away container when a Docker engine answers) and publishes it as
 * HAMAYNK_TEST_MONGODB_URL, or the reason there is none as HAMAYNK_TEST_MONGODB_SKIP. Without a server the
 * contract's tests are registered as skipped (and counted so); the checks that need no server still run.
 * Each test gets a fresh database.
 */
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { uniqueId } from '../support/events';
import { projectionLeasesContract } from './projection-leases.contract';
import { projectionStoreContract } from './projection-store.contract';
import { readModelReaderContract } from './read-model-reader.contract';
import type { ReadStoreFixture } from './read-store.support';

interface MongoFixture extends ReadStoreFixture {
  store: MongoReadStore;
}

describe('connectMongoReadStore', () => {
  it('fails within a few seconds, with one clear message and no credentials, when the server is unreachable', async () => {
    const started = Date.now();
    const error = await connectMongoReadStore('mongodb://reader:s3cret@127.0.0.1:9/hamaynk', undefined, { connectTimeoutMs: 1000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot reach MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:9\/hamaynk \(gave up after 1000 ms\)/);
    expect(message).not.toContain('s3cret');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a malformed connection string with a clear message', async () => {
    await expect(connectMongoReadStore('postgres://nope')).rejects.toThrow(/^Invalid MongoDB connection string postgres:\/\/nope/);
  });
});

describeWhenAvailable('on a MongoDB server', serverForThisRun('MONGODB'), (mongoUrl) => {
  const setup = async (): Promise<MongoFixture> => ({
    store: await connectMongoReadStore(mongoUrl(), `hamaynk_rs_${uniqueId()}`, { connectTimeoutMs: 10_000 }),
    replayIsNoOp: true,
  });
  const teardown = async (f: MongoFixture): Promise<void> => {
    await f.store.db.dropDatabase();
    await f.store.close();
  };
  readModelReaderContract<MongoFixture>('MongoDB', setup, teardown);
  projectionStoreContract<MongoFixture>('MongoDB', setup, teardown);
  projectionLeasesContract('MongoDB', async () => {
    const dbName = `hamaynk_rs_${uniqueId()}`;
    const one = await connectMongoReadStore(mongoUrl(), dbName, { connectTimeoutMs: 10_000 });
    const two = await connectMongoReadStore(mongoUrl(), dbName, { connectTimeoutMs: 10_000 });
    return {
      workers: [one, two],
      // Leases run on the server's clock: time passes for real, with margins of a sixth of a lease and more.
      ttlMs: 1200,
      advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      close: async () => {
        await one.db.dropDatabase();
        await Promise.all([one.close(), two.close()]);
      },
    };
  });
});

/**
 * The ReadStore contract on MongoDB. tests/support/global-setup.ts finds the server once per jest run
 * (MONGODB_URL, else a throw-away container when a Docker engine answers) and publishes it as
 * HAMAYNK_TEST_MONGODB_URL, or the reason there is none as HAMAYNK_TEST_MONGODB_SKIP. Without a server the
 * contract's tests are registered as skipped (and counted so); the checks that need no server still run.
 * Each test gets a fresh database.
 */
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { uniqueId } from '../support/events';
import { readStoreContract, type ReadStoreFixture } from './read-store.contract';

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
  readStoreContract<MongoFixture>(
    'MongoDB',
    async () => ({ store: await connectMongoReadStore(mongoUrl(), `hamaynk_rs_${uniqueId()}`, { connectTimeoutMs: 10_000 }), replayIsNoOp: true }),
    async (f) => {
      await f.store.db.dropDatabase();
      await f.store.close();
    },
  );
});

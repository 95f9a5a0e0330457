/**
 * The reads-follow-writes ports on MongoDB (the read store's database: its checkpoints, and the
 * caller_positions collection), where a server exists; otherwise its tests are registered as skipped (the
 * reason is printed once per run by tests/support/global-setup.ts).
 */
import { MongoCallerPositions, MongoReadModelProgress } from '../../infrastructure/mongodb/mongo-read-model-progress';
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { uniqueId } from '../support/events';
import { readsFollowWritesContract, type ReadsFollowWritesFixture } from './reads-follow-writes.contract';

interface MongoFixture extends ReadsFollowWritesFixture {
  readonly writer: MongoReadStore;
  readonly api: MongoReadStore;
  readonly otherApi: MongoReadStore;
}

describeWhenAvailable('on a MongoDB server', serverForThisRun('MONGODB'), (mongoUrl) => {
  readsFollowWritesContract<MongoFixture>(
    'MongoDB',
    async () => {
      const db = `hamaynk_rfw_${uniqueId()}`;
      // Three clients, as a projector and two API processes would have.
      const writer = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      const api = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      const otherApi = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      return { writer, api, otherApi, progress: new MongoReadModelProgress(api.db), callers: new MongoCallerPositions(api.db), otherCallers: new MongoCallerPositions(otherApi.db) };
    },
    async (f) => {
      await f.progress.close();
      await f.callers.close();
      await f.otherCallers.close();
      await f.writer.db.dropDatabase();
      await Promise.all([f.writer.close(), f.api.close(), f.otherApi.close()]);
    },
  );
});

/**
 * The reads-follow-writes ports on MongoDB (the read store's database: its checkpoints, and the
 * caller_positions collection), where a server exists; otherwise one test prints why it was skipped.
 */
import { MongoCallerPositions, MongoReadModelProgress } from '../../infrastructure/mongodb/mongo-read-model-progress';
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { uniqueId } from '../support/events';
import { readsFollowWritesContract, type ReadsFollowWritesFixture } from './reads-follow-writes.contract';

const url = process.env.HAMAYNK_TEST_MONGODB_URL?.trim() || process.env.MONGODB_URL?.trim();

interface MongoFixture extends ReadsFollowWritesFixture {
  readonly writer: MongoReadStore;
  readonly api: MongoReadStore;
  readonly otherApi: MongoReadStore;
}

if (url) {
  readsFollowWritesContract<MongoFixture>(
    'MongoDB',
    async () => {
      const db = `hamaynk_rfw_${uniqueId()}`;
      // Three clients, as a projector and two API processes would have.
      const writer = await connectMongoReadStore(url, db, { connectTimeoutMs: 10_000 });
      const api = await connectMongoReadStore(url, db, { connectTimeoutMs: 10_000 });
      const otherApi = await connectMongoReadStore(url, db, { connectTimeoutMs: 10_000 });
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
} else {
  describe('reads-follow-writes ports: MongoDB', () => {
    it('is skipped: no MongoDB server (the reason is printed)', () => {
      const skip = process.env.HAMAYNK_TEST_MONGODB_SKIP?.trim() || 'MongoDB: skipped — MONGODB_URL is not set and tests/support/global-setup.ts did not look for a server';
      console.log(skip);
      expect(skip).toMatch(/^MongoDB: skipped — .+/);
    });
  });
}

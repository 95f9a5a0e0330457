/**
 * The session store on MongoDB (the read store's database, collection `sessions`), where a server exists;
 * otherwise its tests are registered as skipped (the reason is printed once per run by
 * tests/support/global-setup.ts).
 */
import { MongoSessionStore } from '../../infrastructure/mongodb/mongo-session-store';
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { uniqueId } from '../support/events';
import { sessionStoreContract, type SessionStoreFixture } from './session-store.contract';

interface MongoFixture extends SessionStoreFixture {
  readonly api: MongoReadStore;
  readonly otherApi: MongoReadStore;
}

describeWhenAvailable('on a MongoDB server', serverForThisRun('MONGODB'), (mongoUrl) => {
  sessionStoreContract<MongoFixture>(
    'MongoDB',
    async () => {
      const db = `hamaynk_sessions_${uniqueId()}`;
      const api = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      const otherApi = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      return { api, otherApi, store: await new MongoSessionStore(api.db).init(), other: new MongoSessionStore(otherApi.db) };
    },
    async (f) => {
      await f.api.db.dropDatabase();
      await Promise.all([f.api.close(), f.otherApi.close()]);
    },
  );
});

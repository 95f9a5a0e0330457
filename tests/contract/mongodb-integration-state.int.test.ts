/**
 * The integration state on MongoDB (the read store's database: `webhook_deliveries`, `event_consumers`),
 * where a server exists; otherwise its tests are registered as skipped (the reason is printed once per run
 * by tests/support/global-setup.ts).
 */
import { MongoIntegrationState } from '../../infrastructure/mongodb/mongo-integration-state';
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { uniqueId } from '../support/events';
import { integrationStateContract, type IntegrationStateFixture } from './integration-state.contract';

interface MongoFixture extends IntegrationStateFixture {
  readonly api: MongoReadStore;
  readonly otherApi: MongoReadStore;
}

describeWhenAvailable('on a MongoDB server', serverForThisRun('MONGODB'), (mongoUrl) => {
  integrationStateContract<MongoFixture>(
    'MongoDB',
    async () => {
      const db = `hamaynk_integrations_${uniqueId()}`;
      const api = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      const otherApi = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      return { api, otherApi, store: new MongoIntegrationState(api.db), other: new MongoIntegrationState(otherApi.db) };
    },
    async (f) => {
      await f.api.db.dropDatabase();
      await Promise.all([f.api.close(), f.otherApi.close()]);
    },
  );
});

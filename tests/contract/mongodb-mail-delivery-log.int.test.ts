/**
 * The mail delivery log on MongoDB (the read store's database), where a server exists; otherwise its tests
 * are registered as skipped (the reason is printed once per run by tests/support/global-setup.ts).
 */
import { MongoMailDeliveryLog } from '../../infrastructure/mongodb/mongo-mail-delivery-log';
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { uniqueId } from '../support/events';
import { mailDeliveryLogContract, type MailDeliveryLogFixture } from './mail-delivery-log.contract';

interface MongoFixture extends MailDeliveryLogFixture {
  readonly stores: MongoReadStore[];
}

describeWhenAvailable('on a MongoDB server', serverForThisRun('MONGODB'), (mongoUrl) => {
  mailDeliveryLogContract<MongoFixture>(
    'MongoDB',
    async () => {
      const db = `hamaynk_mail_${uniqueId()}`;
      const store = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      const stores = [store];
      return {
        stores,
        log: await new MongoMailDeliveryLog(store.db).init(),
        reopen: async () => {
          const other = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
          stores.push(other);
          return new MongoMailDeliveryLog(other.db).init();
        },
      };
    },
    async (f) => {
      await f.stores[0].db.dropDatabase();
      await Promise.all(f.stores.map((s) => s.close()));
    },
  );
});

/**
 * The file store on MongoDB GridFS (bucket `files` of the read store's database), where a server exists;
 * otherwise its tests are registered as skipped (the reason is printed once per run by
 * tests/support/global-setup.ts).
 */
import { GridFsFileStore } from '../../infrastructure/files/gridfs-file-store';
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { uniqueId } from '../support/events';
import { fileStoreContract, type FileStoreFixture } from './file-store.contract';

interface MongoFixture extends FileStoreFixture {
  readonly api: MongoReadStore;
  readonly otherApi: MongoReadStore;
}

describeWhenAvailable('on a MongoDB server', serverForThisRun('MONGODB'), (mongoUrl) => {
  fileStoreContract<MongoFixture>(
    'MongoDB GridFS',
    async () => {
      const db = `hamaynk_files_${uniqueId()}`;
      const api = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      const otherApi = await connectMongoReadStore(mongoUrl(), db, { connectTimeoutMs: 10_000 });
      return { api, otherApi, store: new GridFsFileStore(api.db), other: new GridFsFileStore(otherApi.db) };
    },
    async (f) => {
      await f.api.db.dropDatabase();
      await Promise.all([f.api.close(), f.otherApi.close()]);
    },
  );
});

/**
 * The AuditStore contract on MongoDB (the tree every API process of a multi-machine deployment serves).
 * tests/support/global-setup.ts finds the server once per jest run (MONGODB_URL, else a throw-away
 * container when a Docker engine answers) and publishes it as HAMAYNK_TEST_MONGODB_URL, or the reason
 * there is none as HAMAYNK_TEST_MONGODB_SKIP. Without a server the same tests are registered as skipped
 * and the reason is printed once. Each test gets a fresh database.
 */
import { createHash } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MerkleFrontier, type MerkleNode } from '../../application/audit/merkle';
import type { AuditLeaf } from '../../application/audit/audit-store';
import { AuditTreeMismatch, connectMongoAuditStore, MongoAuditStore } from '../../infrastructure/mongodb/mongo-audit-store';
import { uniqueId } from '../support/events';
import { auditStoreContract, type AuditStoreFixture } from './audit-store.contract';

const mongoUrl = (): { url: string } | { skip: string } => {
  const url = process.env.HAMAYNK_TEST_MONGODB_URL?.trim() || process.env.MONGODB_URL?.trim();
  if (url) return { url };
  return {
    skip: process.env.HAMAYNK_TEST_MONGODB_SKIP?.trim() || 'MongoDB: skipped — MONGODB_URL is not set and tests/support/global-setup.ts did not look for a server',
  };
};

const mongo = mongoUrl();
const url = 'url' in mongo ? mongo.url : '';

interface MongoFixture extends AuditStoreFixture {
  client: MongoClient;
  dbName: string;
}

describe('connectMongoAuditStore', () => {
  it('fails within a few seconds, with one clear message and no credentials, when the server is unreachable', async () => {
    const started = Date.now();
    const error = await connectMongoAuditStore('mongodb://auditor:s3cret@127.0.0.1:9/hamaynk', undefined, { connectTimeoutMs: 1000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Cannot reach MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:9\/hamaynk \(gave up after 1000 ms\)/);
    expect((error as Error).message).not.toContain('s3cret');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

auditStoreContract<MongoFixture>(
  'MongoDB',
  async () => {
    const client = await new MongoClient(url).connect();
    const dbName = `hamaynk_audit_${uniqueId()}`;
    return { client, dbName, connect: async () => new MongoAuditStore(client.db(dbName)).init() };
  },
  async (f) => {
    await f.client.db(f.dbName).dropDatabase();
    await f.client.close();
  },
  { skip: 'skip' in mongo },
);

(('skip' in mongo) ? describe.skip : describe)('MongoAuditStore after a writer crashed between its leaves and the size', () => {
  let client: MongoClient;
  let store: MongoAuditStore;
  const dbName = `hamaynk_audit_${uniqueId()}`;
  const hash = (i: number, salt = '') => createHash('sha256').update(`leaf ${i}${salt}`).digest();
  const build = (salt = ''): { leaves: AuditLeaf[]; nodes: MerkleNode[] } => {
    const frontier = new MerkleFrontier();
    const nodes: MerkleNode[] = [];
    const leaves = Array.from({ length: 4 }, (_, i) => {
      frontier.append(hash(i, salt), nodes);
      return { index: i, position: BigInt(i + 1), hash: hash(i, salt) };
    });
    return { leaves, nodes };
  };
  beforeAll(async () => {
    client = await new MongoClient(url).connect();
  });
  beforeEach(async () => {
    await client.db(dbName).dropDatabase();
    store = await new MongoAuditStore(client.db(dbName)).init();
    // What a writer that stopped after its leaves, before moving the size, leaves behind.
    const { leaves } = build();
    await client
      .db(dbName)
      .collection('audit_leaves')
      .insertMany(leaves.map((l) => ({ _id: l.index as unknown as never, position: l.position.toString().padStart(20, '0'), hash: l.hash })));
  });
  afterAll(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  it('hides the leaves beyond the size from readers', async () => {
    expect(await store.treeSize()).toBe(0);
    expect(await store.leafAt(0)).toBeNull();
    expect(await store.leafByPosition(1n)).toBeNull();
  });

  it('takes the same leaves again from the log', async () => {
    const { leaves, nodes } = build();
    await store.appendBatch(0, leaves, nodes);
    expect(await store.treeSize()).toBe(4);
    expect((await store.leafAt(3))?.hash.equals(hash(3))).toBe(true);
  });

  it('refuses different leaves in their place, leaving the size alone', async () => {
    const { leaves, nodes } = build('of another log');
    await expect(store.appendBatch(0, leaves, nodes)).rejects.toBeInstanceOf(AuditTreeMismatch);
    expect(await store.treeSize()).toBe(0);
  });
});

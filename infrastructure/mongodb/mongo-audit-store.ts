/**
 * The audit tree in MongoDB, for the deployment where several API processes serve proofs: one process
 * (the signer) appends and signs, every process reads the same tree. Same port as the embedded
 * infrastructure/audit/sqlite-audit-store.ts, same contract suite (tests/contract/audit-store.contract.ts).
 *
 * Layout (the read models' database):
 * - `audit_leaves` `{_id: index, position, hash}`: every leaf hash by 0-based index, with the event's
 *   global position as a 20-digit zero-padded decimal string (unique; EventStoreDB positions exceed 2^53);
 * - `audit_nodes` `{_id: "<level>/<index>", hash}`: the hash of every complete subtree of 2^level leaves
 *   (level ≥ 1), so a root or proof reads O(log n) documents in one query;
 * - `audit_tree` `{_id: "size", size}`: how many leaves the tree has — what readers trust;
 * - `audit_heads` `{_id: tree size, root, checkpoint, verifierKey, signedAt}`: the signed tree heads;
 * - `audit_meta` `{_id: key, value}`: the log's origin, the signer's verifier key.
 *
 * Atomicity without transactions: appendBatch first inserts the new leaves and subtrees (insert-if-absent),
 * then moves the size from `expectedSize` to its new value with one conditional update. A reader never
 * sees a size whose leaves or subtrees are missing, and two writers cannot both advance from one size
 * (the loser gets AuditStoreConflict). Leaves are derived from the append-only log, so what a crashed or
 * losing writer left beyond the size is what the next writer would write; appendBatch checks it is.
 */
import { Binary, MongoBulkWriteError, MongoClient, MongoServerError, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import { AuditStoreConflict, type AuditLeaf, type AuditStore, type StoredTreeHead } from '../../application/audit/audit-store';
import type { MerkleNode, NodeRef } from '../../application/audit/merkle';
import { redactMongoUrl } from './mongo-read-store';

interface LeafDoc {
  _id: number;
  position: string;
  hash: Binary;
}

interface NodeDoc {
  _id: string;
  hash: Binary;
}

interface TreeDoc {
  _id: 'size';
  size: number;
}

interface HeadDoc {
  _id: number;
  root: Binary;
  checkpoint: string;
  verifierKey: string;
  signedAt: string;
}

interface MetaDoc {
  _id: string;
  value: string;
}

/** The audit store found a stored leaf or subtree that differs from the one derived from the log. */
export class AuditTreeMismatch extends Error {
  readonly code = 'AUDIT_TREE_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'AuditTreeMismatch';
  }
}

const DUPLICATE_KEY = 11000;
const POSITION_DIGITS = 20;
const MAX_POSITION = 10n ** BigInt(POSITION_DIGITS) - 1n;

const encodePosition = (position: bigint): string => {
  if (position < 0n || position > MAX_POSITION) throw new RangeError(`position ${position} does not fit the audit store`);
  return position.toString().padStart(POSITION_DIGITS, '0');
};
const bytes = (b: Binary): Buffer => Buffer.from(b.buffer.buffer, b.buffer.byteOffset, b.position);
const binary = (b: Uint8Array): Binary => new Binary(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const nodeId = (level: number, index: number): string => `${level}/${index}`;
const isDuplicateKey = (e: unknown): boolean => {
  if (e instanceof MongoBulkWriteError) {
    const errors = ([] as Array<{ code: number }>).concat(e.writeErrors);
    return errors.length > 0 && errors.every((w) => w.code === DUPLICATE_KEY);
  }
  return e instanceof MongoServerError && e.code === DUPLICATE_KEY;
};

const toLeaf = (d: LeafDoc): AuditLeaf => ({ index: d._id, position: BigInt(d.position), hash: bytes(d.hash) });
const toHead = (d: HeadDoc): StoredTreeHead => ({ treeSize: d._id, rootHash: bytes(d.root), checkpoint: d.checkpoint, verifierKey: d.verifierKey, signedAt: d.signedAt });

export interface MongoAuditStoreOptions {
  /** Called by close(): closes the client when the store owns it (connectMongoAuditStore); a store on a borrowed `Db` leaves it open. */
  readonly onClose?: () => Promise<void>;
}

export class MongoAuditStore implements AuditStore {
  readonly readOnly = false;
  private readonly leaves: Collection<LeafDoc>;
  private readonly nodeDocs: Collection<NodeDoc>;
  private readonly tree: Collection<TreeDoc>;
  private readonly headDocs: Collection<HeadDoc>;
  private readonly metaDocs: Collection<MetaDoc>;
  private closed = false;

  /** Call init() before use (connectMongoAuditStore does). */
  constructor(
    readonly db: Db,
    private readonly options: MongoAuditStoreOptions = {},
  ) {
    this.leaves = db.collection<LeafDoc>('audit_leaves');
    this.nodeDocs = db.collection<NodeDoc>('audit_nodes');
    this.tree = db.collection<TreeDoc>('audit_tree');
    // Signed heads are handed to auditors: acknowledged only once a majority has them on disk.
    this.headDocs = db.collection<HeadDoc>('audit_heads', { writeConcern: { w: 'majority', journal: true } });
    this.metaDocs = db.collection<MetaDoc>('audit_meta');
  }

  /** The position index. Idempotent. */
  async init(): Promise<this> {
    await this.leaves.createIndex({ position: 1 }, { name: 'by_position', unique: true });
    return this;
  }

  private open(): void {
    if (this.closed) throw new Error('The audit store is closed');
  }

  async meta(key: string): Promise<string | null> {
    this.open();
    return (await this.metaDocs.findOne({ _id: key }))?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.open();
    await this.metaDocs.updateOne({ _id: key }, { $set: { value } }, { upsert: true });
  }

  async treeSize(): Promise<number> {
    this.open();
    return (await this.tree.findOne({ _id: 'size' }))?.size ?? 0;
  }

  async lastPosition(): Promise<bigint | null> {
    const size = await this.treeSize();
    if (size === 0) return null;
    const leaf = await this.leaves.findOne({ _id: size - 1 });
    return leaf ? BigInt(leaf.position) : null;
  }

  async appendBatch(expectedSize: number, leaves: readonly AuditLeaf[], nodes: readonly MerkleNode[]): Promise<void> {
    this.open();
    const actual = await this.treeSize();
    if (actual !== expectedSize) throw new AuditStoreConflict(expectedSize, actual);
    if (leaves.length === 0) return;
    leaves.forEach((leaf, i) => {
      if (leaf.index !== expectedSize + i) throw new RangeError(`leaf ${leaf.index} cannot follow ${expectedSize + i - 1}`);
    });
    const leafOps: AnyBulkWriteOperation<LeafDoc>[] = leaves.map((leaf) => ({
      updateOne: { filter: { _id: leaf.index }, update: { $setOnInsert: { position: encodePosition(leaf.position), hash: binary(leaf.hash) } }, upsert: true },
    }));
    const nodeOps: AnyBulkWriteOperation<NodeDoc>[] = nodes.map((node) => ({
      updateOne: { filter: { _id: nodeId(node.level, node.index) }, update: { $setOnInsert: { hash: binary(node.hash) } }, upsert: true },
    }));
    let leftBehind = 0;
    try {
      const written = await this.leaves.bulkWrite(leafOps, { ordered: false });
      leftBehind += written.matchedCount;
      if (nodeOps.length > 0) leftBehind += (await this.nodeDocs.bulkWrite(nodeOps, { ordered: false })).matchedCount;
    } catch (e) {
      // A leaf left behind at another index with this position: not the log this tree was built from.
      if (isDuplicateKey(e)) throw new AuditTreeMismatch(`the audit tree already holds one of these positions at another index (${(e as Error).message})`);
      throw e;
    }
    if (leftBehind > 0) await this.checkLeftBehind(leaves, nodes);
    const end = expectedSize + leaves.length;
    try {
      const moved =
        expectedSize === 0
          ? await this.tree.updateOne({ _id: 'size', size: 0 }, { $set: { size: end } }, { upsert: true })
          : await this.tree.updateOne({ _id: 'size', size: expectedSize }, { $set: { size: end } });
      if (moved.modifiedCount + moved.upsertedCount === 1) return;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    throw new AuditStoreConflict(expectedSize, await this.treeSize());
  }

  /** What an earlier writer left beyond the size must be what this batch derives from the log. */
  private async checkLeftBehind(leaves: readonly AuditLeaf[], nodes: readonly MerkleNode[]): Promise<void> {
    const storedLeaves = new Map((await this.leaves.find({ _id: { $in: leaves.map((l) => l.index) } }).toArray()).map((d) => [d._id, d]));
    for (const leaf of leaves) {
      const d = storedLeaves.get(leaf.index);
      if (!d || BigInt(d.position) !== leaf.position || !bytes(d.hash).equals(leaf.hash)) {
        throw new AuditTreeMismatch(`the audit tree holds a different leaf ${leaf.index} than the event at position ${leaf.position} gives`);
      }
    }
    const storedNodes = new Map((await this.nodeDocs.find({ _id: { $in: nodes.map((n) => nodeId(n.level, n.index)) } }).toArray()).map((d) => [d._id, d]));
    for (const node of nodes) {
      const d = storedNodes.get(nodeId(node.level, node.index));
      if (!d || !bytes(d.hash).equals(node.hash)) throw new AuditTreeMismatch(`the audit tree holds a different subtree at level ${node.level}, index ${node.index}`);
    }
  }

  async leafByPosition(position: bigint): Promise<AuditLeaf | null> {
    this.open();
    if (position < 0n || position > MAX_POSITION) return null;
    const [doc, size] = await Promise.all([this.leaves.findOne({ position: encodePosition(position) }), this.treeSize()]);
    return doc && doc._id < size ? toLeaf(doc) : null;
  }

  async leafAt(index: number): Promise<AuditLeaf | null> {
    this.open();
    const [doc, size] = await Promise.all([this.leaves.findOne({ _id: index }), this.treeSize()]);
    return doc && doc._id < size ? toLeaf(doc) : null;
  }

  async nodes(refs: readonly NodeRef[]): Promise<Buffer[]> {
    this.open();
    const leafIndices = refs.filter((r) => r.level === 0).map((r) => r.index);
    const nodeIds = refs.filter((r) => r.level > 0).map((r) => nodeId(r.level, r.index));
    const [leafDocs, nodeDocs] = await Promise.all([
      leafIndices.length > 0 ? this.leaves.find({ _id: { $in: leafIndices } }, { projection: { hash: 1 } }).toArray() : [],
      nodeIds.length > 0 ? this.nodeDocs.find({ _id: { $in: nodeIds } }).toArray() : [],
    ]);
    const found = new Map<string, Buffer>();
    for (const d of leafDocs) found.set(nodeId(0, d._id), bytes(d.hash));
    for (const d of nodeDocs) found.set(d._id, bytes(d.hash));
    return refs.map((r) => {
      const hash = found.get(nodeId(r.level, r.index));
      if (!hash) throw new Error(`The audit tree has no node at level ${r.level}, index ${r.index}`);
      return hash;
    });
  }

  async saveHead(head: StoredTreeHead): Promise<void> {
    this.open();
    try {
      await this.headDocs.insertOne({
        _id: head.treeSize,
        root: binary(head.rootHash),
        checkpoint: head.checkpoint,
        verifierKey: head.verifierKey,
        signedAt: head.signedAt,
      });
    } catch (e) {
      // That size is signed already: the first head stands (a size is never signed with two roots).
      if (!isDuplicateKey(e)) throw e;
    }
  }

  async latestHead(): Promise<StoredTreeHead | null> {
    this.open();
    const doc = await this.headDocs.find().sort({ _id: -1 }).limit(1).next();
    return doc ? toHead(doc) : null;
  }

  async headAt(treeSize: number): Promise<StoredTreeHead | null> {
    this.open();
    const doc = await this.headDocs.findOne({ _id: treeSize });
    return doc ? toHead(doc) : null;
  }

  async heads(): Promise<StoredTreeHead[]> {
    this.open();
    return (await this.headDocs.find().sort({ _id: 1 }).toArray()).map(toHead);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.options.onClose?.();
  }
}

/**
 * Connects (giving up after `connectTimeoutMs`, default 3 s, with one clear message and no credentials)
 * and returns a store that closes its client when closed. The database is `dbName`, else the one named
 * in the URL, else `hamaynk`.
 */
export async function connectMongoAuditStore(url: string, dbName?: string, options: { readonly connectTimeoutMs?: number } = {}): Promise<MongoAuditStore> {
  const timeoutMs = options.connectTimeoutMs ?? 3000;
  let client: MongoClient;
  try {
    client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs, appName: 'hamaynk-audit-store' });
  } catch (e) {
    throw new Error(`Invalid MongoDB connection string ${redactMongoUrl(url)}: ${(e as Error).message}`);
  }
  try {
    await client.connect();
    const db = client.db(dbName ?? /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url)?.[1] ?? 'hamaynk');
    return await new MongoAuditStore(db, { onClose: () => client.close() }).init();
  } catch (e) {
    await client.close().catch(() => undefined);
    throw new Error(`Cannot reach MongoDB at ${redactMongoUrl(url)} (gave up after ${timeoutMs} ms): ${(e as Error).message}`);
  }
}

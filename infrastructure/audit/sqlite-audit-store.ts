/**
 * The audit tree in `DATA_DIR/audit.sqlite` (WAL):
 *
 * - `leaves(idx, position, hash)`: every leaf hash by 0-based index, with the event's global position
 *   (the position → index map; positions have gaps on EventStoreDB);
 * - `nodes(level, idx, hash)`: the hash of every complete subtree of 2^level leaves (level ≥ 1), so a
 *   root, inclusion or consistency proof for any size up to the current one reads O(log n) rows and
 *   never rehashes the log;
 * - `heads(tree_size, root, checkpoint, verifier_key, signed_at)`: the signed tree heads;
 * - `meta(key, value)`: the log's origin and the like.
 *
 * Opened with `readonly: true` it never writes (for `audit verify` on a copy of DATA_DIR).
 */
import Database from 'better-sqlite3';
import { AuditStoreConflict, type AuditLeaf, type AuditStore, type StoredTreeHead } from '../../application/audit/audit-store';
import type { MerkleNode, NodeRef } from '../../application/audit/merkle';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS leaves (
  idx      INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  hash     BLOB    NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS leaves_by_position ON leaves (position);
CREATE TABLE IF NOT EXISTS nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS heads (
  tree_size    INTEGER PRIMARY KEY,
  root         BLOB NOT NULL,
  checkpoint   TEXT NOT NULL,
  verifier_key TEXT NOT NULL,
  signed_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

interface HeadRow {
  tree_size: number;
  root: Buffer;
  checkpoint: string;
  verifier_key: string;
  signed_at: string;
}

const toHead = (r: HeadRow): StoredTreeHead => ({
  treeSize: r.tree_size,
  rootHash: r.root,
  checkpoint: r.checkpoint,
  verifierKey: r.verifier_key,
  signedAt: r.signed_at,
});

export interface SqliteAuditStoreOptions {
  readonly readonly?: boolean;
  /**
   * `NORMAL` (default): leaves and subtrees are derived from the event log and rebuilt from it if a crash
   * loses the tail; the commit of each signed head is synced all the same.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

export class SqliteAuditStore implements AuditStore {
  readonly readOnly: boolean;
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<SqliteAuditStore['prepare']>;
  private size: number;
  private readonly synchronous: 'FULL' | 'NORMAL';

  constructor(readonly file: string, options: SqliteAuditStoreOptions = {}) {
    this.readOnly = options.readonly ?? false;
    this.synchronous = options.synchronous ?? 'NORMAL';
    if (this.readOnly) {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
    } else {
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${this.synchronous}`);
      this.db.pragma('busy_timeout = 10000');
      this.db.exec(SCHEMA);
    }
    this.stmt = this.prepare();
    this.size = this.countLeaves();
  }

  private prepare() {
    const db = this.db;
    return {
      count: db.prepare<[], { n: number | null }>('SELECT max(idx) + 1 AS n FROM leaves'),
      last: db.prepare<[], { position: bigint }>('SELECT position FROM leaves ORDER BY idx DESC LIMIT 1').safeIntegers(true),
      insertLeaf: db.prepare<[number, bigint, Buffer]>('INSERT INTO leaves (idx, position, hash) VALUES (?, ?, ?)'),
      insertNode: db.prepare<[number, number, Buffer]>('INSERT OR REPLACE INTO nodes (level, idx, hash) VALUES (?, ?, ?)'),
      leafByPosition: db.prepare<[bigint], { idx: bigint; position: bigint; hash: Buffer }>('SELECT idx, position, hash FROM leaves WHERE position = ?').safeIntegers(true),
      leafAt: db.prepare<[number], { idx: bigint; position: bigint; hash: Buffer }>('SELECT idx, position, hash FROM leaves WHERE idx = ?').safeIntegers(true),
      leafHash: db.prepare<[number], Buffer>('SELECT hash FROM leaves WHERE idx = ?').pluck(true),
      node: db.prepare<[number, number], Buffer>('SELECT hash FROM nodes WHERE level = ? AND idx = ?').pluck(true),
      insertHead: db.prepare<[number, Buffer, string, string, string]>(
        'INSERT OR IGNORE INTO heads (tree_size, root, checkpoint, verifier_key, signed_at) VALUES (?, ?, ?, ?, ?)',
      ),
      latestHead: db.prepare<[], HeadRow>('SELECT tree_size, root, checkpoint, verifier_key, signed_at FROM heads ORDER BY tree_size DESC LIMIT 1'),
      headAt: db.prepare<[number], HeadRow>('SELECT tree_size, root, checkpoint, verifier_key, signed_at FROM heads WHERE tree_size = ?'),
      heads: db.prepare<[], HeadRow>('SELECT tree_size, root, checkpoint, verifier_key, signed_at FROM heads ORDER BY tree_size'),
      meta: db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck(true),
      setMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  private countLeaves(): number {
    return this.stmt.count.get()?.n ?? 0;
  }

  meta(key: string): string | null {
    return this.stmt.meta.get(key) ?? null;
  }

  setMeta(key: string, value: string): void {
    this.stmt.setMeta.run(key, value);
  }

  treeSize(): number {
    // Another process may have appended (several writers share one DATA_DIR).
    this.size = this.countLeaves();
    return this.size;
  }

  lastPosition(): bigint | null {
    return this.stmt.last.get()?.position ?? null;
  }

  appendBatch(expectedSize: number, leaves: readonly AuditLeaf[], nodes: readonly MerkleNode[]): void {
    const run = this.db.transaction(() => {
      const actual = this.countLeaves();
      if (actual !== expectedSize) throw new AuditStoreConflict(expectedSize, actual);
      leaves.forEach((leaf, i) => {
        if (leaf.index !== expectedSize + i) throw new RangeError(`leaf ${leaf.index} cannot follow ${expectedSize + i - 1}`);
        this.stmt.insertLeaf.run(leaf.index, leaf.position, leaf.hash);
      });
      for (const node of nodes) this.stmt.insertNode.run(node.level, node.index, node.hash);
      return actual + leaves.length;
    });
    this.size = run.immediate();
  }

  leafByPosition(position: bigint): AuditLeaf | null {
    const row = this.stmt.leafByPosition.get(position);
    return row ? { index: Number(row.idx), position: row.position, hash: row.hash } : null;
  }

  leafAt(index: number): AuditLeaf | null {
    const row = this.stmt.leafAt.get(index);
    return row ? { index: Number(row.idx), position: row.position, hash: row.hash } : null;
  }

  node(level: number, index: number): Buffer {
    const hash = level === 0 ? this.stmt.leafHash.get(index) : this.stmt.node.get(level, index);
    if (!hash) throw new Error(`The audit tree has no node at level ${level}, index ${index}`);
    return hash;
  }

  nodes(refs: readonly NodeRef[]): Buffer[] {
    return refs.map((ref) => this.node(ref.level, ref.index));
  }

  /** Signed heads are handed to auditors, so their commit is synced (and with it every leaf before it). */
  saveHead(head: StoredTreeHead): void {
    if (this.synchronous === 'FULL') {
      this.stmt.insertHead.run(head.treeSize, head.rootHash, head.checkpoint, head.verifierKey, head.signedAt);
      return;
    }
    this.db.pragma('synchronous = FULL');
    try {
      this.stmt.insertHead.run(head.treeSize, head.rootHash, head.checkpoint, head.verifierKey, head.signedAt);
    } finally {
      this.db.pragma(`synchronous = ${this.synchronous}`);
    }
  }

  latestHead(): StoredTreeHead | null {
    const row = this.stmt.latestHead.get();
    return row ? toHead(row) : null;
  }

  headAt(treeSize: number): StoredTreeHead | null {
    const row = this.stmt.headAt.get(treeSize);
    return row ? toHead(row) : null;
  }

  heads(): StoredTreeHead[] {
    return this.stmt.heads.all().map(toHead);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

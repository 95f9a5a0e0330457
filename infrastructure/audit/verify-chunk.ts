/**
 * One chunk of `audit verify` on an embedded store: recomputes the leaves of positions (start, end]
 * straight from `DATA_DIR/events.sqlite` (read-only), folds them into the chunk's complete subtrees,
 * snapshots the compact range at the requested cut points (the sizes of signed heads and of the
 * auditor's checkpoint), and compares the result with the hashes the audit store recorded when the
 * events arrived, to name the first event that differs.
 *
 * `createChunkVerifier` must stay SELF-CONTAINED (no imports, no closures over module values): the
 * verifier runs it in worker threads from its source text (`Function.prototype.toString`), which
 * works the same whether this file was compiled by tsc (dist) or swc (jest).
 *
 * The leaf bytes are concatenated by SQLite from the stored columns exactly as application/audit/leaf.ts
 * defines them (`{"data":…,"metadata":…,"position":"…","revision":…,"stream":"…","type":"…"}`), with the
 * 0x00 leaf prefix in front; rows whose stream id or type would need JSON escaping (never the case for
 * what the store accepts) are rebuilt in JavaScript with JSON.stringify instead. Stored data and metadata
 * must be JSON: that is what makes the concatenation unambiguous (a JSON value ends where it ends), so
 * that no two different rows can share a leaf.
 */

export interface ChunkVerifierConfig {
  readonly eventsFile: string;
  /** DATA_DIR/audit.sqlite when present: the recorded leaves to compare with. */
  readonly auditFile: string | null;
  /** `require.resolve('better-sqlite3')`, so a worker finds the same module. */
  readonly sqlitePath: string;
}

export interface ChunkTask {
  readonly chunk: number;
  /** Leaf index of the chunk's first leaf (= position − 1 on the embedded store). */
  readonly start: number;
  /** One past the last leaf index. */
  readonly end: number;
  /** Tree sizes within (start, end] at which to snapshot the compact range. */
  readonly cuts: readonly number[];
  /** Leaves recorded in the audit store (compare only below this). */
  readonly storedSize: number;
}

export interface ChunkNodes {
  readonly levels: number[];
  readonly hashes: Uint8Array[];
}

export interface ChunkProblem {
  readonly index?: number;
  readonly position?: string;
  readonly reason: string;
}

export interface ChunkResult extends ChunkNodes {
  readonly chunk: number;
  readonly start: number;
  /** Rows read. */
  readonly count: number;
  readonly cuts: Array<ChunkNodes & { readonly size: number }>;
  readonly problem?: ChunkProblem;
}

export function createChunkVerifier(config: ChunkVerifierConfig): { verify(task: ChunkTask): ChunkResult; close(): void } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const crypto = require('node:crypto') as typeof import('node:crypto');
  const Database = require(config.sqlitePath) as typeof import('better-sqlite3');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // One-shot hashing (Node ≥ 20.12): about twice as fast as createHash() for inputs this small.
  const hash = (bytes: Uint8Array): Buffer => crypto.hash('sha256', bytes, 'buffer');
  const events = new Database(config.eventsFile, { readonly: true, fileMustExist: true });
  const audit = config.auditFile ? new Database(config.auditFile, { readonly: true, fileMustExist: true }) : null;
  const plain = "'*[^A-Za-z0-9_.:-]*'";
  const leaves = events
    .prepare(
      `SELECT CASE WHEN stream_id GLOB ${plain} OR type GLOB ${plain} OR typeof(revision) <> 'integer' OR NOT json_valid(data) OR NOT json_valid(metadata) THEN NULL
         ELSE CAST(x'00' || '{"data":' || data || ',"metadata":' || metadata || ',"position":"' || position || '","revision":' || revision ||
                   ',"stream":"' || stream_id || '","type":"' || type || '"}' AS BLOB) END
       FROM events WHERE position > ? AND position <= ? ORDER BY position`,
    )
    .pluck(true);
  const row = events.prepare('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position = ?').safeIntegers(true);
  const positions = events.prepare('SELECT position FROM events WHERE position > ? AND position <= ? ORDER BY position').pluck(true).safeIntegers(true);
  const storedLeaves = audit ? audit.prepare('SELECT idx, position, hash FROM leaves WHERE idx >= ? AND idx < ? ORDER BY idx').raw(true).safeIntegers(true) : null;
  const storedNode = audit ? audit.prepare('SELECT hash FROM nodes WHERE level = ? AND idx = ?').pluck(true) : null;
  const storedLeaf = audit ? audit.prepare('SELECT hash FROM leaves WHERE idx = ?').pluck(true) : null;

  const validJson = (bytes: Buffer): boolean => {
    try {
      JSON.parse(bytes.toString('utf8'));
      return true;
    } catch {
      return false;
    }
  };

  /** The leaf of a row the fast path declined, and whether its data and metadata are JSON at all. */
  const slowLeaf = (position: number): { leaf: Buffer; json: boolean } => {
    const r = row.get(position) as { position: bigint; stream_id: string; revision: unknown; type: string; data: Buffer; metadata: Buffer } | undefined;
    if (!r) return { leaf: hash(Buffer.from([0])), json: true };
    const revision = typeof r.revision === 'bigint' ? r.revision.toString() : JSON.stringify(r.revision);
    const tail = `,"position":"${r.position.toString()}","revision":${revision},"stream":${JSON.stringify(String(r.stream_id))},"type":${JSON.stringify(String(r.type))}}`;
    const data = Buffer.from(r.data);
    const metadata = Buffer.from(r.metadata);
    const leaf = hash(Buffer.concat([Buffer.from([0]), Buffer.from('{"data":'), data, Buffer.from(',"metadata":'), metadata, Buffer.from(tail)]));
    return { leaf, json: validJson(data) && validJson(metadata) };
  };

  const verify = (task: ChunkTask): ChunkResult => {
    const node = Buffer.alloc(65);
    node[0] = 1;
    const stack: Buffer[] = [];
    const levels: number[] = [];
    const cuts: Array<ChunkNodes & { size: number }> = [];
    const width = task.end - task.start;
    const leafHashes = Buffer.alloc(width * 32);
    let nextCut = 0;
    let count = 0;
    let notJson: ChunkProblem | undefined;
    for (const bytes of leaves.iterate(task.start, task.end) as Iterable<Buffer | null>) {
      let h: Buffer;
      if (bytes === null) {
        const slow = slowLeaf(task.start + count + 1);
        h = slow.leaf;
        if (!slow.json && !notJson) {
          const position = task.start + count + 1;
          notJson = { index: position - 1, position: String(position), reason: `the event at position ${position} has stored data or metadata that is not JSON` };
        }
      } else {
        h = hash(bytes);
      }
      if (count < width) h.copy(leafHashes, count * 32);
      count += 1;
      let level = 0;
      while (levels.length > 0 && levels[levels.length - 1] === level) {
        (stack.pop() as Buffer).copy(node, 1);
        h.copy(node, 33);
        h = hash(node);
        levels.pop();
        level += 1;
      }
      stack.push(h);
      levels.push(level);
      while (nextCut < task.cuts.length && task.cuts[nextCut] === task.start + count) {
        cuts.push({ size: task.cuts[nextCut], levels: levels.slice(), hashes: stack.slice() });
        nextCut += 1;
      }
    }
    let problem: ChunkProblem | undefined;
    if (count !== width) {
      let expected = task.start + 1;
      for (const p of positions.iterate(task.start, task.end) as Iterable<bigint>) {
        if (Number(p) !== expected) break;
        expected += 1;
      }
      problem = { index: expected - 1, position: String(expected), reason: `the event at position ${expected} is missing (the embedded log numbers its events without gaps)` };
    } else if (audit && storedLeaves && storedNode && storedLeaf) {
      const compareEnd = Math.min(task.end, task.storedSize);
      let same = compareEnd <= task.start;
      if (!same && compareEnd === task.end && levels.length === 1 && 2 ** levels[0] === width) {
        const recorded = levels[0] === 0 ? storedLeaf.get(task.start) : storedNode.get(levels[0], task.start / width);
        same = recorded instanceof Uint8Array && Buffer.compare(recorded, stack[0]) === 0;
      }
      if (!same) {
        let expectedIndex = task.start;
        for (const [idx, position, recorded] of storedLeaves.iterate(task.start, compareEnd) as Iterable<[bigint, bigint, Buffer]>) {
          const i = Number(idx);
          const offset = (i - task.start) * 32;
          if (i !== expectedIndex) {
            problem = { index: expectedIndex, reason: `the audit tree has no leaf ${expectedIndex}` };
            break;
          }
          if (Buffer.compare(recorded, leafHashes.subarray(offset, offset + 32)) !== 0) {
            problem = {
              index: i,
              position: position.toString(),
              reason: `the event at position ${position} differs from the leaf recorded when it was appended (changed, removed or reordered)`,
            };
            break;
          }
          expectedIndex += 1;
        }
        if (!problem && expectedIndex < compareEnd) problem = { index: expectedIndex, reason: `the audit tree has no leaf ${expectedIndex}` };
      }
    }
    if (notJson && (!problem || (problem.index ?? Infinity) > (notJson.index ?? Infinity))) problem = notJson;
    return { chunk: task.chunk, start: task.start, count, levels, hashes: stack, cuts, problem };
  };

  return {
    verify,
    close: () => {
      events.close();
      audit?.close();
    },
  };
}

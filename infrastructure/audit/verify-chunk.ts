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
 * 0x00 leaf prefix in front; rows whose stream id or type might need JSON escaping (anything outside
 * [A-Za-z0-9_.:-], never the case for what the store accepts), whose revision is not an integer, or whose
 * data or metadata is not JSON are rebuilt in JavaScript with JSON.stringify instead (and the latter
 * reported). Stored data and metadata must be JSON: that is what makes the concatenation
 * unambiguous (a JSON value ends where it ends), so that no two different rows can share a leaf.
 *
 * Why it is shaped the way it is (the costs are per event, a million times over):
 * - SQLite hands back a page of leaves as ONE blob (`group_concat`) with their lengths as one string,
 *   instead of one Buffer per row: creating a Buffer per row from C++ costs more than hashing the row;
 *   pages of 256 rows (~170 kB) beat larger ones (cache) and smaller ones (calls);
 * - the stream ids and types of a page are checked by one regular expression over them all (GLOB row by
 *   row costs more than the JSON checks);
 * - hashes come back from node:crypto's one-shot `hash()` as 32-character latin1 strings, not Buffers
 *   (again: a Buffer per hash costs more than the hash), and stay strings through the tree; a node's
 *   0x01 ‖ left ‖ right is written into one reused 65-byte buffer;
 * - the read-only connection memory-maps the file (no read() call per page).
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
  // One-shot hashing (Node ≥ 20.12) to a latin1 ('binary') string: one character per byte, no Buffer to allocate.
  const hash = (bytes: Uint8Array): string => crypto.hash('sha256', bytes, 'binary');
  const events = new Database(config.eventsFile, { readonly: true, fileMustExist: true });
  // Read-only: map the file instead of a read() per page (SQLite caps this at its compile-time maximum).
  events.pragma('mmap_size = 1099511627776');
  const audit = config.auditFile ? new Database(config.auditFile, { readonly: true, fileMustExist: true }) : null;
  // A stream id or type is copied between quotes as it is when it is made only of [A-Za-z0-9_.:-] (JSON.stringify
  // then adds nothing but the quotes); a revision when it is an integer; data and metadata when they are JSON.
  // Any other row (a NULL anywhere included: the condition is then NULL) takes the slow path (`slowLeaf`).
  const plainName = "'*[^A-Za-z0-9_.:-]*'";
  const leafOf = (namesChecked: boolean) => `CASE WHEN (${namesChecked ? '' : `stream_id GLOB ${plainName} OR type GLOB ${plainName} OR `}typeof(revision) <> 'integer' OR NOT json_valid(data) OR NOT json_valid(metadata)) IS NOT 0 THEN NULL
      ELSE concat(x'00', '{"data":', data, ',"metadata":', metadata, ',"position":"', position, '","revision":', revision, ',"stream":"', stream_id, '","type":"', type, '"}') END`;
  // One page of rows in position order: the byte length of each leaf (0: take the slow path) and every leaf end to end.
  // The fast query leaves the stream ids and types to a check of the whole page at once in JavaScript (GLOB costs
  // more per row than the rest of the checks together): every row's stream id and type, end to end (a NULL as
  // U+0001), must match `plainNames`; a page where one does not is read again with the check made row by row.
  const pageQuery = (namesChecked: boolean) =>
    events
      .prepare(
        `SELECT group_concat(coalesce(octet_length(leaf), 0)), CAST(group_concat(leaf, '') AS BLOB)${namesChecked ? ", group_concat(coalesce(names, char(1)), '')" : ''}
         FROM (SELECT ${leafOf(namesChecked)} AS leaf${namesChecked ? ', stream_id || type AS names' : ''} FROM events WHERE position > ? AND position <= ? ORDER BY position)`,
      )
      .raw(true);
  const fastPage = pageQuery(true);
  const carefulPage = pageQuery(false);
  const plainNames = /^[A-Za-z0-9_.:-]*$/;
  const pageSize = 256;
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

  /** The leaf hash of a row the fast path declined, and whether its data and metadata are JSON at all. */
  const slowLeaf = (position: number): { leaf: string; json: boolean } => {
    const r = row.get(position) as { position: bigint; stream_id: string; revision: unknown; type: string; data: Buffer; metadata: Buffer } | undefined;
    if (!r) return { leaf: hash(Buffer.from([0])), json: true };
    const revision = typeof r.revision === 'bigint' ? r.revision.toString() : JSON.stringify(r.revision);
    const tail = `,"position":"${r.position.toString()}","revision":${revision},"stream":${JSON.stringify(String(r.stream_id))},"type":${JSON.stringify(String(r.type))}}`;
    const data = Buffer.from(r.data);
    const metadata = Buffer.from(r.metadata);
    const leaf = hash(Buffer.concat([Buffer.from([0]), Buffer.from('{"data":'), data, Buffer.from(',"metadata":'), metadata, Buffer.from(tail)]));
    return { leaf, json: validJson(data) && validJson(metadata) };
  };

  const fromLatin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

  const verify = (task: ChunkTask): ChunkResult => {
    const node = Buffer.alloc(65);
    node[0] = 1;
    const stack: string[] = [];
    const levels: number[] = [];
    const cuts: Array<ChunkNodes & { size: number }> = [];
    const width = task.end - task.start;
    const leafHashes: string[] = [];
    let nextCut = 0;
    let count = 0;
    let notJson: ChunkProblem | undefined;
    for (let from = task.start; from < task.end; from += pageSize) {
      const to = Math.min(task.end, from + pageSize);
      const fast = fastPage.get(from, to) as [string | null, Buffer | null, string | null];
      const [lengths, leaves] = fast[2] !== null && plainNames.test(fast[2]) ? fast : (carefulPage.get(from, to) as [string | null, Buffer | null]);
      if (lengths === null) break;
      const bytes = leaves ?? Buffer.alloc(0);
      const buffer = bytes.buffer;
      let offset = bytes.byteOffset;
      let length = 0;
      for (let i = 0, n = lengths.length; i <= n; i++) {
        const c = i < n ? lengths.charCodeAt(i) : 44;
        if (c !== 44) {
          length = length * 10 + (c - 48);
          continue;
        }
        let h: string;
        if (length === 0) {
          const position = task.start + count + 1;
          const slow = slowLeaf(position);
          h = slow.leaf;
          if (!slow.json && !notJson) {
            notJson = { index: position - 1, position: String(position), reason: `the event at position ${position} has stored data or metadata that is not JSON` };
          }
        } else {
          h = hash(new Uint8Array(buffer, offset, length));
          offset += length;
          length = 0;
        }
        leafHashes.push(h);
        count += 1;
        let level = 0;
        while (levels.length > 0 && levels[levels.length - 1] === level) {
          node.write(stack.pop() as string, 1, 'latin1');
          node.write(h, 33, 'latin1');
          h = hash(node);
          levels.pop();
          level += 1;
        }
        stack.push(h);
        levels.push(level);
        while (nextCut < task.cuts.length && task.cuts[nextCut] === task.start + count) {
          cuts.push({ size: task.cuts[nextCut], levels: levels.slice(), hashes: stack.map(fromLatin1) });
          nextCut += 1;
        }
      }
      if (count !== to - task.start) break;
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
        same = recorded instanceof Uint8Array && recorded.length === 32 && Buffer.from(recorded).toString('latin1') === stack[0];
      }
      if (!same) {
        let expectedIndex = task.start;
        for (const [idx, position, recorded] of storedLeaves.iterate(task.start, compareEnd) as Iterable<[bigint, bigint, Buffer]>) {
          const i = Number(idx);
          if (i !== expectedIndex) {
            problem = { index: expectedIndex, reason: `the audit tree has no leaf ${expectedIndex}` };
            break;
          }
          if (Buffer.compare(recorded, fromLatin1(leafHashes[i - task.start])) !== 0) {
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
    return { chunk: task.chunk, start: task.start, count, levels, hashes: stack.map(fromLatin1), cuts, problem };
  };

  return {
    verify,
    close: () => {
      events.close();
      audit?.close();
    },
  };
}

/**
 * `hamaynk audit verify [--checkpoint FILE]`: checks, offline, that the log in DATA_DIR is the log the
 * signed tree heads describe.
 *
 * 1. Every stored signed head: its signature (with the keys the auditor gives, else the keys recorded in
 *    DATA_DIR, which the summary says), and that its note matches the stored head.
 * 2. The whole log, read in order: every leaf recomputed from the stored event bytes (never from the
 *    stored leaf hashes), the tree rebuilt, and its root compared with every signed head at that head's
 *    size. The recorded leaf hashes serve only to name the first event that differs.
 * 3. Every head is consistent with the next: a consistency proof built from the stored tree (the one
 *    the server hands auditors) and checked with the RFC 9162 verifier.
 * 4. With a checkpoint an auditor kept (`checkpoint`/`checkpointFile`): its signature, and that the
 *    current log extends it (the recomputed root at its size is its root). This is what catches a log
 *    rewritten and re-signed by whoever holds the disk and the key.
 *
 * On the embedded store the log is read straight from `events.sqlite` (read-only) in chunks of 2^14
 * leaves spread over worker threads; with an EventStoreDB deployment pass `eventStore`.
 * Nothing is ever written: it runs on a copy of DATA_DIR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { EventStore } from '../../application/ports/event-store';
import { auditLeafHash, type LeafSource } from '../../application/audit/leaf';
import { consistencyPath, foldRoot, MerkleFrontier, verifyConsistency, EMPTY_ROOT } from '../../application/audit/merkle';
import { openCheckpoint, parseCheckpointText, parseNote, parseVerifierKey, type NoteVerifier } from '../../application/audit/checkpoint';
import type { StoredTreeHead } from '../../application/audit/audit-store';
import { SqliteAuditStore } from './sqlite-audit-store';
import { AUDIT_FILE, ORIGIN_META } from './audit-log';
import { auditVerifierFrom } from './signing-key';
import { createChunkVerifier, type ChunkResult, type ChunkTask, type ChunkVerifierConfig } from './verify-chunk';

export const EVENTS_FILE = 'events.sqlite';

export interface VerifyLogOptions {
  readonly dataDir: string;
  /** Read the log through this store (EventStoreDB deployments) instead of DATA_DIR/events.sqlite. */
  readonly eventStore?: { readAll(options: { after?: bigint; maxCount: number }): Promise<readonly LeafSource[]> } | Pick<EventStore, 'readAll'>;
  /**
   * Keys to check signatures with: verifier key strings (`name+id+key`, as GET /audit/public-key
   * serves them), PEM keys, or files holding either. Omitted: the keys recorded in DATA_DIR (which
   * whoever holds the disk could have replaced; the summary's `keySource` says so).
   */
  readonly keys?: readonly string[];
  /** A C2SP checkpoint note the auditor kept, or a file holding one. */
  readonly checkpoint?: string;
  readonly checkpointFile?: string;
  /** Worker threads (default: one per CPU, at most 8, for logs of 8 chunks or more; 0 = this thread). */
  readonly workers?: number;
  /** Leaves per chunk, a power of two (default 16384). */
  readonly chunkSize?: number;
}

export interface VerifyProblem {
  readonly reason: string;
  readonly position?: string;
}

export interface VerifySummary {
  readonly ok: boolean;
  /** Events read from the log. */
  readonly events: number;
  /** Signed heads checked. */
  readonly heads: number;
  readonly durationMs: number;
  /** The first event found changed, missing or out of place, when one can be named. */
  readonly firstBadPosition?: string;
  /** Why verification failed (the problem at the first bad position, else the first found). */
  readonly reason?: string;
  /** Every problem found (at most 20). */
  readonly problems: VerifyProblem[];
  readonly treeSize: number;
  /** Root of the recomputed tree over the whole log, lowercase hex. */
  readonly rootHash: string;
  readonly origin?: string;
  /** `given`: the keys passed in; `data-dir`: keys recorded in DATA_DIR (not independent of the disk). */
  readonly keySource: 'given' | 'data-dir' | 'none';
  readonly checkpoint?: { readonly treeSize: number; readonly rootHash: string; readonly ok: boolean };
}

interface Cut {
  readonly size: number;
  readonly root: Buffer;
  readonly label: string;
  readonly kind: 'head' | 'checkpoint';
  /** The signed note (heads; verified while the log is read). */
  readonly note?: string;
}

interface Problem {
  readonly reason: string;
  readonly position?: bigint;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

const readCheckpoint = (options: VerifyLogOptions): string | undefined => {
  if (options.checkpoint !== undefined) return options.checkpoint;
  if (options.checkpointFile === undefined) return undefined;
  try {
    return fs.readFileSync(options.checkpointFile, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the checkpoint ${options.checkpointFile} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
};

/**
 * Runs chunk tasks `0 … count − 1` on worker threads (or in this thread), handing results back in chunk
 * order; once `onResult` returns false no further task is started (in-flight ones are dropped).
 */
const runChunks = async (
  config: ChunkVerifierConfig,
  count: number,
  taskAt: (chunk: number) => ChunkTask,
  workers: number,
  onResult: (r: ChunkResult) => boolean,
): Promise<void> => {
  if (count === 0) return;
  if (workers <= 0) {
    const local = createChunkVerifier(config);
    try {
      for (let chunk = 0; chunk < count; chunk++) if (!onResult(local.verify(taskAt(chunk)))) break;
    } finally {
      local.close();
    }
    return;
  }
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const verifier = (${createChunkVerifier.toString()})(workerData);
    parentPort.on('message', (task) => {
      if (task === null) { verifier.close(); parentPort.close(); return; }
      try { parentPort.postMessage({ result: verifier.verify(task) }); }
      catch (e) { parentPort.postMessage({ error: String((e && e.stack) || e) }); }
    });`;
  const done = new Map<number, ChunkResult>();
  let nextTask = 0;
  let nextResult = 0;
  let inFlight = 0;
  let stopped = false;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      const give = (worker: Worker) => {
        if (stopped || nextTask >= count) return;
        inFlight += 1;
        worker.postMessage(taskAt(nextTask++));
      };
      for (let i = 0; i < Math.min(workers, count); i++) {
        const worker = new Worker(source, { eval: true, workerData: config });
        pool.push(worker);
        worker.on('error', fail);
        worker.on('message', (m: { result?: ChunkResult; error?: string }) => {
          if (failed) return;
          inFlight -= 1;
          if (m.error !== undefined || !m.result) return fail(new Error(m.error ?? 'a verifier worker failed'));
          done.set(m.result.chunk, m.result);
          try {
            while (!stopped && done.has(nextResult)) {
              const r = done.get(nextResult) as ChunkResult;
              done.delete(nextResult);
              nextResult += 1;
              if (!onResult(r)) stopped = true;
            }
          } catch (e) {
            return fail(e);
          }
          give(worker);
          if (nextResult === count || (stopped && inFlight === 0)) resolve();
        });
        // Two tasks in hand, so a worker never waits for this thread (busy checking heads) to hand it the next.
        give(worker);
        give(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
};

export const verifyLog = async (options: VerifyLogOptions): Promise<VerifySummary> => {
  const started = process.hrtime.bigint();
  const problems: Problem[] = [];
  const problem = (reason: string, position?: bigint) => problems.push({ reason, position });

  const auditFile = path.join(options.dataDir, AUDIT_FILE);
  let audit: SqliteAuditStore | null = null;
  if (fs.existsSync(auditFile)) {
    try {
      audit = new SqliteAuditStore(auditFile, { readonly: true });
    } catch (e) {
      problem(`cannot read ${AUDIT_FILE}: ${(e as Error).message}`);
    }
  }
  try {
    const heads: StoredTreeHead[] = audit ? audit.heads() : [];
    const storedSize = audit ? audit.treeSize() : 0;
    const checkpointNote = readCheckpoint(options);
    let origin = audit?.meta(ORIGIN_META) ?? undefined;
    if (origin === undefined && checkpointNote !== undefined) {
      try {
        origin = parseCheckpointText(parseNote(checkpointNote).text).origin;
      } catch {
        // Reported below when the checkpoint is opened.
      }
    }

    // Keys: the auditor's, else what DATA_DIR recorded.
    let keySource: VerifySummary['keySource'] = 'none';
    const verifiers: NoteVerifier[] = [];
    if (options.keys && options.keys.length > 0) {
      keySource = 'given';
      for (const k of options.keys) verifiers.push(auditVerifierFrom(k, origin));
    } else if (audit) {
      const recorded = new Set(heads.map((h) => h.verifierKey));
      for (const key of recordedVerifierKeys(auditFile)) recorded.add(key);
      for (const k of recorded) {
        try {
          verifiers.push(parseVerifierKey(k));
        } catch {
          problem(`a verifier key recorded in ${AUDIT_FILE} is malformed`);
        }
      }
      if (verifiers.length > 0) keySource = 'data-dir';
    }

    // 1. Signed heads: their sizes and roots are the cut points of the pass over the log; their signatures
    // and the consistency of consecutive heads are checked while worker threads read the log.
    const cuts: Cut[] = [];
    const unsigned = new Set<Cut>();
    for (const head of heads) {
      try {
        const cp = parseCheckpointText(parseNote(head.checkpoint).text);
        if (cp.treeSize !== head.treeSize || !cp.rootHash.equals(head.rootHash)) {
          problem(`the stored tree head at size ${head.treeSize} does not match its signed checkpoint`);
        }
        cuts.push({ size: cp.treeSize, root: cp.rootHash, label: `signed tree head at size ${cp.treeSize}`, kind: 'head', note: head.checkpoint });
      } catch (e) {
        problem(`the signed tree head at size ${head.treeSize} does not verify: ${(e as Error).message}`);
      }
    }
    const headCuts = cuts.slice().sort((a, b) => a.size - b.size);
    const checkHeads = async (): Promise<void> => {
      const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
      for (const [i, cut] of headCuts.entries()) {
        try {
          openCheckpoint(cut.note as string, verifiers, origin);
        } catch (e) {
          unsigned.add(cut);
          problem(`the signed tree head at size ${cut.size} does not verify: ${(e as Error).message}`);
        }
        if (i % 32 === 31) await pause();
      }
      // 3. Consecutive heads are consistent, by proofs from the stored tree.
      if (!audit) return;
      const store = audit;
      // Consecutive heads' proofs share most of their nodes: read each stored node once.
      const nodes = new Map<string, Uint8Array>();
      const read = (level: number, index: number): Uint8Array => {
        const key = `${level}:${index}`;
        let hash = nodes.get(key);
        if (hash === undefined) nodes.set(key, (hash = store.node(level, index)));
        return hash;
      };
      for (let i = 0; i + 1 < headCuts.length; i++) {
        const a = headCuts[i];
        const b = headCuts[i + 1];
        try {
          if (b.size > storedSize) throw new Error(`the audit tree has only ${storedSize} leaves`);
          const proof = consistencyPath(read, a.size, b.size);
          if (!verifyConsistency(a.size, b.size, proof, a.root, b.root)) throw new Error('the consistency proof does not verify');
        } catch (e) {
          problem(`the ${a.label} is not shown consistent with the ${b.label}: ${(e as Error).message}`);
        }
        if (i % 32 === 31) await pause();
      }
    };
    let checkpoint: Cut | undefined;
    if (checkpointNote !== undefined) {
      try {
        if (verifiers.length === 0) throw new Error('no key to check it with');
        const cp = openCheckpoint(checkpointNote, verifiers, origin);
        checkpoint = { size: cp.treeSize, root: cp.rootHash, label: `checkpoint of size ${cp.treeSize}`, kind: 'checkpoint' };
        cuts.push(checkpoint);
      } catch (e) {
        problem(`the checkpoint does not verify: ${(e as Error).message}`);
      }
    }
    const headsChecked = checkHeads();

    // 2. The log.
    const recomputed = new Map<number, Buffer>();
    const wanted = [...new Set(cuts.map((c) => c.size))].sort((a, b) => a - b);
    let events = 0;
    let frontier = new MerkleFrontier();
    if (options.eventStore) {
      ({ events, frontier } = await readSequentially(options.eventStore, audit, storedSize, wanted, recomputed, problem));
    } else {
      const eventsFile = path.join(options.dataDir, EVENTS_FILE);
      if (!fs.existsSync(eventsFile)) throw new Error(`${eventsFile} does not exist`);
      const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
      let size: number;
      try {
        // Positions 1…max, read in chunks on worker threads; a chunk with fewer rows than positions means
        // the positions are not exactly 1…n (events were removed or inserted), which the chunks find, and the
        // log is then read in order instead. (No count(*): it reads the whole table, or an index of it.)
        // Two queries: SQLite finds a lone min() or max() of the key in O(log n), but scans the table for both at once.
        const min = db.prepare<[], number | bigint | null>('SELECT min(position) FROM events').pluck(true).get();
        size = Number(db.prepare<[], number | bigint | null>('SELECT max(position) FROM events').pluck(true).get() ?? 0);
        events = size;
        if (size > 0 && (min !== 1 || !Number.isSafeInteger(size))) {
          // Leaf i is the i-th event, read in order.
          ({ events, frontier } = await readSequentially(sqliteLogReader(db, notJson(problem)), audit, storedSize, wanted, recomputed, problem));
          size = 0;
        }
      } finally {
        db.close();
      }
      const chunkSize = options.chunkSize ?? 1 << 14;
      if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || (chunkSize & (chunkSize - 1)) !== 0) throw new Error('chunkSize must be a power of two');
      const chunks = Math.ceil(size / chunkSize);
      const taskAt = (chunk: number): ChunkTask => {
        const start = chunk * chunkSize;
        const end = Math.min(size, start + chunkSize);
        return { chunk, start, end, cuts: wanted.filter((s) => s > start && s <= end), storedSize };
      };
      // Starting a worker costs ~0.1 s of CPU: small logs are read in this thread unless workers are asked for.
      const workers = options.workers ?? (chunks < 8 ? 0 : Math.min(8, os.availableParallelism()));
      const config: ChunkVerifierConfig = { eventsFile, auditFile: audit ? auditFile : null, sqlitePath: require.resolve('better-sqlite3') };
      let gap = false;
      const found: Problem[] = [];
      await runChunks(config, chunks, taskAt, chunks < 2 ? 0 : workers, (r) => {
        if (r.count !== Math.min(size, r.start + chunkSize) - r.start) {
          // Rows missing (or vanished while we read): the positions are not 1…n; read the log again in order.
          gap = true;
          return false;
        }
        const before = frontier.nodes().map((n) => n.hash);
        for (const cut of r.cuts) recomputed.set(cut.size, foldRoot([...before, ...cut.hashes.map(asBuffer)]));
        if (r.problem) found.push({ reason: r.problem.reason, position: r.problem.position !== undefined ? BigInt(r.problem.position) : undefined });
        for (let i = 0; i < r.levels.length; i++) frontier.pushSubtree(r.levels[i], asBuffer(r.hashes[i]));
        return true;
      });
      if (gap) {
        found.length = 0;
        recomputed.clear();
        const again = new Database(eventsFile, { readonly: true, fileMustExist: true });
        try {
          const report = (reason: string, position?: bigint) => void found.push({ reason, position });
          ({ events, frontier } = await readSequentially(sqliteLogReader(again, notJson(report)), audit, storedSize, wanted, recomputed, report));
        } finally {
          again.close();
        }
      }
      problems.push(...found);
    }
    await headsChecked;
    const treeSize = frontier.size;
    recomputed.set(0, Buffer.from(EMPTY_ROOT));

    // Roots at every signed size.
    const positionOfIndex = (index: number): bigint | undefined => {
      const leaf = audit?.leafAt(index);
      if (leaf) return leaf.position;
      return options.eventStore ? undefined : BigInt(index + 1);
    };
    if (storedSize > treeSize) {
      problem(`the audit tree recorded ${storedSize} events but the log has ${treeSize}: events were removed from its end`, positionOfIndex(treeSize));
    }
    for (const cut of cuts) {
      if (unsigned.has(cut)) continue;
      if (cut.size > treeSize) {
        problem(`the log has ${treeSize} events but the ${cut.label} covers ${cut.size}: events were removed from its end`, positionOfIndex(treeSize));
        continue;
      }
      const root = recomputed.get(cut.size);
      if (!root || !root.equals(cut.root)) {
        problem(
          cut.kind === 'checkpoint'
            ? `the log does not extend the ${cut.label}: its root at that size is ${root ? hex(root) : 'unknown'}, the checkpoint says ${hex(cut.root)}`
            : `the log does not match the ${cut.label}: recomputed root ${root ? hex(root) : 'unknown'}, signed ${hex(cut.root)}`,
        );
      }
    }

    const located = problems.filter((p) => p.position !== undefined).sort((a, b) => (a.position! < b.position! ? -1 : a.position! > b.position! ? 1 : 0));
    const first = located[0] ?? problems[0];
    const rootHash = hex(frontier.root());
    return {
      ok: problems.length === 0,
      events,
      heads: heads.length,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
      ...(first?.position !== undefined ? { firstBadPosition: first.position.toString() } : {}),
      ...(first ? { reason: first.reason } : {}),
      problems: problems.slice(0, 20).map((p) => ({ reason: p.reason, ...(p.position !== undefined ? { position: p.position.toString() } : {}) })),
      treeSize,
      rootHash,
      ...(origin !== undefined ? { origin } : {}),
      keySource,
      ...(checkpoint
        ? { checkpoint: { treeSize: checkpoint.size, rootHash: hex(checkpoint.root), ok: checkpoint.size <= treeSize && (recomputed.get(checkpoint.size)?.equals(checkpoint.root) ?? false) } }
        : {}),
    };
  } finally {
    audit?.close();
  }
};

/** Verifier keys recorded in the audit store's meta table (`verifier:<key>`). */
const recordedVerifierKeys = (auditFile: string): string[] => {
  const db = new Database(auditFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], string>("SELECT substr(key, 10) FROM meta WHERE key LIKE 'verifier:%'")
      .pluck(true)
      .all();
  } finally {
    db.close();
  }
};

/** Reports each event whose stored data or metadata is not JSON (once per position). */
const notJson = (report: (reason: string, position?: bigint) => void) => {
  const seen = new Set<bigint>();
  return (position: bigint) => {
    if (seen.has(position)) return;
    seen.add(position);
    report(`the event at position ${position} has stored data or metadata that is not JSON`, position);
  };
};

/** What the sequential pass reads: the EventStore port, or the embedded file directly. */
interface LogReader {
  readAll(options: { after?: bigint; maxCount: number }): Promise<readonly LeafSource[]>;
}

/** Reads events.sqlite in position order, whatever its positions are (used when they are not 1…n). */
const sqliteLogReader = (db: Database.Database, onNotJson: (position: bigint) => void): LogReader => {
  const page = db
    .prepare<[bigint, number], { position: bigint; stream_id: string; revision: bigint | number; type: string; data: Buffer; metadata: Buffer }>(
      'SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
    )
    .safeIntegers(true);
  return {
    readAll: async ({ after, maxCount }) =>
      page.all(after ?? -(2n ** 63n), maxCount).map((r) => {
        const dataBytes = Buffer.from(r.data);
        const metadataBytes = Buffer.from(r.metadata);
        for (const bytes of [dataBytes, metadataBytes]) {
          try {
            JSON.parse(bytes.toString('utf8'));
          } catch {
            onNotJson(r.position);
          }
        }
        return { position: r.position, streamId: String(r.stream_id), revision: Number(r.revision), type: String(r.type), dataBytes, metadataBytes };
      }),
  };
};

/** Reads the log in order (through the EventStore port, or events.sqlite when its positions have gaps), comparing positions and leaves with the recorded ones. */
const readSequentially = async (
  eventStore: LogReader,
  audit: SqliteAuditStore | null,
  storedSize: number,
  wanted: readonly number[],
  recomputed: Map<number, Buffer>,
  problem: (reason: string, position?: bigint) => void,
): Promise<{ events: number; frontier: MerkleFrontier }> => {
  const frontier = new MerkleFrontier();
  let after: bigint | undefined;
  let nextCut = 0;
  let reported = false;
  const batchSize = 2000;
  for (;;) {
    const batch = await eventStore.readAll({ after, maxCount: batchSize });
    for (const event of batch) {
      const index = frontier.size;
      const hash = auditLeafHash(event);
      frontier.append(hash);
      if (!reported && audit && index < storedSize) {
        const leaf = audit.leafAt(index);
        if (!leaf) {
          problem(`the audit tree has no leaf ${index}`);
          reported = true;
        } else if (leaf.position !== event.position || !leaf.hash.equals(hash)) {
          const position = leaf.position < event.position ? leaf.position : event.position;
          problem(`the event at position ${position} differs from the leaf recorded when it was appended (changed, removed or reordered)`, position);
          reported = true;
        }
      }
      while (nextCut < wanted.length && wanted[nextCut] <= frontier.size) {
        if (wanted[nextCut] === frontier.size) recomputed.set(wanted[nextCut], frontier.root());
        nextCut += 1;
      }
    }
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1].position;
  }
  return { events: frontier.size, frontier };
};

/** One line for the CLI: `audit verify: OK …` or `audit verify: FAILED at position P: reason`. */
export const describeVerifySummary = (s: VerifySummary): string => {
  const facts = `${s.events} events, ${s.heads} signed heads${s.checkpoint ? `, checkpoint of size ${s.checkpoint.treeSize} ${s.checkpoint.ok ? 'extended' : 'NOT extended'}` : ''}, root ${s.rootHash}, ${(s.durationMs / 1000).toFixed(1)} s`;
  const keys = s.keySource === 'data-dir' ? ' (signatures checked with the keys recorded in DATA_DIR: pass the published key to be independent of the disk)' : s.keySource === 'none' ? ' (no key: signatures not checked)' : '';
  return s.ok ? `audit verify: OK — ${facts}${keys}` : `audit verify: FAILED${s.firstBadPosition ? ` at position ${s.firstBadPosition}` : ''}: ${s.reason} — ${facts}${keys}`;
};

/**
 * The writer thread of a SqliteEventStore in `writerThread` mode: a worker thread holding its own
 * connection to the same file, committing the batches the store sends it one at a time
 * (sqlite-writer-worker.ts), so that the COMMIT and its fsync never block the store's own thread.
 *
 * Outcomes cross the thread boundary by structured clone, which keeps Buffers, bigints and plain
 * data but not classes: refusals are sent as their parts and made into the same errors here.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConcurrencyConflict } from '../../application/errors';
import { CommandAlreadyRecorded, type AppendOptions, type AppendResult, type CommandRecord } from '../../application/ports/event-store';
import type { AppendOutcome, AppendRequest } from './append-batch';


/**
 * A batch as it crosses to the writer: the events' bytes packed into one ArrayBuffer that is transferred,
 * not copied (structured clone would copy the whole 8 KiB pool slab behind every small Buffer), and each
 * event's `data` and `metadata` as offsets into it (`data` from `data` to `metadata`, `metadata` to `end`).
 */
export interface PackedBatch {
  readonly id: number;
  readonly bytes: ArrayBuffer;
  readonly appends: ReadonlyArray<{
    readonly streamId: string;
    readonly options: AppendOptions;
    readonly events: ReadonlyArray<{ readonly type: string; readonly eventId: string; readonly data: number; readonly metadata: number; readonly end: number }>;
  }>;
}

export const packBatch = (id: number, batch: readonly AppendRequest[]): PackedBatch => {
  let total = 0;
  for (const append of batch) for (const e of append.encoded) total += e.dataBytes.length + e.metadataBytes.length;
  const bytes = new Uint8Array(total);
  let at = 0;
  const appends = batch.map((append) => ({
    streamId: append.streamId,
    options: append.options,
    events: append.encoded.map((e) => {
      const data = at;
      bytes.set(e.dataBytes, at);
      at += e.dataBytes.length;
      const metadata = at;
      bytes.set(e.metadataBytes, at);
      at += e.metadataBytes.length;
      return { type: e.type, eventId: e.eventId, data, metadata, end: at };
    }),
  }));
  return { id, bytes: bytes.buffer, appends };
};

/** The batch again, its events' bytes as Buffers over the transferred ArrayBuffer (no copy). */
export const unpackBatch = (packed: PackedBatch): AppendRequest[] => {
  const all = Buffer.from(packed.bytes);
  return packed.appends.map((append) => ({
    streamId: append.streamId,
    options: append.options,
    encoded: append.events.map((e) => ({ type: e.type, eventId: e.eventId, dataBytes: all.subarray(e.data, e.metadata), metadataBytes: all.subarray(e.metadata, e.end) })),
  }));
};

/** An error as it crosses from the writer thread. */
export type SentError =
  | { readonly kind: 'conflict'; readonly streamId: string; readonly expected: string; readonly actual: string }
  | { readonly kind: 'command'; readonly record: CommandRecord }
  | { readonly kind: 'error'; readonly name: string; readonly message: string; readonly code?: string };

export type SentOutcome = { readonly ok: AppendResult } | { readonly error: SentError };

export type WriterReply = { readonly id: number; readonly outcomes: readonly SentOutcome[] } | { readonly id: number; readonly failed: SentError };

export const sendError = (error: unknown): SentError => {
  if (error instanceof ConcurrencyConflict) return { kind: 'conflict', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof CommandAlreadyRecorded) return { kind: 'command', record: error.record };
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return { kind: 'error', name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) };
};

/** A refusal or failure sent by the writer, as the error the inline store would have thrown. */
export const receivedError = (sent: SentError): Error => {
  switch (sent.kind) {
    case 'conflict':
      return new ConcurrencyConflict(sent.streamId, sent.expected, sent.actual);
    case 'command':
      return new CommandAlreadyRecorded(sent.record);
    case 'error': {
      const error = new Error(sent.message) as Error & { code?: string };
      error.name = sent.name;
      if (sent.code !== undefined) error.code = sent.code;
      return error;
    }
  }
};

const workerScript = (): { file: string; execArgv: string[] } =>
  __filename.endsWith('.ts')
    ? { file: path.join(__dirname, 'sqlite-writer-worker.ts'), execArgv: ['-r', path.resolve(__dirname, '../../tests/support/ts-register.js')] }
    : { file: path.join(__dirname, 'sqlite-writer-worker.js'), execArgv: [] };

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (outcomes: AppendOutcome[]) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private exited: Error | null = null;
  private readonly exit: Promise<void>;

  constructor(file: string, synchronous: 'FULL' | 'NORMAL') {
    const { file: script, execArgv } = workerScript();
    this.worker = new Worker(script, { workerData: { file, synchronous }, execArgv });
    this.worker.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if ('failed' in reply) waiting.reject(receivedError(reply.failed));
      else waiting.resolve(reply.outcomes.map((o) => ('ok' in o ? { ok: o.ok } : { error: receivedError(o.error) })));
    });
    this.exit = new Promise<void>((resolve) => {
      this.worker.on('error', (error) => this.fail(error));
      this.worker.on('exit', (code) => {
        this.fail(new Error(`The event store's writer thread stopped (exit code ${code})`));
        resolve();
      });
    });
    // The thread keeps the process alive only while a commit is pending.
    this.worker.unref();
  }

  private fail(error: Error): void {
    this.exited ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  /** Commits the batch on the writer's connection: one outcome per append, or a rejection when the transaction failed. */
  commit(batch: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      const packed = packBatch(id, batch);
      this.worker.postMessage(packed, [packed.bytes]);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    // Waiting for the thread's exit must keep the process alive: an unref'd thread lets it end (status 0) first.
    this.worker.ref();
    this.worker.postMessage({ close: true });
    await this.exit;
  }
}

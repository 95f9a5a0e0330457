/**
 * The writer thread (sqlite-writer.ts): its own SqliteEventStore connection to the file, committing each
 * batch it is sent with `commitBatch`, the same code an inline store runs, and answering with the outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store';
import { sendError, type WriterAppend, type WriterReply } from './sqlite-writer';

const { file, synchronous } = workerData as { file: string; synchronous: 'FULL' | 'NORMAL' };
const store = new SqliteEventStore(file, { synchronous });
const port = parentPort;
if (!port) throw new Error('sqlite-writer-worker runs in a worker thread');

/** Structured clone turns Buffers into plain Uint8Arrays; better-sqlite3 binds Buffers as BLOBs. */
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

port.on('message', (message: { id: number; batch: WriterAppend[] } | { close: true }) => {
  if ('close' in message) {
    void store.close().then(() => port.close());
    return;
  }
  const batch = message.batch.map((a) => ({
    streamId: a.streamId,
    options: a.options,
    encoded: a.encoded.map((e) => ({ ...e, dataBytes: asBuffer(e.dataBytes), metadataBytes: asBuffer(e.metadataBytes) })),
  }));
  let reply: WriterReply;
  try {
    reply = { id: message.id, outcomes: store.commitBatch(batch).map((o) => ('ok' in o ? { ok: o.ok } : { error: sendError(o.error) })) };
  } catch (error) {
    reply = { id: message.id, failed: sendError(error) };
  }
  port.postMessage(reply);
});

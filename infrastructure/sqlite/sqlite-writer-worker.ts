/**
 * The writer thread (sqlite-writer.ts): its own SqliteEventStore connection to the file, committing each
 * batch it is sent with `commitBatch`, the same code an inline store runs, and answering with the outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store';
import { sendError, unpackBatch, type PackedBatch, type WriterReply } from './sqlite-writer';

const { file, synchronous } = workerData as { file: string; synchronous: 'FULL' | 'NORMAL' };
const store = new SqliteEventStore(file, { synchronous });
const port = parentPort;
if (!port) throw new Error('sqlite-writer-worker runs in a worker thread');

port.on('message', (message: PackedBatch | { close: true }) => {
  if ('close' in message) {
    void store.close().then(() => port.close());
    return;
  }
  const batch = unpackBatch(message);
  let reply: WriterReply;
  try {
    reply = { id: message.id, outcomes: store.commitBatch(batch).map((o) => ('ok' in o ? { ok: o.ok } : { error: sendError(o.error) })) };
  } catch (error) {
    reply = { id: message.id, failed: sendError(error) };
  }
  port.postMessage(reply);
});

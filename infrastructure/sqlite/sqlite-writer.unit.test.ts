import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { AppendRequest } from './append-batch';
import { packBatch, unpackBatch, type PackedBatch } from './sqlite-writer';

const event = (type: string, data: unknown, metadata: unknown) => ({
  type,
  eventId: `${type}-id`,
  // Small Buffers share Node's pool: each is a view at some offset of an 8 KiB slab.
  dataBytes: Buffer.from(JSON.stringify(data), 'utf8'),
  metadataBytes: Buffer.from(JSON.stringify(metadata), 'utf8'),
});

describe('batches crossing to the writer thread', () => {
  const batch: AppendRequest[] = [
    { streamId: 'community-AM08001', options: { expectedRevision: 3 }, encoded: [event('ServiceOffered', { nameHy: '«Գյումրի» համայնք' }, { actor: 'ն' })] },
    { streamId: 'application-1', options: { expectedRevision: 'no-stream', command: { commandId: 'c-1', fingerprint: 'f' } }, encoded: [] },
    { streamId: 'fee-1', options: { expectedRevision: 'any' }, encoded: [event('FeeAssessed', { amountAmd: 5000 }, {}), event('PaymentRecorded', { amountAmd: 1 }, { z: '' })] },
  ];

  it('arrive whole through a real message port, their bytes moved in one transferred buffer', async () => {
    const packed = packBatch(7, batch);
    expect(packed.bytes.byteLength).toBe(batch.flatMap((a) => a.encoded).reduce((n, e) => n + e.dataBytes.length + e.metadataBytes.length, 0));
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<PackedBatch>((resolve) => port2.once('message', resolve));
    port1.postMessage(packed, [packed.bytes]);
    expect(packed.bytes.byteLength).toBe(0); // transferred, not copied
    const unpacked = unpackBatch(await received);
    port1.close();
    expect(unpacked.map((a) => ({ ...a, encoded: a.encoded.map((e) => ({ ...e, dataBytes: e.dataBytes.toString('utf8'), metadataBytes: e.metadataBytes.toString('utf8') })) }))).toEqual(
      batch.map((a) => ({ ...a, encoded: a.encoded.map((e) => ({ ...e, dataBytes: e.dataBytes.toString('utf8'), metadataBytes: e.metadataBytes.toString('utf8') })) })),
    );
    for (const e of unpacked.flatMap((a) => a.encoded)) expect(Buffer.isBuffer(e.dataBytes)).toBe(true);
  });
});

describe('closing the writer thread', () => {
  it('keeps the process alive until the thread has exited, so what follows the close still runs', () => {
    const file = path.join(os.tmpdir(), `hamaynk-writer-close-${process.pid}.sqlite`);
    // A store that never appended: its thread is unreferenced while idle, and the close must not let the process end first.
    const script = `const { SqliteEventStore } = require(${JSON.stringify(path.resolve(__dirname, 'sqlite-event-store.ts'))});
      (async () => { await new SqliteEventStore(${JSON.stringify(file)}, { writerThread: true }).close(); console.log('closed'); process.exitCode = 3; })();`;
    const run = spawnSync(process.execPath, ['-r', path.resolve(__dirname, '../../tests/support/ts-register.js'), '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(3);
  });
});

/**
 * The `mail` group: 10 000 queued notifications sent to a local SMTP server (the `smtp-server` library on
 * 127.0.0.1, in this process) by the real mail sender — outbox read model → delivery log (DATA_DIR/mail.sqlite,
 * synchronous=FULL: `sending` committed before each batch is handed over, each outcome committed after) →
 * nodemailer's pooled SMTP transport (4 connections) — beside the ceiling of the same transport sending the
 * same messages with no delivery log at all: the difference is what at-most-once costs.
 */
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createMailSender } from '../../application/notifications/mail-sender';
import { composeMessage } from '../../application/notifications/messages';
import type { DocumentChange } from '../../application/ports/read-store';
import { createSmtpTransport } from '../../infrastructure/mail/smtp-transport';
import { SqliteMailDeliveryLog } from '../../infrastructure/mail/sqlite-mail-delivery-log';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { outboxProjection } from '../../projections/outbox/outbox-projection';
import { OUTBOX_COLLECTIONS, OUTBOX_PROJECTION, seqOf, type OutboxContactDoc, type OutboxMessageDoc } from '../../projections/outbox/schema';
import { measure, progress, tempDir, type BenchRow } from './harness';

const GROUP = 'mail';
const MESSAGES = 10_000;
const RESIDENTS = 100;
const PUBLIC_URL = 'https://hamaynk.example.am';

const startRelay = async (): Promise<{ port: number; received: () => number; stop: () => Promise<void> }> => {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as net.AddressInfo).port,
    received: () => received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const message = (i: number, now: string): OutboxMessageDoc => ({
  id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  recipientId: `08001${String(i % RESIDENTS).padStart(5, '0')}`,
  seq: seqOf(BigInt(1_000 + i)),
  position: String(1_000 + i),
  kind: i % 2 === 0 ? 'application-registered' : 'information-requested',
  caseKind: 'application',
  caseId: `app-${i}`,
  communityId: 'AM08001',
  communityNameHy: 'Գյումրի',
  communityNameEn: 'Gyumri',
  serviceNameHy: 'Շինարարության թույլտվություն',
  serviceNameEn: 'Construction permit',
  occurredAt: now,
  recordedAt: now,
  facts: i % 2 === 0 ? { registrationNumber: `AM08001/2026/${i}`, trackingCode: 'ABCDE23456' } : { question: 'Կցեք հատակագիծը և սեփականության վկայականը' },
});

export const mailRows = async (): Promise<BenchRow[]> => {
  const dir = tempDir('hamaynk-bench-mail-');
  const relay = await startRelay();
  const rows: BenchRow[] = [];
  try {
    const now = new Date().toISOString();
    const messages = Array.from({ length: MESSAGES }, (_, i) => message(i, now));
    const note = `${MESSAGES.toLocaleString('en-GB')} messages to ${RESIDENTS} residents, smtp-server on 127.0.0.1 in the same process, nodemailer pool of 4 connections`;

    progress(`mail: the ceiling — ${MESSAGES.toLocaleString('en-GB')} messages through the SMTP transport alone`);
    const ceiling = createSmtpTransport({ url: `smtp://127.0.0.1:${relay.port}`, from: 'Hamaynk <no-reply@hamaynk.example.am>' });
    const composed = messages.map((m) => ({ ...composeMessage(m, 'hy', { publicUrl: PUBLIC_URL }), messageId: `<${m.id}@hamaynk.example.am>`, to: `r${m.recipientId}@example.am`, language: 'hy' as const }));
    const baseline = 'SMTP transport alone, no delivery log (ceiling)';
    rows.push(
      await measure(GROUP, baseline, 1, async () => {
        for (let i = 0; i < composed.length; i += 4) await Promise.all(composed.slice(i, i + 4).map((m) => ceiling.send(m)));
      }, { opsPerCall: MESSAGES, note }),
    );
    await ceiling.close();

    progress(`mail: the sender — ${MESSAGES.toLocaleString('en-GB')} queued messages, at most once`);
    const readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    for (const spec of outboxProjection.collections) await readStore.defineCollection(spec);
    const contacts: DocumentChange[] = Array.from({ length: RESIDENTS }, (_, r) => {
      const id = `08001${String(r).padStart(5, '0')}`;
      const doc: OutboxContactDoc = { id, email: `r${id}@example.am`, phone: null, language: r % 2 === 0 ? 'hy' : 'en', emailSince: seqOf(1n), updatedAt: now };
      return { collection: OUTBOX_COLLECTIONS.contacts, id, doc: doc as unknown as Record<string, unknown> };
    });
    await readStore.applyBatch(OUTBOX_PROJECTION, 0, [...contacts, ...messages.map((m) => ({ collection: OUTBOX_COLLECTIONS.messages, id: m.id, doc: m as unknown as Record<string, unknown> }))], BigInt(1_000 + MESSAGES));
    const log = new SqliteMailDeliveryLog(path.join(dir, 'mail.sqlite'));
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${relay.port}`, from: 'Hamaynk <no-reply@hamaynk.example.am>' });
    const sender = createMailSender({ readStore, log, transport, publicUrl: PUBLIC_URL, batchSize: 64, concurrency: 4 });
    const before = relay.received();
    rows.push(
      await measure(GROUP, 'mail sender: queue, claim (committed), send, record (committed)', 1, async () => {
        while ((await sender.runOnce()) > 0);
      }, { opsPerCall: MESSAGES, baseline, note: `${note}; batches of 64 claimed and settled per transaction (synchronous=FULL)` }),
    );
    const counts = await log.counts();
    if (counts.sent !== MESSAGES || relay.received() - before !== MESSAGES) throw new Error(`mail bench: ${counts.sent} recorded sent, ${relay.received() - before} received, of ${MESSAGES}`);
    await transport.close();
    await log.close();
    await readStore.close();
  } finally {
    await relay.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};

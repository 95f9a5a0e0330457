/**
 * The `webhooks` group: deliveries per second from a log to a local receiver (127.0.0.1, answering 204 at
 * once) through the real dispatcher — one webhook, then 10 webhooks on the same events (independent loops,
 * each in order) — beside the baseline of the same bodies POSTed one at a time unsigned, with no checkpoint
 * (the transport's ceiling). The share of time spent signing is the signing alone (standardwebhooks'
 * `sign` of each body, measured on its own) over the delivery time.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { systemActor } from '../../application/authorization';
import { cloudEventLine } from '../../application/audit/export-events';
import { createWebhookDispatcher } from '../../application/webhooks/delivery';
import { webhookSecrets } from '../../application/webhooks/secret';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteIntegrationState } from '../../infrastructure/sqlite/sqlite-integration-state';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { HttpWebhookTransport } from '../../infrastructure/webhooks/http-webhook-transport';
import { createWriteSide } from '../../interfaces/composition';
import { progress, tempDir, type BenchRow } from './harness';

const GROUP = 'webhooks';
const BASELINE = 'unsigned POSTs of the same bodies, one at a time, no checkpoint';

export const webhookRows = async (quick: boolean): Promise<BenchRow[]> => {
  const eventsCount = quick ? 1_000 : 5_000;
  const dir = tempDir('hamaynk-bench-webhooks-');
  const events = new SqliteEventStore(path.join(dir, 'events.sqlite'), { pollIntervalMs: 5 });
  const reads = new SqliteReadStore(path.join(dir, 'read.sqlite'));
  const transport = new HttpWebhookTransport();
  let received = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const rows: BenchRow[] = [];
  try {
    const { commands } = createWriteSide({ eventStore: events });
    const actor = systemActor();
    progress(`webhooks: ${eventsCount} events`);
    const webhookIds: string[] = [];
    for (let i = 0; i < 11; i++) webhookIds.push((await commands.registerWebhook({ url, categories: ['community'] }, { actor })).id);
    for (let i = 0; i < eventsCount; i++) {
      await commands.registerCommunity({ input: { code: `B${String(i).padStart(5, '0')}`, nameHy: `Համայնք ${i}`, nameEn: `Community ${i}`, province: 'Shirak', kind: 'rural', population: 100 } }, { actor });
    }
    const logged = (await events.readAll({ category: 'community' })).slice(0, eventsCount);
    const head = logged[logged.length - 1].position;
    const secretOf = webhookSecrets('bench key, thirty-two bytes or more of it');

    // The baseline: the transport alone.
    const bodies = logged.map((e) => cloudEventLine(e, 'https://hamaynk.example'));
    let t0 = process.hrtime.bigint();
    for (const body of bodies) await transport.post(url, body, { 'content-type': 'application/cloudevents+json' }, 10_000);
    const baselineSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    rows.push({ group: GROUP, name: BASELINE, ops: bodies.length, opsPerSec: bodies.length / baselineSeconds, peakRssMb: process.memoryUsage.rss() / 1e6, note: `${bodies.length} CloudEvents to a local receiver (keep-alive)` });

    // The signing alone, per body.
    const signer = new Webhook(secretOf(webhookIds[0]));
    const at = new Date();
    t0 = process.hrtime.bigint();
    for (let i = 0; i < logged.length; i++) signer.sign(logged[i].metadata.eventId, at, bodies[i]);
    const signSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const signPerDelivery = signSeconds / logged.length;
    rows.push({ group: GROUP, name: 'signing alone (standardwebhooks sign, HMAC-SHA256)', ops: logged.length, opsPerSec: logged.length / signSeconds, peakRssMb: process.memoryUsage.rss() / 1e6 });

    const deliver = async (ids: readonly string[], name: string) => {
      // Each row has a store of its own: its webhooks start from their registration.
      const state = new SqliteIntegrationState(path.join(dir, `integrations-${ids.length}.sqlite`));
      const dispatcher = createWebhookDispatcher({
        eventStore: events,
        leases: reads,
        store: state,
        commands,
        transport,
        secretOf,
        deployment: 'https://hamaynk.example',
        clock: { now: () => new Date() },
        options: { discoveryIntervalMs: 20, ownerId: `bench-${name}` },
      });
      // Only the webhooks of this row deliver: the others are recorded as caught up.
      for (const id of webhookIds.filter((w) => !ids.includes(w))) {
        await state.save({ webhookId: id, deliveredPosition: head, pendingPosition: null, attempts: 0, lastAttemptAt: null, lastStatus: null, lastError: null, failingSince: null, nextAttemptAt: null, delivered: 0, resumptions: 0 });
      }
      const before = received;
      t0 = process.hrtime.bigint();
      await dispatcher.start();
      for (;;) {
        const states = await Promise.all(ids.map((id) => state.get(id)));
        if (states.every((s) => s !== null && s.deliveredPosition >= head)) break;
        await new Promise((r) => setTimeout(r, 2));
      }
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      await dispatcher.stop();
      await state.close();
      const deliveries = received - before;
      const share = (signPerDelivery * deliveries) / seconds;
      rows.push({
        group: GROUP,
        name,
        ops: deliveries,
        opsPerSec: deliveries / seconds,
        peakRssMb: process.memoryUsage.rss() / 1e6,
        baseline: BASELINE,
        note: `signing ${(share * 100).toFixed(1)} % of the time; each delivery read from the log, mapped, signed and POSTed after the previous one's 2xx, its checkpoint written (fsync) at most 50 ms apart`,
      });
    };
    await deliver([webhookIds[0]], 'one webhook: deliveries per second');
    await deliver(webhookIds.slice(1), '10 webhooks, each in order: deliveries per second, all together');
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
    await transport.close();
    await reads.close();
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};

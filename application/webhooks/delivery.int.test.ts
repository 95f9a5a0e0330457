/**
 * The delivery loop on the embedded stores with a real HTTP receiver and an injected clock: back-off with
 * jitter between attempts, parking after 24 hours of failures (a WebhookParked event, and
 * webhookDeliveries' state), nothing sent while parked, and resumption delivering the failed event first,
 * then the rest in order. Two dispatchers on one store: only the lease holder delivers.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteIntegrationState } from '../../infrastructure/sqlite/sqlite-integration-state';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { HttpWebhookTransport } from '../../infrastructure/webhooks/http-webhook-transport';
import { createWriteSide } from '../../interfaces/composition';
import type { Actor } from '../ports/event-store';
import { createWebhookDispatcher, backoffMs, type WebhookDispatcher } from './delivery';
import { webhookSecrets } from './secret';

const HOUR = 3_600_000;
const ministry: Actor = { id: '1000000001', role: 'ministry', assurance: 'eid', channel: 'staff' };
const integration: Actor = { id: 'treasury', role: 'integration', assurance: 'system', channel: 'system' };

describe('webhook delivery with an injected clock', () => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let state: SqliteIntegrationState;
  let transport: HttpWebhookTransport;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Array<{ id: string; position: string; status: number; body: string; headers: http.IncomingHttpHeaders }> = [];
  let answer = 503;
  // The business clock: every back-off sleep moves it on at once.
  let now = Date.parse('2026-12-01T08:00:00Z');
  const clock = { now: () => new Date(now) };
  const sleep = async (ms: number, signal: AbortSignal) => {
    if (!signal.aborted) now += ms;
    await new Promise((r) => setImmediate(r));
  };
  const dispatchers: WebhookDispatcher[] = [];
  const secretOf = webhookSecrets('a test key of thirty-two bytes or more, no placeholder');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-webhooks-'));
    events = new SqliteEventStore(path.join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
    reads = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    state = new SqliteIntegrationState(path.join(dir, 'integrations.sqlite'));
    transport = new HttpWebhookTransport();
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ id: String(req.headers['webhook-id']), position: (JSON.parse(body) as { position: string }).position, status: answer, body, headers: req.headers });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    for (const d of dispatchers) await d.stop();
    await transport.close();
    await new Promise<void>((r) => receiver.close(() => r()));
    await state.close();
    await reads.close();
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const waitFor = async (what: string, check: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1000, HOUR, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, HOUR, () => 0.999999)).toBe(1000);
    expect(backoffMs(4, 1000, HOUR, () => 0.5)).toBe(6000);
    expect(backoffMs(40, 1000, HOUR, () => 1)).toBe(HOUR);
  });

  it('parks after 24 h of failures, sends nothing while parked, and on resumption delivers the failed event first, then the rest in order', async () => {
    const { commands } = createWriteSide({ eventStore: events, clock });
    const { id } = await commands.registerWebhook({ url: receiverUrl, categories: ['community'] }, { actor: integration });
    const dispatch = (ownerId: string) =>
      createWebhookDispatcher({
        eventStore: events,
        leases: reads,
        store: state,
        commands,
        transport,
        secretOf,
        deployment: 'https://hamaynk.example',
        clock,
        sleep,
        random: () => 0.5,
        options: { ownerId, discoveryIntervalMs: 50, leaseTtlMs: 60_000, timeoutMs: 2_000 },
      });
    const a = dispatch('a');
    const b = dispatch('b');
    dispatchers.push(a, b);
    await a.start();
    await b.start();
    // One process delivers each webhook.
    expect(a.running()).toEqual([id]);
    expect(b.running()).toEqual([]);

    const register = (code: string) =>
      commands.registerCommunity({ input: { code, nameHy: `Համայնք ${code}`, nameEn: code, province: 'Shirak', kind: 'rural', population: 10 } }, { actor: ministry });
    await register('P001');
    await register('P002');

    await waitFor('the webhook to be parked', async () => (await events.readStream(`webhook-${id}`)).some((e) => e.type === 'WebhookParked'));
    const parked = (await events.readStream(`webhook-${id}`)).find((e) => e.type === 'WebhookParked')!;
    const failures = received.filter((r) => r.status === 503);
    // Only the first event was tried, again and again, over 24 hours of the business clock.
    expect(new Set(failures.map((r) => r.position)).size).toBe(1);
    expect(failures.length).toBeGreaterThan(10);
    const data = parked.data as { reason: string; failingSince: string; parkedAt: string; position: string };
    expect(data.reason).toBe('HTTP 503');
    expect(data.position).toBe(failures[0].position);
    expect(Date.parse(data.parkedAt) - Date.parse(data.failingSince)).toBeGreaterThanOrEqual(24 * HOUR);
    const checkpoint = await state.get(id);
    expect(checkpoint).toMatchObject({ pendingPosition: BigInt(data.position), lastStatus: 503, lastError: 'HTTP 503', delivered: 0 });
    // The same event id every time: the receiver can tell a retry.
    expect(new Set(failures.map((r) => r.id)).size).toBe(1);

    // Parked: nothing more is sent, even as time passes and events arrive.
    const sent = received.length;
    await register('P003');
    await new Promise((r) => setTimeout(r, 300));
    expect(received.length).toBe(sent);

    answer = 204;
    const resumed = await commands.resumeWebhook({ id }, { actor: integration });
    expect(resumed.view).toMatchObject({ status: 'active', parkedSince: null });
    await waitFor('every community delivered', () => received.filter((r) => r.status === 204).length === 3);
    const ok = received.filter((r) => r.status === 204);
    expect(ok[0].position).toBe(data.position);
    expect(ok.map((r) => (JSON.parse(r.body) as { data: { communityId: string } }).data.communityId)).toEqual(['P001', 'P002', 'P003']);
    const verifier = new Webhook(secretOf(id));
    for (const r of ok) {
      // Signed at the business clock's time, which ran a day ahead: verify with that time's tolerance.
      const headers = { 'webhook-id': r.id, 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) };
      jest.useFakeTimers({ now: Number(headers['webhook-timestamp']) * 1000, doNotFake: ['setTimeout', 'setImmediate', 'setInterval', 'clearTimeout', 'clearInterval', 'nextTick', 'queueMicrotask'] });
      try {
        expect(() => verifier.verify(r.body, headers)).not.toThrow();
      } finally {
        jest.useRealTimers();
      }
    }
    // The checkpoint is written when the batch ends (at most checkpointEveryMs after a success).
    await waitFor('the checkpoint', async () => (await state.get(id))?.delivered === 3);
    expect(await state.get(id)).toMatchObject({ pendingPosition: null, attempts: 0, failingSince: null, delivered: 3 });
    // A stopping process gives its lease up: the other takes the webhook over.
    await a.stop();
    await waitFor('b to take the webhook over', () => b.running().includes(id));
    await b.stop();
  });

  it('a receiver that answers slowly holds back only its own webhook, and a request over the timeout is a failed attempt', async () => {
    const slowRequests: string[] = [];
    const slow = http.createServer((req, res) => {
      req.resume();
      slowRequests.push(String(req.headers['webhook-id']));
      // Answers after 5 s, long after the other webhook got everything.
      setTimeout(() => res.writeHead(200).end(), 5_000).unref();
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const fast: string[] = [];
    const quick = http.createServer((req, res) => {
      req.resume();
      fast.push(String(req.headers['webhook-id']));
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => quick.listen(0, '127.0.0.1', r));
    try {
      const { commands } = createWriteSide({ eventStore: events, clock });
      const slowHook = await commands.registerWebhook({ url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, categories: ['fee', 'community'] }, { actor: integration });
      const fastHook = await commands.registerWebhook({ url: `http://127.0.0.1:${(quick.address() as AddressInfo).port}/`, categories: ['fee', 'community'] }, { actor: integration });
      const dispatcher = createWebhookDispatcher({
        eventStore: events,
        leases: reads,
        store: state,
        commands,
        transport,
        secretOf,
        deployment: 'https://hamaynk.example',
        clock: { now: () => new Date() },
        options: { ownerId: 'c', discoveryIntervalMs: 50, timeoutMs: 1_000 },
        onError: (error, id) => console.error('webhook error', id, error),
      });
      dispatchers.push(dispatcher);
      await dispatcher.start();
      expect(dispatcher.running()).toEqual(expect.arrayContaining([slowHook.id, fastHook.id]));
      for (const code of ['S001', 'S002', 'S003', 'S004']) {
        await commands.registerCommunity({ input: { code, nameHy: code, nameEn: code, province: 'Lori', kind: 'rural', population: 1 } }, { actor: ministry });
      }
      await waitFor('the fast receiver to get all four', () => fast.length === 4);
      // The slow one is still on its first event: in order, one at a time.
      expect(new Set(slowRequests).size).toBe(1);
      expect((await state.get(slowHook.id))?.delivered).toBe(0);
      // Over the per-request timeout (1 s here): a failed attempt, retried.
      await waitFor('the slow request to time out', async () => (await state.get(slowHook.id))?.lastError === 'timeout after 1000 ms');
      expect(await state.get(slowHook.id)).toMatchObject({ lastStatus: null, delivered: 0, attempts: 1 });
      await dispatcher.stop();
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((r) => slow.close(() => r()));
      await new Promise<void>((r) => quick.close(() => r()));
    }
  });
});

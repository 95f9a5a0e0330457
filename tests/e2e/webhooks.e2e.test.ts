/**
 * Webhooks end to end: real server processes, a local HTTP receiver on 127.0.0.1. Every delivery must be a
 * valid CloudEvent by the cloudevents SDK and carry a signature the standardwebhooks verifier accepts; events
 * arrive in log order; none is lost while the receiver fails for a while, nor when the server is replaced by
 * another process on the same DATA_DIR in the middle. Bad registrations append nothing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { CloudEvent } from 'cloudevents';
import { Webhook } from 'standardwebhooks';
import { wsClient } from '../support/graphql-client';
import { cliArgs, startServer, type RunningServer } from '../support/server-process';

const run = promisify(execFile);
const PUBLIC_URL = 'http://hamaynk.example';

interface Received {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number;
}

/** A receiver that records every request and answers `status()` (200 unless told otherwise). */
const startReceiver = async () => {
  const received: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hamaynk`,
    received,
    answer: (s: number) => (status = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('webhooks', () => {
  let server: RunningServer;
  let dataDir: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const tokens: Record<string, string> = {};
  const token = async (...args: string[]) => (await run(process.execPath, cliArgs('token', ...args), { env: { ...process.env, DATA_DIR: dataDir } })).stdout.trim();
  const head = async () => ((await (await fetch(`${server.url}/health`)).json()) as { head: string | null }).head;

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startServer({ PUBLIC_URL });
    dataDir = server.dataDir;
    tokens.ministry = await token('--role', 'ministry');
    tokens.integration = await token('--role', 'integration', '--sub', 'treasury');
    tokens.otherIntegration = await token('--role', 'integration', '--sub', 'statistics');
    tokens.resident = await token('--role', 'resident', '--sub', 'r1', '--acr', 'eid');
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let n = 0;
  const registerCommunity = async () => {
    n += 1;
    const code = `W${String(n).padStart(3, '0')}`;
    const res = await server.graphql(
      `mutation($code: ID!) { registerCommunity(input: {code: $code, nameHy: "Համայնք ${n}", nameEn: "Community ${n}", province: "Shirak", kind: "rural", population: 1000}) { id } }`,
      { code },
      tokens.ministry,
    );
    expect(res.errors).toBeUndefined();
    return code;
  };

  const registerWebhook = (url: string, categories: string[] | null, tokenValue = tokens.integration) =>
    server.graphql<{ registerWebhook: { id: string; revision: number; secret: string; status: string; webhook: { url: string; categories: string[]; registeredBy: string } } }>(
      'mutation($url: String!, $categories: [String!]) { registerWebhook(url: $url, categories: $categories, description: "Գանձապետարան") { id revision secret status webhook { id url categories registeredBy description } } }',
      { url, categories },
      tokenValue,
    );

  const deliveries = (id: string, tokenValue = tokens.integration) =>
    server.graphql<{ webhookDeliveries: Record<string, unknown> }>(
      'query($id: ID!) { webhookDeliveries(id: $id) { status deliveredPosition pendingPosition head lag delivered attempts lastAttemptAt lastStatus lastError failingSince parkedSince nextAttemptAt webhook { id status } } }',
      { id },
      tokenValue,
    );

  it('refuses a URL that is not http(s), or that points at this server itself, appending nothing', async () => {
    const before = await head();
    const port = new URL(server.url).port;
    for (const [url, reason] of [
      ['ftp://example.org/hook', 'WEBHOOK_URL_NOT_HTTP'],
      ['not a url', 'WEBHOOK_URL_NOT_HTTP'],
      ['http://user:pw@example.org/hook', 'WEBHOOK_URL_NOT_HTTP'],
      [`${server.url}/graphql`, 'WEBHOOK_URL_IS_THIS_SERVER'],
      [`http://localhost:${port}/x`, 'WEBHOOK_URL_IS_THIS_SERVER'],
      [`${PUBLIC_URL}/hook`, 'WEBHOOK_URL_IS_THIS_SERVER'],
    ] as const) {
      const res = await registerWebhook(url, null);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', reason, fields: ['url'] });
    }
    const badCategory = await registerWebhook(receiver.url, ['Fees!']);
    expect(badCategory.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'INVALID_CATEGORY' });
    const resident = await registerWebhook(receiver.url, null, tokens.resident);
    expect(resident.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await head()).toBe(before);
  });

  it('delivers every event of its categories in order, signed and as CloudEvents, through failures and a server killed and replaced', async () => {
    const reg = await registerWebhook(receiver.url, ['community']);
    expect(reg.errors).toBeUndefined();
    const { id, secret } = reg.data!.registerWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(reg.data!.registerWebhook).toMatchObject({ revision: 0, status: 'active', webhook: { id, url: receiver.url, categories: ['community'], registeredBy: 'treasury', description: 'Գանձապետարան' } });
    // Shown once: the Webhook type has no secret field at all.
    expect((await deliveries(id)).data!.webhookDeliveries.webhook).toEqual({ id, status: 'active' });
    expect((await server.graphql('query($id: ID!) { webhookDeliveries(id: $id) { webhook { secret } } }', { id }, tokens.integration)).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Another integration neither sees its deliveries nor resumes it.
    expect((await deliveries(id, tokens.otherIntegration)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const verifier = new Webhook(secret);
    const accepted = () => receiver.received.filter((r) => r.answered >= 200 && r.answered < 300);
    const codesDelivered = () => [...new Set(accepted().map((r) => (JSON.parse(r.body) as { data: { communityId: string } }).data.communityId))];

    // Deliveries begin after the registration: wait until the loop has taken the webhook up.
    await waitFor('the webhook to be taken up', async () => (await deliveries(id)).data!.webhookDeliveries.deliveredPosition !== null);
    const first = [await registerCommunity(), await registerCommunity(), await registerCommunity()];
    await waitFor('three deliveries', () => codesDelivered().length === 3);

    // The receiver fails for a while: the pending event is retried, nothing after it is sent.
    receiver.answer(500);
    const during = [await registerCommunity(), await registerCommunity()];
    await waitFor('two failed attempts', () => receiver.received.filter((r) => r.answered === 500).length >= 2);
    const failing = (await deliveries(id)).data!.webhookDeliveries;
    expect(failing).toMatchObject({ status: 'active', lastStatus: 500, lastError: 'HTTP 500', delivered: 3 });
    expect(failing.attempts).toBeGreaterThanOrEqual(1);
    expect(failing.pendingPosition).toEqual(expect.any(String));
    expect(failing.failingSince).toEqual(expect.any(String));
    expect(Date.parse(failing.nextAttemptAt as string)).toBeGreaterThan(Date.parse(failing.lastAttemptAt as string));
    const failedIds = new Set(receiver.received.filter((r) => r.answered === 500).map((r) => r.headers['webhook-id']));
    expect(failedIds.size).toBe(1);

    // The server dies in the middle (SIGKILL: no flush, its lease left to expire); another process takes the same DATA_DIR over.
    await server.stop('SIGKILL');
    server = await startServer({ PUBLIC_URL }, { dataDir });
    receiver.answer(200);
    const after = [await registerCommunity(), await registerCommunity()];
    const expected = [...first, ...during, ...after];
    // The dead process's lease runs out (15 s) before the new one delivers.
    await waitFor('every event delivered', () => codesDelivered().length === expected.length, 50_000);

    expect(codesDelivered()).toEqual(expected);
    // At least once, in order: the positions of accepted deliveries never go back.
    const positions = accepted().map((r) => BigInt((JSON.parse(r.body) as { position: string }).position));
    positions.slice(1).forEach((p, i) => expect(p >= positions[i]).toBe(true));
    for (const r of receiver.received) {
      const headers = { 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) };
      expect(() => verifier.verify(r.body, headers)).not.toThrow();
      expect(() => verifier.verify(`${r.body} `, headers)).toThrow();
      const body = JSON.parse(r.body) as Record<string, unknown> & { data: { communityId: string } };
      const event = new CloudEvent(body, true);
      expect(event.validate()).toBe(true);
      expect(r.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
      expect(body).toMatchObject({
        specversion: '1.0',
        id: headers['webhook-id'],
        type: 'am.hamaynk.community.CommunityRegistered',
        source: `${PUBLIC_URL}/communities/${body.data.communityId}`,
        subject: `community-${body.data.communityId}`,
        datacontenttype: 'application/json',
      });
      expect(body.position).toMatch(/^[0-9]+$/);
      expect(body.data).toMatchObject({ nameHy: expect.stringMatching(/^Համայնք /) });
    }
    const lastPosition = String(positions[positions.length - 1]);
    await waitFor('the checkpoint at the last delivery', async () => (await deliveries(id)).data!.webhookDeliveries.deliveredPosition === lastPosition);
    const done = (await deliveries(id)).data!.webhookDeliveries;
    expect(done).toMatchObject({ status: 'active', pendingPosition: null, attempts: 0, lastError: null, lastStatus: 200, failingSince: null, nextAttemptAt: null });
    expect(done.delivered).toBeGreaterThanOrEqual(expected.length);
  }, 120_000);

  it('resumes only a parked webhook: resuming an active one is refused and appends nothing', async () => {
    const { id } = (await registerWebhook(receiver.url, ['fee'])).data!.registerWebhook;
    const before = await head();
    const res = await server.graphql('mutation($id: ID!) { resumeWebhook(id: $id) { id status } }', { id }, tokens.integration);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'WEBHOOK_NOT_PARKED' });
    const stranger = await server.graphql('mutation($id: ID!) { resumeWebhook(id: $id) { id } }', { id }, tokens.otherIntegration);
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await deliveries('no-such-webhook', tokens.ministry);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await head()).toBe(before);
  });

  describe('persistent consumers of the events feed', () => {
    interface Item {
      position: string;
      streamId: string;
    }
    /** Takes `count` items of events(consumer:), then disconnects. */
    const take = (count: number, variables: Record<string, unknown>, tokenValue = tokens.integration): Promise<Item[]> =>
      new Promise((resolve, reject) => {
        const client = wsClient(server.url, tokenValue);
        const items: Item[] = [];
        const dispose = client.subscribe<{ events: Item }>(
          { query: 'subscription($consumer: String, $from: String, $category: String) { events(consumer: $consumer, fromPosition: $from, category: $category) { position streamId } }', variables },
          {
            next: (msg) => {
              if (msg.errors) return reject(new Error(JSON.stringify(msg.errors)));
              items.push(msg.data!.events);
              if (items.length === count) {
                dispose();
                void client.dispose();
                resolve(items);
              }
            },
            error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
            complete: () => undefined,
          },
        );
      });
    const acknowledge = (consumer: string, position: string, tokenValue = tokens.integration) =>
      server.graphql<{ acknowledgeEvents: { integration: string; consumer: string; position: string | null; lag: number; head: string } }>(
        'mutation($consumer: String!, $position: String!) { acknowledgeEvents(consumer: $consumer, position: $position) { integration consumer position head lag } }',
        { consumer, position },
        tokenValue,
      );

    it('resumes after the acknowledged position, never moves it back, refuses one past the head, and shows the lag to the ministry', async () => {
      for (let i = 0; i < 4; i++) await registerCommunity();
      const start = String(BigInt((await head())!) - 4n);
      // Before any acknowledgement fromPosition says where to start.
      const firstRun = await take(3, { consumer: 'ledger', from: start, category: 'community' });
      const ack = await acknowledge('ledger', firstRun[1].position);
      expect(ack.errors).toBeUndefined();
      expect(ack.data!.acknowledgeEvents).toMatchObject({ integration: 'treasury', consumer: 'ledger', position: firstRun[1].position });
      // Reconnecting with the name resumes after the checkpoint (fromPosition no longer counts).
      const resumed = await take(2, { consumer: 'ledger', from: '0', category: 'community' });
      expect(resumed.map((e) => e.position)).toEqual([firstRun[2].position, expect.any(String)]);
      expect(BigInt(resumed[1].position)).toBeGreaterThan(BigInt(firstRun[2].position));

      // Never backwards.
      const back = await acknowledge('ledger', firstRun[0].position);
      expect(back.data!.acknowledgeEvents.position).toBe(firstRun[1].position);
      // Past the head: refused, nothing changes.
      const past = await acknowledge('ledger', String(BigInt((await head())!) + 1n));
      expect(past.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'POSITION_PAST_HEAD', fields: ['position'] });
      const badName = await acknowledge('no spaces allowed', firstRun[1].position);
      expect(badName.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'INVALID_CONSUMER_NAME' });
      expect((await acknowledge('ledger', firstRun[1].position, tokens.resident)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      await expect(take(1, { consumer: 'no spaces allowed' })).rejects.toThrow(/VALIDATION_FAILED/);
      await expect(take(1, { consumer: 'ledger' }, tokens.resident)).rejects.toThrow(/FORBIDDEN/);
      // Another integration's consumer of the same name is its own.
      const other = await take(1, { consumer: 'ledger', from: start, category: 'community' }, tokens.otherIntegration);
      expect(other[0].position).toBe(firstRun[0].position);

      const listed = await server.graphql<{ eventConsumers: Array<{ integration: string; consumer: string; position: string | null; head: string; lag: number; category: string | null }> }>(
        '{ eventConsumers { integration consumer position category head lag } }',
        {},
        tokens.ministry,
      );
      expect(listed.errors).toBeUndefined();
      const headNow = BigInt((await head())!);
      expect(listed.data!.eventConsumers).toEqual(
        expect.arrayContaining([
          { integration: 'statistics', consumer: 'ledger', position: null, category: 'community', head: String(headNow), lag: Number(headNow) },
          { integration: 'treasury', consumer: 'ledger', position: firstRun[1].position, category: 'community', head: String(headNow), lag: Number(headNow - BigInt(firstRun[1].position)) },
        ]),
      );
      // An integration sees its own consumers only.
      const own = await server.graphql<{ eventConsumers: Array<{ integration: string }> }>('{ eventConsumers { integration } }', {}, tokens.integration);
      expect(own.data!.eventConsumers.map((c) => c.integration)).toEqual(['treasury']);
      expect((await server.graphql('{ eventConsumers { integration } }', {}, tokens.resident)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});

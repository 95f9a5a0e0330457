/**
 * The `events` subscription over a real WebSocket (graphql-ws): catch-up then live, and a consumer that
 * disconnects and resumes from its last position while writes continue receives every event once.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { wsClient } from '../support/graphql-client';
import { cliArgs, startServer, type RunningServer } from '../support/server-process';

const run = promisify(execFile);

interface Item {
  position: string;
  streamId: string;
  type: string;
  data: { communityId?: string };
}

describe('subscription events(fromPosition, category)', () => {
  let server: RunningServer;
  const tokens: Record<string, string> = {};
  const token = async (...args: string[]) => (await run(process.execPath, cliArgs('token', ...args), { env: { ...process.env, DATA_DIR: server.dataDir } })).stdout.trim();

  beforeAll(async () => {
    server = await startServer();
    tokens.ministry = await token('--role', 'ministry');
    tokens.integration = await token('--role', 'integration');
    tokens.resident = await token('--role', 'resident', '--sub', 'r1', '--acr', 'eid');
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  let n = 0;
  const register = async () => {
    n += 1;
    const code = `C${String(n).padStart(3, '0')}`;
    const res = await server.graphql(
      `mutation($code: ID!) { registerCommunity(input: {code: $code, nameHy: "Համայնք ${n}", nameEn: "Community ${n}", province: "Shirak", kind: "rural", population: 1000}) { id } }`,
      { code },
      tokens.ministry,
    );
    expect(res.errors).toBeUndefined();
    return code;
  };

  /** Collects `count` items from a subscription, then disconnects. */
  const take = (
    count: number,
    variables: Record<string, unknown>,
    tokenValue = tokens.integration,
    query = 'subscription($from: String, $category: String) { events(fromPosition: $from, category: $category) { position streamId type data } }',
  ): Promise<Item[]> =>
    new Promise((resolve, reject) => {
      const client = wsClient(server.url, tokenValue);
      const items: Item[] = [];
      const dispose = client.subscribe<{ events: Item }>(
        { query, variables },
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

  it('replays from the start, then follows live, resuming after a disconnect without loss or repeat', async () => {
    for (let i = 0; i < 5; i++) await register();
    const first = await take(5, {});
    expect(first.map((e) => e.data.communityId)).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);

    // Writes continue while the consumer is away and while it catches up again.
    const writing = (async () => {
      for (let i = 0; i < 15; i++) await register();
    })();
    const resumed = await take(15, { from: first[first.length - 1].position });
    await writing;
    expect(resumed.map((e) => e.data.communityId)).toEqual(Array.from({ length: 15 }, (_, i) => `C${String(i + 6).padStart(3, '0')}`));
    const positions = [...first, ...resumed].map((e) => BigInt(e.position));
    positions.slice(1).forEach((p, i) => expect(p > positions[i]).toBe(true));
  });

  it('follows one category only, and live events arrive after the subscription starts', async () => {
    const pending = take(2, { category: 'community', from: String(BigInt(await headPosition())) });
    await new Promise((r) => setTimeout(r, 200));
    const a = await register();
    const b = await register();
    const items = await pending;
    expect(items.map((e) => e.data.communityId)).toEqual([a, b]);
    expect(items.every((e) => e.streamId.startsWith('community-'))).toBe(true);
  });

  it('refuses residents and anonymous callers', async () => {
    await expect(take(1, {}, tokens.resident)).rejects.toThrow(/FORBIDDEN/);
    await expect(take(1, {}, '')).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('refuses a subscription document deeper than the depth limit', async () => {
    const deep = `subscription { events { ${'... on EventItem { '.repeat(11)}position${' }'.repeat(11)} } }`;
    await expect(take(1, {}, tokens.integration, deep)).rejects.toThrow(/QUERY_TOO_COMPLEX.*|query depth \(12\)/);
    // The limit is the only refusal: the same items at depth 10 arrive.
    const shallow = `subscription { events { ${'... on EventItem { '.repeat(8)}position${' }'.repeat(8)} } }`;
    expect((await take(1, {}, tokens.integration, shallow))[0].position).toEqual(expect.any(String));
  });

  const headPosition = async () => ((await (await fetch(`${server.url}/health`)).json()) as { head: string }).head;
});

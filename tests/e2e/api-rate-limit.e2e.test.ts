/**
 * RATE_LIMIT_PER_MINUTE (docs/api.md "Process and command line"): mutations per client per minute. With a
 * limit of 5, the 6th mutation within the minute is RATE_LIMITED with HTTP 429 and appends nothing,
 * while queries and /health still answer.
 */
import fs from 'node:fs';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, gql, httpRequest, LEAK, mintTokens } from './support/api';

describe('GraphQL API: rate limit on mutations', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let ministry: string;

  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_PER_MINUTE: '5' });
    api = apiClient(server);
    ({ ministry } = await mintTokens(server.dataDir, { ministry: { role: 'ministry' } }));
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const register = (i: number) =>
    api.send('registerCommunity', { input: { code: `RL-${i}`, nameHy: `Համայնք ${i}`, nameEn: `Community ${i}`, province: 'Syunik', kind: 'rural', population: 100 + i } }, ministry);

  it('refuses the 6th mutation within a minute with 429 RATE_LIMITED, appending nothing, while queries still work', async () => {
    // Queries do not count against the limit.
    for (let i = 0; i < 7; i++) expect((await gql(server, '{ serverInfo { name } }')).status).toBe(200);

    for (let i = 1; i <= 5; i++) {
      const res = await register(i);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data?.registerCommunity).toMatchObject({ id: `RL-${i}`, revision: 0, status: 'active' });
    }
    const head = await api.head();

    const sixth = await register(6);
    expect(sixth.text).not.toMatch(LEAK);
    expect(await api.head()).toBe(head);
    expect({ status: sixth.status, codes: sixth.errors?.map((e) => e.extensions?.code) }).toEqual({ status: 429, codes: ['RATE_LIMITED'] });
    expect(sixth.errors![0].message).toMatch(/5/);
    expect(sixth.data ?? null).toBeNull();

    // Any mutation counts, and the limit holds for the rest of the minute.
    const seventh = await api.send('recordPopulation', { communityId: 'RL-1', population: 1, asOf: '2024-01-01' }, ministry);
    expect({ status: seventh.status, codes: seventh.errors?.map((e) => e.extensions?.code) }).toEqual({ status: 429, codes: ['RATE_LIMITED'] });
    expect(await api.head()).toBe(head);

    // Queries and /health still answer.
    const info = await gql<{ serverInfo: { name: string; head: string } }>(server, '{ serverInfo { name head } }');
    expect(info.status).toBe(200);
    expect(info.errors).toBeUndefined();
    expect(info.data?.serverInfo).toEqual({ name: 'Hamaynk', head });
    expect((await httpRequest(`${server.url}/health`)).status).toBe(200);
    expect(await api.head()).toBe(head);
  });
});

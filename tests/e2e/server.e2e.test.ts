import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cliArgs, startServer, type RunningServer } from '../support/server-process';
import { apiClient, mintTokens } from './support/api';

const run = promisify(execFile);

describe('hamaynk serve', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('prints the URLs it serves once ready', () => {
    expect(server.output()).toMatch(/GraphQL\s+http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(server.output()).toMatch(/GraphiQL\s+http:\/\/127\.0\.0\.1:\d+\/graphiql/);
    expect(server.output()).toMatch(/Health\s+http:\/\/127\.0\.0\.1:\d+\/health/);
  });

  it('answers /health with the store in use and the head of the log', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { projections: unknown };
    expect(body).toMatchObject({ status: 'ok', eventStore: 'sqlite', readStore: 'sqlite', head: null });
    expect(typeof body.projections).toBe('object');
  });

  it('answers the serverInfo query over POST /graphql', async () => {
    const res = await server.graphql<{ serverInfo: { name: string; eventStore: string; head: string | null; version: string } }>('{ serverInfo { name version eventStore head } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.serverInfo).toMatchObject({ name: 'Hamaynk', eventStore: 'sqlite', head: null });
    expect(res.data?.serverInfo.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs its projections in a worker thread, which its commits wake', async () => {
    expect(server.output()).toMatch(/projections caught up in a worker thread/);
    const { ministry } = await mintTokens(server.dataDir, { ministry: { role: 'ministry' } });
    await apiClient(server).must('registerCommunity', { input: { code: 'WT001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 112_000 } }, ministry);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const health = (await (await fetch(`${server.url}/health`)).json()) as { head: string; projections: Record<string, { lag: number | null }> };
      if (Object.values(health.projections).every((p) => p.lag === 0) && health.head !== null) break;
      if (Date.now() > deadline) throw new Error(`projections did not catch up: ${JSON.stringify(health)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ community(id: "WT001") { id nameHy } }' }),
    });
    expect(await res.json()).toEqual({ data: { community: { id: 'WT001', nameHy: 'Գյումրի' } } });
  });

  it('serves GraphiQL at /graphiql', async () => {
    const res = await fetch(`${server.url}/graphiql`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/graphiql/i);
  });

  it('shows no demo data banner on its public pages when nothing was seeded (SEED=none)', async () => {
    for (const url of ['/', '/c', '/c?lang=en', '/c/NO-SUCH']) {
      const html = await (await fetch(`${server.url}${url}`)).text();
      expect(html).toContain('<main id="main"');
      expect(html).not.toContain('demo-banner');
    }
  });

  it('keeps its events in one SQLite file under DATA_DIR', () => {
    expect(fs.existsSync(path.join(server.dataDir, 'events.sqlite'))).toBe(true);
  });
});

describe('hamaynk serve stopping and failing', () => {
  it('stops cleanly on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await startServer();
      expect(await server.stop(signal)).toBe(0);
      expect(server.output()).toContain(`${signal} received, stopping`);
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
  });

  const fails = async (env: Record<string, string>) => {
    const error = (await run(process.execPath, cliArgs('serve'), { env: { ...process.env, PORT: '0', ...env } }).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(error.code).not.toBe(0);
    const lines = error.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0];
  };

  it('exits non-zero with one clear line for an unwritable DATA_DIR', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-f-')), 'a-file');
    fs.writeFileSync(file, 'not a folder');
    expect(await fails({ DATA_DIR: path.join(file, 'data') })).toMatch(/^hamaynk: DATA_DIR .* is not writable/);
  });

  it('exits non-zero with one clear line for a bad EVENTSTORE_URL', async () => {
    expect(await fails({ EVENTSTORE_URL: 'http://not-eventstore' })).toMatch(/^hamaynk: .*EVENTSTORE_URL|^hamaynk: .*esdb/i);
    expect(await fails({ EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false' })).toMatch(/^hamaynk: /);
  });

  it('exits non-zero with one line for an unknown command', async () => {
    const error = (await run(process.execPath, cliArgs('frobnicate')).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stderr.trim()).toBe('hamaynk: unknown command "frobnicate" (try "hamaynk help")');
  });
});

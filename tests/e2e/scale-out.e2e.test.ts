/**
 * API processes and projection workers apart: `serve --projections off` answers and writes, a separate
 * `hamaynk projector` keeps the read models; with two projectors, each projection runs in exactly one.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { ALL_PROJECTIONS } from '../../projections';
import { cliArgs, startServer, type RunningServer } from '../support/server-process';

const run = promisify(execFile);

const startProjector = (dataDir: string): { child: ChildProcess; output: () => string } => {
  const child = spawn(process.execPath, cliArgs('projector'), { env: { ...process.env, DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return { child, output: () => out };
};

const stopped = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));

describe('serve --projections off with separate projectors', () => {
  let server: RunningServer;
  let ministry: string;
  beforeAll(async () => {
    server = await startServer({}, { args: ['--projections', 'off'] });
    ministry = (await run(process.execPath, cliArgs('token', '--role', 'ministry'), { env: { ...process.env, DATA_DIR: server.dataDir } })).stdout.trim();
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const communityCount = async () => ((await server.graphql<{ communities: { totalCount: number } }>('{ communities { totalCount } }')).data?.communities.totalCount ?? -1);
  const register = (code: string) =>
    server.graphql(`mutation { registerCommunity(input: {code: "${code}", nameHy: "Համայնք", nameEn: "Community", province: "Lori", kind: "rural", population: 900}) { id } }`, {}, ministry);
  const eventually = async (check: () => Promise<boolean>, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('writes are accepted but read models stay behind until a projector runs them', async () => {
    expect((await register('L001')).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 500));
    expect(await communityCount()).toBe(0);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { head: string; projections: Record<string, { lag: number }> };
    expect(health.head).toBe('1');
    expect(health.projections.cases.lag).toBe(1);

    const first = startProjector(server.dataDir);
    const second = startProjector(server.dataDir);
    try {
      await eventually(async () => (await communityCount()) === 1);
      await register('L002');
      await eventually(async () => (await communityCount()) === 2);
      // Both workers are up (each prints its line once its leases are settled)…
      await eventually(async () => first.output().includes('is running') && second.output().includes('is running'));
      // …and each projection runs in exactly one of them.
      const names = ALL_PROJECTIONS.map((p) => p.name);
      await eventually(async () => (first.output().match(/running here/g)?.length ?? 0) + (second.output().match(/running here/g)?.length ?? 0) === names.length);
      const ran = names.map((name) => [first.output(), second.output()].filter((o) => o.includes(`projection ${name}: running here`)).length);
      expect(ran).toEqual(names.map(() => 1));
    } finally {
      first.child.kill('SIGTERM');
      second.child.kill('SIGTERM');
      expect(await stopped(first.child)).toBe(0);
      expect(await stopped(second.child)).toBe(0);
    }
  }, 300_000);
});

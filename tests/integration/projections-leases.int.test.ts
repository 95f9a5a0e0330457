/**
 * One worker per projection: leases in the SQLite read store decide which projector runs each projection;
 * a runner whose lease is lost stops; when a worker stops (or dies) another takes over within the lease time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { projectInMemory } from '../../projections/definition';
import { projectionHealth, startProjections, type ProjectionSupervisor, type SupervisorOptions } from '../../projections/runner';
import { appendEvents, leaseTestProjections, plain, storedDocs } from './projections-fixture';

const root = path.resolve(__dirname, '..', '..');
const ALL = leaseTestProjections.map((p) => p.name).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it holds or `ms` pass; returns how long it took. */
const eventually = async (check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<number> => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(10);
  }
  return Date.now() - started;
};

describe('projection leases on the SQLite read store', () => {
  let dir: string;
  const open: Array<SqliteEventStore | SqliteReadStore> = [];
  const supervisors: ProjectionSupervisor[] = [];
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-leases-'));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(supervisors.splice(0).map((s) => s.stop()));
    await Promise.all(open.splice(0).map((s) => s.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A worker: its own connections to the same two files. */
  const worker = () => {
    const events = new SqliteEventStore(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL', pollIntervalMs: 10 });
    const reads = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    open.push(events, reads);
    return { events, reads };
  };
  const supervise = async (w: ReturnType<typeof worker>, options: SupervisorOptions) => {
    const s = await startProjections(w.events, w.reads, leaseTestProjections, options);
    supervisors.push(s);
    return s;
  };
  const expectFolds = async (w: ReturnType<typeof worker>) => {
    const all = await w.events.readAll();
    for (const p of leaseTestProjections) expect([p.name, plain(await storedDocs(w.reads, p))]).toEqual([p.name, plain(projectInMemory(p, all))]);
  };

  it('a lease has one holder at a time: renewed by it, taken over once expired, given up on release', async () => {
    let now = 1_000_000;
    const a = new SqliteReadStore(path.join(dir, 'read.sqlite'), { now: () => now });
    const b = new SqliteReadStore(path.join(dir, 'read.sqlite'), { now: () => now });
    open.push(a, b);
    expect(await a.acquireLease('alpha', 'A', 1000)).toEqual({ projection: 'alpha', owner: 'A', expiresAt: 1_001_000, held: true });
    expect(await b.acquireLease('alpha', 'B', 1000)).toEqual({ projection: 'alpha', owner: 'A', expiresAt: 1_001_000, held: false });
    now += 600;
    expect(await a.acquireLease('alpha', 'A', 1000)).toEqual({ projection: 'alpha', owner: 'A', expiresAt: 1_001_600, held: true });
    now += 900; // 1 001 500: still A's (renewed)
    expect((await b.acquireLease('alpha', 'B', 1000)).held).toBe(false);
    now += 100; // 1 001 600: expired
    expect(await b.acquireLease('alpha', 'B', 1000)).toEqual({ projection: 'alpha', owner: 'B', expiresAt: 1_002_600, held: true });
    expect((await a.acquireLease('alpha', 'A', 1000)).held).toBe(false);
    await a.releaseLease('alpha', 'A'); // not A's: nothing happens
    expect(await a.acquireLease('alpha', 'A', 1000)).toEqual({ projection: 'alpha', owner: 'B', expiresAt: 1_002_600, held: false });
    await b.releaseLease('alpha', 'B'); // given up at once, long before it would expire
    expect((await a.acquireLease('alpha', 'A', 1000)).held).toBe(true);
    await expect(a.acquireLease('alpha', 'A', 0)).rejects.toThrow(/ttlMs/);
  });

  it('two supervisors on the same files: each projection is run by exactly one; when one stops the other takes over', async () => {
    const wa = worker();
    const wb = worker();
    await appendEvents(wa.events, 400, { streams: 20 });
    const options = { leaseTtlMs: 1000, heartbeatMs: 50, batchSize: 100 };
    const [a, b] = await Promise.all([supervise(wa, { ...options, ownerId: 'A' }), supervise(wb, { ...options, ownerId: 'B' })]);
    for (let i = 0; i < 30; i++) {
      const ra = a.running();
      const rb = b.running();
      expect(ra.filter((n) => rb.includes(n))).toEqual([]);
      expect([...ra, ...rb].sort()).toEqual(ALL);
      await sleep(20);
    }
    const head = await appendEvents(wa.events, 300, { streams: 20, seed: 5, concurrency: 4 });
    await a.waitUntilCaughtUp(head);
    await b.waitUntilCaughtUp(head);
    await expectFolds(wa);
    // The leases say the same as the workers: a bystander asking for each is told who runs it.
    const holders = await Promise.all(ALL.map(async (name) => [name, await wa.reads.acquireLease(name, 'bystander', 1000)] as const));
    expect(holders.every(([, lease]) => !lease.held)).toBe(true);
    expect(Object.fromEntries(holders.map(([name, lease]) => [name, lease.owner]))).toEqual(Object.fromEntries(ALL.map((name) => [name, a.running().includes(name) ? 'A' : 'B'])));

    // A stops (giving its leases up): B runs everything within a heartbeat or two.
    await a.stop();
    const took = await eventually(() => b.running().length === ALL.length, 1000, 'B runs every projection');
    expect(took).toBeLessThan(500);
    const more = await appendEvents(wb.events, 300, { streams: 20, seed: 6, concurrency: 4 });
    await b.waitUntilCaughtUp(more);
    await expectFolds(wb);
    expect(await b.health()).toEqual(Object.fromEntries(ALL.map((n) => [n, { position: String(more), lag: 0 }])));
  });

  it('a runner whose lease was taken (it renewed too late) stops', async () => {
    const wa = worker();
    const wb = worker();
    await appendEvents(wa.events, 200, { streams: 10 });
    const lines: string[] = [];
    // A renews only every 2 s, its lease lasts 300 ms: B takes the projections over in between.
    const a = await supervise(wa, { ownerId: 'A', leaseTtlMs: 300, heartbeatMs: 2000, log: (l) => lines.push(l) });
    expect(a.running().sort()).toEqual(ALL);
    const b = await supervise(wb, { ownerId: 'B', leaseTtlMs: 300, heartbeatMs: 50 });
    await eventually(() => b.running().length === ALL.length, 2000, 'B takes over the expired leases');
    await eventually(() => a.running().length === 0, 3000, 'A stops its runners at its next heartbeat');
    expect(lines.filter((l) => l.includes('lease lost')).sort()).toEqual(ALL.map((n) => `projection ${n}: stopped here (lease lost)`));
    const head = await appendEvents(wb.events, 200, { streams: 10, seed: 9, concurrency: 4 });
    await b.waitUntilCaughtUp(head);
    await expectFolds(wb);
  });

  it('a projector killed with -9 keeps its leases until they expire; then another takes over and carries on', async () => {
    const w = worker();
    await appendEvents(w.events, 300, { streams: 15 });
    const ttl = 1500;
    const child = spawn(process.execPath, ['-r', path.join(root, 'tests/support/ts-register.js'), path.join(__dirname, 'projections-child.ts'), 'projector', dir, 'child', String(ttl)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await eventually(() => out.includes(`running ${ALL.join(',')}`), 20_000, `the child runs every projection (${stderr})`);
    await eventually(async () => Object.values(await projectionsHealth(w)).every((h) => h.lag === 0), 10_000, 'the child caught up');

    const b = await supervise(w, { ownerId: 'B', leaseTtlMs: ttl, heartbeatMs: 100 });
    await sleep(300);
    expect(b.running()).toEqual([]); // the child holds them all
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    await eventually(() => b.running().length === ALL.length, ttl + 1000, 'B takes over after the leases expire');
    expect(Date.now() - killedAt).toBeLessThanOrEqual(ttl + 500);
    const head = await appendEvents(w.events, 300, { streams: 15, seed: 4, concurrency: 4 });
    await b.waitUntilCaughtUp(head);
    await expectFolds(w);
  });

  const projectionsHealth = (w: ReturnType<typeof worker>) => projectionHealth(w.events, w.reads, leaseTestProjections);
});

/**
 * GraphQL rows: the compiled server (`node bin/hamaynk.js serve`, RATE_LIMIT_PER_MINUTE=0, SEED=none, a
 * temp DATA_DIR, a free port on 127.0.0.1) driven by autocannon at 1, 16 and 64 connections:
 * `submitApplication` by a resident (token from `hamaynk token --role resident --sub r1 --acr eid`), a
 * `publicSite` query, and the baseline `{ serverInfo { name } }` through the same stack at the same
 * concurrency. Latencies are autocannon's per-response times (float ms, not its whole-ms histogram);
 * every response body is checked for GraphQL errors. Peak RSS is the server process's.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { PERMIT_FEE_SETTLEMENT } from '../../application/process-managers/permit-fee-settlement';
import { loadTokenKeys, signToken } from '../../infrastructure/auth/jwt';
import { tokenKeyConfig } from '../../interfaces/composition';
import { COMMUNITY_10, COMMUNITY_SITE, submission } from './fixtures';
import { percentile, progress, type BenchRow } from './harness';

/** The package root (where bin/ is), from the sources or from dist/. */
export const projectRoot = (): string => {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'hamaynk') return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
};

const BIN = () => path.join(projectRoot(), 'bin', 'hamaynk.js');

const envFor = (dataDir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  SEED: 'none',
  RATE_LIMIT_PER_MINUTE: '0',
});

/** `hamaynk <args>` with DATA_DIR, its stdout (throws with its stderr when it fails). */
export const cli = (dataDir: string, args: readonly string[], timeoutMs = 30 * 60_000): string =>
  execFileSync(process.execPath, [BIN(), ...args], { env: envFor(dataDir), encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });

export const token = (dataDir: string, args: readonly string[]): string => cli(dataDir, ['token', ...args]).trim();

export interface Server {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `hamaynk serve` and resolves once it prints its GraphQL URL (after the projections caught up).
 * `entry`: the script and arguments before `args` (another script that runs the same serve, e.g. ceiling-server.js).
 */
export const startServer = (dataDir: string, args: readonly string[] = [], timeoutMs = 15 * 60_000, nodeArgs: readonly string[] = [], entry: readonly string[] = [BIN(), 'serve']): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...entry, ...args], { env: envFor(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hamaynk serve did not become ready in ${timeoutMs / 1000} s\n${out}\n${err}`));
    }, timeoutMs);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL\s+(\S+)/.exec(out);
      if (m && !ready) {
        ready = true;
        clearTimeout(timer);
        resolve({
          url: m[1],
          pid: child.pid as number,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`hamaynk serve exited (${code}) before it was ready\n${out}\n${err}`));
      }
    });
  });

/**
 * Waits until the server's permit/fee settlement process manager has handled every fee event of the log
 * (on a log filled in bulk it starts from the beginning; the rows must not race its catch-up). Returns
 * the fee events it had to handle and the seconds it took.
 */
export const waitForSettlement = async (dataDir: string, timeoutMs = 30 * 60_000): Promise<{ events: number; seconds: number }> => {
  const db = new Database(path.join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  const started = Date.now();
  try {
    const target = db.prepare<[], { head: number | null; n: number }>("SELECT max(position) AS head, count(*) AS n FROM events WHERE category = 'fee'").get();
    const done = db.prepare<[string], { position: string }>('SELECT position FROM checkpoints WHERE name = ?');
    const head = target?.head ?? 0;
    let from: number | undefined;
    for (;;) {
      let at = 0;
      try {
        at = Number(done.get(PERMIT_FEE_SETTLEMENT)?.position ?? 0);
      } catch {
        // The server creates the checkpoints table when it starts.
      }
      from ??= at;
      if (at >= head) {
        const events = db.prepare<[number, number], { n: number }>("SELECT count(*) AS n FROM events WHERE category = 'fee' AND position > ? AND position <= ?").get(from, head)?.n ?? 0;
        return { events, seconds: (Date.now() - started) / 1000 };
      }
      if (Date.now() - started > timeoutMs) throw new Error(`the permit/fee settlement did not catch up in ${timeoutMs / 1000} s (at ${at} of ${head})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    db.close();
  }
};

/**
 * Waits until the server's audit tree holds the whole log: a server on a copied log builds its tree in
 * the background after it is ready, and the rows must not measure that catch-up.
 */
export const waitForAuditTree = async (url: string, timeoutMs = 30 * 60_000): Promise<void> => {
  const started = Date.now();
  for (;;) {
    const data = (await gql(url, { body: gqlBody('{ serverInfo { head } auditTreeHead { treeSize } }') })) as { serverInfo: { head: string | null }; auditTreeHead: { treeSize: number } };
    if (data.auditTreeHead.treeSize >= Number(data.serverInfo.head ?? 0)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`the audit tree did not catch up in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
};

/** Samples a process's resident set from /proc while `fn` runs; returns fn's result and the peak (MiB). */
export const withPeakRss = async <T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> => {
  let peak = 0;
  const sample = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // Not on Linux, or the process is gone.
    }
  };
  sample();
  const timer = setInterval(sample, 25);
  try {
    const result = await fn();
    sample();
    return { result, peakMb: Math.round(peak / 1024) };
  } finally {
    clearInterval(timer);
  }
};

export interface GraphqlRequest {
  readonly name: string;
  readonly body: string;
  readonly token?: string;
  /** The body of each measured request when they differ (e.g. a new query text each call); `body` is the first. */
  readonly bodyOf?: () => string;
}

export const gqlBody = (query: string): string => JSON.stringify({ query });

/** One request outside the measurement: proves the operation answers without errors. */
export const gql = async (url: string, request: Pick<GraphqlRequest, 'body' | 'token'>): Promise<Record<string, unknown>> => {
  const res = await fetch(url, { method: 'POST', headers: headersOf(request.token), body: request.body });
  const json = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (res.status !== 200 || json.errors) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(json.errors ?? json)}`);
  return json.data ?? {};
};

const headersOf = (bearer?: string): Record<string, string> => ({
  'content-type': 'application/json',
  ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
});

/** Runs autocannon for `seconds` at `connections`; throws if any response is not a clean 200. */
export const load = async (url: string, request: GraphqlRequest, connections: number, seconds: number) => {
  const latencies: number[] = [];
  let bad = 0;
  let firstBad = '';
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: headersOf(request.token),
        body: request.body,
        ...(request.bodyOf ? { setupRequest: (req) => ({ ...req, body: (request.bodyOf as () => string)() }) } : {}),
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"')) {
            bad += 1;
            firstBad ||= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  const result = await instance;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (bad > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${request.name} at ${connections} connections: ${bad} bad responses, ${result.errors} errors, ${result.timeouts} timeouts; first: ${firstBad}`);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return { latencies, seconds: elapsed, count: latencies.length, opsPerSec: latencies.length / elapsed, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
};

export const SERVER_INFO = '{ serverInfo { name } } (baseline)';
export const PUBLIC_SITE = 'publicSite query';
export const SUBMIT = 'submitApplication mutation';
export const CONNECTIONS = [1, 16, 64] as const;
export const graphqlName = (what: string, connections: number): string => `${what}, ${connections} conn.`;

export const requests = (residentToken: string): GraphqlRequest[] => [
  { name: SERVER_INFO, body: gqlBody('{ serverInfo { name } }') },
  {
    name: PUBLIC_SITE,
    body: gqlBody(
      `{ publicSite(communityId: "${COMMUNITY_SITE}") { communityId asOf community { id nameEn population } services { code feeAmd deadlineDays } citizenServiceOffices { officeId name partners } statistics { applications { total open overdue decided } complaints { total open } } } }`,
    ),
  },
  {
    name: SUBMIT,
    token: residentToken,
    body: JSON.stringify({
      query: 'mutation Submit($input: SubmitApplicationInput!) { submitApplication(input: $input) { id revision status dueOn } }',
      variables: { input: submission(COMMUNITY_10) },
    }),
  },
];

export interface GraphqlTarget {
  readonly server: Server;
  /** `serve`, `serve --projections off`. */
  readonly label: string;
  readonly log?: number;
}

/**
 * The GraphQL rows against running servers: for each number of connections, every operation on every
 * server in turns (`rounds` rounds, each a share of the time), after a short warm-up of each. Group
 * `GraphQL (<label>)`; each row's baseline is serverInfo on the same server at the same concurrency.
 */
export const graphqlRows = async (quick: boolean, targets: readonly GraphqlTarget[], residentToken: string): Promise<BenchRow[]> => {
  const seconds = quick ? 1 : 2.5;
  const warmSeconds = quick ? 0.3 : 0.5;
  const rounds = quick ? 2 : 3;
  const rows: BenchRow[] = [];
  for (const target of targets) for (const request of requests(residentToken)) await gql(target.server.url, request);
  for (const connections of CONNECTIONS) {
    const entries = targets.flatMap((target) => requests(residentToken).map((request) => ({ target, request, latencies: [] as number[], seconds: 0, peakMb: 0 })));
    progress(`GraphQL at ${connections} connections: ${entries.length} rows in turns`);
    for (const e of entries) await load(e.target.server.url, e.request, connections, warmSeconds);
    for (let round = 0; round < rounds; round++) {
      for (const e of entries) {
        const { result, peakMb } = await withPeakRss(e.target.server.pid, () => load(e.target.server.url, e.request, connections, seconds / rounds));
        e.latencies.push(...result.latencies);
        e.seconds += result.seconds;
        e.peakMb = Math.max(e.peakMb, peakMb);
      }
    }
    for (const e of entries) {
      const sorted = [...e.latencies].sort((a, b) => a - b);
      rows.push({
        group: `GraphQL (${e.target.label})`,
        name: graphqlName(e.request.name, connections),
        ops: sorted.length,
        opsPerSec: sorted.length / e.seconds,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        peakRssMb: e.peakMb,
        baseline: e.request.name === SERVER_INFO ? undefined : graphqlName(SERVER_INFO, connections),
        note: `${seconds} s in ${rounds} turns, server RSS`,
        log: e.target.log,
      });
    }
  }
  // Grouped by server, then operation, then connections.
  const order = (r: BenchRow) => [targets.findIndex((t) => `GraphQL (${t.label})` === r.group && t.log === r.log), requests('').findIndex((q) => r.name.startsWith(q.name)), Number(/, (\d+) conn\.$/.exec(r.name)?.[1] ?? 0)];
  return rows.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
};

/* ------------------------------------------------------------------ reads that follow writes ------------------------------------------------------------------ */

export const READ_AFTER_WRITE_GROUP = 'Reads after writes (serve)';
/** The caller's own read right after its write: it waits for the read models to reflect the write. */
export const READ_AFTER_OWN_WRITE = "fee query right after the caller's own recordPayment";
/** The same read by a caller who wrote nothing (an auditor), right after the same write: no wait, possibly stale. */
export const PLAIN_READ_AFTER_WRITE = "fee query right after another caller's recordPayment (plain read)";
export const READ_AFTER_WRITE_CONNECTIONS = [1, 16] as const;

const PAY_MUTATION = 'mutation Pay($id: ID!, $ref: String!) { recordPayment(id: $id, amountAmd: 1, paidAt: "2026-11-25T08:00:00.000Z", reference: $ref) { paidAmd } }';
const FEE_QUERY = 'query Fee($id: ID!) { fee(id: $id) { paidAmd } }';

/**
 * Each connection is one clerk with a fee of their own (in COMMUNITY_10) and loops: recordPayment (1 dram,
 * a new reference, so an event is appended each time), then at once the fee query — by the same clerk (the
 * read must wait for the read models to reflect the payment) or by an auditor who wrote nothing (the plain
 * read under the same write load). Only the queries' latencies are the rows'. A query that shows less than
 * the payment answered is stale: none may be for the clerk's own reads; the plain reads' count is shown.
 *
 * One autocannon instance per connection: autocannon keeps a built request on the request object its
 * connections share, so with one instance a connection's first payment could be another's.
 */
const payThenRead = async (url: string, clerks: readonly { token: string; feeId: string }[], readerToken: string | null, seconds: number) => {
  const reads: number[] = [];
  let stale = 0;
  let bad = 0;
  let firstBad = '';
  let references = 0;
  const check = (status: number, body: string): boolean => {
    if (status === 200 && !body.includes('"errors"')) return true;
    bad += 1;
    firstBad ||= `${status} ${body.slice(0, 300)}`;
    return false;
  };
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    clerks.map((clerk) => {
      let paid = -1;
      let responses = 0;
      const instance = autocannon({
        url,
        connections: 1,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              headers: headersOf(clerk.token),
              body: JSON.stringify({ query: PAY_MUTATION, variables: { id: clerk.feeId, ref: `RAW-${process.pid}-${references++}` } }),
            }),
            onResponse: (status, body) => {
              if (check(status, body)) paid = (JSON.parse(body) as { data: { recordPayment: { paidAmd: number } } }).data.recordPayment.paidAmd;
            },
          },
          {
            method: 'POST',
            headers: headersOf(readerToken ?? clerk.token),
            body: JSON.stringify({ query: FEE_QUERY, variables: { id: clerk.feeId } }),
            onResponse: (status, body) => {
              if (check(status, body) && (JSON.parse(body) as { data: { fee: { paidAmd: number } } }).data.fee.paidAmd < paid) stale += 1;
            },
          },
        ],
      });
      // The connection sends the payment, then the query, in turn: its even responses are the queries.
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
        if (++responses % 2 === 0) reads.push(ms);
      });
      return instance;
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const timeouts = results.reduce((n, r) => n + r.timeouts, 0);
  if (bad > 0 || errors > 0 || timeouts > 0) {
    throw new Error(`read after write at ${clerks.length} connections: ${bad} bad responses, ${errors} errors, ${timeouts} timeouts; first: ${firstBad}`);
  }
  return { reads, stale, seconds: elapsed };
};

/**
 * The rows of "a read right after a write": the added latency of the caller's own read (which waits for the
 * read models) against a plain read right after the same kind of write, at 1 and 16 connections, the two
 * measured in turns. `dataDir` is the server's (its token keys sign the clerks' and the auditor's tokens).
 */
export const readAfterWriteRows = async (quick: boolean, server: Server, dataDir: string, log?: number): Promise<BenchRow[]> => {
  const seconds = quick ? 2 : 6;
  const rounds = quick ? 2 : 3;
  const keys = loadTokenKeys(tokenKeyConfig({ dataDir }));
  const clerks: Array<{ token: string; feeId: string }> = [];
  for (let k = 0; k < Math.max(...READ_AFTER_WRITE_CONNECTIONS); k++) {
    const token = await signToken(keys, { sub: `bench-clerk-${k}`, role: 'staff', communityId: COMMUNITY_10 });
    const assessed = await gql(server.url, {
      token,
      body: JSON.stringify({
        query: 'mutation Assess($input: AssessFeeInput!) { assessFee(input: $input) { id } }',
        variables: { input: { communityId: COMMUNITY_10, payerId: `payer-${k}`, payerName: 'Արամ Պետրոսյան', code: 'LAND-TAX', amountAmd: 1_000_000_000, dueOn: '2030-12-31', basis: 'Որոշում N 12' } },
      }),
    });
    clerks.push({ token, feeId: (assessed.assessFee as { id: string }).id });
  }
  const auditor = await signToken(keys, { sub: 'bench-auditor', role: 'auditor' });
  const rows: BenchRow[] = [];
  for (const connections of READ_AFTER_WRITE_CONNECTIONS) {
    progress(`reads after writes at ${connections} connections`);
    const entries = [
      { name: READ_AFTER_OWN_WRITE, reader: null as string | null, reads: [] as number[], stale: 0, seconds: 0, peakMb: 0 },
      { name: PLAIN_READ_AFTER_WRITE, reader: auditor as string | null, reads: [] as number[], stale: 0, seconds: 0, peakMb: 0 },
    ];
    for (const e of entries) await payThenRead(server.url, clerks.slice(0, connections), e.reader, quick ? 0.3 : 0.5);
    for (let round = 0; round < rounds; round++) {
      for (const e of entries) {
        const { result, peakMb } = await withPeakRss(server.pid, () => payThenRead(server.url, clerks.slice(0, connections), e.reader, seconds / rounds));
        e.reads.push(...result.reads);
        e.stale += result.stale;
        e.seconds += result.seconds;
        e.peakMb = Math.max(e.peakMb, peakMb);
      }
    }
    const [own, plain] = entries.map((e) => ({ ...e, sorted: [...e.reads].sort((a, b) => a - b) }));
    if (own.stale > 0) throw new Error(`${own.stale} of ${own.reads.length} of the caller's own reads after its write did not show it`);
    const added = (p: number) => percentile(own.sorted, p) - percentile(plain.sorted, p);
    for (const e of [own, plain]) {
      rows.push({
        group: READ_AFTER_WRITE_GROUP,
        name: graphqlName(e.name, connections),
        ops: e.sorted.length,
        opsPerSec: e.sorted.length / e.seconds,
        p50Ms: percentile(e.sorted, 50),
        p99Ms: percentile(e.sorted, 99),
        peakRssMb: e.peakMb,
        baseline: e === own ? graphqlName(PLAIN_READ_AFTER_WRITE, connections) : undefined,
        note:
          e === own
            ? `added p50 ${added(50).toFixed(2)} ms, p99 ${added(99).toFixed(2)} ms; stale: 0 of ${e.sorted.length}; ${seconds} s in ${rounds} turns`
            : `stale (payment not shown yet): ${e.stale} of ${e.sorted.length}; ${seconds} s in ${rounds} turns`,
        log,
      });
    }
  }
  return rows;
};

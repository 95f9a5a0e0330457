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

/** Starts `hamaynk serve` and resolves once it prints its GraphQL URL (after the projections caught up). */
export const startServer = (dataDir: string, args: readonly string[] = [], timeoutMs = 15 * 60_000): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [BIN(), 'serve', ...args], { env: envFor(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
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

/** Samples a process's resident set from /proc while `fn` runs; returns fn's result and the peak (MiB). */
const withPeakRss = async <T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> => {
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
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, opsPerSec: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
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

/**
 * The GraphQL rows against a running server: for each operation and concurrency, a short warm-up then a
 * measured autocannon run. Group `GraphQL (<label>)`; each row's baseline is serverInfo at the same concurrency.
 */
export const graphqlRows = async (quick: boolean, server: Server, residentToken: string, ctx: { label: string; log?: number }): Promise<BenchRow[]> => {
  const seconds = quick ? 1.5 : 3;
  const warmSeconds = quick ? 0.5 : 1;
  const group = `GraphQL (${ctx.label})`;
  const rows: BenchRow[] = [];
  for (const request of requests(residentToken)) {
    await gql(server.url, request);
    for (const connections of CONNECTIONS) {
      progress(`${group}${ctx.log ? ` @${ctx.log}` : ''}: ${request.name} at ${connections} connections`);
      await load(server.url, request, connections, warmSeconds);
      const { result, peakMb } = await withPeakRss(server.pid, () => load(server.url, request, connections, seconds));
      rows.push({
        group,
        name: graphqlName(request.name, connections),
        ops: result.count,
        opsPerSec: result.opsPerSec,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        peakRssMb: peakMb,
        baseline: request.name === SERVER_INFO ? undefined : graphqlName(SERVER_INFO, connections),
        note: `${seconds} s, server RSS`,
        log: ctx.log,
      });
    }
  }
  return rows;
};

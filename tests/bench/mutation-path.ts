/**
 * The GraphQL mutation path: `submitApplication` at 16 connections beside its ceiling, all three rows on
 * one server process and measured in turns.
 *
 * - The server is `hamaynk serve --projections off` started through ceiling-server.js, which runs the same
 *   serve with one extra mutation, `benchAppend` (the ceiling): through the same fastify, mercurius, bearer
 *   auth (a resident's token), rate-limit hook (off, RATE_LIMIT_PER_MINUTE=0, as for every GraphQL row) and
 *   the SQLite event store's writer thread, it appends one event to a new stream with synchronous=FULL
 *   and does nothing else. Its log is a copy of the bench's smallest log.
 * - `submitApplication` (a new application on a community stream of 10 events) is sent (a) as an operation
 *   with variables, one query text, as generated clients send it (mercurius parses it once and compiles it
 *   with graphql-jit after 5 runs), and (b) with literal arguments, a new query text each call (a numbered
 *   subject), as simple clients write it: parsed, validated and costed at every call. In (a) each call's
 *   variables carry a numbered subject too, so both submit the same applications.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COMMUNITY_10, fillLog, makeTemplates, submission } from './fixtures';
import { gql, graphqlName, load, startServer, token, type GraphqlRequest, type Server, waitForAuditTree, withPeakRss } from './graphql';
import { fmt, percentile, progress, tempDir, type BenchRow } from './harness';
import { topFrames } from './profile';
import type { Target } from './targets';
import { BENCH_APPEND } from './ceiling-server';

export const MUTATION_PATH = 'GraphQL mutation path';
export const CEILING_MUTATION = 'benchAppend: one event appended, nothing else (ceiling)';
export const SUBMIT_VARIABLES = 'submitApplication with variables';
export const SUBMIT_LITERALS = 'submitApplication with literal arguments';
export const MUTATION_CONNECTIONS = 16;

const SELECTION = '{ id revision status dueOn }';

/** A submission whose subject is numbered (each call submits an application of its own). */
const numbered = (n: number) => ({ ...submission(COMMUNITY_10), subject: `Ավտոտնակի կառուցում ${n}` });

/** The input as a GraphQL object literal (strings JSON-escaped, which GraphQL's string syntax accepts). */
const literalInput = (input: Record<string, string>): string => `{ ${Object.entries(input).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }`;

export const mutationRequests = (residentToken: string): GraphqlRequest[] => {
  let n = 0;
  const withVariables = () =>
    JSON.stringify({ query: `mutation Submit($input: SubmitApplicationInput!) { submitApplication(input: $input) ${SELECTION} }`, variables: { input: numbered(n++) } });
  const withLiterals = () => JSON.stringify({ query: `mutation { submitApplication(input: ${literalInput(numbered(n++))}) ${SELECTION} }` });
  return [
    { name: CEILING_MUTATION, token: residentToken, body: JSON.stringify({ query: `mutation { ${BENCH_APPEND} }` }) },
    { name: SUBMIT_VARIABLES, token: residentToken, body: withVariables(), bodyOf: withVariables },
    { name: SUBMIT_LITERALS, token: residentToken, body: withLiterals(), bodyOf: withLiterals },
  ];
};

/** Starts the server with the ceiling mutation (ceiling-server.js beside this file) on `dataDir`. */
export const startCeilingServer = (dataDir: string, nodeArgs: readonly string[] = []): Promise<Server> =>
  startServer(dataDir, ['--projections', 'off'], undefined, nodeArgs, [path.join(__dirname, 'ceiling-server.js')]);

/**
 * The rows on a running ceiling server: each request once outside the measurement (it must answer
 * without errors, and submitApplication must have created an application), a warm-up of each, then
 * `rounds` rounds each giving every row a share of its seconds.
 */
export const mutationPathRows = async (quick: boolean, server: Server, residentToken: string, log: number): Promise<BenchRow[]> => {
  const seconds = quick ? 1.5 : 4.5;
  const rounds = quick ? 2 : 3;
  const requests = mutationRequests(residentToken);
  for (const request of requests) {
    const data = await gql(server.url, { body: request.bodyOf?.() ?? request.body, token: request.token });
    if (request.name === CEILING_MUTATION ? !/^\d+$/.test(String(data[BENCH_APPEND])) : (data.submitApplication as { status?: string } | undefined)?.status !== 'submitted') {
      throw new Error(`${request.name} answered ${JSON.stringify(data)}`);
    }
  }
  const entries = requests.map((request) => ({ request, latencies: [] as number[], seconds: 0, peakMb: 0 }));
  progress(`GraphQL mutation path at ${MUTATION_CONNECTIONS} connections: ${entries.length} rows in turns`);
  for (const e of entries) await load(server.url, e.request, MUTATION_CONNECTIONS, quick ? 0.3 : 0.5);
  for (let round = 0; round < rounds; round++) {
    for (const e of entries) {
      const { result, peakMb } = await withPeakRss(server.pid, () => load(server.url, e.request, MUTATION_CONNECTIONS, seconds / rounds));
      e.latencies.push(...result.latencies);
      e.seconds += result.seconds;
      e.peakMb = Math.max(e.peakMb, peakMb);
    }
  }
  return entries.map((e) => {
    const sorted = [...e.latencies].sort((a, b) => a - b);
    const ceiling = e.request.name === CEILING_MUTATION;
    return {
      group: MUTATION_PATH,
      name: graphqlName(e.request.name, MUTATION_CONNECTIONS),
      ops: sorted.length,
      opsPerSec: sorted.length / e.seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      peakRssMb: e.peakMb,
      baseline: ceiling ? undefined : graphqlName(CEILING_MUTATION, MUTATION_CONNECTIONS),
      note: `serve --projections off with the ceiling mutation; ${seconds} s in ${rounds} turns, server RSS${
        e.request.name === SUBMIT_LITERALS ? '; a new query text each call' : e.request.name === SUBMIT_VARIABLES ? '; one query text' : '; a new stream each call, FULL'
      }`,
      log,
    };
  });
};

/**
 * The mutation path's targets: submitApplication at 16 connections at least 50 % of the ceiling with
 * variables and 40 % with literal arguments, each with p99 under 25 ms.
 */
export const mutationPathTargets = (rows: readonly BenchRow[]): Target[] => {
  const ceiling = rows.find((r) => r.group === MUTATION_PATH && r.name === graphqlName(CEILING_MUTATION, MUTATION_CONNECTIONS));
  if (!ceiling) return [];
  return (
    [
      [SUBMIT_VARIABLES, 0.5],
      [SUBMIT_LITERALS, 0.4],
    ] as const
  ).map(([name, share]) => {
    const row = rows.find((r) => r.group === MUTATION_PATH && r.name === graphqlName(name, MUTATION_CONNECTIONS));
    const ratio = row ? row.opsPerSec / ceiling.opsPerSec : undefined;
    const p99 = row?.p99Ms ?? Infinity;
    return {
      text:
        `GraphQL ${name} at ${MUTATION_CONNECTIONS} connections: at least ${share * 100} % of the ceiling (one event appended by a trivial mutation through the same server) with p99 under 25 ms — ` +
        (row && ratio !== undefined
          ? `${fmt(row.opsPerSec)} vs ${fmt(ceiling.opsPerSec)} mutations/s = ${fmt(ratio, 2)}×, p99 ${fmt(row.p99Ms, 1)} ms (the ceiling's p99 ${fmt(ceiling.p99Ms, 1)} ms)`
          : 'not measured'),
      holds: ratio !== undefined && ratio >= share && p99 < 25,
    };
  });
};

/**
 * `node dist/tests/bench/mutation-path.js --profile ceiling|variables|literals`: the server under
 * `node --cpu-prof` on a fresh 10^4-event log, driven by one of the rows for 5 s at 16 connections;
 * prints the frames by self time (the profile also holds start-up and the audit tree's catch-up).
 */
const profileRow = async (which: string): Promise<void> => {
  const dir = tempDir('hamaynk-bench-mutation-prof-');
  try {
    await fillLog(path.join(dir, 'events.sqlite'), await makeTemplates(), 10_000, { fees10: 600, fees1000: 2 });
    const residentToken = token(dir, ['--role', 'resident', '--sub', 'r1', '--acr', 'eid']);
    const request = mutationRequests(residentToken).find((r) => r.name === { ceiling: CEILING_MUTATION, variables: SUBMIT_VARIABLES, literals: SUBMIT_LITERALS }[which]);
    if (!request) throw new Error('--profile takes ceiling, variables or literals');
    const profiles = path.join(dir, 'profiles');
    const server = await startCeilingServer(dir, ['--cpu-prof', `--cpu-prof-dir=${profiles}`]);
    try {
      await waitForAuditTree(server.url);
      await load(server.url, request, MUTATION_CONNECTIONS, 1);
      const measured = await load(server.url, request, MUTATION_CONNECTIONS, 5);
      process.stdout.write(`${request.name}: ${fmt(measured.opsPerSec)}/s, p50 ${fmt(measured.p50Ms, 1)} ms, p99 ${fmt(measured.p99Ms, 1)} ms under --cpu-prof\n`);
    } finally {
      await server.stop();
    }
    const file = fs.readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('the server wrote no .cpuprofile');
    process.stdout.write(`${topFrames(path.join(profiles, file), 25)}\n\n${inclusiveTimes(path.join(profiles, file))}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

/** Stages of a request, by the frame that runs each (function name and a part of its file), for `inclusiveTimes`. */
const STAGES: ReadonlyArray<readonly [string, string, string]> = [
  ['the whole GraphQL request (mercurius fastifyGraphQl)', 'fastifyGraphQl', 'mercurius/index.js'],
  ['parse the query text (graphql parse)', 'parse', 'graphql/language/parser.js'],
  ['validate the document (graphql validate)', 'validate', 'graphql/validation/validate.js'],
  ['query depth limit (assertQueryDepth)', 'assertQueryDepth', 'interfaces/graphql/limits.js'],
  ['query cost limit (assertQueryCost)', 'assertQueryCost', 'interfaces/graphql/limits.js'],
  ['execute (graphql execute)', 'execute', 'graphql/execution/execute.js'],
  ['the command (commands pipeline run)', 'run', 'application/commands/pipeline.js'],
  ['input validation (class-validator)', 'execute', 'class-validator/cjs/validation/ValidationExecutor.js'],
  ['bearer token (callerFromAuthorization)', 'callerFromAuthorization', 'interfaces/graphql/context.js'],
  ['append (SqliteEventStore.append)', 'append', 'infrastructure/sqlite/sqlite-event-store.js'],
];

/** Inclusive time of each stage (its frames and everything they call, counted once however deeply they recurse), in % of the profile. */
const inclusiveTimes = (profileFile: string): string => {
  interface Node {
    id: number;
    callFrame: { functionName: string; url: string };
    hitCount?: number;
    children?: number[];
  }
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as { nodes: Node[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totalOf = new Map<number, number>();
  const total = (id: number): number => {
    const known = totalOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const sum = (node.hitCount ?? 0) + (node.children ?? []).reduce((s, c) => s + total(c), 0);
    totalOf.set(id, sum);
    return sum;
  };
  const all = profile.samples.length;
  const lines = STAGES.map(([label, fn, file]) => {
    let hits = 0;
    const walk = (id: number) => {
      const node = byId.get(id)!;
      if (node.callFrame.functionName === fn && node.callFrame.url.includes(file)) {
        hits += total(id);
        return;
      }
      for (const c of node.children ?? []) walk(c);
    };
    walk(profile.nodes[0].id);
    return `| ${label} | ${fmt((100 * hits) / all, 1)} % |`;
  });
  return ['Inclusive time by stage (of all samples, start-up included):', '', '| stage | inclusive |', '|---|---:|', ...lines].join('\n');
};

if (require.main === module) {
  const at = process.argv.indexOf('--profile');
  profileRow(at > 0 ? (process.argv[at + 1] ?? '') : '').catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

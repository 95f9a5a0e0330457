/**
 * The reports read from their read models on a log of 10^6 events (quick: 10^5), through GraphQL on
 * `hamaynk serve` (projections on, in the server's projector thread, as by default), first with nothing
 * else going on, then while a writer submits applications at a fixed rate to the community the reports
 * read, so their read models change under them — beside `{ serverInfo { name } }` measured the same way.
 *
 * - The log: `hamaynk seed` (the national 2019 history and the demo's daily work in Gyumri, Dilijan and
 *   Goris, through the real command handlers), then the bench's fixtures and filler (fixtures.ts: fees of
 *   10 events, the bench communities) appended in bulk up to the size. The read models are then built by
 *   `hamaynk projections rebuild`, and the server is measured once its audit tree and permit/fee
 *   settlement have caught up with the whole log.
 * - Nothing is cached: there is no report cache any more; each call reads the report's read-model
 *   documents (mercurius still compiles a query text run 5 times, as for every row).
 * - The rows of each phase, and the phases, are measured in turns: each round measures every query
 *   without writes, then starts the writer, measures every query again and stops it.
 * - Before, the reports were computed from the cases and cached until the log changed; the rows of that
 *   time (BENCHMARKS.md of 2026-11-25) are in `CACHED_BEFORE`, and each row's note compares with them.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { fillLog, submission, type Templates } from './fixtures';
import { cli, gql, gqlBody, graphqlName, load, PUBLIC_SITE, requests as graphqlRequests, SERVER_INFO, startServer, token, waitForAuditTree, waitForSettlement, withPeakRss, type GraphqlRequest } from './graphql';
import { fmt, percentile, powerOfTen, progress, tempDir, time, type BenchRow } from './harness';
import { REPORT_QUERY as NATIONAL_REPORT_QUERY } from './national-report';
import type { Target } from './targets';

export const REPORT_READS = 'report reads (GraphQL, serve)';
export const REPORT_READS_WRITING = 'report reads while submitApplication writes (GraphQL, serve)';

/** The demo community the community reports read and the writer submits to. */
const DEMO_COMMUNITY = 'AM08001';
const AS_OF = '2019-07-01';
const READ_CONNECTIONS = [1, 16] as const;

export const PUBLIC_SITE_DEMO = `publicSite(${DEMO_COMMUNITY}), the community page's selection`;
export const DASHBOARD = `dashboard(${DEMO_COMMUNITY}) by its staff`;
export const TRANSPARENCY_COMMUNITY = `transparencyReport(communityId: ${DEMO_COMMUNITY})`;
export const TRANSPARENCY_NATIONAL = 'transparencyReport, national';
export const NATIONAL_ADOPTION = `nationalAdoptionReport(asOf: "${AS_OF}")`;
export const WRITER = 'submitApplication writer';

/**
 * The rows of the run before the reports became read models (BENCHMARKS.md of 2026-11-25, written by
 * `npm run bench`; commit 0681372), when a computed report was cached until the log changed: ops/s and
 * the ratio to serverInfo at the same connections, measured in that run. publicSite: `GraphQL (serve
 * --projections off)` on the 10^6-event log; nationalAdoptionReport: `2019 national report (GraphQL)` on
 * the seeded history. dashboard and transparencyReport had no rows; they are held to publicSite's.
 */
export const CACHED_BEFORE: Readonly<Record<'publicSite' | 'nationalAdoptionReport', Readonly<Record<number, { opsPerSec: number; ratio: number }>>>> = {
  publicSite: { 1: { opsPerSec: 6_020, ratio: 0.85 }, 16: { opsPerSec: 8_727, ratio: 0.63 }, 64: { opsPerSec: 9_545, ratio: 0.75 } },
  nationalAdoptionReport: { 1: { opsPerSec: 7_042, ratio: 0.84 }, 16: { opsPerSec: 9_776, ratio: 0.63 } },
};

/** Which cached row of before a report is held to. */
const cachedRowFor = (read: string): { row: string; figures: Readonly<Record<number, { opsPerSec: number; ratio: number }>> } =>
  read === NATIONAL_ADOPTION
    ? { row: 'nationalAdoptionReport', figures: CACHED_BEFORE.nationalAdoptionReport }
    : { row: read === PUBLIC_SITE ? 'publicSite' : 'publicSite (no earlier row of its own)', figures: CACHED_BEFORE.publicSite };

/** "Unchanged while writes go on": the ratio to serverInfo during writes at least this share of the one without. */
export const UNCHANGED_SHARE = 0.9;

const TRANSPARENCY_FIELDS = `communityId from to applicationsDecided processingTimeDays { median p90 } decidedOnTime shareDecidedOnTime
  feesCollectedByCode { code collectedAmd paidAmd refundedAmd waivedAmd payments refunds waivers } feesCollectedAmd actsAdopted actsPublished
  complaintsResponded complaintsByResolution { resolution count }`;

/** The reads, each as a client sends it (the community page's selection for publicSite). */
const reportRequests = (staffToken: string, residentToken: string): GraphqlRequest[] => {
  const byName = new Map(graphqlRequests(residentToken).map((r) => [r.name, r]));
  return [
    byName.get(SERVER_INFO)!,
    // The very query of the cached rows of before (a bench community whose read model no writer touches).
    byName.get(PUBLIC_SITE)!,
    {
      name: PUBLIC_SITE_DEMO,
      body: gqlBody(`{ publicSite(communityId: "${DEMO_COMMUNITY}") { communityId asOf
        community { id status nameHy nameEn province kind population settlements cmisEdition cmisDeployedOn documentCirculation documentCirculationOn officialWebsite { url hostedOnCmis } mergedInto mergedOn }
        services { code nameHy nameEn feeAmd deadlineDays issues }
        actsInForce { id number titleHy titleEn issuer effectiveFrom version history { version effectiveFrom amendingActId } }
        upcomingActs { id number titleHy titleEn issuer effectiveFrom version history { version effectiveFrom amendingActId } }
        statistics { applications { total open overdue decided byStatus { status count } } complaints { total open overdue byResolution { resolution count } byStatus { status count } } }
        citizenServiceOffices { officeId name partners openedOn } } }`),
    },
    {
      name: DASHBOARD,
      token: staffToken,
      body: gqlBody(`{ dashboard(communityId: "${DEMO_COMMUNITY}") { communityId asOf applications { open overdue backlog { status count } }
        complaints { open overdue backlog { status count } } fees { open overdue receivableAmd overdueAmd collectedAmd paidAmd refundedAmd } } }`),
    },
    { name: TRANSPARENCY_COMMUNITY, body: gqlBody(`{ transparencyReport(communityId: "${DEMO_COMMUNITY}") { ${TRANSPARENCY_FIELDS} } }`) },
    { name: TRANSPARENCY_NATIONAL, body: gqlBody(`{ transparencyReport { ${TRANSPARENCY_FIELDS} } }`) },
    { name: NATIONAL_ADOPTION, body: gqlBody(NATIONAL_REPORT_QUERY) },
  ];
};

/** Checks, outside the measurement, that each report answers with the log's facts (not an empty report). */
const checkAnswers = async (url: string, reads: readonly GraphqlRequest[]): Promise<void> => {
  const answer = async (name: string) => {
    const request = reads.find((r) => r.name === name)!;
    return gql(url, request);
  };
  const site = (await answer(PUBLIC_SITE_DEMO)).publicSite as { actsInForce: unknown[]; statistics: { applications: { total: number } } };
  const dashboard = (await answer(DASHBOARD)).dashboard as { fees: { collectedAmd: number } };
  const community = (await answer(TRANSPARENCY_COMMUNITY)).transparencyReport as { applicationsDecided: number };
  const national = (await answer(TRANSPARENCY_NATIONAL)).transparencyReport as { applicationsDecided: number; feesCollectedAmd: number };
  const adoption = (await answer(NATIONAL_ADOPTION)).nationalAdoptionReport as { totalCommunities: number };
  await answer(PUBLIC_SITE);
  const empty = [
    site.actsInForce.length === 0 && 'publicSite lists no act in force',
    site.statistics.applications.total === 0 && 'publicSite counts no application',
    dashboard.fees.collectedAmd === 0 && 'the dashboard shows no fee collected',
    community.applicationsDecided === 0 && "the community's transparency report has no decision",
    national.applicationsDecided < community.applicationsDecided && 'the national transparency report has fewer decisions than one community',
    adoption.totalCommunities === 0 && 'the national adoption report counts no community',
  ].filter(Boolean);
  if (empty.length > 0) throw new Error(`report reads: the seeded log did not reach the reports: ${empty.join('; ')}`);
};

/** A writer submitting applications to the demo community at a fixed rate until stopped. */
const startWriter = (url: string, residentToken: string, ratePerSecond: number) => {
  let n = 0;
  let bad = 0;
  let firstBad = '';
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const body = () => JSON.stringify({ query: 'mutation Submit($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', variables: { input: { ...submission(DEMO_COMMUNITY), subject: `Բեռնվածության հայտ ${n++}` } } });
  const instance = autocannon({
    url,
    connections: 4,
    duration: 24 * 3600,
    timeout: 30,
    overallRate: ratePerSecond,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${residentToken}` },
        body: body(),
        setupRequest: (req) => ({ ...req, body: body() }),
        onResponse: (status, text) => {
          if (status !== 200 || text.includes('"errors"')) {
            bad += 1;
            firstBad ||= `${status} ${text.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  return {
    stop: async () => {
      instance.stop();
      const result = await instance;
      if (bad > 0 || result.errors > 0 || result.timeouts > 0) throw new Error(`${WRITER}: ${bad} bad responses, ${result.errors} errors, ${result.timeouts} timeouts; first: ${firstBad}`);
      return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    },
  };
};

interface Series {
  latencies: number[];
  seconds: number;
  peakMb: number;
}
const series = (): Series => ({ latencies: [], seconds: 0, peakMb: 0 });
const add = (s: Series, r: { latencies: number[]; seconds: number }, peakMb = 0) => {
  s.latencies.push(...r.latencies);
  s.seconds += r.seconds;
  s.peakMb = Math.max(s.peakMb, peakMb);
};

export interface ReportReads {
  readonly rows: BenchRow[];
  /** Lines for BENCHMARKS.md's list of how the run was set up. */
  readonly setup: string[];
}

export const reportReadRows = async (quick: boolean, templates: Templates): Promise<ReportReads> => {
  const size = quick ? 100_000 : 1_000_000;
  const writeRate = quick ? 100 : 200;
  const seconds = quick ? 1 : 3;
  const rounds = quick ? 2 : 3;
  const dataDir = tempDir('hamaynk-bench-reports-');
  const rows: BenchRow[] = [];
  const setup: string[] = [];
  try {
    progress('report reads: hamaynk seed (the 2019 history and the demo)');
    let seeded = 0;
    const seedSeconds = await time(() => {
      seeded = Number(/log head: (\d+)/.exec(cli(dataDir, ['seed']))?.[1] ?? NaN);
    });
    if (!(seeded > 0)) throw new Error('report reads: hamaynk seed appended nothing');
    progress(`report reads: filling the log to ${size.toLocaleString('en-GB')} events`);
    let events = 0;
    const fillSeconds = await time(async () => {
      events = (await fillLog(path.join(dataDir, 'events.sqlite'), templates, size - seeded, { fees10: 600, fees1000: 2 })).events;
    });
    // The read models are built by `hamaynk projections rebuild` first: serve gives its projector thread at most
    // 10 minutes to catch up before it reports ready, which 10^6 events on a loaded machine can exceed.
    progress(`report reads: hamaynk projections rebuild on ${events.toLocaleString('en-GB')} events`);
    let rebuilt = '';
    const rebuildSeconds = await time(() => {
      rebuilt = cli(dataDir, ['projections', 'rebuild'], 90 * 60_000);
    });
    const perProjection = [...rebuilt.matchAll(/rebuilt (\S+): \d+ events to position \d+ in ([\d.]+) s/g)].map((m) => `${m[1]} ${m[2]} s`).join(', ');
    progress(`report reads: serve on ${events.toLocaleString('en-GB')} events`);
    let server!: Awaited<ReturnType<typeof startServer>>;
    // Generous: on a loaded machine the projections' catch-up of 10^6 events takes many minutes.
    const readySeconds = await time(async () => (server = await startServer(dataDir, [], 90 * 60_000)));
    try {
      const catchUp = await time(async () => {
        await waitForAuditTree(server.url, 90 * 60_000);
        await waitForSettlement(dataDir, 90 * 60_000);
      });
      setup.push(
        `report reads: the log of ${events.toLocaleString('en-GB')} events is \`hamaynk seed\` (${seeded.toLocaleString('en-GB')} events, ${seedSeconds.toFixed(1)} s) and the bench's fixtures and filler appended in bulk (${fillSeconds.toFixed(1)} s); the read models rebuilt by \`hamaynk projections rebuild\` in ${rebuildSeconds.toFixed(1)} s (${perProjection}); \`serve\` was then ready in ${readySeconds.toFixed(1)} s, its audit tree and permit/fee settlement ${catchUp.toFixed(1)} s later`,
      );
      const residentToken = token(dataDir, ['--role', 'resident', '--sub', 'bench-writer', '--acr', 'eid']);
      const staffToken = token(dataDir, ['--role', 'staff', '--sub', 'bench-dashboard', '--community', DEMO_COMMUNITY, '--acr', 'password']);
      const reads = reportRequests(staffToken, residentToken);
      await checkAnswers(server.url, reads);

      const writerSeries = series();
      for (const connections of READ_CONNECTIONS) {
        const quiet = reads.map(() => series());
        const writing = reads.map(() => series());
        progress(`report reads at ${connections} connections: ${reads.length} queries, without and with ${writeRate} submitApplication/s, in turns`);
        for (const read of reads) await load(server.url, read, connections, quick ? 0.3 : 0.5);
        for (let round = 0; round < rounds; round++) {
          for (const [k, read] of reads.entries()) {
            const { result, peakMb } = await withPeakRss(server.pid, () => load(server.url, read, connections, seconds / rounds));
            add(quiet[k], result, peakMb);
          }
          const writer = startWriter(server.url, residentToken, writeRate);
          try {
            // The projector thread is busy with the writes before the first read is measured.
            await new Promise((r) => setTimeout(r, 500));
            for (const [k, read] of reads.entries()) {
              const { result, peakMb } = await withPeakRss(server.pid, () => load(server.url, read, connections, seconds / rounds));
              add(writing[k], result, peakMb);
            }
          } finally {
            add(writerSeries, await writer.stop());
          }
        }
        const rowOf = (group: string, read: GraphqlRequest, s: Series, baseline: Series): BenchRow => {
          const sorted = [...s.latencies].sort((a, b) => a - b);
          const opsPerSec = sorted.length / s.seconds;
          const isBaseline = read.name === SERVER_INFO;
          let note = `${seconds} s in ${rounds} turns, server RSS`;
          if (!isBaseline && group === REPORT_READS) {
            const ratio = opsPerSec / (baseline.latencies.length / baseline.seconds);
            const { row, figures } = cachedRowFor(read.name);
            const before = figures[connections];
            if (before) note += `; before, cached (${row}, 2026-11-25): ${fmt(before.opsPerSec)}/s = ${fmt(before.ratio, 2)}× serverInfo, now ${fmt(ratio, 2)}× (${fmt(ratio / before.ratio, 2)} of it)`;
          }
          if (group === REPORT_READS_WRITING) note += `; while ${writeRate} submitApplication/s go to ${DEMO_COMMUNITY}`;
          return {
            group,
            name: graphqlName(read.name, connections),
            ops: sorted.length,
            opsPerSec,
            p50Ms: percentile(sorted, 50),
            p99Ms: percentile(sorted, 99),
            peakRssMb: s.peakMb,
            baseline: isBaseline ? undefined : graphqlName(SERVER_INFO, connections),
            note,
            log: events,
          };
        };
        const serverInfoAt = reads.findIndex((r) => r.name === SERVER_INFO);
        for (const [k, read] of reads.entries()) rows.push(rowOf(REPORT_READS, read, quiet[k], quiet[serverInfoAt]));
        for (const [k, read] of reads.entries()) rows.push(rowOf(REPORT_READS_WRITING, read, writing[k], writing[serverInfoAt]));
      }
      const sorted = [...writerSeries.latencies].sort((a, b) => a - b);
      rows.push({
        group: REPORT_READS_WRITING,
        name: `${WRITER} (${writeRate}/s asked, 4 conn.)`,
        ops: sorted.length,
        opsPerSec: sorted.length / writerSeries.seconds,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        peakRssMb: 0,
        note: `the writes during the rows above, to ${DEMO_COMMUNITY}; latencies of its responses`,
        log: events,
      });
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { rows, setup };
};

const find = (rows: readonly BenchRow[], group: string, name: string) => rows.find((r) => r.group === group && r.name === name);
const REPORTS = [PUBLIC_SITE, PUBLIC_SITE_DEMO, DASHBOARD, TRANSPARENCY_COMMUNITY, TRANSPARENCY_NATIONAL, NATIONAL_ADOPTION];

/**
 * The reports' targets: with nothing cached at least as fast as the cached rows of before (their ratio to
 * serverInfo in this run at least the one then), and unchanged while writes go on (the ratio to serverInfo
 * measured during the writes at least UNCHANGED_SHARE of the one without).
 */
export const reportReadTargets = (rows: readonly BenchRow[]): Target[] => {
  const measured = rows.filter((r) => r.group === REPORT_READS);
  if (measured.length === 0) return [];
  const log = powerOfTen(measured[0].log);
  const fast: string[] = [];
  const steady: string[] = [];
  let fastOk = true;
  let steadyOk = true;
  const ratioOf = (group: string, name: string, connections: number): { row: BenchRow; ratio: number } | undefined => {
    const row = find(rows, group, graphqlName(name, connections));
    const base = find(rows, group, graphqlName(SERVER_INFO, connections));
    return row && base ? { row, ratio: row.opsPerSec / base.opsPerSec } : undefined;
  };
  for (const name of REPORTS) {
    const fastParts: string[] = [];
    const steadyParts: string[] = [];
    for (const connections of READ_CONNECTIONS) {
      const quiet = ratioOf(REPORT_READS, name, connections);
      const writing = ratioOf(REPORT_READS_WRITING, name, connections);
      const before = cachedRowFor(name).figures[connections];
      if (!quiet || !writing || !before) {
        fastOk = false;
        steadyOk = false;
        continue;
      }
      fastOk &&= quiet.ratio >= before.ratio;
      fastParts.push(`${fmt(quiet.ratio, 2)}× vs ${fmt(before.ratio, 2)}× at ${connections}`);
      const share = writing.ratio / quiet.ratio;
      steadyOk &&= share >= UNCHANGED_SHARE;
      steadyParts.push(`${fmt(writing.ratio, 2)}× vs ${fmt(quiet.ratio, 2)}× = ${fmt(share, 2)} at ${connections} (${fmt(writing.row.opsPerSec)} vs ${fmt(quiet.row.opsPerSec)}/s)`);
    }
    fast.push(`${name}: ${fastParts.join(', ')}`);
    steady.push(`${name}: ${steadyParts.join(', ')}`);
  }
  const writer = rows.find((r) => r.group === REPORT_READS_WRITING && r.name.startsWith(WRITER));
  return [
    {
      text: `report queries on a log of ${log} events with nothing cached at least as fast as the cached rows of before (ratio to serverInfo now vs then, at 1 and 16 connections; dashboard and transparencyReport held to publicSite's) — ${fast.join('; ')}`,
      holds: fastOk,
    },
    {
      text: `report queries unchanged while writes go on (ratio to serverInfo during the writes at least ${UNCHANGED_SHARE * 100} % of the one without; ${writer ? `${fmt(writer.opsPerSec)} submitApplication/s done` : 'no writer row'}) — ${steady.join('; ')}`,
      holds: steadyOk,
    },
  ];
};

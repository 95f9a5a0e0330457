/**
 * `npm run bench` — measures Hamaynk's hot paths beside baselines measured in the same run and
 * writes BENCHMARKS.md. `npm run bench -- --quick` for a short run while developing.
 *
 * For each log size (10^4, 10^5, 10^6 events; quick: 10^4, 10^5) a fresh log is filled (fixtures.ts), then:
 * reads, command round trips, appends (each beside its ceiling, and appends beside the peer), and the
 * GraphQL rows on the compiled server over a copy of the same log. Then the 2019 national report, the
 * projection rebuild rows and the audit verify rows (their own sizes), the scaling table and the targets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appendRows, plainSqlite } from './appends';
import { auditVerifyRows } from './audit-verify';
import { commandRows } from './commands';
import { cloneEvent, fillLog, makeTemplates } from './fixtures';
import { graphqlRows, startServer, token } from './graphql';
import { machineLine, markdownTable, progress, tempDir, time, withRatios, type BenchRow } from './harness';
import { nationalReportRows } from './national-report';
import { fillPeer, peerSynchronous } from './peer';
import { profileSection } from './profile';
import { projectionRebuildRows } from './projection-rebuild';
import { readRows, PEER_STREAM_1000 } from './reads';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { paymentEvent } from './appends';
import { evaluateTargets, scalingTable, type Target } from './targets';

/** Fixture streams in every log: 500 fees of 10 events, 3 of 1 000 (with the communities: ~9 000 events). */
const FIXTURES = { fees10: 500, fees1000: 3 };

const main = async () => {
  const quick = process.argv.includes('--quick');
  const skipOthers = process.argv.includes('--only-mine');
  const scales = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const started = Date.now();
  const rows: BenchRow[] = [];
  process.stdout.write(`Hamaynk benchmarks (${quick ? 'quick' : 'full'}) on ${machineLine()}\n`);
  const root = tempDir('hamaynk-bench-');
  const gqlDir = path.join(root, 'graphql');
  fs.mkdirSync(gqlDir);
  const setup: string[] = [];
  let peerSync = -1;
  try {
    progress('making the template streams through the services');
    const templates = await makeTemplates(root);
    peerSync = await peerSynchronous(path.join(root, 'peer-sync.sqlite'));
    let residentToken = '';
    for (const [index, log] of scales.entries()) {
      const dir = path.join(root, `log-${log}`);
      fs.mkdirSync(dir);
      const file = path.join(dir, 'events.sqlite');
      progress(`filling the logs to ${log.toLocaleString('en-GB')} events (hamaynk, ceiling, peer)`);
      let plan!: Awaited<ReturnType<typeof fillLog>>;
      const fillSeconds = await time(async () => (plan = await fillLog(file, templates, log, FIXTURES)));
      const plainFile = path.join(dir, 'plain.sqlite');
      const peerFile = path.join(dir, 'peer.sqlite');
      const filler = (i: number) => {
        const id = `filler${i}`;
        return { streamId: `fee-${id}`, events: templates.fee10.map((e) => cloneEvent(e, templates.fee10Id, id)) };
      };
      const otherSeconds = await time(async () => {
        const plain = plainSqlite(plainFile, 'NORMAL');
        for (let i = 0, n = 0; n < log; ) {
          const batch = [];
          for (let k = 0; k < 1000 && n < log; k++, i++, n += 10) batch.push(filler(i));
          plain.appendMany(batch);
        }
        plain.close();
        await fillPeer(peerFile, log, filler, { streamId: PEER_STREAM_1000, event: (i) => paymentEvent(i) });
      });
      setup.push(`log 10^${Math.log10(log)}: Hamaynk's log filled in ${fillSeconds.toFixed(1)} s, the ceiling's and the peer's in ${otherSeconds.toFixed(1)} s`);

      // The GraphQL server gets a copy of this log before the in-process rows add to it.
      for (const f of ['events.sqlite', 'events.sqlite-wal', 'events.sqlite-shm']) fs.rmSync(path.join(gqlDir, f), { force: true });
      fs.copyFileSync(file, path.join(gqlDir, 'events.sqlite'));

      const store = new SqliteEventStore(file);
      try {
        progress(`log ${log}: reads`);
        rows.push(...(await readRows(quick, { log: plan.events, store, stream1000: plan.stream1000, peerFile })));
        progress(`log ${log}: command round trips`);
        rows.push(...(await commandRows(quick, { log: plan.events, store, plan })));
        progress(`log ${log}: appends`);
        rows.push(...(await appendRows(quick, { log: plan.events, hamaynk: store, plainFile, peerFile })));
      } finally {
        await store.close();
      }
      fs.rmSync(dir, { recursive: true, force: true });

      if (index === 0) {
        // The default deployment: projections run in the server process and follow the mutations.
        progress(`log ${log}: GraphQL, serve (catching up the projections)`);
        const server = await startServer(gqlDir);
        try {
          residentToken = token(gqlDir, ['--role', 'resident', '--sub', 'r1', '--acr', 'eid']);
          rows.push(...(await graphqlRows(quick, server, residentToken, { label: 'serve', log: plan.events })));
        } finally {
          await server.stop();
        }
      }
      // Every log size: the request path alone, the read models built at the first size kept as they are.
      progress(`log ${log}: GraphQL, serve --projections off`);
      const server = await startServer(gqlDir, ['--projections', 'off']);
      try {
        rows.push(...(await graphqlRows(quick, server, residentToken, { label: 'serve --projections off', log: plan.events })));
      } finally {
        await server.stop();
      }
    }
    fs.rmSync(gqlDir, { recursive: true, force: true });

    progress('the 2019 national report');
    rows.push(...(await nationalReportRows(quick)));
    if (!skipOthers) {
      progress('projection rebuild rows');
      rows.push(...(await projectionRebuildRows(quick)));
      progress('audit verify rows');
      rows.push(...(await auditVerifyRows(quick)));
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }

  withRatios(rows);
  const table = markdownTable(rows);
  const scaling = scalingTable(rows, scales);
  const targets: Target[] = evaluateTargets(rows, scales);
  const targetLines = targets.map((t) => `- ${t.holds ? '✅ holds' : '❌ does not hold'}: ${t.text}`).join('\n');
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  process.stdout.write(`${table}\n\nScaling (ops/s at each log size):\n${scaling}\n\nTargets:\n${targetLines}\n\nran in ${minutes} min\n`);

  const profiles = quick || process.argv.includes('--no-profile') ? '' : await profileSection(targets);
  const syncName = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][peerSync] ?? String(peerSync);
  // npm runs scripts from the package root.
  const root0 = process.cwd();
  const doc = `# Benchmarks

Written by \`npm run bench\`${quick ? ' -- --quick' : ''} on ${new Date().toISOString().slice(0, 10)} (${minutes} min).

- Machine: ${machineLine()}. Other work may share it: absolute numbers drift, ratios to a baseline measured in
  the same run much less so.
- Command: \`npm run bench\` (full: logs of 10^4, 10^5 and 10^6 events) or \`npm run bench -- --quick\` (10^4 and 10^5).
  It builds first (\`npm run build\`) and runs \`node dist/tests/bench/run.js\`.
- Durability: every measured append commits with \`synchronous=FULL\` in WAL mode — Hamaynk's store (its default),
  the ceiling, and the peer: emmett-sqlite sets only \`journal_mode = WAL\` on each connection it opens, and a
  connection opened that way reads back \`PRAGMA synchronous\` = ${peerSync} (${syncName}) with the sqlite3 build it uses.
  Logs are pre-filled with bulk appends at \`synchronous=NORMAL\` (not measured).
- The log: filler fee streams of 10 events (clones of a fee made through the services) plus the fixture streams
  (communities of 10 and 1 000 events, 500 fees of 10 events, 3 fees of 1 000 events) spread evenly through it.
${setup.map((s) => `- ${s}.`).join('\n')}

${table}

## Scaling

Operations per second of each row measured at every log size (the "log" column of the table above);
slowdown = ops/s at the smallest log ÷ ops/s at the largest.

${scaling}

## Targets

${targetLines}
${profiles}
## What the ratios mean

Every ratio divides a row's operations per second by its baseline's, both measured in this same run on this
same machine (the baseline of a row is the row named in its "baseline" column, at the same log size).

- **append N/append**: events appended per second. The baseline is the ceiling: plain \`better-sqlite3\`
  inserting the same rows (the same canonical JSON bytes) in one transaction per append, WAL,
  \`synchronous=FULL\`. A ratio of 0.8× means Hamaynk reaches 80 % of what SQLite itself can do with one
  fsync per append. The peer (emmett-sqlite) is measured the same way on its own file; Hamaynk ÷ peer is
  in the targets.
- **16 callers (group commit)**: appends (or whole commands) that arrive together share one transaction and
  one fsync, each with its own expected-revision check and result; a ratio above 1× means more acknowledged
  appends per second than one transaction per append can give.
- **command round trip**: whole commands per second (validate, authorize, load the stream, decide, append
  with the expected revision, acknowledged when durable) against the same single-event append ceiling.
- **read a 1 000-event stream / the global log**: reads per second (events per second for the log) against
  plain better-sqlite3 running the same SELECT and parsing the same JSON columns.
- **GraphQL**: requests per second through HTTP, Fastify, Mercurius, authentication and the application,
  against \`{ serverInfo { name } }\` through the same stack at the same number of connections: the ratio is
  the share of the transport's own throughput the operation keeps. \`serve\` runs the projections in the
  server process (the default); \`serve --projections off\` is the request path alone, at every log size.
- **2019 national report**: in process against reading and parsing the adoption documents the report folds;
  through GraphQL against serverInfo.
- **projection rebuild / audit verify**: events per second against the ceilings described in their notes.
`;
  fs.writeFileSync(path.join(root0, 'BENCHMARKS.md'), doc);
  process.stdout.write(`written ${path.join(root0, 'BENCHMARKS.md')}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/**
 * `npm run bench` — measures Hamaynk's hot paths beside baselines measured in the same run and
 * writes BENCHMARKS.md. `npm run bench -- --quick` for a short run while developing.
 *
 * A log is filled for each size (10^4, 10^5, 10^6 events; quick: 10^4, 10^5; fixtures.ts), with the
 * ceiling's and the peer's logs holding the same events. Then reads, command round trips and appends, each
 * group's rows at every size measured in turns (so load from elsewhere on the machine falls on all alike),
 * and the GraphQL rows on compiled servers over copies of the same logs, also in turns. Then the 2019
 * national report, the projection rebuild and audit verify rows (their own sizes), the scaling table, the
 * targets, and CPU profiles of the scenarios behind targets that do not hold (full mode).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { appendRows, fillPlainFrom, paymentEvent } from './appends';
import { auditVerifyRows } from './audit-verify';
import { commandRows } from './commands';
import { documentRows } from './documents';
import { fillLog, makeTemplates, type LogPlan } from './fixtures';
import { graphqlRows, readAfterWriteRows, startServer, token, waitForAuditTree, waitForSettlement, type GraphqlTarget, type Server } from './graphql';
import { machineLine, markdownTable, progress, tempDir, time, withRatios, type BenchRow } from './harness';
import { nationalReportRows } from './national-report';
import { checkPeer, fillPeerFrom, peerRetries, peerSynchronous } from './peer';
import { profileSection } from './profile';
import { mutationPathRows, startCeilingServer } from './mutation-path';
import { reportReadRows } from './report-reads';
import { projectionRebuildRows } from './projection-rebuild';
import { readRows } from './reads';
import { staffPagesRows } from './staff-pages';
import { evaluateTargets, scalingTable, type Target } from './targets';
import { workingDayRows } from './working-days';
import { webhookRows } from './webhooks';
import { mailRows } from './mail';

/** Fixture streams in every log: 600 fees of 10 events, 2 of 1 000 (with the communities: ~9 000 events). */
const FIXTURES = { fees10: 600, fees1000: 2 };

interface Log {
  readonly log: number;
  readonly dir: string;
  readonly file: string;
  readonly plainFile: string;
  readonly peerFile: string;
  readonly plan: LogPlan;
}

class SkipGroup extends Error {}

const main = async () => {
  const quick = process.argv.includes('--quick');
  const skipOthers = process.argv.includes('--only-mine');
  // `--only reads,commands,documents,appends,graphql,read-after-write,mutation,report-reads,staff-pages,report,rebuild,audit,working-days,webhooks,mail`: a development run of some groups; prints, writes nothing.
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : null;
  const wanted = (group: string): boolean => only === null || only.has(group);
  const scales = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const started = Date.now();
  const rows: BenchRow[] = [];
  process.stdout.write(`Hamaynk benchmarks (${quick ? 'quick' : 'full'}) on ${machineLine()}\n`);
  if (wanted('working-days')) {
    progress('working days');
    rows.push(...(await workingDayRows(quick)));
  }
  if (wanted('webhooks')) {
    progress('webhooks');
    rows.push(...(await webhookRows(quick)));
  }
  if (wanted('mail')) {
    progress('mail: 10 000 queued notifications to a local SMTP server');
    rows.push(...(await mailRows()));
  }
  if (only !== null && [...only].every((group) => group === 'working-days' || group === 'webhooks' || group === 'mail')) {
    // Groups that need no event log: print their rows and stop.
    withRatios(rows);
    process.stdout.write(`${markdownTable(rows)}\n`);
    return;
  }
  const root = tempDir('hamaynk-bench-');
  const setup: string[] = [];
  let peerSync = -1;
  try {
    progress('making the template streams through the services');
    const templates = await makeTemplates();
    peerSync = await peerSynchronous(path.join(root, 'peer-sync.sqlite'));

    // 1. The logs: Hamaynk's by bulk appends, the ceiling's and the peer's with the same events.
    const logs: Log[] = [];
    for (const log of scales) {
      const dir = path.join(root, `log-${log}`);
      fs.mkdirSync(dir);
      const l = { log, dir, file: path.join(dir, 'events.sqlite'), plainFile: path.join(dir, 'plain.sqlite'), peerFile: path.join(dir, 'peer.sqlite') };
      progress(`filling the logs to ${log.toLocaleString('en-GB')} events (hamaynk, ceiling, peer)`);
      let plan!: LogPlan;
      const fillSeconds = await time(async () => (plan = await fillLog(l.file, templates, log, FIXTURES)));
      const otherSeconds = await time(async () => {
        fillPlainFrom(l.file, l.plainFile);
        await fillPeerFrom(l.file, l.peerFile);
      });
      await checkPeer(l.peerFile, plan.fees10[0], 10, paymentEvent(0));
      setup.push(`log 10^${Math.log10(log)}: Hamaynk's log filled in ${fillSeconds.toFixed(1)} s; the ceiling's and the peer's copied from it by SQL in ${otherSeconds.toFixed(1)} s`);
      logs.push({ ...l, plan });
    }

    // 2. Copies for the GraphQL servers, made before the in-process rows add to the logs.
    const gqlOn = path.join(root, 'graphql-serve');
    fs.mkdirSync(gqlOn);
    fs.copyFileSync(logs[0].file, path.join(gqlOn, 'events.sqlite'));
    const readAfterWrite = path.join(root, 'read-after-write');
    fs.mkdirSync(readAfterWrite);
    fs.copyFileSync(logs[0].file, path.join(readAfterWrite, 'events.sqlite'));
    const gqlOff = logs.map((l) => {
      const dir = path.join(root, `graphql-off-${l.log}`);
      fs.mkdirSync(dir);
      fs.copyFileSync(l.file, path.join(dir, 'events.sqlite'));
      return { dir, log: l.plan.events };
    });
    const gqlCeiling = path.join(root, 'graphql-ceiling');
    fs.mkdirSync(gqlCeiling);
    fs.copyFileSync(logs[0].file, path.join(gqlCeiling, 'events.sqlite'));

    // 3. In process, every log size in turns.
    const stores = logs.map((l) => new SqliteEventStore(l.file));
    try {
      const opened = logs.map((l, k) => ({ ...l, log: l.plan.events, store: stores[k], hamaynk: stores[k], stream1000: l.plan.stream1000 }));
      if (wanted('reads')) {
        progress('reads');
        rows.push(...(await readRows(quick, opened)));
      }
      if (wanted('commands')) {
        progress('command round trips');
        rows.push(...(await commandRows(quick, opened)));
      }
      if (wanted('documents')) {
        progress('correspondence registration');
        rows.push(...(await documentRows(quick, opened)));
      }
      if (wanted('appends')) {
        progress('appends');
        rows.push(...(await appendRows(quick, opened)));
      }
      setup.push(
        `emmett-sqlite: ${peerRetries.busy} of its calls failed with SQLITE_BUSY "cannot commit transaction - SQL statements in progress" (it commits before sqlite3 has finalized its \`INSERT/UPDATE … RETURNING\` statement) and were retried; the failed attempts' time counts in its rows`,
      );
    } finally {
      for (const s of stores) await s.close();
    }
    for (const l of logs) fs.rmSync(l.dir, { recursive: true, force: true });

    // 4. GraphQL: `serve` (projections in the server, the default) on the smallest log, measured alone (its
    //    projections keep working after each of its turns), then `serve --projections off` on every size,
    //    in turns, with the read models `serve` built.
    progress('GraphQL: serve (catching up the projections)');
    const servers: Server[] = [];
    try {
      if (!wanted('graphql')) throw new SkipGroup();
      let on!: Server;
      const ready = await time(async () => (on = await startServer(gqlOn)));
      servers.push(on);
      await waitForAuditTree(on.url);
      setup.push('every GraphQL server is measured once its audit tree holds the whole log (a server on a copied log builds it in the background after it is ready)');
      const settled = await waitForSettlement(gqlOn);
      setup.push(
        `\`serve\` on the ${logs[0].plan.events.toLocaleString('en-GB')}-event log: ready in ${ready.toFixed(1)} s (projections caught up); its permit/fee settlement process manager then handled the log's ${settled.events.toLocaleString('en-GB')} fee events in ${settled.seconds.toFixed(1)} s (its checkpoint written after each settlement, else every 1 000 events or 1 s); the GraphQL rows start after it`,
      );
      const residentToken = token(gqlOn, ['--role', 'resident', '--sub', 'r1', '--acr', 'eid']);
      const reads = new Database(path.join(gqlOn, 'read.sqlite'), { readonly: true });
      try {
        for (const { dir } of gqlOff) {
          await reads.backup(path.join(dir, 'read.sqlite'));
          fs.cpSync(path.join(gqlOn, 'keys'), path.join(dir, 'keys'), { recursive: true });
        }
      } finally {
        reads.close();
      }
      rows.push(...(await graphqlRows(quick, [{ server: on, label: 'serve', log: logs[0].plan.events }], residentToken)));
      await on.stop();
      servers.length = 0;
      const targets: GraphqlTarget[] = [];
      for (const { dir, log } of gqlOff) {
        const server = await startServer(dir, ['--projections', 'off']);
        servers.push(server);
        progress(`GraphQL: serve --projections off on the ${log.toLocaleString('en-GB')}-event log: waiting for its audit tree`);
        await waitForAuditTree(server.url);
        targets.push({ server, label: 'serve --projections off', log });
      }
      rows.push(...(await graphqlRows(quick, targets, residentToken)));
    } catch (error) {
      if (!(error instanceof SkipGroup)) throw error;
    } finally {
      for (const server of servers) await server.stop();
    }

    // 4b. Reads that follow writes: `serve` on its own copy of the smallest log.
    if (wanted('read-after-write')) {
      progress('reads after writes: serve (catching up the projections)');
      const server = await startServer(readAfterWrite);
      try {
        await waitForAuditTree(server.url);
        await waitForSettlement(readAfterWrite);
        rows.push(...(await readAfterWriteRows(quick, server, readAfterWrite, logs[0].plan.events)));
      } finally {
        await server.stop();
      }
    }
    if (wanted('mutation')) {
      progress('GraphQL mutation path: serve --projections off with the ceiling mutation');
      const residentToken = token(gqlCeiling, ['--role', 'resident', '--sub', 'r1', '--acr', 'eid']);
      const server = await startCeilingServer(gqlCeiling);
      try {
        await waitForAuditTree(server.url);
        const measured = await mutationPathRows(quick, server, residentToken, logs[0].plan.events);
        process.stderr.write(`${markdownTable(withRatios(measured))}\n`);
        rows.push(...measured);
      } finally {
        await server.stop();
      }
    }
    if (wanted('report-reads')) {
      progress('report reads');
      const reads = await reportReadRows(quick, templates);
      process.stderr.write(`${reads.setup.join('\n')}\n${markdownTable(withRatios(reads.rows))}\n`);
      rows.push(...reads.rows);
      setup.push(...reads.setup);
    }
    if (wanted('staff-pages')) {
      progress('staff-pages: the staff workspace on a community of 10^5 cases');
      const staff = await staffPagesRows(quick);
      process.stderr.write(`${staff.setup.join('\n')}\n${markdownTable(withRatios(staff.rows))}\n`);
      rows.push(...staff.rows);
      setup.push(...staff.setup);
    }
    if (wanted('report')) {
      progress('the 2019 national report');
      rows.push(...(await nationalReportRows(quick)));
    }
    if (!skipOthers && wanted('rebuild')) {
      progress('projection rebuild rows');
      rows.push(...(await projectionRebuildRows(quick)));
    }
    if (!skipOthers && wanted('audit')) {
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
  const targetLines = targets.map((t) => `- ${t.holds === undefined ? 'shown' : t.holds ? '✅ holds' : '❌ does not hold'}: ${t.text}`).join('\n');
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  process.stdout.write(`${table}\n\nScaling (ops/s at each log size):\n${scaling}\n\nTargets:\n${targetLines}\n\nran in ${minutes} min\n`);

  if (only !== null) return;
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
- The logs: Hamaynk's is filled with bulk appends through SqliteEventStore at \`synchronous=NORMAL\` (not
  measured): filler fee streams of 10 events (clones of a fee made through the services) and the fixture
  streams (communities of 10 and 1 000 events, 600 fees of 10 events, 2 fees of 1 000 events), one event per
  append spread evenly through the whole log, as real traffic leaves a stream's events. The ceiling's log
  (plain table) and the peer's (emmett-sqlite's own tables, made by its \`createEventStoreSchema\`, with the
  values its appendToStream writes) get the same events by SQL, and the peer's is checked by reading and
  appending through its public API. Reads of "a 1 000-event stream" read the same stream in all three.
- Rows compared with each other — a group's rows at every log size — are measured in turns (4 rounds in
  process, 2–3 for GraphQL), each round giving each row a share of its calls or seconds. \`serve\` (whose
  projections go on working after each of its turns) is measured on its own, before the \`--projections off\`
  servers, which are measured in turns.
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
- **correspondence registration**: \`registerIncomingDocument\` by 16 callers into one community's incoming
  journal (each takes the next number of one gap-free sequence, retried on a conflict, before its document
  stream is created) against \`submitApplication\` by 16 callers (no shared sequence) in the same run.
- **read a 1 000-event stream / the global log**: reads per second (events per second for the log) against
  plain better-sqlite3 running the same SELECT and parsing the same JSON columns.
- **GraphQL**: requests per second through HTTP, Fastify, Mercurius, authentication and the application,
  against \`{ serverInfo { name } }\` through the same stack at the same number of connections: the ratio is
  the share of the transport's own throughput the operation keeps. \`serve\` runs the projections in the
  server process (the default); \`serve --projections off\` is the request path alone, at every log size.
- **GraphQL mutation path**: mutations per second against the ceiling, a mutation that exists only in the bench's
  server (tests/bench/ceiling-server.ts) and appends one event (FULL) through the same stack and does nothing else:
  the ratio is the share of that the whole command keeps.
- **report reads**: the reports through GraphQL on \`serve\` over a log of 10^6 events (quick: 10^5), against
  serverInfo on the same server, without writes and while a writer submits applications at a fixed rate.
- **staff-pages**: the staff workspace's reads through HTTP on \`serve --projections off\` over a community of
  10^5 cases, against serverInfo on the same server at the same connections; a page of the workspace against
  the GraphQL query that fetches the same data.
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

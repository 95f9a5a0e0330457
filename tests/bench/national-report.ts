/**
 * The 2019 national adoption report as of 2019-07-01 over the full seeded history: `hamaynk seed
 * --history 2019` into a temp DATA_DIR, the compiled server started on it (ready once its projections
 * caught up), then
 * - through GraphQL (autocannon, 1 and 16 connections) beside `{ serverInfo { name } }` at the same
 *   concurrency;
 * - in process through `createQueries(...).nationalAdoptionReport` on the read store the server built
 *   (one national document), beside the way it was computed before it became a read model (the test
 *   oracle, folding every community's timeline) and that way's ceiling: plain better-sqlite3 reading and
 *   parsing the adoption documents (the communities registered by the date).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createQueries } from '../../application/queries';
import { createReportReadModels } from '../../projections';
import { createScanningAdoptionQueries } from '../support/report-oracle/national-adoption';
import { systemClock } from '../../application/ids';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { cli, gql, gqlBody, graphqlName, load, SERVER_INFO, startServer, waitForSettlement, withPeakRss } from './graphql';
import { measure, progress, tempDir, type BenchRow } from './harness';

export const NATIONAL = '2019 national report';
const AS_OF = '2019-07-01';
const CEILING = 'plain better-sqlite3 read of the adoption documents (ceiling)';
export const REPORT_QUERY = `{ nationalAdoptionReport(asOf: "${AS_OF}") { asOf totalCommunities withCmisDeployed consolidatedMultiSettlement consolidatedWithMultiSettlementCmis
  withElectronicDocumentCirculation whereCmisIsOfficialWebsite withAtLeast3000Residents citizenServiceOffices giz: citizenServiceOfficesWithPartner(partner: "GIZ")
  shareOfPopulationOutsideYerevanWithCso withOfficialWebsite } }`;

export const nationalReportRows = async (quick: boolean): Promise<BenchRow[]> => {
  const dataDir = tempDir('hamaynk-bench-national-');
  const rows: BenchRow[] = [];
  try {
    progress('national report: hamaynk seed --history 2019');
    const seeded = cli(dataDir, ['seed', '--history', '2019']);
    const head = /log head: (\d+)/.exec(seeded)?.[1] ?? '?';
    const of = `${Number(head).toLocaleString('en-GB')} seeded events`;

    const server = await startServer(dataDir);
    try {
      await waitForSettlement(dataDir);
      const report = (await gql(server.url, { body: gqlBody(REPORT_QUERY) })).nationalAdoptionReport as { totalCommunities: number };
      if (!(report.totalCommunities > 0)) throw new Error('the national report counted no community');
      const seconds = quick ? 1 : 3;
      for (const connections of [1, 16]) {
        for (const [name, body, baseline] of [
          [SERVER_INFO, gqlBody('{ serverInfo { name } }'), undefined],
          [`nationalAdoptionReport(asOf: "${AS_OF}")`, gqlBody(REPORT_QUERY), graphqlName(SERVER_INFO, connections)],
        ] as const) {
          progress(`national report: ${name} at ${connections} connections`);
          await load(server.url, { name, body }, connections, quick ? 0.3 : 1);
          const { result: r, peakMb } = await withPeakRss(server.pid, () => load(server.url, { name, body }, connections, seconds));
          rows.push({
            group: `${NATIONAL} (GraphQL)`,
            name: graphqlName(name, connections),
            ops: r.count,
            opsPerSec: r.opsPerSec,
            p50Ms: r.p50Ms,
            p99Ms: r.p99Ms,
            peakRssMb: peakMb,
            baseline,
            note: `${seconds} s, server RSS${baseline ? `; ${of}, ${report.totalCommunities} communities` : ''}`,
          });
        }
      }
    } finally {
      await server.stop();
    }

    const readStore = new SqliteReadStore(path.join(dataDir, 'read.sqlite'));
    const db = new Database(path.join(dataDir, 'read.sqlite'), { readonly: true });
    try {
      const queries = createQueries({ readStore, clock: systemClock, reports: createReportReadModels(readStore) });
      // The report as it was computed before it became a read model: every community's timeline folded at each call.
      const scanning = createScanningAdoptionQueries(readStore);
      const generation = db.prepare<[], { generation: number }>("SELECT generation FROM projection_generations WHERE projection = 'adoption' AND state = 'active'").get()?.generation;
      if (generation === undefined) throw new Error('the adoption projection has no active generation');
      const docs = db.prepare<[string], { doc: string }>(`SELECT doc FROM "adoption__g${generation}" WHERE "f_registeredOn" <= ? ORDER BY id`);
      const n = quick ? 100 : 300;
      const common = { maxSeconds: quick ? 2 : 5, note: of };
      rows.push(await measure(`${NATIONAL} (in process)`, CEILING, n, () => docs.all(AS_OF).map((r) => JSON.parse(r.doc) as unknown), common));
      rows.push(
        await measure(
          `${NATIONAL} (in process)`,
          `createQueries().nationalAdoptionReport("${AS_OF}") (read model)`,
          n,
          async () => {
            const r = await queries.nationalAdoptionReport(AS_OF);
            return r.citizenServiceOfficesWithPartner('GIZ');
          },
          { ...common, baseline: CEILING, note: `${of}; one national document` },
        ),
      );
      rows.push(
        await measure(
          `${NATIONAL} (in process)`,
          `nationalAdoptionReport("${AS_OF}") folding every timeline (before the read model)`,
          n,
          async () => {
            const r = await scanning.nationalAdoptionReport(AS_OF);
            return r.citizenServiceOfficesWithPartner('GIZ');
          },
          { ...common, baseline: CEILING, note: `${of}; the test oracle` },
        ),
      );
    } finally {
      db.close();
      await readStore.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
};

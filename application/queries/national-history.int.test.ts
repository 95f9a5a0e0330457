/**
 * Cross-check: the national community history behind the 2019 report (application/seed), as `npm start`
 * seeds it (through the community service into the SQLite event store, projected by the server into the
 * SQLite read store: a copy of the seeded template, tests/support/seeded-template.ts), gives the same
 * nationalAdoptionReport as the seed's own independent fold of the commands (report-check.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { seededDataDir } from '../../tests/support/seeded-template';
import { fixedClock } from '../ids';
import { loadCommunitiesData } from '../../seed/data';
import { buildNationalHistory } from '../../seed/national-history';
import { foldHistory, nationalAdoptionReport as expectedReport } from '../../tests/support/report-check';
import { createReportReadModels } from '../../projections';
import { createQueries, type Queries } from '.';

describe('national adoption report of the 2019 history (SQLite)', () => {
  let dir: string;
  let readStore: SqliteReadStore;
  let queries: Queries;
  let facts: ReturnType<typeof foldHistory>;

  beforeAll(async () => {
    dir = await seededDataDir();
    readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    facts = foldHistory(buildNationalHistory(loadCommunitiesData()));
    queries = createQueries({ readStore, clock: fixedClock('2024-03-01T08:00:00Z'), reports: createReportReadModels(readStore) });
  }, 300_000);

  afterAll(async () => {
    await readStore?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['2011-10-12', '2015-01-01', '2016-06-30', '2017-12-31', '2019-07-01', '2024-01-01'])('as of %s the projection agrees with the fold of the commands', async (asOf) => {
    const { citizenServiceOfficesWithPartner, withOfficialWebsite: _w, documentCirculationUse: _use, ...figures } = await queries.nationalAdoptionReport(asOf);
    const expected = expectedReport(facts, asOf, 'GIZ');
    expect({ ...figures, citizenServiceOfficesWithPartner: citizenServiceOfficesWithPartner('GIZ') }).toEqual(expected);
  });
});

/**
 * Cross-check: the national community history behind the 2019 report (application/seed), replayed through
 * the community service into a real SQLite event store and projected into a real SQLite read store, gives
 * the same nationalAdoptionReport as the seed's own independent fold of the commands (report-check.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { adoptionProjection } from '../../projections';
import { rebuildProjection } from '../../projections/runner';
import { createCommandHandler } from '../command-handler';
import { createCommunityService } from '../community/service';
import { countingIds, fixedClock } from '../ids';
import { loadCommunitiesData } from '../seed/data';
import { buildNationalHistory } from '../seed/national-history';
import { foldHistory, nationalAdoptionReport as expectedReport } from '../seed/report-check';
import { seedHistory } from '../seed/seed-history';
import { createQueries, type Queries } from '.';

describe('national adoption report of the 2019 history (SQLite)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let queries: Queries;
  let facts: ReturnType<typeof foldHistory>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    const clock = fixedClock('2024-03-01T08:00:00Z');
    const commands = buildNationalHistory(loadCommunitiesData());
    facts = foldHistory(commands);
    await seedHistory(createCommunityService({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('history') }), clock }), commands);
    await rebuildProjection(eventStore, readStore, adoptionProjection);
    queries = createQueries({ readStore, clock });
  }, 300_000);

  afterAll(async () => {
    await readStore?.close();
    await eventStore?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['2011-10-12', '2015-01-01', '2016-06-30', '2017-12-31', '2019-07-01', '2024-01-01'])('as of %s the projection agrees with the fold of the commands', async (asOf) => {
    const { citizenServiceOfficesWithPartner, withOfficialWebsite: _w, ...figures } = await queries.nationalAdoptionReport(asOf);
    const expected = expectedReport(facts, asOf, 'GIZ');
    expect({ ...figures, citizenServiceOfficesWithPartner: citizenServiceOfficesWithPartner('GIZ') }).toEqual(expected);
  });
});

/**
 * nationalAdoptionReport(asOf) and adoptionOverTime over a small synthetic history recorded through the
 * community service (real SQLite event store), projected into a real SQLite read store. Figures by hand.
 *
 * History (province; population):
 *   YER  Yerevan; 1 000 000   registered 2011-10-12; office (SDC) 2016-01-01
 *   A    Lori;    2 000       registered 2011-10-12; merged into AB 2016-06-01
 *   B    Lori;    1 500       registered 2011-10-12; merged into AB 2016-06-01
 *   C    Shirak;  10 000      registered 2011-10-12; CMIS single 2015-03-01, website on CMIS 2015-04-01,
 *                             document circulation 2015-05-01, office (GIZ/BMZ) 2017-01-01
 *   D    Tavush;  4 000       registered 2011-10-12; CMIS single 2018-01-01, website on CMIS 2018-02-01,
 *                             population 2 800 as of 2018-06-01, website elsewhere 2019-01-01
 *   AB   Lori;    3 500       consolidated from A and B on 2016-06-01; CMIS multi 2016-09-01,
 *                             website elsewhere 2016-10-01, office (USAID) 2018-03-01
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { createReportReadModels, nationalAdoptionProjection } from '../../projections';
import { rebuildProjection } from '../../projections/runner';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { createCommands } from '../commands/registry';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { createQueries, type Queries } from '.';

const ministry: CommandContext = { actor: { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' } satisfies Actor };

describe('national adoption report (SQLite)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let queries: Queries;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    const clock = fixedClock('2024-03-01T08:00:00Z');
    const communities = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('adoption-test') }), clock });
    const register = (code: string, province: string, population: number) =>
      communities.registerCommunity(
        { input: { code, nameHy: code, nameEn: code, province, kind: 'rural', population, occurredAt: '2011-10-12T00:00:00+04:00' } },
        ministry,
      );
    await register('YER', 'Yerevan', 1_000_000);
    await register('A', 'Lori', 2_000);
    await register('B', 'Lori', 1_500);
    await register('C', 'Shirak', 10_000);
    await register('D', 'Tavush', 4_000);
    await communities.deployCmis({ communityId: 'C', edition: 'single-settlement', on: '2015-03-01' }, ministry);
    await communities.launchOfficialWebsite({ communityId: 'C', url: 'https://c.am', hostedOnCmis: true, on: '2015-04-01' }, ministry);
    await communities.enableDocumentCirculation({ communityId: 'C', on: '2015-05-01' }, ministry);
    await communities.openCitizenServiceOffice({ communityId: 'YER', officeId: 'y1', name: 'Yerevan CSO', partners: ['SDC'], on: '2016-01-01' }, ministry);
    await communities.consolidateCommunities(
      { input: { code: 'AB', nameHy: 'AB', nameEn: 'AB', province: 'Lori', kind: 'rural', formerCommunityIds: ['A', 'B'], on: '2016-06-01', population: 3_500 } },
      ministry,
    );
    await communities.deployCmis({ communityId: 'AB', edition: 'multi-settlement', on: '2016-09-01' }, ministry);
    await communities.launchOfficialWebsite({ communityId: 'AB', url: 'https://ab.am', hostedOnCmis: false, on: '2016-10-01' }, ministry);
    await communities.openCitizenServiceOffice({ communityId: 'C', officeId: 'c1', name: 'C CSO', partners: ['GIZ/BMZ'], on: '2017-01-01' }, ministry);
    await communities.deployCmis({ communityId: 'D', edition: 'single-settlement', on: '2018-01-01' }, ministry);
    await communities.launchOfficialWebsite({ communityId: 'D', url: 'https://d.am', hostedOnCmis: true, on: '2018-02-01' }, ministry);
    await communities.openCitizenServiceOffice({ communityId: 'AB', officeId: 'ab1', name: 'AB CSO', partners: ['USAID'], on: '2018-03-01' }, ministry);
    await communities.recordPopulation({ communityId: 'D', population: 2_800, asOf: '2018-06-01' }, ministry);
    await communities.launchOfficialWebsite({ communityId: 'D', url: 'https://d.gov.am', hostedOnCmis: false, on: '2019-01-01' }, ministry);
    await rebuildProjection(eventStore, readStore, nationalAdoptionProjection);
    queries = createQueries({ readStore, clock, reports: createReportReadModels(readStore) });
  });

  afterAll(async () => {
    await readStore?.close();
    await eventStore?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const figures = async (asOf: string) => {
    const { citizenServiceOfficesWithPartner, documentCirculationUse: _use, ...rest } = await queries.nationalAdoptionReport(asOf);
    return { ...rest, giz: citizenServiceOfficesWithPartner('giz') };
  };

  it('before any registration: nothing exists', async () => {
    expect(await figures('2011-10-11')).toMatchObject({ totalCommunities: 0, withCmisDeployed: 0, withAtLeast3000Residents: 0, citizenServiceOffices: 0, shareOfPopulationOutsideYerevanWithCso: 0, giz: 0 });
  });

  it('as of 2015-12-31: the five registered communities, C on CMIS', async () => {
    expect(await figures('2015-12-31')).toEqual({
      asOf: '2015-12-31',
      totalCommunities: 5,
      withCmisDeployed: 1,
      consolidatedMultiSettlement: 0,
      consolidatedWithMultiSettlementCmis: 0,
      withElectronicDocumentCirculation: 1,
      whereCmisIsOfficialWebsite: 1,
      withAtLeast3000Residents: 3, // YER, C, D
      citizenServiceOffices: 0,
      shareOfPopulationOutsideYerevanWithCso: 0,
      withOfficialWebsite: 1,
      giz: 0,
    });
  });

  it('on the consolidation day the former communities no longer count and the new one does', async () => {
    expect(await figures('2016-06-01')).toMatchObject({
      totalCommunities: 4, // YER, C, D, AB
      consolidatedMultiSettlement: 1,
      consolidatedWithMultiSettlementCmis: 0,
      withAtLeast3000Residents: 4,
      citizenServiceOffices: 1, // Yerevan's office
      shareOfPopulationOutsideYerevanWithCso: 0,
    });
    expect(await figures('2016-05-31')).toMatchObject({ totalCommunities: 5, consolidatedMultiSettlement: 0 });
  });

  it('as of 2018-06-30: latest edition, latest website, latest population, offices with partners, share outside Yerevan', async () => {
    const report = await queries.nationalAdoptionReport('2018-06-30');
    expect(report).toMatchObject({
      totalCommunities: 4,
      withCmisDeployed: 3, // C, AB, D
      consolidatedMultiSettlement: 1,
      consolidatedWithMultiSettlementCmis: 1,
      withElectronicDocumentCirculation: 1,
      whereCmisIsOfficialWebsite: 2, // C, D
      withAtLeast3000Residents: 3, // YER, C, AB (D is 2 800 from 2018-06-01)
      citizenServiceOffices: 3, // YER, C, AB
      // Outside Yerevan: C 10 000 + D 2 800 + AB 3 500 = 16 300; with an office: 13 500 → 82.82 %.
      shareOfPopulationOutsideYerevanWithCso: 82.8,
    });
    expect(report.citizenServiceOfficesWithPartner('GIZ')).toBe(1);
    expect(report.citizenServiceOfficesWithPartner('bmz')).toBe(1);
    expect(report.citizenServiceOfficesWithPartner('usaid')).toBe(1);
    expect(report.citizenServiceOfficesWithPartner('SDC')).toBe(1);
    expect(report.citizenServiceOfficesWithPartner('World Bank')).toBe(0);
    expect(() => report.citizenServiceOfficesWithPartner('  ')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('as of 2019-07-01: D’s website moved off CMIS', async () => {
    expect(await figures('2019-07-01')).toMatchObject({ totalCommunities: 4, whereCmisIsOfficialWebsite: 1, withOfficialWebsite: 3, shareOfPopulationOutsideYerevanWithCso: 82.8, giz: 1 });
  });

  it('adoptionOverTime: one point per month, as of each month end (the last one as of `to`)', async () => {
    expect(await queries.adoptionOverTime('2018-01-15', '2018-03-10')).toEqual([
      { month: '2018-01', asOf: '2018-01-31', totalCommunities: 4, withCmisDeployed: 3, withElectronicDocumentCirculation: 1, withOfficialWebsite: 2, whereCmisIsOfficialWebsite: 1, citizenServiceOffices: 2 },
      { month: '2018-02', asOf: '2018-02-28', totalCommunities: 4, withCmisDeployed: 3, withElectronicDocumentCirculation: 1, withOfficialWebsite: 3, whereCmisIsOfficialWebsite: 2, citizenServiceOffices: 2 },
      { month: '2018-03', asOf: '2018-03-10', totalCommunities: 4, withCmisDeployed: 3, withElectronicDocumentCirculation: 1, withOfficialWebsite: 3, whereCmisIsOfficialWebsite: 2, citizenServiceOffices: 3 },
    ]);
    expect((await queries.adoptionOverTime('2015-12-01', '2016-12-31')).map((p) => p.totalCommunities)).toEqual([5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4]);
    await expect(queries.adoptionOverTime('2019-01-01', '2018-01-01')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(queries.nationalAdoptionReport('2019-13-01')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['asOf'] });
  });
});

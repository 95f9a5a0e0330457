/**
 * The reports read from their read models (projections/case-reports, projections/national-adoption) answer
 * exactly what they answered when they were computed at query time by paging through every case — the
 * scanning implementation kept as the test oracle (tests/support/report-oracle) — on the store `npm start`
 * seeds: every community's public page and dashboard on several days, the transparency report of every
 * community and the national one over several ranges, and the national adoption report on several dates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addDays, yerevanDate } from '../../domain/kernel/time';
import { COLLECTIONS, type CommunityDoc } from '../../application/queries/read-models';
import { findAll } from '../../application/queries/paging';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { createReportReadModels } from '../../projections';
import type { ReportReadModels } from '../../application/queries/reports';
import { createScanningReportQueries, type ScanningReportQueries } from '../support/report-oracle/reports';
import { createScanningAdoptionQueries, type ScanningAdoptionQueries } from '../support/report-oracle/national-adoption';
import { seededDataDir } from '../support/seeded-template';

jest.setTimeout(900_000);

const PARTNERS = ['GIZ', 'giz', 'USAID', 'SDC', 'UNDP', 'nobody'];

describe('reports from read models = reports computed by scanning every case (the seeded demo store)', () => {
  let dir: string;
  let readStore: SqliteReadStore;
  let reports: ReportReadModels;
  let oracle: ScanningReportQueries;
  let adoptionOracle: ScanningAdoptionQueries;
  let communities: string[];
  const today = yerevanDate(new Date());
  /** Days around the demo's work: it is dated from today, a year and a half back. */
  const days = [addDays(today, -540), addDays(today, -365), addDays(today, -90), addDays(today, -30), addDays(today, -1), today, addDays(today, 45)];

  beforeAll(async () => {
    dir = await seededDataDir();
    readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    reports = createReportReadModels(readStore);
    oracle = createScanningReportQueries(readStore);
    adoptionOracle = createScanningAdoptionQueries(readStore);
    communities = (await findAll<CommunityDoc>(readStore, COLLECTIONS.communities, {})).map((c) => c.id);
  });

  afterAll(async () => {
    await readStore?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the seeded store has the national history and the demo communities’ daily work', async () => {
    expect(communities.length).toBeGreaterThan(900);
    const national = await oracle.transparencyReport({}, today);
    expect(national.applicationsDecided).toBeGreaterThan(100);
    expect(national.feesCollectedByCode.length).toBeGreaterThan(1);
    expect(national.complaintsResponded).toBeGreaterThan(10);
    expect(national.actsPublished).toBeGreaterThan(3);
  });

  it('publicSite and dashboard of every community today, and of the communities with cases on several days', async () => {
    let busy = 0;
    for (const communityId of communities) {
      const withCases = (await oracle.publicSite(communityId, today)).statistics.applications.total > 0;
      for (const day of withCases ? days : [today]) {
        const [site, expectedSite] = await Promise.all([reports.publicSite(communityId, day), oracle.publicSite(communityId, day)]);
        expect(site).toEqual(expectedSite);
        const [dashboard, expectedDashboard] = await Promise.all([reports.dashboard(communityId, day), oracle.dashboard(communityId, day)]);
        expect(dashboard).toEqual(expectedDashboard);
        if (expectedSite.statistics.applications.total > 0 && expectedDashboard.fees.receivableAmd > 0) busy++;
      }
    }
    // Not only empty answers compared: the demo communities have cases and fees on every day asked.
    expect(busy).toBeGreaterThanOrEqual(3);
  });

  it('transparencyReport of every community with cases and national, all time and over several ranges', async () => {
    const ranges: Array<{ from?: string; to?: string }> = [{}, { from: addDays(today, -365) }, { to: addDays(today, -180) }, { from: addDays(today, -400), to: addDays(today, -30) }, { from: today, to: today }];
    for (let m = 0; m < 19; m++) {
      const from = addDays(today, -30 * (m + 1));
      ranges.push({ from, to: addDays(from, 29) });
    }
    const withCases: string[] = [];
    for (const communityId of communities) {
      const allTime = await oracle.transparencyReport({ communityId }, today);
      if (allTime.applicationsDecided + allTime.feesCollectedByCode.length + allTime.complaintsResponded + allTime.actsAdopted > 0) withCases.push(communityId);
    }
    expect(withCases.length).toBeGreaterThanOrEqual(3);
    // A community without cases, one that does not exist, and the nation.
    const scopes: Array<string | null> = [...withCases, communities.find((c) => !withCases.includes(c))!, 'NO-SUCH', null];
    let decided = 0;
    for (const communityId of scopes) {
      for (const range of ranges) {
        const args = { communityId, ...range };
        const expected = await oracle.transparencyReport(args, today);
        expect(await reports.transparencyReport(args, today)).toEqual(expected);
        decided += expected.applicationsDecided;
      }
    }
    expect(decided).toBeGreaterThan(0);
  });

  it('nationalAdoptionReport on several dates (with partners) and adoptionOverTime', async () => {
    for (const asOf of ['2010-01-01', '2015-12-31', '2016-06-30', '2017-06-15', '2018-12-31', '2019-07-01', addDays(today, -200), today, '2099-01-01']) {
      const { citizenServiceOfficesWithPartner: partners, documentCirculationUse: use, ...figures } = await reports.nationalAdoptionReport(asOf);
      const { citizenServiceOfficesWithPartner: expectedPartners, documentCirculationUse: expectedUse, ...expected } = await adoptionOracle.nationalAdoptionReport(asOf);
      expect(figures).toEqual(expected);
      for (const partner of PARTNERS) expect([asOf, partner, partners(partner)]).toEqual([asOf, partner, expectedPartners(partner)]);
      for (const period of [{}, { from: '2000-01-01' }, { from: addDays(today, -90), to: addDays(today, -30) }]) expect(await use(period)).toEqual(await expectedUse(period));
    }
    expect((await reports.nationalAdoptionReport('2019-07-01')).totalCommunities).toBeGreaterThan(400);
    // The demo communities register documents: the use is not only compared when empty.
    expect((await (await reports.nationalAdoptionReport(today)).documentCirculationUse({ from: addDays(today, -540) })).communitiesRegisteringDocuments).toBeGreaterThanOrEqual(3);
    for (const [from, to] of [
      ['2014-01-01', today],
      ['2016-05-15', '2016-05-20'],
    ]) {
      expect(await reports.adoptionOverTime(from, to)).toEqual(await adoptionOracle.adoptionOverTime(from, to));
    }
  });

  it('refuses the same bad arguments with the same errors', async () => {
    const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'none', (e: { code?: string }) => e.code ?? 'no code');
    expect(await codeOf(reports.publicSite('NO-SUCH', today))).toBe(await codeOf(oracle.publicSite('NO-SUCH', today)));
    expect(await codeOf(reports.dashboard('', today))).toBe(await codeOf(oracle.dashboard('', today)));
    expect(await codeOf(reports.transparencyReport({ from: '2024-02-30' }, today))).toBe(await codeOf(oracle.transparencyReport({ from: '2024-02-30' }, today)));
    expect(await codeOf(reports.transparencyReport({ from: '2024-03-02', to: '2024-03-01' }, today))).toBe('VALIDATION_FAILED');
    expect(await codeOf(reports.nationalAdoptionReport('yesterday'))).toBe(await codeOf(adoptionOracle.nationalAdoptionReport('yesterday')));
    expect(await codeOf(reports.adoptionOverTime('2000-01-01', '2099-01-01'))).toBe(await codeOf(adoptionOracle.adoptionOverTime('2000-01-01', '2099-01-01')));
    const report = await reports.nationalAdoptionReport('2019-07-01');
    expect(() => report.citizenServiceOfficesWithPartner('  ')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }) as Error);
  });
});

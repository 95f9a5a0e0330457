import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { communityDecider, communityView, type CommunityCommand, type CommunityEvent, type CommunityState } from '../domain/community';
import { isDomainError } from '../domain/kernel/errors';
import { addDays, isIsoDate, isIsoDateTime, yerevanDate } from '../domain/kernel/time';
import { loadCmisReport2019, loadCommunitiesData, seedDataFile, sourceIds, COMMUNITIES_DATA_FILE, type CommunitiesData } from './data';
import {
  buildNationalHistory,
  commandCommunityId,
  commandDate,
  planNationalHistory,
  HISTORY_SOURCES,
  SYNTHETIC,
  type HistoryCommand,
  type NationalHistoryPlan,
} from './national-history';
import { existingOn, foldHistory, hasOfficeOn, nationalAdoptionReport, populationOn, type CommunityFacts, type NationalAdoptionReport } from '../tests/support/report-check';
import { createRandom, apportion } from './random';
import { transliterateHy } from './transliterate';
import { RECONCILIATION } from './structure';

const data: CommunitiesData = loadCommunitiesData();
const report2019 = loadCmisReport2019();
const plan: NationalHistoryPlan = planNationalHistory(data);
const history: HistoryCommand[] = buildNationalHistory(data);
const facts = foldHistory(history);
const table = (asOf: string, partner = 'GIZ'): NationalAdoptionReport => nationalAdoptionReport(facts, asOf, partner);
const within = (actual: number, approx: number, tolerance = 0.05): boolean => Math.abs(actual - approx) <= approx * tolerance;

const officeProvinces = (asOf: string): Set<string> => new Set(existingOn(facts, asOf).filter((c) => hasOfficeOn(c, asOf)).map((c) => c.province));

describe('the data file', () => {
  it('adds up: 915 pre-reform communities − 465 merged + 52 consolidated = 502 communities in 2019', () => {
    const pre = data.provinces.reduce((s, p) => s + p.communities_pre_reform_2011.total, 0);
    const post = data.provinces.reduce((s, p) => s + p.communities_2019_adm3_count, 0);
    expect(pre).toBe(915);
    expect(post).toBe(502);
    expect(data.communities_2019_adm3.items).toHaveLength(502);
    expect(pre - 465 + 52).toBe(post);
    // Per province, the communities absorbed (pre − post) are 465 − 52 = 413 in all.
    expect(data.provinces.reduce((s, p) => s + p.communities_pre_reform_2011.total - p.communities_2019_adm3_count, 0)).toBe(465 - 52);
  });

  it('ships in seed/data, and a broken file is refused with a reason', () => {
    expect(fs.existsSync(seedDataFile(COMMUNITIES_DATA_FILE))).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-seed-'));
    try {
      const file = path.join(dir, COMMUNITIES_DATA_FILE);
      fs.writeFileSync(file, JSON.stringify({ ...data, provinces: 'none' }));
      expect(() => loadCommunitiesData(file)).toThrow(/"provinces" must be an array/);
      fs.writeFileSync(file, '{ not json');
      expect(() => loadCommunitiesData(file)).toThrow(/Cannot read the communities data file/);
      fs.writeFileSync(file, JSON.stringify(data));
      expect(loadCommunitiesData(file).communities_2019_adm3.items).toHaveLength(502);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the 2019 report, as of 2019-07-01', () => {
  const r = table('2019-07-01');

  it('reproduces the exact figures', () => {
    expect(r.totalCommunities).toBe(report2019.communities.total);
    expect(r.consolidatedMultiSettlement).toBe(report2019.communities.consolidatedMultiSettlement);
    expect(r.consolidatedWithMultiSettlementCmis).toBe(report2019.communities.consolidatedWithMultiSettlementCmis);
    expect(r.withAtLeast3000Residents).toBe(report2019.communities.withAtLeast3000Residents);
    expect(r.citizenServiceOffices).toBe(report2019.citizenServiceOffices.municipalitiesWithOffice);
    expect(r.citizenServiceOfficesWithPartner).toBe(report2019.citizenServiceOffices.foundedWithGizAndDonors);
    expect([r.totalCommunities, r.consolidatedMultiSettlement, r.consolidatedWithMultiSettlementCmis, r.withAtLeast3000Residents, r.citizenServiceOffices, r.citizenServiceOfficesWithPartner]).toEqual([
      502, 52, 40, 153, 42, 39,
    ]);
  });

  it('reproduces the approximate figures', () => {
    expect(within(r.withCmisDeployed, report2019.communities.withCmisDeployed.approx)).toBe(true);
    expect(r.withElectronicDocumentCirculation).toBeGreaterThan(report2019.communities.withElectronicDocumentCirculation.moreThan);
    expect(r.withElectronicDocumentCirculation).toBeLessThanOrEqual(r.withCmisDeployed);
    expect(within(r.whereCmisIsOfficialWebsite, report2019.communities.whereCmisIsOfficialWebsite.approx)).toBe(true);
    expect(within(r.shareOfPopulationOutsideYerevanWithCso, report2019.reach.shareOfPopulationOutsideYerevanWithImprovedServices.approxPercent)).toBe(true);
  });

  it('matches partners case-insensitively as substrings, and names no partner that is absent', () => {
    expect(table('2019-07-01', 'giz').citizenServiceOfficesWithPartner).toBe(39);
    expect(table('2019-07-01', 'KfW').citizenServiceOfficesWithPartner).toBe(1); // Jrvezh: "GIZ/KfW" (S_moj_2019)
    expect(table('2019-07-01', 'World Bank').citizenServiceOfficesWithPartner).toBe(0);
  });

  it('gives every community of 3000 or more residents an official website (Law on Local Self-Government, art. 11(5))', () => {
    const live = existingOn(facts, '2019-07-01');
    const big = live.filter((c) => populationOn(c, '2019-07-01') >= 3000);
    expect(big).toHaveLength(153);
    expect(big.filter((c) => c.websites.some((w) => w.on <= '2019-07-01'))).toHaveLength(153);
  });

  it('runs every office, document circulation and CMIS-hosted website on a CMIS deployed before it', () => {
    for (const c of facts.values()) {
      const firstCmis = c.cmis.map((d) => d.on).sort()[0];
      for (const o of c.offices) expect([c.code, firstCmis !== undefined && firstCmis <= o.on]).toEqual([c.code, true]);
      if (c.documentCirculationOn !== null) expect([c.code, firstCmis !== undefined && firstCmis <= c.documentCirculationOn]).toEqual([c.code, true]);
      for (const w of c.websites.filter((x) => x.value)) expect([c.code, firstCmis !== undefined && firstCmis <= w.on]).toEqual([c.code, true]);
    }
  });
});

describe('waypoints before 2019', () => {
  it('shows the 915 pre-reform communities (49 urban) and no consolidated one on 2015-01-01', () => {
    const r = table('2015-01-01');
    expect(r.totalCommunities).toBe(915);
    expect(r.consolidatedMultiSettlement).toBe(0);
    expect(r.consolidatedWithMultiSettlementCmis).toBe(0);
    const live = existingOn(facts, '2015-01-01');
    expect(live.filter((c) => c.kind === 'urban')).toHaveLength(49);
    for (const p of data.provinces) expect([p.en, live.filter((c) => c.province === p.en).length]).toEqual([p.en, p.communities_pre_reform_2011.total]);
  });

  it('December 2015: CMIS in about 130 municipalities, 10 citizen offices in 6 provinces (S_hetq_2015)', () => {
    const r = table('2015-12-31');
    expect(within(r.withCmisDeployed, 130)).toBe(true);
    expect(r.citizenServiceOffices).toBe(10);
    expect(officeProvinces('2015-12-31').size).toBe(6);
  });

  it('2016: 885 communities, about half of them under 1000 residents (SDC); end of 2016: 18 formed from 140 (S_newsam_2017)', () => {
    expect(table('2016-01-01').totalCommunities).toBe(885);
    expect(table('2016-06-16').totalCommunities).toBe(885);
    const live = existingOn(facts, '2016-01-01');
    const small = live.filter((c) => populationOn(c, '2016-01-01') < 1000).length / live.length;
    expect(small).toBeGreaterThan(0.45);
    expect(small).toBeLessThan(0.6);
    const end2016 = table('2016-12-31');
    expect(end2016.consolidatedMultiSettlement).toBe(18);
    expect(end2016.totalCommunities).toBe(915 - (140 - 18));
  });

  it('2018-01-01: offices in 29 municipalities of 9 provinces (S_giz_handbook), and the 502 communities of 2019', () => {
    expect(table('2018-01-01').citizenServiceOffices).toBe(29);
    expect(officeProvinces('2018-01-01').size).toBe(9);
    expect(table('2018-01-01').totalCommunities).toBe(502);
  });

  it('moves monotonically towards the 2019 table', () => {
    const dates = ['2015-12-31', '2016-12-31', '2017-12-31', '2018-12-31', '2019-07-01'];
    const series = dates.map((d) => table(d));
    for (let i = 1; i < series.length; i++) {
      expect(series[i].citizenServiceOffices).toBeGreaterThanOrEqual(series[i - 1].citizenServiceOffices);
      expect(series[i].consolidatedMultiSettlement).toBeGreaterThanOrEqual(series[i - 1].consolidatedMultiSettlement);
      expect(series[i].totalCommunities).toBeLessThanOrEqual(series[i - 1].totalCommunities);
    }
  });
});

describe('the commands', () => {
  const ids = sourceIds(data);

  it('are deterministic: two runs give the same commands; another seed gives other synthetic facts but the same table', () => {
    expect(buildNationalHistory(data)).toEqual(history);
    expect(buildNationalHistory(data, { seed: 2019 })).toEqual(history);
    const other = buildNationalHistory(data, { seed: 7 });
    expect(other).not.toEqual(history);
    const r = nationalAdoptionReport(other, '2019-07-01');
    const mine = table('2019-07-01');
    expect({ ...r, shareOfPopulationOutsideYerevanWithCso: 0 }).toEqual({ ...mine, shareOfPopulationOutsideYerevanWithCso: 0 });
    expect(within(r.shareOfPopulationOutsideYerevanWithCso, 40)).toBe(true);
  });

  it('use exactly the mutations and argument names of docs/api.md, in chronological order', () => {
    const argNames: Record<HistoryCommand['mutation'], string[]> = {
      registerCommunity: ['input', 'source'],
      consolidateCommunities: ['input', 'source'],
      recordPopulation: ['asOf', 'communityId', 'population', 'source'],
      deployCmis: ['communityId', 'edition', 'on', 'source'],
      enableDocumentCirculation: ['communityId', 'on', 'source'],
      launchOfficialWebsite: ['communityId', 'hostedOnCmis', 'on', 'source', 'url'],
      openCitizenServiceOffice: ['communityId', 'name', 'officeId', 'on', 'partners', 'source'],
    };
    const inputNames = {
      registerCommunity: ['code', 'kind', 'nameEn', 'nameHy', 'occurredAt', 'population', 'province', 'settlements'],
      consolidateCommunities: ['code', 'formerCommunityIds', 'kind', 'nameEn', 'nameHy', 'on', 'population', 'province', 'settlements'],
    };
    let previous = '';
    for (const c of history) {
      expect(Object.keys(c.args).sort()).toEqual(argNames[c.mutation]);
      if (c.mutation === 'registerCommunity' || c.mutation === 'consolidateCommunities') expect(Object.keys(c.args.input).sort()).toEqual(inputNames[c.mutation]);
      expect(isIsoDateTime(c.occurredAt)).toBe(true);
      expect(isIsoDate(commandDate(c))).toBe(true);
      expect(yerevanDate(c.occurredAt)).toBe(commandDate(c));
      expect(c.occurredAt >= previous).toBe(true);
      previous = c.occurredAt;
    }
    expect(new Set(history.map((c) => c.commandId)).size).toBe(history.length);
  });

  it('each carry a source: a source id of the data file or "synthetic", with the provenance of their parts', () => {
    for (const c of history) {
      expect([c.commandId, c.args.source === SYNTHETIC || ids.has(c.args.source)]).toEqual([c.commandId, true]);
      expect(Object.keys(c.provenance).length).toBeGreaterThan(0);
    }
    const bySource = (s: string) => history.filter((c) => c.args.source === s).length;
    expect(bySource('S_cod_adm3')).toBe(450); // the communities that existed before and after the reform
    expect(bySource(SYNTHETIC)).toBeGreaterThan(0);
    for (const f of HISTORY_SOURCES.figures) for (const s of f.sources) expect([f.figure, s === HISTORY_SOURCES.report || s.startsWith('http') || ids.has(s)]).toEqual([f.figure, true]);
  });

  it('register unique codes: the 502 codes of 2019 as they are, the former communities on <code>-Fnn', () => {
    const created = history.filter((c) => c.mutation === 'registerCommunity' || c.mutation === 'consolidateCommunities').map(commandCommunityId);
    expect(created).toHaveLength(915 + 52);
    expect(new Set(created).size).toBe(created.length);
    const adm3 = new Set(data.communities_2019_adm3.items.map((c) => c.pcode));
    const formers = created.filter((code) => !adm3.has(code));
    expect(formers).toHaveLength(465);
    for (const code of formers) expect(code).toMatch(/^AM\d{5}-F\d{2}$/);
    expect(created.filter((code) => adm3.has(code))).toHaveLength(502);
    // Every fact is about a registered community.
    for (const c of history) expect(facts.has(commandCommunityId(c))).toBe(true);
  });

  it('keep the real Armenian and English names and provinces', () => {
    const gyumri = history.find((c) => c.mutation === 'registerCommunity' && c.args.input.nameHy === 'Գյումրի');
    expect(gyumri?.mutation === 'registerCommunity' && gyumri.args.input).toMatchObject({
      code: 'AM08001',
      nameEn: 'Gyumri',
      province: 'Shirak',
      kind: 'urban',
      population: 121976, // 2011 census (S_wiki_cities)
    });
    const yerevan = [...facts.values()].filter((c) => c.province === 'Yerevan');
    expect(yerevan.map((c) => c.code)).toEqual(['AM01001']);
    for (const c of history) {
      if (c.mutation !== 'registerCommunity' && c.mutation !== 'consolidateCommunities') continue;
      expect(c.args.input.nameHy).toMatch(/^[\u0531-\u0587][\u0531-\u0587 ()-]*$/);
      expect(c.args.input.nameEn).toMatch(/^[A-Za-z][A-Za-z .'()-]*$/);
      for (const s of c.args.input.settlements) expect(s).toMatch(/[\u0531-\u0587]/);
    }
    const byCode = new Map(data.communities_2019_adm3.items.map((a) => [a.pcode, a]));
    const provinceEn = new Map(data.provinces.map((p) => [p.key, p.en]));
    for (const c of history) {
      if (c.mutation !== 'registerCommunity' && c.mutation !== 'consolidateCommunities') continue;
      const a = byCode.get(c.args.input.code);
      if (a) expect(c.args.input).toMatchObject({ nameHy: a.hy, nameEn: a.en, province: provinceEn.get(a.province) });
    }
  });

  it('consolidate the 52 communities from the file’s settlements, with the real dates the file gives', () => {
    const consolidations = history.filter((c): c is Extract<HistoryCommand, { mutation: 'consolidateCommunities' }> => c.mutation === 'consolidateCommunities');
    expect(consolidations).toHaveLength(52);
    expect(consolidations.reduce((s, c) => s + c.args.input.formerCommunityIds.length, 0)).toBe(465);
    const groups = new Map(data.multi_settlement_communities_2019.items.map((m) => [m.pcode, m]));
    for (const c of consolidations) {
      const m = groups.get(c.args.input.code);
      expect(m?.settlements_hy).toEqual(c.args.input.settlements);
      expect(m?.classification.startsWith('consolidated') || (m !== undefined && m.key in RECONCILIATION)).toBe(true);
      expect(c.args.input.formerCommunityIds.length).toBeGreaterThanOrEqual(2);
      expect(c.args.input.formerCommunityIds.length).toBeLessThanOrEqual(c.args.input.settlements.length);
      // The consolidated community starts with the sum of its former communities' latest figures.
      const formers = c.args.input.formerCommunityIds.map((id) => facts.get(id) as CommunityFacts);
      const before = formers.reduce((s, f) => s + populationOn(f, addDays(c.args.input.on, -1)), 0);
      expect(c.args.input.population).toBe(before);
    }
    const on = (name: string) => consolidations.find((c) => c.args.input.nameEn === name)?.args.input.on;
    expect([on('Meghri'), on('Vayk'), on('Sisian'), on('Kajaran'), on('Aparan'), on('Goris')]).toEqual(['2016-06-17', '2016-10-08', '2017-06-09', '2017-06-09', '2017-06-09', '2016-09-18']);
    expect(consolidations.find((c) => c.args.input.nameEn === 'Jermuk')?.args.input.formerCommunityIds).toHaveLength(5); // + Kechut, Gndevaz, Karmrashen, Herher
    // Per province: formers merged = pre-reform − 2019 + consolidated.
    for (const p of data.provinces) {
      const inP = consolidations.filter((c) => c.args.input.province === p.en);
      expect([p.en, inP.reduce((s, c) => s + c.args.input.formerCommunityIds.length, 0)]).toEqual([p.en, p.communities_pre_reform_2011.total - p.communities_2019_adm3_count + inP.length]);
    }
  });

  it('open the offices the file names on their real dates, Tatev’s in Shinuhayr before the merger', () => {
    const offices = history.filter((c): c is Extract<HistoryCommand, { mutation: 'openCitizenServiceOffice' }> => c.mutation === 'openCitizenServiceOffice');
    const shinuhayr = offices.find((o) => o.args.on === '2015-11-20');
    expect(shinuhayr?.args).toMatchObject({ communityId: 'AM09097-F01', partners: ['GIZ/BMZ', 'SDC', 'USAID'], source: 'S_fdfa_2015' });
    expect(offices.find((o) => o.args.communityId === 'AM09097')?.args).toMatchObject({ on: '2015-12-15', source: 'S_fdfa_2015' });
    expect(offices.find((o) => o.args.communityId === 'AM06004')?.args).toMatchObject({ on: '2015-12-16', source: 'S_usaid_2015' });
    const gladzor = offices.find((o) => o.args.communityId === 'AM10015');
    expect(gladzor?.args.source).toBe('S_infocom_gladzor');
    expect(gladzor && gladzor.args.on >= '2018-01-01').toBe(true);
    expect(gladzor?.args.partners).toEqual(['GIZ/BMZ', 'SDC']);
    const jrvezh = offices.find((o) => o.args.communityId === 'AM07057');
    expect(jrvezh?.args.source).toBe('S_moj_2019');
    expect(jrvezh && jrvezh.args.on <= '2019-04-01').toBe(true);
    // S_magnis: offices in more than 30 consolidated communities.
    expect(existingOn(facts, '2019-07-01').filter((c) => c.consolidated && hasOfficeOn(c, '2019-07-01')).length).toBeGreaterThan(30);
  });
});

describe('populations', () => {
  const sumBy = (asOf: string, province: string) =>
    existingOn(facts, asOf)
      .filter((c) => c.province === province)
      .reduce((s, c) => s + populationOn(c, asOf), 0);

  it('add up to the real province figures: 2011 census, Armstat 1 Jan 2017, and 1 Jan 2019 (real or interpolated) to Armenia’s 2,965,300', () => {
    for (const p of data.provinces) {
      expect([p.en, sumBy('2015-01-01', p.en)]).toEqual([p.en, p.population.census_2011]);
      expect([p.en, sumBy('2017-01-01', p.en)]).toEqual([p.en, p.population.armstat_2017_01_01]);
      expect([p.en, sumBy('2019-01-01', p.en)]).toEqual([p.en, plan.populations.province2019.get(p.key)?.value]);
      if (p.population.armstat_2019_01_01 !== null) expect(sumBy('2019-01-01', p.en)).toBe(p.population.armstat_2019_01_01);
    }
    const national = data.provinces.reduce((s, p) => s + sumBy('2019-01-01', p.en), 0);
    expect(national).toBe(data.national.armenia_population.armstat_2019_01_01);
    expect(populationOn(facts.get('AM01001') as CommunityFacts, '2019-07-01')).toBe(1081600); // Yerevan, 1 Apr 2019 (S_hyetert_2019_05)
  });

  it('register towns with their 2011 census figure and villages with synthetic ones', () => {
    const census = new Map(data.urban_settlements_towns.items.filter((t) => t.population_census_2011 !== null).map((t) => [t.hy, t.population_census_2011]));
    let towns = 0;
    for (const c of history) {
      if (c.mutation !== 'registerCommunity' || c.args.input.settlements.length !== 1) continue;
      const figure = census.get(c.args.input.nameHy);
      if (figure !== undefined && c.args.input.kind === 'urban') {
        expect([c.args.input.code, c.args.input.population]).toEqual([c.args.input.code, figure]);
        expect(c.provenance.population).toMatch(/^S_wiki_/);
        towns++;
      }
      if (c.args.input.kind === 'rural') expect(c.provenance.population).toMatch(/^synthetic/);
    }
    expect(towns).toBeGreaterThan(40);
  });
});

describe('replayed through the community decider', () => {
  it('is accepted command by command and gives the same table from the domain’s own views', () => {
    const states = new Map<string, CommunityState>();
    const apply = (code: string, command: CommunityCommand): void => {
      const state = states.get(code) ?? communityDecider.initialState();
      const events = communityDecider.decide(command, state);
      if (isDomainError(events)) throw new Error(`${code} ${command.type}: ${events.reason} ${events.message}`);
      expect([code, command.type, events.length > 0]).toEqual([code, command.type, true]);
      states.set(code, events.reduce<CommunityState>((s, e: CommunityEvent) => communityDecider.evolve(s, e), state));
    };
    for (const c of history) {
      const metadata = { now: c.occurredAt };
      switch (c.mutation) {
        case 'registerCommunity': {
          const { occurredAt: _occurredAt, ...input } = c.args.input;
          apply(input.code, { type: 'RegisterCommunity', data: { ...input, source: c.args.source }, metadata });
          break;
        }
        case 'consolidateCommunities': {
          const i = c.args.input;
          apply(i.code, { type: 'ConsolidateCommunities', data: { ...i, source: c.args.source }, metadata });
          for (const former of i.formerCommunityIds) apply(former, { type: 'MergeIntoCommunity', data: { mergedInto: i.code, on: i.on, source: c.args.source }, metadata });
          break;
        }
        case 'recordPopulation':
          apply(c.args.communityId, { type: 'RecordPopulation', data: { population: c.args.population, asOf: c.args.asOf, source: c.args.source }, metadata });
          break;
        case 'deployCmis':
          apply(c.args.communityId, { type: 'DeployCmis', data: { edition: c.args.edition, on: c.args.on, source: c.args.source }, metadata });
          break;
        case 'enableDocumentCirculation':
          apply(c.args.communityId, { type: 'EnableDocumentCirculation', data: { on: c.args.on, source: c.args.source }, metadata });
          break;
        case 'launchOfficialWebsite':
          apply(c.args.communityId, { type: 'LaunchOfficialWebsite', data: { url: c.args.url, hostedOnCmis: c.args.hostedOnCmis, on: c.args.on, source: c.args.source }, metadata });
          break;
        case 'openCitizenServiceOffice':
          apply(c.args.communityId, {
            type: 'OpenCitizenServiceOffice',
            data: { officeId: c.args.officeId, name: c.args.name, partners: c.args.partners, on: c.args.on, source: c.args.source },
            metadata,
          });
          break;
      }
    }
    for (const asOf of ['2015-01-01', '2015-12-31', '2019-07-01']) {
      const views = [...states.values()].map((s) => communityView(s, asOf)).filter((v) => v !== null && v.registeredOn <= asOf && v.status === 'active');
      const outside = views.filter((v) => v?.province !== 'Yerevan');
      const served = outside.filter((v) => (v?.citizenServiceOffices.length ?? 0) > 0);
      const population = (list: typeof views) => list.reduce((s, v) => s + (v?.population ?? 0), 0);
      const fromViews: NationalAdoptionReport = {
        asOf,
        totalCommunities: views.length,
        withCmisDeployed: views.filter((v) => v?.cmisEdition !== null).length,
        consolidatedMultiSettlement: views.filter((v) => v?.consolidatedOn !== null).length,
        consolidatedWithMultiSettlementCmis: views.filter((v) => v?.consolidatedOn !== null && v?.cmisEdition === 'multi-settlement').length,
        withElectronicDocumentCirculation: views.filter((v) => v?.documentCirculation).length,
        whereCmisIsOfficialWebsite: views.filter((v) => v?.officialWebsite?.hostedOnCmis === true).length,
        withAtLeast3000Residents: views.filter((v) => (v?.population ?? 0) >= 3000).length,
        citizenServiceOffices: views.filter((v) => (v?.citizenServiceOffices.length ?? 0) > 0).length,
        citizenServiceOfficesWithPartner: views.filter((v) => v?.citizenServiceOffices.some((o) => o.partners.some((p) => p.toLowerCase().includes('giz')))).length,
        shareOfPopulationOutsideYerevanWithCso: Math.round((1000 * population(served)) / population(outside)) / 10,
      };
      expect(fromViews).toEqual(table(asOf));
    }
    // Merged communities show as merged in the domain view, with provenance from the history.
    const shinuhayr = communityView(states.get('AM09097-F01') as CommunityState, '2019-07-01');
    expect(shinuhayr).toMatchObject({ status: 'merged', mergedInto: 'AM09097', mergedOn: '2015-12-15' });
    const gyumri = communityView(states.get('AM08001') as CommunityState, '2019-07-01');
    expect(gyumri?.provenance).toEqual(expect.arrayContaining([{ fact: 'registration', source: 'S_cod_adm3' }]));
  });
});

describe('helpers', () => {
  it('mulberry32 streams are reproducible and independent', () => {
    const a = createRandom(1, 'x');
    const b = createRandom(1, 'x');
    const c = createRandom(1, 'y');
    const seqA = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(seqA);
    expect([c.next(), c.next(), c.next()]).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('apportions whole numbers that add up exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(1000, [0.2, 0.3, 0.5]).reduce((s, x) => s + x, 0)).toBe(1000);
  });

  it('transliterates Armenian place names the usual way', () => {
    expect(transliterateHy('Երևան')).toBe('Yerevan');
    expect(transliterateHy('Ոսկեպար')).toBe('Voskepar');
    expect(transliterateHy('Գյումրի')).toBe('Gyumri');
    expect(transliterateHy('Մեծ Այրում')).toBe('Mets Ayrum');
    expect(transliterateHy('Ախուրյան')).toBe('Akhuryan');
  });
});

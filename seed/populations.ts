/**
 * Populations of every community of the history, at three dates:
 * - 2011-10-12 (registration of the 915 pre-reform communities): the 2011 census. Towns carry their census figure
 *   (S_wiki_cities, S_wiki_munis_2016, S_wiki_town_pages); villages are synthetic, drawn from a seeded log-normal and
 *   scaled so that each province adds up to its census figure (S_wiki_admin_2015).
 * - 2017-01-01 (the 793 communities of that day): synthetic, following each community's 2011 figure, scaled to the
 *   Armstat figure of its province (S_b24_2017).
 * - 2019-01-01 (the 502 communities of 2019): synthetic, following the 2017 figures, scaled to the province's
 *   1 Jan 2019 figure: Armstat for Lori, Syunik and Armavir (S_wiki_lori, S_wiki_syunik, S_wiki_armavir), elsewhere
 *   interpolated between Armstat figures and adjusted so that the country adds up to 2,965,300 (S_hyetert_2019_05).
 *   Then the communities nearest 3000 residents are nudged across the line so that exactly 153 have 3000 or more
 *   (the 2019 report), the difference taken from the province's largest community.
 * Yerevan is one community, so its figures are the real ones (with a synthetic 1 Jan 2019 estimate between them).
 */
import type { CommunitiesData, PopulationKey, ProvinceRecord } from './data';
import { leadingSourceId } from './data';
import { apportion, createRandom } from './random';
import { HISTORY_START, SYNTHETIC, type Entity, type Structure } from './structure';
import { daysBetween } from '../domain/kernel/time';

export const POPULATION_2017 = '2017-01-01';
export const POPULATION_2019 = '2019-01-01';
/** The 2019 report: communities with 3000 or more residents. */
export const AT_LEAST_3000_TARGET = 153;
export const RESIDENTS_THRESHOLD = 3000;

export interface PopulationFigure {
  readonly asOf: string;
  readonly value: number;
  /** Source of this community's figure ('synthetic' when only the province total is real). */
  readonly source: string;
  /** How the figure was made (and the source of the total it is part of). */
  readonly note: string;
}

export interface ProvincePopulation {
  readonly value: number;
  readonly source: string;
  readonly note: string;
}

export interface Populations {
  /** Registration figure (2011 census) of every continuing and former community. */
  readonly census2011: ReadonlyMap<string, PopulationFigure>;
  /** Later figures of a community, by date. */
  readonly records: ReadonlyMap<string, readonly PopulationFigure[]>;
  /** Figure given when a consolidated community is formed: the sum of its former communities' latest figures. */
  readonly atConsolidation: ReadonlyMap<string, PopulationFigure>;
  /** Province totals used on 2019-01-01 (by province key). */
  readonly province2019: ReadonlyMap<string, ProvincePopulation>;
  /** The 2019-01-01 figure of every 2019 community (Yerevan: its latest real figure on the report date). */
  readonly latest2019: ReadonlyMap<string, number>;
}

const POPULATION_DATES: ReadonlyArray<[PopulationKey, string]> = [
  ['census_2011', HISTORY_START],
  ['armstat_2017_01_01', '2017-01-01'],
  ['armstat_2017_07_01', '2017-07-01'],
  ['armstat_2019_01_01', '2019-01-01'],
  ['armstat_2019_04_01', '2019-04-01'],
  ['armstat_2019_10_01', '2019-10-01'],
  ['armstat_2020_01_01', '2020-01-01'],
  ['armstat_2020_07_01', '2020-07-01'],
];

/** Spread of village sizes (log-normal σ). */
const LOG_SIGMA = 0.8;
/**
 * The reform merged the smallest communities: villages that became former communities are drawn smaller than those
 * that stayed independent. With this weight about half of the 885 communities of early 2016 have fewer than 1000
 * residents (the SDC project page) and about 140 of the 502 of 2019 have 3000 or more before the nudge.
 */
const FORMER_VILLAGE_WEIGHT = 0.4;

const provinceSource = (p: ProvinceRecord, key: PopulationKey): string => {
  const note = p.population_sources[key] ?? '';
  if (key === 'armstat_2019_01_01') {
    const own = note.split('/').map((s) => s.trim()).find((s) => s.toLowerCase().endsWith(p.key.replace('_', '')));
    if (own) return own;
  }
  if (key === 'armstat_2020_01_01' && p.key === 'shirak') return 'S_armstat_shirak_2020';
  return leadingSourceId(note) ?? SYNTHETIC;
};

/** Province figure on `date` by linear interpolation between the nearest real figures (none after 2019-07-01 is needed for 2019-01-01). */
const interpolate = (p: ProvinceRecord, date: string): number => {
  const points = POPULATION_DATES.filter(([k]) => k !== 'census_2011' && p.population[k] !== null).map(([k, d]) => ({ d, v: p.population[k] as number }));
  const before = points.filter((x) => x.d <= date).pop();
  const after = points.find((x) => x.d >= date);
  if (!before || !after) throw new Error(`${p.en}: no figures around ${date}`);
  if (before.d === after.d) return before.v;
  return before.v + ((after.v - before.v) * daysBetween(before.d, date)) / daysBetween(before.d, after.d);
};

/** 1 Jan 2019 province totals: real where Armstat's figure is known, else interpolated and scaled to the national total. */
export const provinceTotals2019 = (data: CommunitiesData): Map<string, ProvincePopulation> => {
  const national = data.national.armenia_population.armstat_2019_01_01;
  if (typeof national !== 'number') throw new Error('The national population of 1 Jan 2019 is missing');
  const known = data.provinces.filter((p) => p.population.armstat_2019_01_01 !== null);
  const unknown = data.provinces.filter((p) => p.population.armstat_2019_01_01 === null);
  const knownSum = known.reduce((s, p) => s + (p.population.armstat_2019_01_01 as number), 0);
  const estimates = unknown.map((p) => interpolate(p, POPULATION_2019));
  const scaled = apportion(national - knownSum, estimates);
  const out = new Map<string, ProvincePopulation>();
  for (const p of known) {
    out.set(p.key, { value: p.population.armstat_2019_01_01 as number, source: provinceSource(p, 'armstat_2019_01_01'), note: 'Armstat, 1 Jan 2019' });
  }
  unknown.forEach((p, i) =>
    out.set(p.key, {
      value: scaled[i],
      source: SYNTHETIC,
      note: `interpolated between Armstat figures (${Math.round(estimates[i])}) and scaled so that Armenia adds up to ${national} (S_hyetert_2019_05)`,
    }),
  );
  return out;
};

interface SettlementFigure {
  readonly entity: Entity;
  readonly value: number | null;
  readonly source: string;
}

export const buildPopulations = (data: CommunitiesData, structure: Structure, seed: number): Populations => {
  const rng = createRandom(seed, 'populations');
  const { entities, provinces } = structure;
  const pre = entities.filter((e) => e.role !== 'consolidated');

  // 1. 2011: towns fixed, villages drawn and scaled to the province census.
  const census2011 = new Map<string, PopulationFigure>();
  for (const p of provinces) {
    const census = p.population.census_2011;
    if (census === null) throw new Error(`${p.en}: no 2011 census figure`);
    const inP = pre.filter((e) => e.provinceKey === p.key);
    const fixed: SettlementFigure[] = [];
    const drawn: Array<{ entity: Entity; weight: number }> = [];
    const missingTowns: Array<{ entity: Entity; value: number }> = [];
    const communityTotals = new Map<string, { value: number; source: string }>();
    for (const e of inP) {
      for (const s of e.settlements) {
        const town = s.town;
        if (town && town.population_census_2011 !== null) {
          fixed.push({ entity: e, value: town.population_census_2011, source: leadingSourceId(town.population_census_2011_source) ?? 'S_wiki_cities' });
          // "community incl. Mughni = 19,615 per S_wiki_munis_2016": a real community figure.
          const m = /community incl\. .*?= ([\d,]+) per (S_\w+)/.exec(town.population_census_2011_source ?? '');
          if (m && e.role === 'continuing') communityTotals.set(e.code, { value: Number(m[1].replace(/,/g, '')), source: m[2] });
        } else if (town) {
          missingTowns.push({ entity: e, value: rng.int(1500, 7000) });
        } else {
          drawn.push({ entity: e, weight: Math.exp(LOG_SIGMA * rng.normal()) * (e.role === 'former' ? FORMER_VILLAGE_WEIGHT : 1) });
        }
      }
    }
    // Villages of a community whose total is known share the remainder of that total.
    const values = new Map<string, number>();
    const add = (code: string, v: number): void => {
      values.set(code, (values.get(code) ?? 0) + v);
    };
    fixed.forEach((f) => add(f.entity.code, f.value ?? 0));
    missingTowns.forEach((t) => add(t.entity.code, t.value));
    const free = drawn.filter((d) => !communityTotals.has(d.entity.code));
    for (const [code, total] of communityTotals) {
      const own = drawn.filter((d) => d.entity.code === code);
      const rest = total.value - (values.get(code) ?? 0);
      if (rest <= 0 || own.length === 0) throw new Error(`${code}: community figure ${total.value} leaves nothing for its villages`);
      apportion(rest, own.map((d) => d.weight)).forEach((v) => add(code, v));
    }
    const villages = census - [...values.values()].reduce((a, b) => a + b, 0);
    if (free.length === 0 ? villages !== 0 : villages <= free.length * 50) throw new Error(`${p.en}: the census leaves ${villages} residents for ${free.length} villages`);
    if (free.length > 0) apportion(villages, free.map((d) => d.weight)).forEach((v, i) => add(free[i].entity.code, v));
    for (const e of inP) {
      const value = values.get(e.code) ?? 0;
      const allTownsKnown = e.settlements.every((s) => s.town && s.town.population_census_2011 !== null);
      const total = communityTotals.get(e.code);
      const source = total ? total.source : allTownsKnown ? (leadingSourceId(e.settlements[0].town?.population_census_2011_source) ?? 'S_wiki_cities') : SYNTHETIC;
      const note = total
        ? `2011 census, community total (${total.source})`
        : allTownsKnown
          ? '2011 census of the town'
          : e.settlements.some((s) => s.town)
            ? '2011 census town figure plus synthetic villages, within the province census total (S_wiki_admin_2015)'
            : 'synthetic, within the province census total (S_wiki_admin_2015)';
      census2011.set(e.code, { asOf: HISTORY_START, value, source: e.province === 'Yerevan' ? 'S_wiki_cities' : source, note });
    }
  }

  const records = new Map<string, PopulationFigure[]>();
  const record = (code: string, f: PopulationFigure): void => {
    records.set(code, [...(records.get(code) ?? []), f]);
  };
  const atConsolidation = new Map<string, PopulationFigure>();
  /** The latest figure of a community dated before `date`: a record, else its consolidation figure, else its census figure. */
  const latestBefore = (code: string, date: string): number => {
    const earlier = (records.get(code) ?? []).filter((r) => r.asOf < date);
    if (earlier.length > 0) return earlier[earlier.length - 1].value;
    return atConsolidation.get(code)?.value ?? census2011.get(code)?.value ?? 0;
  };
  const consolidate = (e: Entity): void => {
    const value = e.formerCodes.reduce((s, c) => s + latestBefore(c, e.registeredOn), 0);
    atConsolidation.set(e.code, { asOf: e.registeredOn, value, source: SYNTHETIC, note: 'sum of the former communities\u2019 latest figures' });
  };
  const noise = new Map(entities.map((e) => [e.code, Math.exp(0.04 * rng.normal())]));
  const growth = new Map(entities.map((e) => [e.code, Math.exp(0.03 * rng.normal())]));

  // 2. Consolidations of the first stage take their formers' 2011 figures.
  entities.filter((e) => e.role === 'consolidated' && e.registeredOn < POPULATION_2017).forEach(consolidate);

  // 3. 2017-01-01: every community that exists that day.
  const exists = (e: Entity, date: string): boolean => e.registeredOn <= date && (e.mergedOn === null || e.mergedOn > date);
  for (const p of provinces) {
    const total = p.population.armstat_2017_01_01;
    if (total === null) throw new Error(`${p.en}: no 1 Jan 2017 figure`);
    const inP = entities.filter((e) => e.provinceKey === p.key && exists(e, POPULATION_2017));
    const base = inP.map((e) => latestBefore(e.code, POPULATION_2017) * (noise.get(e.code) ?? 1));
    apportion(total, base).forEach((value, i) =>
      record(inP[i].code, {
        asOf: POPULATION_2017,
        value,
        source: inP.length === 1 ? 'S_b24_2017' : SYNTHETIC,
        note: inP.length === 1 ? 'Armstat, 1 Jan 2017' : `synthetic share of the province's Armstat figure ${total} (S_b24_2017)`,
      }),
    );
  }
  const yerevan = structure.byCode.get(structure.yerevan);
  const yerevanProvince = yerevan ? structure.provinceByKey.get(yerevan.provinceKey) : undefined;
  if (!yerevanProvince) throw new Error('No Yerevan province record');
  const july2017 = yerevanProvince.population.armstat_2017_07_01;
  if (july2017 !== null) record(structure.yerevan, { asOf: '2017-07-01', value: july2017, source: 'S_armenpress_2017', note: 'Armstat, 1 Jul 2017' });

  // 4. Second-stage consolidations take their formers' 2017 figures.
  entities.filter((e) => e.role === 'consolidated' && e.registeredOn >= POPULATION_2017).forEach(consolidate);

  // 5. 2019-01-01: the 502 communities.
  const province2019 = provinceTotals2019(data);
  const values2019 = new Map<string, number>();
  for (const p of provinces) {
    const total = province2019.get(p.key)?.value;
    if (total === undefined) throw new Error(`${p.en}: no 2019 total`);
    const inP = entities.filter((e) => e.provinceKey === p.key && exists(e, POPULATION_2019));
    const base = inP.map((e) => latestBefore(e.code, POPULATION_2019) * (growth.get(e.code) ?? 1));
    apportion(total, base).forEach((v, i) => values2019.set(inP[i].code, v));
  }
  nudgeThreshold(structure, values2019, rng);
  for (const [code, value] of values2019) {
    const e = structure.byCode.get(code);
    const p = e ? province2019.get(e.provinceKey) : undefined;
    if (!e || !p) continue;
    const single = e.province === 'Yerevan';
    record(code, {
      asOf: POPULATION_2019,
      value,
      source: SYNTHETIC,
      note: single ? 'estimate between Armstat 1 Jul 2017 and 1 Apr 2019, within the national 1 Jan 2019 total' : `synthetic share of the province total ${p.value} (${p.source}: ${p.note})`,
    });
  }
  const april2019 = yerevanProvince.population.armstat_2019_04_01;
  if (april2019 !== null) record(structure.yerevan, { asOf: '2019-04-01', value: april2019, source: 'S_hyetert_2019_05', note: 'Armstat, 1 Apr 2019' });

  const latest2019 = new Map<string, number>();
  for (const code of values2019.keys()) {
    const list = records.get(code) ?? [];
    latest2019.set(code, list[list.length - 1]?.value ?? 0);
  }
  return { census2011, records, atConsolidation, province2019, latest2019 };
};

/**
 * Moves the communities nearest the 3000-resident line across it until exactly AT_LEAST_3000_TARGET are at or above it;
 * the residents added or removed come from the largest community of the same province, so totals are unchanged.
 */
const nudgeThreshold = (structure: Structure, values: Map<string, number>, rng: ReturnType<typeof createRandom>): void => {
  const count = (): number => [...values.values()].filter((v) => v >= RESIDENTS_THRESHOLD).length;
  const candidates = [...values.entries()].filter(([code]) => code !== structure.yerevan);
  const diff = AT_LEAST_3000_TARGET - count();
  const moved =
    diff > 0
      ? candidates.filter(([, v]) => v < RESIDENTS_THRESHOLD).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, diff)
      : candidates.filter(([, v]) => v >= RESIDENTS_THRESHOLD).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, -diff);
  for (const [code, v] of moved) {
    const next = diff > 0 ? RESIDENTS_THRESHOLD + rng.int(0, 150) : RESIDENTS_THRESHOLD - 1 - rng.int(0, 150);
    const province = structure.byCode.get(code)?.provinceKey;
    const largest = candidates
      .filter(([c]) => structure.byCode.get(c)?.provinceKey === province && c !== code)
      .sort((a, b) => (values.get(b[0]) ?? 0) - (values.get(a[0]) ?? 0))[0];
    if (!largest) throw new Error(`No community to balance ${code}`);
    values.set(largest[0], (values.get(largest[0]) ?? 0) - (next - v));
    values.set(code, next);
  }
  if (count() !== AT_LEAST_3000_TARGET) throw new Error(`Could not reach ${AT_LEAST_3000_TARGET} communities of ${RESIDENTS_THRESHOLD}+ residents`);
};

export { POPULATION_DATES };

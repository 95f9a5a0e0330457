/**
 * The research data file behind the national community history:
 * `../seed/data/armenia-communities-2019.json` (a sibling of the repository), with its types and a loader.
 *
 * The file is read as it is; nothing here corrects it. Every number in it is copied from a source listed
 * in its `sources`; its `gaps` say what is missing. `national-history.ts` fills the gaps deterministically
 * and marks what it filled in as `synthetic`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const COMMUNITIES_DATA_FILE = 'armenia-communities-2019.json';
export const CMIS_REPORT_FILE = 'cmis-report-2019-07-01.json';

export interface DataSource {
  readonly id: string;
  readonly what: string;
  readonly where: string;
  readonly reliability?: string;
}

/** Population keys of a province, as the file names them (`null` = not found in the sources). */
export type PopulationKey =
  | 'census_2011'
  | 'armstat_2017_01_01'
  | 'armstat_2017_07_01'
  | 'armstat_2019_01_01'
  | 'armstat_2019_04_01'
  | 'armstat_2019_10_01'
  | 'armstat_2020_01_01'
  | 'armstat_2020_07_01';

export interface ProvinceRecord {
  /** e.g. "vayots_dzor"; the other sections name provinces by this key. */
  readonly key: string;
  readonly cod_marz_id: number;
  readonly hy: string;
  /** The English name, e.g. "Vayots Dzor": the `province` of the API. */
  readonly en: string;
  readonly type: string;
  readonly centre_hy: string | null;
  readonly centre_en: string | null;
  readonly iso_3166_2: string;
  readonly area_km2: number;
  readonly communities_pre_reform_2011: { readonly urban: number; readonly rural: number; readonly total: number };
  readonly communities_2019_adm3_count: number;
  readonly population: Readonly<Record<PopulationKey, number | null>>;
  readonly population_sources: Readonly<Partial<Record<PopulationKey, string>>>;
  readonly notes?: string;
}

export interface NationalPopulation {
  readonly armenia_population: Readonly<Partial<Record<PopulationKey, number | null>>> & { readonly notes?: string };
  readonly yerevan_population: Readonly<Partial<Record<PopulationKey, number | null>>> & { readonly note?: string };
}

export interface CommunityCountOverTime {
  readonly period: string;
  readonly communities: number | null;
  readonly note: string;
  readonly source: string;
}

export interface TownRecord {
  readonly en: string;
  readonly hy: string;
  /** Province key. */
  readonly province: string;
  readonly population_census_2011: number | null;
  readonly population_census_2011_source: string | null;
  readonly population_estimate_2020: number | null;
  readonly population_estimate_2020_source: string | null;
  /** English name of the 2019 community the town belongs to. */
  readonly community_2019: string;
  readonly note: string | null;
}

export interface MultiSettlementCommunityRecord {
  readonly key: string;
  readonly en: string;
  readonly hy: string;
  readonly pcode: string;
  /** Province key. */
  readonly province: string;
  readonly centre_hy: string;
  readonly settlements_count: number;
  readonly settlements_hy: readonly string[];
  readonly towns_in_community: readonly string[] | null;
  readonly classification: string;
  readonly formation: string | null;
  readonly notes: string | null;
}

export interface CitizenServiceOfficeRecord {
  readonly community_en: string;
  readonly office_location: string;
  /** Province key. */
  readonly province: string;
  /** A date (YYYY-MM-DD) or a sentence when the date was not captured. */
  readonly opened: string;
  readonly funders: string;
  readonly source: string;
}

export interface Adm3Community {
  /** P-code, e.g. "AM08001": the community's code. */
  readonly pcode: string;
  readonly marz_id: number;
  readonly hy: string;
  readonly en: string;
  /** Province key. */
  readonly province: string;
}

export interface CommunitiesData {
  readonly title: string;
  readonly generated_by: string;
  readonly sources: readonly DataSource[];
  readonly provinces: readonly ProvinceRecord[];
  readonly national: NationalPopulation;
  readonly community_counts_over_time: readonly CommunityCountOverTime[];
  readonly urban_settlements_towns: { readonly note: string; readonly items: readonly TownRecord[] };
  readonly multi_settlement_communities_2019: {
    readonly note: string;
    readonly count_high_or_medium_confidence: number;
    readonly items: readonly MultiSettlementCommunityRecord[];
  };
  readonly citizen_service_offices: {
    readonly counts_reported: ReadonlyArray<{ readonly date: string; readonly value: string; readonly source: string }>;
    readonly known_municipalities: readonly CitizenServiceOfficeRecord[];
    readonly gap: string;
  };
  readonly communities_2019_adm3: { readonly note: string; readonly items: readonly Adm3Community[] };
  readonly gaps: readonly string[];
}

/** The 2019 national report table (`cmis-report-2019-07-01.json`). */
export interface CmisReport2019 {
  readonly asOf: string;
  readonly communities: {
    readonly total: number;
    readonly withCmisDeployed: { readonly approx: number };
    readonly consolidatedMultiSettlement: number;
    readonly consolidatedWithMultiSettlementCmis: number;
    readonly withElectronicDocumentCirculation: { readonly moreThan: number };
    readonly whereCmisIsOfficialWebsite: { readonly approx: number };
    readonly withAtLeast3000Residents: number;
    readonly note3000?: string;
  };
  readonly citizenServiceOffices: { readonly municipalitiesWithOffice: number; readonly foundedWithGizAndDonors: number; readonly platform?: string; readonly principle?: string };
  readonly reach: { readonly shareOfPopulationOutsideYerevanWithImprovedServices: { readonly approxPercent: number } };
}

/** The repository root: the nearest folder above `from` holding a package.json (works from sources and from dist/). */
export const findRepoRoot = (from: string = __dirname): string => {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}: cannot locate the repository root`);
    dir = parent;
  }
};

/** Path of a data file shipped with the project, in `seed/data/`. */
export const seedDataFile = (name: string): string => path.join(findRepoRoot(), 'seed', 'data', name);

const fail = (file: string, what: string): never => {
  throw new Error(`${file}: ${what}`);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the shape the history relies on; a file that does not have it is refused with the first problem found. */
export const assertCommunitiesData: (value: unknown, file?: string) => asserts value is CommunitiesData = (value, file = COMMUNITIES_DATA_FILE) => {
  if (!isObject(value)) return fail(file, 'not a JSON object');
  for (const key of ['sources', 'provinces', 'community_counts_over_time', 'gaps'] as const) {
    if (!Array.isArray(value[key])) fail(file, `"${key}" must be an array`);
  }
  for (const key of ['national', 'urban_settlements_towns', 'multi_settlement_communities_2019', 'citizen_service_offices', 'communities_2019_adm3'] as const) {
    if (!isObject(value[key])) fail(file, `"${key}" must be an object`);
  }
  const items = (key: string): unknown[] => {
    const section = value[key] as Record<string, unknown>;
    return Array.isArray(section.items) ? section.items : fail(file, `"${key}.items" must be an array`);
  };
  const adm3 = items('communities_2019_adm3');
  adm3.forEach((c, i) => {
    if (!isObject(c) || typeof c.pcode !== 'string' || typeof c.hy !== 'string' || typeof c.en !== 'string' || typeof c.province !== 'string') {
      fail(file, `communities_2019_adm3.items[${i}] needs pcode, hy, en and province`);
    }
  });
  items('multi_settlement_communities_2019').forEach((m, i) => {
    if (!isObject(m) || typeof m.pcode !== 'string' || !Array.isArray(m.settlements_hy) || typeof m.centre_hy !== 'string' || typeof m.classification !== 'string') {
      fail(file, `multi_settlement_communities_2019.items[${i}] needs pcode, centre_hy, settlements_hy and classification`);
    }
  });
  items('urban_settlements_towns').forEach((t, i) => {
    if (!isObject(t) || typeof t.hy !== 'string' || typeof t.province !== 'string' || typeof t.community_2019 !== 'string') {
      fail(file, `urban_settlements_towns.items[${i}] needs hy, province and community_2019`);
    }
  });
  (value.provinces as unknown[]).forEach((p, i) => {
    if (!isObject(p) || typeof p.key !== 'string' || typeof p.en !== 'string' || !isObject(p.population) || !isObject(p.communities_pre_reform_2011)) {
      fail(file, `provinces[${i}] needs key, en, population and communities_pre_reform_2011`);
    }
  });
  (value.sources as unknown[]).forEach((s, i) => {
    if (!isObject(s) || typeof s.id !== 'string') fail(file, `sources[${i}] needs an id`);
  });
};

/** Reads and checks the communities data file (default: the copy in seed/data). */
export const loadCommunitiesData = (file: string = seedDataFile(COMMUNITIES_DATA_FILE)): CommunitiesData => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the communities data file ${file}: ${(error as Error).message}`);
  }
  assertCommunitiesData(parsed, file);
  return parsed;
};

/** Reads the 2019 report table (default: the shared one). */
export const loadCmisReport2019 = (file: string = seedDataFile(CMIS_REPORT_FILE)): CmisReport2019 => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the 2019 report file ${file}: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || !isObject(parsed.communities) || !isObject(parsed.citizenServiceOffices)) fail(file, 'not the 2019 report table');
  return parsed as unknown as CmisReport2019;
};

/** The ids of the file's sources. */
export const sourceIds = (data: CommunitiesData): ReadonlySet<string> => new Set(data.sources.map((s) => s.id));

/** The source id at the start of a free-text source note such as "S_wiki_town_pages (fr-wiki)"; null if none. */
export const leadingSourceId = (note: string | null | undefined): string | null => {
  if (!note) return null;
  const m = /^(S_[A-Za-z0-9_]+)/.exec(note.trim());
  return m ? m[1] : null;
};

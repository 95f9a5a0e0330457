/**
 * The community structure behind the 2019 report, read from the data file and reconciled:
 * the 502 communities of 2019 (S_cod_adm3), the 52 consolidated (multi-settlement) ones with their settlements
 * (S_gor91), the 465 former communities they were formed from, and the 450 communities that existed
 * unchanged before and after the 2015–2017 reform (915 = 450 + 465 before, 502 = 450 + 52 after).
 *
 * Reconciliation (see RECONCILIATION and CONSOLIDATION_PLAN for every choice and its reason):
 * - The file's 49 high/medium-confidence groups plus 3 more make the official 52 (S_armenpress_2018).
 * - A group's settlements are not all former communities: per province, the former communities merged must be
 *   (pre-reform count − 2019 count) + consolidated count, so in Gegharkunik, Lori, Shirak and Syunik some
 *   settlements were already part of another community before the reform. Those are chosen deterministically.
 */
import { PROVINCES, type Province } from '../domain/community/provinces';
import type { CommunityKind } from '../domain/community/commands';
import { leadingSourceId, type Adm3Community, type CommunitiesData, type MultiSettlementCommunityRecord, type ProvinceRecord, type TownRecord } from './data';
import { apportion, createRandom } from './random';
import { transliterateHy } from './transliterate';

export const SYNTHETIC = 'synthetic';

/** Date the pre-reform communities enter the registry: the reference date of the 2011 census, whose figures they carry. */
export const HISTORY_START = '2011-10-12';

/** Official totals the reconstruction must meet. */
export const PRE_REFORM_COMMUNITIES = 915;
export const MERGED_FORMER_COMMUNITIES = 465;
export const CONSOLIDATED_COMMUNITIES = 52;
export const COMMUNITIES_2019 = 502;
/** S_newsam_2017: "in the first stage, 18 communities were formed from 140". */
export const FIRST_STAGE_CONSOLIDATED = 18;
export const FIRST_STAGE_FORMERS = 140;

/** Waves of the reform. `dateSource` is the source of the date itself; whether it is tied to a given community is in DATED_COMMUNITIES. */
export interface ConsolidationWave {
  readonly on: string;
  readonly stage: 1 | 2;
  readonly dateSource: string;
  readonly keys: readonly string[] | 'rest';
  readonly note: string;
}

export const CONSOLIDATION_PLAN: readonly ConsolidationWave[] = [
  {
    on: '2015-12-15',
    stage: 1,
    dateSource: 'S_wiki_muni_dates',
    keys: ['tatev', 'tumanyan', 'dilijan', 'koghb', 'areni', 'urtsadzor'],
    note: 'Pilot consolidations (first Tavush reform date). Tatev after its office opened (2015-11-20, S_fdfa_2015), Tumanyan before its office (2015-12-16, "serves 7 communities", S_hetq_2015). They merge 30 former communities, so 915 − 30 = 885 communities in the first half of 2016 (SDC project page).',
  },
  { on: '2016-06-17', stage: 1, dateSource: 'S_wiki_muni_dates', keys: ['meghri', 'noyemberyan'], note: 'Meghri formed 17 Jun 2016; Noyemberyan enlarged in 2016 (second Tavush reform date).' },
  { on: '2016-07-16', stage: 1, dateSource: 'S_wiki_muni_dates', keys: ['ayrum', 'alaverdi', 'akhtala', 'odzoun'], note: 'Third Tavush reform date; the Alaverdi-area groups of Lori are placed with it.' },
  { on: '2016-09-18', stage: 1, dateSource: 'S_syuniac_2016', keys: ['goris', 'tegh'], note: 'Goris and Tegh: local elections of 18 Sep 2016.' },
  { on: '2016-10-08', stage: 1, dateSource: 'S_wiki_muni_dates', keys: ['vayk', 'jermuk', 'yeghegis', 'zaritap'], note: 'Vayk formed 8 Oct 2016; the other Vayots Dzor groups with it (Jermuk: "2016–2017", S_armenpress_2018).' },
  {
    on: '2017-06-09',
    stage: 2,
    dateSource: 'S_cislaw_2017',
    keys: 'rest',
    note: 'Second stage: law ZR-93 adopted 9 Jun 2017 (Aparan, Alagyaz, Aragatsavan, Tsaghkahovit), Sisian and Kajaran formed 9 Jun 2017; the other groups of the 2017 programme with them.',
  },
];

/** Communities whose consolidation date the file ties to them (other dates are real reform dates assigned synthetically). */
export const DATED_COMMUNITIES: Readonly<Record<string, string>> = {
  meghri: 'S_wiki_muni_dates',
  vayk: 'S_wiki_muni_dates',
  sisian: 'S_wiki_muni_dates',
  kajaran: 'S_wiki_muni_dates',
  aparan: 'S_cislaw_2017',
  alagyaz: 'S_cislaw_2017',
  aragatsavan: 'S_cislaw_2017',
  tsaghkahovit: 'S_cislaw_2017',
  goris: 'S_syuniac_2016',
  tegh: 'S_syuniac_2016',
};

/** Number of former communities of a group where a source states it (otherwise derived from province arithmetic). */
export const FORMER_COUNTS: Readonly<Record<string, { readonly formers: number; readonly source: string; readonly why: string }>> = {
  tatev: { formers: 8, source: 'S_fdfa_2015', why: 'Tatev cluster, 8 villages' },
  tumanyan: { formers: 7, source: 'S_hetq_2015', why: 'Tumanyan citizen office serves 7 communities (Kober station was part of Tumanyan)' },
  jermuk: { formers: 5, source: 'S_armenpress_2018', why: 'Jermuk absorbed Kechut, Gndevaz, Karmrashen, Herher' },
  noyemberyan: { formers: 9, source: 'S_ostarmenia_noy', why: 'Noyemberyan enlarged with 8 villages' },
  goris: { formers: 12, source: 'S_syuniac_2016', why: 'Goris cluster: Goris + 11 villages, 12 settlements' },
  aparan: { formers: 21, source: 'S_cislaw_2017', why: 'law ZR-93: town + 20 villages' },
  alagyaz: { formers: 11, source: 'S_cislaw_2017', why: 'law ZR-93' },
  aragatsavan: { formers: 4, source: 'S_cislaw_2017', why: 'law ZR-93' },
  tsaghkahovit: { formers: 10, source: 'S_cislaw_2017', why: 'law ZR-93' },
};

/** Groups added to the 49 high/medium-confidence ones to make the official 52, with the reason. */
export const RECONCILIATION: Readonly<Record<string, string>> = {
  koghb:
    'Tavush: 62 → 24 communities means 38 former communities absorbed, but the four high-confidence Tavush groups have only 37 absorbed settlements; Koghb+Zorakan is the only other Tavush group (classified "likely pre-existing" in the file).',
  jrvedj:
    'Kotayk: 67 → 42 means 25 absorbed, the four high-confidence groups give 23; one of the two uncertain 3-settlement groups (Byureghavan, Jrvezh) is needed. Jrvezh has a citizen service office (S_moj_2019), and offices were set up in consolidated communities (S_magnis).',
  shnogh:
    'The 52nd community: of the remaining uncertain groups, Gladzor would break the exact Vayots Dzor arithmetic (44 → 8), and Akunk (Gegharkunik) or Shnogh (Lori) fit; Lori, whose groups already hold 11 more settlements than former communities, is chosen.',
};

export interface GroupPlan {
  readonly key: string;
  readonly record: MultiSettlementCommunityRecord;
  readonly adm3: Adm3Community;
  readonly provinceKey: string;
  readonly on: string;
  readonly onSource: string;
  readonly stage: 1 | 2;
  readonly wave: number;
  readonly membershipSource: string;
  readonly reconciliation: string | null;
  readonly formers: number;
  readonly formersSource: string;
  /** Settlements that were former communities, centre first, in the file's order. */
  readonly formerSettlements: readonly string[];
  /** Settlements that were not communities of their own, with the former community they belonged to. */
  readonly attached: ReadonlyArray<{ readonly settlement: string; readonly to: string }>;
}

export type Role = 'continuing' | 'former' | 'consolidated';

export interface Settlement {
  readonly hy: string;
  readonly town: TownRecord | null;
}

export interface Entity {
  readonly code: string;
  readonly nameHy: string;
  readonly nameEn: string;
  /** Source of the English name (synthetic when transliterated). */
  readonly nameEnSource: string;
  readonly provinceKey: string;
  readonly province: Province;
  readonly role: Role;
  /** For former and consolidated communities. */
  readonly group: GroupPlan | null;
  readonly settlements: readonly Settlement[];
  readonly kind: CommunityKind;
  /** Date it enters the registry (HISTORY_START, or the consolidation date). */
  readonly registeredOn: string;
  readonly mergedOn: string | null;
  readonly mergedInto: string | null;
  readonly formerCodes: readonly string[];
  /** Source of the community's identity (code, names, province). */
  readonly identitySource: string;
  /** True for the former community that was the group's centre. */
  readonly isCentre: boolean;
}

export interface Structure {
  readonly provinces: readonly ProvinceRecord[];
  readonly provinceByKey: ReadonlyMap<string, ProvinceRecord>;
  readonly groups: readonly GroupPlan[];
  readonly entities: readonly Entity[];
  readonly byCode: ReadonlyMap<string, Entity>;
  /** Yerevan's code. */
  readonly yerevan: string;
}

const isHighOrMedium = (m: MultiSettlementCommunityRecord): boolean => m.classification.startsWith('consolidated');

/** Province English name as the API uses it; fails on a province the domain does not know. */
const provinceName = (p: ProvinceRecord): Province => {
  const name = PROVINCES.find((x) => x === p.en);
  if (!name) throw new Error(`Province "${p.en}" of the data file is not one of the domain's provinces`);
  return name;
};

const SPECIAL_SETTLEMENT = /կայարան|կից/; // station villages and "adjacent to …": never communities of their own

/** The 2019 community each town belongs to (the lowest code among namesakes: towns are numbered first in each marz). */
const townCommunities = (data: CommunitiesData): Map<TownRecord, Adm3Community> => {
  const out = new Map<TownRecord, Adm3Community>();
  for (const town of data.urban_settlements_towns.items) {
    const inProvince = data.communities_2019_adm3.items.filter((c) => c.province === town.province);
    let matches = inProvince.filter((c) => c.en === town.community_2019);
    if (matches.length === 0) matches = inProvince.filter((c) => c.hy === town.hy);
    if (matches.length === 0) throw new Error(`Town ${town.en}: no 2019 community "${town.community_2019}" in ${town.province}`);
    out.set(town, [...matches].sort((a, b) => a.pcode.localeCompare(b.pcode))[0]);
  }
  return out;
};

/** Chooses the 52 groups and their dates and former-community counts. */
export const planConsolidation = (data: CommunitiesData, seed: number): GroupPlan[] => {
  const adm3ByCode = new Map(data.communities_2019_adm3.items.map((c) => [c.pcode, c]));
  const provinces = new Map(data.provinces.map((p) => [p.key, p]));
  const chosen = data.multi_settlement_communities_2019.items.filter((m) => isHighOrMedium(m) || m.key in RECONCILIATION);
  if (chosen.length !== CONSOLIDATED_COMMUNITIES) throw new Error(`Reconciliation gives ${chosen.length} consolidated communities, not ${CONSOLIDATED_COMMUNITIES}`);

  const towns = townCommunities(data);
  const townsOf = (m: MultiSettlementCommunityRecord): Set<string> =>
    new Set([...towns.entries()].filter(([, c]) => c.pcode === m.pcode).map(([t]) => t.hy).filter((hy) => m.settlements_hy.includes(hy)));

  const waveOf = (key: string): number => {
    const i = CONSOLIDATION_PLAN.findIndex((w) => w.keys !== 'rest' && w.keys.includes(key));
    return i >= 0 ? i : CONSOLIDATION_PLAN.findIndex((w) => w.keys === 'rest');
  };
  for (const w of CONSOLIDATION_PLAN) {
    if (w.keys === 'rest') continue;
    for (const k of w.keys) if (!chosen.some((m) => m.key === k)) throw new Error(`Consolidation plan names "${k}", which is not a chosen group`);
  }

  // Former-community counts: pinned where a source states them, else shared out per province.
  const formers = new Map<string, number>();
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const m of chosen) {
    lo.set(m.key, Math.max(2, new Set([m.centre_hy, ...townsOf(m)]).size));
    hi.set(m.key, m.settlements_count - m.settlements_hy.filter((s) => SPECIAL_SETTLEMENT.test(s)).length);
    const pin = FORMER_COUNTS[m.key];
    if (pin) formers.set(m.key, pin.formers);
  }
  const byProvince = new Map<string, MultiSettlementCommunityRecord[]>();
  for (const m of chosen) byProvince.set(m.province, [...(byProvince.get(m.province) ?? []), m]);
  for (const [key, groups] of byProvince) {
    const p = provinces.get(key);
    if (!p) throw new Error(`Unknown province key ${key}`);
    const needFormers = p.communities_pre_reform_2011.total - p.communities_2019_adm3_count + groups.length;
    const free = groups.filter((m) => !formers.has(m.key));
    const pinned = groups.filter((m) => formers.has(m.key)).reduce((s, m) => s + (formers.get(m.key) ?? 0), 0);
    const top = (m: MultiSettlementCommunityRecord): number => hi.get(m.key) ?? m.settlements_count;
    const reductions = free.reduce((s, m) => s + top(m), 0) - (needFormers - pinned);
    if (reductions < 0) throw new Error(`${p.en}: the groups hold too few settlements for ${needFormers} former communities`);
    if (free.length === 0) {
      if (reductions !== 0) throw new Error(`${p.en}: pinned former counts do not add up`);
      continue;
    }
    const cuts = reductions === 0 ? free.map(() => 0) : apportion(reductions, free.map((m) => top(m) - (lo.get(m.key) ?? 2)));
    free.forEach((m, i) => formers.set(m.key, top(m) - cuts[i]));
  }

  // First stage: 18 communities from 140 (S_newsam_2017). Move reductions between first- and second-stage groups of a province.
  const stageOf = (key: string): 1 | 2 => CONSOLIDATION_PLAN[waveOf(key)].stage;
  const movable = (m: MultiSettlementCommunityRecord): boolean => !(m.key in FORMER_COUNTS) && waveOf(m.key) !== 0;
  const firstStage = (): number => chosen.filter((m) => stageOf(m.key) === 1).reduce((s, m) => s + (formers.get(m.key) ?? 0), 0);
  for (let guard = 0; firstStage() !== FIRST_STAGE_FORMERS; guard++) {
    if (guard > 1000) throw new Error('Cannot balance the first stage of the reform');
    const up = firstStage() < FIRST_STAGE_FORMERS;
    let moved = false;
    for (const groups of byProvince.values()) {
      const f = (m: MultiSettlementCommunityRecord): number => formers.get(m.key) ?? 0;
      // Grow the group with the smallest share of its settlements as communities; shrink the one with the largest.
      const share = (m: MultiSettlementCommunityRecord): number => (f(m) - (lo.get(m.key) ?? 2)) / m.settlements_count;
      const byShare = (a: MultiSettlementCommunityRecord, b: MultiSettlementCommunityRecord): number => share(a) - share(b) || a.key.localeCompare(b.key);
      const s1 = groups.filter((m) => movable(m) && stageOf(m.key) === 1).sort(byShare);
      const s2 = groups.filter((m) => movable(m) && stageOf(m.key) === 2).sort(byShare);
      const grow = (up ? s1 : s2).find((m) => f(m) < (hi.get(m.key) ?? m.settlements_count));
      const shrink = [...(up ? s2 : s1)].reverse().find((m) => f(m) > (lo.get(m.key) ?? 2));
      if (grow && shrink) {
        formers.set(grow.key, f(grow) + 1);
        formers.set(shrink.key, f(shrink) - 1);
        moved = true;
        break;
      }
    }
    if (!moved) throw new Error('Cannot balance the first stage of the reform');
  }

  const rng = createRandom(seed, 'consolidation');
  return [...chosen]
    .sort((a, b) => a.pcode.localeCompare(b.pcode))
    .map((m): GroupPlan => {
      const adm3 = adm3ByCode.get(m.pcode);
      if (!adm3) throw new Error(`Group ${m.key}: no 2019 community ${m.pcode}`);
      const f = formers.get(m.key) ?? m.settlements_count;
      const protectedNames = new Set([m.centre_hy, ...townsOf(m)]);
      const candidates = m.settlements_hy.filter((s) => !protectedNames.has(s));
      const special = candidates.filter((s) => SPECIAL_SETTLEMENT.test(s));
      const ordinary = rng.shuffle(candidates.filter((s) => !SPECIAL_SETTLEMENT.test(s)));
      const dropped = new Set([...special, ...ordinary].slice(0, m.settlements_count - f));
      const formerSettlements = [m.centre_hy, ...m.settlements_hy.filter((s) => s !== m.centre_hy && !dropped.has(s))];
      const attached = m.settlements_hy.filter((s) => dropped.has(s)).map((settlement) => ({ settlement, to: rng.pick(formerSettlements) }));
      const wave = waveOf(m.key);
      const w = CONSOLIDATION_PLAN[wave];
      const pin = FORMER_COUNTS[m.key];
      return {
        key: m.key,
        record: m,
        adm3,
        provinceKey: m.province,
        on: w.on,
        onSource: DATED_COMMUNITIES[m.key] ?? SYNTHETIC,
        stage: w.stage,
        wave,
        membershipSource: m.key in RECONCILIATION ? SYNTHETIC : 'S_gor91',
        reconciliation: RECONCILIATION[m.key] ?? null,
        formers: f,
        formersSource: pin ? pin.source : f === m.settlements_count ? 'S_gor91' : SYNTHETIC,
        formerSettlements,
        attached,
      };
    });
};

/** English name for a settlement: the towns list, else a 2019 community of that Armenian name, else a transliteration. */
const englishName = (data: CommunitiesData, hy: string, provinceKey: string): { en: string; source: string } => {
  const town = data.urban_settlements_towns.items.find((t) => t.hy === hy && t.province === provinceKey);
  if (town) return { en: town.en, source: leadingSourceId(town.population_census_2011_source) ?? 'S_wiki_cities' };
  const same = data.communities_2019_adm3.items.find((c) => c.hy === hy && c.province === provinceKey) ?? data.communities_2019_adm3.items.find((c) => c.hy === hy);
  if (same) return { en: same.en.replace(/\s*\(.*\)$/, ''), source: 'S_cod_adm3' };
  return { en: transliterateHy(hy), source: SYNTHETIC };
};

/** Builds every community of the history: continuing, former and consolidated. */
export const buildStructure = (data: CommunitiesData, seed: number): Structure => {
  const provinceByKey = new Map(data.provinces.map((p) => [p.key, p]));
  const groups = planConsolidation(data, seed);
  const groupByCode = new Map(groups.map((g) => [g.adm3.pcode, g]));
  const multiByCode = new Map(data.multi_settlement_communities_2019.items.map((m) => [m.pcode, m]));
  const towns = townCommunities(data);
  const townIn = (code: string, hy: string): TownRecord | null => [...towns.entries()].find(([t, c]) => c.pcode === code && t.hy === hy)?.[0] ?? null;
  const province = (key: string): ProvinceRecord => {
    const p = provinceByKey.get(key);
    if (!p) throw new Error(`Unknown province key ${key}`);
    return p;
  };

  const entities: Entity[] = [];
  for (const c of data.communities_2019_adm3.items) {
    const p = province(c.province);
    const group = groupByCode.get(c.pcode);
    if (!group) {
      const multi = multiByCode.get(c.pcode);
      const names = multi ? multi.settlements_hy : [c.hy];
      const settlements = names.map((hy) => ({ hy, town: townIn(c.pcode, hy) }));
      entities.push({
        code: c.pcode,
        nameHy: c.hy,
        nameEn: c.en,
        nameEnSource: 'S_cod_adm3',
        provinceKey: c.province,
        province: provinceName(p),
        role: 'continuing',
        group: null,
        settlements,
        kind: settlements.some((s) => s.town) ? 'urban' : 'rural',
        registeredOn: HISTORY_START,
        mergedOn: null,
        mergedInto: null,
        formerCodes: [],
        identitySource: 'S_cod_adm3',
        isCentre: false,
      });
      continue;
    }
    const formerCodes = group.formerSettlements.map((_, i) => `${c.pcode}-F${String(i + 1).padStart(2, '0')}`);
    group.formerSettlements.forEach((hy, i) => {
      const own = [hy, ...group.attached.filter((a) => a.to === hy).map((a) => a.settlement)];
      const settlements = own.map((s) => ({ hy: s, town: townIn(c.pcode, s) }));
      const name = englishName(data, hy, c.province);
      entities.push({
        code: formerCodes[i],
        nameHy: hy,
        nameEn: name.en,
        nameEnSource: name.source,
        provinceKey: c.province,
        province: provinceName(p),
        role: 'former',
        group,
        settlements,
        kind: settlements[0].town ? 'urban' : 'rural',
        registeredOn: HISTORY_START,
        mergedOn: group.on,
        mergedInto: c.pcode,
        formerCodes: [],
        identitySource: SYNTHETIC,
        isCentre: i === 0,
      });
    });
    const settlements = group.record.settlements_hy.map((hy) => ({ hy, town: townIn(c.pcode, hy) }));
    const kind: CommunityKind = settlements.some((s) => s.town && !/downgraded/i.test(s.town.note ?? '')) ? 'urban' : 'rural';
    entities.push({
      code: c.pcode,
      nameHy: c.hy,
      nameEn: c.en,
      nameEnSource: 'S_cod_adm3',
      provinceKey: c.province,
      province: provinceName(p),
      role: 'consolidated',
      group,
      settlements,
      kind,
      registeredOn: group.on,
      mergedOn: null,
      mergedInto: null,
      formerCodes,
      identitySource: 'S_cod_adm3',
      isCentre: false,
    });
  }
  const byCode = new Map(entities.map((e) => [e.code, e]));
  if (byCode.size !== entities.length) throw new Error('Community codes are not unique');
  const yerevan = entities.find((e) => e.province === 'Yerevan');
  if (!yerevan) throw new Error('No Yerevan community in the data file');
  verifyStructure(data, entities);
  return { provinces: data.provinces, provinceByKey, groups, entities, byCode, yerevan: yerevan.code };
};

/** The arithmetic the reconstruction must meet; throws with the first mismatch. */
const verifyStructure = (data: CommunitiesData, entities: readonly Entity[]): void => {
  const pre = entities.filter((e) => e.role !== 'consolidated');
  const post = entities.filter((e) => e.role !== 'former');
  const formers = entities.filter((e) => e.role === 'former');
  const consolidated = entities.filter((e) => e.role === 'consolidated');
  const expect = (what: string, actual: number, wanted: number): void => {
    if (actual !== wanted) throw new Error(`${what}: ${actual}, expected ${wanted}`);
  };
  expect('pre-reform communities', pre.length, PRE_REFORM_COMMUNITIES);
  expect('2019 communities', post.length, COMMUNITIES_2019);
  expect('former communities merged', formers.length, MERGED_FORMER_COMMUNITIES);
  expect('consolidated communities', consolidated.length, CONSOLIDATED_COMMUNITIES);
  expect('first-stage former communities', formers.filter((e) => e.group?.stage === 1).length, FIRST_STAGE_FORMERS);
  expect('first-stage consolidated communities', consolidated.filter((e) => e.group?.stage === 1).length, FIRST_STAGE_CONSOLIDATED);
  for (const p of data.provinces) {
    const inP = (e: Entity): boolean => e.provinceKey === p.key;
    expect(`${p.en} pre-reform communities`, pre.filter(inP).length, p.communities_pre_reform_2011.total);
    expect(`${p.en} pre-reform urban communities`, pre.filter((e) => inP(e) && e.kind === 'urban').length, p.communities_pre_reform_2011.urban);
    expect(`${p.en} 2019 communities`, post.filter(inP).length, p.communities_2019_adm3_count);
  }
};

/** Settlement names of the registry (Armenian), for a command. */
export const settlementNames = (e: Entity): string[] => e.settlements.map((s) => s.hy);

/**
 * Who had what, and from when: CMIS deployments, electronic document circulation, official websites and citizen
 * service offices. The data file names only four offices (Tatev, Tumanyan, Gladzor, Jrvezh) and aggregate counts, so
 * everything else is synthetic, chosen with a seeded generator so that the national report holds at every waypoint:
 *
 * | date        | figure                                                                 | source            |
 * |-------------|------------------------------------------------------------------------|-------------------|
 * | 2015-12-31  | CMIS in 130 municipalities; 10 citizen offices in 6 provinces          | S_hetq_2015       |
 * | 2018-01-01  | offices in 29 municipalities of 9 provinces (undated handbook)         | S_giz_handbook    |
 * | 2019-07-01  | the report: CMIS ≈ 400, 40 consolidated on the multi-settlement        | cmis-report-2019  |
 * |             | edition, > 300 with document circulation, ≈ 250 websites on CMIS,      |                   |
 * |             | 42 communities with an office (39 with GIZ), ≈ 40 % of residents       |                   |
 * |             | outside Yerevan served; > 30 consolidated communities with an office   | S_magnis          |
 *
 * Rules kept throughout: an office runs on CMIS (its community has CMIS before it opens); document circulation and
 * a CMIS-hosted website come after CMIS; every community of 3000+ residents has an official website (Law on Local
 * Self-Government, art. 11(5)); an office or a CMIS of a former centre community is carried over to the consolidated
 * community on the day it is formed.
 */
import type { CmisEdition } from '../domain/community/commands';
import { addDays } from '../domain/kernel/time';
import type { CommunitiesData } from './data';
import type { Populations } from './populations';
import { RESIDENTS_THRESHOLD } from './populations';
import { createRandom, type Random } from './random';
import { SYNTHETIC, type Entity, type Structure } from './structure';
import { slug } from './transliterate';

export const REPORT_DATE = '2019-07-01';
export const DECEMBER_2015 = '2015-12-31';
/** The GIZ handbook's "29 municipalities of 9 marzes" is undated; the history makes it hold on this date. */
export const HANDBOOK_DATE = '2018-01-01';

export const ADOPTION_TARGETS = {
  cmisDeployed2019: 400,
  consolidatedMultiSettlementCmis: 40,
  /** Consolidated communities still on the single-settlement edition of their former centre (the rest of 52 − 40 have none). */
  consolidatedSingleSettlementCmis: 9,
  documentCirculation2019: 320,
  websitesOnCmis2019: 250,
  offices2019: 42,
  officesWithGiz2019: 39,
  consolidatedWithOffice2019: 32,
  cmisDeployedDecember2015: 130,
  officesDecember2015: 10,
  officeProvincesDecember2015: 6,
  officesHandbook: 29,
  officeProvincesHandbook: 9,
  /** Percent of residents outside Yerevan living in a community with an office. */
  shareWithOffice2019: 40,
} as const;

const CMIS_FIRST = '2012-03-01';
const LAST_DAY = '2019-06-28';

export interface Deployment {
  readonly code: string;
  readonly edition: CmisEdition;
  readonly on: string;
  readonly source: string;
  readonly note: string;
}

export interface DatedFact {
  readonly code: string;
  readonly on: string;
  readonly source: string;
  readonly note: string;
}

export interface Website extends DatedFact {
  readonly url: string;
  readonly hostedOnCmis: boolean;
}

export interface Office extends DatedFact {
  readonly officeId: string;
  readonly name: string;
  readonly partners: readonly string[];
  /** Source of the opening date when it differs from the office's source. */
  readonly onSource: string;
}

export interface Adoption {
  readonly deployments: readonly Deployment[];
  readonly documentCirculation: readonly DatedFact[];
  readonly websites: readonly Website[];
  readonly offices: readonly Office[];
  /** The 2019 communities with an office (for checks). */
  readonly officeCommunities: readonly string[];
}

const OFFICE_NAME_HY = 'Քաղաքացիների սպասարկման գրասենյակ';
const GIZ_2015 = ['GIZ/BMZ'];
const GIZ_2016 = ['GIZ/BMZ', 'SDC', 'USAID'];
const GIZ_2018 = ['GIZ/BMZ', 'SDC'];

/** A uniformly drawn date in [from, to] (to < from gives from). */
const dateBetween = (rng: Random, from: string, to: string): string => {
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return span <= 0 ? from : addDays(from, rng.int(0, span));
};
const maxDate = (...dates: string[]): string => dates.reduce((a, b) => (a > b ? a : b));
const minDate = (...dates: string[]): string => dates.reduce((a, b) => (a < b ? a : b));

/** Weighted sample without replacement (Efraimidis–Spirakis), deterministic for a given generator. */
const weightedSample = <T>(rng: Random, items: readonly T[], weight: (t: T) => number, n: number): T[] =>
  items
    .map((item) => ({ item, key: Math.pow(rng.next() || Number.MIN_VALUE, 1 / Math.max(weight(item), 1e-9)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, n)
    .map((x) => x.item);

/** "GIZ/BMZ, SDC (USAID until 2018)" → ["GIZ/BMZ", "SDC"]; "GIZ/KfW present at visit" → ["GIZ/KfW"]. */
export const partnersOf = (funders: string): string[] =>
  funders
    .split(',')
    .map((part) => /^[A-Za-z][A-Za-z/]*/.exec(part.trim())?.[0] ?? '')
    .filter((p) => p.length > 0);

export const buildAdoption = (data: CommunitiesData, structure: Structure, populations: Populations, seed: number): Adoption => {
  const T = ADOPTION_TARGETS;
  const rng = createRandom(seed, 'adoption');
  const { entities, byCode } = structure;
  const communities2019 = entities.filter((e) => e.role !== 'former');
  const consolidated = communities2019.filter((e) => e.role === 'consolidated');
  const pop = (code: string): number => populations.latest2019.get(code) ?? 0;
  const centreOf = (e: Entity): Entity => {
    const centre = byCode.get(e.formerCodes[0]);
    if (!centre) throw new Error(`${e.code}: no centre former community`);
    return centre;
  };
  const find = (en: string, provinceKey: string): Entity => {
    const e = communities2019.find((c) => c.nameEn === en && c.provinceKey === provinceKey);
    if (!e) throw new Error(`Office community ${en} (${provinceKey}) is not a 2019 community`);
    return e;
  };

  // A. The 42 communities with an office in 2019.
  const known = data.citizen_service_offices.known_municipalities.map((k) => ({ record: k, entity: find(k.community_en, k.province) }));
  const knownCodes = new Set(known.map((k) => k.entity.code));
  const knownConsolidated = known.filter((k) => k.entity.role === 'consolidated').map((k) => k.entity);
  const otherConsolidated = rng.shuffle(consolidated.filter((e) => !knownCodes.has(e.code)));
  // One consolidated community with an office in every province that has consolidated communities (so that the
  // handbook's 9 provinces can be reached before 2018), the others at random.
  const consolidatedProvinces = new Set(consolidated.map((e) => e.provinceKey));
  const coversProvinces = (list: readonly Entity[]): boolean => [...consolidatedProvinces].every((p) => [...knownConsolidated, ...list].some((e) => e.provinceKey === p));
  const chosenConsolidated: Entity[] = [];
  for (const e of otherConsolidated) {
    if (![...knownConsolidated, ...chosenConsolidated].some((c) => c.provinceKey === e.provinceKey)) chosenConsolidated.push(e);
  }
  for (const e of otherConsolidated) {
    if (chosenConsolidated.length >= T.consolidatedWithOffice2019 - knownConsolidated.length) break;
    if (!chosenConsolidated.includes(e)) chosenConsolidated.push(e);
  }
  const withOffice: Entity[] = [...knownConsolidated, ...chosenConsolidated];
  withOffice.push(...known.filter((k) => k.entity.role !== 'consolidated').map((k) => k.entity));
  const outsideYerevan = communities2019.filter((e) => e.code !== structure.yerevan).reduce((s, e) => s + pop(e.code), 0);
  const target = (T.shareWithOffice2019 / 100) * outsideYerevan;
  const pool = communities2019.filter((e) => e.role === 'continuing' && e.code !== structure.yerevan && !knownCodes.has(e.code) && pop(e.code) >= RESIDENTS_THRESHOLD);
  const chosenOthers: Entity[] = [];
  while (withOffice.length < T.offices2019) {
    const have = withOffice.reduce((s, e) => s + pop(e.code), 0);
    const slots = T.offices2019 - withOffice.length;
    const aim = (target - have) / slots;
    const next = pool
      .filter((e) => !withOffice.includes(e))
      .sort((a, b) => Math.abs(pop(a.code) - aim) - Math.abs(pop(b.code) - aim) || a.code.localeCompare(b.code))[0];
    if (!next) throw new Error('Not enough communities for the citizen service offices');
    withOffice.push(next);
    chosenOthers.push(next);
  }
  // Improve the greedy choice by swaps while that brings the share closer to the target.
  const served = (): number => withOffice.reduce((s, e) => s + pop(e.code), 0);
  for (let improved = true; improved; ) {
    improved = false;
    const gap = Math.abs(served() - target);
    let best: { out: Entity; into: Entity; list: Entity[]; gap: number } | null = null;
    for (const [list, candidates] of [
      [chosenOthers, pool],
      [chosenConsolidated, otherConsolidated],
    ] as const) {
      for (const out of list) {
        for (const into of candidates) {
          if (withOffice.includes(into)) continue;
          if (list === chosenConsolidated && !coversProvinces(list.map((e) => (e === out ? into : e)))) continue;
          const g = Math.abs(served() - pop(out.code) + pop(into.code) - target);
          if (g < gap && (best === null || g < best.gap)) best = { out, into, list, gap: g };
        }
      }
    }
    if (best) {
      withOffice[withOffice.indexOf(best.out)] = best.into;
      best.list[best.list.indexOf(best.out)] = best.into;
      improved = true;
    }
  }
  // The offices founded without GIZ: the largest of the synthetic picks outside the consolidated communities.
  const nonGiz = new Set(
    [...chosenOthers]
      .sort((a, b) => pop(b.code) - pop(a.code) || a.code.localeCompare(b.code))
      .slice(0, T.offices2019 - T.officesWithGiz2019)
      .map((e) => e.code),
  );

  // B. Opening dates, batch by batch, so that the waypoints hold.
  const opening = new Map<string, { on: string; onSource: string; partners: readonly string[]; source: string; note: string }>();
  for (const k of known) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(k.record.opened)) {
      opening.set(k.entity.code, { on: k.record.opened, onSource: k.record.source, partners: partnersOf(k.record.funders), source: k.record.source, note: `opened ${k.record.opened} in ${k.record.office_location}` });
    }
  }
  const early = withOffice.filter((e) => opening.has(e.code) && (opening.get(e.code)?.on ?? '') <= DECEMBER_2015);
  const provinces = (list: readonly Entity[]): Set<string> => new Set(list.map((e) => e.provinceKey));
  // Offices of known communities keep their known dates; the 2015 batch is GIZ's (S_hetq_2015), so no office without GIZ in it.
  const eligible = (e: Entity, withoutGiz: boolean): boolean => !opening.has(e.code) && !knownCodes.has(e.code) && (withoutGiz || !nonGiz.has(e.code));
  const pickBatch = (already: Entity[], size: number, provinceCount: number, excludeProvinces: ReadonlySet<string>, withoutGiz: boolean): Entity[] => {
    const picked: Entity[] = [];
    const order = rng.shuffle(withOffice.filter((e) => eligible(e, withoutGiz) && !already.includes(e) && !excludeProvinces.has(e.provinceKey)));
    const covered = () => provinces([...already, ...picked]);
    // First cover the provinces, then fill up from the covered ones.
    for (const e of order) {
      if (covered().size >= provinceCount || already.length + picked.length >= size) break;
      if (!covered().has(e.provinceKey)) picked.push(e);
    }
    for (const e of order) {
      if (already.length + picked.length >= size) break;
      if (!picked.includes(e) && covered().has(e.provinceKey)) picked.push(e);
    }
    if (picked.length + already.length !== size || covered().size !== provinceCount) throw new Error(`Cannot place ${size} offices in ${provinceCount} provinces`);
    return picked;
  };
  const batch2015 = pickBatch(early, T.officesDecember2015, T.officeProvincesDecember2015, new Set(), false);
  for (const e of batch2015) opening.set(e.code, { on: dateBetween(rng, '2013-03-01', '2015-12-10'), onSource: SYNTHETIC, partners: GIZ_2015, source: SYNTHETIC, note: 'one of the 10 offices of Dec 2015 (S_hetq_2015)' });
  // The handbook's 9 provinces: leave out the province with the fewest offices in 2019 (its offices open later).
  const officeProvinces = [...provinces(withOffice)];
  const eligibleIn = (p: string): number => withOffice.filter((e) => e.provinceKey === p && eligible(e, true)).length;
  const byCount = officeProvinces
    .filter((p) => !provinces([...early, ...batch2015]).has(p))
    .sort((a, b) => eligibleIn(a) - eligibleIn(b) || a.localeCompare(b));
  const lateProvinces = new Set(byCount.slice(0, Math.max(0, officeProvinces.length - T.officeProvincesHandbook)));
  const batch2017 = pickBatch([...early, ...batch2015], T.officesHandbook, T.officeProvincesHandbook, lateProvinces, true);
  for (const e of batch2017) {
    opening.set(e.code, {
      on: dateBetween(rng, '2016-01-15', '2017-12-20'),
      onSource: SYNTHETIC,
      partners: nonGiz.has(e.code) ? [] : GIZ_2016,
      source: SYNTHETIC,
      note: `${nonGiz.has(e.code) ? 'office founded without GIZ (42 − 39); ' : ''}office in 29 municipalities of 9 provinces (S_giz_handbook)`,
    });
  }
  for (const e of withOffice) {
    if (opening.has(e.code)) continue;
    const record = known.find((k) => k.entity.code === e.code)?.record;
    const latest = record && /2019-04/.test(record.opened) ? '2019-03-31' : LAST_DAY;
    const on = dateBetween(rng, '2018-01-15', latest);
    opening.set(e.code, {
      on,
      onSource: SYNTHETIC,
      partners: record ? partnersOf(record.funders) : nonGiz.has(e.code) ? [] : GIZ_2018,
      source: record ? record.source : SYNTHETIC,
      note: record ? `${record.office_location}: ${record.opened}` : nonGiz.has(e.code) ? 'office founded without GIZ (42 − 39)' : 'office of 2018–2019 (GIZ with SDC; USAID until 2018)',
    });
  }

  // C. CMIS: consolidated communities by edition, the centres they inherit from, then the continuing communities.
  const officeOf = (e: Entity) => opening.get(e.code);
  const nonOfficeConsolidated = rng.shuffle(consolidated.filter((e) => !withOffice.includes(e)));
  const multi = new Set([...consolidated.filter((e) => withOffice.includes(e)), ...nonOfficeConsolidated.slice(0, T.consolidatedMultiSettlementCmis - T.consolidatedWithOffice2019)]);
  const rest = nonOfficeConsolidated.slice(T.consolidatedMultiSettlementCmis - T.consolidatedWithOffice2019);
  const single = new Set(rest.slice(0, T.consolidatedSingleSettlementCmis));
  const deployments: Deployment[] = [];
  const firstCmis = new Map<string, string>();
  const deploy = (d: Deployment): void => {
    deployments.push(d);
    if (!firstCmis.has(d.code) || d.on < (firstCmis.get(d.code) ?? '')) firstCmis.set(d.code, d.on);
  };
  for (const e of consolidated) {
    if (!multi.has(e) && !single.has(e)) continue;
    const office = officeOf(e);
    const officeSoon = office !== undefined && office.on < addDays(e.registeredOn, 120);
    const centreHasCmis = single.has(e) || officeSoon || rng.next() < 0.4;
    if (centreHasCmis) {
      const centre = centreOf(e);
      const latest = minDate(addDays(e.registeredOn, -20), '2015-12-01', office && office.on < e.registeredOn ? addDays(office.on, -30) : '2099-01-01');
      deploy({ code: centre.code, edition: 'single-settlement', on: dateBetween(rng, CMIS_FIRST, latest), source: SYNTHETIC, note: 'CMIS of the former centre community' });
      deploy({ code: e.code, edition: 'single-settlement', on: e.registeredOn, source: SYNTHETIC, note: 'single-settlement CMIS carried over from the former centre community' });
    }
    if (multi.has(e)) {
      let on = minDate(addDays(e.registeredOn, rng.int(45, 400)), '2019-06-15');
      if (!centreHasCmis && office) on = maxDate(e.registeredOn, minDate(on, addDays(office.on, -10)));
      deploy({ code: e.code, edition: 'multi-settlement', on, source: SYNTHETIC, note: 'multi-settlement edition of CMIS' });
    }
  }
  const consolidatedDeployed = consolidated.filter((e) => firstCmis.has(e.code)).length;
  const continuing = communities2019.filter((e) => e.role === 'continuing' && e.code !== structure.yerevan);
  const continuingOffices = continuing.filter((e) => withOffice.includes(e));
  const sampled = weightedSample(rng, continuing.filter((e) => !withOffice.includes(e)), (e) => Math.sqrt(pop(e.code)), T.cmisDeployed2019 - consolidatedDeployed - continuingOffices.length);
  const cmisContinuing = [...continuingOffices, ...sampled];
  // Those counted in Dec 2015 besides continuing communities: centres not yet merged, and consolidated ones formed by then.
  const inDecember2015 = (code: string): boolean => {
    const e = byCode.get(code);
    const first = firstCmis.get(code);
    return e !== undefined && first !== undefined && first <= DECEMBER_2015 && e.registeredOn <= DECEMBER_2015 && (e.mergedOn === null || e.mergedOn > DECEMBER_2015);
  };
  const otherDecember = [...firstCmis.keys()].filter(inDecember2015).length;
  const forcedEarly = continuingOffices.filter((e) => (officeOf(e)?.on ?? '9999') < '2016-03-01');
  const earlyCount = T.cmisDeployedDecember2015 - otherDecember;
  const earlyRest = weightedSample(rng, cmisContinuing.filter((e) => !forcedEarly.includes(e)), (e) => pop(e.code), earlyCount - forcedEarly.length);
  const earlySet = new Set([...forcedEarly, ...earlyRest]);
  for (const e of cmisContinuing) {
    const office = officeOf(e);
    const cap = office ? addDays(office.on, -30) : LAST_DAY;
    const on = earlySet.has(e) ? dateBetween(rng, CMIS_FIRST, minDate('2015-12-20', cap)) : dateBetween(rng, '2016-01-10', minDate('2019-06-25', cap));
    deploy({ code: e.code, edition: 'single-settlement', on, source: SYNTHETIC, note: earlySet.has(e) ? 'one of the ~130 of Dec 2015 (S_hetq_2015)' : 'deployed 2016–2019' });
  }

  // D. Electronic document circulation: after CMIS, in communities of 2019.
  const deployed2019 = communities2019.filter((e) => (firstCmis.get(e.code) ?? '9999') <= '2019-05-01');
  const circulation = [
    ...deployed2019.filter((e) => withOffice.includes(e)),
    ...weightedSample(rng, deployed2019.filter((e) => !withOffice.includes(e)), (e) => Math.sqrt(pop(e.code)), T.documentCirculation2019 - deployed2019.filter((e) => withOffice.includes(e)).length),
  ];
  const documentCirculation: DatedFact[] = circulation.map((e) => {
    const from = maxDate(addDays(firstCmis.get(e.code) ?? CMIS_FIRST, 30), e.registeredOn);
    return { code: e.code, on: minDate(addDays(from, rng.int(0, 700)), LAST_DAY), source: SYNTHETIC, note: 'electronic document circulation on CMIS' };
  });

  // E. Official websites: every community of 3000+ residents, and about 250 on CMIS.
  const big = new Set(communities2019.filter((e) => pop(e.code) >= RESIDENTS_THRESHOLD).map((e) => e.code));
  const cmisReady = communities2019.filter((e) => (firstCmis.get(e.code) ?? '9999') <= '2019-05-15');
  const ownSite = new Set(cmisReady.filter((e) => big.has(e.code) && rng.next() < 0.08).map((e) => e.code));
  const bigOnCmis = cmisReady.filter((e) => big.has(e.code) && !ownSite.has(e.code));
  const onCmis = [
    ...bigOnCmis,
    ...weightedSample(rng, cmisReady.filter((e) => !big.has(e.code)), (e) => Math.sqrt(pop(e.code)), T.websitesOnCmis2019 - bigOnCmis.length),
  ];
  const names = new Map<string, number>();
  communities2019.forEach((e) => names.set(e.nameEn, (names.get(e.nameEn) ?? 0) + 1));
  const host = (e: Entity): string => `${slug(e.nameEn)}${(names.get(e.nameEn) ?? 0) > 1 ? `-${e.code.toLowerCase()}` : ''}`;
  const websites: Website[] = onCmis.map((e) => {
    const from = maxDate(addDays(firstCmis.get(e.code) ?? CMIS_FIRST, 20), e.registeredOn);
    return { code: e.code, url: `https://${host(e)}.cmis.example`, hostedOnCmis: true, on: minDate(addDays(from, rng.int(0, 600)), LAST_DAY), source: SYNTHETIC, note: 'official website on CMIS (placeholder address)' };
  });
  for (const e of communities2019.filter((c) => big.has(c.code) && !onCmis.includes(c))) {
    websites.push({ code: e.code, url: `https://www.${host(e)}.example`, hostedOnCmis: false, on: dateBetween(rng, maxDate('2012-01-15', e.registeredOn), LAST_DAY), source: SYNTHETIC, note: 'official website hosted elsewhere (placeholder address)' });
  }

  // F. Offices: opened on the community, or on its former centre and carried over when the community is formed.
  const offices: Office[] = [];
  for (const e of withOffice) {
    const o = opening.get(e.code);
    if (!o) continue;
    const host = e.role === 'consolidated' && o.on < e.registeredOn ? centreOf(e) : e;
    const location = e.role === 'consolidated' ? centreOf(e).nameHy : e.nameHy;
    const name = `${OFFICE_NAME_HY}, ${location}`;
    offices.push({ code: host.code, officeId: `${host.code}-CSO1`, name, partners: o.partners, on: o.on, source: o.source, onSource: o.onSource, note: o.note });
    if (host !== e) {
      offices.push({ code: e.code, officeId: `${e.code}-CSO1`, name, partners: o.partners, on: e.registeredOn, source: o.source, onSource: SYNTHETIC, note: `carried over from ${host.code} when the community was formed` });
    }
    const cmis = firstCmis.get(host.code);
    if (cmis === undefined || cmis > o.on) throw new Error(`Office of ${host.code} opens ${o.on} before CMIS (${cmis ?? 'none'})`);
  }
  return { deployments, documentCirculation, websites, offices, officeCommunities: withOffice.map((e) => e.code) };
};

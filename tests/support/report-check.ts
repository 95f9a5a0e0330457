/**
 * A small, independent fold of the history's commands into docs/api.md's `nationalAdoptionReport(asOf)`, to check the
 * history without the event store or the projections (and to compare the projection against).
 *
 * Definitions (docs/api.md): counts of communities that exist on `asOf` (registered on or before it, not merged on or before
 * it); an `asOf` date includes the whole of that day. `withCmisDeployed`: a CMIS deployment dated on or before asOf;
 * `consolidatedMultiSettlement`: created by a consolidation; `consolidatedWithMultiSettlementCmis`: of those, the
 * latest edition is multi-settlement; `whereCmisIsOfficialWebsite`: the latest official website is hosted on CMIS;
 * `withAtLeast3000Residents`: the latest population recorded as of the date is ≥ 3000; `citizenServiceOffices`:
 * at least one office; `…WithPartner(p)`: an office whose partners contain p (case-insensitive substring);
 * `shareOfPopulationOutsideYerevanWithCso`: percent (one decimal) of the population outside Yerevan (the community
 * whose province is "Yerevan") living in a community with an office.
 */
import { yerevanDate } from '../../domain/kernel/time';
import type { HistoryCommand } from '../../seed/national-history';

export interface NationalAdoptionReport {
  readonly asOf: string;
  readonly totalCommunities: number;
  readonly withCmisDeployed: number;
  readonly consolidatedMultiSettlement: number;
  readonly consolidatedWithMultiSettlementCmis: number;
  readonly withElectronicDocumentCirculation: number;
  readonly whereCmisIsOfficialWebsite: number;
  readonly withAtLeast3000Residents: number;
  readonly citizenServiceOffices: number;
  readonly citizenServiceOfficesWithPartner: number;
  readonly shareOfPopulationOutsideYerevanWithCso: number;
}

interface Dated<T> {
  readonly on: string;
  readonly seq: number;
  readonly value: T;
}

/** What the fold knows of one community (every fact with its date). */
export interface CommunityFacts {
  readonly code: string;
  readonly province: string;
  readonly kind: string;
  readonly registeredOn: string;
  readonly consolidated: boolean;
  mergedOn: string | null;
  readonly populations: Array<Dated<number>>;
  readonly cmis: Array<Dated<string>>;
  documentCirculationOn: string | null;
  readonly websites: Array<Dated<boolean>>;
  readonly offices: Array<Dated<readonly string[]>>;
}

/** Folds the commands (in order) into facts per community; refuses what the domain would refuse. */
export const foldHistory = (commands: readonly HistoryCommand[]): Map<string, CommunityFacts> => {
  const communities = new Map<string, CommunityFacts>();
  const get = (code: string, date: string, what: string): CommunityFacts => {
    const c = communities.get(code);
    if (!c) throw new Error(`${what} for unregistered community ${code}`);
    if (c.mergedOn !== null && c.mergedOn <= date) throw new Error(`${what} for ${code} dated ${date}, after its merger on ${c.mergedOn}`);
    return c;
  };
  const register = (code: string, province: string, kind: string, on: string, consolidated: boolean, population: number, seq: number): void => {
    if (communities.has(code)) throw new Error(`Community ${code} registered twice`);
    communities.set(code, {
      code,
      province,
      kind,
      registeredOn: on,
      consolidated,
      mergedOn: null,
      populations: [{ on, seq, value: population }],
      cmis: [],
      documentCirculationOn: null,
      websites: [],
      offices: [],
    });
  };
  commands.forEach((command, seq) => {
    switch (command.mutation) {
      case 'registerCommunity': {
        const i = command.args.input;
        register(i.code, i.province, i.kind, yerevanDate(i.occurredAt), false, i.population, seq);
        break;
      }
      case 'consolidateCommunities': {
        const i = command.args.input;
        for (const former of i.formerCommunityIds) get(former, i.on, 'Merger').mergedOn = i.on;
        register(i.code, i.province, i.kind, i.on, true, i.population, seq);
        break;
      }
      case 'recordPopulation':
        get(command.args.communityId, command.args.asOf, 'Population').populations.push({ on: command.args.asOf, seq, value: command.args.population });
        break;
      case 'deployCmis':
        get(command.args.communityId, command.args.on, 'CMIS').cmis.push({ on: command.args.on, seq, value: command.args.edition });
        break;
      case 'enableDocumentCirculation': {
        const c = get(command.args.communityId, command.args.on, 'Document circulation');
        if (c.documentCirculationOn === null || command.args.on < c.documentCirculationOn) c.documentCirculationOn = command.args.on;
        break;
      }
      case 'launchOfficialWebsite':
        get(command.args.communityId, command.args.on, 'Website').websites.push({ on: command.args.on, seq, value: command.args.hostedOnCmis });
        break;
      case 'openCitizenServiceOffice':
        get(command.args.communityId, command.args.on, 'Office').offices.push({ on: command.args.on, seq, value: command.args.partners });
        break;
    }
  });
  return communities;
};

/** The latest entry dated on or before `date` (the later command wins a tie). */
const latest = <T>(items: ReadonlyArray<Dated<T>>, date: string): Dated<T> | undefined =>
  items.filter((x) => x.on <= date).reduce<Dated<T> | undefined>((best, x) => (best === undefined || x.on > best.on || (x.on === best.on && x.seq > best.seq) ? x : best), undefined);

/** Communities that exist on `asOf`. */
export const existingOn = (facts: ReadonlyMap<string, CommunityFacts>, asOf: string): CommunityFacts[] =>
  [...facts.values()].filter((c) => c.registeredOn <= asOf && (c.mergedOn === null || c.mergedOn > asOf));

/** Latest population of a community as of `asOf`. */
export const populationOn = (c: CommunityFacts, asOf: string): number => latest(c.populations, asOf)?.value ?? 0;

export const hasOfficeOn = (c: CommunityFacts, asOf: string, partner?: string): boolean =>
  c.offices.some((o) => o.on <= asOf && (partner === undefined || o.value.some((p) => p.toLowerCase().includes(partner.toLowerCase()))));

/** `nationalAdoptionReport(asOf)` computed from the commands alone. */
export const nationalAdoptionReport = (source: readonly HistoryCommand[] | ReadonlyMap<string, CommunityFacts>, asOf: string, partner = 'GIZ'): NationalAdoptionReport => {
  const facts = source instanceof Map ? source : foldHistory(source as readonly HistoryCommand[]);
  const live = existingOn(facts, asOf);
  const count = (p: (c: CommunityFacts) => boolean): number => live.filter(p).length;
  const outside = live.filter((c) => c.province !== 'Yerevan');
  const outsidePopulation = outside.reduce((s, c) => s + populationOn(c, asOf), 0);
  const served = outside.filter((c) => hasOfficeOn(c, asOf)).reduce((s, c) => s + populationOn(c, asOf), 0);
  return {
    asOf,
    totalCommunities: live.length,
    withCmisDeployed: count((c) => c.cmis.some((d) => d.on <= asOf)),
    consolidatedMultiSettlement: count((c) => c.consolidated),
    consolidatedWithMultiSettlementCmis: count((c) => c.consolidated && latest(c.cmis, asOf)?.value === 'multi-settlement'),
    withElectronicDocumentCirculation: count((c) => c.documentCirculationOn !== null && c.documentCirculationOn <= asOf),
    whereCmisIsOfficialWebsite: count((c) => latest(c.websites, asOf)?.value === true),
    withAtLeast3000Residents: count((c) => populationOn(c, asOf) >= 3000),
    citizenServiceOffices: count((c) => hasOfficeOn(c, asOf)),
    citizenServiceOfficesWithPartner: count((c) => hasOfficeOn(c, asOf, partner)),
    shareOfPopulationOutsideYerevanWithCso: outsidePopulation === 0 ? 0 : Math.round((1000 * served) / outsidePopulation) / 10,
  };
};

/**
 * The test oracle of the national adoption report: `nationalAdoptionReport(asOf)` and `adoptionOverTime`
 * computed as they were before the report became a read model — at query time, folding the `adoption`
 * timeline of every community registered by the date. Used only by tests.
 */
import { addDays, yerevanDate } from '../../../domain/kernel/time';
import type { DocumentDoc } from '../../../projections/documents/schema';
import { ValidationFailed } from '../../../application/errors';
import type { ReadStore } from '../../../application/ports/read-store';
import { findAll, requireDate } from '../../../application/queries/paging';
import { COLLECTIONS, type AdoptionDoc } from '../../../application/queries/read-models';
import { MAX_MONTHS, YEREVAN_PROVINCE, type AdoptionPoint, type NationalAdoptionFigures, type NationalAdoptionReport } from '../../../application/queries/national-adoption';

/** The last entry dated on or before `date` (entries in recorded order: a later one wins a tie). */
const latestOn = <T>(items: readonly T[], dateOf: (t: T) => string, date: string): T | undefined => {
  let best: T | undefined;
  let bestDate = '';
  for (const item of items) {
    const d = dateOf(item);
    if (d <= date && (best === undefined || d >= bestDate)) {
      best = item;
      bestDate = d;
    }
  }
  return best;
};

export const existsOn = (c: AdoptionDoc, asOf: string): boolean => c.registeredOn <= asOf && (c.mergedOn === null || c.mergedOn > asOf);

export const populationOn = (c: AdoptionDoc, asOf: string): number => latestOn(c.populations, (p) => p.asOf, asOf)?.population ?? 0;

/** Every figure of the report from the communities' timelines. */
export const adoptionFigures = (communities: readonly AdoptionDoc[], asOf: string): NationalAdoptionFigures & { readonly live: AdoptionDoc[] } => {
  const live = communities.filter((c) => existsOn(c, asOf));
  let withCmisDeployed = 0;
  let consolidatedMultiSettlement = 0;
  let consolidatedWithMultiSettlementCmis = 0;
  let withElectronicDocumentCirculation = 0;
  let whereCmisIsOfficialWebsite = 0;
  let withOfficialWebsite = 0;
  let withAtLeast3000Residents = 0;
  let citizenServiceOffices = 0;
  let outsidePopulation = 0;
  let servedPopulation = 0;
  for (const c of live) {
    const edition = latestOn(c.cmis, (d) => d.on, asOf)?.edition;
    if (edition !== undefined) withCmisDeployed += 1;
    if (c.consolidated) {
      consolidatedMultiSettlement += 1;
      if (edition === 'multi-settlement') consolidatedWithMultiSettlementCmis += 1;
    }
    if (c.documentCirculationOn !== null && c.documentCirculationOn <= asOf) withElectronicDocumentCirculation += 1;
    const website = latestOn(c.websites, (w) => w.on, asOf);
    if (website !== undefined) withOfficialWebsite += 1;
    if (website?.hostedOnCmis === true) whereCmisIsOfficialWebsite += 1;
    const population = populationOn(c, asOf);
    if (population >= 3000) withAtLeast3000Residents += 1;
    const hasOffice = c.offices.some((o) => o.on <= asOf);
    if (hasOffice) citizenServiceOffices += 1;
    if (c.province !== YEREVAN_PROVINCE) {
      outsidePopulation += population;
      if (hasOffice) servedPopulation += population;
    }
  }
  return {
    asOf,
    live,
    totalCommunities: live.length,
    withCmisDeployed,
    consolidatedMultiSettlement,
    consolidatedWithMultiSettlementCmis,
    withElectronicDocumentCirculation,
    whereCmisIsOfficialWebsite,
    withAtLeast3000Residents,
    citizenServiceOffices,
    shareOfPopulationOutsideYerevanWithCso: outsidePopulation === 0 ? 0 : Math.round((1000 * servedPopulation) / outsidePopulation) / 10,
    withOfficialWebsite,
  };
};

/** Communities (existing on asOf, among `live`) with an office whose partners include `partner`, case-insensitively. */
export const countWithPartner = (live: readonly AdoptionDoc[], asOf: string, partner: string): number => {
  const needle = partner.normalize('NFKC').toLowerCase();
  return live.filter((c) => c.offices.some((o) => o.on <= asOf && o.partners.some((p) => p.normalize('NFKC').toLowerCase().includes(needle)))).length;
};

const partnerArg = (partner: unknown): string => {
  if (typeof partner !== 'string' || partner.trim().length === 0 || partner.length > 200) throw new ValidationFailed('partner must be a non-empty name', ['partner']);
  return partner.trim();
};

/** The last day of the month of `date` (YYYY-MM-DD). */
const monthEnd = (date: string): string => {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export const createScanningAdoptionQueries = (readStore: ReadStore) => {
  const communitiesUpTo = (date: string): Promise<AdoptionDoc[]> => findAll<AdoptionDoc>(readStore, COLLECTIONS.adoption, { registeredOn: { $lte: date } });

  return {
    async nationalAdoptionReport(asOfArg: string): Promise<NationalAdoptionReport> {
      const asOf = requireDate(asOfArg, 'asOf');
      const { live, ...figures } = adoptionFigures(await communitiesUpTo(asOf), asOf);
      return {
        ...figures,
        citizenServiceOfficesWithPartner: (arg) => countWithPartner(live, asOf, partnerArg(arg)),
        documentCirculationUse: async (args = {}) => {
          const to = args.to == null ? asOf : requireDate(args.to, 'to');
          const from = args.from == null ? `${to.slice(0, 4)}-01-01` : requireDate(args.from, 'from');
          if (from > to) throw new ValidationFailed('from must not be after to', ['from', 'to']);
          const flagged = live.filter((c) => c.documentCirculationOn !== null && c.documentCirculationOn <= asOf).map((c) => c.id);
          const registering = new Set<string>();
          for (const d of await findAll<DocumentDoc>(readStore, COLLECTIONS.documents, {})) {
            const on = yerevanDate(d.state.registeredAt);
            if (on >= from && on <= to) registering.add(d.communityId);
          }
          const both = flagged.filter((id) => registering.has(id)).length;
          return { from, to, communitiesRegisteringDocuments: registering.size, flaggedAndRegistering: both, flaggedNotRegistering: flagged.length - both, registeringNotFlagged: registering.size - both };
        },
      };
    },

    /** One point per month from the month of `from` to the month of `to`, each as of the month's last day (`to` for the last). */
    async adoptionOverTime(fromArg: string, toArg: string): Promise<AdoptionPoint[]> {
      const from = requireDate(fromArg, 'from');
      const to = requireDate(toArg, 'to');
      if (from > to) throw new ValidationFailed('from must not be after to', ['from', 'to']);
      const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
      if (months > MAX_MONTHS) throw new ValidationFailed(`At most ${MAX_MONTHS} months`, ['from', 'to']);
      const communities = await communitiesUpTo(to);
      const points: AdoptionPoint[] = [];
      for (let first = `${from.slice(0, 7)}-01`; first <= to; first = addDays(monthEnd(first), 1)) {
        const end = monthEnd(first);
        const asOf = end < to ? end : to;
        const f = adoptionFigures(communities, asOf);
        points.push({
          month: first.slice(0, 7),
          asOf,
          totalCommunities: f.totalCommunities,
          withCmisDeployed: f.withCmisDeployed,
          withElectronicDocumentCirculation: f.withElectronicDocumentCirculation,
          withOfficialWebsite: f.withOfficialWebsite,
          whereCmisIsOfficialWebsite: f.whereCmisIsOfficialWebsite,
          citizenServiceOffices: f.citizenServiceOffices,
        });
      }
      return points;
    },
  };
};

export type ScanningAdoptionQueries = ReturnType<typeof createScanningAdoptionQueries>;

/**
 * `nationalAdoptionReport(asOf)` and `adoptionOverTime(from, to)` from the one `nationalAdoption` document
 * (schema.ts): a figure on a date is the sum of its changes dated on or before it.
 */
import type { ReadModelReader } from '../../application/ports/read-store';
import { findAll, requireDate } from '../../application/queries/paging';
import {
  adoptionMonths,
  documentCirculationPeriod,
  documentCirculationUseOf,
  namesPartner,
  partnerArg,
  type AdoptionPoint,
  type DocumentCirculationUseArgs,
  type NationalAdoptionReport,
} from '../../application/queries/national-adoption';
import { existsOn } from './national-adoption-projection';
import { ADOPTION_FIGURES, NATIONAL_ADOPTION_COLLECTIONS, NATIONAL_ADOPTION_ID, type AdoptionFigure, type DocumentRegistrationDayDoc, type NationalAdoptionDoc } from './schema';

type Figures = Record<AdoptionFigure, number>;

/** The figures on each of the ascending dates `asOfs`, in one pass over the changes. */
const figuresOn = (doc: NationalAdoptionDoc, asOfs: readonly string[]): Figures[] => {
  const changes = Object.entries(doc.changes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const running = Object.fromEntries(ADOPTION_FIGURES.map((f) => [f, 0])) as Figures;
  const out: Figures[] = [];
  let i = 0;
  for (const asOf of asOfs) {
    for (; i < changes.length && changes[i][0] <= asOf; i++) {
      const change = changes[i][1];
      for (const figure of ADOPTION_FIGURES) running[figure] += change[figure] ?? 0;
    }
    out.push({ ...running });
  }
  return out;
};

export const createNationalAdoptionQueries = (readStore: ReadModelReader) => {
  const national = async (): Promise<NationalAdoptionDoc> =>
    (await readStore.get<NationalAdoptionDoc>(NATIONAL_ADOPTION_COLLECTIONS.nationalAdoption, NATIONAL_ADOPTION_ID)) ?? { id: NATIONAL_ADOPTION_ID };

  return {
    async nationalAdoptionReport(asOfArg: string): Promise<NationalAdoptionReport> {
      const asOf = requireDate(asOfArg, 'asOf');
      const doc = await national();
      const [f] = figuresOn(doc, [asOf]);
      const withOffices = Object.values(doc.withOffices ?? {}).filter((c) => existsOn(c, asOf));
      const flagged = new Set(Object.entries(doc.documentCirculation ?? {}).flatMap(([id, c]) => (existsOn(c, asOf) && c.on <= asOf ? [id] : [])));
      return {
        asOf,
        totalCommunities: f.totalCommunities,
        withCmisDeployed: f.withCmisDeployed,
        consolidatedMultiSettlement: f.consolidatedMultiSettlement,
        consolidatedWithMultiSettlementCmis: f.consolidatedWithMultiSettlementCmis,
        withElectronicDocumentCirculation: f.withElectronicDocumentCirculation,
        whereCmisIsOfficialWebsite: f.whereCmisIsOfficialWebsite,
        withAtLeast3000Residents: f.withAtLeast3000Residents,
        citizenServiceOffices: f.citizenServiceOffices,
        shareOfPopulationOutsideYerevanWithCso:
          f.populationOutsideYerevan === 0 ? 0 : Math.round((1000 * f.populationOutsideYerevanWithCso) / f.populationOutsideYerevan) / 10,
        withOfficialWebsite: f.withOfficialWebsite,
        citizenServiceOfficesWithPartner: (arg) => {
          const partner = partnerArg(arg);
          return withOffices.filter((c) => c.offices.some((o) => o.on <= asOf && o.partners.some((p) => namesPartner(p, partner)))).length;
        },
        documentCirculationUse: async (args?: DocumentCirculationUseArgs) => {
          const period = documentCirculationPeriod(asOf, args);
          const days = await findAll<DocumentRegistrationDayDoc>(readStore, NATIONAL_ADOPTION_COLLECTIONS.documentRegistrationDays, { on: { $gte: period.from, $lte: period.to } });
          return documentCirculationUseOf(period, flagged, new Set(days.map((d) => d.communityId)));
        },
      };
    },

    async adoptionOverTime(from: string, to: string): Promise<AdoptionPoint[]> {
      const months = adoptionMonths(from, to);
      const figures = figuresOn(await national(), months.map((m) => m.asOf));
      return months.map(({ month, asOf }, i) => {
        const f = figures[i];
        return {
          month,
          asOf,
          totalCommunities: f.totalCommunities,
          withCmisDeployed: f.withCmisDeployed,
          withElectronicDocumentCirculation: f.withElectronicDocumentCirculation,
          withOfficialWebsite: f.withOfficialWebsite,
          whereCmisIsOfficialWebsite: f.whereCmisIsOfficialWebsite,
          citizenServiceOffices: f.citizenServiceOffices,
        };
      });
    },
  };
};

export type NationalAdoptionQueries = ReturnType<typeof createNationalAdoptionQueries>;

/**
 * `nationalAdoptionReport(asOf)` (docs/api.md) and the monthly `adoptionOverTime(from, to)` series of the public
 * chart: the answers and their argument checks. The figures are kept by projections/national-adoption.
 *
 * Definitions (every count is of communities that exist on `asOf`: registered on or before it and not
 * merged on or before it; an `asOf` date includes the whole of that day; a later fact wins a tie on a date):
 * - withCmisDeployed: a CMIS deployment dated on or before asOf;
 * - consolidatedMultiSettlement: created by a consolidation; consolidatedWithMultiSettlementCmis: of those,
 *   the latest CMIS edition is multi-settlement;
 * - withElectronicDocumentCirculation: enabled on or before asOf;
 * - whereCmisIsOfficialWebsite: the latest official website is hosted on CMIS;
 * - withAtLeast3000Residents: the latest population recorded as of asOf is ≥ 3000;
 * - citizenServiceOffices: at least one office opened; citizenServiceOfficesWithPartner(partner): one of
 *   them names the partner (case-insensitive substring, so "GIZ" matches "GIZ/BMZ");
 * - shareOfPopulationOutsideYerevanWithCso: percent (one decimal) of the population outside Yerevan (the
 *   community whose province is "Yerevan") living in a community with an office;
 * - documentCirculationUse({ from?, to? }): the registry flag checked against actual use — the
 *   communities that registered at least one document (in any journal; a registration later cancelled
 *   still counts as use) from `from` to `to` (inclusive; default: 1 January of asOf's year to asOf),
 *   and, of the communities counted in withElectronicDocumentCirculation, how many did and did not.
 */
import { ValidationFailed } from '../errors';
import { requireDate } from './paging';

export const YEREVAN_PROVINCE = 'Yerevan';
export const MAX_MONTHS = 600;

export interface NationalAdoptionFigures {
  readonly asOf: string;
  readonly totalCommunities: number;
  readonly withCmisDeployed: number;
  readonly consolidatedMultiSettlement: number;
  readonly consolidatedWithMultiSettlementCmis: number;
  readonly withElectronicDocumentCirculation: number;
  readonly whereCmisIsOfficialWebsite: number;
  readonly withAtLeast3000Residents: number;
  readonly citizenServiceOffices: number;
  readonly shareOfPopulationOutsideYerevanWithCso: number;
  /** Communities with any official website (the public chart's series). */
  readonly withOfficialWebsite: number;
}

/** Electronic document circulation in use over a period, beside the registry flag. */
export interface DocumentCirculationUse {
  readonly from: string;
  readonly to: string;
  /** Communities that registered at least one document in the period. */
  readonly communitiesRegisteringDocuments: number;
  /** Of the communities flagged with electronic document circulation on asOf, those that registered documents in the period. */
  readonly flaggedAndRegistering: number;
  /** Flagged on asOf, but no document registered in the period. */
  readonly flaggedNotRegistering: number;
  /** Registered documents in the period without the flag on asOf. */
  readonly registeringNotFlagged: number;
}

export interface DocumentCirculationUseArgs {
  readonly from?: string | null;
  readonly to?: string | null;
}

/** The period of `documentCirculationUse`: given bounds, or 1 January of asOf's year to asOf. */
export const documentCirculationPeriod = (asOf: string, args: DocumentCirculationUseArgs = {}): { readonly from: string; readonly to: string } => {
  const to = args.to === undefined || args.to === null ? asOf : requireDate(args.to, 'to');
  const from = args.from === undefined || args.from === null ? `${to.slice(0, 4)}-01-01` : requireDate(args.from, 'from');
  if (from > to) throw new ValidationFailed('from must not be after to', ['from', 'to']);
  return { from, to };
};

/** The use figures from the communities flagged on asOf and those registering in the period. */
export const documentCirculationUseOf = (period: { readonly from: string; readonly to: string }, flagged: ReadonlySet<string>, registering: ReadonlySet<string>): DocumentCirculationUse => {
  let flaggedAndRegistering = 0;
  for (const id of registering) if (flagged.has(id)) flaggedAndRegistering += 1;
  return {
    ...period,
    communitiesRegisteringDocuments: registering.size,
    flaggedAndRegistering,
    flaggedNotRegistering: flagged.size - flaggedAndRegistering,
    registeringNotFlagged: registering.size - flaggedAndRegistering,
  };
};

/** The report; `citizenServiceOfficesWithPartner` counts the offices founded with a partner (case-insensitive). */
export interface NationalAdoptionReport extends NationalAdoptionFigures {
  readonly citizenServiceOfficesWithPartner: (partner: string) => number;
  readonly documentCirculationUse: (args?: DocumentCirculationUseArgs) => Promise<DocumentCirculationUse>;
}

export interface AdoptionPoint {
  /** YYYY-MM. */
  readonly month: string;
  /** The month's last day, or `to` in the last month. */
  readonly asOf: string;
  readonly totalCommunities: number;
  readonly withCmisDeployed: number;
  readonly withElectronicDocumentCirculation: number;
  readonly withOfficialWebsite: number;
  readonly whereCmisIsOfficialWebsite: number;
  readonly citizenServiceOffices: number;
}

/** `partnerOf(arg)`: the partner name asked for, trimmed; ValidationFailed when empty or too long. */
export const partnerArg = (partner: unknown): string => {
  if (typeof partner !== 'string' || partner.trim().length === 0 || partner.length > 200) throw new ValidationFailed('partner must be a non-empty name', ['partner']);
  return partner.trim();
};

/** Whether a partner's name contains the one asked for, case-insensitively. */
export const namesPartner = (name: string, partner: string): boolean => name.normalize('NFKC').toLowerCase().includes(partner.normalize('NFKC').toLowerCase());

/** The last day of the month of `date` (YYYY-MM-DD). */
export const monthEnd = (date: string): string => {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** The checked range of `adoptionOverTime` and the `asOf` of each of its months. */
export const adoptionMonths = (fromArg: unknown, toArg: unknown): Array<{ readonly month: string; readonly asOf: string }> => {
  const from = requireDate(fromArg, 'from');
  const to = requireDate(toArg, 'to');
  if (from > to) throw new ValidationFailed('from must not be after to', ['from', 'to']);
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  if (months > MAX_MONTHS) throw new ValidationFailed(`At most ${MAX_MONTHS} months`, ['from', 'to']);
  const out: Array<{ month: string; asOf: string }> = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)), i = 0; i < months; i++) {
    const first = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
    const end = monthEnd(first);
    out.push({ month: first.slice(0, 7), asOf: end < to ? end : to });
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
};

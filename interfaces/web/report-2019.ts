/**
 * The figures of the national report of 2019-07-01 (seed/data/cmis-report-2019-07-01.json) with their
 * wording ("about 400", "more than 300"), shown beside the computed figures on that date. A unit test
 * checks this copy against the data file.
 */
import { formatNumber, t, type Lang } from './i18n';
import type { AdoptionReport } from './types';

export const REPORT_2019_DATE = '2019-07-01';

export type ReportFigure = { readonly exact: number } | { readonly approx: number } | { readonly moreThan: number } | { readonly approxPercent: number };

export const REPORT_2019: Readonly<Partial<Record<keyof AdoptionReport, ReportFigure>>> = {
  totalCommunities: { exact: 502 },
  withCmisDeployed: { approx: 400 },
  consolidatedMultiSettlement: { exact: 52 },
  consolidatedWithMultiSettlementCmis: { exact: 40 },
  withElectronicDocumentCirculation: { moreThan: 300 },
  whereCmisIsOfficialWebsite: { approx: 250 },
  withAtLeast3000Residents: { exact: 153 },
  citizenServiceOffices: { exact: 42 },
  citizenServiceOfficesWithGiz: { exact: 39 },
  shareOfPopulationOutsideYerevanWithCso: { approxPercent: 40 },
};

/** The report's wording of a figure in `lang`. */
export const reportWording = (lang: Lang, figure: ReportFigure): string => {
  if ('exact' in figure) return formatNumber(lang, figure.exact, 0);
  if ('approx' in figure) return t(lang, 'approx', { n: formatNumber(lang, figure.approx, 0) });
  if ('moreThan' in figure) return t(lang, 'moreThan', { n: formatNumber(lang, figure.moreThan, 0) });
  return t(lang, 'approx', { n: `${formatNumber(lang, figure.approxPercent, 0)}%` });
};

/**
 * The reports read from the read models their projections keep (`ReportReadModels`, declared by the
 * application's queries): case-reports/ for the public page, the dashboard and the transparency report,
 * national-adoption/ for the national adoption report and its series.
 */
import type { ReadModelReader } from '../application/ports/read-store';
import type { ReportReadModels } from '../application/queries/reports';
import { createCaseReportQueries } from './case-reports/query';
import { createNationalAdoptionQueries } from './national-adoption/query';

export const createReportReadModels = (readStore: ReadModelReader): ReportReadModels => ({ ...createCaseReportQueries(readStore), ...createNationalAdoptionQueries(readStore) });

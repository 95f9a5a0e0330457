/**
 * Every read query of API.md over the read models, bound to a read store and a clock (today's date in
 * Asia/Yerevan comes from the clock at each call). Authorization is the caller's (API.md "Who may call
 * what"): these functions read whatever they are asked.
 */
import { yerevanDate } from '../../domain/shared/time';
import type { Clock } from '../ids';
import type { ReadStore } from '../ports/read-store';
import { createAuditLogQueries, type AuditLogArgs } from './audit-log';
import { createCaseQueries, type ListActsArgs, type ListCasesArgs, type ListCommunitiesArgs } from './cases';
import { createAdoptionQueries } from './national-adoption';
import type { PageArgs } from './paging';
import { createReportCache, type ReportCacheOptions } from './report-cache';
import { createReportQueries } from './reports';
import { PROJECTION_NAMES } from './read-models';
import type { ApplicationStatus } from '../../domain/service-application/state';
import type { ComplaintStatus } from '../../domain/complaint/state';
import type { FeeStatus } from '../../domain/fee/state';

export * from './read-models';
export type { Connection, PageArgs, PageInfo } from './paging';
export type { WithRevision, ListActsArgs, ListCasesArgs, ListCommunitiesArgs } from './cases';
export type { PublicSite, Dashboard, TransparencyReport, FeesCollectedByCode, StatusCount } from './reports';
export type { NationalAdoptionReport, AdoptionPoint } from './national-adoption';
export type { AuditLogArgs, AuditLogEntry } from './audit-log';
export { nearestRank, percent } from './reports';

export interface QueriesDeps {
  /**
   * The queries read through the store's ReadModelReader part (cases, audit log, paging); the reports and
   * their cache still take the whole store (they also read projection versions).
   */
  readonly readStore: ReadStore;
  readonly clock: Clock;
  /** Reports kept per read-model version (see report-cache.ts). */
  readonly reportCache?: ReportCacheOptions;
}

const { cases: CASES, payments: PAYMENTS, adoption: ADOPTION } = PROJECTION_NAMES;

export const createQueries = ({ readStore, clock, reportCache }: QueriesDeps) => {
  const today = (): string => yerevanDate(clock.now());
  const kept = createReportCache(readStore, reportCache);
  const keyOf = (...parts: ReadonlyArray<string | null | undefined>): string => JSON.stringify(parts);
  const cases = createCaseQueries(readStore);
  const reports = createReportQueries(readStore);
  const adoption = createAdoptionQueries(readStore);
  const audit = createAuditLogQueries(readStore);
  return {
    today,
    community: (id: string) => cases.getCommunity(id, today()),
    communities: (args: ListCommunitiesArgs = {}) => cases.listCommunities(args, today()),
    application: (id: string) => cases.getApplication(id, today()),
    applications: (args: ListCasesArgs<ApplicationStatus>) => cases.listApplications(args, today()),
    myApplications: (residentId: string, args: PageArgs & { status?: ApplicationStatus | null } = {}) => cases.myApplications(residentId, args, today()),
    fee: (id: string) => cases.getFee(id, today()),
    fees: (args: ListCasesArgs<FeeStatus>) => cases.listFees(args, today()),
    myFees: (residentId: string, args: PageArgs & { status?: FeeStatus | null } = {}) => cases.myFees(residentId, args, today()),
    act: (id: string, asOf?: string | null) => cases.getAct(id, today(), asOf),
    acts: (args: ListActsArgs) => cases.listActs(args, today()),
    complaint: (id: string) => cases.getComplaint(id, today()),
    complaints: (args: ListCasesArgs<ComplaintStatus>) => cases.listComplaints(args, today()),
    myComplaints: (residentId: string, args: PageArgs & { status?: ComplaintStatus | null } = {}) => cases.myComplaints(residentId, args, today()),
    publicSite: (communityId: string) => {
      const day = today();
      return kept([CASES], keyOf('publicSite', communityId, day), () => reports.publicSite(communityId, day));
    },
    dashboard: (communityId: string) => {
      const day = today();
      return kept([CASES], keyOf('dashboard', communityId, day), () => reports.dashboard(communityId, day));
    },
    transparencyReport: (args: { communityId?: string | null; from?: string | null; to?: string | null } = {}) =>
      kept([CASES, PAYMENTS], keyOf('transparencyReport', args.communityId, args.from, args.to), () => reports.transparencyReport(args)),
    nationalAdoptionReport: (asOf: string) => kept([ADOPTION], keyOf('nationalAdoptionReport', asOf), () => adoption.nationalAdoptionReport(asOf)),
    adoptionOverTime: (from: string, to: string) => kept([ADOPTION], keyOf('adoptionOverTime', from, to), () => adoption.adoptionOverTime(from, to)),
    auditLog: (args: AuditLogArgs = {}) => audit.auditLog(args),
  };
};

export type Queries = ReturnType<typeof createQueries>;

/**
 * Every read query of docs/api.md over the read models, bound to a read store and a clock (today's date in
 * Asia/Yerevan comes from the clock at each call). Authorization is the caller's (docs/api.md "Who may call
 * what"): these functions read whatever they are asked.
 */
import { yerevanDate } from '../../domain/kernel/time';
import { applicationByTrackingCode } from './tracking';
import type { EventStore } from '../ports/event-store';
import type { Clock } from '../ids';
import type { ReadModelReader } from '../ports/read-store';
import { createAuditLogQueries, type AuditLogArgs } from './audit-log';
import { createWorkingDayQueries } from '../working-days/queries';
import { createDocumentQueries, type ListDocumentsArgs } from '../../projections/documents/query';
import { createCaseQueries, type ListActsArgs, type ListCasesArgs, type ListCommunitiesArgs } from './cases';
import { createWorklistQueries, type WorklistArgs } from './worklist';
import { createStaffDirectoryQueries } from '../../projections/staff-directory/query';
import type { PageArgs } from './paging';
import type { ReportReadModels, TransparencyArgs } from './reports';
import type { ApplicationStatus } from '../../domain/service-application/state';
import type { ComplaintStatus } from '../../domain/complaint/state';
import type { FeeStatus } from '../../domain/fee/state';

export * from './read-models';
export type { Connection, PageArgs, PageInfo } from './paging';
export type { WithRevision, ListActsArgs, ListCasesArgs, ListCommunitiesArgs } from './cases';
export type { PublicSite, Dashboard, TransparencyReport, TransparencyArgs, FeesCollectedByCode, StatusCount, ReportReadModels } from './reports';
export type { NationalAdoptionReport, AdoptionPoint } from './national-adoption';
export type { AuditLogArgs, AuditLogEntry } from './audit-log';
export type { Worklist, WorklistArgs, WorklistItem, WorklistSort, WorklistTab, WorklistTabCounts } from './worklist';
export type { DocumentNode, ListDocumentsArgs } from '../../projections/documents/query';
export { nearestRank, nearestRankOfCounts, percent } from './reports';

export interface QueriesDeps {
  /** The read models' query side (cases, audit log, paging). */
  readonly readStore: ReadModelReader;
  readonly clock: Clock;
  /** The reports' read models (projections/reports.ts). */
  readonly reports: ReportReadModels;
  /** The log, for what is read from it directly (a tracking code's application). */
  readonly eventStore?: Pick<EventStore, 'readStream'>;
}

export const createQueries = ({ readStore, clock, reports, eventStore }: QueriesDeps) => {
  const today = (): string => yerevanDate(clock.now());
  const cases = createCaseQueries(readStore);
  const audit = createAuditLogQueries(readStore);
  const worklist = createWorklistQueries(readStore);
  const directory = createStaffDirectoryQueries(readStore);
  const workingDays = eventStore ? createWorkingDayQueries(eventStore, clock) : null;
  const needsLog = (): NonNullable<typeof workingDays> => {
    if (!workingDays) throw new Error('The working-day calendar is read from the log: createQueries needs the event store');
    return workingDays;
  };
  const documents = createDocumentQueries(readStore);
  return {
    today,
    community: (id: string) => cases.getCommunity(id, today()),
    communities: (args: ListCommunitiesArgs = {}) => cases.listCommunities(args, today()),
    application: (id: string) => cases.getApplication(id, today()),
    /** The application a tracking code names (VALIDATION_FAILED for a malformed code, NOT_FOUND for an unknown one). */
    applicationByTrackingCode: (trackingCode: string) => {
      if (!eventStore) throw new Error('Tracking codes are read from the log: createQueries needs the event store');
      return applicationByTrackingCode(eventStore, trackingCode, today());
    },
    applications: (args: ListCasesArgs<ApplicationStatus>) => cases.listApplications(args, today()),
    myApplications: (residentId: string, args: PageArgs & { status?: ApplicationStatus | null } = {}) => cases.myApplications(residentId, args, today()),
    fee: (id: string) => cases.getFee(id, today()),
    fees: (args: ListCasesArgs<FeeStatus>) => cases.listFees(args, today()),
    /** The fees assessed for an application, open or not (its page's related cases). */
    feesOfApplication: (applicationId: string) => cases.feesOfApplication(applicationId, today()),
    myFees: (residentId: string, args: PageArgs & { status?: FeeStatus | null } = {}) => cases.myFees(residentId, args, today()),
    act: (id: string, asOf?: string | null) => cases.getAct(id, today(), asOf),
    acts: (args: ListActsArgs) => cases.listActs(args, today()),
    complaint: (id: string) => cases.getComplaint(id, today()),
    complaints: (args: ListCasesArgs<ComplaintStatus>) => cases.listComplaints(args, today()),
    myComplaints: (residentId: string, args: PageArgs & { status?: ComplaintStatus | null } = {}) => cases.myComplaints(residentId, args, today()),
    publicSite: (communityId: string) => reports.publicSite(communityId, today()),
    dashboard: (communityId: string) => reports.dashboard(communityId, today()),
    transparencyReport: (args: TransparencyArgs = {}) => reports.transparencyReport(args, today()),
    nationalAdoptionReport: (asOf: string) => reports.nationalAdoptionReport(asOf),
    adoptionOverTime: (from: string, to: string) => reports.adoptionOverTime(from, to),
    auditLog: (args: AuditLogArgs = {}) => audit.auditLog(args),
    /** The staff inbox of a community; `viewerId` is whose "mine" tab it is (null: nobody's). */
    worklist: (communityId: string, args: WorklistArgs, viewerId: string | null) => worklist.worklist(communityId, args, today(), viewerId),
    /** Who is appointed in the community, and the national officials (the staff-directory read model). */
    staffDirectory: (communityId: string) => directory.staffDirectory(communityId),
    addWorkingDays: (from: string, days: number) => needsLog().addWorkingDays(from, days),
    workingDaysBetween: (from: string, to: string) => needsLog().workingDaysBetween(from, to),
    document: (id: string) => documents.getDocument(id, today()),
    documents: (args: ListDocumentsArgs) => documents.listDocuments(args, today()),
    /** Every document of a community's journal(s), in journal order (the CLI's export). */
    journalDocuments: (args: { communityId: string; journal?: string | null; year?: number | null }) => documents.journalDocuments(args, today()),
  };
};

export type Queries = ReturnType<typeof createQueries>;

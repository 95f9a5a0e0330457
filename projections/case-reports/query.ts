/**
 * `publicSite`, `dashboard` and `transparencyReport` from the `case-reports` read model (schema.ts): each
 * reads the community's statistics or one transparency document (and, for the public page, the community
 * and its published acts, which the page lists). Overdue counts are the open cases due before today.
 */
import { APPLICATION_STATUSES, OPEN_STATUSES } from '../../domain/service-application/state';
import { COMPLAINT_RESOLUTIONS } from '../../domain/complaint/commands';
import { communityView } from '../../domain/community/view';
import { versionInForce } from '../../domain/legal-act/state';
import { legalActView, type ActView } from '../../domain/legal-act/view';
import { NotFound } from '../../application/errors';
import type { ReadModelReader } from '../../application/ports/read-store';
import { COMPLAINT_STATUSES, type WithRevision } from '../../application/queries/cases';
import { dateRange, findAll, optionalDate, requireDate, requireId } from '../../application/queries/paging';
import { COLLECTIONS, type ActDoc, type CommunityDoc } from '../../application/queries/read-models';
import {
  nearestRankOfCounts,
  OPEN_COMPLAINT_STATUSES,
  percent,
  type Dashboard,
  type FeesCollectedByCode,
  type PublicSite,
  type StatusCount,
  type TransparencyArgs,
  type TransparencyReport,
} from '../../application/queries/reports';
import { counterAt } from '../tally';
import { CASE_REPORT_COLLECTIONS, NATIONAL_TRANSPARENCY, communityTransparencyId, type CaseStatisticsDoc, type Counts, type TransparencyDoc } from './schema';

const byStatus = <S extends string>(counts: Counts | undefined, statuses: readonly S[]): Array<StatusCount<S>> =>
  statuses.map((status) => ({ status, count: counterAt(counts, status) }));

/** The sum of the counts keyed by a date before `today`. */
const dueBefore = (byDate: Counts | undefined, today: string): number => {
  let n = 0;
  for (const date in byDate) if (date < today) n += byDate[date];
  return n;
};

const sumOf = (counts: Counts | undefined): number => {
  let n = 0;
  for (const key in counts) n += counts[key];
  return n;
};

/** The dates of `byDate` within the inclusive range. */
const datesIn = <T>(byDate: Readonly<Record<string, T>> | undefined, from: string | undefined, to: string | undefined): Array<[string, T]> =>
  Object.entries(byDate ?? {}).filter(([date]) => (from === undefined || date >= from) && (to === undefined || date <= to));

export const createCaseReportQueries = (readStore: ReadModelReader) => {
  const requireCommunity = async (communityId: string): Promise<CommunityDoc> => {
    const doc = await readStore.get<CommunityDoc>(COLLECTIONS.communities, communityId);
    if (doc === null) throw new NotFound(`No community ${communityId}`, 'COMMUNITY_NOT_FOUND');
    return doc;
  };
  const statisticsOf = async (communityId: string): Promise<CaseStatisticsDoc> =>
    (await readStore.get<CaseStatisticsDoc>(CASE_REPORT_COLLECTIONS.caseStatistics, communityId)) ?? { id: communityId };

  return {
    async publicSite(communityIdArg: string, today: string): Promise<PublicSite> {
      const communityId = requireId(communityIdArg, 'communityId');
      requireDate(today, 'today');
      const [doc, published, stats] = await Promise.all([
        requireCommunity(communityId),
        findAll<ActDoc>(readStore, COLLECTIONS.acts, { communityId, status: 'published', repealOnOrNever: { $gt: today } }, [['draftedAt', 'desc']]),
        statisticsOf(communityId),
      ]);
      const community = { ...communityView(doc.state, today)!, revision: doc.revision };
      const actsInForce: Array<WithRevision<ActView>> = [];
      const upcomingActs: Array<WithRevision<ActView>> = [];
      for (const act of published) {
        if (versionInForce(act.state, today) !== null) actsInForce.push({ ...legalActView(act.state, today, today)!, revision: act.revision });
        else upcomingActs.push({ ...legalActView(act.state, today)!, revision: act.revision });
      }
      const apps = stats.applications;
      const complaints = stats.complaints;
      return {
        communityId,
        asOf: today,
        community,
        services: community.services,
        citizenServiceOffices: community.citizenServiceOffices,
        actsInForce,
        upcomingActs,
        statistics: {
          applications: {
            total: sumOf(apps?.byStatus),
            open: sumOf(apps?.openByDueOn),
            overdue: dueBefore(apps?.openByDueOn, today),
            decided: apps?.decided ?? 0,
            byStatus: byStatus(apps?.byStatus, APPLICATION_STATUSES),
          },
          complaints: {
            total: sumOf(complaints?.byStatus),
            open: sumOf(complaints?.openByResponseDueOn),
            overdue: dueBefore(complaints?.openByResponseDueOn, today),
            byStatus: byStatus(complaints?.byStatus, COMPLAINT_STATUSES),
            byResolution: COMPLAINT_RESOLUTIONS.map((resolution) => ({ resolution, count: counterAt(complaints?.byResolution, resolution) })),
          },
        },
      };
    },

    async dashboard(communityIdArg: string, today: string): Promise<Dashboard> {
      const communityId = requireId(communityIdArg, 'communityId');
      requireDate(today, 'today');
      const [, stats] = await Promise.all([requireCommunity(communityId), statisticsOf(communityId)]);
      const appBacklog = byStatus(stats.applications?.byStatus, OPEN_STATUSES);
      const complaintBacklog = byStatus(stats.complaints?.byStatus, OPEN_COMPLAINT_STATUSES);
      const fees = stats.fees;
      const paidAmd = fees?.paidAmd ?? 0;
      const refundedAmd = fees?.refundedAmd ?? 0;
      const sum = (xs: ReadonlyArray<StatusCount>): number => xs.reduce((s, x) => s + x.count, 0);
      return {
        communityId,
        asOf: today,
        applications: { open: sum(appBacklog), overdue: dueBefore(stats.applications?.openByDueOn, today), backlog: appBacklog },
        complaints: { open: sum(complaintBacklog), overdue: dueBefore(stats.complaints?.openByResponseDueOn, today), backlog: complaintBacklog },
        fees: {
          open: sumOf(fees?.openByDueOn),
          overdue: dueBefore(fees?.openByDueOn, today),
          receivableAmd: sumOf(fees?.openBalanceAmdByDueOn),
          overdueAmd: dueBefore(fees?.openBalanceAmdByDueOn, today),
          collectedAmd: paidAmd - refundedAmd,
          paidAmd,
          refundedAmd,
        },
      };
    },

    async transparencyReport(args: TransparencyArgs, today: string): Promise<TransparencyReport> {
      const communityId = args.communityId === undefined || args.communityId === null ? null : requireId(args.communityId, 'communityId');
      const from = optionalDate(args.from, 'from');
      const to = optionalDate(args.to, 'to');
      dateRange(from, to); // refuses from > to
      requireDate(today, 'today');
      const doc: TransparencyDoc =
        (await readStore.get<TransparencyDoc>(CASE_REPORT_COLLECTIONS.transparency, communityId === null ? NATIONAL_TRANSPARENCY : communityTransparencyId(communityId))) ?? { id: '' };

      const days = new Map<number, number>();
      let decided = 0;
      let onTime = 0;
      for (const [, day] of datesIn(doc.decisions, from, to)) {
        onTime += day.onTime ?? 0;
        for (const d in day.days) {
          const n = day.days[d];
          days.set(Number(d), (days.get(Number(d)) ?? 0) + n);
          decided += n;
        }
      }

      const byCode = new Map<string, { paidAmd: number; refundedAmd: number; waivedAmd: number; payments: number; refunds: number; waivers: number }>();
      for (const [, codes] of datesIn(doc.fees, from, to)) {
        for (const code in codes) {
          const m = codes[code];
          const row = byCode.get(code) ?? { paidAmd: 0, refundedAmd: 0, waivedAmd: 0, payments: 0, refunds: 0, waivers: 0 };
          row.paidAmd += m.paidAmd ?? 0;
          row.refundedAmd += m.refundedAmd ?? 0;
          row.waivedAmd += m.waivedAmd ?? 0;
          row.payments += m.payments ?? 0;
          row.refunds += m.refunds ?? 0;
          row.waivers += m.waivers ?? 0;
          byCode.set(code, row);
        }
      }
      const feesCollectedByCode: FeesCollectedByCode[] = [...byCode]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([code, r]) => ({ code, collectedAmd: r.paidAmd - r.refundedAmd, ...r }));

      const sumIn = (byDate: Counts | undefined): number => datesIn(byDate, from, to).reduce((s, [, n]) => s + n, 0);
      const responded = datesIn(doc.complaintsResponded, from, to);
      const complaintsByResolution = COMPLAINT_RESOLUTIONS.map((resolution) => ({ resolution, count: responded.reduce((s, [, r]) => s + counterAt(r, resolution), 0) }));

      let documentsExecuted = 0;
      let documentsExecutedOnTime = 0;
      for (const [, day] of datesIn(doc.documentsExecuted, from, to)) {
        documentsExecuted += day.count ?? 0;
        documentsExecutedOnTime += day.onTime ?? 0;
      }
      const documentsOverdue = datesIn(doc.documentsInExecutionByControlDueOn, from, to).reduce((s, [dueOn, n]) => (dueOn < today ? s + n : s), 0);

      return {
        communityId,
        from: from ?? null,
        to: to ?? null,
        applicationsDecided: decided,
        processingTimeDays: { median: nearestRankOfCounts(days, 50), p90: nearestRankOfCounts(days, 90) },
        decidedOnTime: onTime,
        shareDecidedOnTime: percent(onTime, decided),
        feesCollectedByCode,
        feesCollectedAmd: feesCollectedByCode.reduce((s, r) => s + r.collectedAmd, 0),
        actsAdopted: sumIn(doc.actsAdopted),
        actsPublished: sumIn(doc.actsPublished),
        complaintsResponded: complaintsByResolution.reduce((s, r) => s + r.count, 0),
        complaintsByResolution,
        documentsRegistered: sumIn(doc.documentsRegistered),
        documentsExecuted,
        documentsExecutedOnTime,
        documentsOverdue,
      };
    },
  };
};

export type CaseReportQueries = ReturnType<typeof createCaseReportQueries>;

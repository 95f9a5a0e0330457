/**
 * The test oracle of the case reports: `publicSite`, `dashboard` and `transparencyReport` computed as they
 * were before the reports became read models — at query time, counting and paging through every case of
 * the `cases` and `payments` read models. Tests compare the read models' answers with these. Used only by
 * tests (runtime code must not import tests/).
 */
import { APPLICATION_STATUSES, OPEN_STATUSES } from '../../../domain/service-application/state';
import { COMPLAINT_RESOLUTIONS } from '../../../domain/complaint/commands';
import type { ComplaintStatus } from '../../../domain/complaint/state';
import { communityView } from '../../../domain/community/view';
import { feeBalanceAmd, type FeeStatus } from '../../../domain/fee/state';
import { versionInForce } from '../../../domain/legal-act/state';
import { legalActView, type ActView } from '../../../domain/legal-act/view';
import { daysBetween, yerevanDate } from '../../../domain/kernel/time';
import { NotFound } from '../../../application/errors';
import type { Filter, ReadStore } from '../../../application/ports/read-store';
import { COMPLAINT_STATUSES, type WithRevision } from '../../../application/queries/cases';
import { dateRange, findAll, optionalDate, requireDate, requireId } from '../../../application/queries/paging';
import type { DocumentDoc } from '../../../projections/documents/schema';
import { COLLECTIONS, type ActDoc, type ApplicationDoc, type CommunityDoc, type FeeDoc, type FeeLedgerDoc } from '../../../application/queries/read-models';
import { nearestRank, percent, type Dashboard, type PublicSite, type StatusCount, type TransparencyReport } from '../../../application/queries/reports';

const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter((s) => s !== 'responded' && s !== 'closed');
const OPEN_FEE_STATUSES: readonly FeeStatus[] = ['due', 'partially-paid'];

export const createScanningReportQueries = (readStore: ReadStore) => {
  const count = (collection: string, filter: Filter): Promise<number> => readStore.count(collection, filter);

  const countByStatus = async <S extends string>(collection: string, base: Filter, statuses: readonly S[]): Promise<Array<StatusCount<S>>> =>
    Promise.all(statuses.map(async (status) => ({ status, count: await count(collection, { ...base, status }) })));

  const requireCommunity = async (communityId: string): Promise<CommunityDoc> => {
    const doc = await readStore.get<CommunityDoc>(COLLECTIONS.communities, communityId);
    if (doc === null) throw new NotFound(`No community ${communityId}`, 'COMMUNITY_NOT_FOUND');
    return doc;
  };

  /** The correspondence figures from every document of the `documents` read model, one by one. */
  const documentFigures = async (base: Filter, from: string | undefined, to: string | undefined, today: string) => {
    const inRange = (date: string): boolean => (from === undefined || date >= from) && (to === undefined || date <= to);
    const documents = await findAll<DocumentDoc>(readStore, COLLECTIONS.documents, base);
    let documentsRegistered = 0;
    let documentsExecuted = 0;
    let documentsExecutedOnTime = 0;
    let documentsOverdue = 0;
    for (const d of documents) {
      if (d.status === 'cancelled') continue;
      if (inRange(yerevanDate(d.state.registeredAt))) documentsRegistered += 1;
      if (d.executedOn !== null && inRange(d.executedOn)) {
        documentsExecuted += 1;
        if (d.state.controlDueOn === null || d.executedOn <= d.state.controlDueOn) documentsExecutedOnTime += 1;
      }
      if (d.status === 'in-execution' && d.state.controlDueOn !== null && d.state.controlDueOn < today && inRange(d.state.controlDueOn)) documentsOverdue += 1;
    }
    return { documentsRegistered, documentsExecuted, documentsExecutedOnTime, documentsOverdue };
  };

  return {
    async publicSite(communityIdArg: string, today: string): Promise<PublicSite> {
      const communityId = requireId(communityIdArg, 'communityId');
      requireDate(today, 'today');
      const doc = await requireCommunity(communityId);
      const community = { ...communityView(doc.state, today)!, revision: doc.revision };
      const published = await findAll<ActDoc>(readStore, COLLECTIONS.acts, { communityId, status: 'published', repealOnOrNever: { $gt: today } }, [['draftedAt', 'desc']]);
      const actsInForce: Array<WithRevision<ActView>> = [];
      const upcomingActs: Array<WithRevision<ActView>> = [];
      for (const act of published) {
        if (versionInForce(act.state, today) !== null) actsInForce.push({ ...legalActView(act.state, today, today)!, revision: act.revision });
        else upcomingActs.push({ ...legalActView(act.state, today)!, revision: act.revision });
      }
      const base = { communityId };
      const [appTotal, appOpen, appOverdue, appDecided, appByStatus, cTotal, cOpen, cOverdue, cByStatus, cByResolution] = await Promise.all([
        count(COLLECTIONS.applications, base),
        count(COLLECTIONS.applications, { ...base, open: true }),
        count(COLLECTIONS.applications, { ...base, openDueOn: { $lt: today } }),
        count(COLLECTIONS.applications, { ...base, decidedOn: { $ne: null } }),
        countByStatus(COLLECTIONS.applications, base, APPLICATION_STATUSES),
        count(COLLECTIONS.complaints, base),
        count(COLLECTIONS.complaints, { ...base, open: true }),
        count(COLLECTIONS.complaints, { ...base, openResponseDueOn: { $lt: today } }),
        countByStatus(COLLECTIONS.complaints, base, COMPLAINT_STATUSES),
        Promise.all(COMPLAINT_RESOLUTIONS.map(async (resolution) => ({ resolution, count: await count(COLLECTIONS.complaints, { ...base, resolution }) }))),
      ]);
      return {
        communityId,
        asOf: today,
        community,
        services: community.services,
        citizenServiceOffices: community.citizenServiceOffices,
        actsInForce,
        upcomingActs,
        statistics: {
          applications: { total: appTotal, open: appOpen, overdue: appOverdue, decided: appDecided, byStatus: appByStatus },
          complaints: { total: cTotal, open: cOpen, overdue: cOverdue, byStatus: cByStatus, byResolution: cByResolution },
        },
      };
    },

    async dashboard(communityIdArg: string, today: string): Promise<Dashboard> {
      const communityId = requireId(communityIdArg, 'communityId');
      requireDate(today, 'today');
      await requireCommunity(communityId);
      const base = { communityId };
      const [appBacklog, appOverdue, cBacklog, cOverdue, fees] = await Promise.all([
        countByStatus(COLLECTIONS.applications, base, OPEN_STATUSES),
        count(COLLECTIONS.applications, { ...base, openDueOn: { $lt: today } }),
        countByStatus(COLLECTIONS.complaints, base, OPEN_COMPLAINT_STATUSES),
        count(COLLECTIONS.complaints, { ...base, openResponseDueOn: { $lt: today } }),
        findAll<FeeDoc>(readStore, COLLECTIONS.fees, base),
      ]);
      let open = 0;
      let overdue = 0;
      let receivableAmd = 0;
      let overdueAmd = 0;
      let paidAmd = 0;
      let refundedAmd = 0;
      for (const fee of fees) {
        paidAmd += fee.state.paidAmd;
        refundedAmd += fee.state.refundedAmd;
        if (!(OPEN_FEE_STATUSES as readonly string[]).includes(fee.status)) continue;
        const balance = feeBalanceAmd(fee.state);
        open += 1;
        receivableAmd += balance;
        if (fee.state.dueOn < today) {
          overdue += 1;
          overdueAmd += balance;
        }
      }
      const sum = (xs: ReadonlyArray<StatusCount>): number => xs.reduce((s, x) => s + x.count, 0);
      return {
        communityId,
        asOf: today,
        applications: { open: sum(appBacklog), overdue: appOverdue, backlog: appBacklog },
        complaints: { open: sum(cBacklog), overdue: cOverdue, backlog: cBacklog },
        fees: { open, overdue, receivableAmd, overdueAmd, collectedAmd: paidAmd - refundedAmd, paidAmd, refundedAmd },
      };
    },

    async transparencyReport(args: { communityId?: string | null; from?: string | null; to?: string | null }, today: string): Promise<TransparencyReport> {
      const communityId = args.communityId === undefined || args.communityId === null ? null : requireId(args.communityId, 'communityId');
      const from = optionalDate(args.from, 'from');
      const to = optionalDate(args.to, 'to');
      const range = dateRange(from, to);
      requireDate(today, 'today');
      const base: Filter = communityId === null ? {} : { communityId };

      const decided = await findAll<ApplicationDoc>(readStore, COLLECTIONS.applications, { ...base, decidedOn: range });
      const days: number[] = [];
      let onTime = 0;
      for (const app of decided) {
        if (app.decidedOn === null) continue;
        days.push(daysBetween(yerevanDate(app.state.submittedAt), app.decidedOn));
        if (app.decidedOn <= app.dueOn) onTime += 1;
      }
      days.sort((a, b) => a - b);

      const ledgerFilter: Filter = {
        ...base,
        ...(from !== undefined ? { lastMovementOn: { $gte: from } } : { lastMovementOn: { $ne: null } }),
        ...(to !== undefined ? { firstMovementOn: { $lte: to } } : {}),
      };
      const ledgers = await findAll<FeeLedgerDoc>(readStore, COLLECTIONS.feeLedgers, ledgerFilter);
      const byCode = new Map<string, { code: string; paidAmd: number; refundedAmd: number; waivedAmd: number; payments: number; refunds: number; waivers: number }>();
      for (const ledger of ledgers) {
        for (const m of ledger.movements) {
          if ((from !== undefined && m.on < from) || (to !== undefined && m.on > to)) continue;
          let row = byCode.get(ledger.code);
          if (!row) {
            row = { code: ledger.code, paidAmd: 0, refundedAmd: 0, waivedAmd: 0, payments: 0, refunds: 0, waivers: 0 };
            byCode.set(ledger.code, row);
          }
          if (m.kind === 'payment') {
            row.paidAmd += m.amountAmd;
            row.payments += 1;
          } else if (m.kind === 'refund') {
            row.refundedAmd += m.amountAmd;
            row.refunds += 1;
          } else {
            row.waivedAmd += m.amountAmd;
            row.waivers += 1;
          }
        }
      }
      const feesCollectedByCode = [...byCode.values()]
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .map((r) => ({ code: r.code, collectedAmd: r.paidAmd - r.refundedAmd, paidAmd: r.paidAmd, refundedAmd: r.refundedAmd, waivedAmd: r.waivedAmd, payments: r.payments, refunds: r.refunds, waivers: r.waivers }));

      const [actsAdopted, actsPublished, complaintsByResolution] = await Promise.all([
        readStore.count(COLLECTIONS.acts, { ...base, adoptedOn: range }),
        readStore.count(COLLECTIONS.acts, { ...base, publishedOn: range }),
        Promise.all(COMPLAINT_RESOLUTIONS.map(async (resolution) => ({ resolution, count: await readStore.count(COLLECTIONS.complaints, { ...base, respondedOn: range, resolution }) }))),
      ]);

      return {
        communityId,
        from: from ?? null,
        to: to ?? null,
        applicationsDecided: days.length,
        processingTimeDays: { median: nearestRank(days, 50), p90: nearestRank(days, 90) },
        decidedOnTime: onTime,
        shareDecidedOnTime: percent(onTime, days.length),
        feesCollectedByCode,
        feesCollectedAmd: feesCollectedByCode.reduce((s, r) => s + r.collectedAmd, 0),
        actsAdopted,
        actsPublished,
        complaintsResponded: complaintsByResolution.reduce((s, r) => s + r.count, 0),
        complaintsByResolution,
        ...(await documentFigures(base, from, to, today)),
      };
    },
  };
};

export type ScanningReportQueries = ReturnType<typeof createScanningReportQueries>;

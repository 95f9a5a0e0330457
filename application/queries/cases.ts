/**
 * Queries of the case read models (docs/api.md "Queries"): one aggregate by id, and the list queries.
 * Nodes are the API views, computed by the domain's own view functions from the stored state and
 * `today` (YYYY-MM-DD, Asia/Yerevan), plus the stream `revision`.
 *
 * - Cases are listed newest first (applications by submission, fees by assessment, complaints by
 *   filing, acts by drafting); communities by code.
 * - `overdue: true` lists open cases whose due date is before today; `overdue: false` the others.
 * - An act's `status` filter respects dates: a repeal whose `effectiveFrom` is in the future leaves the
 *   act `published` until that day, and `repealed` from it.
 * - Unknown ids give null. Authorization (who may read what) is the caller's: see docs/api.md "Who may call what".
 */
import { applicationView, type ApplicationView } from '../../domain/service-application/view';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../domain/service-application/state';
import { communityView, type CommunityView } from '../../domain/community/view';
import { complaintView, type ComplaintView } from '../../domain/complaint/view';
import type { ComplaintStatus } from '../../domain/complaint/state';
import type { FeeStatus } from '../../domain/fee/state';
import { feeView, type FeeView } from '../../domain/fee/view';
import { ACT_STATUSES, type ActStatus } from '../../domain/legal-act/state';
import { legalActView, type ActView } from '../../domain/legal-act/view';
import { ValidationFailed } from '../errors';
import type { Filter, ReadModelReader } from '../ports/read-store';
import {
  cursorArg,
  findAll,
  findConnection,
  oneOf,
  optionalBoolean,
  optionalDate,
  pageByIdInMemory,
  pageSize,
  requireId,
  type Connection,
  type PageArgs,
} from './paging';
import { COLLECTIONS, type ActDoc, type ApplicationDoc, type CommunityDoc, type ComplaintDoc, type FeeDoc } from './read-models';

export type WithRevision<V> = V & { readonly revision: number };

export const FEE_STATUSES: readonly FeeStatus[] = ['due', 'partially-paid', 'paid', 'waived', 'cancelled'];
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['filed', 'acknowledged', 'assigned', 'responded', 'escalated', 'reopened', 'closed'];
/** Act statuses anyone may read (docs/api.md: published or repealed acts; acts in public discussion are public too). */
export const PUBLIC_ACT_PHASES: readonly string[] = ['published', 'in-discussion'];

export interface ListCommunitiesArgs extends PageArgs {
  readonly province?: string | null;
  readonly search?: string | null;
  readonly includeMerged?: boolean | null;
}

export interface ListCasesArgs<S extends string> extends PageArgs {
  readonly communityId: string;
  readonly status?: S | null;
  readonly overdue?: boolean | null;
}

export interface ListActsArgs extends PageArgs {
  readonly communityId: string;
  readonly status?: ActStatus | null;
  /** Only acts anyone may read (published, repealed, in public discussion): for callers outside the community. */
  readonly publicOnly?: boolean | null;
  /** Only acts adopted (a council's session date) or signed (a head's decision) in this calendar year: the year of their number. */
  readonly adoptedIn?: number | null;
}

/** An act of a list, with the dates of its register entry (the staff workspace's register of acts shows them). */
export type ActListNode = WithRevision<ActView> & { readonly adoptedOn: string | null; readonly publishedOn: string | null };

/** Lower case in both scripts, compatibility-normalized (so the ligature և matches եւ). */
export const foldForSearch = (s: string): string => s.normalize('NFKC').toLowerCase();

const overdueCondition = (overdue: boolean | undefined, today: string): Filter[string] | undefined =>
  overdue === undefined ? undefined : overdue ? { $lt: today } : { $gte: today };

const withOptional = (base: Record<string, Filter[string]>, extra: Record<string, Filter[string] | undefined>): Filter => {
  const out: Record<string, Filter[string]> = { ...base };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
  return out;
};

/** The stored-field conditions for an act status on `today`. */
export const actStatusFilter = (status: ActStatus, today: string): Filter => {
  if (status === 'repealed') return { status: 'published', repealOnOrNever: { $lte: today } };
  if (status === 'published') return { status: 'published', repealOnOrNever: { $gt: today } };
  return { status };
};

export const createCaseQueries = (readStore: ReadModelReader) => {
  const communityNode = (today: string) => (doc: CommunityDoc): WithRevision<CommunityView> => ({ ...communityView(doc.state, today)!, revision: doc.revision });
  const applicationNode = (today: string) => (doc: ApplicationDoc): WithRevision<ApplicationView> => ({ ...applicationView(doc.state, today)!, revision: doc.revision });
  const feeNode = (today: string) => (doc: FeeDoc): WithRevision<FeeView> => ({ ...feeView(doc.state, today), revision: doc.revision });
  const complaintNode = (today: string) => (doc: ComplaintDoc): WithRevision<ComplaintView> => ({ ...complaintView(doc.state, today), revision: doc.revision });
  const actNode =
    (today: string, asOf?: string | null) =>
    (doc: ActDoc): WithRevision<ActView> => ({ ...legalActView(doc.state, today, asOf ?? null)!, revision: doc.revision });

  const getDoc = async <D>(collection: string, id: unknown, field = 'id'): Promise<D | null> => readStore.get<D>(collection, requireId(id, field));

  const listApplicationsBy = async (base: Filter, args: PageArgs & { status?: string | null; overdue?: boolean | null }, today: string) =>
    findConnection(
      readStore,
      COLLECTIONS.applications,
      {
        filter: withOptional(base, {
          status: oneOf<ApplicationStatus>(args.status, APPLICATION_STATUSES, 'status'),
          openDueOn: overdueCondition(optionalBoolean(args.overdue, 'overdue'), today),
        }),
        sort: [['submittedAt', 'desc']],
        first: args.first,
        after: args.after,
      },
      applicationNode(today),
    );

  const listFeesBy = async (base: Filter, args: PageArgs & { status?: string | null; overdue?: boolean | null }, today: string) =>
    findConnection(
      readStore,
      COLLECTIONS.fees,
      {
        filter: withOptional(base, {
          status: oneOf<FeeStatus>(args.status, FEE_STATUSES, 'status'),
          openDueOn: overdueCondition(optionalBoolean(args.overdue, 'overdue'), today),
        }),
        sort: [['assessedAt', 'desc']],
        first: args.first,
        after: args.after,
      },
      feeNode(today),
    );

  const listComplaintsBy = async (base: Filter, args: PageArgs & { status?: string | null; overdue?: boolean | null }, today: string) =>
    findConnection(
      readStore,
      COLLECTIONS.complaints,
      {
        filter: withOptional(base, {
          status: oneOf<ComplaintStatus>(args.status, COMPLAINT_STATUSES, 'status'),
          openResponseDueOn: overdueCondition(optionalBoolean(args.overdue, 'overdue'), today),
        }),
        sort: [['filedAt', 'desc']],
        first: args.first,
        after: args.after,
      },
      complaintNode(today),
    );

  return {
    /* ------------------------------------------------------------ communities ------------------------------------------------------------ */

    async getCommunity(id: string, today: string): Promise<WithRevision<CommunityView> | null> {
      const doc = await getDoc<CommunityDoc>(COLLECTIONS.communities, id);
      return doc && communityNode(today)(doc);
    },

    /** By code; merged communities only with `includeMerged`; `search` matches nameHy or nameEn case-insensitively. */
    async listCommunities(args: ListCommunitiesArgs, today: string): Promise<Connection<WithRevision<CommunityView>>> {
      const province = args.province ?? undefined;
      if (province !== undefined && typeof province !== 'string') throw new ValidationFailed('province must be a string', ['province']);
      const includeMerged = optionalBoolean(args.includeMerged, 'includeMerged') ?? false;
      const filter = withOptional({}, { province, mergedOnOrNever: includeMerged ? undefined : { $gt: today } });
      const search = typeof args.search === 'string' ? foldForSearch(args.search.trim()) : '';
      if (search === '') return findConnection(readStore, COLLECTIONS.communities, { filter, first: args.first, after: args.after }, communityNode(today));
      pageSize(args.first);
      cursorArg(args.after);
      const all = await findAll<CommunityDoc>(readStore, COLLECTIONS.communities, filter);
      const matching = all.filter((d) => foldForSearch(d.state.nameHy).includes(search) || foldForSearch(d.state.nameEn).includes(search));
      return pageByIdInMemory(matching, args, communityNode(today));
    },

    /* ------------------------------------------------------------ applications ------------------------------------------------------------ */

    async getApplication(id: string, today: string): Promise<WithRevision<ApplicationView> | null> {
      const doc = await getDoc<ApplicationDoc>(COLLECTIONS.applications, id);
      return doc && applicationNode(today)(doc);
    },

    async listApplications(args: ListCasesArgs<ApplicationStatus>, today: string): Promise<Connection<WithRevision<ApplicationView>>> {
      return listApplicationsBy({ communityId: requireId(args.communityId, 'communityId') }, args, today);
    },

    /** The resident's own applications (applicant = the resident), newest first. */
    async myApplications(residentId: string, args: PageArgs & { status?: ApplicationStatus | null }, today: string): Promise<Connection<WithRevision<ApplicationView>>> {
      return listApplicationsBy({ applicantId: requireId(residentId, 'residentId') }, args, today);
    },

    /* ------------------------------------------------------------ fees ------------------------------------------------------------ */

    async getFee(id: string, today: string): Promise<WithRevision<FeeView> | null> {
      const doc = await getDoc<FeeDoc>(COLLECTIONS.fees, id);
      return doc && feeNode(today)(doc);
    },

    async listFees(args: ListCasesArgs<FeeStatus>, today: string): Promise<Connection<WithRevision<FeeView>>> {
      return listFeesBy({ communityId: requireId(args.communityId, 'communityId') }, args, today);
    },

    /** Every fee assessed for the application (`applicationId`), open or not, newest first. */
    async feesOfApplication(applicationId: string, today: string): Promise<Array<WithRevision<FeeView>>> {
      const out: Array<WithRevision<FeeView>> = [];
      let after: string | null = null;
      for (;;) {
        const page: Connection<WithRevision<FeeView>> = await listFeesBy({ applicationId: requireId(applicationId, 'applicationId') }, { first: 100, after }, today);
        out.push(...page.nodes);
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
        after = page.pageInfo.endCursor;
      }
    },

    /** The resident's own fees (payer = the resident), newest first. */
    async myFees(residentId: string, args: PageArgs & { status?: FeeStatus | null }, today: string): Promise<Connection<WithRevision<FeeView>>> {
      return listFeesBy({ payerId: requireId(residentId, 'residentId') }, args, today);
    },

    /* ------------------------------------------------------------ acts ------------------------------------------------------------ */

    /** The act, with the text in force on `asOf` when given. */
    async getAct(id: string, today: string, asOf?: string | null): Promise<WithRevision<ActView> | null> {
      const date = optionalDate(asOf, 'asOf');
      const doc = await getDoc<ActDoc>(COLLECTIONS.acts, id);
      return doc && actNode(today, date)(doc);
    },

    async listActs(args: ListActsArgs, today: string): Promise<Connection<ActListNode>> {
      const communityId = requireId(args.communityId, 'communityId');
      const status = oneOf<ActStatus>(args.status, ACT_STATUSES, 'status');
      const publicOnly = optionalBoolean(args.publicOnly, 'publicOnly') ?? false;
      const year = args.adoptedIn ?? null;
      if (year !== null && !(Number.isInteger(year) && year >= 1900 && year <= 9999)) throw new ValidationFailed('Invalid input: adoptedIn (a year, 1900–9999)', ['adoptedIn']);
      let filter: Filter = {
        communityId,
        ...(status ? actStatusFilter(status, today) : {}),
        ...(year !== null ? { adoptedOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } } : {}),
      };
      if (publicOnly) {
        const stored = filter.status;
        const visible = stored === undefined ? [...PUBLIC_ACT_PHASES] : PUBLIC_ACT_PHASES.filter((p) => p === stored);
        filter = { ...filter, status: { $in: visible } };
      }
      const node = actNode(today);
      return findConnection(readStore, COLLECTIONS.acts, { filter, sort: [['draftedAt', 'desc']], first: args.first, after: args.after }, (doc: ActDoc): ActListNode => ({ ...node(doc), adoptedOn: doc.adoptedOn, publishedOn: doc.publishedOn }));
    },

    /* ------------------------------------------------------------ complaints ------------------------------------------------------------ */

    async getComplaint(id: string, today: string): Promise<WithRevision<ComplaintView> | null> {
      const doc = await getDoc<ComplaintDoc>(COLLECTIONS.complaints, id);
      return doc && complaintNode(today)(doc);
    },

    async listComplaints(args: ListCasesArgs<ComplaintStatus>, today: string): Promise<Connection<WithRevision<ComplaintView>>> {
      return listComplaintsBy({ communityId: requireId(args.communityId, 'communityId') }, args, today);
    },

    /** The resident's own complaints (complainant = the resident), newest first. */
    async myComplaints(residentId: string, args: PageArgs & { status?: ComplaintStatus | null }, today: string): Promise<Connection<WithRevision<ComplaintView>>> {
      return listComplaintsBy({ complainantId: requireId(residentId, 'residentId') }, args, today);
    },
  };
};

export type CaseQueries = ReturnType<typeof createCaseQueries>;

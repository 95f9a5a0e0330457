/**
 * `worklist` over a real SqliteReadStore, its rows written by the runner's `applyEvents` from the worklist
 * projection. Community C1 has eight cases, C2 one (whose applicant shares a name with one of C1's: it must
 * never show). Today is 2024-03-15; the viewer is clerk-1. Expectations are worked out by hand below.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { applyEvents } from '../../projections/runner';
import { worklistProjection } from '../../projections/worklist/worklist-projection';
import type { ApplicationEvent } from '../../domain/service-application';
import type { ComplaintEvent } from '../../domain/complaint';
import type { FeeEvent } from '../../domain/fee';
import { eventLog } from '../../tests/support/projection-log';
import { ValidationFailed } from '../errors';
import { createWorklistQueries, SEARCH_PER_KEY, type WorklistArgs } from './worklist';

const TODAY = '2024-03-15';
const service = { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5000, deadlineDays: 10, issues: 'permit' as const };

const submitted = (id: string, communityId: string, o: { dueOn: string; name: string; subject: string; tracking: string; code?: string }): ApplicationEvent => ({
  type: 'ApplicationSubmitted',
  data: {
    applicationId: id,
    communityId,
    serviceCode: o.code ?? service.code,
    service: { ...service, code: o.code ?? service.code },
    kind: 'application',
    subject: o.subject,
    details: '',
    applicantId: `p-${id}`,
    applicantName: o.name,
    channel: 'online',
    submittedBy: `p-${id}`,
    submittedByRole: 'resident',
    onBehalfOf: null,
    submittedAt: '2024-03-01T08:00:00Z',
    dueOn: o.dueOn,
    trackingCode: o.tracking,
  },
});
const app = (id: string, communityId = 'C1') => ({ applicationId: id, communityId });
const registered = (id: string, n: number): ApplicationEvent => ({ type: 'ApplicationRegistered', data: { ...app(id), registrationNumber: `C1/2024/${n}`, registeredBy: 'clerk-9', registeredAt: '2024-03-02T08:00:00Z' } });
const assigned = (id: string, to: string): ApplicationEvent => ({ type: 'ApplicationAssigned', data: { ...app(id), assigneeId: to, assignedBy: 'clerk-9', assignedAt: '2024-03-02T09:00:00Z' } });
const assessed = (id: string, o: { dueOn: string; payer: string; code: string }, communityId = 'C1'): FeeEvent => ({
  type: 'FeeAssessed',
  data: { feeId: id, communityId, payerId: `p-${id}`, payerName: o.payer, code: o.code, amountAmd: 1000, dueOn: o.dueOn, basis: 'Որոշում 12', at: '2024-03-01T08:00:00Z' },
});
const filed = (id: string, o: { dueOn: string; subject: string; category: string }): ComplaintEvent => ({
  type: 'ComplaintFiled',
  data: { complaintId: id, communityId: 'C1', channel: 'hotline', category: o.category, subject: o.subject, description: '', complainantId: `p-${id}`, complainantName: 'Լիլիթ Հակոբյան', filedAt: '2024-03-01T08:00:00Z', responseDueOn: o.dueOn },
});

describe('worklist over the SQLite read store', () => {
  let dir: string;
  let readStore: SqliteReadStore;
  let queries: ReturnType<typeof createWorklistQueries>;
  let list: (args: WorklistArgs, viewer?: string | null) => ReturnType<ReturnType<typeof createWorklistQueries>['worklist']>;
  const ids = (page: { nodes: ReadonlyArray<{ caseId: string }> }): string[] => page.nodes.map((n) => n.caseId);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-worklist-'));
    readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    for (const spec of worklistProjection.collections) await readStore.defineCollection(spec);
    const log = eventLog();
    // Each case's last change on its own day, so "last changed" has one order: a1 oldest … k2 newest.
    const on = (day: number) => ({ occurredAt: `2024-03-${String(day).padStart(2, '0')}T08:00:00.000Z` });
    log.append('application-a1', [submitted('a1', 'C1', { dueOn: '2024-03-12', name: 'Անի Սարգսյան', subject: 'Ավտոտնակ', tracking: 'ABCD2345' }), registered('a1', 1)], on(1));
    log.append('application-a2', [submitted('a2', 'C1', { dueOn: '2024-03-20', name: 'Aram Petrosyan', subject: 'Ցանկապատ', tracking: 'QWER6789', code: 'fence' }), registered('a2', 2), assigned('a2', 'clerk-1')], on(2));
    log.append(
      'application-a3',
      [
        submitted('a3', 'C1', { dueOn: '2024-03-08', name: 'Գոհար Մելքոնյան', subject: 'Տնակ', tracking: 'ZXCV4321' }),
        registered('a3', 3),
        assigned('a3', 'clerk-2'),
        { type: 'ApplicationInformationRequested', data: { ...app('a3'), question: 'Հատակագիծ', requestedBy: 'clerk-2', requestedAt: '2024-03-03T08:00:00Z' } },
      ],
      on(3),
    );
    log.append(
      'application-a4',
      [
        submitted('a4', 'C1', { dueOn: '2024-03-05', name: 'Վարդան Սարգսյան', subject: 'Ավտոտնակ 2', tracking: 'PLMN1111' }),
        registered('a4', 4),
        assigned('a4', 'clerk-1'),
        {
          type: 'ApplicationApproved',
          data: { ...app('a4'), serviceCode: service.code, decidedBy: 'clerk-1', decidedAt: '2024-03-04T08:00:00Z', submittedAt: '2024-03-01T08:00:00Z', dueOn: '2024-03-05', basis: 'Law' },
        },
      ],
      on(4),
    );
    log.append('fee-f1', assessed('f1', { dueOn: '2024-03-01', payer: 'Սարգսյան Գոհար', code: 'LD-01' }), on(5));
    log.append(
      'fee-f2',
      [
        assessed('f2', { dueOn: '2024-03-30', payer: 'Aram Petrosyan', code: 'LD-02' }),
        { type: 'FeePaymentRecorded', data: { feeId: 'f2', communityId: 'C1', amountAmd: 1000, paidAt: '2024-03-06T10:00:00Z', reference: 'R1', paidTotalAmd: 1000 } },
        { type: 'FeePaid', data: { feeId: 'f2', communityId: 'C1', amountAmd: 1000, paidAmd: 1000, at: '2024-03-06T10:00:00Z' } },
      ],
      on(6),
    );
    log.append('complaint-k1', filed('k1', { dueOn: '2024-04-01', subject: 'Փոս Շիրակ փողոցում', category: 'roads' }), on(7));
    log.append(
      'complaint-k2',
      [filed('k2', { dueOn: '2024-03-10', subject: 'Աղբ', category: 'waste' }), { type: 'ComplaintAssigned', data: { complaintId: 'k2', communityId: 'C1', assigneeId: 'clerk-1', at: '2024-03-08T08:00:00Z' } }],
      on(8),
    );
    log.append('application-b1', submitted('b1', 'C2', { dueOn: '2024-03-01', name: 'Անի Սարգսյան', subject: 'Ավտոտնակ', tracking: 'ABCD9999' }), on(9));
    // C3: more fees of one payer than a search key reads.
    for (let i = 0; i <= SEARCH_PER_KEY; i++) log.append(`fee-m${i}`, assessed(`m${i}`, { dueOn: '2024-04-01', payer: 'Նույն Վճարող', code: 'LD-01' }, 'C3'), on(10));
    await applyEvents(readStore, worklistProjection, 0, log.events);
    queries = createWorklistQueries(readStore);
    list = (args, viewer = 'clerk-1') => queries.worklist('C1', args, TODAY, viewer);
  });

  afterAll(async () => {
    await readStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('tabs', () => {
    it('mine: open cases assigned to the viewer, soonest due first (a4, decided, is not work any more)', async () => {
      expect(ids(await list({ tab: 'mine' }))).toEqual(['k2', 'a2']);
    });
    it('unassigned: open applications and complaints nobody holds (fees are never assigned)', async () => {
      expect(ids(await list({ tab: 'unassigned' }))).toEqual(['a1', 'k1']);
    });
    it('awaiting: applications waiting for the resident', async () => {
      const page = await list({ tab: 'awaiting' });
      expect(ids(page)).toEqual(['a3']);
      expect(page.nodes[0]).toMatchObject({ awaitingInformation: true, status: 'awaiting-information', assigneeId: 'clerk-2' });
    });
    it('overdue: open cases of every kind due before today, with how late they are', async () => {
      const page = await list({ tab: 'overdue' });
      expect(ids(page)).toEqual(['f1', 'a3', 'k2', 'a1']);
      expect(page.nodes.map((n) => [n.overdue, n.daysUntilDue])).toEqual([
        [true, -14],
        [true, -7],
        [true, -5],
        [true, -3],
      ]);
    });
    it('all: every case of the community, closed ones too, last changed first by default', async () => {
      const page = await list({ tab: 'all' });
      expect(ids(page)).toEqual(['k2', 'k1', 'f2', 'f1', 'a4', 'a3', 'a2', 'a1']);
      expect(page.totalCount).toBe(8);
      expect(page.nodes.find((n) => n.caseId === 'a4')).toMatchObject({ open: false, overdue: false, daysUntilDue: null });
    });
    it('mine is the default tab; every answer counts each tab for its label', async () => {
      const page = await list({});
      expect(page.tab).toBe('mine');
      expect(page.asOf).toBe(TODAY);
      expect(page.counts).toEqual({ mine: 2, unassigned: 2, awaiting: 1, overdue: 4, all: 8 });
    });
    it('a caller with no assignments (a ministry official) has an empty "mine" and the same other tabs', async () => {
      const page = await list({ tab: 'mine' }, null);
      expect(page.nodes).toEqual([]);
      expect(page.counts).toEqual({ mine: 0, unassigned: 2, awaiting: 1, overdue: 4, all: 8 });
      expect((await list({ tab: 'mine' }, 'clerk-2')).counts.mine).toBe(1);
    });
  });

  describe('filters', () => {
    it('by kind', async () => {
      expect(ids(await list({ tab: 'all', kind: 'fee' }))).toEqual(['f2', 'f1']);
      expect(ids(await list({ tab: 'overdue', kind: 'application' }))).toEqual(['a3', 'a1']);
    });
    it('by status, within a kind or across kinds', async () => {
      expect(ids(await list({ tab: 'all', kind: 'application', status: 'approved' }))).toEqual(['a4']);
      expect(ids(await list({ tab: 'all', status: 'assigned' }))).toEqual(['k2', 'a2']);
    });
    it('by service code, fee code or complaint category', async () => {
      expect(ids(await list({ tab: 'all', serviceCode: 'fence' }))).toEqual(['a2']);
      expect(ids(await list({ tab: 'all', serviceCode: 'LD-01' }))).toEqual(['f1']);
      expect(ids(await list({ tab: 'unassigned', serviceCode: 'roads' }))).toEqual(['k1']);
    });
    it('by assignee', async () => {
      expect(ids(await list({ tab: 'all', assigneeId: 'clerk-1' }))).toEqual(['k2', 'a4', 'a2']);
      expect(ids(await list({ tab: 'overdue', assigneeId: 'clerk-2' }))).toEqual(['a3']);
    });
    it('by creation date, inclusive, in Yerevan days', async () => {
      // Every case was created at 08:00 UTC on 1 March (12:00 in Yerevan).
      expect((await list({ tab: 'all', from: '2024-03-01', to: '2024-03-01' })).totalCount).toBe(8);
      expect((await list({ tab: 'all', from: '2024-03-02' })).totalCount).toBe(0);
      expect((await list({ tab: 'all', to: '2024-02-29' })).totalCount).toBe(0);
    });
  });

  describe('search', () => {
    const found = async (search: string, tab: WorklistArgs['tab'] = 'all') => ids(await list({ tab, search }));
    it('by registration number, whole or without the community', async () => {
      expect(await found('C1/2024/3')).toEqual(['a3']);
      expect(await found('2024/2')).toEqual(['a2']);
      expect(await found('c1/2024')).toEqual(['a4', 'a3', 'a2', 'a1']);
    });
    it('by tracking code, in any case', async () => {
      expect(await found('abcd')).toEqual(['a1']);
    });
    it('by the start of a name or of a family name, Armenian capitals or not; never another community’s case', async () => {
      expect(await found('ՍԱՐԳՍՅԱՆ')).toEqual(['f1', 'a4', 'a1']);
      expect(await found('անի')).toEqual(['a1']);
      expect(await found('petros')).toEqual(['f2', 'a2']);
    });
    it('by the start of the subject or a fee’s basis', async () => {
      expect(await found('Ավտոտնակ')).toEqual(['a4', 'a1']);
      expect(await found('որոշում')).toEqual(['f2', 'f1']);
    });
    it('within the tab and the filters', async () => {
      expect(await found('Սարգսյան', 'overdue')).toEqual(['f1', 'a1']);
      expect(ids(await list({ tab: 'all', search: 'Սարգսյան', kind: 'application' }))).toEqual(['a4', 'a1']);
    });
    it('nothing found is an empty page, the tab counts still there', async () => {
      const page = await list({ tab: 'all', search: 'Զզզ' });
      expect(page).toMatchObject({ nodes: [], totalCount: 0, searchTruncated: false, counts: { all: 8 } });
    });
    it('says when a key matched more cases than it reads', async () => {
      const page = await queries.worklist('C3', { tab: 'all', search: 'նույն', first: 5 }, TODAY, null);
      expect(page).toMatchObject({ searchTruncated: true, totalCount: SEARCH_PER_KEY, counts: { all: SEARCH_PER_KEY + 1 } });
      expect((await list({ tab: 'all', search: 'Սարգսյան' })).searchTruncated).toBe(false);
    });
  });

  describe('sort and paging', () => {
    it('sorts by due date, creation or last change, both ways', async () => {
      expect(ids(await list({ tab: 'all', sort: { field: 'dueOn', direction: 'asc' } }))).toEqual(['f1', 'a4', 'a3', 'k2', 'a1', 'a2', 'f2', 'k1']);
      expect(ids(await list({ tab: 'all', sort: { field: 'dueOn', direction: 'desc' } }))).toEqual(['k1', 'f2', 'a2', 'a1', 'k2', 'a3', 'a4', 'f1']);
      expect(ids(await list({ tab: 'all', sort: { field: 'updatedAt', direction: 'asc' } }))).toEqual(['a1', 'a2', 'a3', 'a4', 'f1', 'f2', 'k1', 'k2']);
      expect(ids(await list({ tab: 'overdue', sort: { field: 'dueOn', direction: 'desc' } }))).toEqual(['a1', 'k2', 'a3', 'f1']);
      expect(ids(await list({ tab: 'unassigned', sort: { field: 'updatedAt', direction: 'desc' } }))).toEqual(['k1', 'a1']);
      // Created at the same instant: the case's stream id breaks the tie, the same way as the last key.
      expect(ids(await list({ tab: 'all', sort: { field: 'createdAt', direction: 'asc' } }))).toEqual(['a1', 'a2', 'a3', 'a4', 'k1', 'k2', 'f1', 'f2']);
    });
    it('pages with cursors through a tab, every case once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Awaited<ReturnType<typeof list>> = await list({ tab: 'all', first: 3, after });
        seen.push(...ids(page));
        expect(page.totalCount).toBe(8);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(['k2', 'k1', 'f2', 'f1', 'a4', 'a3', 'a2', 'a1']);
    });
  });

  describe('bad input', () => {
    it.each<[string, WorklistArgs, string]>([
      ['an unknown tab', { tab: 'later' as never }, 'tab'],
      ['an unknown kind', { kind: 'act' as never }, 'kind'],
      ['a status the kind does not have', { kind: 'fee', status: 'assigned' }, 'status'],
      ['an unknown sort field', { sort: { field: 'name' as never } }, 'sort.field'],
      ['a sort direction that is not asc or desc', { sort: { field: 'dueOn', direction: 'up' as never } }, 'sort.direction'],
      ['from after to', { from: '2024-03-10', to: '2024-03-01' }, 'from'],
      ['a date that is not one', { from: '2024-02-30' }, 'from'],
      ['a search too long', { search: 'ա'.repeat(201) }, 'search'],
      ['a page too large', { first: 101 }, 'first'],
    ])('%s is VALIDATION_FAILED naming the field', async (_what, args, field) => {
      const error = await list(args).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).fields).toContain(field);
    });
  });
});

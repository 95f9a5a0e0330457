/**
 * The GraphQL `worklist` over the real server: cases made through the real mutations show in the staff
 * inbox of their community — at once after the caller's own write (reads follow writes) — in the right
 * tab, found by search, Armenian text intact; another community's staff are refused and never see them.
 * (Who may read it, caller by caller, is a row of api-authorization.e2e.test.ts.)
 */
import fs from 'node:fs';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, daysFromToday, gql, mintTokens, onlyError } from './support/api';

const A = 'WL-GYU';
const B = 'WL-DIL';

interface Item {
  id: string;
  kind: string;
  status: string;
  assigneeId: string | null;
  registrationNumber: string | null;
  trackingCode: string | null;
  partyName: string | null;
  subject: string;
  overdue: boolean;
  daysUntilDue: number | null;
}
interface Worklist {
  tab: string;
  totalCount: number;
  nodes: Item[];
  counts: { mine: number; unassigned: number; awaiting: number; overdue: number; all: number };
  searchTruncated: boolean;
}

const WORKLIST = `query W($communityId: ID!, $tab: String, $search: String, $kind: String, $first: Int) {
  worklist(communityId: $communityId, tab: $tab, search: $search, kind: $kind, first: $first) {
    tab totalCount searchTruncated counts { mine unassigned awaiting overdue all }
    nodes { id kind status assigneeId registrationNumber trackingCode partyName subject overdue daysUntilDue }
  }
}`;

describe('GraphQL worklist (the staff inbox) on the real server', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let tokens: Record<'resident' | 'staff' | 'staffOfB' | 'ministry', string>;
  let applicationId: string;
  let feeId: string;

  const worklist = async (token: string, variables: Record<string, unknown>): Promise<Worklist> => {
    const res = await gql<{ worklist: Worklist }>(server, WORKLIST, variables, token);
    if (res.errors?.length || !res.data) throw new Error(`worklist failed: ${res.text.slice(0, 1000)}`);
    return res.data.worklist;
  };

  beforeAll(async () => {
    server = await startServer();
    api = apiClient(server);
    tokens = await mintTokens(server.dataDir, {
      resident: { role: 'resident', sub: '1000000001', acr: 'eid' },
      staff: { role: 'staff', sub: 'clerk-1', community: A },
      staffOfB: { role: 'staff', sub: 'clerk-b', community: B },
      ministry: { role: 'ministry', sub: 'minister' },
    });
    for (const [code, nameHy, nameEn] of [
      [A, 'Գյումրի', 'Gyumri'],
      [B, 'Դիլիջան', 'Dilijan'],
    ]) {
      await api.must('registerCommunity', { input: { code, nameHy, nameEn, province: 'Shirak', kind: 'urban', population: 100_000 } }, tokens.ministry);
      await api.must(
        'offerService',
        { communityId: code, input: { code: 'building-permit', nameHy: 'Շինթույլտվություն', nameEn: 'Building permit', feeAmd: 0, deadlineDays: 20, issues: 'permit' } },
        tokens.ministry,
      );
    }
    const submitted = await api.must(
      'submitApplication',
      { input: { communityId: A, serviceCode: 'building-permit', subject: 'Պատշգամբի <b>ապակեպատում</b>', details: 'Մանրամասներ', applicantName: 'Լիլիթ Գասպարյան' } },
      tokens.resident,
    );
    applicationId = submitted.id as string;
    await api.must('registerApplication', { id: applicationId }, tokens.staff);
    await api.must('assignApplication', { id: applicationId, assigneeId: 'clerk-1' }, tokens.staff);
    const fee = await api.must(
      'assessFee',
      { input: { communityId: A, payerId: '1000000001', payerName: 'Լիլիթ Գասպարյան', code: 'land-tax', amountAmd: 7000, dueOn: daysFromToday(30), basis: 'Որոշում N 3' } },
      tokens.staff,
    );
    feeId = fee.id as string;
  });

  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('the clerk sees the application they were just assigned in "mine", right after their own write', async () => {
    const page = await worklist(tokens.staff, { communityId: A });
    expect(page.tab).toBe('mine');
    expect(page.nodes).toEqual([
      expect.objectContaining({
        id: applicationId,
        kind: 'application',
        status: 'assigned',
        assigneeId: 'clerk-1',
        registrationNumber: expect.stringMatching(new RegExp(`^${A}/\\d{4}/1$`)),
        partyName: 'Լիլիթ Գասպարյան',
        // User text is data: it comes back exactly as written, markup and all.
        subject: 'Պատշգամբի <b>ապակեպատում</b>',
        overdue: false,
        daysUntilDue: expect.any(Number),
      }),
    ]);
    expect(page.counts).toEqual({ mine: 1, unassigned: 0, awaiting: 0, overdue: 0, all: 2 });
  });

  it('"all" holds the fee too; a search by tracking code, family name or registration number finds the application', async () => {
    const all = await worklist(tokens.staff, { communityId: A, tab: 'all' });
    expect(all.nodes.map((n) => n.id).sort()).toEqual([applicationId, feeId].sort());
    const application = all.nodes.find((n) => n.id === applicationId)!;
    expect((await worklist(tokens.staff, { communityId: A, tab: 'all', search: application.trackingCode!.toLowerCase() })).nodes.map((n) => n.id)).toEqual([applicationId]);
    expect((await worklist(tokens.staff, { communityId: A, tab: 'all', search: 'ԳԱՍՊԱՐՅԱՆ', kind: 'fee' })).nodes.map((n) => n.id)).toEqual([feeId]);
    const byNumber = await worklist(tokens.staff, { communityId: A, tab: 'all', search: application.registrationNumber!.slice(A.length + 1) });
    expect(byNumber.nodes.map((n) => n.id)).toEqual([applicationId]);
  });

  it('the ministry reads any community’s inbox; its "mine" is empty', async () => {
    const page = await worklist(tokens.ministry, { communityId: A });
    expect(page.nodes).toEqual([]);
    expect(page.counts.all).toBe(2);
  });

  it('staff of another community are refused, and their own inbox never holds these cases', async () => {
    const refused = await gql(server, WORKLIST, { communityId: A, tab: 'all' }, tokens.staffOfB);
    expect(onlyError(refused).extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    const own = await worklist(tokens.staffOfB, { communityId: B, tab: 'all', search: 'Գասպարյան' });
    expect(own).toMatchObject({ totalCount: 0, nodes: [], counts: { all: 0 } });
  });

  it('a bad argument is VALIDATION_FAILED naming it', async () => {
    const res = await gql(server, WORKLIST, { communityId: A, tab: 'someday' }, tokens.staff);
    expect(onlyError(res).extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['tab'] });
    const sort = await gql(server, '{ worklist(communityId: "WL-GYU", sort: { field: "partyName" }) { totalCount } }', undefined, tokens.staff);
    expect(onlyError(sort).extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['sort.field'] });
  });
});

/**
 * The API's "Who may call what" (docs) over the real server. Mutation side: every caller below tries a
 * representative mutation of every row. Allowed callers succeed (and the log grows); everyone else
 * is FORBIDDEN — or UNAUTHENTICATED without a token or with a bad one — and the log head does not move.
 * Read side: every caller tries each kind of read the read policy decides (application/read-policy.ts,
 * whose unit table covers every role); the resolvers must answer what the policy decides.
 */
import fs from 'node:fs';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, cliToken, daysFromToday, foreignToken, gql, mintTokens, type MutationName, type View } from './support/api';

const A = 'TV-DIL'; // the community the cases belong to
const B = 'TV-IJE'; // another community

/** Who calls. */
const CALLERS = [
  'resident', // res-1, signed in with eID: the applicant / complainant of the cases below
  'resident-password', // the same res-1, signed in with a password only
  'other-resident', // res-2, eID, not party to the cases
  'staff', // staff of community A
  'staff-of-B', // staff of another community
  'head', // head of community A
  'council', // council of community A
  'ministry',
  'auditor',
  'integration',
  'no-token',
  'expired-token', // staff of A, token expired (`hamaynk token --expires=-1s`)
  'foreign-token', // staff of A, token signed with another DATA_DIR's key
  'malformed-token', // "Bearer not-a-jwt"
] as const;
type Caller = (typeof CALLERS)[number];
const UNAUTHENTICATED_CALLERS: readonly Caller[] = ['no-token', 'expired-token', 'foreign-token', 'malformed-token'];

/** Builds the arguments of one attempt, creating whatever case it needs first (as staff, ministry or res-1). */
type Setup = (f: Fixtures) => Promise<Record<string, unknown>>;
interface Row {
  /** The row of docs/api.md's table. */
  readonly who: string;
  readonly mutation: MutationName;
  readonly note?: string;
  readonly allowed: readonly Caller[];
  readonly setup: Setup;
}

interface Fixtures {
  must(name: MutationName, variables: Record<string, unknown>, as: 'ministry' | 'staff' | 'resident'): Promise<View>;
  unique(label: string): string;
}

const submission = (extra: Record<string, unknown> = {}) => ({
  input: { communityId: A, serviceCode: 'building-permit', subject: 'Պատշգամբի ապակեպատում', details: 'Մանրամասներ', applicantName: 'Լիլիթ Գասպարյան', ...extra },
});
const complaint = (channel: string, extra: Record<string, unknown> = {}) => ({
  input: { communityId: A, channel, category: 'roads', subject: 'Փոս բակում', description: 'Բակում մեծ փոս կա։', ...extra },
});
const submitted = (f: Fixtures) => f.must('submitApplication', submission(), 'resident');
const registered = async (f: Fixtures) => f.must('registerApplication', { id: (await submitted(f)).id }, 'staff');
const fee = (f: Fixtures) =>
  f.must('assessFee', { input: { communityId: A, payerId: 'res-1', payerName: 'Լիլիթ Գասպարյան', code: 'land-tax', amountAmd: 7000, dueOn: daysFromToday(30), basis: 'Որոշում N 3' } }, 'staff');
const act = (f: Fixtures, issuer: 'council' | 'head') => f.must('draftAct', { input: { communityId: A, issuer, titleHy: 'Որոշում', text: 'Տեքստ' } }, 'staff');

const STAFF_SIDE: readonly Caller[] = ['staff', 'head'];
/** Who reads a community's cases: its staff, head and council, the ministry, auditors. */
const COMMUNITY_READERS: readonly Caller[] = ['staff', 'head', 'council', 'ministry', 'auditor'];
const SIGNED_IN: readonly Caller[] = CALLERS.filter((c) => !UNAUTHENTICATED_CALLERS.includes(c));

/** The cases the reads below read: res-1's application and a draft act, both of community A. */
interface ReadFixtures {
  readonly applicationId: string;
  readonly draftActId: string;
}
interface ReadRow {
  readonly who: string;
  readonly field: string;
  readonly query: (f: ReadFixtures) => string;
  readonly allowed: readonly Caller[];
  /** What other signed-in callers are told (FORBIDDEN unless said). */
  readonly refusal?: 'FORBIDDEN' | 'NOT_FOUND';
  /** What a caller without a token is told (UNAUTHENTICATED unless said); a bad token is always UNAUTHENTICATED. */
  readonly anonymous?: 'allowed' | 'NOT_FOUND';
}

const READS: readonly ReadRow[] = [
  { who: 'anyone, no token', field: 'community', query: () => `{ community(id: "${A}") { id nameHy } }`, allowed: SIGNED_IN, anonymous: 'allowed' },
  { who: 'staff, head, council of that community; ministry; auditor; the applicant', field: 'application', query: (f) => `{ application(id: "${f.applicationId}") { id } }`, allowed: [...COMMUNITY_READERS, 'resident', 'resident-password'] },
  { who: 'staff, head, council of that community; ministry; auditor', field: 'applications', query: () => `{ applications(communityId: "${A}") { totalCount } }`, allowed: COMMUNITY_READERS },
  { who: 'staff, head, council of that community; ministry; auditor', field: 'complaints', query: () => `{ complaints(communityId: "${A}") { totalCount } }`, allowed: COMMUNITY_READERS },
  { who: 'staff, head, council of that community; ministry; auditor', field: 'worklist', query: () => `{ worklist(communityId: "${A}", tab: "all") { totalCount } }`, allowed: COMMUNITY_READERS },
  { who: 'staff, head, council of that community; ministry; auditor', field: 'dashboard', query: () => `{ dashboard(communityId: "${A}") { communityId } }`, allowed: COMMUNITY_READERS },
  { who: 'residents, their own', field: 'myApplications', query: () => '{ myApplications { totalCount } }', allowed: ['resident', 'resident-password', 'other-resident'] },
  {
    who: 'draft acts: staff, head, council of that community; ministry; auditor (others are told there is none)',
    field: 'act',
    query: (f) => `{ act(id: "${f.draftActId}") { id status } }`,
    allowed: COMMUNITY_READERS,
    refusal: 'NOT_FOUND',
    anonymous: 'NOT_FOUND',
  },
  { who: 'auditor', field: 'auditLog', query: () => `{ auditLog(communityId: "${A}", first: 1) { totalCount } }`, allowed: ['auditor'] },
  { who: 'auditor', field: 'history', query: (f) => `{ history(streamId: "application-${f.applicationId}") { position } }`, allowed: ['auditor'] },
  { who: 'auditor', field: 'aggregateAsOf', query: (f) => `{ aggregateAsOf(streamId: "act-${f.draftActId}") { revision } }`, allowed: ['auditor'] },
];

/** docs/api.md's table, one representative mutation (or more) per row. */
const MATRIX: readonly Row[] = [
  // | community mutations | `ministry` |
  {
    who: 'community mutations',
    mutation: 'registerCommunity',
    allowed: ['ministry'],
    setup: async (f) => ({ input: { code: f.unique('TV-N'), nameHy: 'Նոր համայնք', nameEn: 'New community', province: 'Tavush', kind: 'rural', population: 900 } }),
  },
  {
    who: 'community mutations',
    mutation: 'offerService',
    allowed: ['ministry'],
    setup: async (f) => ({ communityId: A, input: { code: f.unique('svc'), nameHy: 'Ծառայություն', nameEn: 'Service', feeAmd: 0, deadlineDays: 5, issues: 'none' } }),
  },
  {
    who: 'community mutations',
    mutation: 'recordPopulation',
    allowed: ['ministry'],
    setup: async () => ({ communityId: A, population: 17_000, asOf: '2024-01-01' }),
  },

  // | submitApplication, fileComplaint online, provideApplicationInformation, withdrawApplication, reopenComplaint on their own case,
  // |   commentOnAct during discussion | `resident` (submission and online complaints need `acr` `eid` or `mid`) |
  // | the same on a resident's behalf (channel cso, hotline, in-person) | `staff`; `head` may do all that staff may |
  {
    who: 'resident (eid/mid) submits; staff/head on a resident’s behalf',
    mutation: 'submitApplication',
    note: 'no channel: online for a resident, in-person for staff',
    allowed: ['resident', 'other-resident', ...STAFF_SIDE],
    setup: async () => submission(),
  },
  {
    who: 'resident (eid/mid) files online',
    mutation: 'fileComplaint',
    note: 'channel online',
    allowed: ['resident', 'other-resident'],
    setup: async () => complaint('online'),
  },
  {
    who: 'staff/head file on a resident’s behalf',
    mutation: 'fileComplaint',
    note: 'channel hotline',
    allowed: STAFF_SIDE,
    setup: async () => complaint('hotline', { complainantName: 'Լիլիթ Գասպարյան', complainantId: 'res-1' }),
  },
  {
    who: 'resident on their own case; staff/head on their behalf',
    mutation: 'provideApplicationInformation',
    allowed: ['resident', 'resident-password', ...STAFF_SIDE],
    setup: async (f) => {
      const app = await registered(f);
      await f.must('assignApplication', { id: app.id, assigneeId: 'clerk-9' }, 'staff');
      await f.must('requestApplicationInformation', { id: app.id, question: 'Հասցե՞ն' }, 'staff');
      return { id: app.id, answer: 'Դիլիջան, Շահումյան 5' };
    },
  },
  {
    who: 'resident on their own case; staff/head on their behalf',
    mutation: 'withdrawApplication',
    allowed: ['resident', 'resident-password', ...STAFF_SIDE],
    setup: async (f) => ({ id: (await submitted(f)).id, reason: 'Այլևս պետք չէ' }),
  },
  {
    who: 'resident on their own case; staff/head on their behalf',
    mutation: 'reopenComplaint',
    allowed: ['resident', 'resident-password', ...STAFF_SIDE],
    setup: async (f) => {
      const c = await f.must('fileComplaint', complaint('online'), 'resident');
      await f.must('respondToComplaint', { id: c.id, response: 'Կնորոգվի', resolution: 'upheld' }, 'staff');
      return { id: c.id, reason: 'Չնորոգվեց' };
    },
  },
  {
    who: 'resident comments during discussion',
    mutation: 'commentOnAct',
    note: 'staff are refused: the mutation cannot name the resident they would act for',
    allowed: ['resident', 'resident-password', 'other-resident'],
    setup: async (f) => {
      const draft = await act(f, 'council');
      await f.must('openActDiscussion', { id: draft.id, until: daysFromToday(10) }, 'staff');
      return { id: draft.id, comment: 'Համաձայն եմ' };
    },
  },

  // | every other application, fee, act and complaint mutation in their community | `staff`; `head` may do all that staff may, and `signAct`; `council` records votes |
  { who: 'staff/head of the community', mutation: 'registerApplication', allowed: STAFF_SIDE, setup: async (f) => ({ id: (await submitted(f)).id }) },
  { who: 'staff/head of the community', mutation: 'approveApplication', allowed: STAFF_SIDE, setup: async (f) => ({ id: (await registered(f)).id, basis: 'Կանոնակարգ' }) },
  {
    who: 'staff/head of the community',
    mutation: 'assessFee',
    allowed: STAFF_SIDE,
    setup: async () => ({ input: { communityId: A, payerId: 'res-1', payerName: 'Լիլիթ Գասպարյան', code: 'land-tax', amountAmd: 7000, dueOn: daysFromToday(30), basis: 'Որոշում N 3' } }),
  },
  {
    who: 'staff/head of the community',
    mutation: 'recordPayment',
    allowed: STAFF_SIDE,
    setup: async (f) => ({ id: (await fee(f)).id, amountAmd: 7000, paidAt: new Date().toISOString(), reference: f.unique('PAY') }),
  },
  { who: 'staff/head of the community', mutation: 'waiveFee', allowed: STAFF_SIDE, setup: async (f) => ({ id: (await fee(f)).id, reason: 'Արտոնություն' }) },
  { who: 'staff/head of the community', mutation: 'draftAct', allowed: STAFF_SIDE, setup: async () => ({ input: { communityId: A, issuer: 'council', titleHy: 'Որոշում', text: 'Տեքստ' } }) },
  {
    who: 'staff/head of the community',
    mutation: 'publishAct',
    allowed: STAFF_SIDE,
    setup: async (f) => {
      const draft = await act(f, 'council');
      await f.must('placeActOnAgenda', { id: draft.id, sessionDate: daysFromToday(3) }, 'staff');
      await f.must('recordActVote', { id: draft.id, votesFor: 5, votesAgainst: 0, votesAbstained: 0 }, 'staff');
      return { id: draft.id, effectiveFrom: daysFromToday(10) };
    },
  },
  { who: 'staff/head of the community', mutation: 'acknowledgeComplaint', allowed: STAFF_SIDE, setup: async (f) => ({ id: (await f.must('fileComplaint', complaint('online'), 'resident')).id }) },
  {
    who: 'staff/head of the community',
    mutation: 'respondToComplaint',
    allowed: STAFF_SIDE,
    setup: async (f) => ({ id: (await f.must('fileComplaint', complaint('online'), 'resident')).id, response: 'Պատասխան', resolution: 'rejected' }),
  },
  { who: '`head` … and `signAct`', mutation: 'signAct', allowed: ['head'], setup: async (f) => ({ id: (await act(f, 'head')).id }) },
  {
    who: '`council` records votes (as do staff and head, who record a session’s outcome)',
    mutation: 'recordActVote',
    allowed: ['council', ...STAFF_SIDE],
    setup: async (f) => {
      const draft = await act(f, 'council');
      await f.must('placeActOnAgenda', { id: draft.id, sessionDate: daysFromToday(3) }, 'staff');
      return { id: draft.id, votesFor: 7, votesAgainst: 1, votesAbstained: 0 };
    },
  },
];

describe('GraphQL API: who may call which mutation', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let tokens: Record<Exclude<Caller, 'no-token'>, string>;
  let n = 0;

  beforeAll(async () => {
    server = await startServer();
    api = apiClient(server);
    const [resident, expired, foreign, minted] = await Promise.all([
      cliToken(server.dataDir, '--role', 'resident', '--sub', 'res-1', '--acr', 'eid'),
      cliToken(server.dataDir, '--role', 'staff', '--sub', 'clerk-1', '--community', A, '--expires=-1s'),
      foreignToken({ role: 'staff', sub: 'clerk-1', community: A }),
      mintTokens(server.dataDir, {
        'resident-password': { role: 'resident', sub: 'res-1', acr: 'password' },
        'other-resident': { role: 'resident', sub: 'res-2', acr: 'eid' },
        staff: { role: 'staff', sub: 'clerk-1', community: A },
        'staff-of-B': { role: 'staff', sub: 'clerk-b', community: B },
        head: { role: 'head', sub: 'head-a', community: A },
        council: { role: 'council', sub: 'council-a', community: A },
        ministry: { role: 'ministry', sub: 'minister' },
        auditor: { role: 'auditor', sub: 'auditor-1' },
        integration: { role: 'integration', sub: 'treasury' },
      }),
    ]);
    tokens = { resident, 'expired-token': expired, 'foreign-token': foreign, 'malformed-token': 'not-a-jwt', ...minted };

    for (const [code, nameHy, nameEn] of [
      [A, 'Դիլիջան', 'Dilijan'],
      [B, 'Իջևան', 'Ijevan'],
    ]) {
      await fixtures.must('registerCommunity', { input: { code, nameHy, nameEn, province: 'Tavush', kind: 'urban', population: 16_000 } }, 'ministry');
      await fixtures.must(
        'offerService',
        { communityId: code, input: { code: 'building-permit', nameHy: 'Շինթույլտվություն', nameEn: 'Building permit', feeAmd: 0, deadlineDays: 20, issues: 'permit' } },
        'ministry',
      );
    }
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const fixtures: Fixtures = {
    must: (name, variables, as) => api.must(name, variables, tokens[as]),
    unique: (label) => `${label}-${++n}`,
  };

  it('the expired token is refused for being expired (not for a bad signature)', async () => {
    const res = await api.send('recordPopulation', { communityId: A, population: 1, asOf: '2024-01-01' }, tokens['expired-token']);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/expired/i) });
  });

  describe('who may read what', () => {
    let cases: ReadFixtures;
    beforeAll(async () => {
      const [application, draft] = await Promise.all([submitted(fixtures), act(fixtures, 'council')]);
      cases = { applicationId: application.id as string, draftActId: draft.id as string };
      // The read models follow the log a moment later: wait until staff see both cases.
      const visible = `{ application(id: "${cases.applicationId}") { id } act(id: "${cases.draftActId}") { id } }`;
      for (let tries = 0; ; tries++) {
        const res = await gql<{ application: unknown; act: unknown }>(server, visible, undefined, tokens.staff);
        if (res.data?.application && res.data.act) break;
        if (tries > 300) throw new Error(`The read models never showed the cases: ${res.text.slice(0, 500)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    describe.each(READS)('$field — who may: $who', (row) => {
      it.each(CALLERS)('%s', async (caller) => {
        const token = caller === 'no-token' ? undefined : tokens[caller];
        const res = await gql(server, row.query(cases), undefined, token);
        expect(res.text).not.toMatch(/at \w+ \(|SQLITE|SELECT /i);
        const expected = row.allowed.includes(caller)
          ? 'allowed'
          : caller === 'no-token' && row.anonymous
            ? row.anonymous
            : UNAUTHENTICATED_CALLERS.includes(caller)
              ? 'UNAUTHENTICATED'
              : (row.refusal ?? 'FORBIDDEN');
        if (expected === 'allowed') {
          expect(res.errors).toBeUndefined();
          expect(res.data?.[row.field]).not.toBeNull();
        } else {
          expect(res.errors?.map((e) => e.extensions?.code)).toEqual([expected]);
        }
      });
    });

    it('acts lists show the draft to the community’s readers only; everyone sees the list', async () => {
      const seen: Partial<Record<Caller, boolean>> = {};
      for (const caller of SIGNED_IN) {
        const res = await gql<{ acts: { nodes: Array<{ id: string }> } }>(server, `{ acts(communityId: "${A}", first: 100) { nodes { id } } }`, undefined, tokens[caller as Exclude<Caller, 'no-token'>]);
        expect(res.errors).toBeUndefined();
        seen[caller] = res.data!.acts.nodes.some((n) => n.id === cases.draftActId);
      }
      expect(seen).toEqual(Object.fromEntries(SIGNED_IN.map((c) => [c, COMMUNITY_READERS.includes(c)])));
    });
  });

  describe.each(MATRIX)('$mutation — docs/api.md: $who', (row) => {
    // Each allowed caller gets its own case; the refused ones share one (a refusal changes nothing). Cases are
    // prepared all at once; the attempts then run one by one, so the head tells what each appended.
    const prepared = new Map<Caller, Record<string, unknown>>();
    beforeAll(async () => {
      const [shared, ...own] = await Promise.all([row.setup(fixtures), ...row.allowed.map(() => row.setup(fixtures))]);
      for (const caller of CALLERS) prepared.set(caller, shared);
      row.allowed.forEach((caller, i) => prepared.set(caller, own[i]));
    });

    it.each(CALLERS)('%s', async (caller) => {
      const variables = prepared.get(caller)!;
      const token = caller === 'no-token' ? undefined : tokens[caller];
      const before = await api.head();
      const res = await api.send(row.mutation, variables, token);
      expect(res.text).not.toMatch(/at \w+ \(|SQLITE|SELECT /i);
      if (row.allowed.includes(caller)) {
        expect(res.errors).toBeUndefined();
        expect(res.data?.[row.mutation]).toMatchObject({ id: expect.any(String), revision: expect.any(Number), status: expect.any(String) });
        expect(await api.head()).not.toBe(before);
      } else {
        const expected = UNAUTHENTICATED_CALLERS.includes(caller) ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual([expected]);
        expect(res.data?.[row.mutation] ?? null).toBeNull();
        expect(await api.head()).toBe(before);
      }
    });
  });
});

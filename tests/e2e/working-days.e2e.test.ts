/**
 * The working-day calendar over GraphQL on the real server: the two public queries (no token), the two
 * ministry mutations, their refusals (each appends nothing: the log head does not move), and a service
 * offered with deadlineKind "working" whose application is due the day addWorkingDays names.
 */
import fs from 'node:fs';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, gql, mintTokens, ok, onlyError, today } from './support/api';

const CODE = 'AM-WDX';
// 2030: 5 July (Friday) is Constitution Day; 8 July is a Monday, 13 July a Saturday.
const MONDAY = '2030-07-08';
const SATURDAY = '2030-07-13';
const DECISION = 'Կառավարության որոշում N 900-Ն';

describe('GraphQL API: working days', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let t: Record<'ministry' | 'staff' | 'resident', string>;

  beforeAll(async () => {
    server = await startServer();
    api = apiClient(server);
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry' },
      staff: { role: 'staff', sub: 'clerk-1', community: CODE },
      resident: { role: 'resident', sub: 'res-1', acr: 'eid' },
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const addWorkingDays = async (from: string, days: number, token?: string) =>
    ok(await gql<Record<string, string>>(server, 'query($from: String!, $days: Int!) { addWorkingDays(from: $from, days: $days) }', { from, days }, token), 'addWorkingDays');
  const workingDaysBetween = async (from: string, to: string) =>
    ok(await gql<Record<string, number>>(server, 'query($from: String!, $to: String!) { workingDaysBetween(from: $from, to: $to) }', { from, to }), 'workingDaysBetween');

  it('answers addWorkingDays and workingDaysBetween without a token, over weekends and statutory days', async () => {
    expect(await addWorkingDays('2025-09-19', 1)).toBe('2025-09-22'); // Friday → Monday (21 September a Sunday and Independence Day)
    expect(await addWorkingDays('2023-09-20', 1)).toBe('2023-09-22'); // 21 September 2023, a Thursday, is not a working day
    expect(await addWorkingDays('2025-06-14', 0)).toBe('2025-06-14');
    expect(await workingDaysBetween('2024-12-31', '2025-12-31')).toBe(252);
    expect(await workingDaysBetween('2025-06-16', '2025-06-13')).toBe(-1);
    expect(await addWorkingDays('2025-09-19', 1, t.resident)).toBe('2025-09-22');
  });

  it('refuses a negative count and dates that are not dates with VALIDATION_FAILED, its field and reason', async () => {
    const refusal = async (query: string, variables: Record<string, unknown>) => {
      const error = onlyError(await gql(server, query, variables));
      return [error.extensions?.code, error.extensions?.reason, error.extensions?.fields];
    };
    const add = 'query($from: String!, $days: Int!) { addWorkingDays(from: $from, days: $days) }';
    const between = 'query($from: String!, $to: String!) { workingDaysBetween(from: $from, to: $to) }';
    expect(await refusal(add, { from: '2025-01-10', days: -1 })).toEqual(['VALIDATION_FAILED', 'NEGATIVE_WORKING_DAYS', ['days']]);
    expect(await refusal(add, { from: '2025-02-30', days: 1 })).toEqual(['VALIDATION_FAILED', 'INVALID_DATE', ['from']]);
    expect(await refusal(between, { from: '2025-01-10', to: '10 January' })).toEqual(['VALIDATION_FAILED', 'INVALID_DATE', ['to']]);
    expect(await refusal(between, { from: '0999-01-10', to: '2025-01-10' })).toEqual(['VALIDATION_FAILED', 'DATE_OUT_OF_RANGE', ['from']]);
  });

  it('records the ministry’s declarations, and the queries count with them at once', async () => {
    expect(await addWorkingDays('2030-07-04', 1)).toBe(MONDAY); // Thursday → (5 July holiday, weekend) → Monday
    const calendar = await api.must('declareNonWorkingDay', { on: MONDAY, reason: DECISION }, t.ministry);
    expect(calendar).toMatchObject({ id: 'AM', declarations: [{ on: MONDAY, working: false, reason: DECISION }] });
    expect(await addWorkingDays('2030-07-04', 1)).toBe('2030-07-09');

    const moved = await api.must('declareWorkingDay', { on: SATURDAY, reason: DECISION }, t.ministry);
    expect(moved.declarations).toHaveLength(2);
    expect(await addWorkingDays('2030-07-12', 1)).toBe(SATURDAY);
    expect(await workingDaysBetween('2030-07-04', '2030-07-15')).toBe(6); // 9, 10, 11, 12, 13 (declared), 15
  });

  it('refuses, appending nothing: other roles, a weekend, a holiday, a day declared twice, a blank reason, a bad date', async () => {
    const cases: Array<[string, Parameters<typeof api.refused>, string, string | undefined]> = [
      ['no token', ['declareNonWorkingDay', { on: '2030-07-09', reason: DECISION }], 'UNAUTHENTICATED', undefined],
      ['staff', ['declareNonWorkingDay', { on: '2030-07-09', reason: DECISION }, t.staff], 'FORBIDDEN', undefined],
      ['a Sunday', ['declareNonWorkingDay', { on: '2030-07-14', reason: DECISION }, t.ministry], 'INVALID_TRANSITION', 'WEEKEND_ALREADY_NON_WORKING'],
      ['Independence Day, a Thursday', ['declareNonWorkingDay', { on: '2028-09-21', reason: DECISION }, t.ministry], 'INVALID_TRANSITION', 'STATUTORY_NON_WORKING_DAY'],
      ['declared twice', ['declareNonWorkingDay', { on: MONDAY, reason: DECISION }, t.ministry], 'INVALID_TRANSITION', 'DAY_ALREADY_DECLARED_NON_WORKING'],
      ['working already', ['declareWorkingDay', { on: '2030-07-09', reason: DECISION }, t.ministry], 'INVALID_TRANSITION', 'DAY_ALREADY_WORKING'],
      ['declared working twice', ['declareWorkingDay', { on: SATURDAY, reason: DECISION }, t.ministry], 'INVALID_TRANSITION', 'DAY_ALREADY_DECLARED_WORKING'],
      ['blank reason', ['declareNonWorkingDay', { on: '2030-07-09', reason: '   ' }, t.ministry], 'VALIDATION_FAILED', undefined],
      ['impossible date', ['declareWorkingDay', { on: '2030-02-30', reason: DECISION }, t.ministry], 'VALIDATION_FAILED', undefined],
    ];
    for (const [what, args, code, reason] of cases) {
      const before = await api.head();
      const error = await api.refused(...args);
      expect([what, error.extensions?.code]).toEqual([what, code]);
      if (reason) expect([what, error.extensions?.reason]).toEqual([what, reason]);
      expect([what, await api.head()]).toEqual([what, before]);
    }
  });

  it('offers a service counted in working days; an application to it is due the day addWorkingDays names', async () => {
    await api.must('registerCommunity', { input: { code: CODE, nameHy: 'Աշտարակ', nameEn: 'Ashtarak', province: 'Aragatsotn', kind: 'urban', population: 18_000 } }, t.ministry);
    const community = await api.must(
      'offerService',
      { communityId: CODE, input: { code: 'land-extract', nameHy: 'Քաղվածք', nameEn: 'Land extract', feeAmd: 0, deadlineDays: 7, issues: 'none', deadlineKind: 'working' } },
      t.ministry,
    );
    const offered = await api.must('offerService', { communityId: CODE, input: { code: 'inquiry', nameHy: 'Հարցում', nameEn: 'Inquiry', feeAmd: 0, deadlineDays: 7, issues: 'none' } }, t.ministry);
    expect(community.services).toEqual([expect.objectContaining({ code: 'land-extract', deadlineDays: 7 })]);
    const kinds = await gql<{ community: { services: Array<{ code: string; deadlineKind: string }> } }>(server, `query { community(id: "${CODE}") { services { code deadlineKind } } }`, undefined, t.ministry);
    // The ministry's token: the read waits for the ministry's own writes.
    expect(kinds.data?.community.services).toEqual([
      { code: 'land-extract', deadlineKind: 'working' },
      { code: 'inquiry', deadlineKind: 'calendar' },
    ]);
    expect(offered.revision).toBeGreaterThan(community.revision);

    const application = await api.must(
      'submitApplication',
      { input: { communityId: CODE, serviceCode: 'land-extract', subject: 'Քաղվածք', details: 'Խնդրում եմ', applicantName: 'Անի Սարգսյան' } },
      t.resident,
    );
    expect(application.dueOn).toBe(await addWorkingDays(today(), 7));
  });
});

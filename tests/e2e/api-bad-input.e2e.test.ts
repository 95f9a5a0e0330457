/**
 * Bad input at the GraphQL edge of the real server (docs/api.md "Errors"): documents that do not parse or
 * validate, values out of range, impossible dates, unknown ids, oversized requests and over-deep or
 * over-costly documents. Every case is refused with its `extensions.code`, appends nothing (the log
 * head does not move), and no answer shows a stack trace or SQL.
 */
import fs from 'node:fs';
import { startServer, type RunningServer } from '../support/server-process';
import { apiClient, daysFromToday, gql, LEAK, mintTokens, postGraphql, type GqlResponse, type View } from './support/api';

const CODE = 'AR-ART';

describe('GraphQL API: bad input', () => {
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  let t: Record<'ministry' | 'staff' | 'resident', string>;
  let fee: View;
  let act: View;

  beforeAll(async () => {
    server = await startServer();
    api = apiClient(server);
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry' },
      staff: { role: 'staff', sub: 'clerk-1', community: CODE },
      resident: { role: 'resident', sub: 'res-1', acr: 'eid' },
    });
    await api.must('registerCommunity', { input: { code: CODE, nameHy: 'Արտաշատ', nameEn: 'Artashat', province: 'Ararat', kind: 'urban', population: 20_000 } }, t.ministry);
    await api.must(
      'offerService',
      { communityId: CODE, input: { code: 'permit', nameHy: 'Թույլտվություն', nameEn: 'Permit', feeAmd: 0, deadlineDays: 10, issues: 'permit' } },
      t.ministry,
    );
    fee = await api.must('assessFee', { input: feeInput() }, t.staff);
    act = await api.must('draftAct', { input: { communityId: CODE, issuer: 'council', titleHy: 'Որոշում', text: 'Տեքստ' } }, t.staff);
  });
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const feeInput = (extra: Record<string, unknown> = {}) => ({
    communityId: CODE,
    payerId: 'res-1',
    payerName: 'Գոռ Ավետիսյան',
    code: 'property-tax',
    amountAmd: 5000,
    dueOn: daysFromToday(30),
    basis: 'Որոշում N 1',
    ...extra,
  });
  const payment = (extra: Record<string, unknown> = {}) => ({ id: fee.id, amountAmd: 100, paidAt: new Date().toISOString(), reference: 'REF-1', ...extra });
  const submission = (extra: Record<string, unknown> = {}) => ({
    input: { communityId: CODE, serviceCode: 'permit', subject: 'Առարկա', details: 'Մանրամասներ', applicantName: 'Գոռ Ավետիսյան', ...extra },
  });
  const complaint = (extra: Record<string, unknown> = {}) => ({
    input: { communityId: CODE, channel: 'online', category: 'roads', subject: 'Առարկա', description: 'Նկարագրություն', ...extra },
  });

  interface Case {
    readonly name: string;
    readonly send: () => Promise<GqlResponse<unknown>>;
    /** The code (or codes) every error must carry. */
    readonly code: string | readonly string[];
    /** The fields `extensions.fields` must name (each a pattern, so `subject` and `input.subject` both match /subject$/). */
    readonly fields?: readonly RegExp[];
    readonly httpStatus?: number | readonly number[];
  }

  const cases: readonly Case[] = [
    // The document does not parse or validate.
    { name: 'a syntax error', code: 'GRAPHQL_VALIDATION_FAILED', httpStatus: 400, send: () => postGraphql(server, { query: 'mutation { cancelFee(id: "x", reason: ' }, t.staff) },
    {
      name: 'an unknown field',
      code: 'GRAPHQL_VALIDATION_FAILED',
      httpStatus: 400,
      send: () => gql(server, 'mutation($id: ID!) { cancelFee(id: $id, reason: "x") { id status nonsense } }', { id: fee.id }, t.staff),
    },
    {
      name: 'an unknown argument',
      code: 'GRAPHQL_VALIDATION_FAILED',
      httpStatus: 400,
      send: () => gql(server, 'mutation($id: ID!) { cancelFee(id: $id, reason: "x", force: true) { id } }', { id: fee.id }, t.staff),
    },
    {
      name: 'a String literal for an Int',
      code: 'GRAPHQL_VALIDATION_FAILED',
      httpStatus: 400,
      send: () => gql(server, `mutation { recordPopulation(communityId: "${CODE}", population: "many", asOf: "2024-01-01") { id } }`, {}, t.ministry),
    },
    {
      name: 'a String variable for an Int',
      code: 'GRAPHQL_VALIDATION_FAILED',
      httpStatus: 400,
      send: () => api.send('recordPopulation', { communityId: CODE, population: '20000', asOf: '2024-01-01' }, t.ministry),
    },
    {
      name: 'a missing required argument',
      code: 'GRAPHQL_VALIDATION_FAILED',
      httpStatus: 400,
      send: () => gql(server, 'mutation($id: ID!) { cancelFee(id: $id) { id } }', { id: fee.id }, t.staff),
    },
    {
      name: 'a fractional Amd literal (amountAmd: 10.5)',
      code: 'GRAPHQL_VALIDATION_FAILED',
      httpStatus: 400,
      send: () => gql(server, `mutation { recordPayment(id: "${fee.id}", amountAmd: 10.5, paidAt: "${new Date().toISOString()}", reference: "R-frac") { id } }`, {}, t.staff),
    },
    { name: 'a fractional Amd variable (10.5)', code: 'GRAPHQL_VALIDATION_FAILED', httpStatus: 400, send: () => api.send('recordPayment', payment({ amountAmd: 10.5 }), t.staff) },
    { name: 'an Amd written as a string ("100")', code: 'GRAPHQL_VALIDATION_FAILED', httpStatus: 400, send: () => api.send('recordPayment', payment({ amountAmd: '100' }), t.staff) },
    {
      name: 'a negative Amd literal',
      code: 'GRAPHQL_VALIDATION_FAILED',
      httpStatus: 400,
      send: () => gql(server, `mutation { recordPayment(id: "${fee.id}", amountAmd: -5, paidAt: "${new Date().toISOString()}", reference: "R-neg") { id } }`, {}, t.staff),
    },
    { name: 'a negative Amd variable', code: 'GRAPHQL_VALIDATION_FAILED', httpStatus: 400, send: () => api.send('assessFee', { input: feeInput({ amountAmd: -1 }) }, t.staff) },
    {
      name: 'an Amd literal above 10^12',
      code: 'GRAPHQL_VALIDATION_FAILED',
      httpStatus: 400,
      send: () => gql(server, `mutation { refundFee(id: "${fee.id}", amountAmd: 1000000000001, reason: "x") { id } }`, {}, t.staff),
    },
    { name: 'an Amd variable above 10^12', code: 'GRAPHQL_VALIDATION_FAILED', httpStatus: 400, send: () => api.send('assessFee', { input: feeInput({ amountAmd: 1_000_000_000_001 }) }, t.staff) },

    // The document is fine; an input breaks a rule.
    { name: 'a fee of 0 drams (amountAmd must be above 0)', code: 'VALIDATION_FAILED', fields: [/^input\.amountAmd$/], send: () => api.send('assessFee', { input: feeInput({ amountAmd: 0 }) }, t.staff) },
    { name: 'a subject of 201 characters (application)', code: 'VALIDATION_FAILED', fields: [/^input\.subject$/], send: () => api.send('submitApplication', submission({ subject: 'ա'.repeat(201) }), t.resident) },
    { name: 'a subject of 201 characters (complaint)', code: 'VALIDATION_FAILED', fields: [/^input\.subject$/], send: () => api.send('fileComplaint', complaint({ subject: 'b'.repeat(201) }), t.resident) },
    { name: 'a name of 201 characters', code: 'VALIDATION_FAILED', fields: [/^input\.applicantName$/], send: () => api.send('submitApplication', submission({ applicantName: 'Ա'.repeat(201) }), t.resident) },
    { name: 'an act text over 100 000 characters', code: 'VALIDATION_FAILED', fields: [/^text$/], send: () => api.send('reviseActDraft', { id: act.id, text: 'ա'.repeat(100_001) }, t.staff) },
    {
      name: 'a complaint description over 100 000 characters',
      code: 'VALIDATION_FAILED',
      fields: [/description$/],
      send: () => api.send('fileComplaint', complaint({ description: 'x'.repeat(100_001) }), t.resident),
    },
    { name: 'a blank reason', code: 'VALIDATION_FAILED', fields: [/reason$/], send: () => api.send('cancelFee', { id: fee.id, reason: '   ' }, t.staff) },
    { name: 'an impossible date (2026-02-30)', code: 'VALIDATION_FAILED', fields: [/^input\.dueOn$/], send: () => api.send('assessFee', { input: feeInput({ dueOn: '2026-02-30' }) }, t.staff) },
    { name: 'a date written "tomorrow"', code: 'VALIDATION_FAILED', fields: [/until$/], send: () => api.send('openActDiscussion', { id: act.id, until: 'tomorrow' }, t.staff) },
    { name: 'a date-time written "tomorrow"', code: 'VALIDATION_FAILED', fields: [/paidAt$/], send: () => api.send('recordPayment', payment({ paidAt: 'tomorrow' }), t.staff) },
    { name: 'a month 13 (community fact)', code: 'VALIDATION_FAILED', fields: [/^on$/], send: () => api.send('deployCmis', { communityId: CODE, edition: 'single-settlement', on: '2019-13-01' }, t.ministry) },
    { name: 'an unknown province', code: 'VALIDATION_FAILED', fields: [/^input\.province$/], send: () => api.send('registerCommunity', { input: { code: 'AR-NEW', nameHy: 'Ա', nameEn: 'A', province: 'Atlantis', kind: 'rural', population: 1 } }, t.ministry) },
    { name: 'an unknown kind of community', code: 'VALIDATION_FAILED', fields: [/^input\.kind$/], send: () => api.send('registerCommunity', { input: { code: 'AR-NEW', nameHy: 'Ա', nameEn: 'A', province: 'Ararat', kind: 'metropolis', population: 1 } }, t.ministry) },
    { name: 'an unknown resolution', code: 'VALIDATION_FAILED', fields: [/resolution$/], send: () => api.send('respondToComplaint', { id: 'any', response: 'r', resolution: 'maybe' }, t.staff) },
    { name: 'an unknown service code', code: 'VALIDATION_FAILED', fields: [/^input\.serviceCode$/], send: () => api.send('submitApplication', submission({ serviceCode: 'no-such-service' }), t.resident) },
    { name: 'an unknown community in a submission', code: 'VALIDATION_FAILED', fields: [/^input\.communityId$/], send: () => api.send('submitApplication', submission({ communityId: 'NO-SUCH' }), t.resident) },
    { name: 'a negative expectedRevision', code: 'VALIDATION_FAILED', fields: [/expectedRevision$/], send: () => api.send('cancelFee', { id: fee.id, reason: 'x', expectedRevision: -1 }, t.staff) },
    { name: 'a commandId of 201 characters', code: 'VALIDATION_FAILED', fields: [/commandId$/], send: () => api.send('cancelFee', { id: fee.id, reason: 'x', commandId: 'c'.repeat(201) }, t.staff) },

    // Unknown ids.
    { name: 'recordPayment on a fee that does not exist', code: 'NOT_FOUND', send: () => api.send('recordPayment', payment({ id: 'no-such-fee' }), t.staff) },
    { name: 'registerApplication of an application that does not exist', code: 'NOT_FOUND', send: () => api.send('registerApplication', { id: 'no-such-application' }, t.staff) },
    { name: 'reviseActDraft of an act that does not exist', code: 'NOT_FOUND', send: () => api.send('reviseActDraft', { id: 'no-such-act', text: 'x' }, t.staff) },
    { name: 'acknowledgeComplaint of a complaint that does not exist', code: 'NOT_FOUND', send: () => api.send('acknowledgeComplaint', { id: 'no-such-complaint' }, t.staff) },
    { name: 'recordPopulation of a community that does not exist', code: 'NOT_FOUND', send: () => api.send('recordPopulation', { communityId: 'NO-SUCH', population: 1, asOf: '2024-01-01' }, t.ministry) },

    // Limits.
    {
      // The server answers 400 GRAPHQL_VALIDATION_FAILED "Request body is too large"; 413 would say it more exactly.
      name: 'a request body over the size limit (1 MiB)',
      code: ['GRAPHQL_VALIDATION_FAILED', 'VALIDATION_FAILED'],
      httpStatus: [400, 413],
      send: () => api.send('cancelFee', { id: fee.id, reason: 'x'.repeat(1024 * 1024 + 1) }, t.staff),
    },
    {
      name: 'a mutation document deeper than the depth limit',
      code: 'QUERY_TOO_COMPLEX',
      httpStatus: 400,
      send: () => gql(server, `mutation($id: ID!) { cancelFee(id: $id, reason: "deep") { ${'... on Fee { '.repeat(12)}id${' }'.repeat(12)} } }`, { id: fee.id }, t.staff),
    },
    {
      name: 'a mutation document over the cost limit (2 501 aliased mutations, cost 5 002 > 5 000)',
      code: 'QUERY_TOO_COMPLEX',
      httpStatus: 400,
      send: () =>
        gql(
          server,
          `mutation($id: ID!) { ${Array.from({ length: 2501 }, (_, i) => `m${i}: recordPayment(id: $id, amountAmd: 1, paidAt: "2026-01-01T00:00:00Z", reference: "R${i}") { id }`).join(' ')} }`,
          { id: fee.id },
          t.staff,
        ),
    },
  ];

  it.each(cases)('$name → $code, appending nothing', async ({ send, code, fields, httpStatus }) => {
    const before = await api.head();
    const res = await send();
    expect(res.text).not.toMatch(LEAK);
    expect(res.errors?.length).toBeGreaterThanOrEqual(1);
    for (const error of res.errors!) expect(error.message).not.toMatch(LEAK);
    const codes: readonly string[] = typeof code === 'string' ? [code] : code;
    for (const error of res.errors!) expect(codes).toContain(error.extensions?.code);
    if (httpStatus !== undefined) expect(typeof httpStatus === 'number' ? [httpStatus] : httpStatus).toContain(res.status);
    if (fields) {
      const named = res.errors![0].extensions?.fields ?? [];
      for (const field of fields) expect(named).toEqual(expect.arrayContaining([expect.stringMatching(field)]));
    }
    expect(res.data ?? null).toBeNull();
    expect(await api.head()).toBe(before);
  });

  it('a body that is not JSON is refused without details of the server', async () => {
    const before = await api.head();
    const res = await postGraphql(server, '{"query": "mutation { cancelFee(', t.staff);
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(LEAK);
    expect(await api.head()).toBe(before);
  });

  it('the limits are not off by one: 200 characters of Armenian and a 100 000-character text are accepted', async () => {
    const app = await api.must('submitApplication', submission({ subject: 'ա'.repeat(200), applicantName: 'Ա'.repeat(200) }), t.resident);
    expect(app.subject).toHaveLength(200);
    const revised = await api.must('reviseActDraft', { id: act.id, text: 'ա'.repeat(100_000) }, t.staff);
    expect(revised).toMatchObject({ version: 2, status: 'draft' });
    const big = await api.must('assessFee', { input: feeInput({ amountAmd: 1_000_000_000_000 }) }, t.staff);
    expect(big).toMatchObject({ amountAmd: 1_000_000_000_000, balanceAmd: 1_000_000_000_000 });
  });
});

/**
 * Queries run often are compiled by graphql-jit (GRAPHQL_JIT_AFTER runs of one text): the compiled form
 * must answer exactly what graphql-js answered — data, custom scalars, fields with arguments, aliases,
 * errors and their codes. Each query below runs past the threshold on the real server over seeded demo
 * data, and every answer is compared with the first one.
 */
import fs from 'node:fs';
import { getIntrospectionQuery } from 'graphql';
import { GRAPHQL_JIT_AFTER } from '../../interfaces/graphql/jit';
import { communityQuery, monthsEnding, nationalQuery, twelveMonths } from '../../interfaces/web/queries';
import { seededDataDir } from '../support/seeded-template';
import { startServer, type RunningServer } from '../support/server-process';
import { mintTokens, postGraphql, type GqlResponse } from './support/api';

const COMMUNITY = 'AM08001';
const RUNS = GRAPHQL_JIT_AFTER + 3;

/** An answer with the per-request parts of INTERNAL errors (request ids) taken out. */
const comparable = (res: GqlResponse<unknown>) => ({
  status: res.status,
  body: res.text.replace(/"requestId":"[^"]*"/g, '"requestId":"-"').replace(/quote request id \S+/g, 'quote request id -'),
});

describe('GraphQL API: compiled queries answer as graphql-js does', () => {
  let server: RunningServer;
  let staff: string;
  let resident: string;

  beforeAll(async () => {
    server = await startServer({}, { dataDir: await seededDataDir(), readyTimeoutMs: 600_000 });
    ({ staff, resident } = await mintTokens(server.dataDir, {
      staff: { role: 'staff', sub: 'clerk-jit', community: COMMUNITY },
      resident: { role: 'resident', sub: 'res-jit', acr: 'eid' },
    }));
  }, 900_000);
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const sameEveryTime = async (body: Record<string, unknown>, token?: string): Promise<GqlResponse<Record<string, unknown>>> => {
    const first = await postGraphql(server, body, token);
    for (let i = 1; i < RUNS; i++) expect(comparable(await postGraphql(server, body, token))).toEqual(comparable(first));
    return first;
  };

  it('the national page: aliases, a field with an argument on a report object, Armenian and dates', async () => {
    const asOf = '2019-07-01';
    const res = await sameEveryTime({ query: nationalQuery(asOf, twelveMonths(asOf), '1999-01-01') });
    expect(res.errors).toBeUndefined();
    const report = res.data?.report as Record<string, unknown>;
    expect(report.totalCommunities).toBeGreaterThan(400);
    expect(typeof report.citizenServiceOfficesWithGiz).toBe('number');
    expect(report.citizenServiceOfficesWithGiz as number).toBeGreaterThan(0);
    expect(Array.isArray(res.data?.overTime)).toBe(true);
  });

  it('a community page: publicSite, Amd amounts, nested lists and twelve aliased reports', async () => {
    const today = '2026-11-25';
    const res = await sameEveryTime({ query: communityQuery(COMMUNITY, twelveMonths(today), monthsEnding(today, 12)) });
    expect(res.errors).toBeUndefined();
    const site = res.data?.site as { community: { nameHy: string }; services: Array<{ feeAmd: number }> };
    expect(site.community.nameHy).toMatch(/\p{Script=Armenian}/u);
    expect(site.services.length).toBeGreaterThan(0);
    for (const s of site.services) expect(Number.isInteger(s.feeAmd)).toBe(true);
  });

  it('a cursor page with variables, read by staff of the community', async () => {
    const query = `query Apps($c: ID!, $n: Int, $after: String) {
      applications(communityId: $c, first: $n, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id status registrationNumber dueOn overdue } }
    }`;
    const page1 = await sameEveryTime({ query, variables: { c: COMMUNITY, n: 3 } }, staff);
    expect(page1.errors).toBeUndefined();
    const apps = page1.data?.applications as { pageInfo: { endCursor: string; hasNextPage: boolean }; nodes: unknown[] };
    expect(apps.nodes).toHaveLength(3);
    expect(apps.pageInfo.hasNextPage).toBe(true);
    const page2 = await sameEveryTime({ query, variables: { c: COMMUNITY, n: 3, after: apps.pageInfo.endCursor } }, staff);
    expect(page2.errors).toBeUndefined();
    expect(JSON.stringify(page2.data)).not.toBe(JSON.stringify(page1.data));
  });

  it('introspection, as GraphiQL asks for the schema', async () => {
    const res = await sameEveryTime({ query: getIntrospectionQuery({ descriptions: true }) });
    expect(res.errors).toBeUndefined();
    const types = (res.data?.__schema as { types: Array<{ name: string; description: string | null }> }).types;
    expect(types.find((t) => t.name === 'Amd')?.description).toBeTruthy();
  });

  it('refusals keep their codes: NOT_FOUND, FORBIDDEN, and a bad variable', async () => {
    const missing = await sameEveryTime({ query: 'query A($id: ID!) { application(id: $id) { id } }', variables: { id: 'no-such-application' } }, staff);
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const forbidden = await sameEveryTime({ query: `{ applications(communityId: "${COMMUNITY}") { totalCount } }` }, resident);
    expect(forbidden.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const badVariable = await sameEveryTime({ query: 'query C($n: Int) { communities(first: $n) { totalCount } }', variables: { n: 'many' } });
    expect(badVariable.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

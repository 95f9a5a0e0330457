/**
 * Helpers for the end-to-end tests of the GraphQL API (tests/e2e/api-*.e2e.test.ts): raw HTTP
 * posts that keep the status code, bearer tokens from the real CLI, the log head from /health,
 * dates in Asia/Yerevan, and the leak check every error response must pass.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addDays, yerevanDate } from '../../../domain/kernel/time';
import { loadTokenKeys, signToken, type TokenClaims } from '../../../infrastructure/auth/jwt';
import { tokenKeyConfig } from '../../../interfaces/composition';
import { cliArgs, type RunningServer } from '../../support/server-process';

const run = promisify(execFile);

export interface GqlError {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly fields?: readonly string[]; readonly reason?: string; readonly [key: string]: unknown };
}

export interface GqlResponse<T = Record<string, unknown>> {
  /** The HTTP status code. */
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly GqlError[];
  /** The raw response body, for leak checks. */
  readonly text: string;
}

/**
 * One HTTP request over a keep-alive agent. (node:http rather than fetch: on Node 20 each fetch to
 * the local server took about 20 ms against 3 ms here, and these suites send thousands.)
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
export const httpRequest = (url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });

/** POSTs a raw body (a string is sent as is) to /graphql and keeps the status and the raw text. */
export const postGraphql = async <T = Record<string, unknown>>(server: Pick<RunningServer, 'url'>, body: unknown, token?: string): Promise<GqlResponse<T>> => {
  const { status, text } = await httpRequest(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  let parsed: { data?: T | null; errors?: GqlError[] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not JSON: the status and the text still tell what happened.
  }
  return { status, data: parsed.data, errors: parsed.errors, text };
};

export const gql = <T = Record<string, unknown>>(server: Pick<RunningServer, 'url'>, query: string, variables?: Record<string, unknown>, token?: string) =>
  postGraphql<T>(server, { query, variables }, token);

/** The global log head from GET /health (null for an empty log). */
export const logHead = async (server: Pick<RunningServer, 'url'>): Promise<string | null> => {
  const { status, text } = await httpRequest(`${server.url}/health`);
  if (status !== 200) throw new Error(`/health answered ${status}: ${text}`);
  return (JSON.parse(text) as { head: string | null }).head;
};

/** A bearer token from the real CLI (`hamaynk token …`) for the server's DATA_DIR. */
export const cliToken = async (dataDir: string, ...args: string[]): Promise<string> => {
  try {
    return (await run(process.execPath, cliArgs('token', ...args), { env: { ...process.env, DATA_DIR: dataDir } })).stdout.trim();
  } catch (e) {
    const { code, signal, stderr } = e as { code?: number; signal?: string; stderr?: string };
    throw new Error(`hamaynk token ${args.join(' ')} failed (exit ${code ?? '-'}, signal ${signal ?? '-'}): ${stderr ?? ''}`);
  }
};

export interface TokenSpec {
  readonly role: TokenClaims['role'];
  readonly sub?: string;
  readonly community?: string;
  readonly acr?: TokenClaims['acr'];
  readonly office?: string;
  /** As the CLI's --expires (default 12h; "-1s" is already expired). */
  readonly expires?: string;
}

/**
 * Tokens signed in this process exactly as `hamaynk token` signs them (the same key loading from
 * DATA_DIR and the same signToken): each CLI run compiles the whole server and takes over a second,
 * so the suites mint most tokens here and run the real CLI for a few (see cliToken).
 */
export const mintTokens = async <K extends string>(dataDir: string, specs: Record<K, TokenSpec>): Promise<Record<K, string>> => {
  const keys = loadTokenKeys(tokenKeyConfig({ dataDir }));
  const entries = await Promise.all(
    Object.entries<TokenSpec>(specs).map(
      async ([name, s]) => [name, await signToken(keys, { sub: s.sub ?? `${s.role}-dev`, role: s.role, communityId: s.community, acr: s.acr, officeId: s.office }, s.expires)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<K, string>;
};

/** A valid-looking token signed with another DATA_DIR's development key (the server must not trust it). */
export const foreignToken = async (spec: TokenSpec): Promise<string> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-foreign-'));
  try {
    return (await mintTokens(dir, { token: spec })).token;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

/** Today in Asia/Yerevan, and a date `days` from it (YYYY-MM-DD). */
export const today = (): string => yerevanDate(new Date());
export const daysFromToday = (days: number): string => addDays(today(), days);

/** What no client may ever see: stack frames, SQLite errors, SQL. */
export const LEAK = /at \w+ \(|SQLITE|SELECT /i;

/** The one error of a response, checked for leaks. */
export const onlyError = (res: GqlResponse<unknown>): GqlError => {
  expect(res.text).not.toMatch(LEAK);
  expect(res.errors).toHaveLength(1);
  return res.errors![0];
};

/** Throws with the server's answer when a mutation failed; returns its one field's value. */
export const ok = <T>(res: GqlResponse<Record<string, T>>, field: string): T => {
  if (res.errors?.length || !res.data || res.data[field] === undefined || res.data[field] === null) {
    throw new Error(`${field} failed (HTTP ${res.status}): ${res.text.slice(0, 2000)}`);
  }
  return res.data[field];
};

/** Fields every mutation test asks for, per view type. */
export const COMMUNITY_FIELDS = `id revision status nameHy nameEn province kind population populationAsOf settlements cmisEdition documentCirculation
  officialWebsite { url hostedOnCmis } citizenServiceOffices { officeId name partners } services { code nameHy nameEn feeAmd deadlineDays issues }
  provenance { fact source } formerCommunityIds mergedInto mergedOn consolidatedOn`;
export const APPLICATION_FIELDS = `id revision status communityId serviceCode kind subject applicantId channel registrationNumber assigneeId pendingQuestion dueOn overdue feeSettled
  decision { outcome basis reason answer } permit { number validFrom validUntil } certificateNumber taxLiability`;
export const FEE_FIELDS = 'id revision status communityId code amountAmd paidAmd refundedAmd balanceAmd dueOn overdue payerId applicationId waiverReason cancellationReason';
export const ACT_FIELDS = `id revision status communityId issuer number titleHy titleEn text version effectiveFrom votes { for against abstained }
  discussionUntil commentCount sessionDate repealedBy repealEffectiveFrom history { version text effectiveFrom amendingActId }`;
export const STAFF_APPOINTMENT_FIELDS = 'id revision status personalId name role communityId appointedAt appointedOn dismissedAt';
export const COMPLAINT_FIELDS = 'id revision status communityId channel category subject resolution responseDueOn overdue complainantId complainantName escalatedTo reopenableUntil';
export const WORKING_DAY_CALENDAR_FIELDS = 'id revision declarations { on working reason declaredAt }';

/** Every mutation's arguments with their GraphQL types (interfaces/graphql/schema/mutations.graphql.ts), and the view it returns. */
const ON_EXISTING = { commandId: 'ID', expectedRevision: 'Int' } as const;
const COMMUNITY_ARGS = { source: 'String', ...ON_EXISTING } as const;
export const MUTATIONS = {
  registerCommunity: { args: { input: 'RegisterCommunityInput!', source: 'String', commandId: 'ID' }, fields: COMMUNITY_FIELDS },
  consolidateCommunities: { args: { input: 'ConsolidateCommunitiesInput!', source: 'String', commandId: 'ID' }, fields: COMMUNITY_FIELDS },
  recordPopulation: { args: { communityId: 'ID!', population: 'Int!', asOf: 'String!', ...COMMUNITY_ARGS }, fields: COMMUNITY_FIELDS },
  deployCmis: { args: { communityId: 'ID!', edition: 'String!', on: 'String!', ...COMMUNITY_ARGS }, fields: COMMUNITY_FIELDS },
  enableDocumentCirculation: { args: { communityId: 'ID!', on: 'String!', ...COMMUNITY_ARGS }, fields: COMMUNITY_FIELDS },
  launchOfficialWebsite: { args: { communityId: 'ID!', url: 'String!', hostedOnCmis: 'Boolean!', on: 'String!', ...COMMUNITY_ARGS }, fields: COMMUNITY_FIELDS },
  openCitizenServiceOffice: { args: { communityId: 'ID!', officeId: 'String!', name: 'String!', partners: '[String!]', on: 'String!', ...COMMUNITY_ARGS }, fields: COMMUNITY_FIELDS },
  offerService: { args: { communityId: 'ID!', input: 'ServiceInput!', ...COMMUNITY_ARGS }, fields: COMMUNITY_FIELDS },
  withdrawService: { args: { communityId: 'ID!', code: 'String!', ...COMMUNITY_ARGS }, fields: COMMUNITY_FIELDS },

  submitApplication: { args: { input: 'SubmitApplicationInput!', commandId: 'ID' }, fields: APPLICATION_FIELDS },
  registerApplication: { args: { id: 'ID!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  assignApplication: { args: { id: 'ID!', assigneeId: 'String!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  requestApplicationInformation: { args: { id: 'ID!', question: 'String!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  provideApplicationInformation: { args: { id: 'ID!', answer: 'String!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  approveApplication: { args: { id: 'ID!', basis: 'String!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  rejectApplication: { args: { id: 'ID!', reason: 'String!', basis: 'String!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  issuePermit: { args: { id: 'ID!', validFrom: 'String!', validUntil: 'String!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  issueCertificate: { args: { id: 'ID!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  answerInquiry: { args: { id: 'ID!', answer: 'String!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },
  withdrawApplication: { args: { id: 'ID!', reason: 'String!', ...ON_EXISTING }, fields: APPLICATION_FIELDS },

  assessFee: { args: { input: 'AssessFeeInput!', commandId: 'ID' }, fields: FEE_FIELDS },
  recordPayment: { args: { id: 'ID!', amountAmd: 'Amd!', paidAt: 'String!', reference: 'String!', ...ON_EXISTING }, fields: FEE_FIELDS },
  waiveFee: { args: { id: 'ID!', reason: 'String!', actId: 'ID', ...ON_EXISTING }, fields: FEE_FIELDS },
  cancelFee: { args: { id: 'ID!', reason: 'String!', ...ON_EXISTING }, fields: FEE_FIELDS },
  refundFee: { args: { id: 'ID!', amountAmd: 'Amd!', reason: 'String!', ...ON_EXISTING }, fields: FEE_FIELDS },

  draftAct: { args: { input: 'DraftActInput!', commandId: 'ID' }, fields: ACT_FIELDS },
  reviseActDraft: { args: { id: 'ID!', text: 'String!', ...ON_EXISTING }, fields: ACT_FIELDS },
  openActDiscussion: { args: { id: 'ID!', until: 'String!', ...ON_EXISTING }, fields: ACT_FIELDS },
  commentOnAct: { args: { id: 'ID!', comment: 'String!', ...ON_EXISTING }, fields: ACT_FIELDS },
  closeActDiscussion: { args: { id: 'ID!', ...ON_EXISTING }, fields: ACT_FIELDS },
  placeActOnAgenda: { args: { id: 'ID!', sessionDate: 'String!', ...ON_EXISTING }, fields: ACT_FIELDS },
  recordActVote: { args: { id: 'ID!', votesFor: 'Int!', votesAgainst: 'Int!', votesAbstained: 'Int!', ...ON_EXISTING }, fields: ACT_FIELDS },
  signAct: { args: { id: 'ID!', ...ON_EXISTING }, fields: ACT_FIELDS },
  publishAct: { args: { id: 'ID!', effectiveFrom: 'String!', ...ON_EXISTING }, fields: ACT_FIELDS },
  amendAct: { args: { id: 'ID!', amendingActId: 'ID!', text: 'String!', effectiveFrom: 'String!', ...ON_EXISTING }, fields: ACT_FIELDS },
  repealAct: { args: { id: 'ID!', repealingActId: 'ID!', effectiveFrom: 'String!', ...ON_EXISTING }, fields: ACT_FIELDS },

  fileComplaint: { args: { input: 'FileComplaintInput!', commandId: 'ID' }, fields: COMPLAINT_FIELDS },
  acknowledgeComplaint: { args: { id: 'ID!', ...ON_EXISTING }, fields: COMPLAINT_FIELDS },
  assignComplaint: { args: { id: 'ID!', assigneeId: 'String!', ...ON_EXISTING }, fields: COMPLAINT_FIELDS },
  respondToComplaint: { args: { id: 'ID!', response: 'String!', resolution: 'String!', ...ON_EXISTING }, fields: COMPLAINT_FIELDS },
  escalateComplaint: { args: { id: 'ID!', to: 'String!', reason: 'String!', ...ON_EXISTING }, fields: COMPLAINT_FIELDS },
  reopenComplaint: { args: { id: 'ID!', reason: 'String!', ...ON_EXISTING }, fields: COMPLAINT_FIELDS },
  closeComplaint: { args: { id: 'ID!', ...ON_EXISTING }, fields: COMPLAINT_FIELDS },

  appointStaff: { args: { communityId: 'ID!', personalId: 'String!', role: 'String!', name: 'String!', commandId: 'ID' }, fields: STAFF_APPOINTMENT_FIELDS },
  dismissStaff: { args: { communityId: 'ID!', personalId: 'String!', commandId: 'ID' }, fields: STAFF_APPOINTMENT_FIELDS },
  appointOfficial: { args: { personalId: 'String!', role: 'String!', name: 'String!', commandId: 'ID' }, fields: STAFF_APPOINTMENT_FIELDS },
  dismissOfficial: { args: { personalId: 'String!', commandId: 'ID' }, fields: STAFF_APPOINTMENT_FIELDS },
  declareNonWorkingDay: { args: { on: 'String!', reason: 'String!', commandId: 'ID' }, fields: WORKING_DAY_CALENDAR_FIELDS },
  declareWorkingDay: { args: { on: 'String!', reason: 'String!', commandId: 'ID' }, fields: WORKING_DAY_CALENDAR_FIELDS },
} as const;

export type MutationName = keyof typeof MUTATIONS;

/** `mutation($a: T, …) { name(a: $a, …) { fields } }` for the arguments actually given. */
export const mutationDocument = (name: MutationName, given: readonly string[]): string => {
  const args = Object.entries(MUTATIONS[name].args as Record<string, string>).filter(([arg]) => given.includes(arg));
  const unknown = given.filter((g) => !(g in MUTATIONS[name].args));
  if (unknown.length) throw new Error(`${name} takes no ${unknown.join(', ')}`);
  const defs = args.map(([arg, type]) => `$${arg}: ${type}`).join(', ');
  const pass = args.map(([arg]) => `${arg}: $${arg}`).join(', ');
  return `mutation${defs ? `(${defs})` : ''} { ${name}${pass ? `(${pass})` : ''} { ${MUTATIONS[name].fields} } }`;
};

/** Any value a view holds (the tests read the fields they asked for). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type View = Record<string, any>;

/** A client of one server: `send` returns the raw response, `must` the view or throws with the server's answer. */
export const apiClient = (server: Pick<RunningServer, 'url'>) => {
  const send = (name: MutationName, variables: Record<string, unknown>, token?: string): Promise<GqlResponse<Record<string, View>>> =>
    gql<Record<string, View>>(server, mutationDocument(name, Object.keys(variables)), variables, token);
  const must = async (name: MutationName, variables: Record<string, unknown>, token?: string): Promise<View> => ok(await send(name, variables, token), name);
  /** The one error of a refused mutation, after checking it leaks nothing. */
  const refused = async (name: MutationName, variables: Record<string, unknown>, token?: string): Promise<GqlError> => {
    const res = await send(name, variables, token);
    if (!res.errors?.length) throw new Error(`${name} was expected to fail but answered ${res.text.slice(0, 1000)}`);
    return onlyError(res);
  };
  return { send, must, refused, head: () => logHead(server) };
};

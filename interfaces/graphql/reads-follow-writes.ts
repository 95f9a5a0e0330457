/**
 * Reads that follow writes over GraphQL (docs/reads-follow-writes.md):
 * - every mutation's answer carries `extensions.position`, the global position of the last event it
 *   appended (a repeated commandId: of the first time), and that position is recorded for the caller;
 * - a query waits until the read models it uses reflect the caller's last write, or the position a client
 *   names in `Hamaynk-After-Position`, and fails STALE_READ when they do not within the wait.
 */
import { Kind, getOperationAST, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../../application/errors';
import { PROJECTION_NAMES } from '../../application/queries/read-models';
import type { ReadsFollowWrites } from '../../application/reads-follow-writes';
import type { Caller } from './context';

export const AFTER_POSITION_HEADER = 'Hamaynk-After-Position';

/** What the hooks need of a request's context (RequestContext in http/server.ts). */
export interface ReadsFollowWritesContext {
  caller: Caller;
  reply?: { request: { headers: Record<string, string | string[] | undefined>; body?: unknown; query?: unknown }; log?: { error(details: object, message: string): void } };
  /**
   * The position of the last event this request's mutations appended; null when they appended nothing;
   * absent when no mutation was answered.
   */
  appendedPosition?: bigint | null;
}

/** Whose writes a query must see: a browser session's own (`session:<id>`), else the bearer token's `sub`. */
export const callerKeyOf = (ctx: Pick<ReadsFollowWritesContext, 'caller'>): string | null => {
  if (!ctx.caller.actor) return null;
  return ctx.caller.sessionId ? `session:${ctx.caller.sessionId}` : `sub:${ctx.caller.actor.id}`;
};

/** Called by each mutation resolver with its result's position; the request keeps the latest. */
export const noteAppended = (ctx: ReadsFollowWritesContext, position: bigint | null | undefined): void => {
  const known = ctx.appendedPosition ?? null;
  const next = position ?? null;
  ctx.appendedPosition = known === null || (next !== null && next > known) ? next : known;
};

/** The position named by `Hamaynk-After-Position` (null when absent); anything but decimal digits is VALIDATION_FAILED. */
export const afterPositionOf = (headers: Record<string, string | string[] | undefined>): bigint | null => {
  const raw = headers[AFTER_POSITION_HEADER.toLowerCase()];
  if (raw === undefined) return null;
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  const trimmed = value.trim();
  if (!/^\d{1,20}$/.test(trimmed)) {
    throw new ValidationFailed(`${AFTER_POSITION_HEADER} must be a global position: decimal digits, as in extensions.position`, [AFTER_POSITION_HEADER], 'INVALID_POSITION');
  }
  return BigInt(trimmed);
};

const { cases, payments, adoption, auditLog, worklist, staffDirectory, documents, outbox } = PROJECTION_NAMES;
const ALL_READ_MODELS: readonly string[] = Object.values(PROJECTION_NAMES);

/**
 * The projections each root query field reads. Fields that read the event log or the audit tree
 * themselves need none; a field missing here (one added later) waits for every projection, to be safe.
 */
export const READ_MODELS_OF_FIELD: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  __schema: [],
  __type: [],
  serverInfo: [],
  history: [],
  aggregateAsOf: [],
  auditTreeHead: [],
  auditInclusionProof: [],
  auditConsistencyProof: [],
  community: [cases],
  communities: [cases],
  application: [cases],
  applications: [cases],
  myApplications: [cases],
  fee: [cases],
  fees: [cases],
  myFees: [cases],
  act: [cases],
  acts: [cases],
  complaint: [cases],
  complaints: [cases],
  myComplaints: [cases],
  publicSite: [cases],
  dashboard: [cases],
  transparencyReport: [cases, payments, documents],
  nationalAdoptionReport: [adoption, documents],
  adoptionOverTime: [adoption],
  addWorkingDays: [],
  workingDaysBetween: [],
  auditLog: [auditLog],
  worklist: [worklist],
  staffDirectory: [staffDirectory],
  document: [documents],
  documents: [documents],
  myMessages: [outbox],
  myContactDetails: [outbox],
};

/** The root field names an operation selects (through fragments), each once. */
const rootFields = (set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>(), out = new Set<string>()): Set<string> => {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) out.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootFields(selection.selectionSet, fragments, seen, out);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) rootFields(fragment.selectionSet, fragments, seen, out);
    }
  }
  return out;
};

/** What a document's operation needs: whether it is a query, and the projections its root fields read. */
export const readModelsOf = (document: DocumentNode, operationName?: string | null): { query: boolean; projections: readonly string[] } => {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation || operation.operation !== 'query') return { query: false, projections: [] };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const projections = new Set<string>();
  for (const field of rootFields(operation.selectionSet, fragments)) for (const p of READ_MODELS_OF_FIELD[field] ?? ALL_READ_MODELS) projections.add(p);
  return { query: true, projections: [...projections] };
};

/** Documents are parsed once and kept by mercurius: what each operation needs is worked out once too. */
const needsCache = new WeakMap<DocumentNode, Map<string, { query: boolean; projections: readonly string[] }>>();
const needsOf = (document: DocumentNode, operationName: string | null): { query: boolean; projections: readonly string[] } => {
  let byName = needsCache.get(document);
  if (!byName) needsCache.set(document, (byName = new Map()));
  const key = operationName ?? '';
  let needs = byName.get(key);
  if (!needs) byName.set(key, (needs = readModelsOf(document, operationName)));
  return needs;
};

const operationNameOf = (ctx: ReadsFollowWritesContext): string | null => {
  const request = ctx.reply?.request;
  const name = (request?.body as { operationName?: unknown } | undefined)?.operationName ?? (request?.query as { operationName?: unknown } | undefined)?.operationName;
  return typeof name === 'string' && name.length > 0 ? name : null;
};

export interface ReadsFollowWritesHooksDeps {
  readonly readsFollowWrites: ReadsFollowWrites;
  /** The log's head, to refuse at once a position no event has (rather than wait for it). */
  readonly headPosition: () => Promise<bigint | null>;
}

/** Adds the two mercurius hooks (after the caller and the limits were checked). */
export const addReadsFollowWritesHooks = (app: FastifyInstance, deps: ReadsFollowWritesHooksDeps): void => {
  const { readsFollowWrites } = deps;
  app.graphql.addHook('preExecution', async (_schema, document, context) => {
    const ctx = context as unknown as ReadsFollowWritesContext;
    const after = afterPositionOf(ctx.reply?.request.headers ?? {});
    const needs = needsOf(document, operationNameOf(ctx));
    if (!needs.query || needs.projections.length === 0) return;
    const position = await readsFollowWrites.positionFor(callerKeyOf(ctx), after);
    if (position === null || position <= 0n) return;
    await readsFollowWrites.waitFor(needs.projections, position, async () => {
      // Only when the read models are behind: is there such an event at all?
      const head = (await deps.headPosition()) ?? 0n;
      if (after !== null && after > head) {
        throw new ValidationFailed(`No event has position ${after} yet (the log's head is ${head})`, [AFTER_POSITION_HEADER], 'POSITION_NOT_RECORDED');
      }
    });
  });
  app.graphql.addHook('onResolution', async (execution, context) => {
    const ctx = context as unknown as ReadsFollowWritesContext;
    if (ctx.appendedPosition === undefined) return;
    const position = ctx.appendedPosition;
    const caller = callerKeyOf(ctx);
    // Recorded before the answer leaves: the caller's next query, on any API process, waits for it. The
    // command is done whatever happens here, so a failure to record is logged, not turned into an error:
    // the answer still carries the position, which the client can send as Hamaynk-After-Position.
    if (position !== null && caller !== null) {
      await readsFollowWrites.wrote(caller, position).catch((error: unknown) => ctx.reply?.log?.error({ err: error }, 'could not record the caller’s last write position'));
    }
    const extensions = ((execution as { extensions?: Record<string, unknown> }).extensions ??= {});
    extensions.position = position === null ? null : position.toString();
  });
};

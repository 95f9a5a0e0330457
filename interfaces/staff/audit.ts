/**
 * The audit pages of the workspace. The audit log and a stream's history are for those the read policy
 * lets read the audit trail (auditors); the transparency log's tree head and proofs are public, as in
 * GraphQL. The same functions answer as GraphQL's: `auditLog` (the read model), `history` /
 * `aggregateAsOf` (application/time-travel.ts), `auditTreeHead` / `auditInclusionProof` /
 * `auditConsistencyProof` (the audit service). Every proof is checked here before the page says
 * "verified": the checkpoint's signature under the published key, the event's stored bytes against the
 * proof's leaf, the path against the signed root.
 *
 *   GET /staff/audit                       the audit log: actor, action, stream, community, from/to; pages
 *   GET /staff/audit/streams?streamId=…    opens a stream's history (redirect)
 *   GET /staff/audit/streams/:streamId     a stream's events and the aggregate's state as of a date-time or revision
 *   GET /staff/audit/tree                  the signed tree head; ?position= an inclusion proof; ?from=&to= a consistency proof
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  auditLeafHash,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
  type AuditConsistencyProofView,
  type AuditInclusionProofView,
  type AuditPublicKeyView,
  type AuditTreeHeadView,
  type LeafSource,
} from '../../application/audit';
import type { Actor } from '../../application/ports/event-store';
import { decideRead } from '../../application/read-policy';
import { createTimeTravel } from '../../application/time-travel';
import { pageOutcomeOf } from './errors';
import { formatDate, translate, translateOr, type Lang } from './i18n';
import type { StaffPageContext } from './page-context';

type Query = Record<string, unknown>;

const PAGE_SIZE = 50;

const str = (query: Query, key: string): string => {
  const v = query[key];
  return typeof v === 'string' ? v.trim() : '';
};

const hex = (text: string): Buffer => Buffer.from(text, 'hex');

/** A JSON value as a reader sees it: strings as they are, the rest as compact JSON. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Whether the head's checkpoint is signed by the published key and names the head's size and root. */
export const treeHeadVerifies = (head: AuditTreeHeadView, key: Pick<AuditPublicKeyView, 'verifierKey' | 'origin'>): boolean => {
  try {
    const checkpoint = openCheckpoint(head.checkpoint, [parseVerifierKey(key.verifierKey)], key.origin);
    return checkpoint.treeSize === head.treeSize && checkpoint.rootHash.equals(hex(head.rootHash));
  } catch {
    return false;
  }
};

export type InclusionVerdict = 'verified' | 'no-event' | 'leaf-mismatch' | 'path-mismatch';

/**
 * Whether an inclusion proof holds for the event stored at its position: the event's stored bytes hash to
 * the proof's leaf, and the path leads from it to the root — the signed head's root (its signature
 * verified) when the proof is for the head's size.
 */
export const inclusionVerdict = (proof: AuditInclusionProofView, event: LeafSource | null, head: AuditTreeHeadView, headVerified: boolean): InclusionVerdict => {
  if (!event || event.position !== BigInt(proof.position)) return 'no-event';
  if (!auditLeafHash(event).equals(hex(proof.leafHash))) return 'leaf-mismatch';
  const atHead = proof.treeSize === head.treeSize;
  if (atHead && !headVerified) return 'path-mismatch';
  const root = atHead ? head.rootHash : proof.rootHash;
  return verifyInclusion(proof.leafIndex, proof.treeSize, hex(proof.leafHash), proof.path.map(hex), hex(root)) ? 'verified' : 'path-mismatch';
};

/** Whether a consistency proof holds; when it ends at the signed head, with the head's verified root. */
export const consistencyVerifies = (proof: AuditConsistencyProofView, head: AuditTreeHeadView, headVerified: boolean): boolean => {
  const signedEnd = proof.toSize !== head.treeSize || (headVerified && proof.toRoot === head.rootHash);
  return signedEnd && verifyConsistency(proof.fromSize, proof.toSize, proof.path.map(hex), hex(proof.fromRoot), hex(proof.toRoot));
};

export const registerAuditPages = (app: FastifyInstance, ctx: StaffPageContext): void => {
  const { deps } = ctx;
  const timeTravel = createTimeTravel(deps.eventStore);

  /** The person, if they may read the audit trail; otherwise the reply is sent (sign-in, or 403 saying why). */
  const auditorOf = async (request: FastifyRequest, reply: FastifyReply, lang: Lang): Promise<Actor | null> => {
    const actor = await ctx.personOf(request, reply, lang);
    if (!actor) return null;
    if (decideRead(actor, { kind: 'audit-trail' }).allowed) return actor;
    await ctx.message(request, reply, 403, lang, actor, translate(lang, 'forbiddenTitle'), [translate(lang, 'auditOnlyAuditors')]);
    return null;
  };

  app.get('/staff/audit', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await auditorOf(request, reply, lang);
    if (!actor) return reply;
    const query = (request.query ?? {}) as Query;
    const filters = { actor: str(query, 'actor'), action: str(query, 'action'), stream: str(query, 'stream'), community: str(query, 'community'), from: str(query, 'from'), to: str(query, 'to') };
    const after = str(query, 'after');
    try {
      const page = await deps.queries.auditLog({
        actorId: filters.actor || null,
        type: filters.action || null,
        streamId: filters.stream || null,
        communityId: filters.community || null,
        from: filters.from || null,
        to: filters.to || null,
        first: PAGE_SIZE,
        after: after || null,
      });
      const link = (next: string | null) => {
        const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
        if (next) params.set('after', next);
        const qs = params.toString();
        return `/staff/audit${qs ? `?${qs}` : ''}`;
      };
      return await ctx.render(request, reply, 200, 'audit.njk', lang, actor, 'audit', {
        title: translate(lang, 'auditTitle'),
        filters,
        totalText: translate(lang, 'auditCount', { n: page.totalCount }),
        rows: page.nodes.map((e) => ({
          position: e.position,
          when: formatDate(lang, e.occurredAt, true),
          whenIso: e.occurredAt,
          recorded: translate(lang, 'recordedAt', { date: formatDate(lang, e.recordedAt, true) }),
          who: translate(lang, 'auditWho', { id: e.actorId, role: translateOr(lang, `role.${e.role}`, e.role) }),
          onBehalfOf: e.onBehalfOf ? translate(lang, 'auditOnBehalfOf', { who: e.onBehalfOf }) : null,
          action: translateOr(lang, `event.${e.type}`, e.type),
          type: e.type,
          stream: e.streamId,
          streamHref: `/staff/audit/streams/${encodeURIComponent(e.streamId)}?revision=${e.revision}`,
          channel: `${translateOr(lang, `channel.${e.channel}`, e.channel)} · ${translateOr(lang, `assurance.${e.assurance}`, e.assurance)}`,
        })),
        first: after ? link(null) : null,
        next: page.pageInfo.hasNextPage && page.pageInfo.endCursor ? link(page.pageInfo.endCursor) : null,
      });
    } catch (error) {
      return ctx.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });

  app.get('/staff/audit/streams', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await auditorOf(request, reply, lang);
    if (!actor) return reply;
    const streamId = str((request.query ?? {}) as Query, 'streamId');
    if (!streamId) return ctx.notFound(request, reply, lang, actor);
    return reply.header('cache-control', 'no-store').redirect(`/staff/audit/streams/${encodeURIComponent(streamId)}`, 303);
  });

  app.get<{ Params: { streamId: string } }>('/staff/audit/streams/:streamId', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await auditorOf(request, reply, lang);
    if (!actor) return reply;
    const query = (request.query ?? {}) as Query;
    const asOf = str(query, 'asOf');
    const revisionText = str(query, 'revision');
    const streamId = request.params.streamId;
    try {
      // A datetime-local field gives Yerevan wall time without a zone.
      const moment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(asOf) ? `${asOf}:00+04:00` : asOf;
      const revision = revisionText === '' ? null : /^\d{1,9}$/.test(revisionText) ? Number(revisionText) : -1;
      const at = { asOf: moment || null, revision };
      const events = await timeTravel.history(streamId, at);
      let state: { revision: number; rows: Array<{ key: { text: string }; value: { text: string } }> } | null = null;
      let noState = false;
      try {
        const found = await timeTravel.aggregateAsOf(streamId, at);
        if (found) state = { revision: found.revision, rows: Object.entries(found.view).map(([k, v]) => ({ key: { text: k }, value: { text: v === null ? '—' : shown(v) } })) };
      } catch (error) {
        if (pageOutcomeOf(error).kind !== 'not-found') throw error;
        noState = true;
      }
      const showing = revision !== null ? translate(lang, 'streamShowingRevision', { revision }) : moment ? translate(lang, 'streamShowingAsOf', { asOf: formatDate(lang, moment, true) }) : translate(lang, 'streamShowingAll');
      return await ctx.render(request, reply, 200, 'audit-stream.njk', lang, actor, 'audit', {
        title: translate(lang, 'streamTitle', { stream: streamId }),
        streamId,
        query: { asOf, revision: revisionText },
        showing,
        state,
        noState,
        eventsCaption: translate(lang, 'streamEventsCaption', { stream: streamId }),
        events: events.map((e) => ({
          revision: e.revision,
          position: e.position.toString(),
          type: translateOr(lang, `event.${e.type}`, e.type),
          rawType: e.type,
          when: formatDate(lang, e.metadata.occurredAt, true),
          recorded: translate(lang, 'recordedAt', { date: formatDate(lang, e.metadata.recordedAt, true) }),
          who: translate(lang, 'auditWho', { id: e.metadata.actor.id, role: translateOr(lang, `role.${e.metadata.actor.role}`, e.metadata.actor.role) }),
          data: JSON.stringify(e.data, null, 2),
          asOfHref: `/staff/audit/streams/${encodeURIComponent(streamId)}?revision=${e.revision}`,
        })),
      });
    } catch (error) {
      return ctx.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });

  app.get('/staff/audit/tree', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await ctx.personOf(request, reply, lang);
    if (!actor) return reply;
    const service = deps.audit?.service;
    if (!service) return ctx.notFound(request, reply, lang, actor);
    const query = (request.query ?? {}) as Query;
    const form = { position: str(query, 'position'), treeSize: str(query, 'treeSize'), from: str(query, 'from'), to: str(query, 'to') };
    const sizeOf = (text: string): number | null => (text === '' ? null : /^\d{1,15}$/.test(text) ? Number(text) : -1);
    try {
      const head = await service.auditTreeHead();
      const key = await service.auditPublicKey();
      const headVerified = treeHeadVerifies(head, key);
      let inclusion: Record<string, unknown> | null = null;
      if (form.position !== '') {
        const proof = await service.auditInclusionProof(form.position, sizeOf(form.treeSize));
        const position = BigInt(proof.position);
        const [event] = await deps.eventStore.readAll({ after: position - 1n, maxCount: 1 });
        const verdict = inclusionVerdict(proof, event && event.position === position ? event : null, head, headVerified);
        const reason = verdict === 'verified' ? null : translate(lang, verdict === 'no-event' ? 'inclusionNoEvent' : verdict === 'leaf-mismatch' ? 'inclusionLeafMismatch' : 'inclusionPathMismatch');
        inclusion = {
          title: translate(lang, 'inclusionResult', { position: proof.position }),
          verified: reason === null,
          text: reason === null ? translate(lang, 'inclusionVerified', { leaf: proof.leafIndex, size: proof.treeSize }) : translate(lang, 'inclusionFailed', { reason }),
          rows: [
            [translate(lang, 'leafIndex'), String(proof.leafIndex)],
            [translate(lang, 'treeSize'), String(proof.treeSize)],
            [translate(lang, 'leafHash'), proof.leafHash],
            [translate(lang, 'treeRoot'), proof.rootHash],
          ].map(([k, v]) => ({ key: { text: k }, value: { text: v } })),
          path: proof.path,
          streamHref: event && event.position === position ? `/staff/audit/streams/${encodeURIComponent(event.streamId)}?revision=${event.revision}` : null,
        };
      }
      let consistency: Record<string, unknown> | null = null;
      if (form.from !== '') {
        const proof = await service.auditConsistencyProof(sizeOf(form.from) ?? -1, sizeOf(form.to));
        const verified = consistencyVerifies(proof, head, headVerified);
        consistency = {
          title: translate(lang, 'consistencyResult', { from: proof.fromSize, to: proof.toSize }),
          verified,
          text: verified ? translate(lang, 'consistencyVerified', { from: proof.fromSize, to: proof.toSize }) : translate(lang, 'consistencyFailed'),
          rows: [
            [translate(lang, 'fromRoot'), proof.fromRoot],
            [translate(lang, 'toRoot'), proof.toRoot],
          ].map(([k, v]) => ({ key: { text: k }, value: { text: v } })),
          path: proof.path,
        };
      }
      return await ctx.render(request, reply, 200, 'audit-tree.njk', lang, actor, 'audit-tree', {
        title: translate(lang, 'treeTitle'),
        head: {
          rows: [
            [translate(lang, 'treeSize'), String(head.treeSize)],
            [translate(lang, 'treeRoot'), head.rootHash],
            [translate(lang, 'treeSignedAt'), formatDate(lang, head.signedAt, true)],
          ].map(([k, v]) => ({ key: { text: k }, value: { text: v } })),
          checkpoint: head.checkpoint,
          verified: headVerified,
          empty: head.treeSize === 0,
        },
        form,
        inclusion,
        consistency,
      });
    } catch (error) {
      return ctx.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });
};

/**
 * `/staff/acts`: the community's register of acts — number, title, status, when adopted or signed,
 * published and in force — filtered by status and by the year of adoption or signing (the year of the
 * act's number), newest drafted first, a page at a time; all of it in the URL. A ministry official or an
 * auditor names the community (`?community=`). Each act links to its page (cases-more.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import { PROJECTION_NAMES } from '../../application/queries/read-models';
import { readsCommunityCases } from '../../application/read-policy';
import { ACT_STATUSES, type ActStatus } from '../../domain/legal-act/state';
import { pageOutcomeOf } from './errors';
import { formatDate, translate, type Lang } from './i18n';
import { queryParam, type PageQuery, type StaffPageContext } from './page-context';

const PAGE_SIZE = 20;

export interface ActsQuery {
  readonly communityId: string | null;
  readonly status: ActStatus | '';
  readonly year: string;
  readonly after: string;
}

export const actsQueryOf = (query: PageQuery, actor: Actor): ActsQuery => {
  const status = queryParam(query, 'status', 32);
  const year = queryParam(query, 'year', 4);
  return {
    communityId: actor.communityId ?? (queryParam(query, 'community', 64) || null),
    status: (ACT_STATUSES as readonly string[]).includes(status) ? (status as ActStatus) : '',
    year: /^\d{4}$/.test(year) && Number(year) >= 1900 ? year : '',
    after: queryParam(query, 'after'),
  };
};

export const actsHref = (query: ActsQuery, actor: Actor, changes: Partial<ActsQuery> = {}): string => {
  const next = { ...query, after: '', ...changes };
  const params = new URLSearchParams();
  if (!actor.communityId && next.communityId) params.set('community', next.communityId);
  if (next.status) params.set('status', next.status);
  if (next.year) params.set('year', next.year);
  if (next.after) params.set('after', next.after);
  const s = params.toString();
  return `/staff/acts${s ? `?${s}` : ''}`;
};

const loadActs = async (context: StaffPageContext, actor: Actor, query: ActsQuery, lang: Lang) => {
  const statuses = ACT_STATUSES.map((s) => ({ value: s, text: translate(lang, `status.act.${s}`), selected: s === query.status }));
  if (!query.communityId) return { needsCommunity: true, query, statuses };
  const page = await context.deps.queries.acts({
    communityId: query.communityId,
    status: query.status || null,
    adoptedIn: query.year ? Number(query.year) : null,
    first: PAGE_SIZE,
    after: query.after || null,
  });
  return {
    needsCommunity: false,
    nationalReader: !actor.communityId,
    query,
    statuses,
    communityId: query.communityId,
    totalText: translate(lang, 'actsCount', { n: page.totalCount }),
    rows: page.nodes.map((a) => ({
      href: `/staff/acts/${encodeURIComponent(a.id)}`,
      number: a.number ?? translate(lang, 'actNotNumbered'),
      title: lang === 'en' && a.titleEn ? a.titleEn : a.titleHy,
      statusText: translate(lang, `status.act.${a.status}`),
      issuerText: translate(lang, `choice.issuer.${a.issuer}`),
      adopted: a.adoptedOn ? formatDate(lang, a.adoptedOn) : '',
      published: a.publishedOn ? formatDate(lang, a.publishedOn) : '',
      inForce: a.effectiveFrom && a.status === 'published' ? formatDate(lang, a.effectiveFrom) : '',
    })),
    first: query.after ? actsHref(query, actor) : null,
    next: page.pageInfo.hasNextPage && page.pageInfo.endCursor ? actsHref(query, actor, { after: page.pageInfo.endCursor }) : null,
    clearHref: actsHref({ communityId: query.communityId, status: '', year: '', after: '' }, actor),
    canDraft: actor.communityId === query.communityId && (actor.role === 'staff' || actor.role === 'head'),
  };
};

export const registerActsRegister = (scope: FastifyInstance, context: StaffPageContext): void => {
  scope.get('/staff/acts', async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = context.langOf(request);
    const actor = await context.personOf(request, reply, lang);
    if (!actor) return reply;
    const query = actsQueryOf((request.query ?? {}) as PageQuery, actor);
    try {
      if (query.communityId && !readsCommunityCases(actor, query.communityId)) return await context.notFound(request, reply, lang, actor);
      await context.afterOwnWrites(actor, [PROJECTION_NAMES.cases]);
      const data = await loadActs(context, actor, query, lang);
      return await context.render(request, reply, 200, 'acts.njk', lang, actor, 'acts', { title: translate(lang, 'actsTitle'), ...data });
    } catch (error) {
      return context.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });
};

/**
 * The public transparency pages, served by the same fastify instance as GraphQL (register with
 * `buildServer({ ..., routes: registerPublicPages })`). Every figure comes from the public GraphQL queries,
 * asked in-process as an anonymous caller.
 *
 * Routes (all GET, server-rendered HTML, no JavaScript):
 *   /                                    national adoption report (?asOf=YYYY-MM-DD), adoption by month, national transparency
 *   /c                                   list of communities (?search=&province=&merged=1&after=)
 *   /c/:communityId                      a community's public page
 *   /c/:communityId/acts/:actId          a published act, its text in force on ?asOf= and its history
 *   any page ?table=<id>&format=csv|json the open data of exactly one of its tables (CSV: UTF-8 BOM, RFC 4180)
 *   /lang/:lang?next=/path               remembers the language (cookie) and returns to the page
 *   /assets/site.css                     the stylesheet
 * `?lang=hy|en` on any page overrides the remembered language for that request.
 */
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isIsoDate, yerevanDate } from '../../domain/kernel/time';
import { formatError } from '../graphql/errors';
import { DEFAULT_LANG, isLang, LANG_COOKIE, PROVINCE_NAMES, t, type Lang } from './i18n';
import { STYLESHEET, STYLESHEET_PATH } from './layout';
import { actPage } from './pages/act';
import { communityPage, communityPath } from './pages/community';
import { communityListPage } from './pages/communities';
import { nationalPage } from './pages/national';
import { tableById, type Page, type PageContext } from './pages/common';
import { loadActData, loadCommunityData, loadCommunityList, loadNationalData, PageError, type GraphqlRunner } from './queries';
import { renderErrorPage, renderPage } from './render';
import { tableToCsv, tableToJson } from './table';

export { renderNationalPage, renderCommunityPage, renderActPage, renderCommunityListPage, renderErrorPage } from './render';
export type * from './types';

export interface PublicPagesOptions {
  /** Today's date in Yerevan (YYYY-MM-DD); the clock by default. */
  readonly today?: () => string;
  /** Whether the log holds demo (synthetic) cases: every page then says so in a banner. None by default. */
  readonly demoData?: () => Promise<boolean>;
}

const ANONYMOUS = { caller: { actor: null, error: null } } as const;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

type Query = Record<string, unknown>;

/** The first value of a query parameter, as a string ('' when absent). */
const param = (query: Query, name: string): string => {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
};

export const cookieValue = (header: string | undefined, name: string): string | undefined => {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
};

/** `?lang=` wins, then the remembered cookie, then Armenian. */
export const requestLang = (query: Query, cookieHeader: string | undefined): Lang => {
  const fromQuery = param(query, 'lang');
  if (isLang(fromQuery)) return fromQuery;
  const remembered = cookieValue(cookieHeader, LANG_COOKIE);
  return isLang(remembered) ? remembered : DEFAULT_LANG;
};

/** A local path to return to after switching the language (never another site), without `lang=`. */
export const safeNext = (next: string): string => {
  if (!/^\/(?![/\\])/.test(next) || next.includes('\\') || [...next].some((c) => c.charCodeAt(0) < 0x20)) return '/';
  const url = new URL(next, 'http://local');
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
};

const currentUrlOf = (request: FastifyRequest): string => safeNext(request.url);

/** Content codings the client accepts (q > 0), from Accept-Encoding. */
export const acceptedEncodings = (header: string | string[] | undefined): Set<string> => {
  const accepted = new Set<string>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q !== undefined && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
};

/** Sends a text body, compressed (Brotli, else gzip) when the client accepts it and it is worth it. */
const sendText = (request: FastifyRequest, reply: FastifyReply, body: string): FastifyReply => {
  reply.header('vary', 'Accept-Encoding, Cookie');
  if (body.length < 1024) return reply.send(body);
  const accepted = acceptedEncodings(request.headers['accept-encoding']);
  if (accepted.has('br')) return reply.header('content-encoding', 'br').send(zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }));
  if (accepted.has('gzip')) return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(body));
  return reply.send(body);
};

/** The ASCII file name of a download. */
const fileName = (parts: readonly string[], ext: string): string => `${parts.filter((p) => p !== '').join('-').replace(/[^A-Za-z0-9._-]+/g, '_')}.${ext}`;

class BadRequest extends PageError {
  constructor(message: string) {
    super(400, message);
  }
}

/** The `extensions.code` of an error: mercurius has already formatted them; raw GraphQL errors are mapped here. */
const errorCode = (error: unknown): string => {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' ? code : formatError(error, {}).extensions.code;
};

const toPageError = (errors: readonly unknown[]): PageError => {
  const codes = errors.map(errorCode);
  const message = errors.map((e) => String((e as { message?: unknown } | null)?.message ?? e)).join('; ');
  if (codes.some((c) => c === 'NOT_FOUND' || c === 'FORBIDDEN')) return new PageError(404, message);
  if (codes.some((c) => c === 'VALIDATION_FAILED')) return new PageError(400, message);
  return new PageError(500, message);
};

export const registerPublicPages = async (app: FastifyInstance, options: PublicPagesOptions = {}): Promise<void> => {
  const today = options.today ?? (() => yerevanDate(new Date()));
  const demoData = async (request: FastifyRequest): Promise<boolean> => {
    if (!options.demoData) return false;
    try {
      return await options.demoData();
    } catch (error) {
      // The banner is a warning, not the page: a failed check shows the page without it.
      request.log.error({ err: error }, 'could not tell whether the log holds demo data');
      return false;
    }
  };

  const run: GraphqlRunner = async (query) => {
    let result;
    try {
      result = await app.graphql(query, { ...ANONYMOUS });
    } catch (e) {
      const nested = (e as { errors?: unknown }).errors;
      throw toPageError(Array.isArray(nested) ? nested : [e]);
    }
    if (result.errors && result.errors.length > 0) throw toPageError(result.errors);
    return (result.data ?? {}) as Record<string, unknown>;
  };

  const sendError = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, error: unknown) => {
    const status = error instanceof PageError ? error.status : 500;
    if (status === 500) request.log.error({ err: error }, 'public page failed');
    const kind = status === 404 ? 'not-found' : status === 400 ? 'bad-request' : 'internal';
    return reply
      .code(status)
      .headers(SECURITY_HEADERS)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-language', lang)
      .header('cache-control', 'no-store')
      .send(renderErrorPage(lang, kind, currentUrlOf(request), error instanceof BadRequest ? error.message : t(lang, 'errorBadRequestText'), await demoData(request)));
  };

  const sendHtmlPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang, body: string) => {
    reply.headers(SECURITY_HEADERS).header('content-type', 'text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache');
    return sendText(request, reply, body);
  };

  /**
   * Serves a page, or one of its tables as CSV/JSON when `?table=&format=` ask for it.
   * `load` returns the page, the query parameters that select its data and the download file name parts.
   */
  const servePage =
    (load: (request: FastifyRequest, lang: Lang, query: Query) => Promise<{ page: Page; ctx: PageContext; fileParts: string[] }>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const query = (request.query ?? {}) as Query;
      const lang = requestLang(query, request.headers.cookie);
      try {
        const format = param(query, 'format');
        const tableId = param(query, 'table');
        if (format !== '' && format !== 'csv' && format !== 'json') throw new BadRequest(t(lang, 'invalidFormat'));
        const { page, ctx, fileParts } = await load(request, lang, query);
        if (format === '' && tableId === '') return sendHtmlPage(request, reply, lang, renderPage(lang, page, { ...ctx, demoData: await demoData(request) }));
        const table = tableById(page, tableId);
        if (!table) throw new PageError(404, t(lang, 'invalidTable'));
        const source = ctx.currentUrl;
        reply.headers(SECURITY_HEADERS).header('content-language', lang).header('access-control-allow-origin', '*').header('cache-control', 'no-cache');
        if (format === 'json') {
          reply.header('content-type', 'application/json; charset=utf-8');
          return sendText(request, reply, JSON.stringify(tableToJson(lang, table, source), null, 2));
        }
        reply.header('content-type', 'text/csv; charset=utf-8; header=present').header('content-disposition', `attachment; filename="${fileName(['hamaynk', ...fileParts, table.id, lang], 'csv')}"`);
        return sendText(request, reply, tableToCsv(table));
      } catch (error) {
        return sendError(request, reply, lang, error);
      }
    };

  /** The query of a page's download links: its selecting parameters plus the language. */
  const contextOf = (request: FastifyRequest, pagePath: string, lang: Lang, selecting: Record<string, string | undefined>): PageContext => ({
    pagePath,
    query: { ...selecting, lang },
    currentUrl: currentUrlOf(request),
  });

  const dateParam = (query: Query, name: string, lang: Lang, fallback: string): string => {
    const value = param(query, name);
    if (value === '') return fallback;
    if (!isIsoDate(value)) throw new BadRequest(t(lang, 'invalidDate'));
    return value;
  };

  app.get(STYLESHEET_PATH, async (request, reply) => {
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff');
    return sendText(request, reply, STYLESHEET);
  });

  app.get<{ Params: { lang: string }; Querystring: Query }>('/lang/:lang', async (request, reply) => {
    const next = safeNext(param(request.query ?? {}, 'next') || '/');
    const lang = request.params.lang;
    if (!isLang(lang)) return reply.redirect(next, 303);
    return reply.header('set-cookie', `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`).header('cache-control', 'no-store').redirect(next, 303);
  });

  app.get(
    '/',
    servePage(async (request, lang, query) => {
      const now = today();
      const asOf = dateParam(query, 'asOf', lang, now);
      const data = await loadNationalData(run, asOf, now);
      const ctx = contextOf(request, '/', lang, { asOf: param(query, 'asOf') ? asOf : undefined });
      return { page: nationalPage(lang, data, ctx), ctx, fileParts: ['national', asOf] };
    }),
  );

  app.get(
    '/c',
    servePage(async (request, lang, query) => {
      const search = param(query, 'search').slice(0, 200);
      const provinceArg = param(query, 'province');
      const province = PROVINCE_NAMES.some((p) => p.en === provinceArg) ? provinceArg : '';
      const includeMerged = param(query, 'merged') === '1';
      const after = param(query, 'after').slice(0, 200);
      const data = await loadCommunityList(run, { search, province, includeMerged, after });
      const ctx = contextOf(request, '/c', lang, { search: search || undefined, province: province || undefined, merged: includeMerged ? '1' : undefined, after: after || undefined });
      return { page: communityListPage(lang, data, ctx), ctx, fileParts: ['communities'] };
    }),
  );

  app.get<{ Params: { communityId: string } }>(
    '/c/:communityId',
    servePage(async (request, lang) => {
      const { communityId } = request.params as { communityId: string };
      const data = await loadCommunityData(run, communityId, today());
      const ctx = contextOf(request, communityPath(communityId), lang, {});
      return { page: communityPage(lang, data, ctx), ctx, fileParts: [communityId] };
    }),
  );

  app.get<{ Params: { communityId: string; actId: string } }>(
    '/c/:communityId/acts/:actId',
    servePage(async (request, lang, query) => {
      const { communityId, actId } = request.params as { communityId: string; actId: string };
      const now = today();
      const asOf = dateParam(query, 'asOf', lang, now);
      const data = await loadActData(run, communityId, actId, asOf, now);
      const ctx = contextOf(request, `${communityPath(communityId)}/acts/${encodeURIComponent(actId)}`, lang, { asOf: param(query, 'asOf') ? asOf : undefined });
      return { page: actPage(lang, data, ctx), ctx, fileParts: [communityId, 'act', actId, asOf] };
    }),
  );
};

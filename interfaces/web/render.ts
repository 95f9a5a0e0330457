/**
 * Whole pages as HTML strings from plain data (pure: no I/O), and the downloads of their tables.
 */
import { html } from './html';
import { t, type Lang } from './i18n';
import { renderLayout } from './layout';
import { actPage } from './pages/act';
import { communityPage, communityPath } from './pages/community';
import { communityListPage } from './pages/communities';
import { nationalPage } from './pages/national';
import type { Page, PageContext } from './pages/common';
import type { ActPageData, CommunityListData, CommunityPageData, NationalData } from './types';

export const renderPage = (lang: Lang, page: Page, ctx: PageContext): string =>
  renderLayout(lang, { title: page.title, currentUrl: ctx.currentUrl, section: page.section, main: page.main, demoData: ctx.demoData });

const context = (pagePath: string, query: Record<string, string | undefined>): PageContext => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const q = params.toString();
  return { pagePath, query, currentUrl: q ? `${pagePath}?${q}` : pagePath };
};

export const nationalContext = (data: NationalData): PageContext => context('/', data.asOf === data.today ? {} : { asOf: data.asOf });

export const renderNationalPage = (data: NationalData, lang: Lang, ctx: PageContext = nationalContext(data)): string => renderPage(lang, nationalPage(lang, data, ctx), ctx);

export const renderCommunityPage = (data: CommunityPageData, lang: Lang, ctx: PageContext = context(communityPath(data.site.community.id), {})): string =>
  renderPage(lang, communityPage(lang, data, ctx), ctx);

export const renderActPage = (data: ActPageData, lang: Lang, ctx: PageContext = context(`${communityPath(data.community.id)}/acts/${encodeURIComponent(data.act.id)}`, { asOf: data.asOf })): string =>
  renderPage(lang, actPage(lang, data, ctx), ctx);

export const renderCommunityListPage = (data: CommunityListData, lang: Lang, ctx: PageContext = context('/c', { search: data.search, province: data.province })): string =>
  renderPage(lang, communityListPage(lang, data, ctx), ctx);

export type ErrorKind = 'not-found' | 'bad-request' | 'internal';

export const renderErrorPage = (lang: Lang, kind: ErrorKind, currentUrl: string, detail?: string, demoData = false): string => {
  const title = kind === 'not-found' ? t(lang, 'errorNotFoundTitle') : kind === 'bad-request' ? t(lang, 'errorBadRequestTitle') : t(lang, 'errorInternalTitle');
  const text = kind === 'not-found' ? t(lang, 'errorNotFoundText') : kind === 'bad-request' ? (detail ?? '') : t(lang, 'errorInternalText');
  return renderLayout(lang, {
    title,
    currentUrl,
    demoData,
    main: html`<h1>${title}</h1>
<p class="error">${text}</p>
<p><a href="/">${t(lang, 'backHome')}</a> · <a href="/c">${t(lang, 'navCommunities')}</a></p>`,
  });
};

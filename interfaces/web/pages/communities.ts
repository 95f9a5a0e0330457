/**
 * The list of communities (`/c`): search by name in Armenian or English, filter by province, optionally
 * with former (merged) communities; 100 a page, in code order, with a link to the next page.
 */
import { html } from '../html';
import { formatNumber, kindLabel, provinceLabel, PROVINCE_NAMES, statusLabel, t, type Lang } from '../i18n';
import type { Table } from '../table';
import type { CommunityListData } from '../types';
import { tableHtml, type Page, type PageContext } from './common';
import { communityPath } from './community';

export const COMMUNITIES_PAGE_SIZE = 100;

export const communityListTables = (lang: Lang, data: CommunityListData): Table[] => [
  {
    id: 'communities',
    caption: t(lang, 'communitiesFound', { n: formatNumber(lang, data.totalCount, 0) }),
    rowHeader: lang === 'hy' ? 'nameHy' : 'nameEn',
    columns: [
      { key: 'code', label: t(lang, 'colCode'), kind: 'code' },
      { key: 'nameHy', label: t(lang, 'colNameHy'), kind: 'text' },
      { key: 'nameEn', label: t(lang, 'colNameEn'), kind: 'text' },
      { key: 'province', label: t(lang, 'colProvince'), kind: 'text' },
      { key: 'kind', label: t(lang, 'colKind'), kind: 'text' },
      { key: 'population', label: t(lang, 'colPopulation'), kind: 'int' },
      { key: 'status', label: t(lang, 'colStatus'), kind: 'text' },
    ],
    rows: data.nodes.map((c) => ({
      cells: {
        code: c.id,
        nameHy: c.nameHy,
        nameEn: c.nameEn,
        province: provinceLabel(lang, c.province),
        kind: kindLabel(lang, c.kind),
        population: c.population,
        status: statusLabel(lang, c.status),
      },
      links: { [lang === 'hy' ? 'nameHy' : 'nameEn']: communityPath(c.id) },
    })),
  },
];

const nextHref = (data: CommunityListData): string => {
  const params = new URLSearchParams();
  if (data.search) params.set('search', data.search);
  if (data.province) params.set('province', data.province);
  if (data.includeMerged) params.set('merged', '1');
  if (data.endCursor) params.set('after', data.endCursor);
  return `/c?${params.toString()}`;
};

const firstHref = (data: CommunityListData): string => {
  const params = new URLSearchParams();
  if (data.search) params.set('search', data.search);
  if (data.province) params.set('province', data.province);
  if (data.includeMerged) params.set('merged', '1');
  const query = params.toString();
  return query ? `/c?${query}` : '/c';
};

export const communityListPage = (lang: Lang, data: CommunityListData, ctx: PageContext): Page => {
  const tables = communityListTables(lang, data);
  const main = html`<h1>${t(lang, 'communitiesTitle')}</h1>
<p class="lead">${t(lang, 'communitiesIntro')}</p>
<form class="inline" method="get" action="/c" role="search">
<label for="search-input">${t(lang, 'searchLabel')}<input type="search" id="search-input" name="search" value="${data.search}" maxlength="200" autocomplete="off"></label>
<label for="province-input">${t(lang, 'provinceLabel')}<select id="province-input" name="province">
<option value="">${t(lang, 'allProvinces')}</option>
${PROVINCE_NAMES.map((p) => html`<option value="${p.en}"${p.en === data.province ? html` selected` : ''}>${provinceLabel(lang, p.en)}</option>`)}
</select></label>
<label class="check" for="merged-input"><input type="checkbox" id="merged-input" name="merged" value="1"${data.includeMerged ? html` checked` : ''}>${t(lang, 'includeMerged')}</label>
<button type="submit">${t(lang, 'searchButton')}</button>
</form>
${tableHtml(lang, tables, 'communities', ctx)}
<nav class="pager" aria-label="${t(lang, 'communitiesTitle')}">
${data.after ? html`<a href="${firstHref(data)}">${t(lang, 'firstPage')}</a>` : ''}
${data.hasNextPage && data.endCursor ? html`<a href="${nextHref(data)}" rel="next">${t(lang, 'nextPage')}</a>` : ''}
</nav>`;
  return { title: t(lang, 'communitiesTitle'), section: 'communities', tables, main };
};

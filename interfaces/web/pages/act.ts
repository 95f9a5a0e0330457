/**
 * A published act's page (`/c/<communityId>/acts/<actId>?asOf=YYYY-MM-DD`): its facts, its text as in
 * force on the chosen date (default today), and the history of its texts, each version linking to the
 * page as of the day it entered into force.
 */
import { html } from '../html';
import { formatDate, issuerLabel, nameIn, statusLabel, t, titleIn, type Lang } from '../i18n';
import type { Table } from '../table';
import type { ActPageData, ActReference } from '../types';
import { dateForm, tableHtml, type Page, type PageContext } from './common';
import { actPath, communityPath } from './community';

const referenceLabel = (lang: Lang, ref: ActReference | undefined, id: string): string =>
  ref ? (ref.number ? `№ ${ref.number} ${titleIn(lang, ref)}` : titleIn(lang, ref)) : id;

export const actTables = (lang: Lang, data: ActPageData): Table[] => {
  const { act } = data;
  return [
    {
      id: 'versions',
      caption: t(lang, 'actHistoryCaption'),
      columns: [
        { key: 'version', label: t(lang, 'colVersion'), kind: 'int' },
        { key: 'effectiveFrom', label: t(lang, 'colInForceFrom'), kind: 'date' },
        { key: 'amendingAct', label: t(lang, 'colAmendingAct'), kind: 'text' },
      ],
      rows: [...act.history]
        .sort((a, b) => a.version - b.version)
        .map((v) => {
          const links: Record<string, string> = {};
          if (v.effectiveFrom) links.effectiveFrom = `${actPath(act.communityId, act.id)}?asOf=${v.effectiveFrom}`;
          if (v.amendingActId) links.amendingAct = actPath(act.communityId, v.amendingActId);
          return {
            cells: { version: v.version, effectiveFrom: v.effectiveFrom, amendingAct: v.amendingActId ? referenceLabel(lang, data.references[v.amendingActId], v.amendingActId) : null },
            links,
          };
        }),
    },
  ];
};

export const actPage = (lang: Lang, data: ActPageData, ctx: PageContext): Page => {
  const { act, community } = data;
  const tables = actTables(lang, data);
  const title = titleIn(lang, act);
  const heading = act.number ? `№ ${act.number} ${title}` : title;
  const date = formatDate(lang, data.asOf);
  const facts: Array<[string, ReturnType<typeof html> | string]> = [
    [t(lang, 'actCommunity'), html`<a href="${communityPath(community.id)}">${nameIn(lang, community)}</a>`],
    [t(lang, 'colIssuer'), issuerLabel(lang, act.issuer)],
    [t(lang, 'actStatus'), statusLabel(lang, act.status)],
  ];
  if (act.effectiveFrom) facts.push([t(lang, 'colInForceFrom'), formatDate(lang, act.effectiveFrom)]);
  facts.push([t(lang, 'colVersion'), String(act.version)]);
  if (act.votes) facts.push([t(lang, 'actVotesLabel'), t(lang, 'actVotes', { for: act.votes.for, against: act.votes.against, abstained: act.votes.abstained })]);
  if (act.repealEffectiveFrom) {
    const repeal = act.repealedBy
      ? html`${t(lang, 'actRepealed', { date: formatDate(lang, act.repealEffectiveFrom) })}: <a href="${actPath(act.communityId, act.repealedBy)}">${referenceLabel(lang, data.references[act.repealedBy], act.repealedBy)}</a>`
      : html`${t(lang, 'actRepealed', { date: formatDate(lang, act.repealEffectiveFrom) })}`;
    facts.push([statusLabel(lang, 'repealed'), repeal]);
  }
  const main = html`<p><a href="${communityPath(community.id)}">← ${t(lang, 'backToCommunity')}: ${nameIn(lang, community)}</a></p>
<h1>${heading}</h1>
${titleIn(lang === 'hy' ? 'en' : 'hy', act) !== title ? html`<p class="lead" lang="${lang === 'hy' ? 'en' : 'hy'}">${titleIn(lang === 'hy' ? 'en' : 'hy', act)}</p>` : ''}
<section aria-labelledby="act-facts-heading">
<h2 id="act-facts-heading">${t(lang, 'actFacts')}</h2>
<dl class="facts">${facts.map(([dt, dd]) => html`<dt>${dt}</dt><dd>${dd}</dd>`)}</dl>
</section>
<section aria-labelledby="act-text-heading">
<h2 id="act-text-heading">${t(lang, 'actTextHeading', { date })}</h2>
${dateForm(lang, { action: actPath(act.communityId, act.id), name: 'asOf', label: t(lang, 'actChooseDate'), value: data.asOf })}
${act.text === null ? html`<p class="empty" id="act-text">${t(lang, 'actNotInForce', { date })}</p>` : html`<div class="act-text" id="act-text" lang="hy">${act.text}</div>`}
</section>
<section aria-labelledby="act-history-heading">
<h2 id="act-history-heading">${t(lang, 'actHistoryHeading')}</h2>
${tableHtml(lang, tables, 'versions', ctx)}
</section>`;
  return { title: heading, section: 'communities', tables, main };
};

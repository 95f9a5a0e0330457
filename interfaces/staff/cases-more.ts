/**
 * The case pages of legal acts and complaints, joined to the foundation's (cases.ts) by index.ts: the same
 * GET /staff/<kind>/:id and POST /staff/<kind>/:id/<command> routes serve them, a case folded from its
 * stream by its decider, forms generated from the command registry and offered by policy and decider.
 *
 * An act's page also shows the text of each version — drafted, revised, amended — read from its events,
 * and a word-level diff between any two (`?from=&to=`, text-diff.ts). Complaints are filed on a caller's
 * behalf from /staff/new/fileComplaint (hotline, citizen service office or in person).
 */
import type { Actor, RecordedEvent } from '../../application/ports/event-store';
import { legalActView, type ActView } from '../../domain/legal-act/view';
import { versionInForce, type LegalAct } from '../../domain/legal-act/state';
import { complaintView, type ComplaintView } from '../../domain/complaint/view';
import { offeredCommands, publicCommand, type ChoiceItem } from './command-forms';
import { row, timelineOf, type CasePage } from './cases';
import { directoryNames } from './people';
import type { StaffPagesDeps } from './deps';
import { deadlineOf, formatDate, translate, translateOr, type Lang } from './i18n';
import type { CreatingCommand, PageQuery } from './page-context';
import { queryParam } from './page-context';
import { assignableStaff, staffChoices } from './staff-choices';
import { diffCounts, diffWords } from './text-diff';

/* ------------------------------------------------------------ acts ------------------------------------------------------------ */

export interface ActTextVersion {
  readonly version: number;
  /** How this text came to be: drafted, revised (a draft revision) or amended (a published act's new consolidated text). */
  readonly origin: 'drafted' | 'revised' | 'amended';
  readonly text: string;
  readonly at: string;
  /** The date the text enters into force (published or amended), else null. */
  readonly effectiveFrom: string | null;
  readonly amendingActId: string | null;
}

/** Every text an act has had, oldest first, from its events (the decider's state keeps only the texts in force). */
export const actTextVersions = (events: readonly RecordedEvent[]): ActTextVersion[] => {
  const versions: ActTextVersion[] = [];
  for (const e of events) {
    const d = (e.data ?? {}) as Record<string, unknown>;
    const at = typeof d.at === 'string' ? d.at : e.metadata.occurredAt;
    if (e.type === 'ActDrafted' || e.type === 'ActDraftRevised' || e.type === 'ActAmended') {
      versions.push({
        version: Number(d.version),
        origin: e.type === 'ActDrafted' ? 'drafted' : e.type === 'ActDraftRevised' ? 'revised' : 'amended',
        text: String(d.text ?? ''),
        at,
        effectiveFrom: e.type === 'ActAmended' ? String(d.effectiveFrom) : null,
        amendingActId: e.type === 'ActAmended' ? String(d.amendingActId) : null,
      });
    } else if (e.type === 'ActPublished') {
      const i = versions.findIndex((v) => v.version === Number(d.version));
      if (i >= 0) versions[i] = { ...versions[i], effectiveFrom: String(d.effectiveFrom) };
    }
  }
  return versions;
};

const versionNumber = (query: PageQuery, name: string, versions: readonly ActTextVersion[]): number | null => {
  const raw = queryParam(query, name, 6);
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  return versions.some((v) => v.version === n) ? n : null;
};

/** The acts of the community a published act may be amended or repealed by (published acts, this one aside). */
const publishedActChoices = async (deps: StaffPagesDeps, act: LegalAct): Promise<ChoiceItem[]> => {
  const page = await deps.queries.acts({ communityId: act.communityId, status: 'published', first: 100 });
  // An act is named by its number and its official (Armenian) title in both languages.
  return page.nodes.filter((a) => a.id !== act.actId).map((a) => ({ value: a.id, text: `${a.number ?? a.id} — ${a.titleHy}` }));
};

const policyAllows = (commandName: string, actor: Actor, state: LegalAct): boolean => {
  const declared = publicCommand(commandName);
  return declared !== undefined && (declared.spec as { policy(actor: Actor, state: unknown, input: { id: string }): { allowed: boolean } }).policy(actor, state, { id: state.actId }).allowed;
};

const actTitle = (lang: Lang, a: Pick<ActView, 'titleHy' | 'titleEn'>): string => (lang === 'en' && a.titleEn ? a.titleEn : a.titleHy);

const actPage: CasePage = {
  kind: 'acts',
  aggregate: 'act',
  section: 'acts',
  template: 'act.njk',
  view: ((state: LegalAct | null, today: string) => legalActView(state, today)) as CasePage['view'],
  offered: (actor, loaded, today, now) => {
    const offered = offeredCommands('act', actor, loaded.id, loaded.state, today, now);
    // Amending and repealing are decided against the other act, which the form names: offered on a published
    // act not yet repealed, to whom the command's own policy allows.
    const act = loaded.state as LegalAct;
    const crossAct = act.phase === 'published' && act.repeal === null ? ['amendAct', 'repealAct'].filter((name) => !offered.includes(name) && policyAllows(name, actor, act)) : [];
    return [...offered, ...crossAct];
  },
  choices: async (deps, _actor, loaded): Promise<Record<string, readonly ChoiceItem[]>> => {
    const act = loaded.state as LegalAct;
    if (act.phase !== 'published') return {};
    const acts = await publishedActChoices(deps, act);
    return acts.length > 0 ? { amendingActId: acts, repealingActId: acts } : {};
  },
  present: async (deps, lang, loaded, today, query = {}) => {
    const a = loaded.view as ActView;
    const act = loaded.state as LegalAct;
    const versions = actTextVersions(loaded.events);
    const latest = versions[versions.length - 1];
    const to = versionNumber(query, 'to', versions) ?? latest?.version ?? null;
    const from = versionNumber(query, 'from', versions) ?? (versions.length > 1 ? versions[versions.length - 2].version : null);
    const textOf = (n: number | null) => versions.find((v) => v.version === n)?.text ?? '';
    const parts = from !== null && to !== null && from !== to ? diffWords(textOf(from), textOf(to)) : null;
    const inForceToday = versionInForce(act, today);
    const related = [
      ...a.history.filter((v) => v.amendingActId).map((v) => ({ id: v.amendingActId as string, key: 'relatedAmendedBy', values: { version: v.version, date: formatDate(lang, v.effectiveFrom) } })),
      ...(a.repealedBy ? [{ id: a.repealedBy, key: 'relatedRepealedBy', values: { version: a.version, date: formatDate(lang, a.repealEffectiveFrom) } }] : []),
    ];
    const relatedLinks = await Promise.all(
      related.map(async (r) => {
        const other = await deps.queries.act(r.id).catch(() => null);
        const name = other ? `${other.number ?? other.id} ${actTitle(lang, other)}` : r.id;
        return { href: `/staff/acts/${encodeURIComponent(r.id)}`, text: translate(lang, r.key, { ...r.values, act: name }) };
      }),
    );
    const versionLabel = (v: ActTextVersion) =>
      translate(lang, 'actVersionLabel', { version: v.version, origin: translate(lang, `actOrigin.${v.origin}`), date: formatDate(lang, v.at, true) });
    return {
      title: a.number ? translate(lang, 'actTitle', { number: a.number, title: actTitle(lang, a) }) : actTitle(lang, a),
      act: a,
      statusText: translate(lang, `status.act.${a.status}`),
      facts: [
        ...row(lang, 'fact.actNumber', a.number ?? translate(lang, 'actNotNumbered')),
        ...row(lang, 'fact.titleHy', a.titleHy),
        ...row(lang, 'fact.titleEn', a.titleEn),
        ...row(lang, 'fact.issuer', translate(lang, `choice.issuer.${a.issuer}`)),
        ...row(lang, 'fact.status', translate(lang, `status.act.${a.status}`)),
        ...row(lang, 'fact.actVersion', String(a.version)),
        ...row(lang, 'fact.discussionUntil', a.discussionUntil ? formatDate(lang, a.discussionUntil) : null),
        ...row(lang, 'fact.commentCount', a.commentCount > 0 ? String(a.commentCount) : null),
        ...row(lang, 'fact.sessionDate', a.sessionDate ? formatDate(lang, a.sessionDate) : null),
        ...row(lang, 'fact.votes', a.votes ? translate(lang, 'votesText', { for: a.votes.for, against: a.votes.against, abstained: a.votes.abstained }) : null),
        ...row(lang, 'fact.effectiveFrom', a.effectiveFrom ? formatDate(lang, a.effectiveFrom) : null),
        ...row(lang, 'fact.inForceToday', inForceToday ? translate(lang, 'inForceVersion', { version: inForceToday.version }) : translate(lang, 'no')),
        ...row(lang, 'fact.repeal', a.repealEffectiveFrom ? formatDate(lang, a.repealEffectiveFrom) : null),
        ...row(lang, 'fact.revision', String(loaded.revision)),
      ],
      currentText: latest ? { heading: translate(lang, 'actCurrentText', { version: latest.version }), text: latest.text } : null,
      versions: [...versions].reverse().map((v) => ({
        ...v,
        label: versionLabel(v),
        effectiveText: v.effectiveFrom ? translate(lang, 'actInForceFrom', { date: formatDate(lang, v.effectiveFrom) }) : '',
        amendingHref: v.amendingActId ? `/staff/acts/${encodeURIComponent(v.amendingActId)}` : null,
      })),
      diff:
        from !== null && to !== null
          ? {
              from,
              to,
              fromOptions: versions.map((v) => ({ value: String(v.version), text: versionLabel(v), selected: v.version === from })),
              toOptions: versions.map((v) => ({ value: String(v.version), text: versionLabel(v), selected: v.version === to })),
              parts,
              summary: parts ? translate(lang, 'diffSummary', { ...diffCounts(parts), from, to }) : translate(lang, 'diffSame'),
            }
          : null,
      related: relatedLinks,
      timeline: timelineOf(lang, loaded.events, await directoryNames(deps, loaded.communityId)),
    };
  },
};

/* ------------------------------------------------------------ complaints ------------------------------------------------------------ */

const OPEN_COMPLAINT = new Set(['filed', 'acknowledged', 'assigned', 'escalated', 'reopened']);

const complaintPage: CasePage = {
  kind: 'complaints',
  aggregate: 'complaint',
  section: 'inbox',
  template: 'complaint.njk',
  view: complaintView as CasePage['view'],
  offered: (actor, loaded, today, now) => offeredCommands('complaint', actor, loaded.id, loaded.state, today, now),
  choices: (deps, _actor, loaded) => staffChoices(deps, loaded.communityId, 'assigneeId'),
  present: async (deps, lang, loaded, today) => {
    const c = loaded.view as ComplaintView;
    const deadline = deadlineOf(lang, today, c.responseDueOn, OPEN_COMPLAINT.has(c.status));
    const staff = c.assigneeId ? await assignableStaff(deps, loaded.communityId).catch(() => []) : [];
    const assignee = c.assigneeId ? (staff.find((s) => s.value === c.assigneeId)?.text ?? c.assigneeId) : translate(lang, 'unassigned');
    return {
      title: translate(lang, 'complaintTitle', { subject: c.subject }),
      complaint: c,
      statusText: translate(lang, `status.complaint.${c.status}`),
      deadline,
      facts: [
        ...row(lang, 'fact.status', translate(lang, `status.complaint.${c.status}`)),
        ...row(lang, 'fact.subject', c.subject),
        ...row(lang, 'fact.category', c.category),
        ...row(lang, 'fact.description', c.description),
        ...row(lang, 'fact.complainant', c.complainantName ?? translate(lang, 'complainantAnonymous')),
        ...row(lang, 'fact.applicantId', c.complainantId),
        ...row(lang, 'fact.channel', translateOr(lang, `channel.${c.channel}`, c.channel)),
        ...row(lang, 'fact.filedAt', formatDate(lang, c.filedAt, true)),
        ...row(lang, 'fact.responseDueOn', `${formatDate(lang, c.responseDueOn)} (${deadline.text})`),
        ...row(lang, 'fact.acknowledgedAt', c.acknowledgedAt ? formatDate(lang, c.acknowledgedAt, true) : null),
        ...row(lang, 'fact.assignee', assignee),
        ...row(lang, 'fact.escalatedTo', c.escalatedTo ? translate(lang, `choice.to.${c.escalatedTo}`) : null),
        ...row(lang, 'fact.response', c.response),
        ...row(lang, 'fact.resolution', c.resolution ? translate(lang, `choice.resolution.${c.resolution}`) : null),
        ...row(lang, 'fact.reopenableUntil', c.reopenableUntil && c.status === 'responded' ? formatDate(lang, c.reopenableUntil) : null),
        ...row(lang, 'fact.reopenCount', c.reopenCount > 0 ? String(c.reopenCount) : null),
        ...row(lang, 'fact.closedAt', c.closedAt ? formatDate(lang, c.closedAt, true) : null),
        ...row(lang, 'fact.revision', String(loaded.revision)),
      ],
      related: [],
      timeline: timelineOf(lang, loaded.events, await directoryNames(deps, loaded.communityId)),
    };
  },
};

/** The case pages of this file, by URL segment. */
export const MORE_CASE_PAGES: Readonly<Record<string, CasePage>> = { acts: actPage, complaints: complaintPage };

/* ------------------------------------------------------------ commands that open a case ------------------------------------------------------------ */

/** The channels a complaint is received by at the office: online complaints are the resident's own. */
export const STAFF_COMPLAINT_CHANNELS = ['hotline', 'cso', 'in-person'] as const;

export const MORE_CREATING: Readonly<Record<string, CreatingCommand>> = {
  draftAct: {
    section: 'new-act',
    prefill: async (_query, _deps, actor: Actor) => ({ 'input.issuer': actor.role === 'head' ? 'head' : 'council' }),
  },
  fileComplaint: {
    section: 'new-complaint',
    prefill: async (query) => {
      const channel = queryParam(query, 'channel', 16);
      return { 'input.channel': (STAFF_COMPLAINT_CHANNELS as readonly string[]).includes(channel) ? channel : 'hotline' };
    },
    choices: async (_deps, _actor, lang) => ({ 'input.channel': STAFF_COMPLAINT_CHANNELS.map((c) => ({ value: c, text: translate(lang, `choice.channel.${c}`) })) }),
  },
};


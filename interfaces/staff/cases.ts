/**
 * The case pages' data: a case folded from its stream by its aggregate's decider (so the page shows the
 * state the next command will be decided on, with its revision), its timeline from the same events —
 * every event, with what, when, who, by which channel and assurance — and its facts and related cases.
 * A page kind is one entry of CASE_PAGES; the acts' and complaints' pages join it the same way.
 */
import { ID_PATTERN } from '../../application/commands/fields';
import { commandRegistry } from '../../application/commands/registry';
import type { Actor, RecordedEvent } from '../../application/ports/event-store';
import { applicationView, type ApplicationView } from '../../domain/service-application/view';
import type { ApplicationState } from '../../domain/service-application/state';
import { feeView, type FeeView } from '../../domain/fee/view';
import type { FeeState } from '../../domain/fee/state';
import type { StaffPagesDeps } from './deps';
import { staffChoices } from './staff-choices';
import { isAttachment } from '../../domain/kernel/attachments';
import { directoryNames, nameOr, type PeopleNames } from './people';
import { offeredCommands, type ChoiceItem } from './command-forms';
import { deadlineOf, formatAmd, formatDate, translate, translateOr, type Lang } from './i18n';

export interface LoadedCase<S = unknown, V = unknown> {
  readonly id: string;
  readonly communityId: string;
  /** The stream's revision: the forms send it as expectedRevision. */
  readonly revision: number;
  readonly state: S;
  readonly view: V;
  readonly events: readonly RecordedEvent[];
}

export interface CasePage {
  /** The URL segment: /staff/<kind>/<id>. */
  readonly kind: string;
  /** The aggregate (its decider's name). */
  readonly aggregate: string;
  readonly section: string;
  readonly template: string;
  readonly view: (state: never, today: string) => { readonly communityId: string } | null;
  /** The commands the person may run on it now. */
  offered(actor: Actor, loaded: LoadedCase, today: string, now: string): string[];
  /** Choices the forms of this case offer (its community's staff…). */
  choices(deps: StaffPagesDeps, actor: Actor, loaded: LoadedCase): Promise<Record<string, readonly ChoiceItem[]>>;
  /** What the template shows besides the forms. */
  present(deps: StaffPagesDeps, lang: Lang, loaded: LoadedCase, today: string, query?: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>>;
}

const deciderOf = (aggregate: string) => {
  const spec = Object.values(commandRegistry).find((a) => a.decider.name === aggregate);
  if (!spec) throw new Error(`No aggregate ${aggregate} in the command registry`);
  return spec.decider;
};

/** The case folded from its stream; null when there is none (or the id could not name one). */
export const loadCase = async (deps: Pick<StaffPagesDeps, 'eventStore'>, page: CasePage, id: string, today: string): Promise<LoadedCase | null> => {
  if (!ID_PATTERN.test(id)) return null;
  const decider = deciderOf(page.aggregate) as unknown as { evolve(s: unknown, e: { type: string; data: unknown }): unknown; initialState(): unknown };
  const events = await deps.eventStore.readStream(`${page.aggregate}-${id}`);
  if (events.length === 0) return null;
  const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data }), decider.initialState());
  const view = page.view(state as never, today);
  if (!view) return null;
  return { id, communityId: view.communityId, revision: events[events.length - 1].revision, state, view, events };
};

/** Event data fields worth a line in the timeline (ids of the case itself and of its community are not). */
const HIDDEN_DATA = new Set([
  ...['applicationId', 'communityId', 'feeId', 'service', 'taxLiability', 'at', 'onBehalfOf', 'actId', 'complaintId'],
  // An act's texts are its page's versions and their diff; who drafted, revised or signed is the byline.
  ...['text', 'draftedBy', 'revisedBy', 'signedBy', 'filedAt'],
  // Who and when are the entry's byline and date already.
  ...['assignedBy', 'assignedAt', 'decidedAt', 'decidedBy', 'registeredAt', 'registeredBy', 'submittedAt', 'submittedBy', 'submittedByRole', 'requestedAt', 'requestedBy', 'providedAt', 'issuedAt', 'issuedBy', 'withdrawnAt', 'assessedAt', 'assessedBy', 'recordedAt'],
]);

const detailValue = (lang: Lang, key: string, value: unknown): string | null => {
  if (typeof value === 'number') return /amd$/i.test(key) ? formatAmd(value) : String(value);
  if (typeof value !== 'string' || value === '') return null;
  const choice = translateOr(lang, `choice.${key}.${value}`, '');
  if (choice) return choice;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(lang, value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDate(lang, value, true);
  return value;
};

export interface TimelineItem {
  readonly label: string;
  readonly byline: string;
  readonly timestamp: string;
  readonly date: string;
  readonly details: ReadonlyArray<{ readonly label: string; readonly value: string }>;
}

/** Every event of the case, newest first: what, when, who (by name where the staff directory knows them), by which channel and assurance. */
export const timelineOf = (lang: Lang, events: readonly RecordedEvent[], names: PeopleNames = new Map()): TimelineItem[] =>
  [...events].reverse().map((e) => {
    const { actor } = e.metadata;
    const who = `${nameOr(names, actor.id)} (${translateOr(lang, `role.${actor.role}`, actor.role)})`;
    const byline = [
      translate(lang, 'timelineBy', { who, channel: translateOr(lang, `channel.${actor.channel}`, actor.channel), assurance: translateOr(lang, `assurance.${actor.assurance}`, actor.assurance) }),
      ...(actor.onBehalfOf ? [translate(lang, 'timelineOnBehalfOf', { who: nameOr(names, actor.onBehalfOf) })] : []),
    ].join(' · ');
    const data = (e.data ?? {}) as Record<string, unknown>;
    const details = Object.entries(data)
      .filter(([k]) => !HIDDEN_DATA.has(k))
      .map(([k, v]) => ({ label: translateOr(lang, `field.${k}`, k), value: typeof v === 'string' && names.has(v) ? nameOr(names, v) : detailValue(lang, k, v) }))
      .filter((d): d is { label: string; value: string } => d.value !== null);
    return { label: translateOr(lang, `event.${e.type}`, e.type), byline, timestamp: e.metadata.occurredAt, date: formatDate(lang, e.metadata.occurredAt, true), details };
  });

export type Row = { key: { text: string }; value: { text: string } };
export const row = (lang: Lang, key: string, text: string | null | undefined): Row[] => (text ? [{ key: { text: translate(lang, key) }, value: { text } }] : []);

const applicationPage: CasePage = {
  kind: 'applications',
  aggregate: 'application',
  section: 'inbox',
  template: 'application.njk',
  view: applicationView as CasePage['view'],
  offered: (actor, loaded, today, now) => offeredCommands('application', actor, loaded.id, loaded.state, today, now),
  // The assignee is chosen among the community's staff in the directory.
  choices: (deps, _actor, loaded) => staffChoices(deps, loaded.communityId, 'assigneeId'),
  present: async (deps, lang, loaded, today) => {
    const a = loaded.view as ApplicationView;
    const state = loaded.state as ApplicationState;
    const open = ['submitted', 'registered', 'assigned', 'awaiting-information'].includes(a.status);
    const deadline = deadlineOf(lang, today, a.dueOn, open);
    // The fees assessed for it (open or not) and any other fee that settled it, once each.
    const settling = state.status === 'none' ? [] : await Promise.all(state.feeSettlements.map((s) => deps.queries.fee(s.feeId).catch(() => null)));
    const assessed = await deps.queries.feesOfApplication(loaded.id);
    const fees = [...assessed, ...settling.filter((f) => f !== null && !assessed.some((a) => a.id === f.id))];
    const names = await directoryNames(deps, loaded.communityId);
    return {
      title: translate(lang, 'applicationTitle', { kind: translate(lang, `kind.${a.kind}`), number: a.registrationNumber ?? a.trackingCode ?? a.id }),
      application: a,
      statusText: translate(lang, `status.application.${a.status}`),
      deadline,
      facts: [
        ...row(lang, 'fact.registrationNumber', a.registrationNumber ?? translate(lang, 'notRegistered')),
        ...row(lang, 'fact.trackingCode', a.trackingCode),
        ...row(lang, 'fact.status', translate(lang, `status.application.${a.status}`)),
        ...row(lang, 'fact.service', `${lang === 'hy' ? a.serviceNameHy : a.serviceNameEn} (${a.serviceCode})`),
        ...row(lang, 'fact.subject', a.subject),
        ...row(lang, 'fact.details', a.details),
        ...row(lang, 'fact.applicant', a.applicantName),
        ...row(lang, 'fact.applicantId', a.applicantId),
        ...row(lang, 'fact.channel', translateOr(lang, `channel.${a.channel}`, a.channel)),
        ...row(lang, 'fact.submittedAt', formatDate(lang, a.submittedAt, true)),
        ...row(lang, 'fact.dueOn', `${formatDate(lang, a.dueOn)} (${deadline.text})`),
        ...row(lang, 'fact.assignee', a.assigneeId ? nameOr(names, a.assigneeId) : translate(lang, 'unassigned')),
        ...row(lang, 'fact.pendingQuestion', a.pendingQuestion),
        ...row(lang, 'fact.fee', formatAmd(a.feeAmd)),
        ...row(lang, 'fact.feeSettled', translate(lang, a.feeSettled ? 'yes' : 'no')),
        ...row(lang, 'fact.decision', a.decision ? [a.decision.outcome, a.decision.basis, a.decision.reason, a.decision.answer].filter(Boolean).join(' — ') : null),
        ...row(lang, 'fact.permit', a.permit ? translate(lang, 'permitText', { number: a.permit.number, from: formatDate(lang, a.permit.validFrom), until: formatDate(lang, a.permit.validUntil) }) : null),
        ...row(lang, 'fact.certificate', a.certificate?.number),
        ...row(lang, 'fact.revision', String(loaded.revision)),
      ],
      related: fees
        .filter((f): f is NonNullable<typeof f> => f !== null)
        .map((f) => ({ href: `/staff/fees/${encodeURIComponent(f.id)}`, text: translate(lang, 'relatedFee', { code: f.code, amount: formatAmd(f.amountAmd), status: translate(lang, `status.fee.${f.status}`) }) })),
      assessFeeHref: a.feeAmd > 0 && !a.feeSettled ? `/staff/new/assessFee?applicationId=${encodeURIComponent(a.id)}` : null,
      files: filesOf(lang, loaded.id, loaded.events),
      timeline: timelineOf(lang, loaded.events, names),
    };
  },
};

/** The files attached to the application by any of its events (submission, answers), each once, with its download link. */
const filesOf = (lang: Lang, id: string, events: readonly RecordedEvent[]) => {
  const seen = new Set<string>();
  return events.flatMap((e) => {
    const attachments = (e.data as { attachments?: unknown } | null)?.attachments;
    return (Array.isArray(attachments) ? attachments.filter(isAttachment) : [])
      .filter((a) => !seen.has(a.sha256) && seen.add(a.sha256))
      .map((a) => ({
        name: a.name,
        href: `/files/application/${encodeURIComponent(id)}/${a.sha256}`,
        description: `${a.type === 'application/pdf' ? 'PDF' : a.type === 'image/png' ? 'PNG' : 'JPEG'}, ${formatFileSize(lang, a.size)}`,
        event: translateOr(lang, `event.${e.type}`, e.type),
        date: formatDate(lang, e.metadata.occurredAt, true),
      }));
  });
};

const formatFileSize = (lang: Lang, bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(bytes / 1024)} KB` : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;

const feePage: CasePage = {
  kind: 'fees',
  aggregate: 'fee',
  section: 'fees',
  template: 'fee.njk',
  view: feeView as CasePage['view'],
  offered: (actor, loaded, today, now) => offeredCommands('fee', actor, loaded.id, loaded.state, today, now),
  choices: async () => ({}),
  present: async (deps, lang, loaded, today) => {
    const f = loaded.view as FeeView;
    void (loaded.state as FeeState);
    const open = f.status === 'due' || f.status === 'partially-paid';
    const deadline = deadlineOf(lang, today, f.dueOn, open);
    return {
      title: translate(lang, 'feeTitle', { code: f.code }),
      fee: f,
      statusText: translate(lang, `status.fee.${f.status}`),
      deadline,
      facts: [
        ...row(lang, 'fact.status', translate(lang, `status.fee.${f.status}`)),
        ...row(lang, 'fact.code', f.code),
        ...row(lang, 'fact.payer', `${f.payerName} (${f.payerId})`),
        ...row(lang, 'fact.amount', formatAmd(f.amountAmd)),
        ...row(lang, 'fact.paid', formatAmd(f.paidAmd)),
        ...row(lang, 'fact.refunded', f.refundedAmd > 0 ? formatAmd(f.refundedAmd) : null),
        ...row(lang, 'fact.balance', formatAmd(f.balanceAmd)),
        ...row(lang, 'fact.dueOn', `${formatDate(lang, f.dueOn)} (${deadline.text})`),
        ...row(lang, 'fact.basis', f.basis),
        ...row(lang, 'fact.assessedAt', formatDate(lang, f.assessedAt, true)),
        ...row(lang, 'fact.revision', String(loaded.revision)),
      ],
      related: f.applicationId ? [{ href: `/staff/applications/${encodeURIComponent(f.applicationId)}`, text: `${translate(lang, 'fact.application')} ${f.applicationId}` }] : [],
      timeline: timelineOf(lang, loaded.events, await directoryNames(deps, loaded.communityId)),
    };
  },
};

export const CASE_PAGES: Readonly<Record<string, CasePage>> = { applications: applicationPage, fees: feePage };

/** The URL segment of an aggregate's case pages. */
export const caseKindOfAggregate = (aggregate: string): string => Object.values(CASE_PAGES).find((p) => p.aggregate === aggregate)?.kind ?? aggregate;

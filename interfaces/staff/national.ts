/**
 * The national pages of the workspace: the community registry the ministry keeps, and the national
 * reports. Reads are the queries GraphQL serves (`communities`, `nationalAdoptionReport`,
 * `adoptionOverTime`, `transparencyReport`); a community's page folds its stream with the community
 * decider, so its forms carry the revision the next command is decided on. Every form is generated from
 * the command's declaration and run through the command bus; who may run it is the command's own policy.
 *
 *   GET  /staff/communities                    the registry: search, province, merged ones, pages; register, consolidate
 *   POST /staff/communities/commands/:command  registerCommunity, consolidateCommunities
 *   GET  /staff/communities/:id                a community: facts, services, timeline, its commands
 *   POST /staff/communities/:id/:command       runs a community command (deployCmis, offerService…)
 *   GET  /staff/reports                        national adoption as of a date, adoption over time, transparency
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ID_PATTERN } from '../../application/commands/fields';
import type { AnyCommandSpec } from '../../application/commands/declare';
import { communityStreamId } from '../../application/community/commands';
import type { Actor } from '../../application/ports/event-store';
import { decideRead } from '../../application/read-policy';
import { communityDecider, communityView, PROVINCES, type CommunityState, type CommunityView } from '../../domain/community';
import { isIsoDate } from '../../domain/kernel/time';
import type { DomainCommand } from '../../domain/kernel/decider';
import { lineChart } from '../web/charts';
import { twelveMonths } from '../web/queries';
import { buildCommandForm, offeredCommands, parseCommandForm, publicCommand, type ChoiceItem, type CommandFormView } from './command-forms';
import { timelineOf } from './cases';
import { pageOutcomeOf } from './errors';
import { formatAmd, formatDate, translate, translateOr, type Lang } from './i18n';
import type { StaffPageContext } from './page-context';

type Query = Record<string, unknown>;
type Bus = Record<string, (args: unknown, ctx: object) => Promise<{ id: string; position: bigint | null }>>;

const PAGE_SIZE = 20;
/** The registry's commands that create a community (on the list page); the others act on one. */
const CREATING = ['registerCommunity', 'consolidateCommunities'] as const;

const str = (query: Query, key: string): string => {
  const v = query[key];
  return typeof v === 'string' ? v.trim() : '';
};

/** Navigation items of the national pages: the registry and reports for national officials, the audit pages for those who may read them. */
export const nationalNavigation = (lang: Lang, actor: Actor | null, section: string): Array<{ href: string; text: string; active: boolean }> => {
  if (actor === null || actor.communityId) return [];
  return [
    { href: '/staff/communities', text: translate(lang, 'navCommunities'), active: section === 'communities' },
    { href: '/staff/reports', text: translate(lang, 'navReports'), active: section === 'reports' },
    ...(decideRead(actor, { kind: 'audit-trail' }).allowed ? [{ href: '/staff/audit', text: translate(lang, 'navAudit'), active: section === 'audit' }] : []),
    { href: '/staff/audit/tree', text: translate(lang, 'navAuditTree'), active: section === 'audit-tree' },
  ];
};

/** Whether the command's own policy lets `actor` run it at all (the registry's policies look at the role only). */
const mayRun = (commandName: string, actor: Actor): boolean => {
  const declared = publicCommand(commandName);
  return declared !== undefined && (declared.spec as AnyCommandSpec<unknown, DomainCommand>).policy(actor, communityDecider.initialState(), {}).allowed;
};

interface LoadedCommunity {
  readonly id: string;
  readonly revision: number;
  readonly state: CommunityState;
  readonly view: CommunityView;
  readonly events: Awaited<ReturnType<StaffPageContext['deps']['eventStore']['readStream']>>;
}

const loadCommunity = async (ctx: StaffPageContext, id: string): Promise<LoadedCommunity | null> => {
  if (!ID_PATTERN.test(id)) return null;
  const events = await ctx.deps.eventStore.readStream(communityStreamId(id));
  if (events.length === 0) return null;
  const state = events.reduce((s, e) => communityDecider.evolve(s, { type: e.type, data: e.data } as never), communityDecider.initialState());
  const view = communityView(state, ctx.today());
  if (!view) return null;
  return { id, revision: events[events.length - 1].revision, state, view, events };
};

interface FormState {
  readonly commandName: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: ReadonlyMap<string, string>;
  readonly commandId?: string;
}

type Notice = { title: string; text: string };

const provinceItems = (lang: Lang, selected: string) => [
  { value: '', text: translate(lang, 'filterAny') },
  ...PROVINCES.map((p) => ({ value: p, text: translate(lang, `choice.province.${p}`), selected: p === selected })),
];

const labelsOf = (lang: Lang, commandName: string): Map<string, string> => new Map(buildCommandForm({ lang, commandName, action: '' }).fields.map((f) => [f.name, f.label]));

/** "Enter …" beside each required field left empty. */
const missingErrors = (lang: Lang, commandName: string, missing: readonly string[]): Map<string, string> => {
  const labels = labelsOf(lang, commandName);
  return new Map(missing.map((path) => [path, translate(lang, 'required', { field: labels.get(path) ?? path })]));
};

/** A command's validation failure beside each field it names. */
const invalidErrors = (lang: Lang, commandName: string, fields: ReadonlyMap<string, string>): Map<string, string> => {
  const labels = labelsOf(lang, commandName);
  return new Map([...fields].map(([path, text]) => [path, `${labels.get(path) ?? path}: ${text}`]));
};

export const registerNationalPages = (app: FastifyInstance, ctx: StaffPageContext): void => {
  const { deps } = ctx;

  /** Runs a command through the bus; the outcome is a redirect or what to show again. */
  const run = async (request: FastifyRequest, actor: Actor, commandName: string, args: Record<string, unknown>): Promise<{ ok: true; id: string } | { ok: false; error: unknown }> => {
    try {
      const result = await (deps.commands as unknown as Bus)[commandName](args, { actor, correlationId: request.id });
      await ctx.noteWrite(request, actor, result.position);
      return { ok: true, id: result.id };
    } catch (error) {
      return { ok: false, error };
    }
  };

  /* ------------------------------------------------------------ the registry ------------------------------------------------------------ */

  const renderList = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor, status: number, extra: { form?: FormState; notice?: Notice } = {}) => {
    const query = (request.query ?? {}) as Query;
    const search = str(query, 'search');
    const province = (PROVINCES as readonly string[]).includes(str(query, 'province')) ? str(query, 'province') : '';
    const includeMerged = str(query, 'includeMerged') === '1';
    const after = str(query, 'after');
    const page = await deps.queries.communities({ search: search || null, province: province || null, includeMerged, first: PAGE_SIZE, after: after || null });
    const link = (next: string | null) => {
      const params = new URLSearchParams();
      if (search) params.set('search', search);
      if (province) params.set('province', province);
      if (includeMerged) params.set('includeMerged', '1');
      if (next) params.set('after', next);
      const qs = params.toString();
      return `/staff/communities${qs ? `?${qs}` : ''}`;
    };
    const forms: Array<CommandFormView & { open: boolean }> = CREATING.filter((name) => mayRun(name, actor)).map((commandName) => {
      const mine = extra.form?.commandName === commandName ? extra.form : undefined;
      return { ...buildCommandForm({ lang, commandName, action: `/staff/communities/commands/${commandName}`, values: mine?.values, errors: mine?.errors, commandId: mine?.commandId }), open: mine !== undefined };
    });
    return ctx.render(request, reply, status, 'communities.njk', lang, actor, 'communities', {
      title: translate(lang, 'communitiesTitle'),
      query: { search, province, includeMerged },
      provinces: provinceItems(lang, province),
      totalText: translate(lang, 'communitiesCount', { n: page.totalCount }),
      rows: page.nodes.map((c) => ({
        href: `/staff/communities/${encodeURIComponent(c.id)}`,
        code: c.id,
        name: lang === 'hy' ? c.nameHy : c.nameEn,
        province: translateOr(lang, `choice.province.${c.province}`, c.province),
        kind: translateOr(lang, `choice.kind.${c.kind}`, c.kind),
        population: c.population === null ? translate(lang, 'notAvailable') : c.population.toLocaleString(lang === 'hy' ? 'hy-AM' : 'en-GB'),
        status: translate(lang, `communityStatus.${c.status}`),
        merged: c.status === 'merged',
        cmis: c.cmisEdition ? translate(lang, `choice.edition.${c.cmisEdition}`) : translate(lang, 'notDeployed'),
      })),
      first: after ? link(null) : null,
      next: page.pageInfo.hasNextPage && page.pageInfo.endCursor ? link(page.pageInfo.endCursor) : null,
      forms,
      errors: forms.flatMap((f) => f.errors),
      notice: extra.notice,
    });
  };

  app.get('/staff/communities', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await ctx.personOf(request, reply, lang);
    if (!actor) return reply;
    try {
      return await renderList(request, reply, lang, actor, 200);
    } catch (error) {
      return ctx.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });

  app.post<{ Params: { command: string } }>('/staff/communities/commands/:command', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await ctx.personOf(request, reply, lang);
    if (!actor) return reply;
    if (!(await ctx.verifyCsrf(request))) return ctx.csrfRefused(request, reply, lang, actor);
    const declared = publicCommand(request.params.command);
    if (!declared || !(CREATING as readonly string[]).includes(declared.name)) return ctx.notFound(request, reply, lang, actor);
    const commandName = declared.name;
    const form = parseCommandForm(declared.spec.input, (request.body ?? {}) as Record<string, unknown>, {});
    try {
      if (form.missing.length > 0) {
        return await renderList(request, reply, lang, actor, 422, { form: { commandName, values: form.values, errors: missingErrors(lang, commandName, form.missing), commandId: form.commandId } });
      }
      const outcome = await run(request, actor, commandName, { ...form.args, commandId: form.commandId });
      if (outcome.ok) return await reply.header('cache-control', 'no-store').redirect(`/staff/communities/${encodeURIComponent(outcome.id)}?done=${commandName}`, 303);
      const refused = pageOutcomeOf(outcome.error);
      if (refused.kind === 'invalid') {
        return await renderList(request, reply, lang, actor, 422, { form: { commandName, values: form.values, errors: invalidErrors(lang, commandName, refused.fields), commandId: form.commandId } });
      }
      if (refused.kind === 'refused') {
        return await renderList(request, reply, lang, actor, refused.status, {
          form: { commandName, values: form.values, errors: new Map(), commandId: form.commandId },
          notice: { title: translate(lang, 'errorSummaryTitle'), text: translate(lang, refused.status === 403 ? 'notAllowed' : 'invalidTransition', { message: refused.message }) },
        });
      }
      return await ctx.failure(request, reply, lang, actor, refused, outcome.error);
    } catch (error) {
      return ctx.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });

  /* ------------------------------------------------------------ a community ------------------------------------------------------------ */

  const communityFacts = (lang: Lang, c: CommunityView, revision: number) => {
    const row = (key: string, text: string | null | undefined) => (text ? [{ key: { text: translate(lang, key) }, value: { text } }] : []);
    return [
      ...row('fact.community.code', c.id),
      ...row('fact.status', translate(lang, `communityStatus.${c.status}`)),
      ...row('fact.community.nameHy', c.nameHy),
      ...row('fact.community.nameEn', c.nameEn),
      ...row('fact.community.province', translateOr(lang, `choice.province.${c.province}`, c.province)),
      ...row('fact.community.kind', translateOr(lang, `choice.kind.${c.kind}`, c.kind)),
      ...row(
        'fact.community.population',
        c.population === null ? null : c.populationAsOf ? translate(lang, 'populationAsOf', { population: c.population, date: formatDate(lang, c.populationAsOf) }) : String(c.population),
      ),
      ...row('fact.community.settlements', c.settlements.join(', ')),
      ...row('fact.community.registeredOn', formatDate(lang, c.registeredOn)),
      ...row('fact.community.consolidatedOn', c.consolidatedOn ? formatDate(lang, c.consolidatedOn) : null),
      ...row('fact.community.formerCommunities', c.formerCommunityIds.join(', ')),
      ...row('fact.community.mergedInto', c.mergedInto ? `${c.mergedInto} (${formatDate(lang, c.mergedOn)})` : null),
      ...row(
        'fact.community.cmis',
        c.cmisEdition ? translate(lang, 'cmisSince', { edition: translate(lang, `choice.edition.${c.cmisEdition}`), date: formatDate(lang, c.cmisDeployedOn) }) : translate(lang, 'notDeployed'),
      ),
      ...row('fact.community.documentCirculation', c.documentCirculation ? translate(lang, 'circulationSince', { date: formatDate(lang, c.documentCirculationOn) }) : translate(lang, 'no')),
      ...row('fact.community.website', c.officialWebsite ? (c.officialWebsite.hostedOnCmis ? translate(lang, 'websiteOnCmis', { url: c.officialWebsite.url }) : c.officialWebsite.url) : translate(lang, 'none')),
      ...row(
        'fact.community.offices',
        c.citizenServiceOffices.length
          ? c.citizenServiceOffices
              .map((o) => [translate(lang, 'officeText', { name: o.name, id: o.officeId, date: formatDate(lang, o.openedOn) }), ...(o.partners.length ? [translate(lang, 'officePartners', { partners: o.partners.join(', ') })] : [])].join('; '))
              .join(' · ')
          : translate(lang, 'none'),
      ),
      ...row('fact.revision', String(revision)),
    ];
  };

  const renderCommunity = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor, loaded: LoadedCommunity, status: number, extra: { form?: FormState; notice?: Notice; success?: string } = {}) => {
    const now = ctx.deps.now?.() ?? new Date();
    const c = loaded.view;
    const serviceChoices: Record<string, readonly ChoiceItem[]> = { code: c.services.map((s) => ({ value: s.code, text: `${lang === 'hy' ? s.nameHy : s.nameEn} (${s.code})` })) };
    // Withdrawing is asked of the decider with a made-up service code, which it rightly refuses; it is
    // offered when the community has a service to withdraw and the state allows offering one.
    const allowed = offeredCommands('community', actor, loaded.id, loaded.state, ctx.today(), now.toISOString());
    const offered = allowed.includes('offerService') && c.services.length > 0 ? [...allowed, 'withdrawService'] : allowed;
    const forms: Array<CommandFormView & { open: boolean }> = offered.map((commandName) => {
      const mine = extra.form?.commandName === commandName ? extra.form : undefined;
      return {
        ...buildCommandForm({
          lang,
          commandName,
          action: `/staff/communities/${encodeURIComponent(loaded.id)}/${commandName}`,
          fixed: { communityId: loaded.id },
          values: mine?.values,
          errors: mine?.errors,
          commandId: mine?.commandId,
          choices: commandName === 'withdrawService' ? serviceChoices : {},
          expectedRevision: loaded.revision,
        }),
        open: mine !== undefined,
      };
    });
    return ctx.render(request, reply, status, 'community.njk', lang, actor, 'communities', {
      title: translate(lang, 'communityTitle', { name: lang === 'hy' ? c.nameHy : c.nameEn, code: c.id }),
      statusText: translate(lang, `communityStatus.${c.status}`),
      facts: communityFacts(lang, c, loaded.revision),
      services: c.services.map((s) => ({
        code: s.code,
        name: lang === 'hy' ? s.nameHy : s.nameEn,
        fee: formatAmd(s.feeAmd),
        deadline: translate(lang, 'deadlineDaysText', { n: s.deadlineDays, kind: translate(lang, `choice.deadlineKind.${s.deadlineKind}`) }),
        issues: translate(lang, `choice.issues.${s.issues}`),
      })),
      forms,
      errors: forms.flatMap((f) => f.errors),
      notice: extra.notice,
      success: extra.success,
      timeline: timelineOf(lang, loaded.events),
      historyHref: decideRead(actor, { kind: 'audit-trail' }).allowed ? `/staff/audit/streams/${encodeURIComponent(communityStreamId(loaded.id))}` : null,
    });
  };

  app.get<{ Params: { id: string } }>('/staff/communities/:id', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await ctx.personOf(request, reply, lang);
    if (!actor) return reply;
    try {
      const loaded = await loadCommunity(ctx, request.params.id);
      if (!loaded) return await ctx.notFound(request, reply, lang, actor);
      const done = str((request.query ?? {}) as Query, 'done');
      const success = done && publicCommand(done) ? translate(lang, 'successText', { action: translateOr(lang, `command.${done}`, done) }) : undefined;
      return await renderCommunity(request, reply, lang, actor, loaded, 200, { success });
    } catch (error) {
      return ctx.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });

  app.post<{ Params: { id: string; command: string } }>('/staff/communities/:id/:command', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await ctx.personOf(request, reply, lang);
    if (!actor) return reply;
    if (!(await ctx.verifyCsrf(request))) return ctx.csrfRefused(request, reply, lang, actor);
    const declared = publicCommand(request.params.command);
    if (!declared || declared.aggregate.decider.name !== communityDecider.name || (CREATING as readonly string[]).includes(declared.name)) return ctx.notFound(request, reply, lang, actor);
    const commandName = declared.name;
    try {
      const loaded = await loadCommunity(ctx, request.params.id);
      if (!loaded) return await ctx.notFound(request, reply, lang, actor);
      const form = parseCommandForm(declared.spec.input, (request.body ?? {}) as Record<string, unknown>, { communityId: loaded.id });
      if (form.missing.length > 0) {
        return await renderCommunity(request, reply, lang, actor, loaded, 422, { form: { commandName, values: form.values, errors: missingErrors(lang, commandName, form.missing), commandId: form.commandId } });
      }
      const outcome = await run(request, actor, commandName, { ...form.args, commandId: form.commandId, expectedRevision: form.expectedRevision });
      if (outcome.ok) return await reply.header('cache-control', 'no-store').redirect(`/staff/communities/${encodeURIComponent(loaded.id)}?done=${commandName}`, 303);
      const refused = pageOutcomeOf(outcome.error);
      const fresh = (await loadCommunity(ctx, loaded.id)) ?? loaded;
      if (refused.kind === 'invalid') {
        return await renderCommunity(request, reply, lang, actor, fresh, 422, { form: { commandName, values: form.values, errors: invalidErrors(lang, commandName, refused.fields), commandId: form.commandId } });
      }
      if (refused.kind === 'conflict') return await renderCommunity(request, reply, lang, actor, fresh, 409, { notice: { title: translate(lang, 'conflictTitle'), text: translate(lang, 'conflictText') } });
      if (refused.kind === 'refused') {
        return await renderCommunity(request, reply, lang, actor, fresh, refused.status, {
          notice: { title: translate(lang, 'errorSummaryTitle'), text: translate(lang, refused.status === 403 ? 'notAllowed' : 'invalidTransition', { message: refused.message }) },
        });
      }
      return await ctx.failure(request, reply, lang, actor, refused, outcome.error);
    } catch (error) {
      return ctx.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });

  /* ------------------------------------------------------------ national reports ------------------------------------------------------------ */

  app.get('/staff/reports', async (request, reply) => {
    const lang = ctx.langOf(request);
    const actor = await ctx.personOf(request, reply, lang);
    if (!actor) return reply;
    const query = (request.query ?? {}) as Query;
    const today = ctx.today();
    const asOf = isIsoDate(str(query, 'asOf')) ? str(query, 'asOf') : today;
    // Transparency over the twelve months up to asOf; adoption over the five years before it.
    const to = isIsoDate(str(query, 'to')) ? str(query, 'to') : asOf;
    const from = isIsoDate(str(query, 'from')) ? str(query, 'from') : twelveMonths(to).from;
    const chartFrom = `${Number(asOf.slice(0, 4)) - 5}-01-01`;
    try {
      const [report, overTime, transparency] = await Promise.all([
        deps.queries.nationalAdoptionReport(asOf),
        deps.queries.adoptionOverTime(chartFrom, asOf),
        deps.queries.transparencyReport({ from, to }),
      ]);
      const count = (n: number) => n.toLocaleString(lang === 'hy' ? 'hy-AM' : 'en-GB');
      const figures = [
        ['totalCommunities', count(report.totalCommunities)],
        ['withCmisDeployed', count(report.withCmisDeployed)],
        ['consolidatedMultiSettlement', count(report.consolidatedMultiSettlement)],
        ['consolidatedWithMultiSettlementCmis', count(report.consolidatedWithMultiSettlementCmis)],
        ['withElectronicDocumentCirculation', count(report.withElectronicDocumentCirculation)],
        ['whereCmisIsOfficialWebsite', count(report.whereCmisIsOfficialWebsite)],
        ['withAtLeast3000Residents', count(report.withAtLeast3000Residents)],
        ['citizenServiceOffices', count(report.citizenServiceOffices)],
        ['citizenServiceOfficesWithGiz', count(report.citizenServiceOfficesWithPartner('GIZ'))],
        ['shareOfPopulationOutsideYerevanWithCso', translate(lang, 'percentValue', { value: report.shareOfPopulationOutsideYerevanWithCso.toLocaleString(lang === 'hy' ? 'hy-AM' : 'en-GB') })],
      ].map(([key, value]) => ({ label: translate(lang, `figure.${key}`), value }));
      const SERIES = ['withCmisDeployed', 'withElectronicDocumentCirculation', 'withOfficialWebsite', 'citizenServiceOffices'] as const;
      const chart = lineChart(lang, {
        id: 'adoption-over-time',
        title: translate(lang, 'overTimeTitle', { from: formatDate(lang, chartFrom), to: formatDate(lang, asOf) }),
        months: overTime.map((p) => p.month),
        series: SERIES.map((key) => ({ label: translate(lang, `series.${key}`), values: overTime.map((p) => p[key]) })),
      });
      const na = translate(lang, 'notAvailable');
      const transparencyRows = [
        ['applicationsDecided', count(transparency.applicationsDecided)],
        ['medianDays', transparency.processingTimeDays.median === null ? na : count(transparency.processingTimeDays.median)],
        ['p90Days', transparency.processingTimeDays.p90 === null ? na : count(transparency.processingTimeDays.p90)],
        ['shareDecidedOnTime', transparency.shareDecidedOnTime === null ? na : translate(lang, 'percentValue', { value: transparency.shareDecidedOnTime })],
        ['feesCollectedAmd', formatAmd(transparency.feesCollectedAmd)],
        ['actsAdopted', count(transparency.actsAdopted)],
        ['actsPublished', count(transparency.actsPublished)],
        ['complaintsResponded', count(transparency.complaintsResponded)],
      ].map(([key, value]) => ({ label: translate(lang, `transparency.${key}`), value }));
      return await ctx.render(request, reply, 200, 'reports.njk', lang, actor, 'reports', {
        title: translate(lang, 'reportsTitle'),
        query: { asOf, from, to },
        adoptionTitle: translate(lang, 'adoptionTitle', { date: formatDate(lang, asOf) }),
        adoptionCaption: translate(lang, 'adoptionCaption', { date: formatDate(lang, asOf) }),
        figures,
        chart: chart.toString(),
        overTime: overTime.map((p) => ({ month: p.month, values: SERIES.map((key) => count(p[key])) })),
        seriesLabels: SERIES.map((key) => translate(lang, `series.${key}`)),
        transparencyTitle: translate(lang, 'transparencyTitle', { from: formatDate(lang, from), to: formatDate(lang, to) }),
        transparencyCaption: translate(lang, 'transparencyCaption', { from: formatDate(lang, from), to: formatDate(lang, to) }),
        transparencyRows,
        feesByCode: transparency.feesCollectedByCode,
      });
    } catch (error) {
      return ctx.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });
};

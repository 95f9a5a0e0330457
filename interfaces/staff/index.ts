/**
 * The staff workspace (`/staff`): server-rendered pages (Nunjucks, GOV.UK Frontend de-branded, the MOJ
 * components) over the same application the GraphQL API serves, in process — commands through the one
 * command bus (`commands.<name>(input, call)`), cases folded from their streams by the aggregates' own
 * deciders, lists from the read models once they reflect the person's own writes.
 *
 * Routes (docs/api.md, docs/workspace.md):
 *   GET  /staff, /staff/inbox                  the community's worklist (tabs, filters, search, sort, pages in the URL)
 *   GET  /staff/applications/:id               an application: facts, timeline, related fee, the commands the person may run
 *   GET  /staff/fees, /staff/fees/:id          the receivables list; a fee
 *   GET  /staff/new/:command                   the form of a command that opens a case (submitApplication, assessFee, draftAct, fileComplaint)
 *   GET  /staff/acts, /staff/acts/:id          the register of acts; an act (versions and their diff)   (acts.ts, cases-more.ts)
 *   GET  /staff/complaints/:id                 a complaint                                               (cases-more.ts)
 *   GET  /staff/dashboard                      the community's figures and charts                       (dashboard.ts)
 *   GET  /staff/directory, POST /staff/directory/:command   the staff directory, appoint and dismiss  (directory.ts)
 *   POST /staff/commands/:command              runs such a command
 *   POST /staff/:kind/:id/:command             runs a command on a case (kind: applications, fees)
 *   GET  /staff/assets/…                       the stylesheet, scripts, fonts and icons (content-hashed URLs)
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import { yerevanDate } from '../../domain/kernel/time';
import type { Actor } from '../../application/ports/event-store';
import { PROJECTION_NAMES } from '../../application/queries/read-models';
import { readsCommunityCases } from '../../application/read-policy';
import { callerKeyOf } from '../graphql/reads-follow-writes';
import { LANG_COOKIE } from '../web/i18n';
import { requestLang, safeNext } from '../web';
import { workspaceAssets, ASSET_PREFIX } from './assets';
import { bearerOnlyCsrf, verifyCsrf, workspaceAccess } from './caller';
import { sessionCsrf } from '../http/sessions';
import { buildCommandForm, parseCommandForm, publicCommand, type ChoiceItem, type CommandFormView } from './command-forms';
import { pageOutcomeOf, type PageOutcome } from './errors';
import { translate, translateOr, type Lang } from './i18n';
import { CASE_PAGES, caseKindOfAggregate, loadCase, type CasePage, type LoadedCase } from './cases';
import { loadInbox, inboxQueryOf } from './inbox';
import { loadReceivables, receivablesQueryOf } from './receivables';
import { registerViews } from './view';
import { directoryNames, nameOr } from './people';
import type { StaffPagesDeps } from './deps';
import type { CreatingCommand, StaffPageContext } from './page-context';
import { MORE_CASE_PAGES, MORE_CREATING } from './cases-more';
import { moreNavigation, registerMorePages } from './more-pages';

export type { StaffPagesDeps } from './deps';


type Query = Record<string, unknown>;

/** Every case page: the foundation's and those of cases-more.ts (acts, complaints). */
const ALL_CASE_PAGES: Readonly<Record<string, CasePage>> = { ...CASE_PAGES, ...MORE_CASE_PAGES };
const kindOfAggregate = (aggregate: string): string => Object.values(ALL_CASE_PAGES).find((p) => p.aggregate === aggregate)?.kind ?? caseKindOfAggregate(aggregate);

const SECURITY_HEADERS = (nonce: string): Record<string, string> => ({
  'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
});

export const registerStaffPages = async (server: FastifyInstance, deps: StaffPagesDeps): Promise<void> => {
  const assets = workspaceAssets();
  // The sessions' CSRF protection where the server has browser sessions (registerBrowserSessions), else bearer tokens only.
  const csrf = deps.csrf ?? (server.hasDecorator('csrfProtection') ? sessionCsrf : bearerOnlyCsrf);
  const now = deps.now ?? (() => new Date());

  // Its own plugin app: the form parser, compression and the view engine serve the workspace only.
  await server.register(async (app) => {
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
    // Pages are compressed per response; assets were compressed once when loaded.
    await app.register(compress, { global: false, encodings: ['br', 'gzip'], threshold: 1024 });
    await registerViews(app);

    app.get('/staff/assets/*', async (request, reply) => {
      const asset = assets.byUrl.get(request.url.split('?')[0]);
      if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      const accepted = String(request.headers['accept-encoding'] ?? '');
      reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').header('vary', 'Accept-Encoding');
      if (asset.br && /\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(asset.br);
      if (asset.gzip && /\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
      return reply.send(asset.body);
    });

    const langOf = (request: FastifyRequest): Lang => requestLang((request.query ?? {}) as Query, request.headers.cookie);

    /** What every page's layout needs. */
    const layoutData = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor | null, section: string, nonce: string) => {
      const current = safeNext(request.url);
      const langHref = (to: Lang) => {
        const url = new URL(current, 'http://local');
        url.searchParams.set('lang', to);
        return `${url.pathname}${url.search}`;
      };
      const isNational = actor !== null && !actor.communityId;
      // The person by name as the staff directory knows them (their id while it does not).
      const name = actor ? nameOr(await directoryNames(deps, actor.communityId ?? null).catch(() => new Map<string, string>()), actor.id) : '';
      const community = actor?.communityId ? await deps.queries.community(actor.communityId).catch(() => null) : null;
      const communityName = community ? (lang === 'hy' ? community.nameHy : community.nameEn) : (actor?.communityId ?? '');
      return {
        lang,
        t: (key: string, values?: Record<string, string | number>) => translate(lang, key, values),
        assets,
        assetPrefix: ASSET_PREFIX,
        cspNonce: nonce,
        csrfToken: csrf.token(request, reply),
        currentUrl: current,
        demoData: deps.demoData ? await deps.demoData().catch(() => false) : false,
        languages: [
          { text: 'Հայերեն', lang: 'hy', href: langHref('hy'), current: lang === 'hy' },
          { text: 'English', lang: 'en', href: langHref('en'), current: lang === 'en' },
        ],
        person: actor && {
          isWorkspace: workspaceAccess({ actor, error: null }).kind === 'allowed',
          description: isNational
            ? translate(lang, 'signedInAsNational', { name, role: translate(lang, `role.${actor.role}`) })
            : translate(lang, 'signedInAs', { name, role: translate(lang, `role.${actor.role}`), community: communityName }),
        },
        navigation: [
          { href: '/staff', text: translate(lang, 'navInbox'), active: section === 'inbox' },
          { href: '/staff/fees', text: translate(lang, 'navFees'), active: section === 'fees' },
          ...(actor?.communityId
            ? [
                { href: '/staff/new/submitApplication', text: translate(lang, 'navNewApplication'), active: section === 'new-application' },
                { href: '/staff/new/assessFee', text: translate(lang, 'navNewFee'), active: section === 'new-fee' },
              ]
            : []),
          ...moreNavigation(lang, actor, section),
        ],
      };
    };

    const render = async (request: FastifyRequest, reply: FastifyReply, status: number, template: string, lang: Lang, actor: Actor | null, section: string, data: Record<string, unknown>) => {
      const nonce = randomBytes(16).toString('base64');
      // A language asked for in the URL is remembered, as on the public pages.
      const fromQuery = ((request.query ?? {}) as Query).lang;
      if (fromQuery === 'hy' || fromQuery === 'en') reply.header('set-cookie', `${LANG_COOKIE}=${fromQuery}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`);
      const html = await app.view(template, { ...(await layoutData(request, reply, lang, actor, section, nonce)), ...data });
      return reply
        .code(status)
        .headers(SECURITY_HEADERS(nonce))
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-language', lang)
        .header('cache-control', 'no-store')
        .header('vary', 'Cookie, Accept-Encoding')
        .compress(html);
    };

    const message = (request: FastifyRequest, reply: FastifyReply, status: number, lang: Lang, actor: Actor | null, heading: string, paragraphs: string[]) =>
      render(request, reply, status, 'message.njk', lang, actor, '', { title: heading, heading, paragraphs });

    const notFound = (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor | null) =>
      message(request, reply, 404, lang, actor, translate(lang, 'notFoundTitle'), [translate(lang, 'notFoundText')]);

    /** The workspace's person, or the answer for one who may not be here (signed out: to the sign-in; others: 403). */
    const personOf = async (request: FastifyRequest, reply: FastifyReply, lang: Lang): Promise<Actor | null> => {
      const access = workspaceAccess(request.caller);
      if (access.kind === 'allowed') return access.actor;
      if (access.kind === 'sign-in') {
        await reply.header('cache-control', 'no-store').redirect(`/sign-in?next=${encodeURIComponent(safeNext(request.url))}`, 303);
        return null;
      }
      const role = translate(lang, `role.${access.actor.role}`);
      await message(request, reply, 403, lang, access.actor, translate(lang, 'forbiddenTitle'), [
        translate(lang, 'forbiddenText', { role }),
        ...(access.actor.role === 'resident' ? [translate(lang, 'forbiddenResidentHint')] : []),
      ]);
      return null;
    };

    /** Waits until the read models reflect the person's own last write (reads follow writes). */
    const afterOwnWrites = async (actor: Actor, projections: readonly string[] = [PROJECTION_NAMES.cases, PROJECTION_NAMES.worklist]): Promise<void> => {
      const rfw = deps.readsFollowWrites;
      if (!rfw) return;
      const position = await rfw.positionFor(callerKeyOf({ caller: { actor, error: null } }), null);
      if (position !== null) await rfw.waitFor([...projections], position);
    };

    const noteWrite = async (request: FastifyRequest, actor: Actor, position: bigint | null): Promise<void> => {
      if (!deps.readsFollowWrites || position === null) return;
      await deps.readsFollowWrites.wrote(callerKeyOf({ caller: { actor, error: null } }) ?? `sub:${actor.id}`, position).catch((error: unknown) => request.log.error({ err: error }, 'could not record the last write position'));
    };

    const today = () => yerevanDate(now());

    /* ------------------------------------------------------------ lists ------------------------------------------------------------ */

    const inbox = async (request: FastifyRequest, reply: FastifyReply) => {
      const lang = langOf(request);
      const actor = await personOf(request, reply, lang);
      if (!actor) return reply;
      const query = inboxQueryOf((request.query ?? {}) as Query, actor);
      try {
        await afterOwnWrites(actor);
        const data = await loadInbox(deps.queries, actor, query, lang, today());
        return await render(request, reply, 200, 'inbox.njk', lang, actor, 'inbox', { title: translate(lang, 'inboxTitle'), ...data });
      } catch (error) {
        return failure(request, reply, lang, actor, pageOutcomeOf(error), error);
      }
    };
    app.get('/staff', inbox);
    app.get('/staff/inbox', inbox);

    app.get('/staff/fees', async (request, reply) => {
      const lang = langOf(request);
      const actor = await personOf(request, reply, lang);
      if (!actor) return reply;
      try {
        await afterOwnWrites(actor);
        const data = await loadReceivables(deps.queries, actor, receivablesQueryOf((request.query ?? {}) as Query, actor), lang, today());
        return await render(request, reply, 200, 'fees.njk', lang, actor, 'fees', { title: translate(lang, 'feesTitle'), ...data });
      } catch (error) {
        return failure(request, reply, lang, actor, pageOutcomeOf(error), error);
      }
    });

    const failure = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor, outcome: PageOutcome, error: unknown) => {
      if (outcome.kind === 'not-found') return notFound(request, reply, lang, actor);
      if (outcome.kind === 'invalid') return message(request, reply, 400, lang, actor, translate(lang, 'badRequestTitle'), [outcome.message]);
      if (outcome.kind === 'refused') return message(request, reply, outcome.status, lang, actor, translate(lang, 'errorTitle'), [outcome.message]);
      if (outcome.kind === 'unavailable') return message(request, reply, 503, lang, actor, translate(lang, 'errorTitle'), [translate(lang, 'errorText')]);
      request.log.error({ err: error }, 'staff page failed');
      return message(request, reply, 500, lang, actor, translate(lang, 'errorTitle'), [translate(lang, 'errorText')]);
    };

    /* ------------------------------------------------------------ case pages ------------------------------------------------------------ */

    interface FormState {
      readonly commandName: string;
      readonly values: Readonly<Record<string, string>>;
      readonly errors: ReadonlyMap<string, string>;
      readonly commandId?: string;
    }

    /** The case page: facts, related cases, timeline, and a form for each command the person may run now. */
    const renderCase = async (
      request: FastifyRequest,
      reply: FastifyReply,
      lang: Lang,
      actor: Actor,
      page: CasePage,
      loaded: LoadedCase,
      status: number,
      extra: { form?: FormState; notice?: { title: string; text: string }; success?: string } = {},
    ) => {
      const nowDate = now();
      const offered = page.offered(actor, loaded, yerevanDate(nowDate), nowDate.toISOString());
      const choices = await page.choices(deps, actor, loaded);
      const forms: Array<CommandFormView & { open: boolean }> = offered.map((commandName) => {
        const mine = extra.form?.commandName === commandName ? extra.form : undefined;
        return {
          ...buildCommandForm({
            lang,
            commandName,
            action: `/staff/${page.kind}/${encodeURIComponent(loaded.id)}/${commandName}`,
            fixed: { id: loaded.id },
            values: mine?.values,
            errors: mine?.errors,
            commandId: mine?.commandId,
            choices,
            expectedRevision: loaded.revision,
          }),
          open: mine !== undefined,
        };
      });
      const errors = forms.flatMap((f) => f.errors);
      const data = await page.present(deps, lang, loaded, today(), (request.query ?? {}) as Query);
      return render(request, reply, status, page.template, lang, actor, page.section, {
        ...data,
        forms,
        errors,
        notice: extra.notice,
        success: extra.success,
      });
    };

    const caseRoute = (page: CasePage) => async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const lang = langOf(request);
      const actor = await personOf(request, reply, lang);
      if (!actor) return reply;
      try {
        const loaded = await loadCase(deps, page, request.params.id, today());
        if (!loaded || !readsCommunityCases(actor, loaded.communityId)) return notFound(request, reply, lang, actor);
        const done = ((request.query ?? {}) as Query).done;
        const success = typeof done === 'string' && publicCommand(done) ? translate(lang, 'successText', { action: translateOr(lang, `command.${done}`, done) }) : undefined;
        return await renderCase(request, reply, lang, actor, page, loaded, 200, { success });
      } catch (error) {
        return failure(request, reply, lang, actor, pageOutcomeOf(error), error);
      }
    };
    // One literal route per case page, so docs/api.md's route check sees each.
    app.get('/staff/applications/:id', caseRoute(CASE_PAGES.applications));
    app.get('/staff/fees/:id', caseRoute(CASE_PAGES.fees));
    app.get('/staff/acts/:id', caseRoute(MORE_CASE_PAGES.acts));
    app.get('/staff/complaints/:id', caseRoute(MORE_CASE_PAGES.complaints));

    const csrfRefused = (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor) =>
      message(request, reply, 403, lang, actor, translate(lang, 'csrfTitle'), [translate(lang, 'csrfText')]);

    const missingErrors = (lang: Lang, commandName: string, missing: readonly string[]): Map<string, string> => {
      const form = buildCommandForm({ lang, commandName, action: '' });
      const labels = new Map(form.fields.map((f) => [f.name, f.label]));
      return new Map(missing.map((path) => [path, translate(lang, 'required', { field: labels.get(path) ?? path })]));
    };

    const invalidErrors = (lang: Lang, commandName: string, fields: ReadonlyMap<string, string>): Map<string, string> => {
      const form = buildCommandForm({ lang, commandName, action: '' });
      const labels = new Map(form.fields.map((f) => [f.name, f.label]));
      return new Map([...fields].map(([path, text]) => [path, `${labels.get(path) ?? path}: ${text}`]));
    };

    /** Runs a command on a case from its form; post/redirect/get on success, the case page again otherwise. */
    app.post<{ Params: { kind: string; id: string; command: string } }>('/staff/:kind/:id/:command', async (request, reply) => {
      const lang = langOf(request);
      const actor = await personOf(request, reply, lang);
      if (!actor) return reply;
      if (!(await verifyCsrf(csrf, request))) return csrfRefused(request, reply, lang, actor);
      const page = ALL_CASE_PAGES[request.params.kind];
      const declared = publicCommand(request.params.command);
      if (!page || !declared || declared.aggregate.decider.name !== page.aggregate) return notFound(request, reply, lang, actor);
      const commandName = declared.name;
      try {
        const loaded = await loadCase(deps, page, request.params.id, today());
        if (!loaded || !readsCommunityCases(actor, loaded.communityId)) return await notFound(request, reply, lang, actor);
        const form = parseCommandForm(declared.spec.input, (request.body ?? {}) as Record<string, unknown>, { id: loaded.id });
        if (form.missing.length > 0) {
          return await renderCase(request, reply, lang, actor, page, loaded, 422, { form: { commandName, values: form.values, errors: missingErrors(lang, commandName, form.missing), commandId: form.commandId } });
        }
        try {
          const bus = deps.commands as unknown as Record<string, (args: unknown, ctx: object) => Promise<{ id: string; position: bigint | null }>>;
          const result = await bus[commandName]({ ...form.args, commandId: form.commandId, expectedRevision: form.expectedRevision }, { actor, correlationId: request.id });
          await noteWrite(request, actor, result.position);
          return await reply.header('cache-control', 'no-store').redirect(`/staff/${page.kind}/${encodeURIComponent(loaded.id)}?done=${commandName}`, 303);
        } catch (error) {
          const outcome = pageOutcomeOf(error);
          const fresh = (await loadCase(deps, page, request.params.id, today())) ?? loaded;
          if (outcome.kind === 'invalid') {
            return await renderCase(request, reply, lang, actor, page, fresh, 422, {
              form: { commandName, values: form.values, errors: invalidErrors(lang, commandName, outcome.fields), commandId: form.commandId },
            });
          }
          if (outcome.kind === 'conflict') {
            return await renderCase(request, reply, lang, actor, page, fresh, 409, { notice: { title: translate(lang, 'conflictTitle'), text: translate(lang, 'conflictText') } });
          }
          if (outcome.kind === 'refused') {
            const key = outcome.status === 403 ? 'notAllowed' : 'invalidTransition';
            return await renderCase(request, reply, lang, actor, page, fresh, outcome.status, { notice: { title: translate(lang, 'errorSummaryTitle'), text: translate(lang, key, { message: outcome.message }) } });
          }
          return await failure(request, reply, lang, actor, outcome, error);
        }
      } catch (error) {
        return failure(request, reply, lang, actor, pageOutcomeOf(error), error);
      }
    });

    /* ------------------------------------------------------------ commands that open a case ------------------------------------------------------------ */

    const CREATING: Readonly<Record<string, CreatingCommand>> = {
      ...MORE_CREATING,
      submitApplication: { section: 'new-application', prefill: async () => ({ 'input.channel': 'cso', 'input.kind': 'application' }) },
      assessFee: {
        section: 'new-fee',
        prefill: async (query, d, actor): Promise<Record<string, string>> => {
          const applicationId = typeof query.applicationId === 'string' ? query.applicationId : '';
          if (!applicationId) return {};
          const application = await d.queries.application(applicationId).catch(() => null);
          if (!application || application.communityId !== actor.communityId) return {};
          return {
            'input.applicationId': application.id,
            'input.payerName': application.applicantName,
            'input.payerId': application.applicantId ?? '',
            'input.code': application.serviceCode,
            'input.amountAmd': String(application.feeAmd),
            'input.basis': application.serviceNameHy,
            'input.dueOn': application.dueOn,
          };
        },
      },
    };

    const serviceChoices = async (actor: Actor, lang: Lang): Promise<Record<string, readonly ChoiceItem[]>> => {
      if (!actor.communityId) return {};
      const community = await deps.queries.community(actor.communityId);
      const services = community?.services ?? [];
      return { 'input.serviceCode': services.map((s) => ({ value: s.code, text: `${lang === 'hy' ? s.nameHy : s.nameEn} (${s.code})` })) };
    };

    const renderNew = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor, commandName: string, status: number, state: Partial<FormState> & { notice?: { title: string; text: string } } = {}) => {
      const creating = CREATING[commandName];
      const form = buildCommandForm({
        lang,
        commandName,
        action: `/staff/commands/${commandName}`,
        fixed: { 'input.communityId': actor.communityId ?? '' },
        values: state.values ?? (await creating.prefill((request.query ?? {}) as Query, deps, actor)),
        errors: state.errors,
        commandId: state.commandId,
        choices: { ...(await serviceChoices(actor, lang)), ...(await creating.choices?.(deps, actor, lang)) },
      });
      return render(request, reply, status, 'new.njk', lang, actor, creating.section, { title: form.title, form, errors: form.errors, notice: state.notice });
    };

    app.get<{ Params: { command: string } }>('/staff/new/:command', async (request, reply) => {
      const lang = langOf(request);
      const actor = await personOf(request, reply, lang);
      if (!actor) return reply;
      if (!CREATING[request.params.command] || !actor.communityId) return notFound(request, reply, lang, actor);
      return renderNew(request, reply, lang, actor, request.params.command, 200);
    });

    app.post<{ Params: { command: string } }>('/staff/commands/:command', async (request, reply) => {
      const lang = langOf(request);
      const actor = await personOf(request, reply, lang);
      if (!actor) return reply;
      if (!(await verifyCsrf(csrf, request))) return csrfRefused(request, reply, lang, actor);
      const declared = publicCommand(request.params.command);
      if (!declared || !CREATING[declared.name] || !actor.communityId) return notFound(request, reply, lang, actor);
      const commandName = declared.name;
      const form = parseCommandForm(declared.spec.input, (request.body ?? {}) as Record<string, unknown>, { 'input.communityId': actor.communityId });
      if (form.missing.length > 0) return renderNew(request, reply, lang, actor, commandName, 422, { values: form.values, errors: missingErrors(lang, commandName, form.missing), commandId: form.commandId });
      try {
        const bus = deps.commands as unknown as Record<string, (args: unknown, ctx: object) => Promise<{ id: string; position: bigint | null }>>;
        const result = await bus[commandName]({ ...form.args, commandId: form.commandId }, { actor, correlationId: request.id });
        await noteWrite(request, actor, result.position);
        const kind = kindOfAggregate(declared.aggregate.decider.name);
        return await reply.header('cache-control', 'no-store').redirect(`/staff/${kind}/${encodeURIComponent(result.id)}?done=${commandName}`, 303);
      } catch (error) {
        const outcome = pageOutcomeOf(error);
        if (outcome.kind === 'invalid') return renderNew(request, reply, lang, actor, commandName, 422, { values: form.values, errors: invalidErrors(lang, commandName, outcome.fields), commandId: form.commandId });
        if (outcome.kind === 'refused') {
          return renderNew(request, reply, lang, actor, commandName, outcome.status, {
            values: form.values,
            commandId: form.commandId,
            notice: { title: translate(lang, 'errorSummaryTitle'), text: translate(lang, outcome.status === 403 ? 'notAllowed' : 'invalidTransition', { message: outcome.message }) },
          });
        }
        return failure(request, reply, lang, actor, outcome, error);
      }
    });

    /* ------------------------------------------------------------ sections in their own files ------------------------------------------------------------ */

    const context: StaffPageContext = {
      deps,
      langOf,
      personOf,
      render,
      message,
      notFound,
      failure,
      csrfRefused,
      verifyCsrf: (request) => verifyCsrf(csrf, request),
      afterOwnWrites,
      noteWrite,
      today,
    };
    await registerMorePages(app, context);
  });
};

/**
 * The resident portal's pages, on the workspace's stack (Nunjucks, GOV.UK Frontend de-branded, the same
 * assets and message-catalogue approach), over the same application the GraphQL API serves, in process:
 * commands through the one command bus as the signed-in resident, lists from the read models once they
 * reflect the resident's own writes.
 *
 * Routes (docs/api.md, docs/portal.md):
 *   GET  /account                                          the resident's applications, fees and complaints with their next steps
 *   POST /account/applications/:id/provideApplicationInformation   answer a request for information (multipart, with files)
 *   POST /account/applications/:id/withdrawApplication     withdraw before a decision
 *   GET  /services/:communityId                            the community's service catalogue
 *   GET  /services/:communityId/:serviceCode               a service's application form
 *   POST /services/:communityId/:serviceCode               submits it (multipart, up to 5 files)
 *   GET  /services/:communityId/submitted/:applicationId   the confirmation: tracking code and what happens next
 *   GET  /track                                            the public status by tracking code (no sign-in; rate limited per IP)
 *
 * A person who is also staff uses the portal as the resident they are (their session's personal id), so
 * their own applications are theirs, never their community's.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { CommandHandler } from '../../application/command-handler';
import type { Commands } from '../../application/commands/registry';
import { CODE_PATTERN } from '../../application/commands/fields';
import { FilesRefused, acceptUploads, type UploadedFile } from '../../application/files/uploads';
import type { Actor, EventStore } from '../../application/ports/event-store';
import type { FileStore } from '../../application/ports/file-store';
import type { Queries } from '../../application/queries';
import { PROJECTION_NAMES } from '../../application/queries/read-models';
import { applicationByTrackingCode, publicApplicationStatus } from '../../application/queries/tracking';
import type { ReadsFollowWrites } from '../../application/reads-follow-writes';
import { yerevanDate } from '../../domain/kernel/time';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type Attachment } from '../../domain/kernel/attachments';
import type { ApplicationView } from '../../domain/service-application/view';
import { callerKeyOf } from '../graphql/reads-follow-writes';
import { sessionCsrf, signedInPerson } from '../http/sessions';
import { bearerOnlyCsrf, WORKSPACE_ROLES, type CsrfProtection } from '../staff/caller';
import { workspaceAssets, ASSET_PREFIX } from '../staff/assets';
import { fieldMessages } from '../staff/errors';
import { formatAmd, formatDate, type Lang } from '../staff/i18n';
import { registerViews } from '../staff/view';
import { isHamaynkError, ValidationFailed } from '../../application/errors';
import { LANG_COOKIE } from '../web/i18n';
import { requestLang, safeNext } from '../web';
import { translate } from './messages';
import { publicApplicationTimeline } from './timeline';

export interface PortalPagesDeps {
  readonly commands: Commands;
  readonly handler?: Pick<CommandHandler, 'load'>;
  readonly queries: Queries;
  readonly eventStore: Pick<EventStore, 'readStream'>;
  readonly files: FileStore;
  readonly readsFollowWrites?: ReadsFollowWrites;
  readonly csrf?: CsrfProtection;
  readonly now?: () => Date;
  /** Lookups of `/track` a minute from one IP address (default 20). */
  readonly trackPerMinute?: number;
}

type Query = Record<string, unknown>;
type Bus = Record<string, (args: unknown, ctx: object) => Promise<{ id: string; position: bigint | null }>>;
type SummaryRow = { key: { text: string }; value: { text: string } };

const OPEN_BEFORE_DECISION: ReadonlySet<ApplicationView['status']> = new Set(['submitted', 'registered', 'assigned', 'awaiting-information']);
const TEXT_MAX = 10_000;

const SECURITY_HEADERS = (nonce: string): Record<string, string> => ({
  'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
});

const viewsDir = (): string => {
  const candidates = [path.join(__dirname, 'views'), path.resolve(__dirname, '..', '..', '..', 'interfaces', 'portal', 'views')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'portal-layout.njk')));
  if (!found) throw new Error('The portal templates (interfaces/portal/views) are missing');
  return found;
};

const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A form's text fields and files, read from a multipart body; files beyond the limits are kept so the check can refuse them. */
interface MultipartForm {
  readonly fields: Record<string, string>;
  readonly files: UploadedFile[];
  readonly tooMany: boolean;
}

const readMultipart = async (request: FastifyRequest): Promise<MultipartForm> => {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let tooMany = false;
  try {
    // One byte over the limit is enough for acceptUploads to refuse the file as too large.
    for await (const part of request.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: MAX_ATTACHMENTS + 1, fields: 20, fieldSize: TEXT_MAX * 4 } })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        // A file input left empty sends a part with no name and no bytes.
        if (part.filename === '' && content.length === 0) continue;
        files.push({ name: part.filename, declaredType: part.mimetype, content });
      } else if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_FILES_LIMIT') tooMany = true;
    else throw error;
  }
  return { fields, files, tooMany };
};

export const registerPortalPages = async (server: FastifyInstance, deps: PortalPagesDeps): Promise<void> => {
  const assets = workspaceAssets();
  const csrf = deps.csrf ?? (server.hasDecorator('csrfProtection') ? sessionCsrf : bearerOnlyCsrf);
  const now = deps.now ?? (() => new Date());
  const bus = deps.commands as unknown as Bus;

  await server.register(async (app) => {
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
    await app.register(multipart, { throwFileSizeLimit: false });
    if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
    await registerViews(app, [viewsDir()]);

    const langOf = (request: FastifyRequest): Lang => requestLang((request.query ?? {}) as Query, request.headers.cookie);

    /** The signed-in person as a resident: a resident's own actor, or a staff member's person in their private capacity. */
    const residentOf = (request: FastifyRequest): Actor | null => {
      const caller = request.caller;
      if (!caller || caller.error || !caller.actor) return null;
      if (caller.actor.role === 'resident') return caller.actor;
      if (caller.actor.role === 'system' || caller.actor.role === 'integration') return null;
      const session = signedInPerson(request);
      return { id: session?.personalId ?? caller.actor.id, role: 'resident', assurance: session?.assurance ?? caller.actor.assurance, channel: 'online' };
    };

    const render = async (request: FastifyRequest, reply: FastifyReply, status: number, template: string, lang: Lang, data: Record<string, unknown>) => {
      const nonce = randomBytes(16).toString('base64');
      const fromQuery = ((request.query ?? {}) as Query).lang;
      if (fromQuery === 'hy' || fromQuery === 'en') reply.header('set-cookie', `${LANG_COOKIE}=${fromQuery}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`);
      const current = safeNext(request.url);
      const langHref = (to: Lang) => {
        const url = new URL(current, 'http://local');
        url.searchParams.set('lang', to);
        return `${url.pathname}${url.search}`;
      };
      const resident = residentOf(request);
      const isStaff = request.caller?.actor ? WORKSPACE_ROLES.has(request.caller.actor.role) : false;
      const html = await app.view(template, {
        lang,
        t: (key: string, values?: Record<string, string | number>) => translate(lang, key, values),
        assets,
        assetPrefix: ASSET_PREFIX,
        cspNonce: nonce,
        csrfToken: csrf.token(request, reply),
        currentUrl: current,
        languages: [
          { text: 'Հայերեն', lang: 'hy', href: langHref('hy'), current: lang === 'hy' },
          { text: 'English', lang: 'en', href: langHref('en'), current: lang === 'en' },
        ],
        person: resident && { isWorkspace: isStaff, description: translate(lang, 'signedInResident', { name: resident.id }) },
        isStaff,
        navigation: [
          ...(resident ? [{ href: '/account', text: translate(lang, 'navAccount'), active: template === 'portal-account.njk' }] : []),
          { href: '/track', text: translate(lang, 'navTrack'), active: template === 'portal-track.njk' },
          ...(isStaff ? [{ href: '/staff', text: translate(lang, 'navStaff'), active: false }] : []),
        ],
        ...data,
      });
      return reply
        .code(status)
        .headers(SECURITY_HEADERS(nonce))
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-language', lang)
        .header('cache-control', 'no-store')
        .header('vary', 'Cookie')
        .send(html);
    };

    const message = (request: FastifyRequest, reply: FastifyReply, status: number, lang: Lang, heading: string, paragraphs: string[]) =>
      render(request, reply, status, 'portal-message.njk', lang, { title: heading, heading, paragraphs });
    const notFound = (request: FastifyRequest, reply: FastifyReply, lang: Lang) => message(request, reply, 404, lang, translate(lang, 'notFoundTitle'), [translate(lang, 'notFoundText')]);
    const csrfRefused = (request: FastifyRequest, reply: FastifyReply, lang: Lang) => message(request, reply, 403, lang, translate(lang, 'csrfTitle'), [translate(lang, 'csrfText')]);

    /** A refused command or read as a page; unexpected errors are logged and answered 500. */
    const failure = (request: FastifyRequest, reply: FastifyReply, lang: Lang, error: unknown) => {
      if (isHamaynkError(error)) {
        if (error.code === 'NOT_FOUND') return notFound(request, reply, lang);
        const status = error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED' ? 403 : error.code === 'VALIDATION_FAILED' || error.code === 'INVALID_TRANSITION' ? 422 : error.code === 'CONCURRENCY_CONFLICT' ? 409 : 503;
        return message(request, reply, status, lang, translate(lang, 'refusedTitle'), [error.message]);
      }
      request.log.error({ err: error }, 'portal page failed');
      return message(request, reply, 500, lang, translate(lang, 'errorTitle'), [translate(lang, 'errorText')]);
    };

    /** Signed out: to the sign-in, coming back here. */
    const requireResident = async (request: FastifyRequest, reply: FastifyReply): Promise<Actor | null> => {
      const resident = residentOf(request);
      if (resident) return resident;
      await reply.header('cache-control', 'no-store').redirect(`/sign-in?next=${encodeURIComponent(safeNext(request.url))}`, 303);
      return null;
    };

    const keyOf = (request: FastifyRequest, resident: Actor): string => callerKeyOf({ caller: { actor: resident, error: null, sessionId: request.caller?.sessionId } }) ?? `sub:${resident.id}`;

    const afterOwnWrites = async (request: FastifyRequest, resident: Actor): Promise<void> => {
      const rfw = deps.readsFollowWrites;
      if (!rfw) return;
      const position = await rfw.positionFor(keyOf(request, resident), null);
      if (position !== null) await rfw.waitFor([PROJECTION_NAMES.cases], position);
    };

    const noteWrite = async (request: FastifyRequest, resident: Actor, position: bigint | null): Promise<void> => {
      if (!deps.readsFollowWrites || position === null) return;
      await deps.readsFollowWrites.wrote(keyOf(request, resident), position).catch((error: unknown) => request.log.error({ err: error }, 'could not record the last write position'));
    };

    const filesError = (lang: Lang, form: MultipartForm, error: unknown): string | null => {
      if (form.tooMany) return translate(lang, 'refusal.TOO_MANY_FILES');
      if (!(error instanceof FilesRefused)) return null;
      return error.refusals.map((r) => translate(lang, `refusal.${r.reason}`, { name: r.name ?? '' })).join('; ');
    };

    /** Checks the files by content and stores them, or says why not (nothing stored). */
    const upload = async (lang: Lang, form: MultipartForm): Promise<{ attachments: Attachment[] } | { error: string }> => {
      if (form.tooMany) return { error: translate(lang, 'refusal.TOO_MANY_FILES') };
      try {
        return { attachments: await acceptUploads(form.files, deps.files) };
      } catch (error) {
        const text = filesError(lang, form, error);
        if (text === null) throw error;
        return { error: text };
      }
    };

    /** Field messages of a refused command, by the portal's field names (`input.subject` → `subject`). */
    const commandFieldErrors = (error: unknown): Record<string, string> | null => {
      if (!(error instanceof ValidationFailed)) return null;
      const out: Record<string, string> = {};
      for (const [field, text] of fieldMessages(error)) out[field.replace(/^input\./, '').replace(/^attachments.*/, 'files')] = text;
      return out;
    };

    const errorList = (errors: Record<string, string>, ids: Record<string, string>): Array<{ text: string; href: string }> =>
      Object.entries(errors).map(([field, text]) => ({ text, href: `#${ids[field] ?? field}` }));

    /* ------------------------------------------------------------ my account ------------------------------------------------------------ */

    interface CaseForm {
      readonly values: Record<string, string>;
      readonly errors: Record<string, string>;
      readonly open?: boolean;
    }

    const renderAccount = async (
      request: FastifyRequest,
      reply: FastifyReply,
      lang: Lang,
      resident: Actor,
      status: number,
      state: { forms?: Record<string, { answer?: CaseForm; withdraw?: CaseForm }>; success?: string } = {},
    ) => {
      await afterOwnWrites(request, resident);
      const [applications, fees, complaints] = await Promise.all([
        deps.queries.myApplications(resident.id, { first: 100 }),
        deps.queries.myFees(resident.id, { first: 100 }),
        deps.queries.myComplaints(resident.id, { first: 100 }),
      ]);
      const timelines = await Promise.all(applications.nodes.map((a) => publicApplicationTimeline(deps.eventStore, a.id)));
      const empty: CaseForm = { values: {}, errors: {} };
      const allErrors: Array<{ text: string; href: string }> = [];
      const applicationItems = applications.nodes.map((a, i) => {
        const forms = state.forms?.[a.id] ?? {};
        const answerForm = forms.answer ?? empty;
        const withdrawForm = forms.withdraw ?? empty;
        allErrors.push(...errorList(answerForm.errors, { answer: `answer-${a.id}`, files: `files-${a.id}` }), ...errorList(withdrawForm.errors, { reason: `reason-${a.id}` }));
        const rows = [
          row(translate(lang, 'status'), translate(lang, `status.application.${a.status}`)),
          ...(a.trackingCode ? [row(translate(lang, 'trackingCode'), a.trackingCode)] : []),
          ...(a.registrationNumber ? [row(translate(lang, 'registrationNumber'), a.registrationNumber)] : []),
          row(translate(lang, 'dueOn'), formatDate(lang, a.dueOn)),
        ];
        return {
          id: a.id,
          service: lang === 'hy' ? a.serviceNameHy : a.serviceNameEn,
          subject: a.subject,
          rows,
          timeline: timelines[i].map((e) => ({ label: translate(lang, e.key), at: e.at })),
          question: a.status === 'awaiting-information' ? a.pendingQuestion : null,
          open: OPEN_BEFORE_DECISION.has(a.status),
          withdrawable: OPEN_BEFORE_DECISION.has(a.status),
          permit: a.permit,
          certificate: a.certificate,
          answerForm,
          withdrawForm: { ...withdrawForm, open: forms.withdraw !== undefined },
        };
      });
      const feeItems = fees.nodes.map((f) => ({
        id: f.id,
        basis: f.basis,
        balanceAmd: f.balanceAmd,
        payable: f.status === 'due' || f.status === 'partially-paid',
        rows: [
          row(translate(lang, 'status'), translate(lang, `status.fee.${f.status}`)),
          row(translate(lang, 'feeAmount'), formatAmd(f.amountAmd)),
          row(translate(lang, 'feeBalance'), formatAmd(f.balanceAmd)),
          row(translate(lang, 'feeDue'), formatDate(lang, f.dueOn)),
        ],
      }));
      const complaintItems = complaints.nodes.map((c) => ({
        id: c.id,
        subject: c.subject,
        rows: [row(translate(lang, 'status'), translate(lang, `status.complaint.${c.status}`)), row(translate(lang, 'complaintResponseDue'), formatDate(lang, c.responseDueOn))],
        timeline: [
          { label: translate(lang, 'complaintFiled'), at: c.filedAt },
          { label: translate(lang, 'complaintResponded'), at: c.respondedAt },
        ].filter((e): e is { label: string; at: string } => typeof e.at === 'string'),
      }));
      return render(request, reply, status, 'portal-account.njk', lang, {
        title: translate(lang, 'accountTitle'),
        applications: applicationItems,
        fees: feeItems,
        complaints: complaintItems,
        errors: allErrors,
        success: state.success,
      });
    };

    app.get('/account', async (request, reply) => {
      const lang = langOf(request);
      const resident = await requireResident(request, reply);
      if (!resident) return reply;
      const done = str(((request.query ?? {}) as Query).done);
      const success = done === 'provideApplicationInformation' ? translate(lang, 'doneAnswer') : done === 'withdrawApplication' ? translate(lang, 'doneWithdraw') : undefined;
      try {
        return await renderAccount(request, reply, lang, resident, 200, { success });
      } catch (error) {
        return failure(request, reply, lang, error);
      }
    });

    /** The resident's own application, or null (another's or none: the same 404). */
    const ownApplication = async (resident: Actor, id: string): Promise<ApplicationView | null> => {
      const application = await deps.queries.application(id).catch(() => null);
      return application && application.applicantId === resident.id ? application : null;
    };

    const runOnOwnCase = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, resident: Actor, commandName: string, args: Record<string, unknown>, formKey: 'answer' | 'withdraw', values: Record<string, string>) => {
      try {
        const result = await bus[commandName]({ ...args }, { actor: resident, correlationId: request.id });
        await noteWrite(request, resident, result.position);
        return await reply.header('cache-control', 'no-store').redirect(`/account?done=${commandName}`, 303);
      } catch (error) {
        const errors = commandFieldErrors(error);
        if (errors) return renderAccount(request, reply, lang, resident, 422, { forms: { [String(args.id)]: { [formKey]: { values, errors } } } });
        return failure(request, reply, lang, error);
      }
    };

    app.post<{ Params: { id: string } }>('/account/applications/:id/provideApplicationInformation', async (request, reply) => {
      const lang = langOf(request);
      const resident = await requireResident(request, reply);
      if (!resident) return reply;
      if (!request.isMultipart()) return message(request, reply, 415, lang, translate(lang, 'refusedTitle'), ['multipart/form-data']);
      const form = await readMultipart(request);
      (request as { body: unknown }).body = form.fields;
      if (!(await csrf.verify(request))) return csrfRefused(request, reply, lang);
      try {
        await afterOwnWrites(request, resident);
        const application = await ownApplication(resident, request.params.id);
        if (!application) return await notFound(request, reply, lang);
        const answer = str(form.fields.answer);
        const values = { answer };
        const errors: Record<string, string> = {};
        if (!answer) errors.answer = translate(lang, 'required', { field: translate(lang, 'answerLabel') });
        const uploaded = Object.keys(errors).length === 0 ? await upload(lang, form) : null;
        if (uploaded && 'error' in uploaded) errors.files = uploaded.error;
        if (!uploaded || 'error' in uploaded) return await renderAccount(request, reply, lang, resident, 422, { forms: { [application.id]: { answer: { values, errors } } } });
        return await runOnOwnCase(request, reply, lang, resident, 'provideApplicationInformation', { id: application.id, answer, ...(uploaded.attachments.length ? { attachments: uploaded.attachments } : {}) }, 'answer', values);
      } catch (error) {
        return failure(request, reply, lang, error);
      }
    });

    app.post<{ Params: { id: string } }>('/account/applications/:id/withdrawApplication', async (request, reply) => {
      const lang = langOf(request);
      const resident = await requireResident(request, reply);
      if (!resident) return reply;
      if (!(await csrf.verify(request))) return csrfRefused(request, reply, lang);
      try {
        await afterOwnWrites(request, resident);
        const application = await ownApplication(resident, request.params.id);
        if (!application) return await notFound(request, reply, lang);
        const reason = str(((request.body ?? {}) as Record<string, unknown>).reason);
        if (!reason) {
          return await renderAccount(request, reply, lang, resident, 422, {
            forms: { [application.id]: { withdraw: { values: { reason }, errors: { reason: translate(lang, 'required', { field: translate(lang, 'withdrawReason') }) } } } },
          });
        }
        return await runOnOwnCase(request, reply, lang, resident, 'withdrawApplication', { id: application.id, reason }, 'withdraw', { reason });
      } catch (error) {
        return failure(request, reply, lang, error);
      }
    });

    /* ------------------------------------------------------------ services and applying ------------------------------------------------------------ */

    const communityOf = async (id: string) => (CODE_PATTERN.test(id) ? deps.queries.community(id).catch(() => null) : null);

    type Service = NonNullable<Awaited<ReturnType<Queries['community']>>>['services'][number];

    const serviceRows = (lang: Lang, s: Service): SummaryRow[] => [
      row(translate(lang, 'serviceFee'), s.feeAmd > 0 ? formatAmd(s.feeAmd) : translate(lang, 'serviceFree')),
      row(translate(lang, 'serviceDeadline'), translate(lang, s.deadlineKind === 'working' ? 'serviceDeadlineWorkingDays' : 'serviceDeadlineDays', { n: s.deadlineDays })),
      row(translate(lang, 'serviceIssues'), translate(lang, `issues.${s.issues}`)),
    ];

    app.get<{ Params: { communityId: string } }>('/services/:communityId', async (request, reply) => {
      const lang = langOf(request);
      const community = await communityOf(request.params.communityId);
      if (!community || community.status !== 'active') return notFound(request, reply, lang);
      const name = lang === 'hy' ? community.nameHy : community.nameEn;
      return render(request, reply, 200, 'portal-services.njk', lang, {
        title: translate(lang, 'servicesTitle', { community: name }),
        services: community.services.map((s) => ({
          code: s.code,
          name: lang === 'hy' ? s.nameHy : s.nameEn,
          rows: serviceRows(lang, s),
          href: `/services/${encodeURIComponent(community.id)}/${encodeURIComponent(s.code)}`,
        })),
      });
    });

    const renderApply = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, communityId: string, s: Service, status: number, values: Record<string, string>, fieldErrors: Record<string, string>, notice?: { title: string; text: string }) => {
      const name = lang === 'hy' ? s.nameHy : s.nameEn;
      return render(request, reply, status, 'portal-apply.njk', lang, {
        title: translate(lang, 'applyTitle', { service: name }),
        serviceRows: serviceRows(lang, s),
        action: `/services/${encodeURIComponent(communityId)}/${encodeURIComponent(s.code)}`,
        values,
        fieldErrors,
        errors: errorList(fieldErrors, {}),
        notice,
      });
    };

    const offered = async (communityId: string, serviceCode: string): Promise<Service | null> => {
      const community = await communityOf(communityId);
      if (!community || community.status !== 'active') return null;
      return community.services.find((s) => s.code === serviceCode) ?? null;
    };

    app.get<{ Params: { communityId: string; serviceCode: string } }>('/services/:communityId/:serviceCode', async (request, reply) => {
      const lang = langOf(request);
      const resident = await requireResident(request, reply);
      if (!resident) return reply;
      const service = await offered(request.params.communityId, request.params.serviceCode);
      if (!service) return notFound(request, reply, lang);
      return renderApply(request, reply, lang, request.params.communityId, service, 200, {}, {});
    });

    app.post<{ Params: { communityId: string; serviceCode: string } }>('/services/:communityId/:serviceCode', async (request, reply) => {
      const lang = langOf(request);
      const resident = await requireResident(request, reply);
      if (!resident) return reply;
      if (!request.isMultipart()) return message(request, reply, 415, lang, translate(lang, 'refusedTitle'), ['multipart/form-data']);
      const form = await readMultipart(request);
      (request as { body: unknown }).body = form.fields;
      if (!(await csrf.verify(request))) return csrfRefused(request, reply, lang);
      const { communityId } = request.params;
      try {
        const service = await offered(communityId, request.params.serviceCode);
        if (!service) return await notFound(request, reply, lang);
        const values = { applicantName: str(form.fields.applicantName), subject: str(form.fields.subject), details: str(form.fields.details) };
        const errors: Record<string, string> = {};
        for (const [field, label] of [
          ['applicantName', 'applicantNameLabel'],
          ['subject', 'subjectLabel'],
          ['details', 'detailsLabel'],
        ] as const) {
          if (!values[field]) errors[field] = translate(lang, 'required', { field: translate(lang, label) });
        }
        // Files are checked (and stored) only for an otherwise complete form, so a refused form stores nothing.
        const uploaded = Object.keys(errors).length === 0 ? await upload(lang, form) : null;
        if (uploaded && 'error' in uploaded) errors.files = uploaded.error;
        if (!uploaded || 'error' in uploaded) return await renderApply(request, reply, lang, communityId, service, 422, values, errors);
        try {
          const result = await bus.submitApplication(
            { input: { communityId, serviceCode: service.code, ...values, ...(uploaded.attachments.length ? { attachments: uploaded.attachments } : {}) } },
            { actor: resident, correlationId: request.id },
          );
          await noteWrite(request, resident, result.position);
          return await reply.header('cache-control', 'no-store').redirect(`/services/${encodeURIComponent(communityId)}/submitted/${encodeURIComponent(result.id)}`, 303);
        } catch (error) {
          const fieldErrors = commandFieldErrors(error);
          if (fieldErrors) return await renderApply(request, reply, lang, communityId, service, 422, values, fieldErrors);
          if (isHamaynkError(error) && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED' || error.code === 'INVALID_TRANSITION')) {
            return await renderApply(request, reply, lang, communityId, service, error.code === 'INVALID_TRANSITION' ? 422 : 403, values, {}, { title: translate(lang, 'refusedTitle'), text: error.message });
          }
          throw error;
        }
      } catch (error) {
        return failure(request, reply, lang, error);
      }
    });

    app.get<{ Params: { communityId: string; applicationId: string } }>('/services/:communityId/submitted/:applicationId', async (request, reply) => {
      const lang = langOf(request);
      const resident = await requireResident(request, reply);
      if (!resident) return reply;
      try {
        await afterOwnWrites(request, resident);
        const application = await ownApplication(resident, request.params.applicationId);
        if (!application || application.communityId !== request.params.communityId) return await notFound(request, reply, lang);
        return await render(request, reply, 200, 'portal-submitted.njk', lang, { title: translate(lang, 'submittedTitle'), application });
      } catch (error) {
        return failure(request, reply, lang, error);
      }
    });

    /* ------------------------------------------------------------ tracking ------------------------------------------------------------ */

    const trackLimit = app.rateLimit({ max: deps.trackPerMinute ?? 20, timeWindow: '1 minute', keyGenerator: (request) => `track:${request.ip}` });

    app.get('/track', { preHandler: trackLimit }, async (request, reply) => {
      const lang = langOf(request);
      const code = str(((request.query ?? {}) as Query).trackingCode).toUpperCase().slice(0, 40);
      if (!code) return render(request, reply, 200, 'portal-track.njk', lang, { title: translate(lang, 'trackTitle'), code: '' });
      let status: ReturnType<typeof publicApplicationStatus> | null = null;
      try {
        status = publicApplicationStatus(await applicationByTrackingCode(deps.eventStore, code, yerevanDate(now())));
      } catch (error) {
        // A malformed code and an unknown one get the same answer, so the answer tells nothing about which codes exist.
        if (!isHamaynkError(error) || (error.code !== 'NOT_FOUND' && error.code !== 'VALIDATION_FAILED')) return failure(request, reply, lang, error);
      }
      if (!status) return render(request, reply, 404, 'portal-track.njk', lang, { title: translate(lang, 'trackTitle'), code, notFound: true });
      const rows: SummaryRow[] = [
        row(translate(lang, 'trackService'), lang === 'hy' ? status.serviceNameHy : status.serviceNameEn),
        row(translate(lang, 'status'), translate(lang, `status.application.${status.status}`)),
        row(translate(lang, 'submittedOn'), formatDate(lang, status.submittedAt)),
        row(translate(lang, 'dueOn'), formatDate(lang, status.dueOn)),
        ...(status.decidedAt ? [row(translate(lang, 'decidedOn'), formatDate(lang, status.decidedAt))] : []),
        ...(status.completedAt ? [row(translate(lang, 'completedOn'), formatDate(lang, status.completedAt))] : []),
        ...(status.withdrawnAt ? [row(translate(lang, 'withdrawnOn'), formatDate(lang, status.withdrawnAt))] : []),
      ];
      return render(request, reply, 200, 'portal-track.njk', lang, { title: translate(lang, 'trackTitle'), code, found: { trackingCode: code, rows } });
    });
  });
};

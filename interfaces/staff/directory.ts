/**
 * `/staff/directory`: who is appointed in the community (the `staffDirectory` query) and the national
 * officials. Whoever the command policy lets keep the community's staff — its head, or the ministry for
 * any community chosen with `?community=` — sees an Appoint form (appointStaff) and a Dismiss button per
 * person (dismissStaff), posted to `POST /staff/directory/<command>` and run through the command bus like
 * every other form (commandId, CSRF, 422 beside the field, 303 back to the list). A head is never offered
 * the role of head: the policy reserves it to the ministry, so the form does not show it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import { PROJECTION_NAMES } from '../../application/queries/read-models';
import { readsCommunityCases } from '../../application/read-policy';
import { buildCommandForm, parseCommandForm, publicCommand, type ChoiceItem } from './command-forms';
import { pageOutcomeOf } from './errors';
import { formatDate, translate, translateOr, type Lang } from './i18n';
import { queryParam, type PageQuery, type StaffPageContext } from './page-context';

const DIRECTORY_COMMANDS = ['appointStaff', 'dismissStaff'] as const;
type DirectoryCommand = (typeof DIRECTORY_COMMANDS)[number];

/** The roles `actor` may appoint in a community: a head all but head; the ministry every one. */
export const appointableRoles = (actor: Actor, communityId: string): string[] => {
  if (actor.role === 'ministry') return ['staff', 'head', 'council'];
  if (actor.role === 'head' && actor.communityId === communityId) return ['staff', 'council'];
  return [];
};

interface FormState {
  readonly commandName: DirectoryCommand;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: ReadonlyMap<string, string>;
  readonly commandId?: string;
  readonly notice?: { title: string; text: string };
}

export const registerDirectory = (scope: FastifyInstance, context: StaffPageContext): void => {
  const communityOf = (request: FastifyRequest, actor: Actor): string | null => actor.communityId ?? (queryParam((request.query ?? {}) as PageQuery, 'community', 64) || null);

  const directoryHref = (actor: Actor, communityId: string, extra: Record<string, string> = {}): string => {
    const search = new URLSearchParams({ ...(actor.communityId ? {} : { community: communityId }), ...extra });
    const s = search.toString();
    return `/staff/directory${s ? `?${s}` : ''}`;
  };

  const show = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: Actor, communityId: string | null, status: number, state?: FormState, success?: string) => {
    const chooser = !actor.communityId;
    if (!communityId) return context.render(request, reply, status, 'directory.njk', lang, actor, 'directory', { title: translate(lang, 'directoryTitle'), needsCommunity: true, chooser });
    const people = await context.deps.queries.staffDirectory(communityId);
    const roles = appointableRoles(actor, communityId);
    const action = (name: DirectoryCommand) => directoryHref(actor, communityId).replace('/staff/directory', `/staff/directory/${name}`);
    const roleChoices: ChoiceItem[] = roles.map((r) => ({ value: r, text: translate(lang, `choice.role.${r}`) }));
    const appointForm =
      roles.length > 0
        ? buildCommandForm({
            lang,
            commandName: 'appointStaff',
            action: action('appointStaff'),
            fixed: { communityId },
            values: state?.commandName === 'appointStaff' ? state.values : {},
            errors: state?.commandName === 'appointStaff' ? state.errors : undefined,
            commandId: state?.commandName === 'appointStaff' ? state.commandId : undefined,
            choices: { role: roleChoices },
          })
        : null;
    const community = people.filter((p) => p.communityId === communityId);
    const row = (p: (typeof people)[number]) => ({
      name: p.name,
      role: translateOr(lang, `role.${p.role}`, p.role),
      personalId: p.personalId,
      appointedOn: formatDate(lang, p.appointedOn),
      // A head may dismiss staff and council members of their community, the ministry anyone of it; never oneself.
      dismiss:
        roles.length > 0 && p.personalId !== actor.id && (p.role !== 'head' || actor.role === 'ministry')
          ? buildCommandForm({ lang, commandName: 'dismissStaff', action: action('dismissStaff'), fixed: { communityId, personalId: p.personalId } })
          : null,
    });
    const errors = appointForm?.errors ?? [];
    return context.render(request, reply, status, 'directory.njk', lang, actor, 'directory', {
      title: translate(lang, 'directoryTitle'),
      needsCommunity: false,
      chooser,
      communityId,
      caption: translate(lang, 'directoryCaption', { community: communityId }),
      rows: community.map(row),
      national: people.filter((p) => p.national).map((p) => ({ ...row(p), dismiss: null })),
      appointForm,
      headNote: actor.role === 'head' ? translate(lang, 'directoryHeadNote') : null,
      errors,
      notice: state?.notice,
      success,
    });
  };

  scope.get('/staff/directory', async (request, reply) => {
    const lang = context.langOf(request);
    const actor = await context.personOf(request, reply, lang);
    if (!actor) return reply;
    const communityId = communityOf(request, actor);
    try {
      if (communityId && !readsCommunityCases(actor, communityId)) return await context.notFound(request, reply, lang, actor);
      await context.afterOwnWrites(actor, [PROJECTION_NAMES.staffDirectory]);
      const done = queryParam((request.query ?? {}) as PageQuery, 'done', 32);
      const success = (DIRECTORY_COMMANDS as readonly string[]).includes(done) ? translate(lang, 'successText', { action: translate(lang, `command.${done}`) }) : undefined;
      return await show(request, reply, lang, actor, communityId, 200, undefined, success);
    } catch (error) {
      return context.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });

  scope.post<{ Params: { command: string } }>('/staff/directory/:command', async (request, reply) => {
    const lang = context.langOf(request);
    const actor = await context.personOf(request, reply, lang);
    if (!actor) return reply;
    if (!(await context.verifyCsrf(request))) return context.csrfRefused(request, reply, lang, actor);
    const commandName = request.params.command as DirectoryCommand;
    const declared = publicCommand(commandName);
    const communityId = communityOf(request, actor);
    if (!declared || !(DIRECTORY_COMMANDS as readonly string[]).includes(commandName) || !communityId || !readsCommunityCases(actor, communityId)) {
      return context.notFound(request, reply, lang, actor);
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    // The community is the page's (the person's own, or the one a ministry official chose), never the form's.
    const form = parseCommandForm(declared.spec.input, body, { communityId });
    const labels = new Map(buildCommandForm({ lang, commandName, action: '' }).fields.map((f) => [f.name, f.label]));
    if (form.missing.length > 0) {
      const errors = new Map(form.missing.map((path) => [path, translate(lang, 'required', { field: labels.get(path) ?? path })]));
      return show(request, reply, lang, actor, communityId, 422, { commandName, values: form.values, errors, commandId: form.commandId });
    }
    try {
      const bus = context.deps.commands as unknown as Record<string, (args: unknown, ctx: object) => Promise<{ id: string; position: bigint | null }>>;
      const result = await bus[commandName]({ ...form.args, commandId: form.commandId }, { actor, correlationId: request.id });
      await context.noteWrite(request, actor, result.position);
      return await reply.header('cache-control', 'no-store').redirect(directoryHref(actor, communityId, { done: commandName }), 303);
    } catch (error) {
      const outcome = pageOutcomeOf(error);
      if (outcome.kind === 'invalid') {
        const errors = new Map([...outcome.fields].map(([path, text]) => [path, `${labels.get(path) ?? path}: ${text}`]));
        return show(request, reply, lang, actor, communityId, 422, { commandName, values: form.values, errors, commandId: form.commandId });
      }
      if (outcome.kind === 'refused' || outcome.kind === 'not-found') {
        const status = outcome.kind === 'not-found' ? 422 : outcome.status;
        const message = outcome.kind === 'not-found' ? (error as Error).message : outcome.message;
        return show(request, reply, lang, actor, communityId, status, {
          commandName,
          values: form.values,
          errors: new Map(),
          commandId: form.commandId,
          notice: { title: translate(lang, 'errorSummaryTitle'), text: translate(lang, status === 403 ? 'notAllowed' : 'invalidTransition', { message }) },
        });
      }
      return context.failure(request, reply, lang, actor, outcome, error);
    }
  });
};

/**
 * A webhook's commands: `registerWebhook` (ministry, integration), `resumeWebhook` (its owner or the
 * ministry) and `parkWebhook` (the delivery process only). The URL's scheme is the decider's rule; whether
 * it points at this server is checked here, where the server's addresses are known (CommandEnv.thisServer).
 */
import { webhookDecider, webhookView, type WebhookCommand, type WebhookState } from '../../domain/webhook';
import { aggregate, command } from '../commands/declare';
import { Id, IsoDateTime, Text, TextList } from '../commands/fields';
import { allOf, allow, forbid, hasRole, type Role } from '../commands/policy';
import { NotFound, ValidationFailed } from '../errors';

const REGISTER_ROLES: readonly Role[] = ['ministry', 'integration', 'system'];

class RegisterWebhookArgs {
  @Text(2000, { description: 'The http(s) URL events are POSTed to (not this server itself).' }) url!: string;
  @TextList(50, { optional: true, maxLength: 41, description: 'Stream categories to deliver (application, fee, …); none: every category.' }) categories?: string[] | null;
  @Text(500, { optional: true, description: 'What the webhook is for.' }) description?: string | null;
}

class WebhookIdArgs {
  @Id() id!: string;
}

class ParkWebhookArgs {
  @Id() id!: string;
  @Text(500) reason!: string;
  @IsoDateTime() failingSince!: string;
  @Text(30) position!: string;
}

const webhookCommand = command<WebhookState, WebhookCommand>();

export const webhookCommands = aggregate({
  decider: webhookDecider,
  graphqlType: 'Webhook',
  view: webhookView,
  notFound: (id) => new NotFound(`No webhook ${id}`, 'WEBHOOK_NOT_FOUND'),
  commands: {
    registerWebhook: webhookCommand({
      description:
        'Registers a URL to which every later event of the categories (all when none) is POSTed as a CloudEvent, signed per Standard Webhooks (ministry, integration). Answers the id and, this once, the signing secret (whsec_…).',
      input: RegisterWebhookArgs,
      graphqlType: 'RegisteredWebhook',
      target: 'new',
      policy: (actor) => hasRole(actor, REGISTER_ROLES, 'register a webhook'),
      prepare: async (input, _state, env) => {
        if (env.thisServer?.(input.url)) throw new ValidationFailed(`url ${input.url} points at this server itself: a webhook must go to another system`, ['url'], 'WEBHOOK_URL_IS_THIS_SERVER');
      },
      command: (input, _state, _prepared, call) => ({
        type: 'RegisterWebhook',
        data: { webhookId: call.id, url: input.url, categories: input.categories ?? [], ...(input.description ? { description: input.description } : {}) },
      }),
    }),
    resumeWebhook: webhookCommand({
      description: 'Resumes a parked webhook: deliveries go on from the event that failed (its owner, or the ministry).',
      input: WebhookIdArgs,
      target: (input) => input.id,
      policy: (actor, state) =>
        allOf(
          () => hasRole(actor, ['ministry', 'integration', 'system'], 'resume a webhook'),
          () => (actor.role !== 'integration' || !state.registered || state.registeredBy === actor.id ? allow : forbid('Only the integration that registered a webhook (or the ministry) may resume it')),
        ),
      command: () => ({ type: 'ResumeWebhook', data: {} }),
    }),
    parkWebhook: webhookCommand({
      description: 'Parks a webhook after 24 hours of failed deliveries (the delivery process).',
      public: false,
      input: ParkWebhookArgs,
      target: (input) => input.id,
      policy: (actor) => hasRole(actor, ['system'], 'park a webhook'),
      command: (input) => ({ type: 'ParkWebhook', data: { reason: input.reason, failingSince: input.failingSince, position: input.position } }),
    }),
  },
});

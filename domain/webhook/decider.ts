/**
 * The webhook decider (stream `webhook-<id>`). Rules:
 * - the URL is an absolute http: or https: URL without credentials (WEBHOOK_URL_NOT_HTTP), at most 2000
 *   characters; categories are stream categories (`fee`, `application`, …; INVALID_CATEGORY), never
 *   `webhook` itself (a webhook's own events are not pushed: they name other integrations' URLs), and not
 *   repeated; a webhook is registered once (WEBHOOK_ALREADY_REGISTERED);
 * - only an active webhook is parked (WEBHOOK_NOT_ACTIVE), only a parked one resumed (WEBHOOK_NOT_PARKED).
 * Whether the URL points at this server itself is the application's check (it knows the server's addresses).
 */
import { match } from 'ts-pattern';
import type { CommandMetadata, Decider } from '../kernel/decider';
import { domainValidation, invalidTransition, type DomainError } from '../kernel/errors';
import type { WebhookCommand } from './commands';
import type { WebhookEvent } from './events';

export const WEBHOOK_CATEGORY = 'webhook';
export const MAX_WEBHOOK_URL_LENGTH = 2000;
const CATEGORY = /^[a-z][a-z0-9_]{0,40}$/;

export interface WebhookState {
  readonly registered: boolean;
  readonly webhookId: string;
  readonly url: string;
  readonly categories: readonly string[];
  readonly description: string | null;
  readonly registeredBy: string;
  readonly registeredAt: string;
  readonly status: 'active' | 'parked';
  readonly parkedSince: string | null;
  readonly parkReason: string | null;
  readonly failingSince: string | null;
  /** Resumptions so far: a delivery loop that saw the webhook parked goes on when this grows. */
  readonly resumptions: number;
}

export const initialState = (): WebhookState => ({
  registered: false,
  webhookId: '',
  url: '',
  categories: [],
  description: null,
  registeredBy: '',
  registeredAt: '',
  status: 'active',
  parkedSince: null,
  parkReason: null,
  failingSince: null,
  resumptions: 0,
});

/** The URL's problem, or null when it is an absolute http(s) URL a webhook may use. */
export const webhookUrlProblem = (url: string): string | null => {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return `url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `url must be an absolute http or https URL, not "${url}"`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `url must use http or https, not ${parsed.protocol.replace(/:$/, '')}`;
  if (parsed.username || parsed.password) return 'url must not carry a user name or password (the signature authenticates the server)';
  return null;
};

const actorOf = (metadata: CommandMetadata): string => metadata.actor?.id ?? 'unknown';

export const decide = (command: WebhookCommand, state: WebhookState): WebhookEvent[] | DomainError =>
  match(command)
    .with({ type: 'RegisterWebhook' }, ({ data, metadata }): WebhookEvent[] | DomainError => {
      if (state.registered) return invalidTransition('WEBHOOK_ALREADY_REGISTERED', `Webhook ${state.webhookId} is registered already`);
      const problem = webhookUrlProblem(data.url);
      if (problem) return domainValidation('WEBHOOK_URL_NOT_HTTP', problem, ['url']);
      const bad = data.categories.find((c) => !CATEGORY.test(c) || c === WEBHOOK_CATEGORY);
      if (bad !== undefined) return domainValidation('INVALID_CATEGORY', `categories must be stream categories such as application or fee (not webhook), not "${bad}"`, ['categories']);
      if (new Set(data.categories).size !== data.categories.length) return domainValidation('INVALID_CATEGORY', 'categories must not repeat a category', ['categories']);
      return [
        {
          type: 'WebhookRegistered',
          data: {
            webhookId: data.webhookId,
            url: data.url,
            categories: [...data.categories],
            description: data.description ?? null,
            registeredBy: actorOf(metadata),
            registeredAt: metadata.now,
          },
        },
      ];
    })
    .with({ type: 'ParkWebhook' }, ({ data, metadata }): WebhookEvent[] | DomainError => {
      if (!state.registered) return invalidTransition('WEBHOOK_NOT_REGISTERED', 'No such webhook');
      if (state.status !== 'active') return invalidTransition('WEBHOOK_NOT_ACTIVE', `Webhook ${state.webhookId} is parked already`);
      return [{ type: 'WebhookParked', data: { webhookId: state.webhookId, reason: data.reason, failingSince: data.failingSince, position: data.position, parkedAt: metadata.now } }];
    })
    .with({ type: 'ResumeWebhook' }, ({ metadata }): WebhookEvent[] | DomainError => {
      if (!state.registered) return invalidTransition('WEBHOOK_NOT_REGISTERED', 'No such webhook');
      if (state.status !== 'parked') return invalidTransition('WEBHOOK_NOT_PARKED', `Webhook ${state.webhookId} is not parked: it is delivering`);
      return [{ type: 'WebhookResumed', data: { webhookId: state.webhookId, resumedBy: actorOf(metadata), resumedAt: metadata.now } }];
    })
    .exhaustive();

export const evolve = (state: WebhookState, event: WebhookEvent): WebhookState =>
  match(event)
    .with({ type: 'WebhookRegistered' }, ({ data }): WebhookState => ({
      ...state,
      registered: true,
      webhookId: data.webhookId,
      url: data.url,
      categories: data.categories,
      description: data.description,
      registeredBy: data.registeredBy,
      registeredAt: data.registeredAt,
      status: 'active',
    }))
    .with({ type: 'WebhookParked' }, ({ data }): WebhookState => ({ ...state, status: 'parked', parkedSince: data.parkedAt, parkReason: data.reason, failingSince: data.failingSince }))
    .with({ type: 'WebhookResumed' }, (): WebhookState => ({ ...state, status: 'active', parkedSince: null, parkReason: null, failingSince: null, resumptions: state.resumptions + 1 }))
    .exhaustive();

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  name: WEBHOOK_CATEGORY,
  decide,
  evolve,
  initialState,
};

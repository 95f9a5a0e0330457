/**
 * Integration over GraphQL (docs/webhooks.md, docs/api.md "Integration"):
 * - the `Webhook` view (the command module's schema holds it: registerWebhook and resumeWebhook answer it),
 *   with its signing secret only in registerWebhook's answer;
 * - `webhookDeliveries(id)`: where a webhook's deliveries stand (its owner, the ministry);
 * - persistent feed consumers: `acknowledgeEvents(consumer, position)` and `eventConsumers` (the `events`
 *   subscription's `consumer` argument is in events.ts).
 */
import { fold } from '../../../domain/kernel/decider';
import { webhookDecider, webhookView, type WebhookEvent } from '../../../domain/webhook';
import { Forbidden, NotFound, ValidationFailed } from '../../../application/errors';
import type { Actor, EventStore } from '../../../application/ports/event-store';
import type { EventConsumerCheckpoint, EventConsumerStore, WebhookDeliveryStore } from '../../../application/ports/integration-state';
import type { WebhookSecretOf } from '../../../application/webhooks/secret';
import { requireActor } from '../context';
import type { GraphqlModule, RequestContext } from '../../http/server';
import { checkConsumerName, parsePosition } from './events';

export const webhookTypeDefs = /* GraphQL */ `
  "A webhook: a URL the server POSTs each event of its categories to, as a signed CloudEvent (docs/webhooks.md)."
  type Webhook {
    id: ID!
    revision: Int!
    "active (delivering), or parked after 24 hours of failed deliveries until resumeWebhook."
    status: String!
    url: String!
    "Stream categories delivered; empty: every category."
    categories: [String!]!
    description: String
    "Who registered it (the integration's token subject, or a ministry official): its owner."
    registeredBy: String!
    registeredAt: String!
    parkedSince: String
    "The last failure before it was parked."
    parkReason: String
  }

  "registerWebhook's answer: the new webhook and, this once, its signing secret."
  type RegisteredWebhook {
    id: ID!
    revision: Int!
    status: String!
    "The signing secret in the Standard Webhooks form whsec_<base64>: verify each delivery's webhook-signature with it. Shown only here (a retry with the same commandId shows it again)."
    secret: String!
    webhook: Webhook!
  }
`;

const integrationTypeDefs = /* GraphQL */ `
  "Where a webhook's deliveries stand."
  type WebhookDeliveries {
    webhook: Webhook!
    "active or parked (as the webhook's)."
    status: String!
    "Every event of its categories up to this position was delivered (answered 2xx); null before the delivery process first took the webhook up."
    deliveredPosition: String
    "The event being retried now (null when no delivery is failing)."
    pendingPosition: String
    "The log's newest position."
    head: String
    "head − deliveredPosition, in positions (events of other categories count too); 0 when caught up."
    lag: Float
    "Events delivered so far."
    delivered: Int!
    "Failed attempts of the pending event."
    attempts: Int!
    lastAttemptAt: String
    "The last answer's HTTP status; null for a timeout or a connection error."
    lastStatus: Int
    "The last failure in words (HTTP 500, timeout after 10000 ms, connection failed: ECONNREFUSED); null after a success."
    lastError: String
    "The first failed attempt of the current run of failures; parked 24 hours after it."
    failingSince: String
    parkedSince: String
    "When the pending event is tried again (null when parked or nothing is pending)."
    nextAttemptAt: String
  }

  "A persistent consumer of the events feed: the position an integration acknowledged under a name."
  type EventConsumer {
    "The integration (its token's subject)."
    integration: String!
    consumer: String!
    "The last acknowledged position (null before the first acknowledgement): events(consumer) resumes after it."
    position: String
    "The category it last subscribed with (null: every category)."
    category: String
    head: String
    "head − position, in positions; null when the log is empty."
    lag: Float
    createdAt: String!
    acknowledgedAt: String
  }

  extend type Query {
    "Where a webhook's deliveries stand: position delivered, the event being retried, attempts, the last error or HTTP status, parked since, next attempt (its owner; the ministry)."
    webhookDeliveries(id: ID!): WebhookDeliveries!
    "Persistent consumers of the events feed and their lag (the ministry: all; an integration: its own)."
    eventConsumers: [EventConsumer!]!
  }

  extend type Mutation {
    "Moves the consumer's checkpoint to position (never backwards; a position past the log's head is refused): events(consumer) resumes after it. Integration consumers and auditors."
    acknowledgeEvents(consumer: String!, position: String!, commandId: ID): EventConsumer!
  }
`;

/** Integration consumers and auditors keep consumers (as they read the feed). */
export const requireFeedReader = (actor: Actor): void => {
  if (actor.role !== 'integration' && actor.role !== 'auditor') throw new Forbidden('Persistent feed consumers are for integration consumers and auditors');
};

const lagOf = (head: bigint | null, position: bigint | null): number | null => (head === null ? null : Number(head > (position ?? 0n) ? head - (position ?? 0n) : 0n));

const consumerItem = (c: EventConsumerCheckpoint, head: bigint | null) => ({
  integration: c.integration,
  consumer: c.consumer,
  position: c.position?.toString() ?? null,
  category: c.category,
  head: head?.toString() ?? null,
  lag: lagOf(head, c.position),
  createdAt: c.createdAt,
  acknowledgedAt: c.acknowledgedAt,
});

export interface IntegrationModuleDeps {
  readonly eventStore: Pick<EventStore, 'readStream' | 'headPosition'>;
  readonly deliveries: WebhookDeliveryStore;
  readonly consumers: EventConsumerStore;
  readonly now?: () => Date;
}

export const integrationModule = (deps: IntegrationModuleDeps): GraphqlModule => {
  const now = deps.now ?? (() => new Date());
  return {
    typeDefs: integrationTypeDefs,
    resolvers: {
      Query: {
        webhookDeliveries: (_: unknown, a: { id: string }, ctx: RequestContext) =>
          (async () => {
            const actor = requireActor(ctx.caller);
            if (actor.role !== 'ministry' && actor.role !== 'integration') throw new Forbidden('Webhook deliveries are shown to the ministry and the integration that registered the webhook');
            const events = await deps.eventStore.readStream(`${webhookDecider.name}-${a.id}`);
            const state = fold(webhookDecider, events.map((e) => ({ type: e.type, data: e.data }) as WebhookEvent));
            const view = webhookView(state);
            if (!view) throw new NotFound(`No webhook ${a.id}`, 'WEBHOOK_NOT_FOUND');
            if (actor.role === 'integration' && state.registeredBy !== actor.id) throw new Forbidden('Only the integration that registered a webhook (or the ministry) sees its deliveries');
            const [d, head] = await Promise.all([deps.deliveries.get(a.id), deps.eventStore.headPosition()]);
            return {
              webhook: { ...view, revision: events.length - 1 },
              status: view.status,
              deliveredPosition: d?.deliveredPosition.toString() ?? null,
              pendingPosition: d?.pendingPosition?.toString() ?? null,
              head: head?.toString() ?? null,
              lag: d ? lagOf(head, d.deliveredPosition) : null,
              delivered: d?.delivered ?? 0,
              attempts: d?.attempts ?? 0,
              lastAttemptAt: d?.lastAttemptAt ?? null,
              lastStatus: d?.lastStatus ?? null,
              lastError: d?.lastError ?? null,
              failingSince: d?.failingSince ?? state.failingSince,
              parkedSince: view.parkedSince,
              nextAttemptAt: view.status === 'parked' ? null : (d?.nextAttemptAt ?? null),
            };
          })(),
        eventConsumers: (_: unknown, _a: unknown, ctx: RequestContext) =>
          (async () => {
            const actor = requireActor(ctx.caller);
            if (actor.role !== 'ministry') requireFeedReader(actor);
            const [all, head] = await Promise.all([deps.consumers.list(), deps.eventStore.headPosition()]);
            return all.filter((c) => actor.role === 'ministry' || c.integration === actor.id).map((c) => consumerItem(c, head));
          })(),
      },
      Mutation: {
        acknowledgeEvents: (_: unknown, a: { consumer: string; position: string }, ctx: RequestContext) =>
          (async () => {
            const actor = requireActor(ctx.caller);
            requireFeedReader(actor);
            const consumer = checkConsumerName(a.consumer);
            const position = parsePosition(a.position, 'position')!;
            const head = await deps.eventStore.headPosition();
            if (position > (head ?? 0n)) throw new ValidationFailed(`position ${position} is past the log's head (${head ?? 'empty log'})`, ['position'], 'POSITION_PAST_HEAD');
            return consumerItem(await deps.consumers.acknowledge(actor.id, consumer, position, now()), head);
          })(),
      },
    } as never,
  };
};

/** registerWebhook's answer (RegisteredWebhook): the webhook's view and its signing secret, the one place it is shown. */
export const withWebhookSecret =
  (resolver: (root: unknown, args: Record<string, unknown>, ctx: RequestContext) => Promise<object>, secretOf: WebhookSecretOf) =>
  async (root: unknown, args: Record<string, unknown>, ctx: RequestContext): Promise<object> => {
    const webhook = (await resolver(root, args, ctx)) as { id: string; revision: number; status: string };
    return { id: webhook.id, revision: webhook.revision, status: webhook.status, secret: secretOf(webhook.id), webhook };
  };

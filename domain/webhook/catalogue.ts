import { eventCatalogue } from '../kernel/catalogue';
import type { WebhookEvent } from './events';

/** A webhook's events, for the project's event catalogue. */
export const webhookEventCatalogue = eventCatalogue<WebhookEvent>()([
  {
    type: 'WebhookRegistered',
    schemaVersion: 1,
    description:
      'An integration consumer (or the ministry) registered a URL to which the server POSTs each later event of the given categories, signed (Standard Webhooks). The signing secret is not recorded: it is derived from a server key and the id, and shown once, in the registration\'s answer.',
    fields: {
      webhookId: 'string — the webhook\'s id (stream `webhook-<id>`)',
      url: 'string — the http(s) URL events are POSTed to',
      categories: 'string[] — the stream categories delivered; empty: every category but `webhook`',
      description: 'string or null — what the webhook is for',
      registeredBy: 'string — who registered it (the integration\'s token subject or a ministry official): its owner',
      registeredAt: 'date-time — business time of the registration',
    },
  },
  {
    type: 'WebhookParked',
    schemaVersion: 1,
    description: 'Deliveries to the webhook failed for 24 hours (non-2xx answers, timeouts or connection errors): the server stopped trying until it is resumed. Nothing is skipped: the event that failed is delivered first on resumption.',
    fields: {
      webhookId: 'string — the webhook',
      reason: 'string — the last failure (`HTTP 500`, `timeout after 10000 ms`, a connection error)',
      failingSince: 'date-time — when the first attempt of the run of failures was made',
      position: 'string — global position of the event that could not be delivered',
      parkedAt: 'date-time — when it was parked',
    },
  },
  {
    type: 'WebhookResumed',
    schemaVersion: 1,
    description: 'A parked webhook was resumed (by its owner or the ministry): deliveries go on from the event that failed.',
    fields: {
      webhookId: 'string — the webhook',
      resumedBy: 'string — who resumed it',
      resumedAt: 'date-time — when',
    },
  },
]);

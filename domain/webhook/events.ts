/** Events of a webhook. No secret is ever recorded: the signing secret is derived from a server key and the id. */
import type { DomainEvent } from '../kernel/decider';

export type WebhookRegistered = DomainEvent<
  'WebhookRegistered',
  {
    readonly webhookId: string;
    readonly url: string;
    /** Stream categories delivered; empty: every category (but `webhook`). */
    readonly categories: readonly string[];
    readonly description: string | null;
    /** The integration (token `sub`) or ministry official who registered it: its owner. */
    readonly registeredBy: string;
    readonly registeredAt: string;
  }
>;

export type WebhookParked = DomainEvent<
  'WebhookParked',
  {
    readonly webhookId: string;
    /** The last failure: an HTTP status, a timeout or a connection error. */
    readonly reason: string;
    /** When the first failed attempt of the run of failures was made. */
    readonly failingSince: string;
    /** The position of the event that could not be delivered (delivered first on resumption). */
    readonly position: string;
    readonly parkedAt: string;
  }
>;

export type WebhookResumed = DomainEvent<'WebhookResumed', { readonly webhookId: string; readonly resumedBy: string; readonly resumedAt: string }>;

export type WebhookEvent = WebhookRegistered | WebhookParked | WebhookResumed;

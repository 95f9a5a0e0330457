/** The `Webhook` view: what was registered and whether it delivers. Never the secret (see the mutation). */
import type { WebhookState } from './decider';

export interface WebhookView {
  readonly id: string;
  /** active (delivering) or parked (after 24 h of failures, until resumed). */
  readonly status: 'active' | 'parked';
  readonly url: string;
  readonly categories: readonly string[];
  readonly description: string | null;
  readonly registeredBy: string;
  readonly registeredAt: string;
  readonly parkedSince: string | null;
  readonly parkReason: string | null;
}

export const webhookView = (state: WebhookState): WebhookView | null =>
  state.registered
    ? {
        id: state.webhookId,
        status: state.status,
        url: state.url,
        categories: state.categories,
        description: state.description,
        registeredBy: state.registeredBy,
        registeredAt: state.registeredAt,
        parkedSince: state.parkedSince,
        parkReason: state.parkReason,
      }
    : null;

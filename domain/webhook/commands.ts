/**
 * Commands of a webhook (stream `webhook-<id>`): an integration consumer (or the ministry) registers a URL
 * the server pushes events to; the delivery process parks it after a day of failed attempts; its owner or
 * the ministry resumes it.
 */
import type { DomainCommand } from '../kernel/decider';

export type RegisterWebhook = DomainCommand<
  'RegisterWebhook',
  { readonly webhookId: string; readonly url: string; readonly categories: readonly string[]; readonly description?: string }
>;
export type ParkWebhook = DomainCommand<'ParkWebhook', { readonly reason: string; readonly failingSince: string; readonly position: string }>;
export type ResumeWebhook = DomainCommand<'ResumeWebhook', Record<string, never>>;

export type WebhookCommand = RegisterWebhook | ParkWebhook | ResumeWebhook;

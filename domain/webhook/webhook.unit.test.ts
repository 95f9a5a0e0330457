/** The webhook decider's rules, as given/when/then. */
import { spec } from '../../tests/support/decider-spec';
import { webhookDecider } from './decider';
import type { WebhookCommand } from './commands';
import type { WebhookEvent } from './events';

const metadata = { now: '2026-12-01T08:00:00.000Z', actor: { id: 'treasury', role: 'integration' } };
const register = (data: Partial<Extract<WebhookCommand, { type: 'RegisterWebhook' }>['data']> = {}): WebhookCommand => ({
  type: 'RegisterWebhook',
  data: { webhookId: 'w1', url: 'https://treasury.example/hooks', categories: ['fee'], ...data },
  metadata,
});
const registered: WebhookEvent = {
  type: 'WebhookRegistered',
  data: { webhookId: 'w1', url: 'https://treasury.example/hooks', categories: ['fee'], description: null, registeredBy: 'treasury', registeredAt: metadata.now },
};
const park: WebhookCommand = { type: 'ParkWebhook', data: { reason: 'HTTP 500', failingSince: '2026-11-30T08:00:00.000Z', position: '42' }, metadata };
const parked: WebhookEvent = { type: 'WebhookParked', data: { webhookId: 'w1', reason: 'HTTP 500', failingSince: '2026-11-30T08:00:00.000Z', position: '42', parkedAt: metadata.now } };
const resume: WebhookCommand = { type: 'ResumeWebhook', data: {}, metadata };

describe('webhook decider', () => {
  const webhook = spec(webhookDecider);

  it('registers an http(s) URL with its categories, the registering actor as owner', () => {
    webhook.given().when(register()).then(registered);
    webhook.given().when(register({ url: 'http://10.0.0.5:8080/in', categories: [], description: 'Վիճակագրություն' })).then({
      type: 'WebhookRegistered',
      data: { webhookId: 'w1', url: 'http://10.0.0.5:8080/in', categories: [], description: 'Վիճակագրություն', registeredBy: 'treasury', registeredAt: metadata.now },
    });
  });

  it.each(['ftp://treasury.example/x', 'treasury.example/hooks', 'javascript:alert(1)', 'https://user:secret@treasury.example/'])('refuses %s (WEBHOOK_URL_NOT_HTTP)', (url) => {
    webhook.given().when(register({ url })).thenFails('VALIDATION_FAILED', 'WEBHOOK_URL_NOT_HTTP');
  });

  it('refuses a category that is not a stream category, the webhook category itself, or a repeated one', () => {
    webhook.given().when(register({ categories: ['Fee'] })).thenFails('VALIDATION_FAILED', 'INVALID_CATEGORY');
    webhook.given().when(register({ categories: ['webhook'] })).thenFails('VALIDATION_FAILED', 'INVALID_CATEGORY');
    webhook.given().when(register({ categories: ['fee', 'fee'] })).thenFails('VALIDATION_FAILED', 'INVALID_CATEGORY');
  });

  it('registers once', () => {
    webhook.given(registered).when(register()).thenFails('INVALID_TRANSITION', 'WEBHOOK_ALREADY_REGISTERED');
  });

  it('parks an active webhook only, and resumes a parked one only', () => {
    webhook.given(registered).when(park).then(parked);
    webhook.given(registered, parked).when(park).thenFails('INVALID_TRANSITION', 'WEBHOOK_NOT_ACTIVE');
    webhook.given(registered).when(resume).thenFails('INVALID_TRANSITION', 'WEBHOOK_NOT_PARKED');
    webhook.given(registered, parked).when(resume).then({ type: 'WebhookResumed', data: { webhookId: 'w1', resumedBy: 'treasury', resumedAt: metadata.now } });
    const state = webhook.given(registered, parked, { type: 'WebhookResumed', data: { webhookId: 'w1', resumedBy: 'treasury', resumedAt: metadata.now } }).state();
    expect(state).toMatchObject({ status: 'active', parkedSince: null, resumptions: 1 });
  });
});

/**
 * The contract of the IntegrationStateStore port (application/ports/integration-state.ts) that every adapter
 * passes — SQLite always, MongoDB where a server exists: webhook delivery checkpoints and feed consumers'
 * checkpoints, seen by another process's connection, never moving backwards.
 */
import type { IntegrationStateStore, WebhookDeliveryState } from '../../application/ports/integration-state';
import { uniqueId } from '../support/events';

export interface IntegrationStateFixture {
  readonly store: IntegrationStateStore;
  /** Another process's connection to the same state. */
  readonly other: IntegrationStateStore;
}

const delivery = (webhookId: string, position: bigint, more: Partial<WebhookDeliveryState> = {}): WebhookDeliveryState => ({
  webhookId,
  deliveredPosition: position,
  pendingPosition: null,
  attempts: 0,
  lastAttemptAt: null,
  lastStatus: null,
  lastError: null,
  failingSince: null,
  nextAttemptAt: null,
  delivered: 0,
  resumptions: 0,
  ...more,
});

export const integrationStateContract = <F extends IntegrationStateFixture>(name: string, open: () => Promise<F>, close: (f: F) => Promise<void>): void => {
  describe(`integration state: ${name}`, () => {
    let f: F;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => close(f));

    it('keeps a webhook delivery state, failures included, for another connection', async () => {
      const id = uniqueId('w');
      expect(await f.store.get(id)).toBeNull();
      const failing = delivery(id, 41n, { pendingPosition: 42n, attempts: 3, lastStatus: 500, lastError: 'HTTP 500 — Սխալ', failingSince: '2026-12-01T08:00:00.000Z', nextAttemptAt: '2026-12-01T08:00:04.000Z', delivered: 7, lastAttemptAt: '2026-12-01T08:00:02.000Z' });
      await f.store.save(failing);
      expect(await f.other.get(id)).toEqual(failing);
    });

    it('never moves a delivered position backwards (a stale process saving late)', async () => {
      const id = uniqueId('w');
      await f.store.save(delivery(id, 100n, { delivered: 5 }));
      await f.other.save(delivery(id, 99n, { delivered: 4 }));
      expect(await f.store.get(id)).toMatchObject({ deliveredPosition: 100n, delivered: 5 });
      // The same position with a newer state (a failure recorded after it) is taken.
      await f.other.save(delivery(id, 100n, { delivered: 5, attempts: 1, pendingPosition: 101n }));
      expect(await f.store.get(id)).toMatchObject({ deliveredPosition: 100n, attempts: 1, pendingPosition: 101n });
      // Positions compare as numbers, not as text.
      await f.store.save(delivery(id, 1000n));
      expect((await f.other.get(id))?.deliveredPosition).toBe(1000n);
    });

    it('creates a consumer on its first subscription, keeps each integration\'s names apart, and acknowledges forwards only', async () => {
      const consumer = uniqueId('ledger');
      const t = new Date('2026-12-01T08:00:00.000Z');
      expect(await f.store.consumers.get('treasury', consumer)).toBeNull();
      expect(await f.store.consumers.touch('treasury', consumer, 'fee', t)).toMatchObject({ integration: 'treasury', consumer, position: null, category: 'fee', createdAt: t.toISOString(), acknowledgedAt: null });
      expect(await f.other.consumers.acknowledge('treasury', consumer, 9n, t)).toMatchObject({ position: 9n, acknowledgedAt: t.toISOString() });
      expect((await f.store.consumers.acknowledge('treasury', consumer, 8n, t)).position).toBe(9n);
      expect((await f.store.consumers.acknowledge('treasury', consumer, 10n, t)).position).toBe(10n);
      // Decimal, not text, order.
      expect((await f.store.consumers.acknowledge('treasury', consumer, 9n, t)).position).toBe(10n);
      expect(await f.other.consumers.get('statistics', consumer)).toBeNull();
      await f.other.consumers.acknowledge('statistics', consumer, 3n, t);
      const mine = (await f.store.consumers.list()).filter((c) => c.consumer === consumer);
      expect(mine.map((c) => [c.integration, c.position])).toEqual([
        ['statistics', 3n],
        ['treasury', 10n],
      ]);
      // Subscribing again keeps the position.
      expect((await f.store.consumers.touch('treasury', consumer, null, t)).position).toBe(10n);
    });
  });
};

/**
 * What every MailDeliveryLog must do (application/ports/mail.ts), run against each adapter: one delivery
 * per event id whatever is queued again; a cursor that never moves back; due deliveries claimed in outbox
 * order, each once, `sending` with one more attempt; outcomes recorded only over `sending`; interrupted
 * sends become `uncertain`; and all of it still there when the log is opened again.
 */
import type { Delivery, MailDeliveryLog } from '../../application/ports/mail';

export interface MailDeliveryLogFixture {
  readonly log: MailDeliveryLog;
  /** The same record opened again (another process, or after a restart). */
  reopen(): Promise<MailDeliveryLog>;
}

const delivery = (n: number, overrides: Partial<Delivery> = {}): Delivery => ({
  eventId: `event-${n}`,
  seq: String(n).padStart(20, '0'),
  recipientId: '0800199001',
  mail: { messageId: `<event-${n}@hamaynk.example.am>`, to: 'ani@example.am', subject: `Նամակ ${n}`, text: 'Բարև', language: 'hy' },
  status: 'queued',
  attempts: 0,
  dueAt: 1_000,
  lastError: null,
  sentAt: null,
  ...overrides,
});

export const mailDeliveryLogContract = <F extends MailDeliveryLogFixture>(name: string, open: () => Promise<F>, close: (fixture: F) => Promise<void>): void => {
  describe(`mail delivery log (${name})`, () => {
    let f: F;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await close(f);
    });

    it('records one delivery per event, keeps the first, and moves the cursor only forward', async () => {
      expect(await f.log.cursor()).toBeNull();
      await f.log.enqueue([delivery(1), delivery(2, { status: 'no-address', mail: null })], delivery(2).seq);
      await f.log.enqueue([delivery(1, { status: 'expired', mail: null }), delivery(3)], delivery(3).seq);
      await f.log.enqueue([], delivery(1).seq);
      expect(await f.log.cursor()).toBe(delivery(3).seq);
      expect(await f.log.get('event-1')).toEqual(delivery(1));
      expect((await f.log.get('event-2'))?.status).toBe('no-address');
      expect(await f.log.counts()).toMatchObject({ queued: 2, 'no-address': 1, expired: 0 });
    });

    it('claims due deliveries in outbox order, each once, as sending with one more attempt', async () => {
      await f.log.enqueue([delivery(3), delivery(1), delivery(2), delivery(4, { dueAt: 5_000 })], delivery(4).seq);
      const first = await f.log.claimDue(2_000, 2);
      expect(first.map((d) => [d.eventId, d.status, d.attempts])).toEqual([
        ['event-1', 'sending', 1],
        ['event-2', 'sending', 1],
      ]);
      expect(first[0].mail).toEqual(delivery(1).mail);
      expect((await f.log.claimDue(2_000, 10)).map((d) => d.eventId)).toEqual(['event-3']);
      expect(await f.log.claimDue(2_000, 10)).toEqual([]);
      expect(await f.log.nextDueAt()).toBe(5_000);
    });

    it('records outcomes over sending only; a retry is due again when it says', async () => {
      await f.log.enqueue([delivery(1), delivery(2), delivery(3)], delivery(3).seq);
      await f.log.claimDue(2_000, 3);
      await f.log.settle([
        { eventId: 'event-1', status: 'sent', at: '2026-12-01T08:00:00.000Z' },
        { eventId: 'event-2', status: 'retry', dueAt: 9_000, error: 'ECONNECTION (CONN): connect ECONNREFUSED', at: '2026-12-01T08:00:00.000Z' },
        { eventId: 'event-3', status: 'failed', error: '550 no such mailbox', at: '2026-12-01T08:00:00.000Z' },
      ]);
      expect(await f.log.get('event-1')).toMatchObject({ status: 'sent', sentAt: '2026-12-01T08:00:00.000Z', attempts: 1 });
      expect(await f.log.get('event-2')).toMatchObject({ status: 'retry', dueAt: 9_000, lastError: 'ECONNECTION (CONN): connect ECONNREFUSED' });
      expect(await f.log.get('event-3')).toMatchObject({ status: 'failed', lastError: '550 no such mailbox' });
      // A late outcome for a delivery that is no longer sending changes nothing.
      await f.log.settle([{ eventId: 'event-1', status: 'retry', dueAt: 1, at: '2026-12-01T09:00:00.000Z' }]);
      expect((await f.log.get('event-1'))?.status).toBe('sent');
      expect(await f.log.claimDue(8_999, 10)).toEqual([]);
      expect((await f.log.claimDue(9_000, 10)).map((d) => [d.eventId, d.attempts])).toEqual([['event-2', 2]]);
    });

    it('turns what a stopped process was sending into uncertain, and keeps everything when opened again', async () => {
      await f.log.enqueue([delivery(1), delivery(2)], delivery(2).seq);
      await f.log.claimDue(2_000, 1);
      const again = await f.reopen();
      expect(await again.recoverInterrupted('2026-12-01T10:00:00.000Z')).toBe(1);
      expect(await again.get('event-1')).toMatchObject({ status: 'uncertain', lastError: 'the sender stopped while sending it' });
      expect(await again.cursor()).toBe(delivery(2).seq);
      expect((await again.claimDue(2_000, 10)).map((d) => d.eventId)).toEqual(['event-2']);
      expect(await again.counts()).toMatchObject({ uncertain: 1, sending: 1, queued: 0 });
    });
  });
};

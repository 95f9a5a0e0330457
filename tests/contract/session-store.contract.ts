/**
 * The contract of the SessionStore port (application/ports/sessions.ts) that every adapter passes —
 * SQLite always, MongoDB where a server exists.
 */
import type { SessionStore } from '../../application/ports/sessions';
import { uniqueId } from '../support/events';

export interface SessionStoreFixture {
  readonly store: SessionStore;
  /** Another process's connection to the same sessions. */
  readonly other: SessionStore;
}

const at = (iso: string) => new Date(iso);

export const sessionStoreContract = <F extends SessionStoreFixture>(name: string, open: () => Promise<F>, close: (f: F) => Promise<void>): void => {
  describe(`session store: ${name}`, () => {
    let f: F;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => close(f));

    it('answers a stored session, with its Armenian text intact, to another connection', async () => {
      const id = uniqueId('s');
      await f.store.set(id, { personalId: '1234567890', data: { personalId: '1234567890', assurance: 'eid', note: 'Գյումրի' }, expiresAt: '2030-01-01T08:00:00.000Z' });
      expect(await f.other.get(id, at('2030-01-01T07:59:59.999Z'))).toEqual({
        personalId: '1234567890',
        data: { personalId: '1234567890', assurance: 'eid', note: 'Գյումրի' },
        expiresAt: '2030-01-01T08:00:00.000Z',
      });
    });

    it('answers null for a session it never had', async () => {
      expect(await f.store.get(uniqueId('never'), at('2030-01-01T00:00:00Z'))).toBeNull();
    });

    it('answers null from the instant a session expires, and keeps answering null', async () => {
      const id = uniqueId('s');
      await f.store.set(id, { personalId: null, data: {}, expiresAt: '2030-01-01T08:00:00.000Z' });
      expect(await f.store.get(id, at('2030-01-01T08:00:00.000Z'))).toBeNull();
      expect(await f.store.get(id, at('2029-12-31T00:00:00.000Z'))).toBeNull();
    });

    it('replaces a session on set: a later expiry extends it', async () => {
      const id = uniqueId('s');
      await f.store.set(id, { personalId: null, data: { step: 1 }, expiresAt: '2030-01-01T08:00:00.000Z' });
      await f.store.set(id, { personalId: '1234567890', data: { step: 2 }, expiresAt: '2030-01-01T16:00:00.000Z' });
      expect(await f.store.get(id, at('2030-01-01T12:00:00.000Z'))).toEqual({ personalId: '1234567890', data: { step: 2 }, expiresAt: '2030-01-01T16:00:00.000Z' });
    });

    it('destroy ends a session for every connection; destroying an unknown one is not an error', async () => {
      const id = uniqueId('s');
      await f.store.set(id, { personalId: '1234567890', data: {}, expiresAt: '2030-01-01T08:00:00.000Z' });
      await f.other.destroy(id);
      expect(await f.store.get(id, at('2030-01-01T00:00:00.000Z'))).toBeNull();
      await expect(f.store.destroy(uniqueId('never'))).resolves.toBeUndefined();
    });

    it("destroyAllOf ends every session of one person and no one else's", async () => {
      const person = String(Date.now()).slice(-10).padStart(10, '1');
      const [a, b, c] = [uniqueId('a'), uniqueId('b'), uniqueId('c')];
      await f.store.set(a, { personalId: person, data: {}, expiresAt: '2030-01-01T08:00:00.000Z' });
      await f.store.set(b, { personalId: person, data: {}, expiresAt: '2030-01-01T08:00:00.000Z' });
      await f.store.set(c, { personalId: '9999999999', data: {}, expiresAt: '2030-01-01T08:00:00.000Z' });
      expect(await f.store.destroyAllOf(person)).toBe(2);
      const now = at('2030-01-01T00:00:00.000Z');
      expect(await f.store.get(a, now)).toBeNull();
      expect(await f.store.get(b, now)).toBeNull();
      expect(await f.store.get(c, now)).not.toBeNull();
    });

    it('purgeExpired deletes the expired sessions only', async () => {
      const [old, live] = [uniqueId('old'), uniqueId('live')];
      await f.store.set(old, { personalId: null, data: {}, expiresAt: '2001-01-01T00:00:00.000Z' });
      await f.store.set(live, { personalId: null, data: {}, expiresAt: '2030-01-01T00:00:00.000Z' });
      expect(await f.store.purgeExpired(at('2002-01-01T00:00:00.000Z'))).toBeGreaterThanOrEqual(1);
      expect(await f.store.get(live, at('2002-01-01T00:00:00.000Z'))).not.toBeNull();
      expect(await f.store.get(old, at('2000-01-01T00:00:00.000Z'))).toBeNull();
    });

    it('refuses an expiry that is not an instant', async () => {
      await expect(f.store.set(uniqueId('s'), { personalId: null, data: {}, expiresAt: 'tomorrow' })).rejects.toThrow(/ISO 8601/);
    });
  });
};

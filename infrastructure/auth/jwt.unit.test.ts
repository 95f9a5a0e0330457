import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { Unauthenticated } from '../../application/errors';
import { actorFromClaims, JwtSecretRefused, loadTokenKeys, signToken, verifyToken } from './jwt';

describe('bearer tokens', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-jwt-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates an Ed25519 key in DATA_DIR once and verifies what it signs', async () => {
    const keys = loadTokenKeys({ dataDir: dir });
    const again = loadTokenKeys({ dataDir: dir });
    const token = await signToken(keys, { sub: 'res-1', role: 'resident', acr: 'eid' });
    expect(await verifyToken(again, token)).toEqual({ sub: 'res-1', role: 'resident', acr: 'eid', communityId: undefined, officeId: undefined });
    expect(fs.statSync(path.join(dir, 'keys', 'jwt-ed25519.pem')).mode & 0o777).toBe(0o600);
  });

  it('refuses a token signed by another key, an expired one, and garbage, as UNAUTHENTICATED', async () => {
    const keys = loadTokenKeys({ dataDir: dir });
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-jwt2-'));
    const other = loadTokenKeys({ dataDir: otherDir });
    const foreign = await signToken(other, { sub: 'x', role: 'ministry' });
    await expect(verifyToken(keys, foreign)).rejects.toBeInstanceOf(Unauthenticated);
    const expired = await signToken(keys, { sub: 'x', role: 'staff', communityId: 'GYU' }, '-1s');
    await expect(verifyToken(keys, expired)).rejects.toThrow(/expired/);
    await expect(verifyToken(keys, 'not.a.token')).rejects.toBeInstanceOf(Unauthenticated);
    fs.rmSync(otherDir, { recursive: true, force: true });
  });

  it('refuses a token whose role is unknown', async () => {
    const keys = loadTokenKeys({ dataDir: dir });
    const token = await new SignJWT({ role: 'emperor' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('x').setIssuer('hamaynk').setAudience('hamaynk').setExpirationTime('1h').sign(keys.signingKey);
    await expect(verifyToken(keys, token)).rejects.toThrow(/role "emperor"/);
  });

  it('supports an HS256 shared secret of at least 32 bytes', async () => {
    const keys = loadTokenKeys({ dataDir: dir, secret: randomBytes(24).toString('base64') });
    const token = await signToken(keys, { sub: 'a', role: 'auditor' });
    expect((await verifyToken(keys, token)).role).toBe('auditor');
    expect(() => loadTokenKeys({ dataDir: dir, secret: 'short' })).toThrow(/32 bytes/);
  });

  it('refuses a shared secret that is too short or a placeholder, naming why, with a stable code', () => {
    const refused = (secret: string): JwtSecretRefused => {
      try {
        loadTokenKeys({ dataDir: dir, secret });
      } catch (e) {
        expect(e).toBeInstanceOf(JwtSecretRefused);
        expect((e as JwtSecretRefused).code).toBe('JWT_SECRET_REFUSED');
        return e as JwtSecretRefused;
      }
      throw new Error(`the secret ${JSON.stringify(secret)} was accepted`);
    };
    expect(refused('0123456789abcdef0123456789abcde').message).toMatch(/at least 32 bytes \(it has 31\)/);
    // The value the compose file used to ship, and others like it.
    expect(refused('change-me-to-a-long-random-secret-of-32-bytes-or-more').message).toMatch(/placeholder \(it contains "change-me"\)/);
    expect(refused('CHANGEME_CHANGEME_CHANGEME_CHANGEME').message).toMatch(/placeholder/);
    expect(refused('this-is-an-example-secret-for-the-readme-only').message).toMatch(/"example"/);
    expect(refused('s'.repeat(64)).message).toMatch(/fewer than 8 different characters/);
    expect(refused('01'.repeat(32)).message).toMatch(/fewer than 8 different characters/);
    // Armenian letters count as characters, their UTF-8 bytes towards the length.
    expect(loadTokenKeys({ dataDir: dir, secret: 'Հայաստանի-համայնքներ-2026-Գյումրի' }).alg).toBe('HS256');
  });

  it('turns claims into the actor of a command', () => {
    expect(actorFromClaims({ sub: 'c1', role: 'staff', communityId: 'GYU', officeId: 'cso-1' })).toEqual({
      id: 'c1',
      role: 'staff',
      communityId: 'GYU',
      assurance: 'password',
      channel: 'cso',
      officeId: 'cso-1',
    });
    expect(actorFromClaims({ sub: 'r1', role: 'resident', acr: 'mid' }).channel).toBe('online');
  });

  it('remembers a verified token only until it expires, and only for the keys that verified it', async () => {
    const keys = loadTokenKeys({ dataDir: dir });
    const token = await signToken(keys, { sub: 'staff-1', role: 'staff', communityId: 'GYU' }, '1h');
    expect((await verifyToken(keys, token)).sub).toBe('staff-1');
    expect((await verifyToken(keys, token)).sub).toBe('staff-1');
    const other = loadTokenKeys({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-jwt-other-')) });
    await expect(verifyToken(other, token)).rejects.toBeInstanceOf(Unauthenticated);
    jest.useFakeTimers({ now: Date.now() + 2 * 3600_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await expect(verifyToken(keys, token)).rejects.toThrow(/expired/);
    } finally {
      jest.useRealTimers();
    }
  });
});

/**
 * Browser sessions, CSRF and the caller, through fastify.inject on the real server (buildServer) over
 * the embedded stores: a session as the sign-in callback leaves it (tests/support/sign-in.ts), a
 * directory of our own behind the PeopleDirectory port, and a clock the tests move.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import type { PeopleDirectory } from '../../application/ports/people';
import { loadTokenKeys, signToken, type TokenKeys } from '../../infrastructure/auth/jwt';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteSessionStore } from '../../infrastructure/sqlite/sqlite-session-store';
import { createWriteSide } from '../composition';
import { callerKeyOf } from '../graphql/reads-follow-writes';
import { commandModule } from '../graphql/schema';
import { csrfTokenIn, sessionCookieFor } from '../../tests/support/sign-in';
import { buildServer } from './server';
import { csrfTokenFor, SESSION_COOKIE, verifyCsrf } from './sessions';
import { safeNext } from './sign-in';

const SECRET = 'a-test-secret-of-more-than-32-bytes-Qx7Lp2Vd9Rk';
const MINISTRY_OFFICIAL = '1000000001';
const RESIDENT = '1000000002';
const HOUR = 3_600_000;

/** A staff directory of our own: personal id → role; nobody else is a resident. */
class MapDirectory implements PeopleDirectory {
  readonly roles = new Map<string, Actor['role']>();
  async actorOf(personalId: string, assurance: 'eid' | 'mid' | 'password'): Promise<Actor> {
    const role = this.roles.get(personalId) ?? 'resident';
    return { id: personalId, role, assurance, channel: role === 'resident' ? 'online' : 'staff' };
  }
  /** Bearer tokens keep their claims here: these tests are about sessions. */
  async appointmentOf(): Promise<null> {
    return null;
  }
}

const REGISTER = 'mutation Register($input: RegisterCommunityInput!) { registerCommunity(input: $input) { id } }';
let codes = 0;
const communityInput = () => ({ code: `TV-S${String(++codes).padStart(3, '0')}`, nameHy: 'Նոր համայնք', nameEn: 'New community', province: 'Tavush', kind: 'rural', population: 900 });

describe('browser sessions, CSRF and the caller', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let sessions: SqliteSessionStore;
  let tokenKeys: TokenKeys;
  let app: FastifyInstance;
  let now: Date;
  const people = new MapDirectory();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-sessions-http-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    sessions = new SqliteSessionStore(path.join(dir, 'sessions.sqlite'));
    tokenKeys = loadTokenKeys({ dataDir: dir });
    const { commands } = createWriteSide({ eventStore });
    now = new Date('2030-03-01T09:00:00.000Z');
    app = await buildServer({
      eventStore,
      tokenKeys,
      rateLimitPerMinute: 0,
      modules: [commandModule(commands)],
      people,
      browserSessions: { store: sessions, secret: SECRET, idleHours: 8, clock: { now: () => now } },
      signIn: { publicUrl: 'http://localhost:3000', sandbox: { dataDir: dir, clientId: 'hamaynk', clientSecret: 'unused-here' }, clock: { now: () => now } },
      trustProxy: 1,
      routes: (server) => {
        // A page with a state-changing form, as the staff workspace has them.
        server.get('/test/form', async (_request, reply) => reply.type('text/html').send(`<form method="post"><input type="hidden" name="_csrf" value="${csrfTokenFor(reply)}"></form>`));
        server.post('/test/communities', { preHandler: verifyCsrf }, async (request, reply) => {
          const body = request.body as Record<string, string>;
          const input = { ...communityInput(), code: body.code };
          return reply.graphql(REGISTER, { caller: request.caller } as never, { input });
        });
      },
    });
  });

  afterAll(async () => {
    await app.close();
    await sessions.close();
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    people.roles.clear();
    people.roles.set(MINISTRY_OFFICIAL, 'ministry');
  });

  const signedIn = (personalId: string) => sessionCookieFor(sessions, SECRET, { personalId, assurance: 'eid' }, { now });
  const whoami = async (cookie?: string) => (await app.inject({ method: 'GET', url: '/sign-in/whoami', headers: cookie ? { cookie } : {} })).json() as { actor: Actor | null; session: { personalId: string } | null };
  const graphql = (cookie: string, body: object, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/graphql', headers: { cookie, 'content-type': contentType }, payload: contentType === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString() });
  /** A form page's CSRF token and the cookie of the session it belongs to. */
  const formToken = async (cookie: string) => {
    const page = await app.inject({ method: 'GET', url: '/test/form', headers: { cookie } });
    return csrfTokenIn(page.body);
  };

  it("makes a session's person the caller, with the role the directory gives", async () => {
    const { cookie } = await signedIn(MINISTRY_OFFICIAL);
    expect(await whoami(cookie)).toEqual({
      actor: { id: MINISTRY_OFFICIAL, role: 'ministry', assurance: 'eid', channel: 'staff' },
      session: { personalId: MINISTRY_OFFICIAL, assurance: 'eid', signedInAt: now.toISOString() },
    });
    expect(await whoami()).toEqual({ actor: null, session: null });
  });

  it('refuses a cookie whose signature does not verify: anonymous', async () => {
    const { sessionId } = await signedIn(MINISTRY_OFFICIAL);
    expect(await whoami(`${SESSION_COOKIE}=${sessionId}.forged`)).toEqual({ actor: null, session: null });
  });

  it('POST /graphql with the session cookie acts as the person, and a changed directory record applies at the next request', async () => {
    const { cookie } = await signedIn(MINISTRY_OFFICIAL);
    const first = await graphql(cookie, { query: REGISTER, variables: { input: communityInput() } });
    expect(first.json()).toMatchObject({ data: { registerCommunity: { id: expect.any(String) } } });
    const head = await eventStore.headPosition();

    people.roles.delete(MINISTRY_OFFICIAL); // dismissed: a resident from now on
    const second = await graphql(cookie, { query: REGISTER, variables: { input: communityInput() } });
    expect(second.json().errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await eventStore.headPosition()).toBe(head);
  });

  it('does not take the session cookie for a form-encoded POST /graphql (a cross-site form could send one)', async () => {
    const { cookie } = await signedIn(MINISTRY_OFFICIAL);
    const head = await eventStore.headPosition();
    const answer = await graphql(cookie, { query: `mutation { registerCommunity(input: { code: "TV-X001", nameHy: "Ա", nameEn: "A", province: "Tavush", kind: "rural", population: 1 }) { id } }` }, 'application/x-www-form-urlencoded');
    expect(JSON.stringify(answer.json())).toMatch(/UNAUTHENTICATED/);
    expect(await eventStore.headPosition()).toBe(head);
  });

  it('keys reads-follow-writes by the session for a session, by sub for a bearer token', () => {
    const actor: Actor = { id: RESIDENT, role: 'resident', assurance: 'eid', channel: 'online' };
    expect(callerKeyOf({ caller: { actor, error: null, sessionId: 'abc' } })).toBe('session:abc');
    expect(callerKeyOf({ caller: { actor, error: null } })).toBe(`sub:${RESIDENT}`);
  });

  describe('CSRF', () => {
    const post = (cookie: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/test/communities', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(form).toString() });

    it('refuses a form without a token: HTTP 403 page, nothing appended', async () => {
      const { cookie } = await signedIn(MINISTRY_OFFICIAL);
      await formToken(cookie);
      const head = await eventStore.headPosition();
      const answer = await post(cookie, { code: communityInput().code });
      expect(answer.statusCode).toBe(403);
      expect(answer.headers['content-type']).toMatch(/text\/html/);
      expect(answer.body).toContain('CSRF');
      expect(await eventStore.headPosition()).toBe(head);
    });

    it("refuses a wrong token, and another session's token", async () => {
      const { cookie } = await signedIn(MINISTRY_OFFICIAL);
      await formToken(cookie);
      const other = await signedIn(MINISTRY_OFFICIAL);
      const othersToken = await formToken(other.cookie);
      const head = await eventStore.headPosition();
      expect((await post(cookie, { code: communityInput().code, _csrf: 'not-a-token' })).statusCode).toBe(403);
      expect((await post(cookie, { code: communityInput().code, _csrf: othersToken })).statusCode).toBe(403);
      expect(await eventStore.headPosition()).toBe(head);
    });

    it("accepts the session's own token (form field or header) and runs the command as the person", async () => {
      const { cookie } = await signedIn(MINISTRY_OFFICIAL);
      const token = await formToken(cookie);
      const head = (await eventStore.headPosition()) ?? 0n;
      const code = communityInput().code;
      const answer = await post(cookie, { code, _csrf: token });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ data: { registerCommunity: { id: code } } });
      expect(await eventStore.headPosition()).toBe(head + 1n);
      expect((await post(cookie, { code: communityInput().code }, { 'x-csrf-token': token })).statusCode).toBe(200);
    });

    it('needs no token from a request with a bearer token (browsers never send one on their own)', async () => {
      const token = await signToken(tokenKeys, { sub: 'ministry-dev', role: 'ministry' });
      const answer = await post('', { code: communityInput().code }, { authorization: `Bearer ${token}` });
      expect(answer.statusCode).toBe(200);
      expect(answer.json().data.registerCommunity.id).toMatch(/^TV-S/);
    });
  });

  describe('idle expiry', () => {
    it('ends a session after 8 hours without a request, server-side', async () => {
      const { cookie, sessionId } = await signedIn(RESIDENT);
      now = new Date(now.getTime() + 8 * HOUR - 1000);
      expect((await whoami(cookie)).session).not.toBeNull();
      now = new Date(now.getTime() + 8 * HOUR);
      expect(await whoami(cookie)).toEqual({ actor: null, session: null });
      expect(await sessions.get(sessionId, new Date(0))).toBeNull();
    });

    it('keeps a session that is used: each request (at most once a minute) moves the expiry', async () => {
      const { cookie } = await signedIn(RESIDENT);
      for (let i = 0; i < 3; i++) {
        now = new Date(now.getTime() + 7 * HOUR);
        expect((await whoami(cookie)).session?.personalId).toBe(RESIDENT);
      }
    });
  });

  describe('cookie', () => {
    it('is HttpOnly, SameSite=Lax, without Expires (the server decides), and not Secure over http', async () => {
      const page = await app.inject({ method: 'GET', url: '/test/form' });
      const cookie = String(page.headers['set-cookie']);
      expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
      expect(cookie).not.toMatch(/Expires|Max-Age/i);
    });

    it('is Secure when the request came over https through the trusted proxy', async () => {
      const page = await app.inject({ method: 'GET', url: '/test/form', headers: { 'x-forwarded-proto': 'https' } });
      expect(String(page.headers['set-cookie'])).toMatch(/; Secure/);
    });

    it('is not set for an anonymous page that needs no session', async () => {
      expect((await app.inject({ method: 'GET', url: '/sign-in/whoami' })).headers['set-cookie']).toBeUndefined();
    });
  });

  describe('POST /sign-out', () => {
    it('needs the CSRF token while signed in, then ends the session server-side: the old cookie no longer works', async () => {
      const { cookie, sessionId } = await signedIn(RESIDENT);
      const token = await formToken(cookie);
      const refused = await app.inject({ method: 'POST', url: '/sign-out', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
      expect(refused.statusCode).toBe(403);
      expect((await whoami(cookie)).session).not.toBeNull();

      const out = await app.inject({ method: 'POST', url: '/sign-out', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(token)}` });
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toBe('/');
      expect(await sessions.get(sessionId, now)).toBeNull();
      expect(await whoami(cookie)).toEqual({ actor: null, session: null });
    });

    it('just goes home when nobody is signed in', async () => {
      const out = await app.inject({ method: 'POST', url: '/sign-out', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toBe('/');
    });
  });

  describe('GET /sign-in/callback without a sign-in started here', () => {
    it('is refused with HTTP 400 and creates no session', async () => {
      const answer = await app.inject({ method: 'GET', url: '/sign-in/callback?code=abc&state=xyz' });
      expect(answer.statusCode).toBe(400);
      expect(answer.body).toContain('SIGN_IN_NOT_STARTED');
      expect(answer.headers['set-cookie']).toBeUndefined();
    });
  });
});

describe('the path to return to after sign-in (no open redirect)', () => {
  it.each([
    ['/staff/cases?tab=mine', '/staff/cases?tab=mine'],
    ['/', '/'],
    [undefined, '/staff'],
    ['https://evil.example/', '/staff'],
    ['//evil.example/', '/staff'],
    ['/\\evil.example', '/staff'],
    ['staff', '/staff'],
    ['/a b', '/staff'],
    ['/sign-in/callback?code=1', '/staff'],
    [['/a', '/b'], '/staff'],
  ])('%j → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

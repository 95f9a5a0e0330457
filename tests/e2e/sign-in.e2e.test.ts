/**
 * Sign-in end to end against a real server process and its in-process sandbox issuer: the whole
 * OpenID Connect flow over HTTP (tests/support/sign-in.ts), and each check of the callback — state,
 * replay, nonce, PKCE — provoked by tampering with one step.
 */
import fs from 'node:fs';
import { startServer, type RunningServer } from '../support/server-process';
import { authorizeAtSandbox, CookieJar, finishSignIn, openSandboxPage, request, signIn, startSignIn } from '../support/sign-in';

const PERSON = '2000000001';

const whoami = async (server: RunningServer, cookie: string) =>
  (await (await fetch(`${server.url}/sign-in/whoami`, { headers: { cookie } })).json()) as { actor: { id: string; role: string; assurance: string } | null; session: { personalId: string; assurance: string } | null };

describe('sign-in through the sandbox identity provider', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('signs a person in: back to `next`, a session whose caller is that person with the acr they chose', async () => {
    const session = await signIn(server.url, { personalId: PERSON, assurance: 'mid', next: '/staff/inbox?tab=mine' });
    expect(session.location).toBe(`${server.url}/staff/inbox?tab=mine`);
    expect(await whoami(server, session.cookie)).toEqual({
      actor: { id: PERSON, role: 'resident', assurance: 'mid', channel: 'online' },
      session: { personalId: PERSON, assurance: 'mid', signedInAt: expect.any(String) },
    });
  });

  it('rotates the session id at sign-in (no fixation) and never redirects off the site', async () => {
    const jar = new CookieJar();
    const authorizationUrl = await startSignIn(server.url, jar, 'https://evil.example/');
    const before = jar.get('hamaynk_session');
    expect(before).toBeDefined();
    const response = await finishSignIn(await authorizeAtSandbox(authorizationUrl, jar, { personalId: PERSON, assurance: 'eid' }), jar);
    expect(response.headers.get('location')).toBe('/staff');
    expect(jar.get('hamaynk_session')).toBeDefined();
    expect(jar.get('hamaynk_session')).not.toBe(before);
    expect((await whoami(server, `hamaynk_session=${before}`)).session).toBeNull();
  });

  it('asks for PKCE (S256), state and nonce in the authorization request', async () => {
    const url = new URL(await startSignIn(server.url, new CookieJar()));
    expect(url.pathname).toBe('/sandbox-idp/auth');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(`${server.url}/sign-in/callback`);
  });

  it("shows a sign-in page that says it is a sandbox, in Armenian and English, with the named fields, one button and no off-host asset", async () => {
    const page = await openSandboxPage(await startSignIn(server.url, new CookieJar()), new CookieJar());
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<html lang="hy">/);
    expect(page.html).toContain('ՓՈՐՁԱՐԿՄԱՆ ՄԻՋԱՎԱՅՐ');
    expect(page.html).toContain('SANDBOX — this is not the national eID gateway');
    expect(page.html).toMatch(/<label for="personalId">/);
    expect(page.html).toMatch(/<input type="text" id="personalId" name="personalId"/);
    for (const means of ['eid', 'mid', 'password']) expect(page.html).toContain(`name="assurance" value="${means}"`);
    expect(page.html.match(/<button/g)).toHaveLength(1);
    expect(page.html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('refuses a public service number that is not 10 digits, with the error next to the field', async () => {
    const jar = new CookieJar();
    const page = await openSandboxPage(await startSignIn(server.url, jar), jar);
    const answer = await request(jar, page.url, { form: { personalId: '12345', assurance: 'eid' } });
    expect(answer.status).toBe(400);
    const html = await answer.text();
    expect(html).toMatch(/<p class="error-message" id="personalId-error">[^<]*10 digits/);
    expect(html).toMatch(/aria-describedby="personalId-hint personalId-error" aria-invalid="true"/);
    expect(html).toContain('value="12345"');
  });

  it('refuses a callback whose state is not the one sent (HTTP 400), and signs nobody in', async () => {
    const jar = new CookieJar();
    const callback = new URL(await authorizeAtSandbox(await startSignIn(server.url, jar), jar, { personalId: PERSON, assurance: 'eid' }));
    callback.searchParams.set('state', 'forged-state');
    const answer = await finishSignIn(callback.href, jar);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('SIGN_IN_RESPONSE_INVALID');
    expect((await whoami(server, jar.header())).session).toBeNull();
  });

  it('refuses a replayed callback URL, by the same browser or with its old cookie', async () => {
    const session = await signIn(server.url, { personalId: PERSON });
    const again = await finishSignIn(session.callbackUrl, session.jar);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('SIGN_IN_NOT_STARTED');
    const stranger = await finishSignIn(session.callbackUrl, new CookieJar());
    expect(stranger.status).toBe(400);
  });

  it('refuses an ID token whose nonce is not the one sent (the authorization request tampered with)', async () => {
    const jar = new CookieJar();
    const authorizationUrl = new URL(await startSignIn(server.url, jar));
    authorizationUrl.searchParams.set('nonce', 'a-nonce-of-someone-else');
    const answer = await finishSignIn(await authorizeAtSandbox(authorizationUrl.href, jar, { personalId: PERSON, assurance: 'eid' }), jar);
    expect(answer.status).toBe(401);
    expect(await answer.text()).toMatch(/SIGN_IN_FAILED.*OAUTH_JWT_CLAIM_COMPARISON_FAILED/) // the ID token carries the tampered nonce;
    expect((await whoami(server, jar.header())).session).toBeNull();
  });

  it('refuses a code whose PKCE challenge is not ours (the issuer refuses the exchange)', async () => {
    const jar = new CookieJar();
    const authorizationUrl = new URL(await startSignIn(server.url, jar));
    authorizationUrl.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const answer = await finishSignIn(await authorizeAtSandbox(authorizationUrl.href, jar, { personalId: PERSON, assurance: 'eid' }), jar);
    expect(answer.status).toBe(401);
    expect(await answer.text()).toMatch(/SIGN_IN_FAILED.*invalid_grant/);
    expect((await whoami(server, jar.header())).session).toBeNull();
  });

  it('POST /graphql with the session cookie acts as the person', async () => {
    const { cookie } = await signIn(server.url, { personalId: PERSON });
    const ask = (headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ myApplications { nodes { id } } }' }) }).then((r) => r.json() as Promise<{ data?: unknown; errors?: Array<{ extensions: { code: string } }> }>);
    expect(await ask({ cookie })).toEqual({ data: { myApplications: { nodes: [] } } });
    expect((await ask({})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('POST /sign-out with the CSRF token ends the session server-side: the old cookie no longer works', async () => {
    const { cookie, jar } = await signIn(server.url, { personalId: PERSON });
    // Without a token: refused, still signed in.
    expect((await request(jar, `${server.url}/sign-out`, { form: {} })).status).toBe(403);
    expect((await whoami(server, cookie)).session).not.toBeNull();
    // The token a page's sign-out form carries (GraphiQL has none; take it through the helper route).
    const token = await (await request(jar, `${server.url}/sign-in/csrf`)).text();
    const out = await request(jar, `${server.url}/sign-out`, { form: { _csrf: token } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
    expect(await whoami(server, cookie)).toEqual({ actor: null, session: null });
  });
});

describe('idle expiry of a session (SESSION_IDLE_HOURS)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ SESSION_IDLE_HOURS: '0.001' }); // 3.6 seconds
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('ends a session that saw no request for longer than the idle time', async () => {
    const { cookie } = await signIn(server.url, { personalId: PERSON });
    expect((await whoami(server, cookie)).session).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await whoami(server, cookie)).toEqual({ actor: null, session: null });
  });
});

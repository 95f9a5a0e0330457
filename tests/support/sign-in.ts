/**
 * Signing in, for tests:
 * - over HTTP against a running server (`signIn`): the real flow — GET /sign-in, the sandbox issuer's
 *   page and form, its redirects back, the callback — step by step with a small cookie jar, as a browser
 *   without JavaScript would do it; the steps are exported for tests that tamper with one of them;
 * - in process for fastify.inject tests (`sessionCookieFor`): a session written to the store the server
 *   uses, and its cookie signed with the server's secret — what the callback leaves behind.
 */
import { randomBytes } from 'node:crypto';
import { Signer } from '@fastify/cookie';
import type { SessionStore } from '../../application/ports/sessions';
import { SESSION_COOKIE, type Assurance } from '../../interfaces/http/sessions';

/** The cookies of one browser for one server (paths and expiry beyond deletion are not needed here). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes in a response's Set-Cookie headers (a deletion removes the cookie). */
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }

  /** The Cookie header to send. */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A GET or POST that follows no redirect and keeps the cookies. */
export const request = async (jar: CookieJar, url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> => {
  const headers: Record<string, string> = { ...init.headers };
  const cookie = jar.header();
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
  jar.take(response);
  return response;
};

const locationOf = (response: Response, base: string): string => {
  const location = response.headers.get('location');
  if (!location || response.status < 300 || response.status > 399) throw new Error(`expected a redirect from ${response.url || base}, got HTTP ${response.status}`);
  return new URL(location, base).href;
};

/** Step 1: GET /sign-in?next=… → the issuer's authorization URL (the pre-sign-in session cookie is in the jar). */
export const startSignIn = async (baseUrl: string, jar: CookieJar, next?: string): Promise<string> => {
  const url = `${baseUrl}/sign-in${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`;
  return locationOf(await request(jar, url), url);
};

/** The sandbox's sign-in page for an authorization URL: its address and HTML. */
export const openSandboxPage = async (authorizationUrl: string, jar: CookieJar): Promise<{ url: string; html: string; status: number }> => {
  const page = locationOf(await request(jar, authorizationUrl), authorizationUrl);
  const response = await request(jar, page);
  return { url: page, html: await response.text(), status: response.status };
};

/**
 * Steps 2–3: at the sandbox issuer, open the authorization URL, fill in its form and follow its redirects
 * until it sends the browser back to this server: the callback URL (with code, state, iss).
 */
export const authorizeAtSandbox = async (authorizationUrl: string, jar: CookieJar, person: { personalId: string; assurance: Assurance }): Promise<string> => {
  const page = await openSandboxPage(authorizationUrl, jar);
  if (page.status !== 200 || !page.html.includes('name="personalId"')) throw new Error(`the sandbox did not show its sign-in form (HTTP ${page.status})`);
  let next = locationOf(await request(jar, page.url, { form: { personalId: person.personalId, assurance: person.assurance } }), page.url);
  // The issuer resumes the authorization and redirects to the callback (through at most a few hops).
  for (let hop = 0; hop < 5 && new URL(next).pathname.startsWith('/sandbox-idp'); hop++) next = locationOf(await request(jar, next), next);
  if (new URL(next).pathname !== '/sign-in/callback') throw new Error(`the sandbox did not send the browser back to the callback: ${next}`);
  return next;
};

/** Step 4: the callback → the response (a redirect to `next` when signed in). */
export const finishSignIn = (callbackUrl: string, jar: CookieJar): Promise<Response> => request(jar, callbackUrl);

export interface SignedIn {
  /** The Cookie header value of the signed-in session (`hamaynk_session=…`). */
  readonly cookie: string;
  /** Where the server sent the browser after sign-in. */
  readonly location: string;
  readonly jar: CookieJar;
  /** The callback URL used (for replay tests). */
  readonly callbackUrl: string;
}

/** The whole real flow over HTTP against a running server; returns the session cookie. */
export const signIn = async (baseUrl: string, person: { personalId: string; assurance?: Assurance; next?: string }, jar = new CookieJar()): Promise<SignedIn> => {
  const authorizationUrl = await startSignIn(baseUrl, jar, person.next);
  const callbackUrl = await authorizeAtSandbox(authorizationUrl, jar, { personalId: person.personalId, assurance: person.assurance ?? 'eid' });
  const response = await finishSignIn(callbackUrl, jar);
  const location = locationOf(response, callbackUrl);
  const session = jar.get(SESSION_COOKIE);
  if (!session) throw new Error('the callback set no session cookie');
  return { cookie: `${SESSION_COOKIE}=${session}`, location, jar, callbackUrl };
};

/**
 * For fastify.inject tests: a signed-in session written to `store` (as the callback writes it) and the
 * Cookie header that carries it, signed with the server's session secret.
 */
export const sessionCookieFor = async (
  store: SessionStore,
  secret: string,
  person: { personalId: string; assurance?: Assurance },
  options: { now?: Date; idleHours?: number } = {},
): Promise<{ cookie: string; sessionId: string }> => {
  const now = options.now ?? new Date();
  const sessionId = randomBytes(24).toString('base64url');
  const at = now.toISOString();
  await store.set(sessionId, {
    personalId: person.personalId,
    data: { personalId: person.personalId, assurance: person.assurance ?? 'eid', signedInAt: at, lastSeenAt: at },
    expiresAt: new Date(now.getTime() + (options.idleHours ?? 8) * 3_600_000).toISOString(),
  });
  return { cookie: `${SESSION_COOKIE}=${encodeURIComponent(new Signer(secret).sign(sessionId))}`, sessionId };
};

/** The CSRF token of the first form on a page (its hidden `_csrf` field). */
export const csrfTokenIn = (html: string): string => {
  const match = /name="_csrf"\s+value="([^"]+)"|value="([^"]+)"\s+name="_csrf"/.exec(html);
  if (!match) throw new Error('the page has no _csrf field');
  return match[1] ?? match[2];
};

/**
 * The sandbox identity provider — FOR DEVELOPMENT AND TESTS ONLY, never the national eID gateway: a real
 * OpenID Connect issuer (the `oidc-provider` library) mounted in this process at /sandbox-idp when no
 * OIDC_ISSUER is configured, so the sign-in that runs in development and tests is the same authorization
 * code flow (PKCE, state, nonce, signed ID token) that runs against the real gateway.
 *
 * Its one page asks for a public service number (`personalId`, 10 digits) and a means of identification
 * (`assurance`: eid, mid or password) and signs that person in: the ID token's `sub` is the number and its
 * `acr` the means. It checks nobody's identity — that is what makes it a sandbox, and every page says so.
 *
 * One client is registered: this server (PKCE with S256 required, client_secret_basic). Its keys (the
 * ID-token signing key, the cookie keys and the client secret) are generated once per DATA_DIR and kept in
 * DATA_DIR/keys/sandbox-idp.json. Its own state (interactions, codes) is in memory: a restart in the middle
 * of a sign-in means starting it again, and several API processes need a real issuer.
 *
 * oidc-provider is an ES module: it is loaded (Node's require of ESM, Node ≥ 20.19) on the first request.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { persistedSecret } from '../auth/session-secret';

export const SANDBOX_PATH = '/sandbox-idp';
export const SANDBOX_CLIENT_ID = 'hamaynk';
const KEYS_FILE = 'sandbox-idp.json';
const ASSURANCES = ['eid', 'mid', 'password'] as const;
type Assurance = (typeof ASSURANCES)[number];

interface SandboxKeys {
  readonly signingKey: Record<string, unknown>;
  readonly cookieKeys: readonly string[];
  readonly clientSecret: string;
}

const loadKeys = (dataDir: string): SandboxKeys =>
  JSON.parse(
    persistedSecret(dataDir, KEYS_FILE, () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const keys: SandboxKeys = {
        signingKey: { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' },
        cookieKeys: [randomBytes(32).toString('base64url')],
        clientSecret: randomBytes(32).toString('base64url'),
      };
      return JSON.stringify(keys);
    }),
  ) as SandboxKeys;

/** The sandbox's client credentials for this server (what OIDC_CLIENT_ID / OIDC_CLIENT_SECRET are for a real issuer). */
export const sandboxClientCredentials = (dataDir: string): { clientId: string; clientSecret: string } => ({ clientId: SANDBOX_CLIENT_ID, clientSecret: loadKeys(dataDir).clientSecret });

export interface SandboxIssuerOptions {
  /** The issuer identifier: PUBLIC_URL + /sandbox-idp. */
  readonly issuer: string;
  /** This server's redirect URI (PUBLIC_URL + /sign-in/callback). */
  readonly redirectUri: string;
  readonly dataDir: string;
  /** Believe X-Forwarded-Proto/Host (TRUST_PROXY is set). */
  readonly proxy: boolean;
}

/** A raw Node handler for every request under /sandbox-idp (the path still carries the prefix). */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

// The little of oidc-provider's API used here (the package has no type declarations).
interface Interaction {
  readonly uid: string;
  readonly prompt: { readonly name: string };
  readonly params: Record<string, unknown>;
  readonly session?: { readonly accountId?: string };
  readonly grantId?: string;
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface Provider {
  proxy: boolean;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: (new (init: { clientId: string; accountId: string }) => GrantInstance) & { find(id: string): Promise<GrantInstance | undefined> };
}
interface OidcContext {
  oidc: { client: { clientId: string }; session: { accountId: string; grantIdFor(clientId: string): string | undefined }; result?: { consent?: { grantId?: string } }; provider: Provider };
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:0 auto;padding:0 1rem 2rem;line-height:1.5;color:#0b0c0c}
.sandbox{background:#ffdd00;border-bottom:4px solid #0b0c0c;margin:0 -1rem 1.5rem;padding:.75rem 1rem;font-weight:700}
label,legend{font-weight:700;display:block;margin-bottom:.25rem}.hint{color:#505a5f;margin:0 0 .5rem}
input[type=text]{font:inherit;padding:.4rem;border:2px solid #0b0c0c;width:12ch}.error input[type=text]{border-color:#d4351c}
.error-message{color:#d4351c;font-weight:700;margin:0 0 .5rem}.group{margin-bottom:1.5rem}.group.error{border-left:5px solid #d4351c;padding-left:.75rem}
fieldset{border:0;padding:0;margin:0}.radio{margin:.25rem 0}button{font:inherit;font-weight:700;background:#00703c;color:#fff;border:0;padding:.6rem 1.2rem;box-shadow:0 2px 0 #002d18;cursor:pointer}
:focus-visible{outline:3px solid #ffdd00;box-shadow:0 0 0 6px #0b0c0c}`;

const page = (title: string, body: string): string => `<!doctype html>
<html lang="hy">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><div class="sandbox" role="note">ՓՈՐՁԱՐԿՄԱՆ ՄԻՋԱՎԱՅՐ — սա պետական eID/mID նույնականացման համակարգը չէ։ Ոչ մի ինքնություն չի ստուգվում։
<span lang="en">SANDBOX — this is not the national eID gateway. No identity is checked; for development and tests only.</span></div>
<main>${body}</main></body></html>`;

const ASSURANCE_LABELS: Record<Assurance, { hy: string; en: string }> = {
  eid: { hy: 'Նույնականացման քարտ (eID)', en: 'ID card (eID)' },
  mid: { hy: 'Բջջային ID (mID)', en: 'Mobile ID (mID)' },
  password: { hy: 'Գաղտնաբառ', en: 'Password' },
};

interface FormState {
  readonly personalId: string;
  readonly assurance: string;
  readonly errors: { personalId?: string; assurance?: string };
}

const signInForm = (uid: string, state: FormState): string => {
  const { errors } = state;
  const idError = errors.personalId ? `<p class="error-message" id="personalId-error">${escape(errors.personalId)}</p>` : '';
  const acrError = errors.assurance ? `<p class="error-message" id="assurance-error">${escape(errors.assurance)}</p>` : '';
  const radios = ASSURANCES.map((a) => {
    const checked = (state.assurance || 'eid') === a ? ' checked' : '';
    return `<div class="radio"><input type="radio" id="assurance-${a}" name="assurance" value="${a}"${checked}> <label for="assurance-${a}" style="display:inline;font-weight:400">${escape(ASSURANCE_LABELS[a].hy)} · <span lang="en">${escape(ASSURANCE_LABELS[a].en)}</span></label></div>`;
  }).join('\n');
  return page(
    `${errors.personalId || errors.assurance ? 'Սխալ · Error: ' : ''}Մուտք (փորձարկում) · Sign in (sandbox)`,
    `<h1>Մուտք · <span lang="en">Sign in</span></h1>
<form method="post" action="${SANDBOX_PATH}/interaction/${escape(uid)}" novalidate>
<div class="group${errors.personalId ? ' error' : ''}">
<label for="personalId">Հանրային ծառայությունների համարանիշ (ՀԾՀ) · <span lang="en">Public service number</span></label>
<p class="hint" id="personalId-hint">10 թվանշան · <span lang="en">10 digits</span></p>
${idError}<input type="text" id="personalId" name="personalId" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="10" value="${escape(state.personalId)}" aria-describedby="personalId-hint${errors.personalId ? ' personalId-error' : ''}"${errors.personalId ? ' aria-invalid="true"' : ''}>
</div>
<div class="group${errors.assurance ? ' error' : ''}">
<fieldset${errors.assurance ? ' aria-describedby="assurance-error"' : ''}><legend>Նույնականացման միջոց · <span lang="en">Means of identification</span></legend>
${acrError}${radios}
</fieldset>
</div>
<button type="submit">Մուտք գործել · <span lang="en">Sign in</span></button>
</form>`,
  );
};

const validate = (form: URLSearchParams): FormState => {
  const personalId = (form.get('personalId') ?? '').trim();
  const assurance = form.get('assurance') ?? '';
  const errors: { personalId?: string; assurance?: string } = {};
  if (!/^[0-9]{10}$/.test(personalId)) errors.personalId = 'ՀԾՀ-ն 10 թվանշան է · The public service number is 10 digits';
  if (!(ASSURANCES as readonly string[]).includes(assurance)) errors.assurance = 'Ընտրեք նույնականացման միջոցը · Choose a means of identification';
  return { personalId, assurance, errors };
};

const readForm = (req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> =>
  new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > limit) {
        reject(new Error('The form is too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });

const send = (res: ServerResponse, status: number, body: string): void => {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
};

const loadProvider = async (options: SandboxIssuerOptions): Promise<Provider> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Provider: ProviderClass } = require('oidc-provider') as { Provider: new (issuer: string, configuration: Record<string, unknown>) => Provider };
  const keys = loadKeys(options.dataDir);
  const provider = new ProviderClass(options.issuer, {
    clients: [
      {
        client_id: SANDBOX_CLIENT_ID,
        client_secret: keys.clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    acrValues: [...ASSURANCES],
    jwks: { keys: [keys.signingKey] },
    cookies: { keys: [...keys.cookieKeys] },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
    // This server is the one, first-party client: the person's consent is not asked.
    loadExistingGrant: async (ctx: OidcContext) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope('openid');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${SANDBOX_PATH}/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AuthorizationCode: 60, IdToken: 600, AccessToken: 600 },
    renderError: async (ctx: { type: string; body: string }, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = page('Սխալ · Error', `<h1>Սխալ · <span lang="en">Error</span></h1><p lang="en">${escape(out.error ?? 'error')}: ${escape(out.error_description ?? '')}</p>`);
    },
  });
  provider.proxy = options.proxy;
  return provider;
};

/** The handler for every request under /sandbox-idp; the provider is created on the first one. */
export const createSandboxIssuer = (options: SandboxIssuerOptions): RawHandler => {
  let provider: Promise<Provider> | null = null;
  let callback: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  return async (req, res) => {
    provider ??= loadProvider(options);
    const oidc = await provider;
    callback ??= oidc.callback();
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0];
    const interaction = /^\/sandbox-idp\/interaction\/([A-Za-z0-9_-]+)$/.exec(path);
    if (interaction) {
      const uid = interaction[1];
      let details: Interaction;
      try {
        details = await oidc.interactionDetails(req, res);
      } catch {
        return send(res, 400, page('Սխալ · Error', `<h1>Մուտքի ժամկետն անցել է · <span lang="en">This sign-in has expired</span></h1><p><a href="/sign-in">Սկսել նորից · <span lang="en">Start again</span></a></p>`));
      }
      if (details.uid !== uid) return send(res, 400, page('Սխալ · Error', '<h1>Սխալ · <span lang="en">Error</span></h1>'));
      if (req.method === 'GET') return send(res, 200, signInForm(uid, { personalId: '', assurance: 'eid', errors: {} }));
      if (req.method !== 'POST') return send(res, 405, page('Սխալ · Error', '<h1>405</h1>'));
      const state = validate(await readForm(req));
      if (state.errors.personalId || state.errors.assurance) return send(res, 400, signInForm(uid, state));
      return oidc.interactionFinished(req, res, { login: { accountId: state.personalId, acr: state.assurance as Assurance, remember: false } }, { mergeWithLastSubmission: false });
    }
    // Mounted as oidc-provider's documentation describes for connect-style frameworks: the path without
    // the prefix, and originalUrl keeping it, from which the provider works out where it is mounted.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(SANDBOX_PATH.length) || '/';
    callback(req, res);
  };
};

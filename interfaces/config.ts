/** Process configuration from the environment (docs/api.md, "Process and command line"). */
import fs from 'node:fs';
import path from 'node:path';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStoreUrl?: string;
  readonly mongoDbUrl?: string;
  readonly seed: 'demo' | 'none';
  readonly rateLimitPerMinute: number;
  readonly auditSigningKeyFile?: string;
  /**
   * AUDIT_SIGNER: `on` (default) builds and signs the audit tree in this process; `off` serves tree heads
   * and proofs from the store the one signing process keeps (and never reads or generates a key).
   */
  readonly auditSigner: boolean;
  /** TRUST_PROXY: behind a load balancer, how many proxy hops (or which addresses) to believe X-Forwarded-For from. */
  readonly trustProxy: boolean | number | string;
  /** The property tax system's HTTP API; unset: the in-process sandbox. */
  readonly propertyTaxUrl?: string;
  /** Bearer token for the property tax system's API. */
  readonly propertyTaxToken?: string;
  /** Whether /graphiql serves the GraphiQL IDE (GRAPHIQL=on|off). */
  readonly graphiql: boolean;
  /** How long a query waits for the read models to reflect the caller's writes before STALE_READ (ms, at most 5000). */
  readonly readWaitMs: number;
  /** PUBLIC_URL: the address browsers use for this server (sign-in's redirect URI and the sandbox issuer are under it). */
  readonly publicUrl: string;
  /** OIDC_ISSUER: the OpenID Connect issuer to sign in with; unset: the sandbox issuer at /sandbox-idp. */
  readonly oidcIssuer?: string;
  /** OIDC_CLIENT_ID / OIDC_CLIENT_SECRET: this server's registration with OIDC_ISSUER. */
  readonly oidcClientId?: string;
  readonly oidcClientSecret?: string;
  /** SESSION_IDLE_HOURS: a browser session ends after this many hours without a request (default 8). */
  readonly sessionIdleHours: number;
  /** SESSION_SECRET: signs session cookies (several API processes share it); unset: generated in DATA_DIR/keys. */
  readonly sessionSecret?: string;
  /** PAYMENT_GATEWAY_URL: the payment gateway's HTTP API; unset: the sandbox gateway at /sandbox-pay. */
  readonly paymentGatewayUrl?: string;
  /** PAYMENT_GATEWAY_SECRET: signs the gateway's notifications (required with PAYMENT_GATEWAY_URL; unset: generated in DATA_DIR/keys). */
  readonly paymentGatewaySecret?: string;
  /** WEBHOOK_KEY: the key webhook signing secrets are derived from (every delivering process shares it); unset: generated in DATA_DIR/keys. */
  readonly webhookKey?: string;
  /** WEBHOOK_TIMEOUT_MS: how long one webhook request may take before it counts as failed (default 10 000). */
  readonly webhookTimeoutMs: number;
  /** SMTP_URL: the mail relay notifications are sent through (`smtp://host:port`, `smtps://user:pass@host`); unset: no mail is sent. */
  readonly smtpUrl?: string;
  /** SMTP_FROM: the From of notifications; default `Hamaynk <no-reply@<PUBLIC_URL's host>>`. */
  readonly smtpFrom: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const int = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
};

/** TRUST_PROXY: unset/`false`: trust no proxy; `true`; a hop count (`1` behind one load balancer); or addresses/CIDRs, comma-separated. */
const trustProxy = (value: string | undefined): boolean | number | string => {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^[0-9]+$/.test(value)) return int('TRUST_PROXY', value, 0, 0, 16);
  if (/^[0-9A-Fa-f.:/, ]+$/.test(value)) return value;
  throw new ConfigError(`TRUST_PROXY takes false, true, a number of proxy hops, or proxy addresses, not "${value}"`);
};

const httpUrl = (name: string, value: string | undefined): string | undefined => {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL, not "${value}"`);
  return value;
};

const onOff = (name: string, value: string | undefined, fallback: boolean): boolean => {
  if (value === undefined || value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`${name} must be "on" or "off", not "${value}"`);
};

/** SESSION_IDLE_HOURS: hours, fractions allowed (tests use a few seconds' worth), more than 0 and at most 720. */
const idleHours = (value: string | undefined): number => {
  if (value === undefined || value === '') return 8;
  const n = Number(value);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || !(n > 0) || n > 720) throw new ConfigError(`SESSION_IDLE_HOURS must be a number of hours above 0 and at most 720, not "${value}"`);
  return n;
};

/** SMTP_URL: smtp:// or smtps://, with a host. */
const smtpUrl = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not the value itself: it may hold the relay's password.
    throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL (it is not a URL)');
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') throw new ConfigError(`SMTP_URL must be an smtp:// or smtps:// URL with a host, not "${url.protocol}//${url.host}"`);
  return value;
};

/** SMTP_FROM: one address, optionally with a display name (`Name <address>`); no line breaks. */
const smtpFrom = (value: string | undefined, publicUrl: string): string => {
  if (!value) return `Hamaynk <no-reply@${new URL(publicUrl).hostname}>`;
  if (/[\r\n]/.test(value) || !/^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(value.trim())) {
    throw new ConfigError(`SMTP_FROM must be one address, e.g. "Hamaynk <no-reply@hamaynk.am>", not "${value}"`);
  }
  return value.trim();
};

/** PUBLIC_URL's default: this process's own address, `localhost` when it listens on every interface. */
const defaultPublicUrl = (host: string, port: number): string => {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
};

/** SEED's default: the demo for development, nothing in production (demo cases must not mix with real ones). */
export const defaultSeed = (env: NodeJS.ProcessEnv): 'demo' | 'none' => (env.NODE_ENV === 'production' ? 'none' : 'demo');

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const seed = env.SEED || defaultSeed(env);
  if (seed !== 'demo' && seed !== 'none') throw new ConfigError(`SEED must be "demo" or "none", not "${seed}"`);
  const auditSigner = env.AUDIT_SIGNER || 'on';
  if (auditSigner !== 'on' && auditSigner !== 'off') throw new ConfigError(`AUDIT_SIGNER must be "on" or "off", not "${auditSigner}"`);
  const port = int('PORT', env.PORT, 3000, 0, 65535);
  const host = env.HOST ?? '0.0.0.0';
  const oidcIssuer = httpUrl('OIDC_ISSUER', env.OIDC_ISSUER);
  const publicUrl = (httpUrl('PUBLIC_URL', env.PUBLIC_URL) ?? defaultPublicUrl(host, port)).replace(/\/+$/, '');
  const paymentGatewayUrl = httpUrl('PAYMENT_GATEWAY_URL', env.PAYMENT_GATEWAY_URL);
  if (paymentGatewayUrl && !env.PAYMENT_GATEWAY_SECRET) throw new ConfigError('PAYMENT_GATEWAY_URL needs PAYMENT_GATEWAY_SECRET: the secret the gateway signs its notifications with');
  if (oidcIssuer && !env.OIDC_CLIENT_ID) throw new ConfigError('OIDC_ISSUER needs OIDC_CLIENT_ID (and OIDC_CLIENT_SECRET): this server\'s registration with the issuer');
  return {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    mongoDbUrl: env.MONGODB_URL || undefined,
    seed,
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 600, 0, 10_000_000),
    auditSigningKeyFile: env.AUDIT_SIGNING_KEY_FILE || undefined,
    auditSigner: auditSigner === 'on',
    trustProxy: trustProxy(env.TRUST_PROXY),
    propertyTaxUrl: httpUrl('PROPERTY_TAX_URL', env.PROPERTY_TAX_URL),
    propertyTaxToken: env.PROPERTY_TAX_TOKEN || undefined,
    graphiql: onOff('GRAPHIQL', env.GRAPHIQL, true),
    readWaitMs: int('READ_WAIT_MS', env.READ_WAIT_MS, 5000, 0, 5000),
    publicUrl,
    oidcIssuer,
    oidcClientId: oidcIssuer ? env.OIDC_CLIENT_ID : undefined,
    oidcClientSecret: oidcIssuer ? env.OIDC_CLIENT_SECRET || undefined : undefined,
    sessionIdleHours: idleHours(env.SESSION_IDLE_HOURS),
    sessionSecret: env.SESSION_SECRET || undefined,
    paymentGatewayUrl,
    paymentGatewaySecret: env.PAYMENT_GATEWAY_SECRET || undefined,
    webhookKey: env.WEBHOOK_KEY || undefined,
    webhookTimeoutMs: int('WEBHOOK_TIMEOUT_MS', env.WEBHOOK_TIMEOUT_MS, 10_000, 100, 120_000),
    smtpUrl: smtpUrl(env.SMTP_URL),
    smtpFrom: smtpFrom(env.SMTP_FROM, publicUrl),
  };
};

/** Creates DATA_DIR if needed and proves it writable, or fails with one clear line. */
export const ensureDataDir = (dataDir: string): void => {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ConfigError(`DATA_DIR ${dataDir} is not writable (${code})`);
  }
};

/** The package's own version, found from wherever this file runs (source or dist). */
export const packageVersion = (): string => {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hamaynk') return pkg.version ?? '0.0.0';
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
};

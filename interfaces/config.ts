/** Process configuration from the environment (API.md, "Process and command line"). */
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
  /** How long a query waits for the read models to reflect the caller's writes before STALE_READ (ms, at most 5000). */
  readonly readWaitMs: number;
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

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const seed = env.SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new ConfigError(`SEED must be "demo" or "none", not "${seed}"`);
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    mongoDbUrl: env.MONGODB_URL || undefined,
    seed,
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 600, 0, 10_000_000),
    auditSigningKeyFile: env.AUDIT_SIGNING_KEY_FILE || undefined,
    readWaitMs: int('READ_WAIT_MS', env.READ_WAIT_MS, 5000, 0, 5000),
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

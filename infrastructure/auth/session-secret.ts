/**
 * The secret that signs session cookies: SESSION_SECRET when several API processes must accept each
 * other's cookies, else one generated on first start and kept in DATA_DIR/keys (so a restart keeps
 * every session valid).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkJwtSecret, JwtSecretRefused } from './jwt';

/** SESSION_SECRET is too short or plainly a placeholder. */
export class SessionSecretRefused extends Error {
  readonly code = 'SESSION_SECRET_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'SessionSecretRefused';
  }
}

export const SESSION_SECRET_FILE = 'session-secret';

/** Reads DATA_DIR/keys/<name>, writing `generate()` there first if it is missing (another process may win: theirs is used). */
export const persistedSecret = (dataDir: string, name: string, generate: () => string): string => {
  const dir = path.join(dataDir, 'keys');
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, generate(), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
};

export const loadSessionSecret = (config: { dataDir: string; sessionSecret?: string }): string => {
  if (config.sessionSecret) {
    // The same rules as JWT_SECRET: at least 32 bytes, not a placeholder.
    try {
      checkJwtSecret(config.sessionSecret);
    } catch (e) {
      if (e instanceof JwtSecretRefused) throw new SessionSecretRefused(e.message.replace('JWT_SECRET', 'SESSION_SECRET'));
      throw e;
    }
    return config.sessionSecret;
  }
  return persistedSecret(config.dataDir, SESSION_SECRET_FILE, () => randomBytes(48).toString('base64url'));
};

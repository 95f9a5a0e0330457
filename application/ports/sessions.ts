/**
 * Server-side browser sessions (docs/sign-in.md): a session is a row the server keeps, so ending it
 * (sign-out, idle expiry, revocation) takes effect at once whatever cookie a browser still holds.
 * The session's content is opaque to the store: a JSON object the HTTP layer reads and writes.
 */

/** A stored session: its content and the instant after which it is no longer valid (idle expiry). */
export interface StoredSession {
  readonly data: Readonly<Record<string, unknown>>;
  /** The signed-in person's public service number (null before sign-in completes). */
  readonly personalId: string | null;
  /** ISO 8601: after this instant `get` answers null, as if the session had never been. */
  readonly expiresAt: string;
}

export interface SessionStore {
  readonly kind: 'sqlite' | 'mongodb';
  /** The session, or null when there is none or it expired before `now`. */
  get(id: string, now: Date): Promise<StoredSession | null>;
  /** Creates or replaces the session. */
  set(id: string, session: StoredSession): Promise<void>;
  /** Ends the session; ending one that does not exist is not an error. */
  destroy(id: string): Promise<void>;
  /** Ends every session of a person (e.g. a dismissal that must end an open session): how many ended. */
  destroyAllOf(personalId: string): Promise<number>;
  /** Deletes sessions expired before `now` (housekeeping; `get` never answers them anyway): how many. */
  purgeExpired(now: Date): Promise<number>;
  close(): Promise<void>;
}

/**
 * Wiring of the audit trail for a process: the store in `DATA_DIR/audit.sqlite`, the signing key, the
 * projection that follows the event store, and the query service the GraphQL and HTTP layers call.
 *
 *   const audit = await openAuditLog({ dataDir, eventStore, signingKeyFile: config.auditSigningKeyFile });
 *   await audit.service.auditTreeHead();  …  await audit.close();
 */
import path from 'node:path';
import type { EventStore } from '../../application/ports/event-store';
import type { Clock } from '../../application/ids';
import { createAuditProjection, type AuditProjection } from '../../application/audit/audit-projection';
import { createAuditService, type AuditService } from '../../application/audit/audit-service';
import { ed25519Signer, type NoteSigner } from '../../application/audit/checkpoint';
import { SqliteAuditStore } from './sqlite-audit-store';
import { defaultAuditOrigin, loadAuditSigningKey, type AuditSigningKey } from './signing-key';

export const AUDIT_FILE = 'audit.sqlite';
/** The `meta` key under which the store keeps the log's origin, fixed when the store is created. */
export const ORIGIN_META = 'origin';

export interface OpenAuditLogOptions {
  readonly dataDir: string;
  readonly eventStore: EventStore;
  /** AUDIT_SIGNING_KEY_FILE; omitted: the development key in DATA_DIR/keys. */
  readonly signingKeyFile?: string;
  /** The checkpoint origin (and key name), e.g. `hamaynk.am/gyumri`; default: the one the store was created with, else derived from the key. */
  readonly origin?: string;
  readonly signEvery?: number;
  readonly signIntervalMs?: number;
  readonly idleMs?: number;
  readonly clock?: Clock;
  /** Start following the event store at once (default true). */
  readonly start?: boolean;
  readonly onError?: (error: unknown) => void;
}

export interface AuditLog {
  readonly origin: string;
  readonly key: AuditSigningKey;
  readonly signer: NoteSigner;
  readonly store: SqliteAuditStore;
  readonly projection: AuditProjection;
  readonly service: AuditService;
  close(): Promise<void>;
}

export const openAuditLog = async (options: OpenAuditLogOptions): Promise<AuditLog> => {
  const key = loadAuditSigningKey({ dataDir: options.dataDir, keyFile: options.signingKeyFile });
  const store = new SqliteAuditStore(path.join(options.dataDir, AUDIT_FILE));
  try {
    const stored = store.meta(ORIGIN_META);
    const origin = options.origin ?? stored ?? defaultAuditOrigin(key.publicKey);
    if (stored !== origin) store.setMeta(ORIGIN_META, origin);
    const signer = ed25519Signer(origin, key.privateKey);
    // Kept so that `audit verify` on a copy of DATA_DIR can at least check the heads against the recorded key
    // (an auditor should pass the key published at GET /audit/public-key instead).
    if (store.meta(`verifier:${signer.verifierKey}`) === null) store.setMeta(`verifier:${signer.verifierKey}`, new Date().toISOString());
    const projection = createAuditProjection({
      eventStore: options.eventStore,
      store,
      signer,
      origin,
      signEvery: options.signEvery,
      signIntervalMs: options.signIntervalMs,
      idleMs: options.idleMs,
      clock: options.clock,
      onError: options.onError,
    });
    const service = createAuditService({ store, projection, signer, origin });
    if (options.start ?? true) projection.start();
    return {
      origin,
      key,
      signer,
      store,
      projection,
      service,
      close: async () => {
        await projection.stop();
        store.close();
      },
    };
  } catch (e) {
    store.close();
    throw e;
  }
};

/**
 * Wiring of the audit trail for a process: the tree store (by default `DATA_DIR/audit.sqlite`; in a
 * multi-machine deployment the shared MongoDB store), and either
 *
 * - `sign: true` (default): the signing key, the projection that follows the event store and signs tree
 *   heads, and the query service over both — exactly one process of a deployment does this; or
 * - `sign: false`: the query service alone, answering from the store as the signer keeps it. No key is
 *   read or generated.
 *
 *   const audit = await openAuditLog({ dataDir, eventStore, signingKeyFile: config.auditSigningKeyFile });
 *   await audit.service.auditTreeHead();  …  await audit.close();
 */
import path from 'node:path';
import type { EventStore } from '../../application/ports/event-store';
import type { Clock } from '../../application/ids';
import { AUDIT_META, type AuditStore } from '../../application/audit/audit-store';
import { createAuditProjection, type AuditProjection } from '../../application/audit/audit-projection';
import { createAuditService, type AuditService } from '../../application/audit/audit-service';
import { ed25519Signer, type NoteSigner } from '../../application/audit/checkpoint';
import { SqliteAuditStore } from './sqlite-audit-store';
import { defaultAuditOrigin, loadAuditSigningKey, type AuditSigningKey } from './signing-key';

export const AUDIT_FILE = 'audit.sqlite';
/** The `meta` key under which the store keeps the log's origin, fixed when the store is created. */
export const ORIGIN_META = AUDIT_META.origin;

export interface OpenAuditLogOptions {
  readonly dataDir: string;
  readonly eventStore: EventStore;
  /** Build and sign the tree (default true), or only serve it from the store (no key is read or generated). */
  readonly sign?: boolean;
  /** The tree store; omitted: `DATA_DIR/audit.sqlite`. The audit log closes it. */
  readonly store?: AuditStore;
  /** AUDIT_SIGNING_KEY_FILE; omitted: the development key in DATA_DIR/keys. */
  readonly signingKeyFile?: string;
  /** The checkpoint origin (and key name), e.g. `hamaynk.am/gyumri`; default: the one the store was created with, else derived from the key. */
  readonly origin?: string;
  readonly signEvery?: number;
  readonly signIntervalMs?: number;
  readonly idleMs?: number;
  readonly clock?: Clock;
  /** Start following the event store at once (default true; signing processes only). */
  readonly start?: boolean;
  readonly onError?: (error: unknown) => void;
}

export interface AuditLog {
  readonly store: AuditStore;
  /** The projection that builds and signs the tree; null in a process that only serves it. */
  readonly projection: AuditProjection | null;
  readonly service: AuditService;
  close(): Promise<void>;
}

/** The audit log of the one process that builds and signs the tree. */
export interface SigningAuditLog extends AuditLog {
  readonly origin: string;
  readonly key: AuditSigningKey;
  readonly signer: NoteSigner;
  readonly projection: AuditProjection;
}

export async function openAuditLog(options: OpenAuditLogOptions & { readonly sign?: true }): Promise<SigningAuditLog>;
export async function openAuditLog(options: OpenAuditLogOptions): Promise<AuditLog>;
export async function openAuditLog(options: OpenAuditLogOptions): Promise<AuditLog> {
  const store = options.store ?? new SqliteAuditStore(path.join(options.dataDir, AUDIT_FILE));
  try {
    if (options.sign === false) {
      return {
        store,
        projection: null,
        service: createAuditService({ store, origin: options.origin }),
        close: async () => {
          await store.close();
        },
      };
    }
    const key = loadAuditSigningKey({ dataDir: options.dataDir, keyFile: options.signingKeyFile });
    const stored = await store.meta(AUDIT_META.origin);
    const origin = options.origin ?? stored ?? defaultAuditOrigin(key.publicKey);
    if (stored !== origin) await store.setMeta(AUDIT_META.origin, origin);
    const signer = ed25519Signer(origin, key.privateKey);
    // Kept so that `audit verify` on a copy of DATA_DIR can at least check the heads against the recorded key
    // (an auditor should pass the key published at GET /audit/public-key instead).
    const recorded = `${AUDIT_META.verifierPrefix}${signer.verifierKey}`;
    if ((await store.meta(recorded)) === null) await store.setMeta(recorded, new Date().toISOString());
    // Processes that do not sign serve this key at GET /audit/public-key.
    if ((await store.meta(AUDIT_META.signer)) !== signer.verifierKey) await store.setMeta(AUDIT_META.signer, signer.verifierKey);
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
    if (options.start ?? true) await projection.start();
    const log: SigningAuditLog = {
      store,
      origin,
      key,
      signer,
      projection,
      service,
      close: async () => {
        await projection.stop();
        await store.close();
      },
    };
    return log;
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** Wiring: picks the adapters the configuration names and hands them to the application (factories, no globals). */
import os from 'node:os';
import path from 'node:path';
import { createCommandHandler, type CommandHandler } from '../application/command-handler';
import { schemaVersionOf } from '../application/event-catalogue';
import { createCommands, type Commands } from '../application/commands/registry';
import { randomIds, systemClock, type Clock, type IdGenerator } from '../application/ids';
import type { EventStore } from '../application/ports/event-store';
import type { FileStore } from '../application/ports/file-store';
import type { PropertyTaxSystem } from '../application/ports/property-tax';
import { FILES_DIR, FilesystemFileStore } from '../infrastructure/files/filesystem-file-store';
import type { PaymentGateway } from '../application/ports/payment-gateway';
import { loadPaymentGatewaySecret } from '../infrastructure/payments/gateway-secret';
import { HttpPaymentGateway } from '../infrastructure/payments/http-payment-gateway';
import { SandboxPaymentGateway } from '../infrastructure/payments/sandbox-payment-gateway';
import type { ReadStore } from '../application/ports/read-store';
import type { CallerPositions, ReadModelProgress } from '../application/ports/read-model-progress';
import { createReadsFollowWrites, type ReadsFollowWrites } from '../application/reads-follow-writes';
import { SqliteCallerPositions } from '../infrastructure/sqlite/sqlite-caller-positions';
import { SqliteReadModelProgress } from '../infrastructure/sqlite/sqlite-read-model-progress';
import { createPermitFeeSettlement, type PermitFeeSettlement } from '../application/process-managers/permit-fee-settlement';
import { createMailSender, type MailSender } from '../application/notifications/mail-sender';
import type { MailDeliveryLog, MailTransport } from '../application/ports/mail';
import { createSmtpTransport } from '../infrastructure/mail/smtp-transport';
import { MAIL_FILE, SqliteMailDeliveryLog } from '../infrastructure/mail/sqlite-mail-delivery-log';
import { loadTokenKeys, type KeyConfig, type TokenKeys } from '../infrastructure/auth/jwt';
import { HttpPropertyTaxSystem, PropertyTaxSandbox } from '../infrastructure/property-tax';
import { SqliteCheckpointStore } from '../infrastructure/sqlite/sqlite-checkpoint-store';
import { SqliteEventStore } from '../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../infrastructure/sqlite/sqlite-read-store';
import { createQueries, type Queries } from '../application/queries';
import type { PeopleDirectory } from '../application/ports/people';
import { createPeopleDirectory } from '../application/staff-directory/people';
import { ALL_PROJECTIONS, createReportReadModels } from '../projections';
import { defineProjectionCollections, projectionHealth, startProjections, type ProjectionHealth, type ProjectionSupervisor } from '../projections/runner';
import { openAuditLog, SqliteAuditStore, AUDIT_FILE, type AuditLog } from '../infrastructure/audit';
import type { AuditStore } from '../application/audit/audit-store';
import type { SessionStore } from '../application/ports/sessions';
import { SqliteSessionStore } from '../infrastructure/sqlite/sqlite-session-store';
import { loadSessionSecret } from '../infrastructure/auth/session-secret';
import { sandboxClientCredentials } from '../infrastructure/oidc/sandbox-issuer';
import type { BrowserSessionOptions } from './http/sessions';
import type { SignInOptions } from './http/sign-in';
import type { IntegrationStateStore } from '../application/ports/integration-state';
import { createWebhookDispatcher, type WebhookDispatcher } from '../application/webhooks/delivery';
import { webhookSecrets, type WebhookSecretOf } from '../application/webhooks/secret';
import { pointsAtThisServer } from '../application/webhooks/this-server';
import { loadWebhookKey } from '../infrastructure/auth/webhook-key';
import { SqliteIntegrationState } from '../infrastructure/sqlite/sqlite-integration-state';
import { HttpWebhookTransport } from '../infrastructure/webhooks/http-webhook-transport';
import { ensureDataDir, type Config } from './config';

export const EVENTS_FILE = 'events.sqlite';
export const READ_FILE = 'read.sqlite';
export const CHECKPOINTS_FILE = 'checkpoints.sqlite';
export const CALLERS_FILE = 'callers.sqlite';
export const SESSIONS_FILE = 'sessions.sqlite';
export const INTEGRATIONS_FILE = 'integrations.sqlite';

export interface EventStoreTuning {
  /** See SqliteEventStoreOptions.liveIntervalMs (default 50 ms). */
  readonly liveIntervalMs?: number;
  /** See SqliteEventStoreOptions.writerThread (default true: a thread that answers requests must not wait for fsync). */
  readonly writerThread?: boolean;
}

export const openEventStore = async (config: Pick<Config, 'dataDir' | 'eventStoreUrl'>, tuning: EventStoreTuning = {}): Promise<EventStore> => {
  // Loaded only when configured: the embedded default never pays for the gRPC and MongoDB drivers.
  if (config.eventStoreUrl) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esdb = require('../infrastructure/eventstoredb/eventstoredb-event-store') as typeof import('../infrastructure/eventstoredb/eventstoredb-event-store');
    return esdb.connectEventStoreDb(config.eventStoreUrl);
  }
  ensureDataDir(config.dataDir);
  // Under load, live consumers of the server thread (the audit tree, event feeds) take in up to 50 ms of
  // commits at a time (fewer, larger reads and audit-store writes; the first commit after a quiet spell is
  // delivered at once); commits (and their fsync) run on a writer thread, so the event loop keeps serving.
  return new SqliteEventStore(path.join(config.dataDir, EVENTS_FILE), { liveIntervalMs: tuning.liveIntervalMs ?? LIVE_INTERVAL_MS, writerThread: tuning.writerThread ?? true });
};

export const openReadStore = async (config: Pick<Config, 'dataDir' | 'mongoDbUrl'>): Promise<ReadStore> => {
  if (config.mongoDbUrl) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mongo = require('../infrastructure/mongodb/mongo-read-store') as typeof import('../infrastructure/mongodb/mongo-read-store');
    return mongo.connectMongoReadStore(config.mongoDbUrl);
  }
  ensureDataDir(config.dataDir);
  return new SqliteReadStore(path.join(config.dataDir, READ_FILE));
};

/**
 * The audit tree's store: with MongoDB for the read models, beside them (shared by every API process, so
 * all serve the tree the one signer keeps); else `DATA_DIR/audit.sqlite`.
 */
export const openAuditStore = async (config: Pick<Config, 'dataDir'>, readStore: ReadStore): Promise<AuditStore> => {
  if (readStore.kind === 'mongodb') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mongo = require('../infrastructure/mongodb/mongo-audit-store') as typeof import('../infrastructure/mongodb/mongo-audit-store');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MongoReadStore } = require('../infrastructure/mongodb/mongo-read-store') as typeof import('../infrastructure/mongodb/mongo-read-store');
    if (readStore instanceof MongoReadStore) return new mongo.MongoAuditStore(readStore.db).init();
  }
  return new SqliteAuditStore(path.join(config.dataDir, AUDIT_FILE));
};

/**
 * Reads that follow writes for an API process (docs/reads-follow-writes.md): how far the read models got,
 * read from the read store every process shares, and the callers' last write positions beside it
 * (DATA_DIR/callers.sqlite, or a collection of the MongoDB read store). `close` before the read store's.
 */
export const openReadsFollowWrites = (
  config: Pick<Config, 'dataDir' | 'mongoDbUrl' | 'readWaitMs'>,
  readStore: ReadStore,
  options: { onWait?: (position: bigint, projections: readonly string[]) => void } = {},
): { readsFollowWrites: ReadsFollowWrites; close(): Promise<void> } => {
  let progress: ReadModelProgress;
  let callers: CallerPositions;
  if (config.mongoDbUrl) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mongo = require('../infrastructure/mongodb/mongo-read-model-progress') as typeof import('../infrastructure/mongodb/mongo-read-model-progress');
    const { db } = readStore as import('../infrastructure/mongodb/mongo-read-store').MongoReadStore;
    progress = new mongo.MongoReadModelProgress(db);
    callers = new mongo.MongoCallerPositions(db);
  } else {
    progress = new SqliteReadModelProgress(path.join(config.dataDir, READ_FILE));
    callers = new SqliteCallerPositions(path.join(config.dataDir, CALLERS_FILE));
  }
  return {
    readsFollowWrites: createReadsFollowWrites({ progress, callers, maxWaitMs: config.readWaitMs, onWait: options.onWait }),
    close: async () => {
      await callers.close();
      await progress.close();
    },
  };
};

/**
 * The record of mailed notifications: with MongoDB read models, collections of their database (whichever
 * projector holds the mail-sender lease reads the same record); else DATA_DIR/mail.sqlite.
 */
export const openMailDeliveryLog = async (config: Pick<Config, 'dataDir' | 'mongoDbUrl'>, readStore: ReadStore): Promise<MailDeliveryLog> => {
  if (config.mongoDbUrl) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mongo = require('../infrastructure/mongodb/mongo-mail-delivery-log') as typeof import('../infrastructure/mongodb/mongo-mail-delivery-log');
    const { db } = readStore as import('../infrastructure/mongodb/mongo-read-store').MongoReadStore;
    return new mongo.MongoMailDeliveryLog(db).init();
  }
  ensureDataDir(config.dataDir);
  return new SqliteMailDeliveryLog(path.join(config.dataDir, MAIL_FILE));
};

/** The browser sessions' store: a collection of the MongoDB read store's database, else DATA_DIR/sessions.sqlite. */
export const openSessionStore = async (config: Pick<Config, 'dataDir' | 'mongoDbUrl'>, readStore: ReadStore): Promise<SessionStore> => {
  if (config.mongoDbUrl) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mongo = require('../infrastructure/mongodb/mongo-session-store') as typeof import('../infrastructure/mongodb/mongo-session-store');
    const { db } = readStore as import('../infrastructure/mongodb/mongo-read-store').MongoReadStore;
    return new mongo.MongoSessionStore(db).init();
  }
  ensureDataDir(config.dataDir);
  return new SqliteSessionStore(path.join(config.dataDir, SESSIONS_FILE));
};

/** The file store: GridFS in the MongoDB read store's database, else the folder DATA_DIR/files. */
export const openFileStore = (config: Pick<Config, 'dataDir' | 'mongoDbUrl'>, readStore: ReadStore): FileStore => {
  if (config.mongoDbUrl) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gridfs = require('../infrastructure/files/gridfs-file-store') as typeof import('../infrastructure/files/gridfs-file-store');
    const { db } = readStore as import('../infrastructure/mongodb/mongo-read-store').MongoReadStore;
    return new gridfs.GridFsFileStore(db);
  }
  ensureDataDir(config.dataDir);
  return new FilesystemFileStore(path.join(config.dataDir, FILES_DIR));
};

/** Webhook delivery checkpoints and feed consumers' checkpoints: collections of the MongoDB read store's database, else DATA_DIR/integrations.sqlite. */
export const openIntegrationState = async (config: Pick<Config, 'dataDir' | 'mongoDbUrl'>, readStore: ReadStore): Promise<IntegrationStateStore> => {
  if (config.mongoDbUrl) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mongo = require('../infrastructure/mongodb/mongo-integration-state') as typeof import('../infrastructure/mongodb/mongo-integration-state');
    const { db } = readStore as import('../infrastructure/mongodb/mongo-read-store').MongoReadStore;
    return new mongo.MongoIntegrationState(db);
  }
  ensureDataDir(config.dataDir);
  return new SqliteIntegrationState(path.join(config.dataDir, INTEGRATIONS_FILE));
};

/** Whether a URL points at this server (PUBLIC_URL, or the listening port on one of this machine's addresses). */
export const thisServerCheck = (config: Pick<Config, 'publicUrl' | 'host' | 'port'>): ((url: string) => boolean) =>
  pointsAtThisServer({
    publicUrl: config.publicUrl,
    host: config.host,
    port: config.port,
    localAddresses: Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address)),
  });

/** Sessions for the HTTP server: the store, the cookie secret (SESSION_SECRET or DATA_DIR/keys) and the idle expiry. */
export const browserSessionOptions = (config: Pick<Config, 'dataDir' | 'sessionSecret' | 'sessionIdleHours'>, store: SessionStore, clock?: Clock): BrowserSessionOptions => ({
  store,
  secret: loadSessionSecret(config),
  idleHours: config.sessionIdleHours,
  clock,
});

/** Sign-in: OIDC_ISSUER with its client registration, or (unset) the sandbox issuer and its client for this server. */
export const signInOptions = (config: Pick<Config, 'dataDir' | 'publicUrl' | 'oidcIssuer' | 'oidcClientId' | 'oidcClientSecret' | 'trustProxy'>, clock?: Clock): SignInOptions => ({
  publicUrl: config.publicUrl,
  external: config.oidcIssuer ? { issuer: config.oidcIssuer, clientId: config.oidcClientId ?? '', clientSecret: config.oidcClientSecret } : undefined,
  sandbox: config.oidcIssuer ? undefined : { dataDir: config.dataDir, ...sandboxClientCredentials(config.dataDir) },
  trustProxy: config.trustProxy !== false,
  clock,
});

/** Where the bearer-token keys come from: JWT_SECRET (HS256), JWT_PRIVATE_KEY_FILE/JWT_PUBLIC_KEY_FILE, or DATA_DIR/keys. */
export const tokenKeyConfig = (config: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): KeyConfig => ({
  dataDir: config.dataDir,
  secret: env.JWT_SECRET || undefined,
  privateKeyFile: env.JWT_PRIVATE_KEY_FILE || undefined,
  publicKeyFile: env.JWT_PUBLIC_KEY_FILE || undefined,
});

/**
 * The payment gateway: the HTTP adapter of PAYMENT_GATEWAY_URL (with PAYMENT_GATEWAY_SECRET), or, unset, the
 * sandbox gateway (`sandbox: true`: mount its pages at /sandbox-pay) with a secret kept in DATA_DIR/keys.
 */
export const paymentGateway = (config: Pick<Config, 'dataDir' | 'publicUrl' | 'paymentGatewayUrl' | 'paymentGatewaySecret'>, clock: Clock = systemClock): { gateway: PaymentGateway; secret: string; sandbox: boolean } => {
  const secret = loadPaymentGatewaySecret(config);
  return config.paymentGatewayUrl
    ? { gateway: new HttpPaymentGateway({ baseUrl: config.paymentGatewayUrl, secret }), secret, sandbox: false }
    : { gateway: new SandboxPaymentGateway({ publicUrl: config.publicUrl, secret, now: () => clock.now() }), secret, sandbox: true };
};

/** The property tax system: the HTTP adapter when PROPERTY_TAX_URL is set (PROPERTY_TAX_TOKEN its bearer token), else the in-process sandbox. */
export const propertyTaxSystem = (config: Pick<Config, 'propertyTaxUrl' | 'propertyTaxToken'>): PropertyTaxSystem =>
  config.propertyTaxUrl ? new HttpPropertyTaxSystem({ baseUrl: config.propertyTaxUrl, token: config.propertyTaxToken }) : new PropertyTaxSandbox();

/** See SqliteEventStoreOptions.liveIntervalMs. */
const LIVE_INTERVAL_MS = 50;

export interface WriteSide {
  readonly handler: CommandHandler;
  /** Every declared command, run through the one pipeline. */
  readonly commands: Commands;
}

/** The command side over an event store: one handler, and every declared command on it. */
export const createWriteSide = (deps: { eventStore: EventStore; clock?: Clock; ids?: IdGenerator; propertyTax?: PropertyTaxSystem; files?: FileStore; thisServer?: (url: string) => boolean }): WriteSide => {
  const clock = deps.clock ?? systemClock;
  const handler = createCommandHandler({ eventStore: deps.eventStore, clock, ids: deps.ids ?? randomIds, schemaVersionOf });
  const propertyTax = deps.propertyTax ?? new PropertyTaxSandbox();
  const people = createPeopleDirectory({ eventStore: deps.eventStore });
  // A resolution's executors must be appointed now (a dismissed clerk's record says where they were).
  const staff = {
    appointmentOf: async (personalId: string) => {
      const appointment = await people.appointmentOf(personalId);
      return appointment?.status === 'appointed' ? appointment : null;
    },
  };
  const commands = createCommands({ handler, clock, propertyTax, staff, files: deps.files, thisServer: deps.thisServer });
  return {
    handler,
    commands,
  };
};

export interface Hamaynk extends WriteSide {
  readonly config: Config;
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly tokenKeys: TokenKeys;
  readonly clock: Clock;
  readonly permitFeeSettlement: PermitFeeSettlement;
  /** Delivers webhooks (those whose lease this process gets) once started, beside the settlement. */
  readonly webhooks: WebhookDispatcher;
  /** Webhook delivery checkpoints and persistent feed consumers. */
  readonly integrationState: IntegrationStateStore;
  /** A webhook's signing secret (derived from WEBHOOK_KEY or DATA_DIR/keys/webhook-key). */
  readonly webhookSecretOf: WebhookSecretOf;
  readonly queries: Queries;
  /** The staff directory read from the log: a signed-in person's Actor at each request. */
  readonly people: PeopleDirectory;
  /** Attachments and other files, by SHA-256. */
  readonly files: FileStore;
  /** The transparency log: Merkle tree over the global log, signed tree heads, proofs. */
  readonly audit: AuditLog;
  /** Runs the projections in this process (unless another worker holds their leases); `onApplied` after each stored batch. */
  startProjections(log?: (line: string) => void, options?: { onApplied?: () => void }): Promise<ProjectionSupervisor>;
  /**
   * With SMTP_URL: starts the notification sender (the outbox mailed, at most once per event; one sender
   * per deployment by a lease), as `serve`'s projector thread and `hamaynk projector` do. Null without SMTP_URL.
   */
  startMailSender(): Promise<MailSender | null>;
  /** Position and lag of every projection, whoever runs it. */
  projectionHealth(): Promise<Record<string, ProjectionHealth>>;
  close(): Promise<void>;
}

/** Opens the stores and builds everything the server needs; `close` releases it all. */
/** `audit: false`: this process never signs the audit tree, whatever AUDIT_SIGNER says (the projector thread of `serve`). */
export const createHamaynk = async (config: Config, options: { clock?: Clock; audit?: boolean; eventStore?: EventStoreTuning } = {}): Promise<Hamaynk> => {
  const clock = options.clock ?? systemClock;
  const eventStore = await openEventStore(config, options.eventStore);
  let readStore: ReadStore;
  try {
    readStore = await openReadStore(config);
  } catch (e) {
    await eventStore.close();
    throw e;
  }
  ensureDataDir(config.dataDir);
  const tokenKeys = loadTokenKeys(tokenKeyConfig(config));
  const files = openFileStore(config, readStore);
  const writeSide = createWriteSide({ eventStore, clock, propertyTax: propertyTaxSystem(config), files, thisServer: thisServerCheck(config) });
  // The process manager's checkpoint lives beside the embedded log (its own file for EventStoreDB).
  const checkpoints = new SqliteCheckpointStore(path.join(config.dataDir, config.eventStoreUrl ? CHECKPOINTS_FILE : EVENTS_FILE));
  const permitFeeSettlement = createPermitFeeSettlement({
    eventStore,
    checkpoints,
    commands: writeSide.commands,
    onError: (error) => process.stderr.write(`hamaynk: permit/fee settlement: ${(error as Error).message}\n`),
  });
  const integrationState = await openIntegrationState(config, readStore);
  const webhookSecretOf = webhookSecrets(loadWebhookKey(config));
  const webhookTransport = new HttpWebhookTransport();
  const webhooks = createWebhookDispatcher({
    eventStore,
    leases: readStore,
    store: integrationState,
    commands: writeSide.commands,
    transport: webhookTransport,
    secretOf: webhookSecretOf,
    deployment: config.publicUrl,
    clock,
    options: { timeoutMs: config.webhookTimeoutMs },
    onError: (error, id) => process.stderr.write(`hamaynk: webhook${id ? ` ${id}` : 's'}: ${(error as Error).message}\n`),
  });
  await defineProjectionCollections(readStore, ALL_PROJECTIONS);
  // One process signs (AUDIT_SIGNER=on); the others, and the projector thread of `serve`, only serve the tree.
  const audit = await openAuditLog({
    dataDir: config.dataDir,
    eventStore,
    store: await openAuditStore(config, readStore),
    sign: options.audit !== false && config.auditSigner,
    signingKeyFile: config.auditSigningKeyFile,
    onError: (error) => process.stderr.write(`hamaynk: audit log: ${(error as Error).message}\n`),
  });
  let supervisor: ProjectionSupervisor | null = null;
  let mail: { sender: MailSender; log: MailDeliveryLog; transport: MailTransport } | null = null;
  return {
    ...writeSide,
    config,
    eventStore,
    readStore,
    tokenKeys,
    clock,
    permitFeeSettlement,
    webhooks,
    integrationState,
    webhookSecretOf,
    queries: createQueries({ readStore, clock, reports: createReportReadModels(readStore), eventStore }),
    people: createPeopleDirectory({ eventStore }),
    files,
    audit,
    startProjections: async (log, startOptions) => {
      const onApplied = startOptions?.onApplied;
      supervisor ??= await startProjections(eventStore, readStore, ALL_PROJECTIONS, {
        log,
        onApplied: onApplied && (() => onApplied()),
        onError: (name, error) => process.stderr.write(`hamaynk: projection ${name}: ${(error as Error).message}\n`),
      });
      return supervisor;
    },
    startMailSender: async () => {
      if (!config.smtpUrl) return null;
      if (!mail) {
        const log = await openMailDeliveryLog(config, readStore);
        const transport = createSmtpTransport({ url: config.smtpUrl, from: config.smtpFrom });
        const sender = createMailSender({
          readStore,
          log,
          transport,
          publicUrl: config.publicUrl,
          onError: (error) => process.stderr.write(`hamaynk: mail sender: ${(error as Error).message}\n`),
        });
        mail = { sender, log, transport };
        await sender.start();
      }
      return mail.sender;
    },
    projectionHealth: () => projectionHealth(eventStore, readStore, ALL_PROJECTIONS),
    close: async () => {
      if (mail) {
        await mail.sender.stop();
        await mail.transport.close();
        await mail.log.close();
      }
      await supervisor?.stop();
      await permitFeeSettlement.stop();
      await webhooks.stop();
      await webhookTransport.close();
      await integrationState.close();
      await audit.close();
      await files.close();
      checkpoints.close();
      await readStore.close();
      await eventStore.close();
    },
  };
};

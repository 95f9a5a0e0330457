/**
 * `hamaynk <command>`: serve, and the operator commands of docs/api.md as they land.
 * Every failure prints one line saying why and exits non-zero.
 */
import { parseArgs } from 'node:util';
import { CALLER_ROLES } from '../../application/read-policy';
import { ASSURANCES, loadTokenKeys, signToken, type TokenClaims } from '../../infrastructure/auth/jwt';
import { buildServer, type GraphqlModule } from '../http/server';
import { loadConfig } from '../config';
import {
  browserSessionOptions,
  createHamaynk,
  createWriteSide,
  openEventStore,
  openReadStore,
  openReadsFollowWrites,
  openSessionStore,
  paymentGateway,
  signInOptions,
  tokenKeyConfig,
  type Hamaynk,
} from '../composition';
import { systemActor } from '../../application/authorization';
import { OFFICIAL_ROLES, STAFF_ROLES, type OfficialRole, type StaffRole } from '../../domain/staff-directory/commands';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { startProjectorThread, type ProjectorThread } from '../background/projector-thread';
import { rebuildProjection } from '../../projections/runner';
import { commandModule } from '../graphql/schema';
import { queryModule } from '../graphql/schema/queries';
import { worklistModule } from '../graphql/schema/worklist';
import { documentsModule } from '../graphql/schema/documents';
import { open311Module } from '../graphql/schema/open311';
import { auditModule } from '../graphql/schema/audit';
import { createTimeTravel } from '../../application/time-travel';
import { integrationModule } from '../graphql/schema/integration';
import { eventFeedModule } from '../graphql/schema/events';
import { staffDirectoryModule } from '../graphql/schema/staff-directory';
import { demoDataWatch, seed } from '../seeding';
import { registerPublicPages } from '../web';
import { registerStaffPages } from '../staff';
import { registerPortalPages } from '../portal';
import { registerFileDownloads } from '../http/files';
import { registerPayments } from '../http/payments';
import { registerSandboxPay } from '../http/sandbox-pay';
import { registerDocumentRoutes } from '../documents/routes';
import { messagesModule } from '../graphql/schema/messages';
import { createOutboxQueries } from '../../projections/outbox/query';
import { registerOpen311 } from '../http/open311';
import { startTracing } from '../../infrastructure/telemetry/tracing';
import { describeVerifySummary, verifyLog } from '../../infrastructure/audit';
import { exportEvents } from '../../application/audit';
import { NotFound } from '../../application/errors';
import { createQueries } from '../../application/queries';
import { systemClock } from '../../application/ids';
import { createReportReadModels } from '../../projections';
import { DOCUMENTS_EXPORT_USAGE, exportDocuments } from './documents-export';

const USAGE = `usage: hamaynk <command>

commands:
  serve        serve GraphQL, GraphiQL, /health (PORT, DATA_DIR, EVENTSTORE_URL, MONGODB_URL; AUDIT_SIGNER=off: serve the
               audit tree another process signs)
               [--projections off]: serve only; a separate \`hamaynk projector\` runs the projections
  projector    run only the projections (one worker owns each projection, by lease)
  projections  rebuild [NAME]: rebuild read models from position 0 while the server keeps answering
  seed         [--history 2019] [--demo]: seed the national history and/or demo work (both by default); seeding twice adds nothing
  audit        verify [--checkpoint FILE] [--key KEY_OR_FILE]: recompute every leaf, the tree and every signed head
  events       export [--from POSITION] [--format ndjson|cloudevents]: stream the log (after POSITION) to stdout
  appoint      appoint a person in the staff directory (as the system: bootstraps the first ministry official)
               --role ministry|auditor|staff|head|council --personal-id ID --name NAME [--community ID (staff, head, council)]
  documents    export --community ID [--journal incoming|outgoing|internal] [--year Y] [--format csv|ndjson]:
               a community's journals (from the read models) to stdout, in journal order
  token        print a development bearer token for the server using the same DATA_DIR
               --role ROLE [--sub ID] [--community ID] [--acr eid|mid|password] [--office ID] [--expires 12h]
`;

export class CliError extends Error {}

/**
 * `hamaynk serve`. `extraModules` adds GraphQL modules made from the running system to the product's own
 * (the benchmarks serve a ceiling mutation this way; `hamaynk serve` itself adds none).
 */
export const serve = async (args: readonly string[], extraModules: (hamaynk: Hamaynk) => readonly GraphqlModule[] = () => []): Promise<void> => {
  const { values } = parseArgs({ args: [...args], options: { projections: { type: 'string', default: 'on' } }, strict: true });
  if (values.projections !== 'on' && values.projections !== 'off') throw new CliError('--projections takes on or off');
  // Traces by OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/api.md), before anything makes a span.
  const tracing = startTracing();
  const config = loadConfig();
  const hamaynk = await createHamaynk(config);
  const { eventStore } = hamaynk;
  let projector: ProjectorThread | null = null;
  // A query waiting for the read models has the projector thread take the new events in at once.
  const reads = openReadsFollowWrites(config, hamaynk.readStore, { onWait: (_position, projections) => projector?.hurry(projections) });
  const sessions = await openSessionStore(config, hamaynk.readStore);
  // Expired sessions are never answered; this only keeps the store small.
  const purgeSessions = setInterval(() => void sessions.purgeExpired(new Date()).catch(() => undefined), 3_600_000);
  purgeSessions.unref();
  const app = await buildServer({
    eventStore,
    browserSessions: browserSessionOptions(config, sessions),
    signIn: signInOptions(config),
    readsFollowWrites: reads.readsFollowWrites,
    tokenKeys: hamaynk.tokenKeys,
    people: hamaynk.people,
    readStoreKind: hamaynk.readStore.kind,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
    modules: [
      commandModule(hamaynk.commands, hamaynk.webhookSecretOf),
      queryModule(hamaynk.queries),
      staffDirectoryModule(hamaynk.queries),
      messagesModule(createOutboxQueries(hamaynk.readStore, { publicUrl: config.publicUrl })),
      eventFeedModule(eventStore, hamaynk.integrationState.consumers),
      integrationModule({ eventStore, deliveries: hamaynk.integrationState, consumers: hamaynk.integrationState.consumers }),
      auditModule(createTimeTravel(eventStore), hamaynk.queries, hamaynk.audit.service),
      worklistModule(hamaynk.queries),
      documentsModule(hamaynk.queries),
      open311Module(hamaynk.commands),
      ...extraModules(hamaynk),
    ],
    graphiql: config.graphiql,
    projections: () => hamaynk.projectionHealth(),
    routes: async (app) => {
      app.get('/audit/public-key', async (request, reply) => {
        let key;
        try {
          key = await hamaynk.audit.service.auditPublicKey();
        } catch (error) {
          // A process that does not sign, started before the signer published its key.
          if (error instanceof NotFound) return reply.code(503).send({ error: error.message, code: error.reason ?? error.code });
          throw error;
        }
        // PEM by default (what `audit verify --key` takes); JSON with the signed-note verifier key on request.
        if ((request.headers.accept ?? '').includes('application/json')) return key;
        return reply.type('application/x-pem-file').send(key.publicKeyPem);
      });
      const demoData = demoDataWatch(eventStore);
      await registerPublicPages(app, { demoData });
      await registerDocumentRoutes(app, { eventStore, audit: hamaynk.audit.service, publicUrl: config.publicUrl, demoData });
      await registerStaffPages(app, { ...hamaynk, readsFollowWrites: reads.readsFollowWrites, demoData });
      // The resident portal's files and payments (docs/portal.md); the sandbox gateway only without a real one.
      registerFileDownloads(app, { handler: hamaynk.handler, files: hamaynk.files });
      await registerPortalPages(app, { ...hamaynk, readsFollowWrites: reads.readsFollowWrites });
      const payments = paymentGateway(config, hamaynk.clock);
      await registerPayments(app, { handler: hamaynk.handler, commands: hamaynk.commands, clock: hamaynk.clock, gateway: payments.gateway, secret: payments.secret, publicUrl: config.publicUrl });
      if (payments.sandbox) await registerSandboxPay(app, { secret: payments.secret, clock: hamaynk.clock, publicUrl: config.publicUrl });
      await registerOpen311(app, { ...hamaynk, publicUrl: config.publicUrl });
    },
  });
  if (config.seed === 'demo' && (await eventStore.headPosition()) === null) {
    await seed(hamaynk, { history: true, demo: true }, (line) => process.stdout.write(`hamaynk: ${line}\n`));
  }
  if (values.projections === 'on') {
    // The projections and the permit/fee settlement run in a worker thread of their own (or, with
    // --projections off, in `hamaynk projector`), never on the thread that answers requests.
    projector = startProjectorThread({ log: (line) => process.stdout.write(`hamaynk: ${line}\n`), onApplied: () => reads.readsFollowWrites.nudge() });
    const thread = projector;
    if (eventStore instanceof SqliteEventStore) eventStore.onCommit(() => thread.wake());
    // Ready means the read models reflect the log as it was at start.
    await projector.ready;
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`hamaynk: ${signal} received, stopping\n`);
    await app.close();
    clearInterval(purgeSessions);
    await sessions.close();
    await projector?.stop();
    await reads.close();
    await hamaynk.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  const base = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  process.stdout.write(
    [
      `Hamaynk is ready (event store: ${eventStore.kind}, data: ${config.eventStoreUrl ? config.eventStoreUrl : config.dataDir})`,
      `  Public    ${base}/`,
      `  Staff     ${base}/staff`,
      `  GraphQL   ${base}/graphql`,
      `  Sign in   ${config.publicUrl}/sign-in${config.oidcIssuer ? ` (issuer ${config.oidcIssuer})` : ' (sandbox identity provider at /sandbox-idp: development only)'}`,
      `  Payments  ${config.paymentGatewayUrl ? `gateway ${config.paymentGatewayUrl}` : `sandbox payment gateway at ${config.publicUrl}/sandbox-pay: development only`}`,
      ...(config.graphiql ? [`  GraphiQL  ${base}/graphiql`] : []),
      `  Health    ${base}/health`,
      // The relay's address without its credentials.
      ...(config.smtpUrl ? [`  Mail      notifications through ${new URL(config.smtpUrl).protocol}//${new URL(config.smtpUrl).host}${values.projections === 'on' ? '' : ' (sent by hamaynk projector)'}`] : []),
      '',
    ].join('\n'),
  );
};

const token = async (args: readonly string[]): Promise<void> => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      community: { type: 'string' },
      acr: { type: 'string' },
      office: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
    strict: true,
  });
  const role = values.role;
  if (!role || !(CALLER_ROLES as readonly string[]).includes(role)) throw new CliError(`--role must be one of ${CALLER_ROLES.join(', ')}`);
  if (values.acr !== undefined && !(ASSURANCES as readonly string[]).includes(values.acr)) throw new CliError(`--acr must be one of ${ASSURANCES.join(', ')}`);
  const claims: TokenClaims = {
    sub: values.sub ?? `${role}-dev`,
    role: role as TokenClaims['role'],
    communityId: values.community,
    acr: values.acr as TokenClaims['acr'],
    officeId: values.office,
  };
  const keys = loadTokenKeys(tokenKeyConfig(loadConfig()));
  process.stdout.write(`${await signToken(keys, claims, values.expires)}\n`);
};

/**
 * `hamaynk appoint --role ROLE --personal-id ID --name NAME [--community ID]`: appoints through the command
 * registry as the system actor, which is how the first ministry official gets into the directory (after
 * that, the ministry appoints through GraphQL or the workspace). Appointing the same again records nothing.
 */
const appoint = async (args: readonly string[]): Promise<void> => {
  const { values } = parseArgs({
    args: [...args],
    options: { role: { type: 'string' }, 'personal-id': { type: 'string' }, name: { type: 'string' }, community: { type: 'string' } },
    strict: true,
  });
  const roles: readonly string[] = [...OFFICIAL_ROLES, ...STAFF_ROLES];
  const role = values.role;
  if (!role || !roles.includes(role)) throw new CliError(`--role must be one of ${roles.join(', ')}`);
  const personalId = values['personal-id'];
  if (!personalId) throw new CliError('--personal-id is needed: the public service number (ՀԾՀ), 10 digits');
  if (!values.name) throw new CliError('--name is needed');
  const official = (OFFICIAL_ROLES as readonly string[]).includes(role);
  if (official && values.community !== undefined) throw new CliError(`--community is for staff, head and council, not ${role}`);
  if (!official && values.community === undefined) throw new CliError(`--community is needed to appoint ${role}`);
  // No writer thread for one command (and closing a writer-thread store that appended nothing, after a
  // refused command, let the process end with status 0 before the refusal was printed).
  const eventStore = await openEventStore(loadConfig(), { writerThread: false });
  try {
    const { commands } = createWriteSide({ eventStore });
    const ctx = { actor: systemActor('hamaynk-cli') };
    const result = official
      ? await commands.appointOfficial({ personalId, role: role as OfficialRole, name: values.name }, ctx)
      : await commands.appointStaff({ communityId: values.community as string, personalId, role: role as StaffRole, name: values.name }, ctx);
    const where = result.view.communityId === null ? '' : ` of community ${result.view.communityId}`;
    process.stdout.write(`${result.position === null ? 'already appointed' : 'appointed'}: ${result.view.name} (${result.view.personalId}) as ${result.view.role}${where}\n`);
  } finally {
    await eventStore.close();
  }
};

const seedCommand = async (args: readonly string[]): Promise<void> => {
  const { values } = parseArgs({ args: [...args], options: { history: { type: 'string' }, demo: { type: 'boolean' } }, strict: true });
  if (values.history !== undefined && values.history !== '2019') throw new CliError('--history takes 2019 (the national history behind the 2019 report)');
  const both = values.history === undefined && !values.demo;
  const config = loadConfig();
  const hamaynk = await createHamaynk(config);
  try {
    await seed(hamaynk, { history: both || values.history === '2019', demo: both || values.demo === true }, (line) => process.stdout.write(`${line}\n`));
    const head = await hamaynk.eventStore.headPosition();
    process.stdout.write(`log head: ${head === null ? 'empty' : head.toString()}\n`);
  } finally {
    await hamaynk.close();
  }
};

/** `hamaynk projector`: runs only the projections (those whose lease this worker gets) until stopped. */
const projector = async (): Promise<void> => {
  const config = loadConfig();
  const hamaynk = await createHamaynk(config);
  const supervisor = await hamaynk.startProjections((line) => process.stdout.write(`hamaynk: ${line}\n`));
  await hamaynk.permitFeeSettlement.start();
  await hamaynk.webhooks.start();
  const mailSender = await hamaynk.startMailSender();
  process.stdout.write(`Hamaynk projector ${supervisor.ownerId} is running (event store: ${hamaynk.eventStore.kind}, read store: ${hamaynk.readStore.kind}${mailSender ? ', mail: on' : ''})\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`hamaynk: ${signal} received, stopping\n`);
    await hamaynk.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};

/** `hamaynk projections rebuild [NAME]`: from position 0 into fresh collections, switched over when caught up. */
const projectionsCommand = async (args: readonly string[]): Promise<void> => {
  const [sub, name, ...rest] = args;
  if (sub !== 'rebuild' || rest.length > 0) throw new CliError('usage: hamaynk projections rebuild [NAME]');
  const chosen = name === undefined ? ALL_PROJECTIONS : ALL_PROJECTIONS.filter((p) => p.name === name);
  if (chosen.length === 0) throw new CliError(`no projection "${name}" (there are ${ALL_PROJECTIONS.map((p) => p.name).join(', ')})`);
  const config = loadConfig();
  const eventStore = await openEventStore(config);
  const readStore = await openReadStore(config);
  try {
    for (const projection of chosen) {
      const started = Date.now();
      const result = await rebuildProjection(eventStore, readStore, projection);
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(
        `rebuilt ${projection.name}: ${result.events} events to position ${result.position} in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s), generation ${result.generation} now answers\n`,
      );
    }
  } finally {
    await readStore.close();
    await eventStore.close();
  }
};

/** `hamaynk audit verify [--checkpoint FILE] [--key KEY_OR_FILE]`: recomputes the whole log offline. */
const auditCommand = async (args: readonly string[]): Promise<void> => {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new CliError('usage: hamaynk audit verify [--checkpoint FILE] [--key KEY_OR_FILE]');
  const { values } = parseArgs({ args: rest, options: { checkpoint: { type: 'string' }, key: { type: 'string', multiple: true } }, strict: true });
  const config = loadConfig();
  const keys = values.key ?? (config.auditSigningKeyFile ? [config.auditSigningKeyFile] : undefined);
  const eventStore = config.eventStoreUrl ? await openEventStore(config) : undefined;
  try {
    const summary = await verifyLog({ dataDir: config.dataDir, keys, checkpointFile: values.checkpoint, eventStore });
    (summary.ok ? process.stdout : process.stderr).write(`${describeVerifySummary(summary)}\n`);
    if (!summary.ok) process.exitCode = 1;
  } finally {
    await eventStore?.close();
  }
};

/** `hamaynk events export [--from POSITION] [--format ndjson|cloudevents]`: streams the log to stdout. */
const eventsCommand = async (args: readonly string[]): Promise<void> => {
  const [sub, ...rest] = args;
  if (sub !== 'export') throw new CliError('usage: hamaynk events export [--from POSITION] [--format ndjson|cloudevents]');
  const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, format: { type: 'string', default: 'ndjson' } }, strict: true });
  const config = loadConfig();
  const eventStore = await openEventStore(config);
  try {
    await exportEvents({
      eventStore,
      from: values.from,
      format: values.format as 'ndjson' | 'cloudevents',
      deployment: config.publicUrl,
      write: (line: string) => (process.stdout.write(line.endsWith('\n') ? line : `${line}\n`) ? undefined : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()))),
    });
  } finally {
    await eventStore.close();
  }
};

/** `hamaynk documents export --community ID [--journal J] [--year Y] [--format csv|ndjson]`: the journals to stdout. */
const documentsCommand = async (args: readonly string[]): Promise<void> => {
  const [sub, ...rest] = args;
  if (sub !== 'export') throw new CliError(DOCUMENTS_EXPORT_USAGE);
  const { values } = parseArgs({
    args: rest,
    options: { community: { type: 'string' }, journal: { type: 'string' }, year: { type: 'string' }, format: { type: 'string', default: 'csv' } },
    strict: true,
  });
  const readStore = await openReadStore(loadConfig());
  try {
    const queries = createQueries({ readStore, clock: systemClock, reports: createReportReadModels(readStore) });
    await exportDocuments(values, queries, (chunk) => (process.stdout.write(chunk) ? undefined : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()))));
  } finally {
    await readStore.close();
  }
};

export const main = async (argv: readonly string[]): Promise<void> => {
  const [command] = argv;
  try {
    switch (command) {
      case 'serve':
        await serve(argv.slice(1));
        return;
      case 'projector':
        await projector();
        return;
      case 'projections':
        await projectionsCommand(argv.slice(1));
        return;
      case 'audit':
        await auditCommand(argv.slice(1));
        return;
      case 'events':
        await eventsCommand(argv.slice(1));
        return;
      case 'documents':
        await documentsCommand(argv.slice(1));
        return;
      case 'seed':
        await seedCommand(argv.slice(1));
        return;
      case 'token':
        await token(argv.slice(1));
        return;
      case 'appoint':
        await appoint(argv.slice(1));
        return;
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return;
      default:
        throw new CliError(`unknown command "${command}" (try "hamaynk help")`);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`hamaynk: ${message.split('\n')[0]}\n`);
    process.exit(1);
  }
};

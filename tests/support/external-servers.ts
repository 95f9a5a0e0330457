/**
 * External servers for the tests that need one (EventStoreDB for the event store contract, MongoDB for the
 * read store): the URL from the environment when it is set, otherwise a throw-away container when a Docker
 * engine answers, otherwise a `skip` with the reason, so a machine without either reports why instead of
 * hanging or failing.
 *
 *   const server = await eventStoreDbUrl();
 *   if ('skip' in server) ... else { use server.url; await server.stop() when done }
 *
 * The Docker check is asked once per process and gives up after DOCKER_CHECK_TIMEOUT_MS. Starting a
 * container (image pull on first use) can take longer than jest's default timeout: give the `beforeAll`
 * that calls these a timeout of a few minutes.
 */
import type { StartedTestContainer } from 'testcontainers';

export type ExternalServer = { readonly url: string; stop(): Promise<void> } | { readonly skip: string };

export const EVENTSTORE_IMAGE = 'eventstore/eventstore:24.10';
export const MONGO_IMAGE = 'mongo:7';
const DOCKER_CHECK_TIMEOUT_MS = 5000;
const STARTUP_TIMEOUT_MS = 180_000;

let dockerCheck: Promise<{ ok: true } | { ok: false; reason: string }> | undefined;

/** Whether a Docker (or compatible) engine answers, asked once and for at most a few seconds. */
export const dockerEngine = (): Promise<{ ok: true } | { ok: false; reason: string }> => {
  dockerCheck ??= (async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const { getContainerRuntimeClient } = await import('testcontainers');
      const answered = getContainerRuntimeClient();
      answered.catch(() => undefined);
      await Promise.race([
        answered,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${DOCKER_CHECK_TIMEOUT_MS} ms`)), DOCKER_CHECK_TIMEOUT_MS);
          timer.unref();
        }),
      ]);
      return { ok: true as const };
    } catch (error) {
      return { ok: false as const, reason: (error instanceof Error ? error.message : String(error)).split('\n')[0] };
    } finally {
      if (timer) clearTimeout(timer);
    }
  })();
  return dockerCheck;
};

const fromEnvironment = (name: string): ExternalServer | null => {
  const url = process.env[name]?.trim();
  return url ? { url, stop: async () => undefined } : null;
};

const stopper = (container: StartedTestContainer) => async (): Promise<void> => {
  await container.stop();
};

/**
 * EventStoreDB: `EVENTSTORE_URL` when set; else a single insecure in-memory node (projections off, as the
 * adapter needs none) in a container, answered on `esdb://host:port?tls=false`; else a skip.
 */
export async function eventStoreDbUrl(): Promise<ExternalServer> {
  const configured = fromEnvironment('EVENTSTORE_URL');
  if (configured) return configured;
  const docker = await dockerEngine();
  if (!docker.ok) return { skip: `EventStoreDB: skipped — EVENTSTORE_URL is not set and no Docker engine answers (${docker.reason})` };
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(EVENTSTORE_IMAGE)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
      // As docker-compose.yml: room for appends of many events (the port limits each event, not an append).
      EVENTSTORE_MAX_APPEND_SIZE: '8388608',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  return { url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`, stop: stopper(container) };
}

/**
 * MongoDB: `MONGODB_URL` when set; else `mongo:7` in a container as a one-member replica set (so
 * transactions and change streams work), answered on `mongodb://host:port/?directConnection=true`; else a skip.
 */
export async function mongoDbUrl(): Promise<ExternalServer> {
  const configured = fromEnvironment('MONGODB_URL');
  if (configured) return configured;
  const docker = await dockerEngine();
  if (!docker.ok) return { skip: `MongoDB: skipped — MONGODB_URL is not set and no Docker engine answers (${docker.reason})` };
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(MONGO_IMAGE)
    .withCommand(['--replSet', 'rs0', '--bind_ip_all'])
    .withExposedPorts(27017)
    .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .start();
  try {
    const initiated = await container.exec(['mongosh', '--quiet', '--eval', 'rs.initiate()']);
    if (initiated.exitCode !== 0) throw new Error(`rs.initiate() failed: ${initiated.output.trim()}`);
    // The member becomes primary a moment after rs.initiate(); writes before that are refused.
    for (let attempt = 0; ; attempt++) {
      const hello = await container.exec(['mongosh', '--quiet', '--eval', 'db.hello().isWritablePrimary']);
      if (hello.exitCode === 0 && hello.output.trim().endsWith('true')) break;
      if (attempt >= 60) throw new Error(`MongoDB did not become primary: ${hello.output.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    await container.stop().catch(() => undefined);
    throw error;
  }
  return { url: `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/?directConnection=true`, stop: stopper(container) };
}

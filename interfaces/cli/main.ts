/**
 * `hamaynk <command>`: serve, and the operator commands of API.md as they land.
 * Every failure prints one line saying why and exits non-zero.
 */
import { buildServer } from '../http/server';
import { ConfigError, loadConfig } from '../config';
import { openEventStore } from '../composition';

const USAGE = `usage: hamaynk <command>

commands:
  serve        serve GraphQL, GraphiQL, /health (PORT, DATA_DIR, EVENTSTORE_URL)
`;

export class CliError extends Error {}

const serve = async (): Promise<void> => {
  const config = loadConfig();
  const eventStore = await openEventStore(config);
  const app = await buildServer({ eventStore });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`hamaynk: ${signal} received, stopping\n`);
    await app.close();
    await eventStore.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  const base = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  process.stdout.write(
    [
      `Hamaynk is ready (event store: ${eventStore.kind}, data: ${config.eventStoreUrl ? config.eventStoreUrl : config.dataDir})`,
      `  GraphQL   ${base}/graphql`,
      `  GraphiQL  ${base}/graphiql`,
      `  Health    ${base}/health`,
      '',
    ].join('\n'),
  );
};

export const main = async (argv: readonly string[]): Promise<void> => {
  const [command] = argv;
  try {
    switch (command) {
      case 'serve':
        await serve();
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
    const message = e instanceof ConfigError || e instanceof CliError ? e.message : e instanceof Error ? e.message : String(e);
    process.stderr.write(`hamaynk: ${message.split('\n')[0]}\n`);
    process.exit(1);
  }
};

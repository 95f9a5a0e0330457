/**
 * Once per jest run: find the external servers the contract suites may use (EventStoreDB, MongoDB) and
 * tell the test files through the environment, which workers inherit. Test files declare the suites that
 * need one with describeWhenAvailable (tests/support/availability.ts): run when the server answered,
 * otherwise registered as skipped. Each reason for skipping (a server, Chromium) is printed here, once.
 */
import { chromiumForThisRun } from './availability';
import { eventStoreDbUrl, mongoDbUrl, type ExternalServer } from './external-servers';

const stops: Array<() => Promise<void>> = [];

const publish = (name: 'EVENTSTORE' | 'MONGODB', server: ExternalServer): void => {
  if ('skip' in server) {
    process.env[`HAMAYNK_TEST_${name}_SKIP`] = server.skip;
    process.stdout.write(`\n${server.skip}\n`);
  } else {
    process.env[`HAMAYNK_TEST_${name}_URL`] = server.url;
    stops.push(() => server.stop());
  }
};

export default async function globalSetup(): Promise<void> {
  publish('EVENTSTORE', await eventStoreDbUrl().catch((e: unknown) => ({ skip: `EventStoreDB: skipped — the container did not start (${(e as Error).message.split('\n')[0]})` })));
  publish('MONGODB', await mongoDbUrl().catch((e: unknown) => ({ skip: `MongoDB: skipped — the container did not start (${(e as Error).message.split('\n')[0]})` })));
  const chromium = chromiumForThisRun();
  if ('skip' in chromium) process.stdout.write(`\n${chromium.skip}\n`);
  (globalThis as { __hamaynkStops?: typeof stops }).__hamaynkStops = stops;
}

/**
 * Suites that need something a machine may lack: an EventStoreDB server, a MongoDB server, Chromium.
 *
 *   describeWhenAvailable('projections on MongoDB', serverForThisRun('MONGODB'), (url) => {
 *     beforeEach(async () => { reads = await connectMongoReadStore(url(), …); });
 *     it('…', …);
 *   });
 *
 * Where the thing is there, the tests are registered and run as usual. Where it is not, the very same tests
 * are registered under describe.skip: jest lists and counts each of them as skipped and runs none of them
 * nor their hooks, so a machine without the server says "N skipped", never "passed". The reason is printed
 * once per run, by tests/support/global-setup.ts, not once per file.
 */
import fs from 'node:fs';

/** What a suite needs, found (`available`), or the one-line reason it is not there (`skip`). */
export type Availability<T> = { readonly available: T } | { readonly skip: string };

export class NotAvailable extends Error {
  readonly code = 'NOT_AVAILABLE';
}

/**
 * describe(name, …) whose tests get the needed thing through `use()`. Skipped, the tests are still declared
 * (so they are counted), and `use()` throws, though nothing skipped calls it.
 */
export function describeWhenAvailable<T>(name: string, availability: Availability<T>, tests: (use: () => T) => void): void {
  if ('available' in availability) {
    const value = availability.available;
    describe(name, () => tests(() => value));
  } else {
    const reason = availability.skip;
    // The suite's name carries why it is skipped, so jest's report says it beside every skipped test.
    describe.skip(`${name} (skipped: ${reason})`, () =>
      tests(() => {
        throw new NotAvailable(reason);
      }),
    );
  }
}

export type ExternalServerName = 'EVENTSTORE' | 'MONGODB';

const SERVER_TITLES: Record<ExternalServerName, string> = { EVENTSTORE: 'EventStoreDB', MONGODB: 'MongoDB' };

/**
 * The URL of the external server for this jest run: the one tests/support/global-setup.ts found or started
 * (HAMAYNK_TEST_<NAME>_URL), else <NAME>_URL; otherwise the reason global-setup published for its absence.
 */
export function serverForThisRun(name: ExternalServerName, env: NodeJS.ProcessEnv = process.env): Availability<string> {
  const url = env[`HAMAYNK_TEST_${name}_URL`]?.trim() || env[`${name}_URL`]?.trim();
  if (url) return { available: url };
  return {
    skip: env[`HAMAYNK_TEST_${name}_SKIP`]?.trim() || `${SERVER_TITLES[name]}: skipped — ${name}_URL is not set and tests/support/global-setup.ts did not look for a server`,
  };
}

/** Debian's Chromium, which the browser tests drive with playwright-core (.ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium's path when it is installed; else why the browser tests are skipped. */
export function chromiumForThisRun(executable: string = CHROMIUM): Availability<string> {
  if (fs.existsSync(executable)) return { available: executable };
  return { skip: `Browser tests: skipped — ${executable} is not installed (apt-get install -y chromium); the pages were checked over plain HTTP only` };
}

/** poppler-utils' pdftotext and pdftoppm (read a PDF's text, render its page to PNG); .ci/run installs them. */
export function popplerForThisRun(): Availability<{ pdftotext: string; pdftoppm: string }> {
  const find = (name: string) => ['/usr/bin', '/usr/local/bin'].map((dir) => `${dir}/${name}`).find((file) => fs.existsSync(file));
  const pdftotext = find('pdftotext');
  const pdftoppm = find('pdftoppm');
  if (pdftotext && pdftoppm) return { available: { pdftotext, pdftoppm } };
  return { skip: 'PDF checks: skipped — pdftotext/pdftoppm are not installed (apt-get install -y poppler-utils); the PDF was checked by its header only' };
}

/**
 * A suite whose server (or browser) is missing is skipped in jest's own terms: its tests are registered,
 * counted as skipped and not run, and the run's closing line says so. Each case runs
 * tests/fixtures/availability-suite.ts in a jest of its own, with the project's configuration (less the
 * global setup, which looks for real servers) and the project's summary reporter.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

interface FixtureRun {
  readonly closingLine: string;
  readonly statuses: Record<string, string>;
  readonly hooksRun: string[];
  readonly exitCode: number;
}

const runFixture = async (fixtureServer: string | undefined): Promise<FixtureRun> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-skips-'));
  try {
    const { globalSetup: _setup, globalTeardown: _teardown, ...projectConfig } = createRequire(__filename)(path.join(ROOT, 'jest.config.js')) as Record<string, unknown>;
    const config = { ...projectConfig, rootDir: ROOT, roots: ['<rootDir>/tests/fixtures'], testMatch: ['**/availability-suite.ts'], cacheDirectory: path.join(dir, 'cache') };
    const hookLog = path.join(dir, 'hooks.log');
    fs.writeFileSync(hookLog, '');
    const env: NodeJS.ProcessEnv = { ...process.env, HOOK_LOG: hookLog, FIXTURE_SERVER: fixtureServer ?? '' };
    delete env.JEST_WORKER_ID;
    const { stdout, exitCode } = await new Promise<{ stdout: string; exitCode: number }>((resolve) => {
      execFile(process.execPath, [JEST, '--config', JSON.stringify(config), '--ci', '--runInBand', '--json', `--outputFile=${path.join(dir, 'results.json')}`], { cwd: ROOT, env }, (error, out) =>
        resolve({ stdout: out, exitCode: error ? Number(error.code ?? 1) : 0 }),
      );
    });
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as { testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }> };
    const statuses = Object.fromEntries(results.testResults.flatMap((f) => f.assertionResults.map((t) => [t.fullName, t.status])));
    const lines = stdout.split('\n').filter((l) => l.trim() !== '');
    return { closingLine: lines[lines.length - 1] ?? '', statuses, hooksRun: fs.readFileSync(hookLog, 'utf8').split('\n').filter(Boolean), exitCode };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

describe('a suite whose server is missing', () => {
  it('has its tests registered and counted as skipped, none of them or their hooks run, and the run passes', async () => {
    const run = await runFixture(undefined);
    expect(run.statuses).toEqual({
      'needs nothing': 'passed',
      // Each skipped test's name says why it was skipped.
      'on the fixture server (skipped: Fixture server: skipped — FIXTURE_SERVER is not set) is given the server': 'pending',
      'on the fixture server (skipped: Fixture server: skipped — FIXTURE_SERVER is not set) a nested block is given it too': 'pending',
    });
    expect(run.hooksRun).toEqual([]);
    expect(run.closingLine).toBe('1 passed, 0 failed, 2 skipped');
    expect(run.exitCode).toBe(0);
  });
});

describe('the same suite with its server there', () => {
  it('runs every test and hook', async () => {
    const run = await runFixture('fixture://127.0.0.1:1');
    expect(Object.values(run.statuses)).toEqual(['passed', 'passed', 'passed']);
    expect(run.hooksRun).toEqual(['beforeAll', 'afterEach', 'afterEach']);
    expect(run.closingLine).toBe('3 passed, 0 failed, 0 skipped');
    expect(run.exitCode).toBe(0);
  });

  it('counts a failing test as failed, and the run fails', async () => {
    const run = await runFixture('not-a-fixture-url');
    expect(run.statuses['on the fixture server is given the server']).toBe('failed');
    expect(run.closingLine).toBe('2 passed, 1 failed, 0 skipped');
    expect(run.exitCode).toBe(1);
  });
});

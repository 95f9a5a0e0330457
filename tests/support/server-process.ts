/**
 * Starts the real server as a child process on a free port with its own DATA_DIR, and talks to it over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export const cliArgs = (...args: string[]): string[] => ['-r', path.join(ROOT, 'tests/support/ts-register.js'), path.join(ROOT, 'tests/support/cli-from-source.ts'), ...args];

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

export interface RunningServer {
  readonly url: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }>;
}

export const startServer = async (env: Record<string, string> = {}, options: { dataDir?: string; readyTimeoutMs?: number; args?: string[] } = {}): Promise<RunningServer> => {
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-srv-'));
  const child = spawn(process.execPath, cliArgs('serve', ...(options.args ?? [])), {
    env: { ...process.env, EVENTSTORE_URL: '', MONGODB_URL: '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED: 'none', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (!out.includes('Hamaynk is ready')) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}): ${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    dataDir,
    child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    graphql: async (query, variables, token) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as never;
    },
  };
};

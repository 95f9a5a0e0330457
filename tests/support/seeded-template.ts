/**
 * What `npm start` seeds into an empty DATA_DIR (the national history behind the 2019 report and the
 * demo communities' daily work, with the read models and the audit tree caught up), made ONCE and then
 * copied: a test that needs a seeded store calls `seededDataDir()` and gets its own copy in a second,
 * instead of replaying thousands of commands itself.
 *
 * The template is made by the real server (`hamaynk serve` with SEED=demo, stopped once ready) in the
 * system's temp folder, under a name derived from the sources, the seed data and today's date in Yerevan
 * (the demo is dated from today), so a later run reuses it only while nothing it depends on changed.
 * Jest workers share it: the first to need it makes it under a lock, the others wait for it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { yerevanDate } from '../../domain/kernel/time';
import { ROOT, startServer } from './server-process';

const SOURCE_DIRS = ['domain', 'application', 'projections', 'infrastructure', 'interfaces', 'seed'];
const READY = 'TEMPLATE-READY';
const WAIT_MS = 15 * 60_000;

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.test\.ts$/.test(entry.name) ? [] : [full];
  });

/**
 * A name for the template that changes whenever anything that shapes it changes. The Node.js version is part
 * of it, so a run on another version (CI runs 20 and 24) seeds under that version instead of reusing the data.
 */
const templateKey = (): string => {
  const hash = createHash('sha256').update(yerevanDate(new Date())).update(`\0${process.version}\0`);
  for (const dir of SOURCE_DIRS) {
    const root = path.join(ROOT, dir);
    if (!fs.existsSync(root)) continue;
    for (const file of sourceFiles(root).sort()) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
};

/** Templates of other sources or days, left by earlier runs, once they are a day old. */
const removeOldTemplates = (keep: string): void => {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const full = path.join(os.tmpdir(), name);
    if (!name.startsWith('hamaynk-template-') || full === keep || full.startsWith(`${keep}.`)) continue;
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > 86_400_000) fs.rmSync(full, { recursive: true, force: true });
  }
};

const build = async (target: string): Promise<void> => {
  removeOldTemplates(target);
  const building = `${target}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building);
  const server = await startServer({ SEED: 'demo' }, { dataDir: building, readyTimeoutMs: 600_000 });
  const code = await server.stop('SIGTERM');
  if (code !== 0) throw new Error(`the seeding server exited with ${code}: ${server.output()}`);
  fs.writeFileSync(path.join(building, READY), new Date().toISOString());
  fs.renameSync(building, target);
};

let made: Promise<string> | null = null;

const template = (): Promise<string> =>
  (made ??= (async () => {
    const target = path.join(os.tmpdir(), `hamaynk-template-${templateKey()}`);
    const lock = `${target}.lock`;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (fs.existsSync(path.join(target, READY))) return target;
      try {
        fs.mkdirSync(lock);
      } catch {
        // Another worker is making it; a lock older than the longest wait was left by a dead one.
        const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > WAIT_MS) fs.rmSync(lock, { recursive: true, force: true });
        if (Date.now() > deadline) throw new Error(`the seeded template ${target} was not made within ${WAIT_MS / 60_000} minutes`);
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      try {
        if (!fs.existsSync(path.join(target, READY))) {
          fs.rmSync(target, { recursive: true, force: true });
          await build(target);
        }
        return target;
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
    }
  })());

/** A fresh DATA_DIR holding what `npm start` seeds (a copy of the template); the caller removes it. */
export const seededDataDir = async (): Promise<string> => {
  const source = await template();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-seeded-'));
  fs.cpSync(source, dir, { recursive: true, filter: (file) => path.basename(file) !== READY });
  return dir;
};

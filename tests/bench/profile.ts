/**
 * CPU profiles of the scenarios behind targets that do not hold: each scenario runs in a child process
 * under `node --cpu-prof` (on a fresh temp log made beforehand by the parent, SqliteEventStore with FULL),
 * and the top frames by self time are summarised (the profile also holds the child's start-up). Alone: `node dist/tests/bench/profile.js <scenario>` prints one summary
 * (scenarios: append1, pay10, pay16, submit10, submit16).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createWriteSide } from '../../interfaces/composition';
import { paymentEvent } from './appends';
import { COMMUNITY_10, makeTemplates, cloneEvent, resident, staffOf, submission } from './fixtures';
import { fmt, tempDir } from './harness';
import type { Target } from './targets';

const SCENARIOS: Record<string, string> = {
  append1: 'SqliteEventStore.append, one event per append, 1 caller, 4 000 appends',
  pay10: 'recordPayment on fees of 10 events, 1 caller, 3 000 commands',
  pay16: 'recordPayment on fees of 10 events, 16 callers, 6 000 commands',
  submit10: 'submitApplication on a community of 10 events, 1 caller, 3 000 commands',
  submit16: 'submitApplication on a community of 10 events, 16 callers, 6 000 commands',
};

const FEES = 500;
const feeId = (i: number): string => `profile${i % FEES}`;

/** The log a scenario runs on: the template communities and 500 fees of 10 events (made by the parent, not profiled). */
const makeLog = async (file: string): Promise<void> => {
  const templates = await makeTemplates({ large: false });
  const fill = new SqliteEventStore(file, { synchronous: 'NORMAL' });
  try {
    for (const [streamId, events] of templates.communities) await fill.append(streamId, events.map((e) => cloneEvent(e)), { expectedRevision: 'any' });
    for (let i = 0; i < FEES; i++) {
      await fill.append(`fee-${feeId(i)}`, templates.fee10.map((e) => cloneEvent(e, templates.fee10Id, feeId(i))), { expectedRevision: 'no-stream' });
    }
  } finally {
    await fill.close();
  }
};

/** Runs one scenario on `file` in this process (the child side, under --cpu-prof). */
const runScenario = async (name: string, file: string): Promise<void> => {
  const store = new SqliteEventStore(file);
  const { commands } = createWriteSide({ eventStore: store });
  let ref = 0;
  const pay = (i: number) =>
    commands.recordPayment({ id: feeId(i), amountAmd: 100, paidAt: '2026-11-25T08:00:00.000Z', reference: `P-${ref++}` }, { actor: staffOf(COMMUNITY_10) });
  const submit = () => commands.submitApplication({ input: submission(COMMUNITY_10) }, { actor: resident });
  const callers = async (n: number, concurrency: number, op: (i: number) => Promise<unknown>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) await op(next++);
      }),
    );
  };
  try {
    switch (name) {
      case 'append1':
        return await callers(4000, 1, (i) => store.append(`fee-a${i % 10_000}`, [paymentEvent(i)], { expectedRevision: 'any' }));
      case 'pay10':
        return await callers(3000, 1, pay);
      case 'pay16':
        return await callers(6000, 16, pay);
      case 'submit10':
        return await callers(3000, 1, submit);
      case 'submit16':
        return await callers(6000, 16, submit);
      default:
        throw new Error(`unknown scenario ${name}`);
    }
  } finally {
    await store.close();
  }
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The top frames by self time of a .cpuprofile, as Markdown table rows. */
export const topFrames = (profileFile: string, top = 15): string => {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  const total = profile.samples.length;
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/(dist|tests|application|infrastructure|interfaces|domain|projections)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const rows = [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, hits]) => `| ${frame.replace(/\|/g, '\\|')} | ${fmt((100 * hits) / total, 1)} % |`);
  return [`${fmt(seconds, 1)} s profiled, ${total} samples; self time:`, '', '| frame | self |', '|---|---:|', ...rows].join('\n');
};

/** Runs a scenario under --cpu-prof in a child process (on a log made here) and summarises the profile. */
export const profileScenario = async (name: string): Promise<string> => {
  const dir = tempDir('hamaynk-bench-cpuprof-');
  try {
    const file = path.join(dir, 'events.sqlite');
    await makeLog(file);
    const profiles = path.join(dir, 'profiles');
    const execArgv = [...(__filename.endsWith('.ts') ? ['-r', path.resolve(__dirname, '../support/ts-register.js')] : []), '--cpu-prof', `--cpu-prof-dir=${profiles}`];
    await new Promise<void>((resolve, reject) => {
      const child = fork(__filename, ['--scenario', name, file], { execArgv, stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`profile scenario ${name} failed (exit ${code})`))));
    });
    const profile = fs.readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'));
    if (!profile) throw new Error(`no .cpuprofile written for ${name}`);
    return `${SCENARIOS[name]}. ${topFrames(path.join(profiles, profile))}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

/** The BENCHMARKS.md section with a profile for each scenario behind a target that does not hold. */
export const profileSection = async (targets: readonly Target[]): Promise<string> => {
  const scenarios = [...new Set(targets.filter((t) => t.holds === false && t.profile).map((t) => t.profile as string))];
  if (scenarios.length === 0) return '';
  const parts: string[] = [];
  for (const name of scenarios) {
    process.stderr.write(`[bench] profiling ${name}\n`);
    parts.push(`### ${name}\n\n${await profileScenario(name)}`);
  }
  return `\n## Profiles of the targets that do not hold\n\n\`node --cpu-prof\` on a fresh log (\`node dist/tests/bench/profile.js <scenario>\` runs one). Frames by self time; lines are those of the compiled JavaScript (dist/); time in SQLite (including the fsync of a COMMIT, which better-sqlite3 runs on the main thread) counts as the self time of the JavaScript frame that called it (\`sqliteTransaction\` is the COMMIT, \`readStreamSync\` the stream SELECT).\n\n${parts.join('\n\n')}\n`;
};

if (require.main === module) {
  const at = process.argv.indexOf('--scenario');
  const top = process.argv.indexOf('--top');
  if (top >= 0) {
    process.stdout.write(`${topFrames(process.argv[top + 1], Number(process.argv[top + 2] ?? 25))}\n`);
  } else if (at >= 0) {
    void runScenario(process.argv[at + 1], process.argv[at + 2]).catch((e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    });
  } else {
    const name = process.argv[2] ?? 'append1';
    void profileScenario(name).then((s) => process.stdout.write(`${s}\n`));
  }
}

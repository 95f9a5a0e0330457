/**
 * `npm run bench` — measures Hamaynk's hot paths beside baselines measured in the same run and
 * writes BENCHMARKS.md. `npm run bench -- --quick` for a short run while developing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appendRows } from './appends';
import { machineLine, markdownTable, withRatios, type BenchRow } from './harness';

const main = async () => {
  const quick = process.argv.includes('--quick');
  const rows: BenchRow[] = [];
  process.stdout.write(`Hamaynk benchmarks (${quick ? 'quick' : 'full'}) on ${machineLine()}\n`);
  rows.push(...(await appendRows(quick)));
  withRatios(rows);
  const table = markdownTable(rows);
  process.stdout.write(`${table}\n`);
  // npm runs scripts from the package root.
  const root = process.cwd();
  const doc = `# Benchmarks

Written by \`npm run bench\`${quick ? ' (quick mode)' : ''} on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${machineLine()}
- Command: \`npm run bench\` (full) or \`npm run bench -- --quick\`

${table}

## What the ratios mean

Every ratio divides a row's operations per second by its baseline's, both measured in this same run
on this same machine (absolute times drift on shared machines; ratios much less so).

- **append N/append**: events appended per second. The baseline is the ceiling: plain \`better-sqlite3\`
  inserting the same rows (the same canonical JSON bytes) in one transaction per append, WAL,
  \`synchronous=FULL\` — the same durability as Hamaynk's store. A ratio of 0.8× means Hamaynk reaches 80 %
  of what SQLite itself can do with one fsync per append.
- **16 callers (group commit)**: appends that arrive together share one transaction and one fsync, each
  with its own expected-revision check and result; a ratio above 1× means more acknowledged appends per
  second than one transaction per append can give.
`;
  fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), doc);
  process.stdout.write(`written ${path.join(root, 'BENCHMARKS.md')}\n`);
};

void main();

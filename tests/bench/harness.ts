/** Small helpers for `npm run bench`: timing, percentiles, peak memory, the Markdown table. */
import fs from 'node:fs';
import os from 'node:os';

export interface BenchRow {
  readonly group: string;
  readonly name: string;
  readonly ops: number;
  readonly opsPerSec: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly peakRssMb: number;
  /** The row this one is compared with, measured in the same run. */
  readonly baseline?: string;
  ratio?: number;
  readonly note?: string;
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 20);
sampler.unref();

export const resetPeakRss = (): void => {
  peakRss = process.memoryUsage.rss();
};
export const peakRssMb = (): number => Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1024 / 1024);

export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
};

/** Runs `op(i)` for i in [0, count) with `concurrency` callers; returns throughput and latency. */
export const measure = async (
  group: string,
  name: string,
  count: number,
  op: (i: number) => unknown | Promise<unknown>,
  options: { concurrency?: number; baseline?: string; note?: string; opsPerCall?: number } = {},
): Promise<BenchRow> => {
  resetPeakRss();
  const latencies: number[] = new Array(count);
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const t0 = process.hrtime.bigint();
      await op(i);
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const ops = count * (options.opsPerCall ?? 1);
  return {
    group,
    name,
    ops,
    opsPerSec: ops / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    peakRssMb: peakRssMb(),
    baseline: options.baseline,
    note: options.note,
  };
};

export const withRatios = (rows: BenchRow[]): BenchRow[] => {
  for (const row of rows) {
    const base = row.baseline ? rows.find((r) => r.name === row.baseline && r.group === row.group) ?? rows.find((r) => r.name === row.baseline) : undefined;
    if (base) row.ratio = row.opsPerSec / base.opsPerSec;
  }
  return rows;
};

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined ? '' : n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const markdownTable = (rows: readonly BenchRow[]): string => {
  const head = '| group | row | ops | ops/s | p50 ms | p99 ms | peak RSS MB | baseline (same run) | ratio |\n|---|---|---:|---:|---:|---:|---:|---|---:|';
  const body = rows.map(
    (r) =>
      `| ${r.group} | ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(r.ops)} | ${fmt(r.opsPerSec)} | ${fmt(r.p50Ms, 3)} | ${fmt(r.p99Ms, 3)} | ${fmt(r.peakRssMb)} | ${r.baseline ?? '—'} | ${r.ratio === undefined ? '' : `${fmt(r.ratio, 2)}×`} |`,
  );
  return [head, ...body].join('\n');
};

export const machineLine = (): string =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;

export const tempDir = (prefix: string): string => fs.mkdtempSync(`${os.tmpdir()}/${prefix}`);

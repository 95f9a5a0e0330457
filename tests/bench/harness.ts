/** Small helpers for `npm run bench`: timing, percentiles, peak memory, the Markdown tables. */
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
  /** The row this one is compared with, measured in the same run (same group and log size first). */
  readonly baseline?: string;
  /** The baseline's group when it is not this row's group (e.g. a command row against the append ceiling). */
  readonly baselineGroup?: string;
  ratio?: number;
  readonly note?: string;
  /** Events in the log when the row started (scaling rows); rows without it are sized in their note. */
  readonly log?: number;
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

export interface MeasureOptions {
  /** Callers issuing operations at once (each waits for its previous operation). */
  readonly concurrency?: number;
  readonly baseline?: string;
  readonly baselineGroup?: string;
  readonly note?: string;
  /** What one call counts as (events per append, events per read). */
  readonly opsPerCall?: number;
  /** No new call starts after this many seconds (the row reports the calls that ran). */
  readonly maxSeconds?: number;
  readonly log?: number;
}

/** Runs `op(i)` for i in [0, count) with `concurrency` callers; returns throughput and latency. */
export const measure = async (
  group: string,
  name: string,
  count: number,
  op: (i: number) => unknown | Promise<unknown>,
  options: MeasureOptions = {},
): Promise<BenchRow> => {
  resetPeakRss();
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const deadline = options.maxSeconds === undefined ? undefined : started + BigInt(Math.round(options.maxSeconds * 1e9));
  const worker = async () => {
    for (;;) {
      if (deadline !== undefined && next > 0 && process.hrtime.bigint() > deadline) return;
      const i = next++;
      if (i >= count) return;
      const t0 = process.hrtime.bigint();
      await op(i);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const ops = latencies.length * (options.opsPerCall ?? 1);
  return {
    group,
    name,
    ops,
    opsPerSec: ops / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    peakRssMb: peakRssMb(),
    baseline: options.baseline,
    baselineGroup: options.baselineGroup,
    note: options.note,
    log: options.log,
  };
};

/** Times one call of `fn` (seconds). */
export const time = async (fn: () => unknown | Promise<unknown>): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

/** The row a row's ratio divides by: its baseline of the same group and log size first. */
export const baselineOf = (row: BenchRow, rows: readonly BenchRow[]): BenchRow | undefined => {
  if (!row.baseline) return undefined;
  const group = row.baselineGroup ?? row.group;
  const named = rows.filter((r) => r.name === row.baseline && r !== row);
  return (
    named.find((r) => r.group === group && r.log === row.log) ??
    named.find((r) => r.group === group && r.log === undefined) ??
    named.find((r) => r.group === group) ??
    named.find((r) => r.log === row.log) ??
    named[0]
  );
};

export const withRatios = (rows: BenchRow[]): BenchRow[] => {
  for (const row of rows) {
    const base = baselineOf(row, rows);
    if (base) row.ratio = row.opsPerSec / base.opsPerSec;
  }
  return rows;
};

export const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const powerOfTen = (n: number | undefined): string => {
  if (n === undefined) return '';
  const e = Math.log10(n);
  return Number.isInteger(e) ? `10^${e}` : fmt(n);
};

export const markdownTable = (rows: readonly BenchRow[]): string => {
  const scaled = rows.some((r) => r.log !== undefined);
  const head = scaled
    ? '| group | log | row | ops | ops/s | p50 ms | p99 ms | peak RSS MB | baseline (same run) | ratio |\n|---|---:|---|---:|---:|---:|---:|---:|---|---:|'
    : '| group | row | ops | ops/s | p50 ms | p99 ms | peak RSS MB | baseline (same run) | ratio |\n|---|---|---:|---:|---:|---:|---:|---|---:|';
  const body = rows.map((r) => {
    const baseline = r.baseline ? `${r.baseline}${r.baselineGroup && r.baselineGroup !== r.group ? ` [${r.baselineGroup}]` : ''}` : '—';
    const cells = [
      r.group,
      ...(scaled ? [powerOfTen(r.log)] : []),
      `${r.name}${r.note ? ` (${r.note})` : ''}`,
      fmt(r.ops),
      fmt(r.opsPerSec),
      fmt(r.p50Ms, 3),
      fmt(r.p99Ms, 3),
      fmt(r.peakRssMb),
      baseline,
      r.ratio === undefined ? '' : `${fmt(r.ratio, 2)}×`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [head, ...body].join('\n');
};

export const machineLine = (): string =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;

export const tempDir = (prefix: string): string => fs.mkdtempSync(`${os.tmpdir()}/${prefix}`);

/** One line on stderr while the run goes on (the tables go to stdout). */
export const progress = (line: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

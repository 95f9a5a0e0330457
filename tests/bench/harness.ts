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
}, 100);
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

/** Latencies and time of one row, added to chunk by chunk. */
class Series {
  readonly latencies: number[] = [];
  seconds = 0;
  peakRss = 0;
  next = 0;
}

/** Runs calls of `op` from index `series.next` until `until` calls or `maxSeconds`, adding to `series`. */
const runChunk = async (series: Series, op: (i: number) => unknown, until: number, concurrency: number, maxSeconds?: number): Promise<void> => {
  resetPeakRss();
  const started = process.hrtime.bigint();
  const deadline = maxSeconds === undefined ? undefined : started + BigInt(Math.round(maxSeconds * 1e9));
  let first = true;
  const worker = async () => {
    for (;;) {
      if (deadline !== undefined && !first && process.hrtime.bigint() > deadline) return;
      first = false;
      if (series.next >= until) return;
      const i = series.next++;
      const t0 = process.hrtime.bigint();
      await op(i);
      series.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  series.seconds += Number(process.hrtime.bigint() - started) / 1e9;
  series.peakRss = Math.max(series.peakRss, peakRssMb());
};

const rowOf = (group: string, name: string, series: Series, options: MeasureOptions): BenchRow => {
  const latencies = [...series.latencies].sort((a, b) => a - b);
  const ops = latencies.length * (options.opsPerCall ?? 1);
  return {
    group,
    name,
    ops,
    opsPerSec: ops / series.seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    peakRssMb: series.peakRss,
    baseline: options.baseline,
    baselineGroup: options.baselineGroup,
    note: options.note,
    log: options.log,
  };
};

/** Runs `op(i)` for i in [0, count) with `concurrency` callers; returns throughput and latency. */
export const measure = async (
  group: string,
  name: string,
  count: number,
  op: (i: number) => unknown | Promise<unknown>,
  options: MeasureOptions = {},
): Promise<BenchRow> => {
  const series = new Series();
  await runChunk(series, op, count, options.concurrency ?? 1, options.maxSeconds);
  return rowOf(group, name, series, options);
};

export interface Contender {
  readonly group: string;
  readonly name: string;
  readonly count: number;
  readonly op: (i: number) => unknown | Promise<unknown>;
  readonly options?: MeasureOptions;
  /** Called before and after each of its turns (e.g. to hold a connection only during its own turns). */
  readonly before?: () => unknown;
  readonly after?: () => unknown;
}

/**
 * Measures rows that are compared with each other in turns: `rounds` rounds, each giving every contender
 * 1/rounds of its calls (and of its maxSeconds), so that load from elsewhere on a shared machine falls on
 * all of them alike. Each row adds up its own calls' time and latencies.
 */
export const interleaved = async (rounds: number, contenders: readonly Contender[]): Promise<BenchRow[]> => {
  const series = contenders.map(() => new Series());
  for (let round = 1; round <= rounds; round++) {
    for (const [k, c] of contenders.entries()) {
      const until = Math.round((c.count * round) / rounds);
      const maxSeconds = c.options?.maxSeconds === undefined ? undefined : c.options.maxSeconds / rounds;
      // A contender stopped by time in one round resumes at the next round's share of its calls.
      series[k].next = Math.max(series[k].next, Math.round((c.count * (round - 1)) / rounds));
      await c.before?.();
      try {
        await runChunk(series[k], c.op, until, c.options?.concurrency ?? 1, maxSeconds);
      } finally {
        await c.after?.();
      }
    }
  }
  return contenders.map((c, k) => rowOf(c.group, c.name, series[k], c.options ?? {}));
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

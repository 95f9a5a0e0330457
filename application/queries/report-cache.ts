/**
 * Reports (a community's public site, the staff dashboard, the transparency and national adoption
 * reports) fold many documents or count many indexes, yet the read models behind them change only when
 * their projections apply a batch. Their results are therefore kept per *version* of the read models
 * they read — the active generation and checkpoint of each projection — and reused while that version
 * holds: a report is never older than the read models it would be computed from now. Concurrent asks
 * for one report share one computation. Refusals (NOT_FOUND, bad arguments) are not kept.
 */
import type { ReadStore } from '../ports/read-store';

export interface ReportCacheOptions {
  /** Reports kept (least recently used out); default 1000. 0 computes every time. */
  readonly maxEntries?: number;
}

export type ReportCache = <T>(projections: readonly string[], key: string, compute: () => Promise<T>) => Promise<T>;

export const createReportCache = (readStore: Pick<ReadStore, 'activeGeneration' | 'getCheckpoint' | 'projectionVersion'>, options: ReportCacheOptions = {}): ReportCache => {
  const maxEntries = options.maxEntries ?? 1000;
  const entries = new Map<string, { readonly version: string; readonly value: Promise<unknown> }>();

  const versionOf = async (projections: readonly string[]): Promise<string> => {
    const parts = await Promise.all(
      projections.map(async (projection) => {
        if (readStore.projectionVersion) return `${projection}@${await readStore.projectionVersion(projection)}`;
        const generation = await readStore.activeGeneration(projection);
        return `${projection}@${generation}:${(await readStore.getCheckpoint(projection, generation)) ?? '-'}`;
      }),
    );
    return parts.join('|');
  };

  return async <T>(projections: readonly string[], key: string, compute: () => Promise<T>): Promise<T> => {
    if (maxEntries <= 0) return compute();
    const version = await versionOf(projections);
    const fullKey = `${projections.join(',')}\u0000${key}`;
    const kept = entries.get(fullKey);
    if (kept && kept.version === version) {
      entries.delete(fullKey);
      entries.set(fullKey, kept);
      return kept.value as Promise<T>;
    }
    const value = compute();
    const entry = { version, value };
    entries.delete(fullKey);
    entries.set(fullKey, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    value.catch(() => {
      if (entries.get(fullKey) === entry) entries.delete(fullKey);
    });
    return value;
  };
};

/**
 * Counters kept in nested maps, for read models that summarise other documents: a summary is the sum of
 * what each summarised document contributes, so an event changes it by (contribution after − contribution
 * before). A contribution is a list of amounts at paths (`['applications', 'byStatus', 'approved']`).
 * Counters that come back to 0 are removed, and so are maps left empty: a summary holds only what is
 * counted (an absent counter reads as 0), so it stays as small as what it counts.
 */

export interface TallyEntry {
  readonly path: readonly string[];
  readonly amount: number;
}

export type Tally = readonly TallyEntry[];

type Node = Readonly<Record<string, unknown>>;

const addAt = (node: Node | undefined, path: readonly string[], depth: number, amount: number): Node | undefined => {
  const key = path[depth];
  const out: Record<string, unknown> = { ...node };
  if (depth === path.length - 1) {
    const value = ((out[key] as number | undefined) ?? 0) + amount;
    if (value === 0) delete out[key];
    else out[key] = value;
  } else {
    const child = addAt(out[key] as Node | undefined, path, depth + 1, amount);
    if (child === undefined) delete out[key];
    else out[key] = child;
  }
  return Object.keys(out).length === 0 ? undefined : out;
};

/** `doc` with `after` added and `before` taken away (a new object; `doc` is left as it is). */
export const applyTally = <D extends object>(doc: D, before: Tally, after: Tally): D => {
  let out = doc as unknown as Node;
  for (const { path, amount } of before) if (amount !== 0) out = addAt(out, path, 0, -amount) ?? {};
  for (const { path, amount } of after) if (amount !== 0) out = addAt(out, path, 0, amount) ?? {};
  return out as unknown as D;
};

/** The number at `path` of a summary (0 where nothing is counted). */
export const counterAt = (node: unknown, ...path: string[]): number => {
  let at = node;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return 0;
    at = (at as Node)[key];
  }
  return typeof at === 'number' ? at : 0;
};

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

type MutableNode = Record<string, unknown>;

const isEmpty = (node: MutableNode): boolean => {
  for (const key in node) if (Object.hasOwn(node, key)) return false;
  return true;
};

/**
 * Adds `amount` at `path` below `node`, changing in place only maps this call copied (`fresh`): each map
 * on a path is copied once per `applyTally`, however many entries pass through it, so a large summary
 * (a national document's dated changes) costs its size once per event, not once per entry. True when it
 * deleted `node`'s key (a counter back to 0, or a map left empty).
 */
const addAt = (node: MutableNode, path: readonly string[], depth: number, amount: number, fresh: Set<object>): boolean => {
  const key = path[depth];
  if (depth === path.length - 1) {
    const value = ((node[key] as number | undefined) ?? 0) + amount;
    if (value !== 0) {
      node[key] = value;
      return false;
    }
    delete node[key];
    return true;
  }
  let child = node[key] as MutableNode | undefined;
  if (child === undefined || !fresh.has(child)) {
    child = { ...child };
    fresh.add(child);
    node[key] = child;
  }
  // Only a deletion can leave a map empty: look (which walks its keys) only then.
  if (!addAt(child, path, depth + 1, amount, fresh) || !isEmpty(child)) return false;
  delete node[key];
  return true;
};

/**
 * `doc` with `after` added and `before` taken away (a new object; `doc` is left as it is). The two are
 * netted per path first, so what an event leaves as it was (most of a re-tallied timeline) is not touched.
 */
export const applyTally = <D extends object>(doc: D, before: Tally, after: Tally): D => {
  const net = new Map<string, { path: readonly string[]; amount: number }>();
  const add = ({ path, amount }: TallyEntry, sign: number): void => {
    if (amount === 0) return;
    const key = path.join('\u0000');
    const entry = net.get(key);
    if (entry) entry.amount += sign * amount;
    else net.set(key, { path, amount: sign * amount });
  };
  for (const entry of before) add(entry, -1);
  for (const entry of after) add(entry, 1);
  const out: MutableNode = { ...(doc as unknown as Node) };
  const fresh = new Set<object>([out]);
  for (const { path, amount } of net.values()) if (amount !== 0) addAt(out, path, 0, amount, fresh);
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

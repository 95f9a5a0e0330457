/**
 * A word-level diff of two versions of an act's text: the longest common subsequence of their words (white
 * space kept as its own tokens, so line breaks survive), after the common beginning and end are set aside.
 * No diff library is a dependency of the project (the `diff` package in node_modules is only ts-node's, a
 * development tool's), and an act's text is a few thousand words at most: the table of the LCS is bounded,
 * and beyond the bound the middle is shown as removed then added, which is still a correct diff.
 */
export type DiffOp = 'same' | 'added' | 'removed';

export interface DiffPart {
  readonly op: DiffOp;
  readonly text: string;
}

/** Above this many cells the LCS table is not built (about 16 MB of Uint32). */
const MAX_CELLS = 4_000_000;

/** Words and the runs of white space between them. */
export const tokensOf = (text: string): string[] => text.match(/\s+|[^\s]+/gu) ?? [];

const push = (parts: DiffPart[], op: DiffOp, text: string): void => {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) parts[parts.length - 1] = { op, text: last.text + text };
  else parts.push({ op, text });
};

/** The parts that turn `before` into `after`: same, removed and added runs, in reading order. */
export const diffWords = (before: string, after: string): DiffPart[] => {
  const a = tokensOf(before);
  const b = tokensOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
    push(parts, 'removed', midA.join(''));
    push(parts, 'added', midB.join(''));
  } else {
    // lcs[i][j]: the LCS length of midA[i..] and midB[j..], row-major in one array.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(parts, 'same', midA[i]);
        i++;
        j++;
      } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
        push(parts, 'removed', midA[i++]);
      } else {
        push(parts, 'added', midB[j++]);
      }
    }
    while (i < n) push(parts, 'removed', midA[i++]);
    while (j < m) push(parts, 'added', midB[j++]);
  }
  push(parts, 'same', a.slice(endA).join(''));
  return parts;
};

/** How many words (not white space) each side of the diff changed. */
export const diffCounts = (parts: readonly DiffPart[]): { added: number; removed: number } => {
  const words = (text: string) => tokensOf(text).filter((t) => !/^\s+$/u.test(t)).length;
  let added = 0;
  let removed = 0;
  for (const p of parts) {
    if (p.op === 'added') added += words(p.text);
    if (p.op === 'removed') removed += words(p.text);
  }
  return { added, removed };
};

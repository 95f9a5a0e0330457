import { diffCounts, diffWords, type DiffPart } from './text-diff';

const before = (parts: DiffPart[]) => parts.filter((p) => p.op !== 'added').map((p) => p.text).join('');
const after = (parts: DiffPart[]) => parts.filter((p) => p.op !== 'removed').map((p) => p.text).join('');

describe('the word-level diff of two versions of an act', () => {
  it('shows a replaced word as removed then added, the rest as it was', () => {
    const parts = diffWords('Վճարը 500 դրամ է։', 'Վճարը 700 դրամ է։');
    expect(parts).toEqual([
      { op: 'same', text: 'Վճարը ' },
      { op: 'removed', text: '500' },
      { op: 'added', text: '700' },
      { op: 'same', text: ' դրամ է։' },
    ]);
    expect(diffCounts(parts)).toEqual({ added: 1, removed: 1 });
  });

  it('keeps both texts exactly, line breaks included', () => {
    const a = 'Article 1.\nThe fee is 500.\n\nArticle 2.\nIt is paid yearly.';
    const b = 'Article 1.\nThe fee is 700 drams.\n\nArticle 2.\nIt is paid monthly, by the 10th.\nArticle 3. New.';
    const parts = diffWords(a, b);
    expect(before(parts)).toBe(a);
    expect(after(parts)).toBe(b);
    expect(parts.filter((p) => p.op === 'same').map((p) => p.text).join('')).toContain('Article 2.');
  });

  it('finds nothing to change between equal texts, and everything between unrelated ones', () => {
    expect(diffWords('same text', 'same text')).toEqual([{ op: 'same', text: 'same text' }]);
    expect(diffWords('', 'new')).toEqual([{ op: 'added', text: 'new' }]);
    expect(diffCounts(diffWords('a b c', 'x y'))).toEqual({ added: 2, removed: 3 });
  });

  it('stays correct beyond the bound of its table (the middle removed then added)', () => {
    const a = Array.from({ length: 2500 }, (_, i) => `w${i}`).join(' ');
    const b = Array.from({ length: 2500 }, (_, i) => `v${i}`).join(' ');
    const parts = diffWords(`start ${a} end`, `start ${b} end`);
    expect(before(parts)).toBe(`start ${a} end`);
    expect(after(parts)).toBe(`start ${b} end`);
  });
});

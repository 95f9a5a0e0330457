/**
 * RFC 6962 tree, proofs and RFC 9162 verifiers against the published test vectors of
 * transparency-dev/merkle (testonly/constants.go, proof/verify_test.go, rfc6962/rfc6962_test.go;
 * the same 8-leaf set as Trillian's merkle/rfc6962 tests), their corruption probes, and a naive
 * reference implementation of the RFC's recursive definitions for every size up to 70.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  EMPTY_ROOT,
  MerkleFrontier,
  consistencyPath,
  foldRoot,
  hashChildren,
  hashLeaf,
  inclusionPath,
  memoryNodeReader,
  rootAt,
  rootFromInclusionProof,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type MerkleNode,
} from './merkle';

const h = (s: string): Buffer => Buffer.from(s, 'hex');

const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(h);

const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

/** Roots for tree sizes 0..8. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(h);

/** verify_test.go inclusionProofs: leaf is 1-based there. */
const INCLUSION = [
  { leaf: 1, size: 1, proof: [] as string[] },
  { leaf: 1, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { leaf: 6, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { leaf: 3, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { leaf: 2, size: 5, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];

const CONSISTENCY = [
  { size1: 1, size2: 1, proof: [] as string[] },
  { size1: 1, size2: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { size1: 6, size2: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { size1: 2, size2: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { size1: 6, size2: 7, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];

const SOME_HASH = h('abacaba000000000000000000000000000000000000000000060061e00123456');
const EMPTY_TREE_HASH = h('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

const leafHashes = LEAF_INPUTS.map(hashLeaf);
const reader = memoryNodeReader(leafHashes);

// ---- a naive reference: the RFC 6962 §2.1 definitions over the data, written as plainly as possible ----
// (over index ranges of one data array, with MTH memoised so that every size up to 70 stays quick)
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const naive = (d: readonly Buffer[]) => {
  const memo = new Map<string, Buffer>();
  const MTH = (b: number, e: number): Buffer => {
    const key = `${b}:${e}`;
    let r = memo.get(key);
    if (!r) {
      const n = e - b;
      r = n === 0 ? sha() : n === 1 ? sha(Buffer.from([0]), d[b]) : sha(Buffer.from([1]), MTH(b, b + k(n)), MTH(b + k(n), e));
      memo.set(key, r);
    }
    return r;
  };
  const PATH = (m: number, b: number, e: number): Buffer[] => {
    if (e - b === 1) return [];
    const kk = k(e - b);
    return m < kk ? [...PATH(m, b, b + kk), MTH(b + kk, e)] : [...PATH(m - kk, b + kk, e), MTH(b, b + kk)];
  };
  const SUBPROOF = (m: number, b: number, e: number, complete: boolean): Buffer[] => {
    if (m === e - b) return complete ? [] : [MTH(b, e)];
    const kk = k(e - b);
    return m <= kk ? [...SUBPROOF(m, b, b + kk, complete), MTH(b + kk, e)] : [...SUBPROOF(m - kk, b + kk, e, false), MTH(b, b + kk)];
  };
  return { MTH, PATH, SUBPROOF };
};
const cached = (read: (level: number, index: number) => Uint8Array) => {
  const memo = new Map<string, Uint8Array>();
  return (level: number, index: number) => {
    const key = `${level}:${index}`;
    if (!memo.has(key)) memo.set(key, read(level, index));
    return memo.get(key) as Uint8Array;
  };
};
const data = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i} ${'x'.repeat(i % 7)}`));

describe('RFC 6962 hashing', () => {
  test('the empty tree, an empty leaf, a leaf and a node match the published hashes', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashLeaf(Buffer.alloc(0)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(hashLeaf(Buffer.from('L123456')).toString('hex')).toBe('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
    expect(hashChildren(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe('aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb');
  });

  test('leaf and node hashing are domain-separated and order-sensitive', () => {
    const a = hashLeaf(Buffer.from('Hello'));
    const b = hashLeaf(Buffer.from('World'));
    expect(a.equals(b)).toBe(false);
    expect(hashChildren(a, b).equals(hashLeaf(Buffer.concat([a, b])))).toBe(false);
    expect(hashChildren(a, b).equals(hashChildren(b, a))).toBe(false);
  });

  test('every complete subtree of the 8-leaf tree matches the published node hashes', () => {
    NODE_HASHES.forEach((level, l) => level.forEach((hash, i) => expect(Buffer.from(reader(l, i)).toString('hex')).toBe(hash)));
  });

  test.each(ROOTS.map((root, size) => [size, root.toString('hex')]))('root of the first %i leaves is %s', (size, root) => {
    expect(rootAt(reader, size as number).toString('hex')).toBe(root);
    expect(rootOfLeafHashes(leafHashes.slice(0, size as number)).toString('hex')).toBe(root);
  });

  test('the frontier reaches every published root leaf by leaf and reports the complete subtrees it finishes', () => {
    const f = new MerkleFrontier();
    const completed: MerkleNode[] = [];
    expect(f.root().equals(ROOTS[0])).toBe(true);
    leafHashes.forEach((leaf, i) => {
      f.append(leaf, completed);
      expect(f.size).toBe(i + 1);
      expect(f.root().toString('hex')).toBe(ROOTS[i + 1].toString('hex'));
    });
    expect(completed.map((n) => [n.level, n.index, n.hash.toString('hex')])).toEqual(
      expect.arrayContaining(NODE_HASHES.slice(1).flatMap((level, l) => level.map((hash, i) => [l + 1, i, hash]))),
    );
    expect(completed).toHaveLength(7);
    // Reloading from stored subtrees gives the same compact range.
    for (let size = 0; size <= 8; size++) expect(MerkleFrontier.load(reader, size).root().equals(ROOTS[size])).toBe(true);
  });
});

describe('inclusion proofs (RFC 6962 PATH, RFC 9162 §2.1.3.2)', () => {
  test.each(INCLUSION)('leaf $leaf of $size: the published proof is generated and verifies', ({ leaf, size, proof }) => {
    const path = inclusionPath(reader, leaf - 1, size);
    expect(path.map((p) => p.toString('hex'))).toEqual(proof);
    expect(verifyInclusion(leaf - 1, size, leafHashes[leaf - 1], path, ROOTS[size])).toBe(true);
    expect(rootFromInclusionProof(leaf - 1, size, leafHashes[leaf - 1], path)?.equals(ROOTS[size])).toBe(true);
  });

  test.each(INCLUSION.filter((v) => v.size > 1))('leaf $leaf of $size: every corruption of the published proof is rejected', ({ leaf, size, proof }) => {
    const index = leaf - 1;
    const path = proof.map(h);
    const root = ROOTS[size];
    const leafHash = leafHashes[index];
    const probes: Array<[string, number, number, Buffer, Buffer[], Buffer]> = [
      ['leafIndex - 1', index - 1, size, leafHash, path, root],
      ['leafIndex + 1', index + 1, size, leafHash, path, root],
      ['leafIndex ^ 2', index ^ 2, size, leafHash, path, root],
      ['treeSize * 2', index, size * 2, leafHash, path, root],
      ['treeSize / 2', index, Math.floor(size / 2), leafHash, path, root],
      ['wrong leaf', index, size, Buffer.from('WrongLeaf'), path, root],
      ['empty root', index, size, leafHash, path, EMPTY_TREE_HASH],
      ['random root', index, size, leafHash, path, SOME_HASH],
      ['trailing garbage', index, size, leafHash, [...path, Buffer.alloc(0)], root],
      ['trailing root', index, size, leafHash, [...path, root], root],
      ['preceding garbage', index, size, leafHash, [Buffer.alloc(0), ...path], root],
      ['preceding root', index, size, leafHash, [root, ...path], root],
      ['removed component', index, size, leafHash, path.slice(0, -1), root],
      ['inserted component', index, size, leafHash, [path[0], SOME_HASH, ...path.slice(1)], root],
      ...path.map((_, i): [string, number, number, Buffer, Buffer[], Buffer] => {
        const wrong = path.map((p) => Buffer.from(p));
        wrong[i][0] ^= 8;
        return [`modified proof[${i}] bit 3`, index, size, leafHash, wrong, root];
      }),
    ];
    const accepted = probes.filter(([, i, n, l, p, r]) => verifyInclusion(i, n, l, p, r)).map(([name]) => name);
    expect(accepted).toEqual([]);
  });

  test('degenerate inputs are rejected', () => {
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ]) {
      expect(verifyInclusion(index, size, SOME_HASH, [], Buffer.alloc(0))).toBe(false);
      expect(verifyInclusion(index, size, Buffer.alloc(0), [], EMPTY_TREE_HASH)).toBe(false);
      expect(verifyInclusion(index, size, SOME_HASH, [], EMPTY_TREE_HASH)).toBe(false);
    }
    const single = hashLeaf(Buffer.from('data'));
    expect(verifyInclusion(0, 1, single, [], single)).toBe(true);
    expect(verifyInclusion(0, 1, single, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(0, 1, Buffer.alloc(0), [], Buffer.alloc(0))).toBe(false);
    expect(() => inclusionPath(reader, 8, 8)).toThrow(RangeError);
  });
});

describe('consistency proofs (RFC 6962 PROOF, RFC 9162 §2.1.4.2)', () => {
  test.each(CONSISTENCY)('$size1 → $size2: the published proof is generated and verifies', ({ size1, size2, proof }) => {
    const path = consistencyPath(reader, size1, size2);
    expect(path.map((p) => p.toString('hex'))).toEqual(proof);
    expect(verifyConsistency(size1, size2, path, ROOTS[size1], ROOTS[size2])).toBe(true);
  });

  test.each(CONSISTENCY.filter((v) => v.proof.length > 0))('$size1 → $size2: every corruption of the published proof is rejected', ({ size1, size2, proof }) => {
    const path = proof.map(h);
    const root1 = ROOTS[size1];
    const root2 = ROOTS[size2];
    const probes: Array<[string, number, number, Buffer, Buffer, Buffer[]]> = [
      ['size1 - 1', size1 - 1, size2, root1, root2, path],
      ['size1 + 1', size1 + 1, size2, root1, root2, path],
      ['size1 ^ 2', size1 ^ 2, size2, root1, root2, path],
      ['size2 * 2', size1, size2 * 2, root1, root2, path],
      ['size2 / 2', size1, Math.floor(size2 / 2), root1, root2, path],
      ['wrong root1', size1, size2, Buffer.from('WrongRoot'), root2, path],
      ['wrong root2', size1, size2, root1, Buffer.from('WrongRoot'), path],
      ['swapped roots', size1, size2, root2, root1, path],
      ['empty proof', size1, size2, root1, root2, []],
      ['trailing garbage', size1, size2, root1, root2, [...path, Buffer.alloc(0)]],
      ['trailing root1', size1, size2, root1, root2, [...path, root1]],
      ['trailing root2', size1, size2, root1, root2, [...path, root2]],
      ['preceding garbage', size1, size2, root1, root2, [Buffer.alloc(0), ...path]],
      ['preceding root1', size1, size2, root1, root2, [root1, ...path]],
      ['preceding root2', size1, size2, root1, root2, [root2, ...path]],
      ['preceding proof[0]', size1, size2, root1, root2, [path[0], ...path]],
      ['truncated proof', size1, size2, root1, root2, path.slice(0, -1)],
      ...path.map((_, i): [string, number, number, Buffer, Buffer, Buffer[]] => {
        const wrong = path.map((p) => Buffer.from(p));
        wrong[i][0] ^= 16;
        return [`modified proof[${i}] bit 4`, size1, size2, root1, root2, wrong];
      }),
    ];
    const accepted = probes.filter(([, m, n, r1, r2, p]) => verifyConsistency(m, n, p, r1, r2)).map(([name]) => name);
    expect(accepted).toEqual([]);
  });

  test('the edge cases of verify_test.go TestVerifyConsistency', () => {
    const root1 = Buffer.from("don't care 1");
    const root2 = Buffer.from("don't care 2");
    const cases: Array<[number, number, Buffer, Buffer, Buffer[], boolean]> = [
      [0, 0, root1, root2, [], false],
      [1, 1, root1, root2, [], false],
      [0, 0, root1, root1, [], true],
      [0, 1, root1, root2, [], true],
      [1, 1, root2, root2, [], true],
      [1, 0, root1, root2, [], false],
      [2, 1, root1, root2, [], false],
      [1, 2, root1, root2, [], false],
      [0, 0, EMPTY_TREE_HASH, root2, [], false],
      [1, 1, EMPTY_TREE_HASH, root2, [], false],
      [0, 0, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH], false],
      [0, 1, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH], false],
      [1, 1, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH], false],
    ];
    for (const [m, n, r1, r2, p, ok] of cases) expect([m, n, verifyConsistency(m, n, p, r1, r2)]).toEqual([m, n, ok]);
  });
});

describe('against the naive reference for every size up to 70', () => {
  const all = data(70);
  const hashes = all.map(hashLeaf);
  const read = cached(memoryNodeReader(hashes));
  const { MTH, PATH, SUBPROOF } = naive(all);
  const hexes = (xs: Buffer[]) => xs.map((x) => x.toString('hex'));

  test('roots, inclusion paths and consistency proofs equal the RFC definitions, and verify', () => {
    const frontier = new MerkleFrontier();
    for (let n = 1; n <= all.length; n++) {
      frontier.append(hashes[n - 1]);
      const root = MTH(0, n);
      expect(rootAt(read, n).equals(root)).toBe(true);
      expect(frontier.root().equals(root)).toBe(true);
      for (let m = 0; m < n; m++) {
        const path = inclusionPath(read, m, n);
        expect(hexes(path)).toEqual(hexes(PATH(m, 0, n)));
        expect(verifyInclusion(m, n, hashes[m], path, root)).toBe(true);
        expect(verifyInclusion(m, n, hashes[(m + 1) % n], path, root)).toBe(n === 1);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyPath(read, m, n);
        expect(hexes(proof)).toEqual(hexes(m === n ? [] : SUBPROOF(m, 0, n, true)));
        expect(verifyConsistency(m, n, proof, MTH(0, m), root)).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, proof, MTH(1, m + 1), root)).toBe(false);
      }
    }
  });

  test('pushing aligned subtrees builds the same compact range as appending leaves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 4 }), (n, chunkLevel) => {
        const chunk = 2 ** chunkLevel;
        const f = new MerkleFrontier();
        for (let start = 0; start < n; start += chunk) {
          const part = new MerkleFrontier();
          for (let i = start; i < Math.min(n, start + chunk); i++) part.append(hashes[i]);
          for (const node of part.nodes()) f.pushSubtree(node.level, node.hash);
        }
        expect(f.size).toBe(n);
        expect(f.root().equals(rootOfLeafHashes(hashes.slice(0, n)))).toBe(true);
        expect(foldRoot(f.nodes().map((x) => x.hash)).equals(f.root())).toBe(true);
      }),
    );
  });
});

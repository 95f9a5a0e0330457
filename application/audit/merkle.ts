/**
 * RFC 6962 / RFC 9162 Merkle tree hashing, proofs and proof verification.
 *
 * Written here rather than taken from npm on purpose: at the time of writing no maintained npm
 * package implements the RFC 6962 tree exactly (leaf = SHA-256(0x00 ‖ d), node = SHA-256(0x01 ‖ l ‖ r),
 * split at the largest power of two smaller than n, no duplication of odd nodes) together with
 * PATH / PROOF generation for any earlier size and the RFC 9162 §2.1.3.2 / §2.1.4.2 verifiers
 * (`merkletreejs` builds Bitcoin-style trees; `@sigstore/verify` only verifies inclusion internally).
 * The code is small and is checked against the published transparency-dev/merkle test vectors
 * (merkle.unit.test.ts).
 *
 * Sizes and indices are JavaScript numbers (safe up to 2^53 leaves); bit operations are written with
 * arithmetic so they stay correct above 2^31.
 */
import { createHash, hash as oneShot } from 'node:crypto';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);

const sha256 = (...parts: readonly Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = sha256();

/** MTH({d}) = SHA-256(0x00 ‖ d). */
export const hashLeaf = (data: Uint8Array): Buffer => oneShot('sha256', Buffer.concat([LEAF_PREFIX, data]), 'buffer');

const NODE = Buffer.alloc(1 + 2 * HASH_SIZE);
NODE[0] = 0x01;
/** SHA-256(0x01 ‖ left ‖ right). */
export const hashChildren = (left: Uint8Array, right: Uint8Array): Buffer => {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    NODE.set(left, 1);
    NODE.set(right, 1 + HASH_SIZE);
    // One-shot hashing: about twice as fast as createHash() for inputs this small.
    return oneShot('sha256', NODE, 'buffer');
  }
  return sha256(NODE.subarray(0, 1), left, right);
};

const half = (x: number): number => Math.floor(x / 2);
const odd = (x: number): boolean => x % 2 === 1;

/** The largest power of two strictly smaller than n (n ≥ 2). */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const isPowerOfTwo = (n: number): boolean => {
  if (n < 1) return false;
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
};

const log2Exact = (n: number): number => {
  let level = 0;
  for (let k = 1; k < n; k *= 2) level++;
  return level;
};

/**
 * Where node hashes come from when building proofs: `node(level, index)` is the hash of the complete
 * subtree over leaves [index·2^level, (index+1)·2^level); level 0 is the leaf hash.
 */
export type NodeReader = (level: number, index: number) => Uint8Array;

/** A complete subtree by place: leaves [index·2^level, (index+1)·2^level). */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/**
 * The stored subtrees `compute` reads, found by running it over placeholder hashes: which nodes a root,
 * proof or frontier reads depends only on sizes and indices, never on hash values.
 */
export const plannedReads = (compute: (read: NodeReader) => unknown): NodeRef[] => {
  const refs = new Map<string, NodeRef>();
  const placeholder = Buffer.alloc(HASH_SIZE);
  compute((level, index) => {
    refs.set(`${level}:${index}`, { level, index });
    return placeholder;
  });
  return [...refs.values()];
};

/**
 * Runs `compute` over hashes from a store that answers asynchronously (over the network): plans its
 * reads, fetches them all in one request, then computes from what was fetched.
 */
export const computeWithStoredNodes = async <T>(
  fetch: (refs: readonly NodeRef[]) => Promise<readonly Uint8Array[]> | readonly Uint8Array[],
  compute: (read: NodeReader) => T,
): Promise<T> => {
  const refs = plannedReads(compute);
  const hashes = refs.length === 0 ? [] : await fetch(refs);
  const byPlace = new Map<string, Uint8Array>();
  refs.forEach((ref, i) => byPlace.set(`${ref.level}:${ref.index}`, hashes[i]));
  return compute((level, index) => {
    const hash = byPlace.get(`${level}:${index}`);
    if (hash === undefined) throw new Error(`The audit tree has no node at level ${level}, index ${index}`);
    return hash;
  });
};

/** MTH(D[begin:end]) from stored complete-subtree hashes: O(log n) reads for any range the RFC recursion visits. */
export const subtreeHash = (read: NodeReader, begin: number, end: number): Buffer => {
  const size = end - begin;
  if (size <= 0) throw new RangeError(`empty subtree [${begin}, ${end})`);
  if (isPowerOfTwo(size) && begin % size === 0) return Buffer.from(read(log2Exact(size), begin / size));
  const k = splitPoint(size);
  return hashChildren(subtreeHash(read, begin, begin + k), subtreeHash(read, begin + k, end));
};

/** The root hash of the tree of the first `size` leaves. */
export const rootAt = (read: NodeReader, size: number): Buffer => (size === 0 ? Buffer.from(EMPTY_ROOT) : subtreeHash(read, 0, size));

/** MTH over a list of leaf hashes (reference implementation, straight from the RFC's recursion). */
export const rootOfLeafHashes = (leafHashes: readonly Uint8Array[]): Buffer =>
  leafHashes.length === 0 ? Buffer.from(EMPTY_ROOT) : rootOfRange(leafHashes, 0, leafHashes.length);

const rootOfRange = (leafHashes: readonly Uint8Array[], begin: number, end: number): Buffer => {
  if (end - begin === 1) return Buffer.from(leafHashes[begin]);
  const k = splitPoint(end - begin);
  return hashChildren(rootOfRange(leafHashes, begin, begin + k), rootOfRange(leafHashes, begin + k, end));
};

/** A reader over leaf hashes held in memory (complete subtrees computed on demand; for tests and small trees). */
export const memoryNodeReader = (leafHashes: readonly Uint8Array[]): NodeReader => (level, index) =>
  level === 0 ? leafHashes[index] : rootOfRange(leafHashes, index * 2 ** level, (index + 1) * 2 ** level);

/** RFC 6962 §2.1.1 PATH(m, D[n]): the audit path of leaf `index` in the tree of `size` leaves, leaf side first. */
export const inclusionPath = (read: NodeReader, index: number, size: number): Buffer[] => {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  const path = (m: number, begin: number, end: number): Buffer[] => {
    if (end - begin === 1) return [];
    const k = splitPoint(end - begin);
    return m < k
      ? [...path(m, begin, begin + k), subtreeHash(read, begin + k, end)]
      : [...path(m - k, begin + k, end), subtreeHash(read, begin, begin + k)];
  };
  return path(index, 0, size);
};

/** RFC 6962 §2.1.2 PROOF(m, D[n]): the consistency proof between the trees of sizes m and n (0 < m ≤ n; empty when m = n). */
export const consistencyPath = (read: NodeReader, m: number, n: number): Buffer[] => {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  if (m === 0 || m === n) return [];
  const sub = (mm: number, begin: number, end: number, complete: boolean): Buffer[] => {
    const size = end - begin;
    if (mm === size) return complete ? [] : [subtreeHash(read, begin, end)];
    const k = splitPoint(size);
    return mm <= k
      ? [...sub(mm, begin, begin + k, complete), subtreeHash(read, begin + k, end)]
      : [...sub(mm - k, begin + k, end, false), subtreeHash(read, begin, begin + k)];
  };
  return sub(m, 0, n, true);
};

const sameHash = (a: Uint8Array, b: Uint8Array): boolean => a.length === HASH_SIZE && b.length === HASH_SIZE && Buffer.compare(a, b) === 0;
const validHashes = (hashes: readonly Uint8Array[]): boolean => hashes.every((h) => h.length === HASH_SIZE);

/**
 * RFC 9162 §2.1.3.2: the root an inclusion proof implies, or null when the proof cannot be valid
 * for that index and size (too long, too short, malformed hashes).
 */
export const rootFromInclusionProof = (leafIndex: number, treeSize: number, leafHash: Uint8Array, path: readonly Uint8Array[]): Buffer | null => {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return null;
  if (leafHash.length !== HASH_SIZE || !validHashes(path)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of path) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
};

/** RFC 9162 §2.1.3.2: true when `path` proves that `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves with root `root`. */
export const verifyInclusion = (leafIndex: number, treeSize: number, leafHash: Uint8Array, path: readonly Uint8Array[], root: Uint8Array): boolean => {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, path);
  return computed !== null && sameHash(computed, root);
};

/**
 * RFC 9162 §2.1.4.2: true when `path` proves that the tree of size `first` (root `firstRoot`) is a
 * prefix of the tree of size `second` (root `secondRoot`). Size 0 is consistent with everything (empty
 * proof); equal sizes need equal roots and an empty proof.
 */
export const verifyConsistency = (
  first: number,
  second: number,
  path: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): boolean => {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || second < first) return false;
  if (first === second) return path.length === 0 && Buffer.compare(firstRoot, secondRoot) === 0;
  if (first === 0) return path.length === 0;
  if (path.length === 0 || !validHashes(path) || firstRoot.length !== HASH_SIZE || secondRoot.length !== HASH_SIZE) return false;
  // Step 2: when `first` is an exact power of two, the old root itself starts the path.
  const proof: readonly Uint8Array[] = isPowerOfTwo(first) ? [firstRoot, ...path] : path;
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(proof[0]);
  let sr: Buffer = Buffer.from(proof[0]);
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(fr, firstRoot) && sameHash(sr, secondRoot);
};

/** A complete subtree with its hash. */
export interface MerkleNode extends NodeRef {
  readonly hash: Buffer;
}

/**
 * The compact range [0, size) of an append-only tree (RFC 9162's "frontier"): the roots of the
 * O(log n) complete subtrees the size decomposes into, largest first. Appending a leaf costs
 * O(log n) hashes and reports the complete subtrees it finished, so a store can persist them;
 * the root of the current size costs O(log n) hashes.
 */
export class MerkleFrontier {
  private readonly hashes: Buffer[] = [];
  private readonly levels: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Rebuilds the frontier of `size` leaves from stored complete subtrees. */
  static load(read: NodeReader, size: number): MerkleFrontier {
    const f = new MerkleFrontier();
    let offset = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (size - offset >= width) {
        f.pushSubtree(level, Buffer.from(read(level, offset / width)));
        offset += width;
      }
    }
    return f;
  }

  /** Appends one leaf hash; returns the complete subtrees (level ≥ 1) this append finished. */
  append(leafHash: Uint8Array, completed?: MerkleNode[]): void {
    this.pushSubtree(0, Buffer.from(leafHash), completed);
  }

  /**
   * Appends the root of a complete subtree of 2^level leaves; the current size must be a multiple of
   * 2^level (as it is when whole aligned chunks are appended in order).
   */
  pushSubtree(level: number, hash: Buffer, completed?: MerkleNode[]): void {
    const width = 2 ** level;
    if (this.count % width !== 0) throw new RangeError(`a subtree of 2^${level} leaves cannot start at ${this.count}`);
    if (this.levels.length > 0 && this.levels[this.levels.length - 1] < level) {
      throw new RangeError(`a subtree of 2^${level} leaves cannot follow one of 2^${this.levels[this.levels.length - 1]}`);
    }
    let h = hash;
    let l = level;
    this.count += width;
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === l) {
      const left = this.hashes.pop() as Buffer;
      this.levels.pop();
      h = hashChildren(left, h);
      l += 1;
      completed?.push({ level: l, index: this.count / 2 ** l - 1, hash: h });
    }
    this.hashes.push(h);
    this.levels.push(l);
  }

  /** The complete subtrees of the current size, largest (leftmost) first. */
  nodes(): MerkleNode[] {
    let offset = 0;
    return this.hashes.map((hash, i) => {
      const level = this.levels[i];
      const node = { level, index: offset / 2 ** level, hash };
      offset += 2 ** level;
      return node;
    });
  }

  /** MTH of the first `size` leaves. */
  root(): Buffer {
    return foldRoot(this.hashes);
  }
}

/** The root of a tree given the roots of its compact range, largest first. */
export const foldRoot = (hashes: readonly Uint8Array[]): Buffer => {
  if (hashes.length === 0) return Buffer.from(EMPTY_ROOT);
  let r: Buffer = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i--) r = hashChildren(hashes[i], r);
  return r;
};

// Near-duplicate macros. Libraries grow by copy-and-tweak, so the same reply (and the same
// problem) often lives in several macros. Similarity is the Jaccard index of word 3-gram shingles
// over the clean text (placeholders count as one token, so two macros that differ only in their
// merge fields are duplicates). MinHash signatures with LSH banding find candidate pairs without
// comparing every pair; each candidate is then confirmed with the exact Jaccard index, so the
// reported similarity is exact and the banding only decides what is looked at.
//
// Banding: 32 bands of 4 rows. A pair with similarity s becomes a candidate with probability
// 1 - (1 - s^4)^32, which is above 99.9% at s = 0.6 and about 4% at s = 0.2, so any threshold
// from 0.6 up is found essentially always.

export interface DuplicatePair {
  a: number;
  b: number;
  similarity: number;
}

const BANDS = 32;
const ROWS = 4;
const HASHES = BANDS * ROWS;
const PRIME = 4294967311; // > 2^32

/** Word 3-gram shingles of a clean text (lower-cased words, numbers and placeholders). */
export function shingles(cleanText: string, n = 3): Set<string> {
  const words = cleanText.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|\uFFFC/gu) ?? [];
  const out = new Set<string>();
  if (words.length === 0) return out;
  if (words.length < n) {
    out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// Fixed coefficients from a small deterministic generator: the same library always yields the
// same candidates, so reports are reproducible.
const COEFFS: Array<[number, number]> = (() => {
  let x = 0x9e3779b9;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return Array.from({ length: HASHES }, () => [(next() % (PRIME - 1)) + 1, next() % PRIME] as [number, number]);
})();

/** (a*x + b) mod p without losing precision: split a into 16-bit halves. */
function mulAddMod(a: number, x: number, b: number): number {
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  const t = ((hi * x) % PRIME) * 65536 % PRIME;
  return (t + lo * x + b) % PRIME;
}

export function minhash(set: ReadonlySet<string>): Float64Array {
  const sig = new Float64Array(HASHES).fill(Number.POSITIVE_INFINITY);
  for (const s of set) {
    const x = fnv1a(s);
    for (let i = 0; i < HASHES; i++) {
      const [a, b] = COEFFS[i]!;
      const v = mulAddMod(a, x, b);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Pairs of texts whose shingle sets have Jaccard similarity >= threshold, most similar first. */
export function findNearDuplicates(sets: readonly ReadonlySet<string>[], threshold: number): DuplicatePair[] {
  const sigs = sets.map((s) => (s.size ? minhash(s) : null));
  const candidates = new Set<number>();
  const n = sets.length;
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const sig = sigs[i];
      if (!sig) continue;
      let key = '';
      for (let r = 0; r < ROWS; r++) key += `${sig[band * ROWS + r]},`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const list of buckets.values()) {
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) candidates.add(list[x]! * n + list[y]!);
    }
  }
  const out: DuplicatePair[] = [];
  for (const c of candidates) {
    const a = Math.floor(c / n);
    const b = c % n;
    const similarity = jaccard(sets[a]!, sets[b]!);
    if (similarity >= threshold) out.push({ a, b, similarity });
  }
  return out.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
}

/** Group pairs into clusters of macros that are near-copies of each other (connected components). */
export function clusters(pairs: readonly DuplicatePair[]): number[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const p of pairs) {
    if (!parent.has(p.a)) parent.set(p.a, p.a);
    if (!parent.has(p.b)) parent.set(p.b, p.b);
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    const g = groups.get(r);
    if (g) g.push(x);
    else groups.set(r, [x]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => a - b)).sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

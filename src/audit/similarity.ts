// Near-duplicate macros. Libraries grow by copy-and-tweak, so the same reply (and the same
// problem) often lives in several macros. Similarity is the Jaccard index of word 3-gram shingles
// over the clean text (placeholders count as one token, so two macros that differ only in their
// merge fields are duplicates). Identical texts are grouped by fingerprint; for the rest, MinHash
// signatures with LSH banding propose candidates, and every link is confirmed with the exact
// Jaccard index, so a reported similarity is always exact.
//
// Banding: 32 bands of 4 rows. A pair with similarity s shares a band with probability
// 1 - (1 - s^4)^32: above 99.9% at s = 0.6, about 4% at s = 0.2, so any threshold from 0.6 up is
// found essentially always. Groups are connected components; inside one LSH bucket a macro is
// only compared until it joins a group (at most MAX_TRIES misses), which keeps a library made of
// hundreds of variants of one template linear instead of quadratic.

export interface DuplicateGroupIndexes {
  /** Indexes of the texts, ascending. */
  members: number[];
  /** Highest confirmed similarity between two members. */
  similarity: number;
}

const BANDS = 32;
const ROWS = 4;
const HASHES = BANDS * ROWS;
const MAX_TRIES = 8;

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

function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A strong 32-bit finaliser (murmur3 fmix32), so double hashing gives independent-looking values. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MinHash signature: HASHES minima of h1 + i*h2 (Kirsch-Mitzenmacher double hashing). Deterministic. */
export function minhash(set: ReadonlySet<string>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of set) {
    const h1 = fnv1a(s);
    const h2 = fnv1a(s, 0x9747b28c) | 1;
    for (let i = 0; i < HASHES; i++) {
      const v = mix((h1 + Math.imul(i, h2)) >>> 0);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

function fingerprint(set: ReadonlySet<string>): string {
  return [...set].sort().join('\u0000');
}

/** Groups of texts whose shingle sets are linked by Jaccard similarity >= threshold, largest first. */
export function nearDuplicateGroups(sets: readonly ReadonlySet<string>[], threshold: number): DuplicateGroupIndexes[] {
  const n = sets.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const best = new Float64Array(n);
  const linked = new Uint8Array(n);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const next = parent[x]!;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const link = (a: number, b: number, similarity: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    best[a] = Math.max(best[a]!, similarity);
    best[b] = Math.max(best[b]!, similarity);
    linked[a] = 1;
    linked[b] = 1;
  };

  // Identical texts first: similarity 1, no hashing needed.
  const byPrint = new Map<string, number>();
  const reps: number[] = [];
  for (let i = 0; i < n; i++) {
    if (sets[i]!.size === 0) continue;
    const fp = fingerprint(sets[i]!);
    const first = byPrint.get(fp);
    if (first === undefined) {
      byPrint.set(fp, i);
      reps.push(i);
    } else {
      link(first, i, 1);
    }
  }
  if (threshold <= 1) {
    const sigs = new Map(reps.map((i) => [i, minhash(sets[i]!)]));
    const tried = new Set<number>();
    for (let band = 0; band < BANDS; band++) {
      const buckets = new Map<string, number[]>();
      for (const i of reps) {
        const sig = sigs.get(i)!;
        let key = '';
        for (let r = 0; r < ROWS; r++) key += `${sig[band * ROWS + r]},`;
        const list = buckets.get(key);
        if (list) list.push(i);
        else buckets.set(key, [i]);
      }
      for (const list of buckets.values()) {
        if (list.length < 2) continue;
        // One member per group already met in this bucket: a newcomer is compared with each
        // group once, not with every member of it.
        const seen: number[] = [list[0]!];
        for (let x = 1; x < list.length; x++) {
          const a = list[x]!;
          let misses = 0;
          for (const b of seen) {
            if (misses >= MAX_TRIES) break;
            if (find(a) === find(b)) continue;
            const key = b * n + a;
            if (tried.has(key)) continue;
            tried.add(key);
            const similarity = jaccard(sets[a]!, sets[b]!);
            if (similarity >= threshold) link(a, b, similarity);
            else misses++;
          }
          const ra = find(a);
          if (!seen.some((b) => find(b) === ra)) seen.push(a);
        }
      }
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!linked[i]) continue;
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()]
    .map((members) => ({ members, similarity: Math.max(...members.map((m) => best[m]!)) }))
    .sort((a, b) => b.members.length - a.members.length || b.similarity - a.similarity || a.members[0]! - b.members[0]!);
}

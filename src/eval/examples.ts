// Deterministic example ids. Sorting by a stable hash of the id (then by the id) spreads the examples
// across brands and conversations instead of taking the alphabetically first ones, and the chosen
// ids only change when the set of candidates changes: a reviewed id stays chosen while it still hits.

/** 32-bit FNV-1a over the UTF-16 code units of `s`. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Candidates in example order (hash, then id); duplicates removed. */
export function exampleOrder(ids: Iterable<string>): string[] {
  const unique = [...new Set(ids)];
  const keyed = unique.map((id) => [stableHash(id), id] as const);
  keyed.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return keyed.map(([, id]) => id);
}

/** Up to `n` example ids, independent of the order they were given in. */
export function pickExamples(ids: Iterable<string>, n = 10): string[] {
  return exampleOrder(ids).slice(0, Math.max(0, n));
}

/** Natural-order comparison so "twcs-9" sorts before "twcs-10" in listings. */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

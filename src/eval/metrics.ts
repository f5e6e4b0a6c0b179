// Counting and interval arithmetic for the evaluation harness. Everything returns null rather than
// NaN or 0 when a denominator is empty, so a report can say "no data" instead of a misleading 0%.

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Rate {
  /** How many matched. */
  k: number;
  /** Out of how many. */
  n: number;
  /** k / n, or null when n is 0. */
  rate: number | null;
  /** Wilson score 95% interval, or null when n is 0. */
  low: number | null;
  high: number | null;
}

export interface PrecisionRecall {
  confusion: Confusion;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
}

export const Z95 = 1.959963984540054;

/** Confusion counts of a binary prediction against a binary label. */
export function confusion<T>(items: Iterable<T>, predicted: (item: T) => boolean, actual: (item: T) => boolean): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const item of items) {
    const p = predicted(item);
    const a = actual(item);
    if (p && a) c.tp++;
    else if (p) c.fp++;
    else if (a) c.fn++;
    else c.tn++;
  }
  return c;
}

export function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

export function precision(c: Confusion): number | null {
  return ratio(c.tp, c.tp + c.fp);
}

export function recall(c: Confusion): number | null {
  return ratio(c.tp, c.tp + c.fn);
}

/** Harmonic mean of precision and recall; null when either is undefined, 0 when both are 0. */
export function f1(c: Confusion): number | null {
  const p = precision(c);
  const r = recall(c);
  if (p === null || r === null) return null;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function accuracy(c: Confusion): number | null {
  return ratio(c.tp + c.tn, c.tp + c.fp + c.fn + c.tn);
}

export function precisionRecall(c: Confusion): PrecisionRecall {
  return { confusion: c, precision: precision(c), recall: recall(c), f1: f1(c), accuracy: accuracy(c) };
}

/**
 * Wilson score interval for k successes in n trials. Chosen over the normal approximation because
 * most rates here sit near 0% or 100% on a few hundred rows, where the normal interval leaves [0, 1].
 */
export function wilson(k: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilson: expected integers 0 <= k <= n, got k=${k}, n=${n}`);
  }
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp away floating-point dust so k=0 gives exactly 0 and k=n exactly 1.
  return { low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

export function rate(k: number, n: number): Rate {
  const w = wilson(k, n);
  return { k, n, rate: ratio(k, n), low: w?.low ?? null, high: w?.high ?? null };
}

/** The rate of the other outcome: k' = n - k, with the interval mirrored. */
export function complement(r: Rate): Rate {
  return rate(r.n - r.k, r.n);
}

/** Rate of items for which `hit` holds. */
export function rateOf<T>(items: readonly T[], hit: (item: T) => boolean): Rate {
  let k = 0;
  for (const item of items) if (hit(item)) k++;
  return rate(k, items.length);
}

/** 0.1234 -> "12.3%"; null -> "n/a". */
export function pct(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}

/** "12.3% (37/300, 95% CI 8.9–16.5%)" style cell, compact. */
export function rateCell(r: Rate): string {
  if (r.n === 0) return 'n/a (0 rows)';
  return `${pct(r.rate)} (${r.k}/${r.n}; ${pct(r.low)}–${pct(r.high)})`;
}

// Score distributions: fixed-width histogram buckets plus median and mean, so sources can be
// compared at a glance (brand replies should sit high, therapist answers low).

export interface Distribution {
  n: number;
  mean: number | null;
  median: number | null;
  /** Counts per bucket, lowest first; labels say which scores each holds. */
  buckets: Array<{ label: string; from: number; to: number; count: number }>;
}

/**
 * Buckets of `width` over [0, 100]; the last bucket is closed so a perfect 100 is counted
 * (with width 10: 0–9, 10–19, …, 90–100). Scores outside [0, 100] are clamped into the range.
 */
export function histogram(scores: readonly number[], width = 10): Distribution['buckets'] {
  if (!(width > 0 && Number.isInteger(width) && 100 % width === 0)) {
    throw new RangeError(`histogram: bucket width must be a positive divisor of 100, got ${width}`);
  }
  const count = 100 / width;
  const buckets = Array.from({ length: count }, (_, i) => {
    const from = i * width;
    const to = i === count - 1 ? 100 : from + width - 1;
    return { label: `${from}–${to}`, from, to, count: 0 };
  });
  for (const s of scores) {
    const clamped = Math.max(0, Math.min(100, s));
    const i = Math.min(count - 1, Math.floor(clamped / width));
    buckets[i]!.count++;
  }
  return buckets;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function distribution(scores: readonly number[], width = 10): Distribution {
  return { n: scores.length, mean: mean(scores), median: median(scores), buckets: histogram(scores, width) };
}

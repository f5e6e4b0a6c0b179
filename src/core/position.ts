// Offsets to 1-based line/column. Columns count user-perceived characters (grapheme clusters), as
// editors do, so an emoji or a combining accent is one column. CRLF and lone CR both end a line.

// Created on first use: building a Segmenter loads ICU break data (tens of ms), and ASCII lines,
// the common case, never need it.
let graphemes: Intl.Segmenter | undefined;
const segmenter = (): Intl.Segmenter => (graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
/** Up to this many characters before the offset, counting directly is cheaper than a cluster table. */
const LONG_LINE = 512;

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.starts[lo]!;
    if (o - lineStart < LONG_LINE) return { line: lo + 1, column: graphemeCount(this.text.slice(lineStart, o)) + 1 };
    // Counting from the line start for every finding was quadratic on a long line (a 2 MB
    // one-line draft took minutes): segment a long line once and binary-search its clusters.
    const clusters = this.clustersOf(lo);
    if (!clusters) return { line: lo + 1, column: o - lineStart + 1 };
    let a = 0;
    let b = clusters.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (clusters[mid]! < o) a = mid + 1;
      else b = mid;
    }
    // The clusters before o, counted as graphemeCount(slice(lineStart, o)) would (breaks only look
    // back); an offset inside a cluster (half an emoji) counts the cut cluster's pieces as the slice would.
    if (a === 0 || clusters[a] === o) return { line: lo + 1, column: a + 1 };
    return { line: lo + 1, column: a + graphemeCount(this.text.slice(clusters[a - 1]!, o)) };
  }

  private readonly clusterCache = new Map<number, Int32Array | null>();

  /** Absolute start offsets of a line's grapheme clusters; null when the line is ASCII (one column per char). */
  private clustersOf(line: number): Int32Array | null {
    let c = this.clusterCache.get(line);
    if (c !== undefined) return c;
    const start = this.starts[line]!;
    const next = this.starts[line + 1];
    let end = next === undefined ? this.text.length : next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    const lineText = this.text.slice(start, end);
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7F]*$/.test(lineText)) c = null;
    else {
      const out: number[] = [];
      clusterStarts(lineText, (index) => out.push(start + index));
      c = Int32Array.from(out);
    }
    this.clusterCache.set(line, c);
    return c;
  }

  /** The offset of a 1-based line/column (column in graphemes). */
  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
    let off = start;
    let col = 1;
    for (const { segment } of segmenter().segment(this.text.slice(start))) {
      if (col >= column || segment === '\n' || segment === '\r' || segment === '\r\n') break;
      off += segment.length;
      col++;
    }
    return off;
  }
}

export function graphemeCount(s: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7F]*$/.test(s)) return s.length;
  let n = 0;
  clusterStarts(s, () => n++);
  return n;
}

const SEGMENT_CHUNK = 1024;
const STARTS_CLUSTER = /[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u;

/**
 * Calls `each` with the start offset of every grapheme cluster of `s`. ICU's segmenter gets slower
 * per step the longer the string (16,000 characters took 25 times as long as 4,000), so long text
 * is segmented in pieces cut where printable ASCII is followed by a letter, digit, punctuation,
 * symbol or space that is not a surrogate: always a cluster boundary (no rule joins those).
 */
function clusterStarts(s: string, each: (index: number) => void): void {
  let a = 0;
  while (a < s.length) {
    let b = Math.min(s.length, a + SEGMENT_CHUNK);
    while (b < s.length) {
      const prev = s.charCodeAt(b - 1);
      const next = s.charCodeAt(b);
      if (prev >= 0x20 && prev <= 0x7e && (next < 0xd800 || next > 0xdfff) && STARTS_CLUSTER.test(s[b]!)) break;
      b++;
    }
    for (const { index } of segmenter().segment(a === 0 && b === s.length ? s : s.slice(a, b))) each(a + index);
    a = b;
  }
}

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
    // Clusters starting before o, as graphemeCount(slice(lineStart, o)) counts them (grapheme breaks only look back).
    return { line: lo + 1, column: a + 1 };
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
      for (const { index } of segmenter().segment(lineText)) out.push(start + index);
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
  for (const _ of segmenter().segment(s)) n++;
  return n;
}

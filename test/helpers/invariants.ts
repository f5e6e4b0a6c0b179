// Invariants every lint result must keep, checked against the text independently of attune's own
// position code: ranges inside the text and ordered, `text` equal to the range's slice, and
// line/column recomputed here (CRLF, CR and LF end lines; columns count grapheme clusters).
import { expect } from 'vitest';
import type { DocumentResult } from '../../src/core/types.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** 1-based line/column of an offset, computed from scratch. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    // In a CRLF the line ends after the \n.
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 0;
  for (const _ of segmenter.segment(text.slice(lineStart, offset))) column++;
  return { line, column: column + 1 };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

export function expectValidResults(fileText: string, results: readonly DocumentResult[]): void {
  // ICU segments a long string slowly (time grows with the square of its length), so columns are
  // recomputed for texts of normal size; for megabyte inputs lines and ordering are checked.
  // eslint-disable-next-line no-control-regex
  const checkColumns = fileText.length < 20_000 || /^[\x00-\x7F]*$/.test(fileText.slice(0, 200_000));
  for (const r of results) {
    let previous = -1;
    for (const f of r.findings) {
      const [start, end] = f.range;
      expect(Number.isInteger(start) && Number.isInteger(end), `${f.rule} range is integers`).toBe(true);
      expect(start, `${f.rule} start >= 0`).toBeGreaterThanOrEqual(0);
      expect(end, `${f.rule} end >= start`).toBeGreaterThanOrEqual(start);
      expect(end, `${f.rule} end inside the text`).toBeLessThanOrEqual(fileText.length);
      expect(start, 'findings are ordered by range').toBeGreaterThanOrEqual(previous);
      previous = start;
      expect(f.text, `${f.rule} text is the range's slice`).toBe(fileText.slice(start, end));
      if (checkColumns) {
        expect({ line: f.line, column: f.column }, `${f.rule} start position`).toEqual(positionOf(fileText, start));
        expect({ line: f.endLine, column: f.endColumn }, `${f.rule} end position`).toEqual(positionOf(fileText, end));
      } else {
        expect(f.line, `${f.rule} start line`).toBe(lineOf(fileText, start));
        expect(f.endLine, `${f.rule} end line`).toBe(lineOf(fileText, end));
        if (f.line === f.endLine) expect(f.endColumn).toBeGreaterThanOrEqual(f.column);
      }
      if (f.fix) {
        expect(f.fix.range[0]).toBeGreaterThanOrEqual(0);
        expect(f.fix.range[1]).toBeGreaterThanOrEqual(f.fix.range[0]);
        expect(f.fix.range[1]).toBeLessThanOrEqual(fileText.length);
      }
    }
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(100);
  }
}

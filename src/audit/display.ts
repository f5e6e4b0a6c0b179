// The text of a macro as a team lead should read it in the report: markup and escapes gone (the
// clean text the rules saw), but template placeholders shown as written ({{first_name}}), blank
// runs collapsed. Findings are file ranges; they are carried into this display text so the HTML
// report can highlight each one in place.

import { parseDocument, PLACEHOLDER, type Doc } from '../core/document.js';
import type { LintUnit } from '../core/linter.js';
import type { Finding } from '../core/types.js';

export interface Highlight {
  /** 0-based [start, end) in the display text. */
  start: number;
  end: number;
  /** Index into the result's findings. */
  finding: number;
}

export interface MacroDisplay {
  text: string;
  highlights: Highlight[];
  /** The clean text the rules read (for similarity and coverage). */
  clean: string;
}

export function displayMacro(unit: LintUnit, findings: readonly Finding[], doc: Doc = parseDocument(unit.text, { format: unit.format ?? 'text' })): MacroDisplay {
  const toFile = unit.toFileOffset ?? ((o: number) => o);
  const clean = doc.text;
  // Display text built clean char by clean char; dispAt[c] = display offset where clean char c starts.
  let out = '';
  const dispAt = new Int32Array(clean.length + 1);
  for (let c = 0; c < clean.length; c++) {
    dispAt[c] = out.length;
    const ch = clean[c]!;
    if (ch === PLACEHOLDER) {
      out += unit.text.slice(doc.toSource(c), doc.toSource(c + 1, true)).replace(/\s+/g, ' ');
      continue;
    }
    if (ch === '\n' && out.endsWith('\n\n')) continue;
    if ((ch === ' ' || ch === '\t') && /[ \t\n]$/.test(out)) continue;
    if (ch === '\n' && out.endsWith(' ')) out = out.slice(0, -1);
    if (out.length === 0 && /\s/.test(ch)) continue;
    out += ch;
  }
  dispAt[clean.length] = out.length;
  // File offset of each clean char's start, monotonic: binary search a finding's file range.
  const fileAt = new Float64Array(clean.length + 1);
  for (let c = 0; c < clean.length; c++) fileAt[c] = toFile(doc.toSource(c));
  fileAt[clean.length] = Number.POSITIVE_INFINITY;
  const firstAtOrAfter = (fileOffset: number): number => {
    let lo = 0;
    let hi = clean.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fileAt[mid]! >= fileOffset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const text = out.replace(/\s+$/, '');
  const highlights: Highlight[] = [];
  findings.forEach((f, i) => {
    let a = dispAt[firstAtOrAfter(f.range[0])]!;
    let b = dispAt[firstAtOrAfter(f.range[1])]!;
    a = Math.min(a, text.length);
    b = Math.min(Math.max(b, a), text.length);
    // Zero-width findings (an absence, pointing at a place) still need something to mark.
    if (b === a) {
      const lineStart = text.lastIndexOf('\n', Math.max(0, a - 1)) + 1;
      a = a >= text.length ? lineStart : a;
      b = a === lineStart ? Math.max(text.indexOf('\n', a) === -1 ? text.length : text.indexOf('\n', a), a) : a;
    }
    highlights.push({ start: a, end: b, finding: i });
  });
  return { text, highlights, clean };
}

// Applying safe fixes, ESLint's way: each pass applies every fix that does not overlap (or touch)
// an earlier one, then the text is linted again, because one fix can make another possible or
// unnecessary; passes stop when nothing is left to apply, or after MAX_PASSES so two fixes that
// undo each other cannot loop. The result is always re-linted, and it is refused (the input is
// returned unchanged) when the fixed text no longer parses or its template placeholders or
// comments (where directives live) are not exactly what they were.
//
// Only `fix` is applied, never a suggestion: suggestions change meaning and need a person.
// For units inside a larger file (a macro in a library export, a draft inside a JSON thread) a fix
// is applied only where the unit's text maps character for character onto the file's and the
// replacement can be written there (escaped the way the JSON string, YAML scalar or CSV field
// needs); otherwise it is skipped, with a note. Pure: no I/O.

import { parseDocument } from './document.js';
import { AttuneError } from './errors.js';
import type { LintUnit } from './linter.js';
import type { DocumentResult, Finding, Fix } from './types.js';

/** ESLint's limit: enough for fixes that enable other fixes, small enough to stop a ping-pong. */
export const MAX_PASSES = 10;

export interface LintedUnit {
  unit: LintUnit;
  result: DocumentResult;
}

export interface FixOptions {
  /** Lint a whole file text into its units and results; throws AttuneError when it does not parse. */
  lint(text: string): LintedUnit[];
  maxPasses?: number;
  /** Which findings' fixes may be applied (default: all). */
  filter?: (finding: Finding) => boolean;
}

export interface FixOutcome {
  /** The fixed text, or the input when nothing was applied or the fix was refused. */
  output: string;
  /** Number of fixes applied over all passes. */
  fixed: number;
  passes: number;
  /** Results for `output` (the confirming re-lint). */
  results: DocumentResult[];
  /** Why some fixes were not applied, or why the whole fix was refused. Empty when all went well. */
  notes: string[];
  /** True when the fixed text failed the confirmation and the input was kept. */
  refused: boolean;
}

export interface ApplyResult {
  output: string;
  applied: Fix[];
  /** Fixes left for a later pass because they overlap one that was applied. */
  remaining: Fix[];
}

/**
 * Apply non-overlapping fixes in one pass. Like ESLint's SourceCodeFixer, a fix that starts at or
 * before the end of the previous applied fix waits for the next pass (touching fixes included:
 * two edits at the same boundary could otherwise fuse words).
 */
export function applyFixes(text: string, fixes: readonly Fix[], eol: string = '\n'): ApplyResult {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: Fix[] = [];
  const remaining: Fix[] = [];
  let out = '';
  let cursor = 0;
  let lastEnd = -Infinity;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start > end || start < 0 || end > text.length || lastEnd >= start) {
      remaining.push(fix);
      continue;
    }
    out += text.slice(cursor, start) + (eol === '\n' ? fix.text : fix.text.replace(/\r\n|\r|\n/g, eol));
    cursor = end;
    lastEnd = end;
    applied.push(fix);
  }
  return { output: out + text.slice(cursor), applied, remaining };
}

/** The dominant line ending of a text, so inserted newlines match the file ("\n" when there are none). */
export function lineEnding(text: string): '\n' | '\r\n' | '\r' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/**
 * Characters a replacement may hold, unescaped, inside a container whose quoting is not known
 * (a unit that maps into a larger file but did not say how its text is stored there).
 */
const VERBATIM_SAFE = /^[\p{L}\p{N} .?!]*$/u;

/**
 * How a unit's text is stored in its file, where that is not the text itself: a JSON string, a
 * YAML scalar of each style, a CSV field quoted or not. Library readers set it (LintUnit.quoting)
 * so a fix's replacement can be written the way the container needs.
 */
export type Quoting = 'json' | 'yaml-double' | 'yaml-single' | 'yaml-plain' | 'yaml-block' | 'csv-quoted' | 'csv-plain';

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The replacement as it must be written inside the container, or null when it cannot be written
 * there safely (then the fix is skipped with a note rather than corrupting the export).
 * `atStart`/`atEnd`: the fix touches the first/last character of the stored value, where plain
 * YAML scalars give leading indicators and trailing spaces a meaning of their own.
 */
export function encodeReplacement(text: string, quoting: Quoting, atStart = false, atEnd = false): string | null {
  switch (quoting) {
    case 'json':
      // JSON.stringify escapes exactly what a JSON string must: ", \ and control characters.
      return JSON.stringify(text).slice(1, -1);
    case 'yaml-double':
      // YAML's double-quoted escapes include JSON's; YAML also wants DEL, C1 controls and the
      // Unicode line separators escaped, since a raw one would be folded or rejected.
      return JSON.stringify(text).slice(1, -1).replace(/[\x7f-\x9f\u2028\u2029]/g, hex4);
    case 'yaml-single':
      // Only the quote itself has an escape (doubling); a line break would be folded into a space.
      return /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/.test(text) ? null : text.replace(/'/g, "''");
    case 'yaml-block':
      // Any character but a line break (the next line would need the block's indentation).
      return /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/.test(text) ? null : text;
    case 'yaml-plain':
      // No escapes at all: ": " and " #" end the scalar, flow indicators end it inside [ ] or { },
      // and indicators or spaces at its edges change what it is.
      if (/[\x00-\x1f\x7f-\x9f\u2028\u2029:#,[\]{}]/.test(text)) return null;
      if (atStart && /^[-?!&*|>'"%@`\s]/.test(text)) return null;
      if (atEnd && /\s$/.test(text)) return null;
      return text;
    case 'csv-quoted':
      // RFC 4180: a quote inside a quoted field is doubled; delimiters and line breaks are literal.
      return text.replace(/"/g, '""');
    case 'csv-plain':
      // An unquoted field cannot hold a quote, a delimiter (comma, semicolon or tab) or a line break.
      return /["\r\n,;\t]/.test(text) ? null : text;
  }
}

/**
 * Whether a fix in file offsets maps exactly onto the unit: every character of the range is the
 * same character, at consecutive offsets, in both texts (no escape sequence, no folded line).
 */
export function mapsExactly(unit: LintUnit, fileText: string, fix: Fix): boolean {
  return rangeMapsExactly(unit, fileText, fix) && (!unit.toFileOffset || unit.fileText === undefined || VERBATIM_SAFE.test(fix.text));
}

/**
 * What a fix writes into the file: its replacement encoded for the unit's container. `unmapped`
 * when the range crosses escapes or folded lines; `unwritable` when the replacement has characters
 * the container cannot hold there.
 */
export function fileReplacement(unit: LintUnit, fileText: string, fix: Fix): { text: string } | { skip: 'unmapped' | 'unwritable' } {
  if (!unit.toFileOffset || unit.fileText === undefined) return { text: fix.text };
  if (!rangeMapsExactly(unit, fileText, fix)) return { skip: 'unmapped' };
  if (!unit.quoting) return VERBATIM_SAFE.test(fix.text) ? { text: fix.text } : { skip: 'unwritable' };
  const atStart = fix.range[0] === unit.toFileOffset(0);
  const atEnd = fix.range[1] === unit.toFileOffset(unit.text.length);
  const text = encodeReplacement(fix.text, unit.quoting, atStart, atEnd);
  return text === null ? { skip: 'unwritable' } : { text };
}

function rangeMapsExactly(unit: LintUnit, fileText: string, fix: Fix): boolean {
  const toFile = unit.toFileOffset;
  if (!toFile || unit.fileText === undefined) return true;
  const [fs, fe] = fix.range;
  // toFileOffset is monotonic: binary-search the unit offset that maps to the fix start.
  let lo = 0;
  let hi = unit.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toFile(mid) < fs) lo = mid + 1;
    else hi = mid;
  }
  if (toFile(lo) !== fs) return false;
  const len = fe - fs;
  if (lo + len > unit.text.length) return false;
  for (let k = 0; k <= len; k++) if (toFile(lo + k) !== fs + k) return false;
  return unit.text.slice(lo, lo + len) === fileText.slice(fs, fe);
}

const QUOTING_LABEL: Record<Quoting, string> = {
  json: 'a JSON string',
  'yaml-double': 'a double-quoted YAML string',
  'yaml-single': 'a single-quoted YAML string',
  'yaml-plain': 'an unquoted YAML string',
  'yaml-block': 'a YAML block scalar',
  'csv-quoted': 'a quoted CSV field',
  'csv-plain': 'an unquoted CSV field',
};

/** Template placeholders and comments of every unit, in order: a fix must leave them as they were. */
function protectedSpans(units: readonly LintedUnit[]): { texts: string[]; ranges: Array<[number, number]> } {
  const texts: string[] = [];
  const ranges: Array<[number, number]> = [];
  for (const { unit } of units) {
    const doc = parseDocument(unit.text, { format: unit.format ?? 'text' });
    const toFile = unit.toFileOffset ?? ((o: number) => o);
    for (const m of doc.masks) {
      if (m.kind !== 'placeholder' && m.kind !== 'comment') continue;
      texts.push(unit.text.slice(m.start, m.end));
      ranges.push([toFile(m.start), toFile(m.end)]);
    }
  }
  return { texts, ranges };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Fix a whole file's text: multi-pass, confirmed by a re-lint. */
export function fixText(input: string, options: FixOptions): FixOutcome {
  const maxPasses = options.maxPasses ?? MAX_PASSES;
  const eol = lineEnding(input);
  const original = options.lint(input);
  const before = protectedSpans(original).texts;
  const notes = new Set<string>();
  let text = input;
  let linted = original;
  let fixed = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const guard = protectedSpans(linted).ranges;
    const fixes: Fix[] = [];
    for (const { unit, result } of linted) {
      for (const f of result.findings) {
        if (!f.fix || (options.filter && !options.filter(f))) continue;
        const [s, e] = f.fix.range;
        if (guard.some(([a, b]) => a < e && b > s)) continue;
        const written = fileReplacement(unit, text, f.fix);
        if ('skip' in written) {
          const where = `a ${f.rule} fix${result.document ? ` in ${result.document.name ?? result.document.id ?? `#${result.document.index + 1}`}` : ''}`;
          notes.add(
            written.skip === 'unmapped'
              ? `${where} was not applied: the text there does not map exactly onto the file (escapes or folded lines); apply it by hand`
              : `${where} was not applied: its replacement has characters ${unit.quoting ? QUOTING_LABEL[unit.quoting] : 'this container'} cannot hold there without changing the file's structure; apply it by hand`,
          );
          continue;
        }
        fixes.push(written.text === f.fix.text ? f.fix : { ...f.fix, text: written.text });
      }
    }
    if (fixes.length === 0) break;
    const pass = applyFixes(text, fixes, eol);
    if (pass.applied.length === 0) break;
    passes++;
    fixed += pass.applied.length;
    text = pass.output;
    try {
      linted = options.lint(text);
    } catch (err) {
      if (!(err instanceof AttuneError)) throw err;
      return refuse(input, original, `the fixed text would not parse (${err.message}); nothing was written`);
    }
  }
  if (fixed > 0 && !sameList(before, protectedSpans(linted).texts)) {
    return refuse(input, original, 'fixing would change template placeholders or comments; nothing was written');
  }
  if (passes === maxPasses && linted.some(({ result }) => result.findings.some((f) => f.fix))) {
    notes.add(`stopped after ${maxPasses} passes with fixes left; run again to continue`);
  }
  return { output: text, fixed, passes, results: linted.map((l) => l.result), notes: [...notes], refused: false };

  function refuse(out: string, results: LintedUnit[], why: string): FixOutcome {
    return { output: out, fixed: 0, passes, results: results.map((l) => l.result), notes: [why], refused: true };
  }
}

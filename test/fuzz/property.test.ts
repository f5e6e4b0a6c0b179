// Property tests (issue 8) over the document model and every built-in rule, with fast-check: for
// any text, including arbitrary mixes of support phrases, template placeholders, markup, emoji
// and line breaks, linting terminates, ranges are inside the text and ordered, line/column agree
// with the range (recomputed from the text), masked placeholders never appear in findings, and
// applying the safe fixes never touches placeholder text or text outside the fix ranges.
//
// Fixed seed, bounded runs: FUZZ_RUNS (default 150) raises the count for `npm run fuzz`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument, type SourceFormat } from '../../src/core/document.js';
import { lintUnit, type LintUnit } from '../../src/core/linter.js';
import { applyFixes, fixText } from '../../src/core/fixer.js';
import { builtinRules } from '../../src/rules/index.js';
import type { DocumentResult } from '../../src/core/types.js';
import { expectValidResults } from '../helpers/invariants.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true };

// Words the rules react to, in our own words (never corpus text).
const PHRASES = [
  'Hi Sam,', 'Hello there!', 'so sorry', 'I am so sorry', 'Sorry again.', 'I apologize for the wait.', 'We apologise.',
  'Simply log in', 'just restart it', 'Please calm down', "It's not a big deal", 'At least you still have the files.',
  'I understand how frustrating this is.', 'That sounds really hard.', 'per our policy', 'you should have read the terms',
  'How are you feeling about that?', 'Why did you do that?', 'What is your diagnosis?', 'I want to hurt myself',
  'Call 988', 'We refunded the order today.', 'I will send the label tomorrow.', 'Could you send a photo?',
  'Thanks!!!', 'LOL', 'ASAP', 'Best,', 'Kind regards,', 'Take care', 'Jo', 'unfortunately', 'obviously', 'As I said',
];
// Placeholders holding trigger words: if masking failed, a rule would report inside them.
const PLACEHOLDERS = [
  '{{first_name}}', '{{ticket.simply_sorry}}', '{{ sorry | default: "simply" }}', '[Customer Name]', '[simply_sorry]',
  '%SORRY_SIMPLY%', '${simply}', '<<so sorry>>', '{% if sorry %}', '{%endif%}', '{{#if simply}}', '{{/if}}', '{{!-- calm down --}}',
];
const MARKUP = [
  '<p>', '</p>', '<br>', '<b>', '</b>', '<div class="x">', '**', '__', '*', '# ', '## ', '- ', '1. ', '> ', '`simply`', '```\nsorry\n```',
  '[the guide](https://example.com/simply)', '&amp;', '&#8217;', '&nbsp;', '&bogus;', '<!-- attune-disable-next-line over-apology -- tested -->',
  '<!-- attune-enable -->', 'https://example.com/so-sorry', 'www.example.org', 'jo@example.com', ' @simply', '\n-- \n', 'On Mon, Jo wrote:\n',
  '\n> so sorry\n', 'From: Jo\nSent: today\n', ' ^JS',
];
const ODD = ['🙂', '👍🏽', '👨‍👩‍👧', '🇬🇧', 'e\u0301', '\u200B', '\u200D', '\u00AD', '\uFEFF', '\u2060', '\u00A0', '\t', 'שלום', 'مرحبا', '你好', '\u2019', '\u201C', '…', '\uFFFC', '\uD83D', '\uDC00'];
const BREAKS = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', ' ', '. ', '? ', '! ', ', '];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PHRASES) },
  { weight: 2, arbitrary: fc.constantFrom(...PLACEHOLDERS) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 4, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
const draft = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(draft, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }));
const format = fc.constantFrom<SourceFormat>('text', 'markdown', 'html', 'eml');

const unitOf = (text: string, f: SourceFormat): LintUnit => ({ text, file: 'draft.txt', format: f });
const lint = (text: string, f: SourceFormat): DocumentResult => lintUnit(unitOf(text, f));

function placeholders(text: string, f: SourceFormat): Array<[number, number]> {
  return parseDocument(text, { format: f }).masks.filter((m) => m.kind === 'placeholder').map((m) => [m.start, m.end]);
}

describe('document model', () => {
  it('maps every clean offset to a source offset, monotonic and within bounds', () => {
    fc.assert(
      fc.property(anyText, format, (text, f) => {
        const doc = parseDocument(text, { format: f });
        let lastStart = 0;
        let lastEnd = 0;
        for (let i = 0; i <= doc.text.length; i++) {
          const s = doc.toSource(i);
          const e = doc.toSource(i, true);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(text.length);
          expect(e).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThanOrEqual(text.length);
          expect(s).toBeGreaterThanOrEqual(lastStart);
          expect(e).toBeGreaterThanOrEqual(lastEnd);
          // A clean character covers a source span that starts before it ends.
          if (i > 0) expect(doc.toSource(i - 1)).toBeLessThan(e);
          lastStart = s;
          lastEnd = e;
        }
        expect(doc.lower.length).toBe(doc.text.length);
        let previous = -1;
        for (const s of doc.sentences) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(doc.text.length);
          expect(s.start).toBeGreaterThan(previous);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.text).toBe(doc.text.slice(s.start, s.end));
          previous = s.start;
        }
        for (const t of doc.tokens()) expect(t.text).toBe(doc.text.slice(t.start, t.end));
      }),
      params,
    );
  });

  it('keeps every placeholder out of the clean text, as one object-replacement character', () => {
    fc.assert(
      fc.property(draft, format, (text, f) => {
        const doc = parseDocument(text, { format: f });
        for (const m of doc.masks) {
          if (m.kind !== 'placeholder') continue;
          const inner = text.slice(m.start, m.end);
          if (/[a-z]{4,}/i.test(inner)) expect(doc.text.includes(inner)).toBe(false);
        }
      }),
      params,
    );
  });
});

describe('every rule, on any text', () => {
  it('terminates with ranges inside the text, ordered, and positions that agree with them', () => {
    fc.assert(
      fc.property(anyText, format, (text, f) => {
        const result = lint(text, f);
        expectValidResults(text, [result]);
      }),
      params,
    );
  });

  it('never reports inside a masked placeholder', () => {
    fc.assert(
      fc.property(draft, format, (text, f) => {
        const spans = placeholders(text, f);
        for (const finding of lint(text, f).findings) {
          const [s, e] = finding.range;
          for (const [ps, pe] of spans) {
            // Not starting or ending inside it, and not lying wholly within it.
            expect(s > ps && s < pe, `${finding.rule} starts inside ${text.slice(ps, pe)}`).toBe(false);
            expect(e > ps && e < pe, `${finding.rule} ends inside ${text.slice(ps, pe)}`).toBe(false);
            expect(e > s && s >= ps && e <= pe, `${finding.rule} reports ${text.slice(ps, pe)}`).toBe(false);
          }
        }
      }),
      params,
    );
  });

  it('safe fixes never touch placeholders or text outside their ranges', () => {
    fc.assert(
      fc.property(draft, format, (text, f) => {
        const result = lint(text, f);
        const fixes = result.findings.flatMap((x) => (x.fix ? [x.fix] : []));
        const spans = placeholders(text, f);
        for (const fix of fixes) for (const [ps, pe] of spans) expect(fix.range[0] < pe && fix.range[1] > ps).toBe(false);
        const { output, applied } = applyFixes(text, fixes);
        // Everything between applied fixes is the input, in order.
        let cursor = 0;
        let at = 0;
        for (const fix of applied) {
          const kept = text.slice(cursor, fix.range[0]);
          expect(output.slice(at, at + kept.length)).toBe(kept);
          at += kept.length + fix.text.length;
          cursor = fix.range[1];
        }
        expect(output.slice(at)).toBe(text.slice(cursor));
        // Placeholders survive byte for byte, in order.
        const before = spans.map(([s, e]) => text.slice(s, e));
        expect(placeholders(output, f).map(([s, e]) => output.slice(s, e))).toEqual(before);
        // The fixer's passes (re-linting until nothing is left) keep them too.
        const outcome = fixText(text, { lint: (t) => [{ unit: unitOf(t, f), result: lint(t, f) }] });
        expect(placeholders(outcome.output, f).map(([s, e]) => outcome.output.slice(s, e))).toEqual(before);
        expectValidResults(outcome.output, outcome.results);
      }),
      params,
    );
  });

  it('gives the same findings whatever the line endings', () => {
    fc.assert(
      fc.property(draft, (text) => {
        const lf = text.replace(/\r\n?/g, '\n');
        const where = (r: DocumentResult) => r.findings.map((x) => [x.rule, x.messageId, x.line, x.column, x.endLine, x.endColumn]);
        expect(where(lint(lf.replace(/\n/g, '\r\n'), 'text'))).toEqual(where(lint(lf, 'text')));
      }),
      params,
    );
  });

  it('runs every built-in rule (none is skipped by the properties)', () => {
    expect(builtinRules.length).toBeGreaterThanOrEqual(10);
    const seen = new Set<string>();
    fc.assert(
      fc.property(draft, (text) => {
        for (const x of lint(text, 'text').findings) seen.add(x.rule);
      }),
      { ...params, numRuns: Math.max(RUNS, 300) },
    );
    // The generator is rich enough to make most rules fire somewhere.
    expect(seen.size).toBeGreaterThanOrEqual(6);
  });
});

describe('columns on long lines', () => {
  it('counts grapheme clusters in pieces exactly as one pass over the whole line would', async () => {
    const { graphemeCount, LineIndex } = await import('../../src/core/position.js');
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const long = fc.array(piece, { minLength: 60, maxLength: 400 }).map((parts) => parts.join('').replace(/[\r\n]/g, ' '));
    fc.assert(
      fc.property(long, fc.nat(), (text, at) => {
        const offset = text.length ? at % (text.length + 1) : 0;
        let whole = 0;
        for (const _ of segmenter.segment(text.slice(0, offset))) whole++;
        expect(graphemeCount(text.slice(0, offset))).toBe(whole);
        expect(new LineIndex(text).position(offset)).toEqual({ line: 1, column: whole + 1 });
      }),
      { ...params, numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

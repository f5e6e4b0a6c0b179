// Formatters are pure: they are tested on results built here, never on what a rule happens to say.
import { describe, expect, it } from 'vitest';
import { formatters, summarize, type FormatterOptions } from '../src/formatters/index.js';
import { stylish } from '../src/formatters/stylish.js';
import { compact } from '../src/formatters/compact.js';
import { json } from '../src/formatters/json.js';
import type { DocumentResult, Finding } from '../src/core/types.js';

const ESC = '\u001b[';
const plain: FormatterOptions = { color: false, version: '9.9.9', cwd: '/tmp' };
const colored: FormatterOptions = { ...plain, color: true };

function finding(over: Partial<Finding> = {}): Finding {
  return {
    rule: 'over-apology',
    messageId: 'repeated',
    severity: 'warning',
    category: 'tone',
    message: 'Two apologies in one reply; keep the one that matters.',
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 17,
    range: [40, 52],
    text: "I'm so sorry",
    suggestions: [{ text: 'Thank you for your patience', description: 'thanks the customer instead of apologising again' }],
    fix: null,
    ...over,
  };
}

function result(over: Partial<DocumentResult> = {}): DocumentResult {
  return {
    file: 'drafts/reply.txt',
    document: null,
    score: 72,
    categories: { empathy: 100, action: 60, boundaries: 100, tone: 84, safety: 100 },
    findings: [finding(), finding({ rule: 'missing-action', messageId: 'none', severity: 'error', category: 'action', message: 'No next step for the customer.', line: 7, column: 1, range: [90, 120], suggestions: [] })],
    context: null,
    ...over,
  };
}

const clean = (file: string, score = 100): DocumentResult => ({
  file,
  document: null,
  score,
  categories: { empathy: 100, action: 100, boundaries: 100, tone: 100, safety: 100 },
  findings: [],
  context: null,
});

describe('registry', () => {
  it('maps names to loaders of pure formatters', async () => {
    expect(Object.keys(formatters)).toEqual(expect.arrayContaining(['stylish', 'compact', 'json']));
    for (const load of Object.values(formatters)) expect(typeof (await load())).toBe('function');
  });

  it('summarizes files, documents, counts and the mean score', () => {
    const docA = result({ document: { id: '1', name: 'Refund', index: 0 }, score: 70 });
    const docB = clean('lib.json', 85);
    expect(summarize([docA, { ...docB, file: docA.file, document: { id: '2', name: 'Late', index: 1 } }, clean('b.txt', 90)])).toEqual({
      files: 2,
      documents: 3,
      errors: 1,
      warnings: 1,
      meanScore: 81.7,
    });
    expect(summarize([]).meanScore).toBeNull();
  });
});

describe('stylish', () => {
  const out = stylish([result()], plain);
  const lines = out.split('\n');

  it('groups findings under the file with line:col, severity, message and rule id', () => {
    expect(lines[0]).toBe('drafts/reply.txt');
    expect(out).toMatch(/^ {2}3:5 {2}warning {2}Two apologies in one reply; keep the one that matters\. +over-apology$/m);
    expect(out).toMatch(/^ {2}7:1 {2}error {4}No next step for the customer\. +missing-action$/m);
  });

  it('shows each suggestion beneath its finding', () => {
    const i = lines.findIndex((l) => l.includes('over-apology'));
    expect(lines[i + 1]).toMatch(/↳ "Thank you for your patience" — thanks the customer instead of apologising again/);
  });

  it('shows the score and a bar per category', () => {
    expect(out).toMatch(/score 72\/100/);
    for (const [cat, v] of [['empathy', 100], ['action', 60], ['boundaries', 100], ['tone', 84], ['safety', 100]] as const) {
      expect(out).toMatch(new RegExp(`^\\s+${cat}\\s+[█░]{10}\\s+${v}$`, 'm'));
    }
    expect(out).toMatch(/action\s+██████░░░░/);
  });

  it('ends with a summary line of problems and the mean score', () => {
    expect(out.trimEnd().split('\n').at(-1)).toBe('✖ 2 problems (1 error, 1 warning) in 1 document, mean score 72/100');
    expect(stylish([clean('a.txt'), clean('b.txt', 90)], plain).trimEnd().split('\n').at(-1)).toBe('✔ no problems in 2 documents, mean score 95/100');
  });

  it('keeps a clean document to one line', () => {
    expect(stylish([clean('ok.txt')], plain)).toBe('ok.txt\n  ✔ no problems  100/100\n\n✔ no problems in 1 document, mean score 100/100\n');
  });

  it('labels documents of a library file', () => {
    const a = result({ file: 'macros.json', document: { id: 'm-1', name: 'Refund delay', index: 0 } });
    const b = { ...clean('macros.json'), document: { id: null, name: null, index: 1 } };
    const text = stylish([a, b], plain);
    expect(text.match(/^macros\.json$/gm)).toHaveLength(1);
    expect(text).toMatch(/^ {2}Refund delay \(m-1\)$/m);
    expect(text).toMatch(/^ {2}#2$/m);
    expect(text).toMatch(/^ {4}3:5 {2}warning/m);
  });

  it('mentions the customer context and its signals', () => {
    const text = stylish([result({ context: { file: 'customer.txt', signals: [{ type: 'anger', text: 'this is ridiculous', range: [0, 18], line: 1, column: 1 }] } })], plain);
    expect(text).toMatch(/context customer\.txt: anger \("this is ridiculous"\)/);
  });

  it('shows an empty replacement as a removal of the finding text', () => {
    const text = stylish([result({ findings: [finding({ suggestions: [{ text: '', description: 'one apology is enough' }] })] })], plain);
    expect(text).toContain(`↳ remove "I'm so sorry" — one apology is enough`);
  });

  it('notes when a finding has a safe fix', () => {
    expect(stylish([result({ findings: [finding({ fix: { range: [40, 52], text: '' } })] })], plain)).toMatch(/fixable with --fix/);
  });

  it('uses ANSI colors only when asked', () => {
    expect(out).not.toContain(ESC);
    const c = stylish([result()], colored);
    expect(c).toContain(`${ESC}31m`); // red error
    expect(c).toContain(`${ESC}33m`); // yellow warning
    expect(c.replace(/\u001b\[\d+m/g, '')).toBe(out);
  });
});

describe('compact', () => {
  it('prints path:line:col: severity message (rule) per finding', () => {
    const lines = compact([result(), clean('ok.txt')], plain).trimEnd().split('\n');
    expect(lines[0]).toBe('drafts/reply.txt:3:5: warning Two apologies in one reply; keep the one that matters. (over-apology)');
    expect(lines[1]).toBe('drafts/reply.txt:7:1: error No next step for the customer. (missing-action)');
    expect(lines.at(-1)).toBe('2 problems');
  });

  it('prints nothing for clean results', () => {
    expect(compact([clean('ok.txt')], plain)).toBe('');
  });

  it('names the document of a library file after the rule', () => {
    const text = compact([result({ file: 'm.csv', document: { id: '7', name: 'Refund', index: 6 } })], plain);
    expect(text).toContain('m.csv:3:5: warning Two apologies in one reply; keep the one that matters. (over-apology) [Refund]');
  });
});

describe('json', () => {
  it('is valid JSON with the tool envelope and the version passed in', () => {
    const parsed = JSON.parse(json([result()], plain));
    expect(parsed.tool).toBe('attune');
    expect(parsed.version).toBe('9.9.9');
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.results[0].findings[0].suggestions[0].text).toBe('Thank you for your patience');
  });

  it('never contains color codes', () => {
    expect(json([result()], colored)).not.toContain(ESC);
  });
});

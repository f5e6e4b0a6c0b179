// Pins the JSON report (schemaVersion 1) documented in the README: every field, its type and the
// key order. It runs the real CLI in-process with a deterministic test rule, so it checks what
// users get, independent of the wording of the built-in rules.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { run } from '../src/cli/main.js';
import type { Rule } from '../src/core/types.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

// Reports "very very" as a warning with a safe fix and a suggestion.
const doubled: Rule = {
  meta: {
    id: 'doubled-word',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'A word written twice in a row.',
    docs: 'rules/doubled-word.md',
    messages: { twice: '"{{word}}" is written twice.' },
    fixable: true,
    hasSuggestions: true,
  },
  check({ doc, report }) {
    for (const m of doc.text.matchAll(/\b(\w+) \1\b/g)) {
      const start = m.index;
      report({
        messageId: 'twice',
        data: { word: m[1]! },
        start,
        end: start + m[0].length,
        suggestions: [{ text: m[1]!, description: 'say it once', replace: true }],
        fix: { start, end: start + m[0].length, text: m[1]! },
      });
    }
  },
};

function io(stdin: string) {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (s: string) => void (out += s) },
      stderr: { write: (s: string) => void (err += s) },
      stdin: (async function* () {
        yield stdin;
      })(),
      env: {},
      cwd: process.cwd(),
      isTTY: { stdin: false, stdout: false },
    },
    out: () => out,
    err: () => err,
  };
}

const keys = (o: object) => Object.keys(o);

describe('JSON contract (schemaVersion 1)', async () => {
  const t = io('Hi Ana,\nThis is very very late, sorry.\n');
  const code = await run(['--format', 'json', '--no-config-lookup', '--context', 'fixtures/examples/good-reply.txt', '-'], t.io, { rules: [doubled] });
  // --context with "-" as the draft is allowed; the customer message comes from a file here.
  const report = JSON.parse(t.out());

  it('exits 0 for warnings only and writes nothing to stderr', () => {
    expect(t.err()).toBe('');
    expect(code).toBe(0);
  });

  it('has the envelope fields, in order', () => {
    expect(keys(report)).toEqual(['tool', 'version', 'schemaVersion', 'results', 'summary']);
    expect(report.tool).toBe('attune');
    expect(report.version).toBe(pkg.version);
    expect(report.schemaVersion).toBe(1);
    expect(Array.isArray(report.results)).toBe(true);
  });

  it('has one result per document with file, document, score, categories, findings, context', () => {
    expect(report.results).toHaveLength(1);
    const r = report.results[0];
    expect(keys(r)).toEqual(['file', 'document', 'score', 'categories', 'findings', 'context']);
    expect(r.file).toBe('<stdin>');
    expect(r.document).toBeNull();
    expect(Number.isInteger(r.score)).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(100);
    expect(keys(r.categories)).toEqual(['empathy', 'action', 'boundaries', 'tone', 'safety']);
    for (const v of Object.values(r.categories)) expect(Number.isInteger(v)).toBe(true);
  });

  it('pins every finding field and its type', () => {
    const f = report.results[0].findings[0];
    expect(keys(f)).toEqual(['rule', 'messageId', 'severity', 'category', 'message', 'line', 'column', 'endLine', 'endColumn', 'range', 'text', 'suggestions', 'fix']);
    expect(f).toEqual({
      rule: 'doubled-word',
      messageId: 'twice',
      severity: 'warning',
      category: 'tone',
      message: '"very" is written twice.',
      line: 2,
      column: 9,
      endLine: 2,
      endColumn: 18,
      range: [16, 25],
      text: 'very very',
      suggestions: [{ text: 'very', description: 'say it once', fix: { range: [16, 25], text: 'very' } }],
      fix: { range: [16, 25], text: 'very' },
    });
  });

  it('carries the customer context as {file, signals}', () => {
    const ctx = report.results[0].context;
    expect(keys(ctx)).toEqual(['file', 'signals']);
    expect(ctx.file).toBe('fixtures/examples/good-reply.txt');
    expect(Array.isArray(ctx.signals)).toBe(true);
  });

  it('summarizes files, documents, errors, warnings and meanScore', () => {
    expect(report.summary).toEqual({ files: 1, documents: 1, errors: 0, warnings: 1, meanScore: report.results[0].score });
    expect(keys(report.summary)).toEqual(['files', 'documents', 'errors', 'warnings', 'meanScore']);
  });

  it('uses null for document, context and fix when absent, and error for error severity', async () => {
    const t2 = io('Fine fine.');
    await run(['--format', 'json', '--no-config-lookup', '--rule', 'doubled-word:error'], t2.io, { rules: [{ ...doubled, check: (ctx) => { ctx.report({ messageId: 'twice', data: { word: 'x' }, start: 0, end: 4 }); } }] });
    const r = JSON.parse(t2.out()).results[0];
    expect(r.document).toBeNull();
    expect(r.context).toBeNull();
    expect(r.findings[0].fix).toBeNull();
    expect(r.findings[0].suggestions).toEqual([]);
    expect(r.findings[0].severity).toBe('error');
  });
});

// Baselines: the fingerprint ignores positions and formatting noise but not rule, document or
// wording; the file is sorted, one entry per line, and holds no draft text; and end to end, a
// baselined run fails only on new findings, survives moved lines, and reports/prunes fixed ones.

import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyBaseline,
  createBaseline,
  findingHash,
  mergeBaseline,
  normalizeMatchedText,
  parseBaseline,
  serializeBaseline,
} from '../src/core/baseline.js';
import { AttuneError } from '../src/core/errors.js';
import type { DocumentRef, DocumentResult, Finding } from '../src/core/types.js';
import { builtinRules } from '../src/rules/index.js';
import { run } from '../src/cli/main.js';
import type { Rule } from '../src/core/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'attune.js');

function f(rule: string, text: string, start = 0): Finding {
  return {
    rule, messageId: 'm', severity: 'warning', category: 'tone', message: 'msg', line: 1, column: start + 1, endLine: 1,
    endColumn: start + text.length + 1, range: [start, start + text.length], text, suggestions: [], fix: null,
  };
}

function r(file: string, findings: Finding[], document: DocumentRef | null = null): DocumentResult {
  return { file, document, score: 90, categories: { empathy: 100, action: 100, boundaries: 100, tone: 90, safety: 100 }, findings, context: null };
}

describe('fingerprints', () => {
  it('ignore case, whitespace, curly quotes and position', () => {
    expect(normalizeMatchedText('  I  Understand\nyour  frustration ')).toBe('i understand your frustration');
    expect(normalizeMatchedText('we\u2019re sorry')).toBe("we're sorry");
    const a = findingHash(r('a.txt', []), f('empathy-phrasing', 'I understand your frustration', 0), '/w');
    const b = findingHash(r('a.txt', []), f('empathy-phrasing', 'I understand\n your Frustration', 90), '/w');
    expect(a).toBe(b);
  });

  it('depend on rule, file, document and wording', () => {
    const base = findingHash(r('a.txt', []), f('empathy-phrasing', 'we value your business'), '/w');
    expect(findingHash(r('a.txt', []), f('over-apology', 'we value your business'), '/w')).not.toBe(base);
    expect(findingHash(r('b.txt', []), f('empathy-phrasing', 'we value your business'), '/w')).not.toBe(base);
    expect(findingHash(r('a.txt', [], { id: 'x', name: null, index: 0 }), f('empathy-phrasing', 'we value your business'), '/w')).not.toBe(base);
    expect(findingHash(r('a.txt', []), f('empathy-phrasing', 'we value your loyalty'), '/w')).not.toBe(base);
    // Absolute and relative spellings of the same file are the same document.
    expect(findingHash(r('/w/a.txt', []), f('empathy-phrasing', 'we value your business'), '/w')).toBe(base);
  });
});

describe('baseline file', () => {
  const results = [
    r('b.txt', [f('over-apology', 'sorry again'), f('over-apology', 'Sorry again', 40)]),
    r('a.txt', [f('empathy-phrasing', 'we value your business')]),
    r('lib.json', [f('missing-action', 'Thanks!')], { id: 'macro-7', name: 'Thanks', index: 6 }),
  ];

  it('is sorted, counts duplicates, has one entry per line and no draft text', () => {
    const baseline = createBaseline(results, '/w');
    expect(baseline.entries.map((e) => [e.file, e.document, e.rule, e.count])).toEqual([
      ['a.txt', null, 'empathy-phrasing', 1],
      ['b.txt', null, 'over-apology', 2],
      ['lib.json', 'macro-7', 'missing-action', 1],
    ]);
    const text = serializeBaseline(baseline);
    expect(text.split('\n').filter((l) => l.includes('"hash"'))).toHaveLength(3);
    expect(text).not.toMatch(/value your business|sorry again|Thanks!/i);
    expect(parseBaseline(text, 'b.json')).toEqual(baseline);
    expect(serializeBaseline(createBaseline([], '/w'))).toBe('{\n  "tool": "attune",\n  "baselineVersion": 1,\n  "entries": []\n}\n');
  });

  it('rejects files that are not attune baselines, naming the problem', () => {
    expect(() => parseBaseline('{', 'x.json')).toThrow(AttuneError);
    expect(() => parseBaseline('{"tool":"eslint"}', 'x.json')).toThrow(/not an attune baseline/);
    expect(() => parseBaseline('{"tool":"attune","baselineVersion":9,"entries":[]}', 'x.json')).toThrow(/unsupported baselineVersion 9/);
    expect(() => parseBaseline('{"tool":"attune","baselineVersion":1,"entries":[{"file":"a","document":null,"rule":"r","hash":"zz","count":1}]}', 'x.json')).toThrow(/entries\[0\]/);
  });

  it('hides known findings, counts duplicates and reports fixed entries', () => {
    const baseline = createBaseline(results, '/w');
    const later = [
      // one of the two duplicates fixed, a new third finding in b.txt
      r('b.txt', [f('over-apology', 'sorry again', 10), f('empathy-phrasing', 'I know exactly how you feel')]),
      r('a.txt', [f('empathy-phrasing', 'We value your  business', 300)]),
      r('lib.json', [f('missing-action', 'Thanks!')], { id: 'macro-7', name: 'Renamed', index: 2 }),
    ];
    const out = applyBaseline(later, baseline, '/w');
    expect(out.results.flatMap((x) => x.findings.map((y) => y.text))).toEqual(['I know exactly how you feel']);
    expect(out.suppressed).toBe(3);
    expect(out.fixed).toBe(1);
    expect(out.pruned.entries.find((e) => e.file === 'b.txt')!.count).toBe(1);
  });

  it('treats an extra copy of a baselined duplicate as new', () => {
    const baseline = createBaseline([r('a.txt', [f('over-apology', 'sorry again'), f('over-apology', 'sorry again', 20)])], '/w');
    const out = applyBaseline([r('a.txt', [f('over-apology', 'sorry again'), f('over-apology', 'sorry again', 20), f('over-apology', 'sorry again', 40)])], baseline, '/w');
    expect(out.results[0]!.findings.map((x) => x.range[0])).toEqual([40]);
    expect(out.fixed).toBe(0);
  });

  it('leaves entries of files this run did not lint alone', () => {
    const baseline = createBaseline(results, '/w');
    const out = applyBaseline([r('a.txt', [])], baseline, '/w');
    expect(out.fixed).toBe(1);
    expect(out.pruned.entries.map((e) => e.file)).toEqual(['b.txt', 'lib.json']);
    const merged = mergeBaseline(baseline, createBaseline([r('a.txt', [f('over-apology', 'so sorry')])], '/w'), new Set(['a.txt']));
    expect(merged.entries.map((e) => `${e.file}:${e.rule}`)).toEqual(['a.txt:over-apology', 'b.txt:over-apology', 'lib.json:missing-action']);
  });
});

// ---------------------------------------------------------------------------------------------
// End to end through the CLI

function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT });
}

function attune(cwd: string, args: string[], env: Record<string, string> = {}) {
  const { GITHUB_STEP_SUMMARY: _drop, ...base } = process.env;
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, NO_COLOR: '1', ...env }, input: '' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Only empathy-phrasing, as an error, so each scenario controls exactly which findings exist. */
function onlyEmpathyConfig(): string {
  const rules: Record<string, string> = {};
  for (const rule of builtinRules) rules[rule.meta.id] = 'off';
  rules['empathy-phrasing'] = 'error';
  return JSON.stringify({ rules });
}

const STOCK_A = 'We value your business.';
const STOCK_B = 'I know exactly how you feel.';
const draft = (...body: string[]) => ['Hi Jordan,', '', ...body, '', 'I have refunded the shipping fee today.', '', 'Thanks,', 'Casey', ''].join('\n');

describe('baseline end to end', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'attune-baseline-'));
    writeFileSync(join(dir, '.attunerc.json'), onlyEmpathyConfig());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const findings = (stdout: string) => (JSON.parse(stdout) as { results: Array<{ file: string; findings: Array<{ text: string }> }> }).results.flatMap((x) => x.findings.map((y) => `${x.file}: ${y.text}`));

  it('records debt, then fails only on new findings, through moves, fixes and pruning', () => {
    writeFileSync(join(dir, 'a.txt'), draft(`Your parcel went to the wrong depot. ${STOCK_A}`));
    writeFileSync(join(dir, 'b.txt'), draft(`${STOCK_B} The replacement is on its way.`));
    expect(attune(dir, ['a.txt', 'b.txt']).code).toBe(1);

    const write = attune(dir, ['--write-baseline', 'attune-baseline.json', 'a.txt', 'b.txt']);
    expect(write.code).toBe(0);
    expect(write.stderr).toContain('recorded 2 findings');
    const stored = readFileSync(join(dir, 'attune-baseline.json'), 'utf8');
    expect(stored).not.toMatch(/value your business|exactly how you feel/i);
    expect(JSON.parse(stored).entries).toHaveLength(2);

    const clean = attune(dir, ['--baseline', 'attune-baseline.json', '-f', 'json', 'a.txt', 'b.txt']);
    expect(clean.code).toBe(0);
    expect(findings(clean.stdout)).toEqual([]);
    expect(clean.stderr).toContain('2 known findings hidden');

    // Move lines: new paragraphs above, the stock phrase now on a later line.
    writeFileSync(join(dir, 'a.txt'), draft('Thanks for the photos.', '', 'I checked the tracking history.', '', `Your parcel went to the wrong depot. ${STOCK_A}`));
    expect(attune(dir, ['--baseline', 'attune-baseline.json', 'a.txt', 'b.txt']).code).toBe(0);

    // Add a finding: only the new one is reported, and it fails the run.
    writeFileSync(join(dir, 'a.txt'), draft('I know how you feel about delays.', '', `Your parcel went to the wrong depot. ${STOCK_A}`));
    const added = attune(dir, ['--baseline', 'attune-baseline.json', '-f', 'json', 'a.txt', 'b.txt']);
    expect(added.code).toBe(1);
    expect(findings(added.stdout)).toEqual(['a.txt: I know how you feel']);

    // Fix one: reported as fixed, then pruned from the file.
    writeFileSync(join(dir, 'b.txt'), draft('The replacement is on its way.'));
    writeFileSync(join(dir, 'a.txt'), draft(`Your parcel went to the wrong depot. ${STOCK_A}`));
    const fixed = attune(dir, ['--baseline', 'attune-baseline.json', 'a.txt', 'b.txt']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('1 entry is now fixed (remove with --prune-baseline)');
    const pruned = attune(dir, ['--baseline', 'attune-baseline.json', '--prune-baseline', 'a.txt', 'b.txt']);
    expect(pruned.code).toBe(0);
    expect(pruned.stderr).toContain('1 fixed entry pruned');
    const after = JSON.parse(readFileSync(join(dir, 'attune-baseline.json'), 'utf8'));
    expect(after.entries.map((e: { file: string }) => e.file)).toEqual(['a.txt']);

    // The phrase coming back in b.txt is new debt, not an old entry.
    writeFileSync(join(dir, 'b.txt'), draft(`${STOCK_B} The replacement is on its way.`));
    expect(attune(dir, ['--baseline', 'attune-baseline.json', 'a.txt', 'b.txt']).code).toBe(1);
  });

  it('keeps old entries when the baseline in use is rewritten in the same run', () => {
    writeFileSync(join(dir, 'd.txt'), draft(`Sorted. ${STOCK_A}`));
    expect(attune(dir, ['--write-baseline', 'same.json', 'd.txt']).code).toBe(0);
    writeFileSync(join(dir, 'd.txt'), draft(`Sorted. ${STOCK_A} ${STOCK_B}`));
    const res = attune(dir, ['--baseline', 'same.json', '--write-baseline', 'same.json', 'd.txt']);
    expect(res.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'same.json'), 'utf8')).entries).toHaveLength(2);
    expect(attune(dir, ['--baseline', 'same.json', 'd.txt']).code).toBe(0);
  });

  it('exits 2 with a one-line message for a missing or broken baseline and misuse', () => {
    writeFileSync(join(dir, 'c.txt'), draft('All sorted now.'));
    const missing = attune(dir, ['--baseline', 'nope.json', 'c.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^attune: .*nope\.json: cannot read baseline \(ENOENT\)$/);
    writeFileSync(join(dir, 'bad.json'), '{"tool":"attune"');
    const bad = attune(dir, ['--baseline', 'bad.json', 'c.txt']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(attune(dir, ['--prune-baseline', 'c.txt']).code).toBe(2);
    writeFileSync(join(dir, 'blocker'), 'a file where a directory should be');
    const unwritable = attune(dir, ['--write-baseline', 'blocker/b.json', 'c.txt']);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^attune: .*blocker\/b\.json: cannot write baseline \((ENOTDIR|EEXIST)\)\n$/);
  });
});

describe('baseline with a crashing rule', () => {
  // ERRWORD is an error finding; CRASHWORD makes the rule throw for that file.
  const rule: Rule = {
    meta: { id: 'test-error', category: 'boundaries', defaultSeverity: 'error', description: 'ERRWORD', docs: 'rules/test-error.md', messages: { found: 'Found ERRWORD.' }, fixable: false, hasSuggestions: false },
    check({ doc, report }) {
      if (doc.text.includes('CRASHWORD')) throw new Error('boom');
      for (const m of doc.text.matchAll(/ERRWORD/g)) report({ messageId: 'found', start: m.index, end: m.index + 7 });
    },
  };
  async function cli(args: string[], cwd: string) {
    let err = '';
    const code = await run(args, {
      stdout: { write: () => undefined },
      stderr: { write: (s: string) => void (err += s) },
      stdin: (async function* () {})(),
      env: {},
      cwd,
      isTTY: { stdin: true, stdout: false },
    }, { rules: [rule] });
    return { code, err };
  }

  it('does not count or prune the entries of a file whose lint crashed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-baseline-crash-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
    writeFileSync(join(dir, 'x.txt'), 'Hello ERRWORD.\n');
    writeFileSync(join(dir, 'y.txt'), 'Hello ERRWORD.\n');
    expect((await cli(['--write-baseline', 'b.json', 'x.txt', 'y.txt'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'x.txt'), 'Hello ERRWORD. CRASHWORD\n');
    writeFileSync(join(dir, 'y.txt'), 'Hello, all fixed.\n');
    const res = await cli(['--baseline', 'b.json', '--prune-baseline', 'x.txt', 'y.txt'], dir);
    expect(res.code).toBe(2);
    expect(res.err).toContain('1 fixed entry pruned');
    expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')).entries.map((e: { file: string }) => e.file)).toEqual(['x.txt']);
    rmSync(dir, { recursive: true, force: true });
  });
});

// attune audit: the aggregation (built from DocumentResult objects, so no rule wording matters),
// near-duplicates, coverage gaps, the four formats, the CLI command, and an end-to-end audit of a
// 240-macro library generated from the sample exports.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAudit, median, topFinding, type AuditReport } from '../src/audit/aggregate.js';
import { jaccard, nearDuplicateGroups, shingles } from '../src/audit/similarity.js';
import { coverage } from '../src/audit/coverage.js';
import { displayMacro } from '../src/audit/display.js';
import { auditStylish } from '../src/formatters/audit-stylish.js';
import { auditMarkdown } from '../src/formatters/audit-markdown.js';
import { auditJson } from '../src/formatters/audit-json.js';
import { auditHtml } from '../src/formatters/audit-html.js';
import { readLibrary } from '../src/sources/library/index.js';
import { defaultConfig, lintUnit, DEFAULT_SETTINGS } from '../src/core/linter.js';
import { run } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { CATEGORIES, type Category, type DocumentResult, type Finding, type Rule } from '../src/core/types.js';

const ROOT = join(import.meta.dirname, '..');
const LIB = join(ROOT, 'fixtures', 'libraries');

// ---------------------------------------------------------------------------------------------
// Helpers

function finding(rule: string, severity: Finding['severity'], category: Category, line = 1): Finding {
  return {
    rule, messageId: 'm', severity, category, message: `${rule} message`, line, column: 1, endLine: line, endColumn: 5,
    range: [0, 4], text: 'text', suggestions: [], fix: null,
  };
}

function result(name: string, score: number, findings: Finding[] = [], cats: Partial<Record<Category, number>> = {}): DocumentResult {
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, cats[c] ?? 100])) as Record<Category, number>;
  return { file: 'lib.json', document: { id: name, name, index: 0 }, score, categories, findings, context: null };
}

function wordRule(id: string, word: string, category: Category, defaultSeverity: 'warn' | 'error'): Rule {
  return {
    meta: { id, category, defaultSeverity, description: id, docs: `rules/${id}.md`, messages: { found: 'Found {{word}}.' }, fixable: false, hasSuggestions: false },
    check({ doc, report }) {
      for (const m of doc.text.matchAll(new RegExp(word, 'g'))) report({ messageId: 'found', data: { word }, start: m.index, end: m.index + word.length });
    },
  };
}
const TEST_RULES = [wordRule('test-warn', 'WARNWORD', 'tone', 'warn'), wordRule('test-error', 'ERRWORD', 'boundaries', 'error')];

interface Ran { code: number; out: string; err: string }

async function cli(args: string[], opts: { cwd?: string; rules?: Rule[] | null; stderrTTY?: boolean } = {}): Promise<Ran> {
  let out = '';
  let err = '';
  const stderr = { write: (s: string) => void (err += s), isTTY: opts.stderrTTY ?? false, columns: 100 };
  const io: CliIO = {
    stdout: { write: (s: string) => void (out += s) },
    stderr,
    stdin: (async function* () {})(),
    env: {},
    cwd: opts.cwd ?? ROOT,
    isTTY: { stdin: true, stdout: false },
  };
  const code = await run(args, io, opts.rules === null ? {} : { rules: opts.rules ?? TEST_RULES });
  return { code, out, err };
}

// ---------------------------------------------------------------------------------------------

describe('aggregation', () => {
  const results = [
    result('clean-a', 100),
    result('warned', 92, [finding('tone-x', 'warning', 'tone')], { tone: 84 }),
    result('errored', 49, [finding('bound-x', 'error', 'boundaries'), finding('tone-x', 'warning', 'tone', 3)], { boundaries: 60, tone: 84 }),
    result('many-warnings', 76, [finding('tone-x', 'warning', 'tone'), finding('tone-x', 'warning', 'tone', 2), finding('act-x', 'warning', 'action', 3)], { tone: 68, action: 84 }),
    result('zero', 0, [finding('bound-x', 'error', 'boundaries'), finding('safe-x', 'error', 'safety', 2)], { boundaries: 60, safety: 60 }),
    result('clean-b', 100),
  ];
  const report = buildAudit(results.map((r) => ({ result: r })), { version: '9.9.9', ruleCategories: { 'tone-x': 'tone', 'never-fired': 'empathy' } });

  it('counts macros, findings and clean macros', () => {
    expect(report.summary).toMatchObject({ files: 1, macros: 6, errors: 3, warnings: 5, clean: 2, skipped: 0, problems: 0, minScore: 0, maxScore: 100 });
  });

  it('computes mean and median (even and odd counts)', () => {
    expect(report.summary.meanScore).toBe(69.5); // (100+92+49+76+0+100)/6 = 69.5
    expect(report.summary.medianScore).toBe(84); // sorted 0 49 76 92 100 100 → (76+92)/2
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it('bins scores in tens, with 100 in the last bin and 0 in the first', () => {
    expect(report.histogram.map((h) => h.count)).toEqual([1, 0, 0, 0, 1, 0, 0, 1, 0, 3]);
    expect(report.histogram[9]).toMatchObject({ from: 90, to: 100 });
    expect(report.histogram.reduce((n, h) => n + h.count, 0)).toBe(6);
  });

  it('averages category scores over all macros', () => {
    expect(report.categories.tone).toBe(round1((100 + 84 + 84 + 68 + 100 + 100) / 6));
    expect(report.categories.boundaries).toBe(round1((100 * 4 + 60 * 2) / 6));
  });

  it('ranks the lowest macros worst first, leaves clean macros out, and names the finding that matters most', () => {
    expect(report.lowest.map((l) => l.name)).toEqual(['zero', 'errored', 'many-warnings', 'warned']);
    expect(report.lowest[0]!.topFinding?.rule).toBe('safe-x');
    expect(report.lowest[1]!.topFinding?.rule).toBe('bound-x');
    expect(report.lowest[2]!.topFinding?.rule).toBe('act-x');
    const limited = buildAudit(results.map((r) => ({ result: r })), { version: 'x', lowest: 2 });
    expect(limited.lowest).toHaveLength(2);
  });

  it('breaks score ties by error count, then by number of findings', () => {
    const tied = buildAudit([
      { result: result('one-warning', 70, [finding('a', 'warning', 'tone')]) },
      { result: result('one-error', 70, [finding('b', 'error', 'tone')]) },
      { result: result('two-warnings', 70, [finding('a', 'warning', 'tone'), finding('a', 'warning', 'tone')]) },
    ], { version: 'x' });
    expect(tied.lowest.map((l) => l.name)).toEqual(['one-error', 'two-warnings', 'one-warning']);
  });

  it('counts findings per rule and the macros they touch, listing rules that never fired', () => {
    const byRule = Object.fromEntries(report.rules.map((r) => [r.rule, r]));
    expect(byRule['tone-x']).toMatchObject({ findings: 4, macros: 3, errors: 0, warnings: 4 });
    expect(byRule['bound-x']).toMatchObject({ findings: 2, macros: 2, errors: 2 });
    expect(byRule['never-fired']).toMatchObject({ findings: 0, macros: 0, category: 'empathy' });
    expect(report.rules[0]!.rule).toBe('tone-x');
    expect(report.rules.at(-1)!.rule).toBe('never-fired');
  });

  it('topFinding prefers errors, then safety and boundaries over tone', () => {
    expect(topFinding([finding('t', 'warning', 'tone'), finding('a', 'warning', 'action')])!.rule).toBe('a');
    expect(topFinding([finding('s', 'warning', 'safety'), finding('e', 'error', 'tone')])!.rule).toBe('e');
    expect(topFinding([])).toBeNull();
  });

  it('handles an empty audit', () => {
    const empty = buildAudit([], { version: 'x' });
    expect(empty.summary).toMatchObject({ macros: 0, meanScore: null, medianScore: null, minScore: null });
    expect(auditStylish(empty, { color: false })).toContain('Nothing to audit');
    expect(() => auditHtml(empty)).not.toThrow();
    expect(() => auditMarkdown(empty)).not.toThrow();
  });
});

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

describe('near-duplicates', () => {
  const base = 'Thanks for getting in touch about your order. It left our warehouse on Tuesday and should arrive within three working days. Reply here if it has not arrived by Friday.';

  it('uses word 3-gram shingles and the exact Jaccard index', () => {
    expect([...shingles('One two three four')]).toEqual(['one two three', 'two three four']);
    expect([...shingles('Hi there')]).toEqual(['hi there']);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
  });

  it('finds a copy with one word changed, ignores unrelated macros, and respects the threshold', () => {
    const texts = [base, base.replace('Tuesday', 'Monday'), 'Your refund was approved today and will reach your card in five days.', base.replace('Friday', 'next week sometime, or call us')];
    const sets = texts.map((t) => shingles(t));
    const groups = nearDuplicateGroups(sets, 0.8);
    expect(groups.map((g) => g.members)).toEqual([[0, 1]]);
    expect(groups[0]!.similarity).toBeCloseTo(jaccard(sets[0]!, sets[1]!));
    expect(nearDuplicateGroups(sets, 0.5).map((g) => g.members)).toEqual([[0, 1, 3]]);
    expect(nearDuplicateGroups([...sets, sets[2]!], 0.8).map((g) => [g.members, g.similarity])).toEqual([[[2, 4], 1], [[0, 1], groups[0]!.similarity]]);
  });

  it('finds the same groups as a brute-force comparison of every pair on the sample library', () => {
    const texts: string[] = [];
    for (const f of readdirSync(LIB).filter((n) => /\.(json|ya?ml|csv|md)$/.test(n))) {
      for (const u of readLibrary({ file: f, absPath: null, text: readFileSync(join(LIB, f), 'utf8') }).units) texts.push(u.text);
    }
    // Plant edited copies so there is something to find.
    const all = [...texts, ...texts.slice(0, 12).map((t, i) => `${t} ${i % 2 ? 'Thanks again.' : ''}`)];
    const sets = all.map((t) => shingles(t.replace(/<[^>]+>/g, ' ')));
    for (const threshold of [0.6, 0.8, 0.95]) {
      // Brute force: connected components of every pair at or above the threshold.
      const parent = sets.map((_, i) => i);
      const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
      const inPair = new Set<number>();
      for (let a = 0; a < sets.length; a++) {
        for (let b = a + 1; b < sets.length; b++) {
          if (jaccard(sets[a]!, sets[b]!) < threshold) continue;
          parent[Math.max(find(a), find(b))] = Math.min(find(a), find(b));
          inPair.add(a).add(b);
        }
      }
      const brute = new Map<number, number[]>();
      for (const i of [...inPair].sort((x, y) => x - y)) brute.set(find(i), [...(brute.get(find(i)) ?? []), i]);
      const found = nearDuplicateGroups(sets, threshold).map((g) => g.members.join(','));
      expect(found.sort()).toEqual([...brute.values()].map((g) => g.join(',')).sort());
      if (threshold <= 0.8) expect(found.length).toBeGreaterThanOrEqual(12);
    }
  });

  it('stays linear on a library made of hundreds of variants of one template', () => {
    const sets = Array.from({ length: 1500 }, (_, i) => shingles(`${base} Ticket ${i} in queue ${i % 13}.`));
    const started = performance.now();
    const groups = nearDuplicateGroups(sets, 0.8);
    // Variants in the same queue share all but two shingles (similar); across queues they do not.
    expect(groups).toHaveLength(13);
    for (const g of groups) expect(new Set(g.members.map((i) => i % 13)).size).toBe(1);
    expect(groups.reduce((n, g) => n + g.members.length, 0)).toBe(1500);
    // Generous bound (shared CI machine): the pairwise version needed about a million comparisons.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('treats macros that differ only in their placeholders as duplicates', () => {
    const a = { result: result('A', 100), unit: { text: `Hi {{ticket.requester.first_name}}, ${base}`, file: 'a.txt' } };
    const b = { result: result('B', 100), unit: { text: `Hi {%customer.firstName,fallback=there%}, ${base}`, file: 'b.txt' } };
    const report = buildAudit([a, b], { version: 'x' });
    expect(report.duplicates.groups).toHaveLength(1);
    expect(report.duplicates.groups[0]!.similarity).toBe(1);
    expect(report.duplicates.groups[0]!.macros.map((m) => m.name)).toEqual(['A', 'B']);
  });
});

describe('coverage gaps', () => {
  it('reports a gap only when no macro covers it', () => {
    const texts = ['we refunded you today.', 'i have escalated this to our billing specialist, who will email you within two business days.'];
    const cov = Object.fromEntries(coverage(texts).map((c) => [c.id, c]));
    expect(cov.escalation).toMatchObject({ covered: true, macros: [1] });
    expect(cov['follow-up-time']).toMatchObject({ covered: true, macros: [1] });
    expect(cov['crisis-resources']!.covered).toBe(false);
    expect(cov.ownership!.covered).toBe(false);
  });

  it('counts a configured crisis resource as a crisis cue', () => {
    const settings = structuredClone(DEFAULT_SETTINGS);
    settings.crisis.resources = [{ name: 'Nightline Aotearoa', contact: '0800 543 354' }];
    const texts = ['you can reach nightline aotearoa any time.'];
    expect(coverage(texts).find((c) => c.id === 'crisis-resources')!.covered).toBe(false);
    expect(coverage(texts, settings).find((c) => c.id === 'crisis-resources')!.covered).toBe(true);
  });
});

describe('macro text with findings in place', () => {
  it('shows placeholders as written, drops markup and escapes, and maps each finding onto its words', () => {
    const text = JSON.stringify([{ name: 'Mixed', body: '<p>Hi {{ticket.requester.first_name}},</p><p>We are sorry &amp; we will fix \u201cthis\u201d ERRWORD today.</p><div><br></div><div><br></div><p>WARNWORD</p>' }]);
    const [unit] = readLibrary({ file: 'lib.json', absPath: null, text }).units;
    const res = lintUnit(unit!, { rules: TEST_RULES, config: defaultConfig(TEST_RULES) });
    const d = displayMacro(unit!, res.findings);
    expect(d.text).toBe('Hi {{ticket.requester.first_name}},\n\nWe are sorry & we will fix "this" ERRWORD today.\n\nWARNWORD');
    expect(d.highlights.map((h) => d.text.slice(h.start, h.end))).toEqual(['ERRWORD', 'WARNWORD']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('formats', () => {
  let report: AuditReport;
  beforeAll(() => {
    const hostile = '<script>alert(1)</script> | `code` @here ERRWORD <img src=x onerror=alert(2)> https://tracker.example/pixel.png';
    const units = [
      { text: hostile, file: 'evil.txt' },
      { text: 'A calm reply with WARNWORD in it.', file: 'calm.txt' },
      { text: 'A clean reply that we sent today.', file: 'clean.txt' },
    ];
    report = buildAudit(units.map((u) => ({ unit: u, result: { ...lintUnit(u, { rules: TEST_RULES, config: defaultConfig(TEST_RULES) }), document: { id: '7', name: `<b>${u.file}</b> | pipe`, index: 0 } } })), { version: '1.2.3' });
  });

  it('stylish: block-character histogram, colors only when asked', () => {
    const plain = auditStylish(report, { color: false });
    expect(plain).not.toMatch(/\x1b\[/);
    expect(plain).toMatch(/90-100 │█+/);
    expect(plain).toContain(`mean ${report.summary.meanScore}`);
    expect(plain).toContain('lowest 49');
    expect(plain).toContain('Coverage');
    expect(auditStylish(report, { color: true })).toMatch(/\x1b\[/);
  });

  it('markdown: a summary table, and macro text cannot break tables or ping people', () => {
    const md = auditMarkdown(report);
    expect(md).toMatch(/^## attune audit: 3 macros, mean score/);
    expect(md).toContain('&lt;b&gt;evil.txt&lt;/b&gt; \\| pipe');
    expect(md).not.toMatch(/<b>|<script/);
    for (const line of md.split('\n').filter((l) => l.startsWith('| ') && l.includes('evil.txt'))) {
      expect(line.split(/(?<!\\)\|/).length).toBe(6); // 4 cells + the two outer pipes
    }
  });

  it('json: the aggregate plus every macro result in the lint result shape', () => {
    const parsed = JSON.parse(auditJson(report)) as Record<string, unknown> & { results: Array<Record<string, unknown>> };
    expect(Object.keys(parsed)).toEqual(['tool', 'version', 'schemaVersion', 'summary', 'histogram', 'categories', 'lowest', 'rules', 'duplicates', 'coverage', 'problems', 'skipped', 'results']);
    expect(parsed.results).toHaveLength(3);
    expect(Object.keys(parsed.results[0]!)).toEqual(['file', 'document', 'name', 'score', 'categories', 'findings', 'context']);
    expect(parsed.summary).toMatchObject({ macros: 3, errors: 1, warnings: 1 });
  });

  it('html: self-contained, everything from the library escaped, nothing fetched', () => {
    const html = auditHtml(report);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>evil');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<link\b|\bsrc=["']?https?:|@import|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toMatch(/<mark class="hl sev-error"[^>]*>ERRWORD<\/mark>/);
    expect(html).toContain('id="chart-histogram"');
  });
});

// ---------------------------------------------------------------------------------------------

describe('attune audit (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attune-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the terminal summary for the sample exports', async () => {
    const r = await cli(['audit', 'fixtures/libraries'], { rules: null });
    expect(r.out).toMatch(/^attune audit: 54 macros in 13 files \(2 without reply text skipped\)/);
    expect(r.out).toContain('Score distribution');
    expect(r.out).toContain('Near-duplicate macros');
    expect(r.err).toBe('');
    expect([0, 1]).toContain(r.code);
  });

  it('writes html, markdown and json reports with -o', async () => {
    for (const format of ['html', 'markdown', 'json']) {
      const out = join(dir, `report.${format}`);
      const r = await cli(['audit', 'fixtures/libraries/zendesk-macros.json', '--format', format, '-o', out, '--no-color'], { rules: null });
      expect(r.out).toBe('');
      expect(existsSync(out)).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { summary: { macros: number; skipped: number }; skipped: unknown[] };
    expect(json.summary).toMatchObject({ macros: 7, skipped: 1 });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('exits 1 when a macro has an error-level finding, 0 otherwise', async () => {
    const lib = join(dir, 'lib.json');
    writeFileSync(lib, JSON.stringify([{ name: 'a', body: 'fine WARNWORD' }, { name: 'b', body: 'fine' }]));
    expect((await cli(['audit', lib])).code).toBe(0);
    writeFileSync(lib, JSON.stringify([{ name: 'a', body: 'bad ERRWORD' }, { name: 'b', body: 'fine' }]));
    expect((await cli(['audit', lib])).code).toBe(1);
  });

  it('fails a broken export with exit 2 and file:line:column', async () => {
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"macros": [\n  {"title": "A"},\n  {"title": "B"\n]}');
    const r = await cli(['audit', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^attune: .*broken\.json:4:1: invalid JSON: expected "," or "}"/);
    expect(r.out).toBe('');
  });

  it('reports an unreadable macro (exit 2) without hiding the others', async () => {
    const lib = join(dir, 'partial.json');
    writeFileSync(lib, '[\n  {"name": "ok", "body": "We shipped it today."},\n  {"name": "no body"},\n  {"name": "also ok", "body": "ERRWORD"}\n]\n');
    const r = await cli(['audit', lib, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/partial\.json:3:3: macro #2 "no body": expected a "body"/);
    const json = JSON.parse(r.out) as { summary: { macros: number; problems: number }; problems: Array<{ location: string }> };
    expect(json.summary).toMatchObject({ macros: 2, problems: 1 });
    expect(json.problems[0]!.location).toMatch(/partial\.json:3:3$/);
  });

  it('rejects unknown formats, source formats and thresholds with exit 2', async () => {
    expect((await cli(['audit', 'fixtures/libraries/generic-library.json', '--format', 'pdf'])).err).toMatch(/unknown audit format "pdf"/);
    expect((await cli(['audit', 'fixtures/libraries/generic-library.json', '--source-format', 'kayako'])).code).toBe(2);
    expect((await cli(['audit', 'fixtures/libraries/generic-library.json', '--similarity', '1.5'])).code).toBe(2);
  });

  it('reads library.fields from the config to find name and body columns', async () => {
    const proj = mkdtempSync(join(dir, 'fields-'));
    writeFileSync(join(proj, 'package.json'), '{"name": "support-macros"}');
    writeFileSync(join(proj, 'replies.csv'), 'Title,Reply\nRefund,"We refunded you today, WARNWORD."\n');
    const unmapped = await cli(['audit', 'replies.csv', '--format', 'json'], { cwd: proj });
    expect(unmapped.code).toBe(2);
    expect(unmapped.err).toMatch(/replies\.csv:2:1: macro #1: .*library\.fields\.body/);
    writeFileSync(join(proj, '.attunerc.json'), '{"library": {"fields": {"name": "Title", "body": "Reply"}}}');
    const mapped = await cli(['audit', 'replies.csv', '--format', 'json'], { cwd: proj });
    expect(mapped.code).toBe(0);
    const rep = JSON.parse(mapped.out) as { results: Array<{ name: string; findings: Array<{ line: number; column: number }> }> };
    expect(rep.results.map((x) => x.name)).toEqual(['Refund']);
    expect(rep.results[0]!.findings.map((f) => [f.line, f.column])).toEqual([[2, 32]]);
    writeFileSync(join(proj, '.attunerc.json'), '{"library": {"fields": {"bdy": "Reply"}}}');
    const typo = await cli(['audit', 'replies.csv'], { cwd: proj });
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/library\.fields\.bdy: unknown key \(did you mean "body"\?\)/);
  });

  it('--source-format forces a reader', async () => {
    const r = await cli(['audit', 'fixtures/libraries/SAVED_REPLIES.md', '--source-format', 'plain', '--format', 'json']);
    expect((JSON.parse(r.out) as { summary: { macros: number } }).summary.macros).toBe(1);
    const h = await cli(['audit', 'fixtures/libraries/helpscout-saved-replies.json', '--source-format', 'json', '--format', 'json']);
    expect((JSON.parse(h.out) as { summary: { macros: number } }).summary.macros).toBe(6);
  });

  it('shows a progress bar on stderr only when stderr is a terminal and the audit is long', async () => {
    const lib = join(dir, 'many.json');
    writeFileSync(lib, JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ name: `m${i}`, body: `Reply number ${i}, sent today.` }))));
    const tty = await cli(['audit', lib], { stderrTTY: true });
    expect(tty.err).toContain('Linting macros');
    expect(tty.err).toContain('30/30');
    expect(tty.out).not.toContain('Linting macros');
    const piped = await cli(['audit', lib], { stderrTTY: false });
    expect(piped.err).toBe('');
    const small = await cli(['audit', 'fixtures/libraries/generic-library.json'], { stderrTTY: true });
    expect(small.err).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------

describe('end to end: a 240-macro library generated from the sample exports', () => {
  let dir: string;
  let libPath: string;
  const N = 240;
  // Deterministic plan: macro i gets (i % 7 === 0) one ERRWORD, and (i % 5) WARNWORDs; every
  // 40th macro is an exact copy of the macro before it (a planted duplicate).
  const errs = (i: number) => (i % 7 === 0 ? 1 : 0);
  const warns = (i: number) => i % 5;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
    const bodies: string[] = [];
    for (const f of readdirSync(LIB).filter((n) => /\.(json|ya?ml|csv|md)$/.test(n)).sort()) {
      for (const u of readLibrary({ file: f, absPath: null, text: readFileSync(join(LIB, f), 'utf8') }).units) bodies.push(u.text);
    }
    const macros = Array.from({ length: N }, (_, i) => {
      if (i % 40 === 39) return null;
      const body = bodies[i % bodies.length]!;
      const marks = [...Array(errs(i)).fill('ERRWORD'), ...Array(warns(i)).fill('WARNWORD')].join(' ');
      return { id: `m${i}`, name: `Macro ${String(i).padStart(3, '0')}`, body: `${body}\n\nVariant ${i} of the reply, batch ${Math.floor(i / bodies.length)}. ${marks}` };
    });
    for (let i = 0; i < N; i++) if (!macros[i]) macros[i] = { ...macros[i - 1]!, id: `m${i}`, name: `Macro ${String(i).padStart(3, '0')}` };
    libPath = join(dir, 'library.json');
    writeFileSync(libPath, JSON.stringify(macros, null, 2));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('totals, ranking and duplicates match the plan exactly (test rules)', async () => {
    const r = await cli(['audit', libPath, '--format', 'json']);
    const rep = JSON.parse(r.out) as ReturnType<typeof JSON.parse>;
    const planned = Array.from({ length: N }, (_, i) => (i % 40 === 39 ? i - 1 : i));
    const expErrors = planned.reduce((n, i) => n + errs(i), 0);
    const expWarnings = planned.reduce((n, i) => n + warns(i), 0);
    expect(rep.summary).toMatchObject({ macros: N, errors: expErrors, warnings: expWarnings, problems: 0 });
    expect(r.code).toBe(1);

    const scores = (rep.results as Array<{ score: number; name: string }>).map((x) => x.score);
    expect(rep.histogram.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(N);
    expect(rep.summary.meanScore).toBe(round1(scores.reduce((a, b) => a + b, 0) / N));
    expect(rep.summary.medianScore).toBe(median(scores));

    // Worst: ERRWORD + 4 WARNWORDs (i % 7 === 0 and i % 5 === 4), lowest names first on ties.
    const worst = planned.map((src, i) => ({ i, src })).filter(({ src }) => errs(src) && warns(src) === 4).map(({ i }) => `Macro ${String(i).padStart(3, '0')}`);
    expect(rep.lowest).toHaveLength(10);
    expect(rep.lowest.slice(0, worst.length).map((l: { name: string }) => l.name)).toEqual(worst.slice(0, 10));
    const lowestScores = rep.lowest.map((l: { score: number }) => l.score);
    expect([...lowestScores].sort((a: number, b: number) => a - b)).toEqual(lowestScores);
    expect(Math.max(...lowestScores)).toBeLessThanOrEqual(Math.min(...scores.filter((_, k) => !rep.lowest.some((l: { macro: number }) => l.macro === k) && rep.results[k].findings.length)));

    const testError = rep.rules.find((x: { rule: string }) => x.rule === 'test-error');
    expect(testError).toMatchObject({ findings: expErrors, macros: expErrors, errors: expErrors });

    // Every planted copy is in a duplicate group with its original, at similarity 1.
    const groups = rep.duplicates.groups as Array<{ similarity: number; macros: Array<{ name: string }> }>;
    for (let i = 39; i < N; i += 40) {
      const names = [`Macro ${String(i - 1).padStart(3, '0')}`, `Macro ${String(i).padStart(3, '0')}`];
      expect(groups.some((g) => g.similarity === 1 && names.every((n) => g.macros.some((m) => m.name === n))), names.join(' + ')).toBe(true);
    }
  });

  it('stays consistent with the built-in rules (whatever their wording)', async () => {
    const r = await cli(['audit', libPath, '--format', 'json'], { rules: null });
    const rep = JSON.parse(r.out) as ReturnType<typeof JSON.parse>;
    expect(rep.summary.macros).toBe(N);
    const perRule = rep.rules.reduce((n: number, x: { findings: number }) => n + x.findings, 0);
    expect(perRule).toBe(rep.summary.errors + rep.summary.warnings);
    const all = (rep.results as Array<{ findings: unknown[] }>).reduce((n, x) => n + x.findings.length, 0);
    expect(all).toBe(perRule);
    const lowestScores = rep.lowest.map((l: { score: number }) => l.score);
    expect([...lowestScores].sort((a: number, b: number) => a - b)).toEqual(lowestScores);
    const html = await cli(['audit', libPath, '--format', 'html', '-o', join(dir, 'big.html')], { rules: null });
    expect(html.code).toBeLessThan(2);
    expect(readFileSync(join(dir, 'big.html'), 'utf8').match(/<tr data-order=/g)).toHaveLength(N);
  });
});

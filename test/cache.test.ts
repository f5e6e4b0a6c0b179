// The result cache: keyed by content hash and config hash, dropped wholesale when attune's
// version or rule data changes, written atomically, free of draft text, and (end to end) giving
// the same report as a fresh lint while relinting exactly the files whose content or config
// changed, including after the whole checkout moves to another directory (a fresh clone in CI).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultCache, hashValue, resolveCacheLocation, ruleDataHash, stableStringify, writeFileAtomic } from '../src/core/cache.js';
import type { DocumentResult } from '../src/core/types.js';
import { builtinRules } from '../src/rules/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'attune.js');

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const TEXT = 'Hello Ana,\nSorry again for the wait.\n';
function result(file: string): DocumentResult {
  const start = TEXT.indexOf('Sorry again');
  return {
    file,
    document: null,
    score: 92,
    categories: { empathy: 100, action: 100, boundaries: 100, tone: 92, safety: 100 },
    findings: [{
      rule: 'over-apology', messageId: 'repeated', severity: 'warning', category: 'tone', message: 'Second apology.',
      line: 2, column: 1, endLine: 2, endColumn: 12, range: [start, start + 11], text: 'Sorry again',
      suggestions: [{ text: 'Thanks for waiting', description: 'thank instead' }], fix: null,
    }],
    context: null,
  };
}

describe('ResultCache', () => {
  it('hits on same content and config, misses on either change', async () => {
    const dir = tmp('attune-cache-unit-');
    const path = join(dir, '.attunecache');
    const file = join(dir, 'a.txt');
    writeFileSync(file, TEXT);
    const c1 = await ResultCache.open(path, 'stamp-1');
    expect(c1.get(file, 'a.txt', TEXT, 'cfg')).toBeNull();
    c1.set(file, TEXT, 'cfg', [result('a.txt')]);
    await c1.save();
    expect(readFileSync(path, 'utf8')).not.toContain('Sorry again');
    expect(readFileSync(path, 'utf8')).not.toContain('Hello Ana');

    const c2 = await ResultCache.open(path, 'stamp-1');
    const hit = c2.get(file, './a.txt', TEXT, 'cfg');
    expect(hit).toEqual([{ ...result('a.txt'), file: './a.txt' }]);
    expect(c2.get(file, 'a.txt', `${TEXT} `, 'cfg')).toBeNull();
    expect(c2.get(file, 'a.txt', TEXT, 'other-config')).toBeNull();
    expect(c2.stats).toEqual({ hits: 1, misses: 2 });

    // Another attune version or rule data: nothing is reused.
    const c3 = await ResultCache.open(path, 'stamp-2');
    expect(c3.get(file, 'a.txt', TEXT, 'cfg')).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores quotes of the draft as offsets and restores them, and never stores the context', async () => {
    const dir = tmp('attune-cache-unit-');
    const path = join(dir, '.attunecache');
    const file = join(dir, 'a.txt');
    const r = result('a.txt');
    const f = r.findings[0]!;
    f.message = 'Second apology ("Sorry again") in "Hello Ana".';
    f.suggestions = [{ text: 'Hello Ana', description: 'keep the greeting', fix: { range: f.range, text: 'Hello Ana' } }];
    f.fix = { range: f.range, text: '' };
    const context = { file: 'customer.txt', signals: [{ type: 'anger' as const, text: 'this is the third time', range: [0, 22] as [number, number], line: 1, column: 1 }] };
    const c1 = await ResultCache.open(path, 's');
    expect(c1.set(file, TEXT, 'cfg', [{ ...r, context }])).toBe(true);
    await c1.save();
    const raw = readFileSync(path, 'utf8');
    expect(raw).not.toMatch(/Sorry again|Hello Ana|third time/);
    const c2 = await ResultCache.open(path, 's');
    expect(c2.get(file, 'a.txt', TEXT, 'cfg', context)).toEqual([{ ...r, context }]);
    expect(c2.get(file, 'a.txt', TEXT, 'cfg')![0]!.context).toBeNull();
    // Text the reference markers could be confused with is not cached at all.
    const odd = result('a.txt');
    odd.findings[0]!.message = 'odd \uE000 marker';
    expect(c2.set(file, TEXT, 'cfg', [odd])).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('treats a corrupt cache as empty and drops entries of deleted files on save', async () => {
    const dir = tmp('attune-cache-unit-');
    const path = join(dir, 'cache.json');
    writeFileSync(path, '{"cacheFormat": 1, "sta');
    const c = await ResultCache.open(path, 's');
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, TEXT);
    writeFileSync(b, TEXT);
    c.set(a, TEXT, 'cfg', [result('a.txt')]);
    c.set(b, TEXT, 'cfg', [result('b.txt')]);
    await c.save();
    rmSync(b);
    const again = await ResultCache.open(path, 's');
    expect(again.get(a, 'a.txt', TEXT, 'cfg')).not.toBeNull();
    await again.save();
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).entries)).toEqual(['a.txt']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes configs independently of key order', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    expect(hashValue({ rules: { x: 'warn', y: 'off' } })).toBe(hashValue({ rules: { y: 'off', x: 'warn' } }));
    expect(hashValue({ rules: { x: 'warn' } })).not.toBe(hashValue({ rules: { x: 'error' } }));
  });

  it('hashes rule data by file name and content', async () => {
    const dir = tmp('attune-rules-');
    writeFileSync(join(dir, 'a.yaml'), 'phrases: []\n');
    writeFileSync(join(dir, 'a.md'), 'docs are not data\n');
    const first = await ruleDataHash(dir);
    writeFileSync(join(dir, 'a.md'), 'edited docs\n');
    expect(await ruleDataHash(dir)).toBe(first);
    writeFileSync(join(dir, 'a.yaml'), 'phrases: [x]\n');
    expect(await ruleDataHash(dir)).not.toBe(first);
    expect(ResultCache.stampFor('1.0.0', first)).not.toBe(ResultCache.stampFor('1.0.1', first));
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes atomically (no temp files left) and resolves directory locations', async () => {
    const dir = tmp('attune-atomic-');
    await writeFileAtomic(join(dir, 'sub', 'f.json'), 'one');
    await writeFileAtomic(join(dir, 'sub', 'f.json'), 'two');
    expect(readFileSync(join(dir, 'sub', 'f.json'), 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['f.json']);
    expect(await resolveCacheLocation('sub', dir)).toBe(join(dir, 'sub', '.attunecache'));
    expect(await resolveCacheLocation('new-dir/', dir)).toBe(join(dir, 'new-dir', '.attunecache'));
    expect(await resolveCacheLocation('my.cache', dir)).toBe(join(dir, 'my.cache'));
    rmSync(dir, { recursive: true, force: true });
  });
});

// ---------------------------------------------------------------------------------------------

function attune(cwd: string, args: string[]) {
  const { GITHUB_STEP_SUMMARY: _drop, ...base } = process.env;
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, NO_COLOR: '1' }, input: '' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function cacheLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith('attune: cache '));
  return line ? line.replace(/^attune: cache .*?: /, '') : '(no cache line)';
}

function config(overrides: Record<string, string>): string {
  const rules: Record<string, string> = {};
  for (const rule of builtinRules) rules[rule.meta.id] = 'off';
  return JSON.stringify({ rules: { ...rules, ...overrides } });
}

const draft = (...body: string[]) => ['Hi Priya,', '', ...body, '', 'I have reset your password; the link in this email works for 24 hours.', '', 'Best,', 'Noor', ''].join('\n');

describe('cache end to end', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT });
    dir = tmp('attune-cache-e2e-');
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, '.attunerc.json'), config({ 'empathy-phrasing': 'error' }));
    writeFileSync(join(dir, 'drafts', 'a.txt'), draft('We value your business and I know exactly how you feel.'));
    writeFileSync(join(dir, 'drafts', 'b.txt'), draft('Your account is unlocked again.'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const args = ['--cache', '--debug', '-f', 'json', 'drafts'];
  const report = (stdout: string) => JSON.parse(stdout).results;

  it('reuses unchanged files, relints changed ones, and reports exactly what a fresh run would', () => {
    const fresh = attune(dir, ['-f', 'json', 'drafts']);
    expect(fresh.code).toBe(1);

    const first = attune(dir, args);
    expect(cacheLine(first.stderr)).toBe('0 reused, 2 linted');
    expect(existsSync(join(dir, '.attunecache'))).toBe(true);
    const stored = readFileSync(join(dir, '.attunecache'), 'utf8');
    expect(stored).not.toMatch(/value your business|Priya|Noor/);

    const second = attune(dir, args);
    expect(cacheLine(second.stderr)).toBe('2 reused, 0 linted');
    expect(second.code).toBe(1);
    expect(report(second.stdout)).toEqual(report(fresh.stdout));

    // Add a finding to b, move a's lines: both relinted, positions and findings current.
    writeFileSync(join(dir, 'drafts', 'b.txt'), draft('Your account is unlocked again. I understand your frustration.'));
    writeFileSync(join(dir, 'drafts', 'a.txt'), draft('Thanks for the screenshots.', '', 'We value your business and I know exactly how you feel.'));
    const third = attune(dir, args);
    expect(cacheLine(third.stderr)).toBe('0 reused, 2 linted');
    expect(report(third.stdout)).toEqual(report(attune(dir, ['-f', 'json', 'drafts']).stdout));
    const lines = report(third.stdout).flatMap((r: { findings: Array<{ line: number }> }) => r.findings.map((f) => f.line));
    expect(lines).toEqual([5, 5, 3]);

    // Fix one: only that file is relinted.
    writeFileSync(join(dir, 'drafts', 'b.txt'), draft('Your account is unlocked again.'));
    const fourth = attune(dir, args);
    expect(cacheLine(fourth.stderr)).toBe('1 reused, 1 linted');
    expect(report(fourth.stdout)[1].findings).toEqual([]);
  });

  it('is invalidated by a config change', () => {
    attune(dir, args);
    writeFileSync(join(dir, '.attunerc.json'), config({ 'empathy-phrasing': 'warn' }));
    const changed = attune(dir, args);
    expect(cacheLine(changed.stderr)).toBe('0 reused, 2 linted');
    expect(changed.code).toBe(0);
    expect(cacheLine(attune(dir, args).stderr)).toBe('2 reused, 0 linted');
  });

  it('still hits after the checkout moves (fresh clone with a restored cache)', () => {
    attune(dir, args);
    const clone = tmp('attune-cache-clone-');
    cpSync(dir, clone, { recursive: true });
    const moved = attune(clone, args);
    expect(cacheLine(moved.stderr)).toBe('2 reused, 0 linted');
    expect(report(moved.stdout)).toEqual(report(attune(clone, ['-f', 'json', 'drafts']).stdout));
    rmSync(clone, { recursive: true, force: true });
  });

  it('warns but does not fail when the cache cannot be written', () => {
    writeFileSync(join(dir, 'blocker'), 'a file where a directory should be');
    const res = attune(dir, ['--cache', '--cache-location', 'blocker/sub/cache', 'drafts']);
    expect(res.code).toBe(attune(dir, ['drafts']).code);
    expect(res.stderr).toMatch(/attune: cannot write the cache .*blocker\/sub\/cache \((ENOTDIR|EEXIST)\); results were not cached/);
  });

  it('honours --cache-location and survives a corrupt cache file', () => {
    const loc = attune(dir, ['--cache', '--cache-location', 'tmp-cache/', '--debug', 'drafts']);
    expect(existsSync(join(dir, 'tmp-cache', '.attunecache'))).toBe(true);
    expect(cacheLine(loc.stderr)).toBe('0 reused, 2 linted');
    writeFileSync(join(dir, 'tmp-cache', '.attunecache'), 'not json');
    const corrupt = attune(dir, ['--cache', '--cache-location', 'tmp-cache', '--debug', 'drafts']);
    expect(corrupt.code).toBe(0);
    expect(cacheLine(corrupt.stderr)).toBe('0 reused, 2 linted');
    expect(JSON.parse(readFileSync(join(dir, 'tmp-cache', '.attunecache'), 'utf8')).cacheFormat).toBe(1);
  });
});

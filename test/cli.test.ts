// The CLI end to end: in-process through run() with deterministic test rules (exit codes, inputs,
// options), and as a real process through bin/attune.js on the built dist/ (npm test builds it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type Ran } from './helpers/run-cli.js';
import type { CliIO } from '../src/cli/io.js';
import type { Rule } from '../src/core/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'attune.js');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

// Test rules: WARNWORD → warning (tone), ERRWORD → error (boundaries), CRASHWORD → the rule throws.
function wordRule(id: string, word: string, category: 'tone' | 'boundaries', defaultSeverity: 'warn' | 'error'): Rule {
  return {
    meta: {
      id,
      category,
      defaultSeverity,
      description: id,
      docs: `rules/${id}.md`,
      messages: { found: 'Found {{word}}.' },
      fixable: false,
      hasSuggestions: true,
      options: { limit: { type: 'number', default: 0, min: 0, description: 'occurrences allowed' } },
    },
    check({ doc, report, options }) {
      const hits = [...doc.text.matchAll(new RegExp(word, 'g'))];
      if (hits.length <= (options.limit as number)) return;
      for (const m of hits) report({ messageId: 'found', data: { word }, start: m.index, end: m.index + word.length, suggestions: [{ text: 'something kinder', description: 'test suggestion' }] });
    },
  };
}
const crashRule: Rule = {
  meta: { id: 'test-crash', category: 'tone', defaultSeverity: 'warn', description: 'crashes', docs: 'rules/test-crash.md', messages: {}, fixable: false, hasSuggestions: false },
  check({ doc }) {
    if (doc.text.includes('CRASHWORD')) throw new Error('boom');
  },
};
const RULES = [wordRule('test-warn', 'WARNWORD', 'tone', 'warn'), wordRule('test-error', 'ERRWORD', 'boundaries', 'error'), crashRule];

/** In-process, with the test rules unless `rules` says otherwise (null: the built-ins). */
function cli(args: string[], opts: { stdin?: string; cwd?: string; env?: Record<string, string>; tty?: Partial<CliIO['isTTY']>; rules?: Rule[] | null } = {}): Promise<Ran> {
  return runCli(args, {
    cwd: opts.cwd ?? project,
    stdin: opts.stdin,
    env: opts.env,
    rules: opts.rules === null ? undefined : (opts.rules ?? RULES),
    stdinIsTTY: opts.tty?.stdin,
    stdoutIsTTY: opts.tty?.stdout,
  });
}

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'attune-cli-'));
  const files: Record<string, string> = {
    'package.json': '{"name":"drafts"}',
    'clean.txt': 'Hi Jo,\nYour refund went out today.\n',
    'warn.txt': 'Hi Jo,\nThis has WARNWORD in it.\n',
    'warn2.md': 'Hi Jo, WARNWORD and WARNWORD again.\n',
    'error.txt': 'Hi Jo,\nThis has ERRWORD in it.\n',
    'crash.txt': 'Hi Jo, CRASHWORD.\n',
    'dir/a.txt': 'WARNWORD\n',
    'dir/nested/b.md': 'fine\n',
    'dir/nested/c.html': '<p>fine</p>\n',
    'dir/nested/d.eml': 'Subject: hi\n\nfine\n',
    'dir/notes.json': '{"ignored": true}\n',
    'dir/node_modules/x.txt': 'WARNWORD\n',
    'team/.attunerc.json': '{"rules": {"test-warn": "off"}}',
    'team/deep/nested/w.txt': 'WARNWORD\n',
    'customer.txt': 'My order never came and nobody answers.\n',
    'empty/.keep': '',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, rel)), { recursive: true });
    writeFileSync(join(project, rel), text);
  }
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('exit codes', () => {
  it('0 when clean', async () => {
    const r = await cli(['clean.txt']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('clean.txt');
  });

  it('0 with warnings only', async () => {
    expect((await cli(['warn.txt'])).code).toBe(0);
  });

  it('1 with an error-level finding', async () => {
    const r = await cli(['error.txt', 'clean.txt']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/2:10 {2}error {2}Found ERRWORD\. +test-error/);
  });

  it('1 when --max-warnings is exceeded, with a note on stderr', async () => {
    expect((await cli(['warn2.md', '--max-warnings', '2'])).code).toBe(0);
    const r = await cli(['warn2.md', '--max-warnings', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('attune: 2 warnings exceed --max-warnings 1\n');
  });

  it('1 when a document scores below --min-score', async () => {
    const ok = await cli(['warn.txt', '--min-score', '50', '--format', 'json']);
    const score = JSON.parse(ok.out).results[0].score as number;
    expect(ok.code).toBe(0);
    const r = await cli(['warn.txt', 'clean.txt', '--min-score', String(score + 1)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/1 document scores below --min-score \d+ \(lowest first seen: warn\.txt at \d+\)/);
  });

  it('2 for usage errors, with one line', async () => {
    for (const args of [['--bogus'], ['--format', 'xml', 'clean.txt'], ['--max-warnings', 'lots', 'clean.txt'], ['--rule', 'nope:off', 'clean.txt'], ['--rule', 'test-warn:loud', 'clean.txt']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')[0]).toMatch(/^attune: /);
    }
    expect((await cli(['--format', 'xml', 'clean.txt'])).err).toMatch(/^attune: --format: unknown format "xml" \(available: stylish, compact, json\b.*\)\n$/);
  });

  it('2 with a message when there is no input and stdin is a terminal', async () => {
    const r = await cli([], { tty: { stdin: true } });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^attune: no input/);
  });

  it('2 for a missing file, naming it, before any output', async () => {
    const r = await cli(['clean.txt', 'missing.txt']);
    expect(r).toEqual({ code: 2, out: '', err: 'attune: missing.txt: no such file or directory\n' });
  });

  it('2 for a glob that matches nothing and a directory without drafts', async () => {
    expect((await cli(['nothing/**/*.txt'])).err).toBe('attune: nothing/**/*.txt: no files match this pattern (pass --no-error-on-unmatched-pattern to allow this)\n');
    expect((await cli(['empty'])).err).toMatch(/^attune: empty: no files with \.txt, \.md, \.html, \.eml in directory \(pass --no-error-on-unmatched-pattern to allow this\)\n$/);
  });

  it('2 for a config error, naming file and key', async () => {
    writeFileSync(join(project, 'bad.json'), '{"rules": {"test-warn": ["warn", {"limt": 1}]}}');
    const r = await cli(['clean.txt', '--config', 'bad.json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('attune: bad.json: rules.test-warn.limt: unknown option (did you mean "limit"?) (options: limit)\n');
  });

  it('2 when a rule crashes, naming rule and file, while the other files are still reported', async () => {
    const r = await cli(['crash.txt', 'warn.txt']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('attune: crash.txt: rule "test-crash" crashed: boom\n');
    expect(r.out).toContain('warn.txt');
    expect(r.out).toContain('test-warn');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('prints the stack of a crash only with --debug', async () => {
    const r = await cli(['crash.txt', '--debug']);
    expect(r.err).toMatch(/\n\s+at /);
  });

  it('0 for --help and --version', async () => {
    const h = await cli(['--help']);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/Usage: attune \[options\] (?:\[command\] )?\[paths\.\.\.\]/);
    for (const flag of ['--format', '--output', '--config', '--no-config-lookup', '--rule', '--print-config', '--stdin-filename', '--max-warnings', '--min-score', '--context', '--no-color', '--debug', '--quiet', '--version']) {
      expect(h.out).toContain(flag);
    }
    expect(await cli(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });
});

describe('inputs', () => {
  it('reads piped stdin when no paths are given, as <stdin>', async () => {
    const r = await cli(['--format', 'json'], { stdin: 'Hi, WARNWORD here.' });
    const report = JSON.parse(r.out);
    expect(report.results[0].file).toBe('<stdin>');
    expect(report.results[0].findings[0].column).toBe(5);
  });

  it('reads stdin for "-" alongside files', async () => {
    const r = await cli(['-', 'clean.txt', '--format', 'json'], { stdin: 'ERRWORD' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).results.map((x: { file: string }) => x.file)).toEqual(['<stdin>', 'clean.txt']);
  });

  it('--stdin-filename names stdin and picks its config', async () => {
    const r = await cli(['--stdin-filename', 'team/deep/new.txt', '--format', 'json'], { stdin: 'WARNWORD' });
    const res = JSON.parse(r.out).results[0];
    expect(res.file).toBe('team/deep/new.txt');
    expect(res.findings).toEqual([]); // team/.attunerc.json turns test-warn off
  });

  it('--stdin-filename picks the format from the extension', async () => {
    const r = await cli(['--stdin-filename', 'x.md', '--format', 'json'], { stdin: 'Run `WARNWORD` to reset it.' });
    expect(JSON.parse(r.out).results[0].findings).toEqual([]); // code spans are masked in Markdown
    const t = await cli(['--stdin-filename', 'x.txt', '--format', 'json'], { stdin: 'Run `WARNWORD` to reset it.' });
    expect(JSON.parse(t.out).results[0].findings).toHaveLength(1);
  });

  it('walks directories recursively for .txt .md .html .eml, skipping node_modules', async () => {
    const r = await cli(['dir', '--format', 'json']);
    expect(JSON.parse(r.out).results.map((x: { file: string }) => x.file)).toEqual(['dir/a.txt', 'dir/nested/b.md', 'dir/nested/c.html', 'dir/nested/d.eml']);
  });

  it('expands globs and lints each file once', async () => {
    const r = await cli(['dir/**/*.{md,html}', 'dir/nested/b.md', '--format', 'json']);
    expect(JSON.parse(r.out).results.map((x: { file: string }) => x.file)).toEqual(['dir/nested/b.md', 'dir/nested/c.html']);
  });

  it('finds config from a nested directory up to the project root', async () => {
    const r = await cli(['team/deep/nested/w.txt', 'warn.txt', '--format', 'json', '--debug']);
    const [nested, top] = JSON.parse(r.out).results;
    expect(nested.findings).toEqual([]);
    expect(top.findings).toHaveLength(1);
    expect(r.err).toContain('team/deep/nested/w.txt: config team/.attunerc.json');
  });

  it('--no-config-lookup ignores config files', async () => {
    const r = await cli(['team/deep/nested/w.txt', '--no-config-lookup', '--format', 'json']);
    expect(JSON.parse(r.out).results[0].findings).toHaveLength(1);
  });

  it('--context passes the customer message, from a file or from stdin', async () => {
    const a = JSON.parse((await cli(['warn.txt', '--context', 'customer.txt', '--format', 'json'])).out);
    expect(a.results[0].context.file).toBe('customer.txt');
    const b = JSON.parse((await cli(['warn.txt', '--context', '-', '--format', 'json'], { stdin: 'Where is my parcel?' })).out);
    expect(b.results[0].context.file).toBe('<stdin>');
    const c = await cli(['--context', '-'], { stdin: 'x' });
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/^attune: --context: stdin cannot hold both/);
    expect((await cli(['warn.txt', '--context', 'nope.txt'])).err).toBe('attune: nope.txt: no such file\n');
  });
});

describe('options', () => {
  it('--rule sets severities (repeatable) and can turn a rule off', async () => {
    expect((await cli(['warn.txt', '--rule', 'test-warn:error'])).code).toBe(1);
    const r = await cli(['error.txt', 'warn.txt', '--rule', 'test-error:off', '--rule', 'test-warn:off', '--format', 'compact']);
    expect(r).toMatchObject({ code: 0, out: '' });
  });

  it('-o writes the report to a file and keeps the exit code', async () => {
    const r = await cli(['error.txt', '-o', 'out/report.json', '--format', 'json']);
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(JSON.parse(readFileSync(join(project, 'out/report.json'), 'utf8')).summary.errors).toBe(1);
    const w = await cli(['warn.txt', '-o', 'out/report.txt', '--max-warnings', '0']);
    expect(w).toMatchObject({ code: 1, out: '' });
    expect(readFileSync(join(project, 'out/report.txt'), 'utf8')).toContain('Found WARNWORD.');
    const bad = await cli(['warn.txt', '-o', 'clean.txt/x.txt']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^attune: clean\.txt\/x\.txt: cannot write the report \(/);
  });

  it('-o never writes colors, even when colors are forced', async () => {
    await cli(['warn.txt', '-o', 'out/color.txt'], { env: { FORCE_COLOR: '1' }, tty: { stdout: true } });
    expect(readFileSync(join(project, 'out/color.txt'), 'utf8')).not.toContain('\u001b[');
  });

  it('--print-config prints the resolved config for a file', async () => {
    const r = await cli(['--print-config', 'team/deep/nested/w.txt', '--rule', 'test-error:warn']);
    expect(r.code).toBe(0);
    const cfg = JSON.parse(r.out);
    expect(Object.keys(cfg)).toEqual(['rules', 'settings']);
    expect(cfg.rules['test-warn']).toEqual({ severity: 'off', options: { limit: 0 } });
    expect(cfg.rules['test-error'].severity).toBe('warn');
    expect(cfg.settings.crisis.resources.length).toBeGreaterThan(0);
    const after = JSON.parse((await cli(['team/deep/nested/w.txt', '--print-config'])).out);
    expect(after.rules['test-warn'].severity).toBe('off');
    const viaStdinName = JSON.parse((await cli(['--print-config', '--stdin-filename', 'team/x.txt'])).out);
    expect(viaStdinName.rules['test-warn'].severity).toBe('off');
    const here = JSON.parse((await cli(['--print-config'])).out);
    expect(here.rules['test-warn'].severity).toBe('warn');
  });

  it('--quiet reports errors only', async () => {
    const r = await cli(['warn.txt', 'error.txt', '--quiet', '--format', 'compact']);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('WARNWORD');
    expect(r.out).toContain('error.txt:2:10: error Found ERRWORD. (test-error)');
  });

  it('compact format', async () => {
    const r = await cli(['warn.txt', '--format', 'compact']);
    expect(r.out).toBe('warn.txt:2:10: warning Found WARNWORD. (test-warn)\n\n1 problem\n');
  });

  describe('colors', () => {
    const ESC = '\u001b[';
    it('are on for a TTY', async () => {
      expect((await cli(['warn.txt'], { tty: { stdout: true } })).out).toContain(ESC);
    });
    it('are off for a non-TTY', async () => {
      expect((await cli(['warn.txt'], { tty: { stdout: false } })).out).not.toContain(ESC);
    });
    it('are off with --no-color', async () => {
      expect((await cli(['warn.txt', '--no-color'], { tty: { stdout: true } })).out).not.toContain(ESC);
    });
    it('are off with NO_COLOR', async () => {
      expect((await cli(['warn.txt'], { tty: { stdout: true }, env: { NO_COLOR: '1' } })).out).not.toContain(ESC);
    });
    it('NO_COLOR beats FORCE_COLOR; FORCE_COLOR turns them on for pipes', async () => {
      expect((await cli(['warn.txt'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).out).not.toContain(ESC);
      expect((await cli(['warn.txt'], { env: { FORCE_COLOR: '1' } })).out).toContain(ESC);
    });
  });
});

describe('unexpected errors', () => {
  it('are one line without a stack, and the stack with --debug', async () => {
    const broken = { ...RULES[0]!, meta: { ...RULES[0]!.meta, id: 'test-broken' }, check: () => undefined };
    // A rule whose options getter throws is not a RuleCrash from the linter: it surfaces as unexpected.
    Object.defineProperty(broken.meta, 'options', { get() { throw new TypeError('bad meta'); } });
    const r = await cli(['clean.txt'], { rules: [broken as Rule] });
    expect(r.code).toBe(2);
    expect(r.err).toBe('attune: unexpected error: bad meta (run with --debug for details)\n');
    const d = await cli(['clean.txt', '--debug'], { rules: [broken as Rule] });
    expect(d.err).toMatch(/^attune: unexpected error: bad meta\nTypeError: bad meta\n\s+at /);
  });
});

describe('bin/attune.js (spawned, built dist/)', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.json` (npm test does)');
  });
  const spawn = (args: string[], input?: string, env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('--version prints the package version', () => {
    expect(spawn(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  it('lints piped stdin as JSON with the contract envelope', () => {
    const r = spawn(['--format', 'json'], 'Hi Sam,\nThanks for the photo. A replacement ships tomorrow and I will send the tracking link by email.\n');
    expect(r.err).toBe('');
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ tool: 'attune', version: pkg.version, schemaVersion: 1, summary: { files: 1, documents: 1 } });
    expect(report.results[0].file).toBe('<stdin>');
    expect([0, 1]).toContain(r.code);
    expect(r.code).toBe(report.summary.errors > 0 ? 1 : 0);
  });

  it('lints the example drafts; the exit code follows the error count', () => {
    const r = spawn(['fixtures/examples/draft.txt', 'fixtures/examples/good-reply.txt', '--format', 'json']);
    const report = JSON.parse(r.out);
    expect(report.results.map((x: { file: string }) => x.file)).toEqual(['fixtures/examples/draft.txt', 'fixtures/examples/good-reply.txt']);
    expect(r.code).toBe(report.summary.errors > 0 ? 1 : 0);
  });

  it('exits 2 with one line for a missing file', () => {
    expect(spawn(['nope/missing.txt'])).toEqual({ code: 2, out: '', err: 'attune: nope/missing.txt: no such file or directory\n' });
  });

  it('exits 2 for an unknown rule in --rule, with a hint', () => {
    const r = spawn(['--rule', 'over-apolgy:off', 'fixtures/examples/good-reply.txt']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('attune: --rule: unknown rule "over-apolgy" (did you mean "over-apology"?)\n');
  });

  it('is plain (no colors) when piped', () => {
    const r = spawn(['fixtures/examples/draft.txt']);
    expect(r.out).not.toContain('\u001b[');
    expect(r.out.startsWith('fixtures/examples/draft.txt\n')).toBe(true);
  });
});

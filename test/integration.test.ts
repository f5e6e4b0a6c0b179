// The CI integrations users copy: the example GitHub Actions workflow's attune command line is run
// as written (in bash, in a throwaway git repository shaped like a pull request), and the
// pre-commit hook definition is checked against pre-commit's manifest rules and run the way
// pre-commit runs it. Also: exit codes are 0/1/2 whatever the format and wherever it is written.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { DIRECTORY_EXTENSIONS } from '../src/sources/index.js';
import { builtinRules } from '../src/rules/index.js';
import { formatters } from '../src/formatters/index.js';
import type { Rule } from '../src/core/types.js';
import { runCli } from './helpers/run-cli.js';
import { gitTestEnv } from './helpers/git-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'attune.js');

let base: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT });
  base = mkdtempSync(join(tmpdir(), 'attune-integration-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => gitTestEnv(base, extra);

function onlyEmpathyAsError(): string {
  const rules: Record<string, string> = {};
  for (const rule of builtinRules) rules[rule.meta.id] = 'off';
  rules['empathy-phrasing'] = 'error';
  return JSON.stringify({ rules });
}

const reply = (line: string) => `Hi Ren,\n\n${line}\n\nI have moved your delivery to Friday morning.\n\nBest,\nIsa\n`;

// ---------------------------------------------------------------------------------------------

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

describe('example GitHub Actions workflow', () => {
  const text = readFileSync(join(ROOT, 'examples', 'github-actions', 'attune.yml'), 'utf8');
  const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0]!.steps;
  const lint = steps.find((s) => s.run?.includes('attune'))!;

  it('says it is an example and is wired the way GitHub needs', () => {
    expect(text.split('\n')[0]).toMatch(/^# EXAMPLE workflow/);
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(workflow.permissions['security-events']).toBe('write');
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with?.['fetch-depth']).toBe(0);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    // The SARIF upload must read the file the attune step writes, and run even when attune exits 1.
    const sarifPath = /--format sarif:(\S+)/.exec(lint.run!)![1];
    expect(upload.with?.sarif_file).toBe(sarifPath);
    expect(upload.if).toMatch(/!cancelled\(\)|always\(\)/);
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    expect(cache.with?.path).toBe('.attunecache');
    expect(lint.run!.startsWith('npx attune ')).toBe(true);
  });

  function setupRepo(): string {
    const repo = mkdtempSync(join(base, 'repo-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: cleanEnv(), encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, '.attunerc.json'), onlyEmpathyAsError());
    mkdirSync(join(repo, 'drafts'));
    writeFileSync(join(repo, 'drafts', 'old.txt'), reply('We value your business.'));
    writeFileSync(join(repo, 'drafts', 'kept.txt'), reply('Thanks for the photos of the box.'));
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    // What actions/checkout leaves for a pull request: the base branch as a remote-tracking ref.
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    git('checkout', '-q', '-b', 'pr');
    writeFileSync(join(repo, 'drafts', 'new.txt'), reply('I know exactly how you feel.'));
    git('add', '-A');
    git('commit', '-q', '-m', 'add a draft');
    return repo;
  }

  function runStep(repo: string, env: Record<string, string>) {
    // The command exactly as written, with `npx attune` pointing at this checkout's build.
    const command = lint.run!.replace(/^npx attune /, `node ${JSON.stringify(BIN)} `);
    const res = spawnSync('bash', ['-e', '-c', command], { cwd: repo, env: cleanEnv(env), encoding: 'utf8' });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  }

  it('on a pull request, annotates only the changed drafts, writes SARIF and the job summary, and fails on errors', () => {
    const repo = setupRepo();
    const summary = join(repo, 'summary.md');
    const res = runStep(repo, { GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    const annotations = res.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error file=drafts\/new\.txt,line=3,endLine=3,col=1,endColumn=\d+,title=attune empathy-phrasing::/);
    const sarif = JSON.parse(readFileSync(join(repo, 'attune.sarif'), 'utf8'));
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif-2.1.0.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, validateFormats: false });
    expect(ajv.validate(schema, sarif)).toBe(true);
    expect(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['drafts/new.txt']);
    expect(readFileSync(summary, 'utf8')).toContain('| error | drafts/new.txt | 3:1 | empathy-phrasing |');
    expect(existsSync(join(repo, '.attunecache'))).toBe(true);
  });

  it('on a push (no base ref), lints every draft', () => {
    const repo = setupRepo();
    const res = runStep(repo, {});
    expect(res.code).toBe(1);
    const files = res.stdout.split('\n').filter((l) => l.startsWith('::error ')).map((l) => /file=([^,]+)/.exec(l)![1]).sort();
    expect(files).toEqual(['drafts/new.txt', 'drafts/old.txt']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('pre-commit hook definition', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  // The parts of pre-commit's MANIFEST_HOOK_DICT schema (pre_commit/clientlib.py) a hook can get wrong.
  const manifestSchema = {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['id', 'name', 'entry', 'language'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1 },
        name: { type: 'string', minLength: 1 },
        entry: { type: 'string', minLength: 1 },
        language: { enum: ['conda', 'coursier', 'dart', 'docker', 'docker_image', 'dotnet', 'fail', 'golang', 'haskell', 'julia', 'lua', 'node', 'perl', 'pygrep', 'python', 'r', 'ruby', 'rust', 'script', 'swift', 'system'] },
        alias: { type: 'string' },
        files: { type: 'string' },
        exclude: { type: 'string' },
        types: { type: 'array', items: { type: 'string' } },
        types_or: { type: 'array', items: { type: 'string' } },
        exclude_types: { type: 'array', items: { type: 'string' } },
        additional_dependencies: { type: 'array', items: { type: 'string' } },
        args: { type: 'array', items: { type: 'string' } },
        always_run: { type: 'boolean' },
        fail_fast: { type: 'boolean' },
        pass_filenames: { type: 'boolean' },
        description: { type: 'string' },
        language_version: { type: 'string' },
        log_file: { type: 'string' },
        minimum_pre_commit_version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
        require_serial: { type: 'boolean' },
        stages: { type: 'array', items: { type: 'string' } },
        verbose: { type: 'boolean' },
      },
    },
  };

  it('matches pre-commit\'s manifest schema', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(manifestSchema);
    expect(validate(hooks), JSON.stringify(validate.errors)).toBe(true);
  });

  const hook = hooks.find((h) => h.id === 'attune')!;

  it('runs the package bin on exactly the draft extensions attune lints', () => {
    expect(hook.language).toBe('node');
    expect(Object.keys(pkg.bin)).toContain(String(hook.entry).split(' ')[0]);
    const files = new RegExp(String(hook.files));
    for (const ext of DIRECTORY_EXTENSIONS) expect(files.test(`replies/refund${ext}`), `.pre-commit-hooks.yaml "files" should match ${ext} (a directory walk lints it)`).toBe(true);
    for (const other of ['src/index.ts', 'package.json', 'notes.txt.bak', 'image.png']) expect(files.test(other)).toBe(false);
    expect(hook.pass_filenames ?? true).toBe(true);
  });

  it('blocks a commit with an error-level finding and passes a clean one, as pre-commit runs it', () => {
    const dir = mkdtempSync(join(base, 'hook-'));
    writeFileSync(join(dir, '.attunerc.json'), onlyEmpathyAsError());
    writeFileSync(join(dir, 'good.txt'), reply('Thanks for the photos of the box.'));
    writeFileSync(join(dir, 'bad.md'), reply('We value your business.'));
    // pre-commit runs: entry + args + the staged file names that match `files`.
    const argv = [...String(hook.entry).split(' ').slice(1), ...((hook.args as string[] | undefined) ?? [])];
    const runHook = (files: string[]) => spawnSync(process.execPath, [BIN, ...argv, ...files], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect(runHook(['good.txt']).status).toBe(0);
    const bad = runHook(['good.txt', 'bad.md']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('bad.md');
  });
});

// ---------------------------------------------------------------------------------------------

const errWord: Rule = {
  meta: { id: 'test-error', category: 'boundaries', defaultSeverity: 'error', description: 'ERRWORD', docs: 'rules/test-error.md', messages: { found: 'Found ERRWORD.' }, fixable: false, hasSuggestions: false },
  check({ doc, report }) {
    for (const m of doc.text.matchAll(/ERRWORD/g)) report({ messageId: 'found', start: m.index, end: m.index + 7 });
  },
};
const warnWord: Rule = {
  meta: { id: 'test-warn', category: 'tone', defaultSeverity: 'warn', description: 'WARNWORD', docs: 'rules/test-warn.md', messages: { found: 'Found WARNWORD.' }, fixable: false, hasSuggestions: false },
  check({ doc, report }) {
    for (const m of doc.text.matchAll(/WARNWORD/g)) report({ messageId: 'found', start: m.index, end: m.index + 8 });
  },
};

const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(args, { cwd, env, rules: [errWord, warnWord] });

describe('exit codes in every format', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(base, 'codes-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
    writeFileSync(join(dir, 'clean.txt'), 'Hello, your refund is on its way.\n');
    writeFileSync(join(dir, 'warn.txt'), 'Hello, WARNWORD here.\n');
    writeFileSync(join(dir, 'error.txt'), 'Hello, ERRWORD here.\n');
  });

  const names = Object.keys(formatters);
  it('covers every registered format', () => {
    expect(names).toEqual(expect.arrayContaining(['stylish', 'compact', 'json', 'sarif', 'junit', 'github', 'checkstyle']));
  });

  for (const where of ['stdout', '-o', 'name:path'] as const) {
    it(`0 clean, 1 errors or thresholds, 2 bad input, writing to ${where}`, async () => {
      for (const name of names) {
        const out = (tag: string) => {
          const file = join(dir, 'out', `${name}-${tag}.report`);
          return where === 'stdout' ? ['-f', name] : where === '-o' ? ['-f', name, '-o', file] : ['-f', `${name}:${file}`];
        };
        const tagged = `${name} ${where}`;
        expect((await cli([...out('clean'), 'clean.txt'], dir)).code, tagged).toBe(0);
        expect((await cli([...out('warn'), 'warn.txt'], dir)).code, tagged).toBe(0);
        expect((await cli([...out('error'), 'error.txt', 'clean.txt'], dir)).code, tagged).toBe(1);
        expect((await cli([...out('maxw'), '--max-warnings', '0', 'warn.txt'], dir)).code, tagged).toBe(1);
        expect((await cli([...out('mean'), '--min-mean-score', '99', 'warn.txt', 'clean.txt'], dir)).code, tagged).toBe(1);
        const missing = await cli([...out('missing'), 'nope.txt'], dir);
        expect(missing.code, tagged).toBe(2);
        expect(missing.err.trim().split('\n'), tagged).toHaveLength(1);
        if (where !== 'stdout') {
          expect(existsSync(join(dir, 'out', `${name}-error.report`)), tagged).toBe(true);
          expect((await cli([...out('error'), 'error.txt'], dir)).out, tagged).toBe('');
        }
      }
    });
  }

  it('writes several reports in one run, each to its place, with one exit code', async () => {
    const res = await cli(['-f', 'json:reports/a.json', '-f', 'sarif:reports/a.sarif', '-f', 'checkstyle', 'error.txt', 'warn.txt'], dir);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<checkstyle version="4\.3">/);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'a.json'), 'utf8')).summary.errors).toBe(1);
    const sarif = JSON.parse(readFileSync(join(dir, 'reports', 'a.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(2);
    // Every rule that ran is listed: the embedded rules plus `vocabulary`, which every config carries.
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['test-error', 'test-warn', 'vocabulary']);
  });

  it('rejects ambiguous or unknown --format values with exit 2', async () => {
    const two = await cli(['-f', 'json', '-f', 'sarif', 'clean.txt'], dir);
    expect(two.code).toBe(2);
    expect(two.err).toBe('attune: --format: json and sarif would both write to stdout; give all but one a file (name:path)\n');
    expect((await cli(['-f', 'yaml:x.yaml', 'clean.txt'], dir)).err).toMatch(/^attune: --format: unknown format "yaml" \(available: .*sarif, junit, github, checkstyle\)\n$/);
    expect((await cli(['-f', 'json:', 'clean.txt'], dir)).code).toBe(2);
    expect((await cli(['-f', 'json:a.json', '-f', 'sarif:a.json', 'clean.txt'], dir)).code).toBe(2);
    expect((await cli(['-f', 'json:a.json', '-o', 'b.json', 'clean.txt'], dir)).code).toBe(2);
    expect((await cli(['--min-mean-score', '101', 'clean.txt'], dir)).code).toBe(2);
  });

  it('appends the job summary only for the github format and only when GITHUB_STEP_SUMMARY is set', async () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, 'previous step\n');
    await cli(['-f', 'github', 'error.txt'], dir, { GITHUB_STEP_SUMMARY: summary });
    await cli(['-f', 'json', 'error.txt'], dir, { GITHUB_STEP_SUMMARY: summary });
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('previous step\n## attune\n')).toBe(true);
    expect(text.match(/## attune/g)).toHaveLength(1);
    expect(dirname(summary)).toBe(dir);
  });
});

// bin/attune.js runs the esbuild bundle (dist/bundle/main.cjs) through node:vm with V8's code
// cache. These tests run the real binary on a copy of the built package, so the cache files they
// create, corrupt and delete are their own, and check that the cache changes nothing but speed:
// same output with or without it, a foreign or damaged cache is ignored and replaced, and user
// code (plugins, ES-module configs) still loads through import().

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DRAFT = 'Hi Sam,\n\nSo sorry, but we are so sorry. We apologize for any inconvenience.\n\nBest,\nAl\n';

let pkg: string;
let bundleDir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'main.cjs'))) throw new Error('dist/bundle is missing: run `npm run build` (npm test does)');
  pkg = mkdtempSync(join(tmpdir(), 'attune-pkg-'));
  mkdirSync(join(pkg, 'bin'));
  cpSync(join(ROOT, 'bin', 'attune.js'), join(pkg, 'bin', 'attune.js'));
  bundleDir = join(pkg, 'dist', 'bundle');
  mkdirSync(bundleDir, { recursive: true });
  for (const f of ['main.cjs', 'worker.js']) cpSync(join(ROOT, 'dist', 'bundle', f), join(bundleDir, f));
  cpSync(join(ROOT, 'dist', 'rule-data.json'), join(pkg, 'dist', 'rule-data.json'));
  for (const f of ['package.json', 'rules', 'node_modules', 'docs', 'schema']) symlinkSync(join(ROOT, f), join(pkg, f));
});

afterAll(() => rmSync(pkg, { recursive: true, force: true }));

const caches = (): string[] => readdirSync(bundleDir).filter((f) => f.endsWith('.cache'));

function run(args: string[], options: { env?: Record<string, string>; cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [join(pkg, 'bin', 'attune.js'), ...args], {
    cwd: options.cwd ?? pkg,
    input: options.input ?? DRAFT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the bundle and its code cache', () => {
  it('a first run writes the cache for this build; later runs use it with the same output', () => {
    for (const f of caches()) rmSync(join(bundleDir, f));
    const first = run(['--format', 'json', '--no-config-lookup']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const id = /^\/\/ attune-bundle ([0-9a-f]{16})\n/.exec(readFileSync(join(bundleDir, 'main.cjs'), 'utf8'))![1];
    expect(caches()).toEqual([`main.cjs.${id}.cache`]);
    const again = run(['--format', 'json', '--no-config-lookup']);
    expect(again).toEqual(first);
    expect(JSON.parse(again.out).results[0].findings.map((m: { rule: string }) => m.rule)).toContain('over-apology');
  });

  it('a damaged cache is caught by its checksum (V8 would crash on it), changes nothing, and is replaced', () => {
    run(['--no-config-lookup']);
    const [name] = caches();
    const good = readFileSync(join(bundleDir, name!));
    const expected = run(['--format', 'json', '--no-config-lookup']);
    const junk = Buffer.from(good);
    junk.fill(7, 64);
    writeFileSync(join(bundleDir, name!), junk);
    expect(run(['--format', 'json', '--no-config-lookup'])).toEqual(expected);
    expect(readFileSync(join(bundleDir, name!)).equals(junk)).toBe(false);
  });

  it('a cache from another build is never read (its name carries the build id)', () => {
    writeFileSync(join(bundleDir, 'main.cjs.0000000000000000.cache'), 'not a cache');
    const r = run(['--format', 'json', '--no-config-lookup']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).summary.documents).toBe(1);
    rmSync(join(bundleDir, 'main.cjs.0000000000000000.cache'));
  });

  it('--version and --help do not write it (it would hold little of what a lint needs)', () => {
    for (const f of caches()) rmSync(join(bundleDir, f));
    expect(run(['--version']).code).toBe(0);
    expect(run(['--help']).code).toBe(0);
    expect(caches()).toEqual([]);
    run(['--no-config-lookup']);
    expect(caches()).toHaveLength(1);
  });

  it('ATTUNE_CODE_CACHE=off neither reads nor writes it', () => {
    for (const f of caches()) rmSync(join(bundleDir, f));
    const r = run(['--no-config-lookup'], { env: { ATTUNE_CODE_CACHE: 'off' } });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/over-apology/);
    expect(caches()).toEqual([]);
  });

  it('colors follow FORCE_COLOR and NO_COLOR (the bundle drops chalk\'s own detection)', () => {
    expect(run(['--no-config-lookup'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } }).out).toMatch(/\u001b\[33mwarning/);
    expect(run(['--no-config-lookup'], { env: { FORCE_COLOR: '', NO_COLOR: '1' } }).out).not.toMatch(/\u001b\[/);
  });

  it('plugins and ES-module configs load through the loader (import() of user code)', () => {
    const project = mkdtempSync(join(tmpdir(), 'attune-bundle-project-'));
    try {
      cpSync(join(ROOT, 'fixtures', 'plugins', 'attune-plugin-example'), join(project, 'node_modules', 'attune-plugin-example'), { recursive: true });
      writeFileSync(join(project, 'attune.config.mjs'), "export default { plugins: ['attune-plugin-example'], rules: { 'example/max-exclamations': 'error', 'over-apology': 'off' } };\n");
      writeFileSync(join(project, 'a.txt'), 'Hi!!! Great news!!! Your refund went out today!!!\n');
      const r = run(['a.txt', '--format', 'json'], { cwd: project });
      expect(r.err).toBe('');
      const ids = JSON.parse(r.out).results[0].findings.map((m: { rule: string }) => m.rule);
      expect(ids).toContain('example/max-exclamations');
      expect(ids).not.toContain('over-apology');
      // A syntax error in an ES-module config is reported from the real import, as one line.
      writeFileSync(join(project, 'attune.config.mjs'), 'export default { rules: {\n');
      const bad = run(['a.txt'], { cwd: project });
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/^attune: .*attune\.config\.mjs.*: cannot load config: /);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

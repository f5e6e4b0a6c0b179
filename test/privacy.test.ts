// Privacy and safety (issue 8): attune makes no network connections, and no text of a draft is
// written anywhere but the requested output. Every command and every format runs as a real
// process with a preload that makes net/http/https/tls/dgram/dns/http2 and fetch throw; its
// temporary directory is a fresh, watched one; the project folder may only gain what was asked
// for; and the cache holds hashes and findings, never the drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'attune.js');
const PRELOAD = join(ROOT, 'test', 'helpers', 'no-network.mjs');

// Distinctive private details: none may appear in the cache or any file not asked for.
const SECRET = 'Priya Ramanathan';
const DRAFT = `Hi ${SECRET},\n\nI am so sorry, and so sorry again that your insulin order was late. Simply log in and change the address yourself.\n\nBest,\nLee\n`;
const CUSTOMER = `My name is ${SECRET} and my insulin order is late again. I am really upset.\n`;

let project: string;
let tmp: string;

function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function attune(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', PRELOAD, BIN, ...args], {
    cwd: project,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, NO_COLOR: '1', ATTUNE_WORKERS: '0' },
    timeout: 60_000,
  });
  // The preload writes this line whenever anything tries to go out, even if attune catches the error.
  expect(r.stderr).not.toContain('NETWORK-ATTEMPT');
  return r;
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'attune-privacy-'));
  tmp = mkdtempSync(join(tmpdir(), 'attune-privacy-tmp-'));
  mkdirSync(join(project, '.git'));
  writeFileSync(join(project, 'package.json'), '{"name":"support-drafts","private":true}\n');
  mkdirSync(join(project, 'drafts'));
  writeFileSync(join(project, 'drafts', 'reply.txt'), DRAFT);
  writeFileSync(join(project, 'drafts', 'reply.md'), `# Reply\n\n${DRAFT}`);
  writeFileSync(join(project, 'customer.txt'), CUSTOMER);
  cpSync(join(ROOT, 'fixtures', 'libraries', 'zendesk-macros.json'), join(project, 'zendesk-macros.json'));
  cpSync(join(ROOT, 'fixtures', 'libraries', 'generic-library.csv'), join(project, 'generic-library.csv'));
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('no network, nothing left behind', () => {
  let before: string[];
  beforeAll(() => {
    before = listing(project);
  });

  it('lint writes every format, from files and stdin, without the network', () => {
    const formats = ['stylish', 'compact', 'json', 'sarif', 'junit', 'github', 'checkstyle'];
    const r = attune(['drafts', 'zendesk-macros.json', '--context', 'customer.txt', ...formats.map((f) => `--format=${f}:out/report.${f}`)]);
    expect(r.status, r.stderr).toBeLessThan(2);
    for (const f of formats) expect(statSync(join(project, 'out', `report.${f}`)).size, f).toBeGreaterThan(0);
    const stdin = attune(['--format', 'json', '--stdin-filename', 'drafts/new.txt'], DRAFT);
    expect(stdin.status, stdin.stderr).toBeLessThan(2);
    expect(JSON.parse(stdin.stdout).results[0].findings.length).toBeGreaterThan(0);
  });

  it('audit writes every format without the network', () => {
    for (const f of ['stylish', 'html', 'markdown', 'json']) {
      const r = attune(['audit', 'zendesk-macros.json', 'generic-library.csv', '--format', f, '-o', `out/audit.${f}`]);
      expect(r.status, `${f}: ${r.stderr}`).toBeLessThan(2);
      expect(statSync(join(project, 'out', `audit.${f}`)).size).toBeGreaterThan(0);
    }
  });

  it('the other commands run without the network', () => {
    const dry = attune(['drafts/reply.txt', '--fix-dry-run']);
    expect(dry.status, dry.stderr).toBeLessThan(2);
    for (const args of [['rules'], ['explain', 'over-apology'], ['--print-config', 'drafts/reply.txt'], ['--version'], ['--help']]) {
      const r = attune(args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
    }
    const init = attune(['init', '--team', 'general', '--strictness', 'recommended']);
    expect(init.status, init.stderr).toBe(0);
    expect(readFileSync(join(project, '.attunerc.yaml'), 'utf8')).not.toContain(SECRET);
    const tested = attune(['test-rules']);
    expect(tested.status, tested.stderr).toBeLessThan(2);
    rmSync(join(project, '.attunerc.yaml'));
  });

  it('--fix rewrites only the draft, through no file left behind', () => {
    const fixed = attune(['fix', 'drafts/reply.md']);
    expect(fixed.status, fixed.stderr).toBeLessThan(2);
    const lintFix = attune(['drafts/reply.txt', '--fix']);
    expect(lintFix.status, lintFix.stderr).toBeLessThan(2);
  });

  it('the cache holds hashes and findings, not the drafts', () => {
    const r = attune(['drafts', 'zendesk-macros.json', '--cache', '--cache-location', 'out/.attunecache']);
    expect(r.status, r.stderr).toBeLessThan(2);
    const again = attune(['drafts', 'zendesk-macros.json', '--cache', '--cache-location', 'out/.attunecache', '--format', 'json']);
    expect(JSON.parse(again.stdout).results.length).toBeGreaterThan(1);
    const cache = readFileSync(join(project, 'out', '.attunecache'), 'utf8');
    expect(cache.length).toBeGreaterThan(100);
    expect(cache).not.toContain(SECRET);
    expect(cache).not.toContain('insulin');
    expect(cache).not.toContain('Simply log in');
    // Macro text from the library export is not in it either.
    const macros = JSON.parse(readFileSync(join(project, 'zendesk-macros.json'), 'utf8')) as unknown;
    const bodies = JSON.stringify(macros).match(/"value":\s*"([^"]{40,})"/g) ?? [];
    for (const b of bodies.slice(0, 5)) expect(cache).not.toContain(b.slice(10, 50));
  });

  it('leaves nothing in the temporary directory and nothing unrequested in the project', () => {
    expect(readdirSync(tmp)).toEqual([]);
    const added = listing(project).filter((p) => !before.includes(p));
    expect(added.every((p) => p.startsWith('out/')), added.join(', ')).toBe(true);
    for (const p of listing(project)) expect(p, 'a temporary file was left behind').not.toMatch(/\.tmp$|attune-\d+/);
  });
});

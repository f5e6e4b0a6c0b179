// Bad and odd input (issue 8): every kind of file a user may point attune at is read, linted with
// correct positions, skipped with a warning, or refused with a one-line message and exit 2, and
// never crashes. Positions are checked against an independent computation (test/helpers/invariants).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentResult, Finding } from '../src/core/types.js';
import { expectValidResults } from './helpers/invariants.js';
import { runCli } from './helpers/run-cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'attune.js');

// A reply with two findings on line 3: a second apology (column 20) and "Simply" (column 51).
const LINES = ['Hi Sam,', '', 'I am so sorry, and so sorry again for the mix-up. Simply log in and change the address yourself.', '', 'Best,', 'Lee', ''];
const SAMPLE = LINES.join('\n');

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'attune-hardening-'));
  chmodSync(dir, 0o755);
});
afterAll(() => {
  try {
    chmodSync(join(dir, 'locked'), 0o755);
  } catch {
    // not created
  }
  rmSync(dir, { recursive: true, force: true });
});

function put(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return name;
}

interface Linted {
  code: number;
  err: string;
  results: DocumentResult[];
}

async function lint(args: string[], stdin?: string | Uint8Array): Promise<Linted> {
  const r = await runCli(['--no-config-lookup', '--format', 'json', ...args], { cwd: dir, ...(stdin !== undefined ? { stdin } : {}) });
  const results = r.out ? ((JSON.parse(r.out) as { results: DocumentResult[] }).results) : [];
  return { code: r.code, err: r.err, results };
}

async function lintBytes(content: string | Uint8Array, ext = '.txt'): Promise<Linted & { name: string }> {
  const name = put(`case-${++n}${ext}`, content);
  return { ...(await lint([name])), name };
}

const where = (f: Finding) => ({ rule: f.rule, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, text: f.text });

let reference: Array<ReturnType<typeof where>>;
beforeAll(async () => {
  const r = await lintBytes(SAMPLE);
  reference = r.results[0]!.findings.map(where);
  // The sample is only useful if it yields findings at the places this file relies on.
  expect(reference).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ rule: 'over-apology', line: 3, column: 20 }),
      expect.objectContaining({ rule: 'minimizing-language', line: 3, column: 51, text: 'Simply' }),
    ]),
  );
});

describe('small and empty inputs', () => {
  for (const [label, text] of [
    ['an empty file', ''],
    ['whitespace only', ' \n\t\n  \r\n '],
    ['a single word', 'Thanks'],
    ['a single emoji', '🙏'],
    ['only a placeholder', '{{first_name}}'],
  ] as const) {
    it(`lints ${label} without error`, async () => {
      const r = await lintBytes(text);
      expect(r.err).toBe('');
      expect(r.code).toBeLessThan(2);
      expect(r.results).toHaveLength(1);
      expectValidResults(text, r.results);
    });
  }

  it('lints an empty stdin', async () => {
    const r = await lint(['-'], '');
    expect(r.code).toBeLessThan(2);
    expect(r.results).toHaveLength(1);
  });
});

describe('big inputs', () => {
  it('lints one 2 MB line with correct positions', async () => {
    const neutral = 'We moved the order to the express queue and the courier has the new address on file now. ';
    let text = '';
    while (text.length < 2_000_000) text += text.length % 40_000 < neutral.length ? 'Simply log in and check. ' : neutral;
    const started = Date.now();
    const r = await lintBytes(text);
    expect(r.code).toBeLessThan(2);
    const findings = r.results[0]!.findings;
    expect(findings.length).toBeGreaterThan(10);
    // One ASCII line: the column is the offset plus one; check all findings cheaply.
    for (const f of findings) {
      expect(f.line).toBe(1);
      expect(f.column).toBe(f.range[0] + 1);
      expect(f.endColumn).toBe(f.range[1] + 1);
      expect(f.text).toBe(text.slice(f.range[0], f.range[1]));
    }
    expect(findings.at(-1)!.range[0]).toBeGreaterThan(1_900_000);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('refuses a 50 MB file before reading it, naming the limit and the flag', async () => {
    const name = put('huge.txt', Buffer.alloc(50 * 1024 * 1024, 'Thanks for waiting. '));
    put('small.txt', SAMPLE);
    const started = Date.now();
    const r = await lint(['small.txt', name]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('attune: huge.txt: file is 50 MB, above the 10 MB limit per input (raise it with --max-file-size 50MB)\n');
    expect(Date.now() - started).toBeLessThan(5_000);
    rmSync(join(dir, name));
  });

  it('refuses a stdin larger than the limit while reading it', async () => {
    const r = await lint(['-', '--max-file-size', '1MB'], Buffer.alloc(3 * 1024 * 1024, 'a '));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^attune: <stdin>: more than 3 MB, above the 1 MB limit per input \(raise it with --max-file-size \d+MB\)\n$/);
  });

  it('--max-file-size raises or lowers the limit', async () => {
    const name = put('three-k.txt', `${SAMPLE}${'Thanks again for your patience today. '.repeat(80)}`);
    const low = await lint([name, '--max-file-size', '2KB']);
    expect(low.code).toBe(2);
    expect(low.err).toMatch(/^attune: three-k\.txt: file is 3\.\d KB, above the 2 KB limit per input \(raise it with --max-file-size 1MB\)\n$/);
    const high = await lint([name, '--max-file-size', '4kb']);
    expect(high.code).toBe(0);
    expect(high.results[0]!.findings.map(where)).toEqual(expect.arrayContaining(reference));
    const bad = await lint([name, '--max-file-size', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--max-file-size: expected a size such as 20MB');
  });
});

describe('encodings', () => {
  it('skips a binary file with a warning and lints the others', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const bin = put('drafts/logo.txt', png);
    const noNul = put('drafts/noise.txt', Buffer.from(Array.from({ length: 600 }, (_, i) => 1 + ((i * 37) % 31))));
    put('drafts/reply.txt', SAMPLE);
    const r = await lint(['drafts']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`attune: ${bin}: skipped: binary file (NUL byte at offset 8)\n`);
    expect(r.err).toMatch(new RegExp(`attune: ${noNul}: skipped: binary file \\(\\d+% control bytes\\)\\n`));
    expect(r.results.map((x) => x.file)).toEqual(['drafts/reply.txt']);
  });

  it('hints at UTF-16 when a file without BOM has every other byte NUL', async () => {
    const r = await lintBytes(Buffer.from(SAMPLE, 'utf16le'));
    expect(r.err).toContain('looks like UTF-16 without a byte-order mark');
    expect(r.results).toEqual([]);
  });

  it('reads invalid UTF-8 with replacement characters and a warning at the bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('Hi Sam,\n\nCaf'), Buffer.from([0xe9]), Buffer.from(` order: ${LINES[2]}\n`)]);
    const r = await lintBytes(bytes);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`attune: ${r.name}:3:4: invalid UTF-8 (byte 0xE9); linted with U+FFFD in place of each bad byte (is the file in another encoding? save it as UTF-8)\n`);
    const text = bytes.toString('utf8');
    expectValidResults(text, r.results);
    expect(r.results[0]!.findings.find((f) => f.rule === 'minimizing-language')).toMatchObject({ line: 3, column: 51 + 'Caf\uFFFD order: '.length, text: 'Simply' });
  });

  it('never writes a file with invalid UTF-8 back: --fix leaves its bytes alone', async () => {
    const bytes = Buffer.concat([Buffer.from('Hi Sam,\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' order. We are so sorry. Sorry. We are so sorry again.\n')]);
    const name = put('lossy-fix.txt', bytes);
    const r = await lint([name, '--fix']);
    expect(r.code).toBeLessThan(2);
    expect(readFileSync(join(dir, name)).equals(bytes)).toBe(true);
  });

  for (const [label, bom, encode] of [
    ['UTF-16 LE with BOM', [0xff, 0xfe], (s: string) => Buffer.from(s, 'utf16le')],
    ['UTF-16 BE with BOM', [0xfe, 0xff], (s: string) => Buffer.from(s, 'utf16le').swap16()],
    ['UTF-8 with BOM', [0xef, 0xbb, 0xbf], (s: string) => Buffer.from(s, 'utf8')],
  ] as const) {
    it(`reads ${label} with the same findings and positions as plain UTF-8`, async () => {
      const r = await lintBytes(Buffer.concat([Buffer.from(bom), encode(SAMPLE)]));
      expect(r.err).toBe('');
      expect(r.results[0]!.findings.map(where)).toEqual(reference);
      expectValidResults(SAMPLE, r.results);
    });
  }

  it('reads a UTF-16 draft from stdin', async () => {
    const r = await lint(['-'], Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]));
    expect(r.results[0]!.findings.map(where)).toEqual(reference);
  });
});

describe('line endings and scripts', () => {
  for (const [label, eol] of [['CRLF', '\r\n'], ['CR', '\r'], ['mixed', '\n']] as const) {
    it(`keeps positions correct with ${label} line endings`, async () => {
      const text = label === 'mixed' ? LINES.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n')).join('').slice(0, -1) : LINES.join(eol);
      const r = await lintBytes(text);
      expect(r.results[0]!.findings.map(where)).toEqual(reference);
      expectValidResults(text, r.results);
    });
  }

  // Columns count what an editor shows: one per grapheme cluster.
  for (const [label, prefix, columns] of [
    ['mixed scripts', 'Привет 你好 Γειά σου ', 6 + 1 + 2 + 1 + 4 + 1 + 3 + 1],
    ['emoji with skin tones and ZWJ families', '👍🏽 👨‍👩‍👧 🇬🇧 ', 6],
    ['combining characters', 'Zoe\u0308 and Jose\u0301, ', 14],
    ['right-to-left text', 'שלום עליכם مرحبا ', 4 + 1 + 5 + 1 + 5 + 1],
  ] as const) {
    it(`counts columns in graphemes with ${label}`, async () => {
      const lines = [...LINES];
      lines[2] = prefix + lines[2]!;
      const text = lines.join('\n');
      const r = await lintBytes(text);
      const expected = reference.map((f) => (f.line === 3 ? { ...f, column: f.column + columns, endColumn: f.endColumn + (f.endLine === 3 ? columns : 0) } : f));
      expect(r.results[0]!.findings.map(where)).toEqual(expected);
      expectValidResults(text, r.results);
    });
  }

  for (const [label, zw] of [
    ['a zero-width space between words ("so\\u200Bsorry")', (s: string) => s.replace('so sorry, and', 'so\u200Bsorry, and')],
    ['a soft hyphen inside a word', (s: string) => s.replace('so sorry again', 'so sor\u00ADry again')],
    ['a zero-width non-joiner inside a word', (s: string) => s.replace('so sorry again', 'so sor\u200Cry again')],
    ['a word joiner inside a word', (s: string) => s.replace('Simply', 'Sim\u2060ply')],
    ['a zero-width joiner inside a word', (s: string) => s.replace('Simply', 'Sim\u200Dply')],
  ] as const) {
    it(`still sees the phrase with ${label}`, async () => {
      const text = zw(SAMPLE);
      expect(text).not.toBe(SAMPLE);
      const r = await lintBytes(text);
      expect(r.results[0]!.findings.map((f) => f.rule)).toEqual(reference.map((f) => f.rule));
      expectValidResults(text, r.results);
    });
  }
});

describe('malformed libraries and configs: exit 2 with file:line:column', () => {
  for (const [name, content, location] of [
    ['lib/trailing.json', '[\n  {"title": "Refund", "body": "Your refund is on its way."},\n]\n', 'lib/trailing.json:3:1'],
    ['lib/truncated.json', '{"macros": [{"title": "Refund", "body": "Your ref', 'lib/truncated.json:1:41'],
    ['lib/indent.yaml', '- name: Refund\n  body: [Your refund\n', 'lib/indent.yaml:3:1'],
    ['lib/tabs.yaml', 'macros:\n  - name: a\n\t body: b\n', 'lib/tabs.yaml:3:1'],
    ['lib/quote.csv', 'name,body\nRefund,"Your refund is "late" today"\n', 'lib/quote.csv:2:25'],
    ['lib/unclosed.csv', 'name,body\nRefund,"Your refund\n', 'lib/unclosed.csv:2:8'],
  ] as const) {
    it(`library ${name}`, async () => {
      put(name, content);
      const r = await lint([name]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.err).toMatch(new RegExp(`^attune: ${location.replace(/[.]/g, '\\.')}: invalid (JSON|YAML|CSV): `));
    });
  }

  for (const [name, content, location] of [
    ['.attunerc.json', '{"rules": {"over-apology": "warn",}}', '.attunerc.json:1:35'],
    ['.attunerc.yaml', 'rules:\n  over-apology: [warn\n  x: : y', '.attunerc.yaml:3:3'],
    ['.attunerc', '{ "rules": ', '.attunerc:1:12'],
    ['package.json', '{\n  "name": "drafts",\n  "attune": { "rules": {} }}\n}', 'package.json:4:1'],
  ] as const) {
    it(`config ${name}`, async () => {
      const project = mkdtempSync(join(dir, 'cfg-'));
      mkdirSync(join(project, '.git'));
      writeFileSync(join(project, name), content);
      writeFileSync(join(project, 'a.txt'), SAMPLE);
      const r = await runCli(['a.txt'], { cwd: project });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^attune: ${location.replace(/[.]/g, '\\.')}: cannot load config: invalid (JSON|YAML): [^\\n]+\\n$`));
      // --config names the same file explicitly: same message.
      const explicit = await runCli(['a.txt', '--no-config-lookup', '--config', name], { cwd: project });
      expect(explicit.err).toBe(r.err);
    });
  }
});

describe('paths', () => {
  it('a missing file: exit 2 before any output', async () => {
    put('here.txt', SAMPLE);
    const r = await runCli(['here.txt', 'gone.txt', '--no-config-lookup'], { cwd: dir });
    expect(r).toEqual({ code: 2, out: '', err: 'attune: gone.txt: no such file or directory\n' });
  });

  it('a broken symlink and a symlink loop are named as such', async () => {
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'dangling.txt'));
    symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt'));
    symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
    expect((await lint(['loop-a.txt'])).err).toBe('attune: loop-a.txt: symbolic link loop (the link points back at itself)\n');
    const dangling = await lint(['dangling.txt']);
    expect(dangling.code).toBe(2);
    expect(dangling.err).toMatch(/^attune: dangling\.txt: /);
  });

  it('a directory or glob with a symlink loop inside terminates', async () => {
    put('looped/reply.txt', SAMPLE);
    symlinkSync(join(dir, 'looped'), join(dir, 'looped', 'again'));
    symlinkSync(join(dir, 'looped', 'x1'), join(dir, 'looped', 'x2'));
    symlinkSync(join(dir, 'looped', 'x2'), join(dir, 'looped', 'x1'));
    const walked = await lint(['looped']);
    expect(walked.code).toBe(0);
    expect(walked.results.map((r) => r.file)).toEqual(['looped/reply.txt']);
    const globbed = await lint(['looped/**/*.txt']);
    expect(globbed.code).toBeLessThan(2);
    expect(globbed.results.map((r) => r.file)).toContain('looped/reply.txt');
  });

  it('a glob that matches nothing: exit 2 with a hint, or skipped with --no-error-on-unmatched-pattern', async () => {
    const r = await lint(['nothing/**/*.txt']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('attune: nothing/**/*.txt: no files match this pattern (pass --no-error-on-unmatched-pattern to allow this)\n');
    put('some.txt', SAMPLE);
    const allowed = await lint(['nothing/**/*.txt', 'some.txt', '--no-error-on-unmatched-pattern']);
    expect(allowed.code).toBe(0);
    expect(allowed.err).toBe('');
    expect(allowed.results.map((x) => x.file)).toEqual(['some.txt']);
    mkdirSync(join(dir, 'no-drafts'));
    expect((await lint(['no-drafts', '--no-error-on-unmatched-pattern'])).code).toBe(0);
    // A plain path that does not exist is still an error: the flag is about patterns.
    expect((await lint(['missing.txt', '--no-error-on-unmatched-pattern'])).code).toBe(2);
  });

  it('a directory and a file without read permission: exit 2 naming them', () => {
    put('locked/reply.txt', SAMPLE);
    put('secret.txt', SAMPLE);
    chmodSync(join(dir, 'locked'), 0o000);
    chmodSync(join(dir, 'secret.txt'), 0o000);
    // root reads everything: run the real CLI as an unprivileged user then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = (arg: string) => spawnSync(process.execPath, [BIN, arg, '--no-config-lookup'], { cwd: dir, encoding: 'utf8', ...asUser });
    const d = run('locked');
    expect(d.stderr).toBe('attune: locked: cannot read directory (permission denied)\n');
    expect(d.status).toBe(2);
    const f = run('secret.txt');
    expect(f.stderr).toBe('attune: secret.txt: cannot read file (permission denied)\n');
    expect(f.status).toBe(2);
    chmodSync(join(dir, 'locked'), 0o755);
  });
});

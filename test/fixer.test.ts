// Safe fixes: one pass (non-overlapping, ESLint's ordering), multi-pass until stable with a pass
// limit, round trips on every not-ok fixture (fix, re-lint, no fixable finding left), the guards
// (placeholders and comments untouched, text that stops parsing never returned), library exports
// fixed only where the mapping is exact, and the writer: CRLF, BOM and UTF-16 kept, and a failure
// between the temporary write and the rename leaves the original intact with no temporary file.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, symlinkSync, lstatSync, chmodSync, statSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyFixes, fixText, lineEnding, mapsExactly, MAX_PASSES, type LintedUnit } from '../src/core/fixer.js';
import { decodeText, encodeText, writeFileAtomic, type WriteFs } from '../src/core/atomic-write.js';
import { analyzeContext, defaultConfig, lintUnit, type LintUnit } from '../src/core/linter.js';
import { AttuneError } from '../src/core/errors.js';
import { readUnits } from '../src/sources/index.js';
import { cli as runCli } from './helpers/project.js';
import type { DocumentResult, Finding, Rule } from '../src/core/types.js';
import { listFixtures, parseFixture } from './helpers/fixtures.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// "!!" → "!": overlapping matches in "!!!!" need several passes, which is what multi-pass is for.
const bang: Rule = {
  meta: { id: 'bang', category: 'tone', defaultSeverity: 'warn', description: 'bang', docs: 'rules/bang.md', messages: { m: 'Double bang.' }, fixable: true, hasSuggestions: false },
  check({ doc, report }) {
    for (let i = doc.text.indexOf('!!'); i >= 0; i = doc.text.indexOf('!!', i + 1)) report({ messageId: 'm', start: i, end: i + 2, fix: { start: i, end: i + 2, text: '!' } });
  },
};
// Two fixes that undo each other: the pass limit must stop them.
const pingPong: Rule = {
  meta: { id: 'ping-pong', category: 'tone', defaultSeverity: 'warn', description: 'loops', docs: 'rules/ping-pong.md', messages: { m: 'Swap.' }, fixable: true, hasSuggestions: false },
  check({ doc, report }) {
    const i = doc.text.search(/\b(?:ping|pong)\b/);
    if (i >= 0) report({ messageId: 'm', start: i, end: i + 4, fix: { start: i, end: i + 4, text: doc.text.startsWith('ping', i) ? 'pong' : 'ping' } });
  },
};
// Replaces a whole line ending "!" with "." plus a newline, to see inserted newlines follow the file.
const newline: Rule = {
  meta: { id: 'newline', category: 'tone', defaultSeverity: 'warn', description: 'nl', docs: 'rules/newline.md', messages: { m: 'Split.' }, fixable: true, hasSuggestions: false },
  check({ doc, report }) {
    const i = doc.text.indexOf(' SPLIT ');
    if (i >= 0) report({ messageId: 'm', start: i, end: i + 7, fix: { start: i, end: i + 7, text: '\n' } });
  },
};

function linterFor(rules: Rule[], format: LintUnit['format'] = 'text') {
  return (text: string): LintedUnit[] => {
    const unit: LintUnit = { text, file: 'draft.txt', format };
    return [{ unit, result: lintUnit(unit, { rules, config: defaultConfig(rules) }) }];
  };
}

const fixable = (results: DocumentResult[]) => results.flatMap((r) => r.findings).filter((f) => f.fix);

describe('applyFixes (one pass)', () => {
  it('applies non-overlapping fixes in order and leaves overlapping and touching ones for the next pass', () => {
    const text = 'abcdefghij';
    const r = applyFixes(text, [
      { range: [6, 8], text: 'X' },
      { range: [0, 2], text: '' },
      { range: [1, 3], text: 'Y' }, // overlaps [0,2]
      { range: [8, 9], text: 'Z' }, // touches [6,8]
      { range: [9, 5], text: '?' }, // inverted
    ]);
    expect(r.output).toBe('cdefXij');
    expect(r.applied.map((f) => f.range)).toEqual([[0, 2], [6, 8]]);
    expect(r.remaining.map((f) => f.range)).toEqual([[1, 3], [8, 9], [9, 5]]);
  });

  it('turns newlines in a replacement into the file\'s line ending', () => {
    expect(applyFixes('a b', [{ range: [1, 2], text: '\n' }], '\r\n').output).toBe('a\r\nb');
    expect(lineEnding('a\r\nb\r\nc\nd')).toBe('\r\n');
    expect(lineEnding('no newline')).toBe('\n');
  });
});

describe('fixText (multi-pass, confirmed)', () => {
  it('repeats passes until nothing is left to fix, then re-lints', () => {
    const out = fixText('Done!!!! Really!!', { lint: linterFor([bang]) });
    expect(out.output).toBe('Done! Really!');
    expect(out.passes).toBeGreaterThan(1);
    expect(out.fixed).toBe(4);
    expect(fixable(out.results)).toEqual([]);
    expect(out.refused).toBe(false);
  });

  it(`stops after ${MAX_PASSES} passes when fixes undo each other, and says so`, () => {
    const out = fixText('ping me', { lint: linterFor([pingPong]) });
    expect(out.passes).toBe(MAX_PASSES);
    expect(out.output).toBe('ping me'); // ten swaps: back where it started
    expect(out.notes.join()).toMatch(/stopped after 10 passes/);
  });

  it('keeps CRLF: untouched lines keep theirs and inserted newlines become CRLF', () => {
    const out = fixText('One!!\r\nTwo SPLIT three\r\n', { lint: linterFor([bang, newline]) });
    expect(out.output).toBe('One!\r\nTwo\r\nthree\r\n');
  });

  it('never changes a template placeholder: the linter drops such fixes and the fixer re-checks', () => {
    const out = fixText('Hi {{first_name!!}}, thanks!! See {% if x!! %}you{% endif %}', { lint: linterFor([bang]) });
    expect(out.output).toBe('Hi {{first_name!!}}, thanks! See {% if x!! %}you{% endif %}');
    // A lint function that offers a fix inside a placeholder anyway (a plugin bug): skipped.
    const text = 'Hi {{name}}, ok';
    const rogue = (t: string): LintedUnit[] => {
      const unit: LintUnit = { text: t, file: 'x.txt' };
      const result = lintUnit(unit, { rules: [], config: defaultConfig([]) });
      const at = t.indexOf('name');
      const f = { rule: 'rogue', messageId: 'm', severity: 'warning', category: 'tone', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1, range: [at, at + 4], text: 'name', suggestions: [], fix: at >= 0 ? { range: [at, at + 4], text: 'nom' } : null } as Finding;
      return [{ unit, result: { ...result, findings: at >= 0 ? [f] : [] } }];
    };
    expect(fixText(text, { lint: rogue }).output).toBe(text);
  });

  it('refuses (returns the input) when a fix would add or remove a placeholder', () => {
    const adds = (t: string): LintedUnit[] => {
      const unit: LintUnit = { text: t, file: 'x.txt' };
      const result = lintUnit(unit, { rules: [], config: defaultConfig([]) });
      const i = t.indexOf('there');
      const f = { rule: 'adds', range: [i, i + 5], fix: { range: [i, i + 5], text: '{{name}}' }, findings: [] } as unknown as Finding;
      return [{ unit, result: { ...result, findings: i >= 0 ? [f] : [] } }];
    };
    const out = fixText('Hi there', { lint: adds });
    expect(out).toMatchObject({ output: 'Hi there', refused: true, fixed: 0 });
    expect(out.notes[0]).toMatch(/template placeholders/);
  });

  it('refuses when the fixed text would not parse', () => {
    let calls = 0;
    const lint = (t: string): LintedUnit[] => {
      if (calls++ > 0) throw new AttuneError('input', 'unexpected end of JSON', 'lib.json');
      return linterFor([bang])(t);
    };
    const out = fixText('Great!!', { lint });
    expect(out).toMatchObject({ output: 'Great!!', refused: true });
    expect(out.notes[0]).toMatch(/would not parse/);
  });

  it('a filter limits which findings are fixed', () => {
    expect(fixText('a!! ping', { lint: linterFor([bang, pingPong]), filter: (f) => f.rule === 'bang' }).output).toBe('a! ping');
  });
});

describe('round trips on the fixtures', () => {
  // Every not-ok fixture: fix with the built-in rules and the fixture's context, re-lint, and no
  // fixable finding may be left. At least some fixtures must actually change, or the test says nothing.
  const files = listFixtures(join(ROOT, 'fixtures')).filter((p) => /not-ok-/.test(p));
  it('fix, re-lint, no fixable finding left', () => {
    let changed = 0;
    for (const path of files) {
      const fx = parseFixture(path);
      const context = fx.context ? analyzeContext({ text: fx.context, file: 'context.txt' }) : null;
      const format = path.endsWith('.md') ? 'markdown' : path.endsWith('.html') ? 'html' : path.endsWith('.eml') ? 'eml' : 'text';
      const lint = (text: string): LintedUnit[] => {
        const unit: LintUnit = { text, file: path, format };
        return [{ unit, result: lintUnit(unit, { context }) }];
      };
      const out = fixText(fx.text, { lint });
      expect(out.refused, path).toBe(false);
      expect(fixable(out.results), path).toEqual([]);
      expect(fixable(lint(out.output).map((l) => l.result)), path).toEqual([]);
      if (out.output !== fx.text) changed++;
    }
    expect(changed).toBeGreaterThanOrEqual(3);
  });
});

describe('library exports: only where the mapping is exact', () => {
  const json = JSON.stringify([
    { id: 'a', name: 'Plain', body: 'Thanks for waiting!! It ships today.' },
    { id: 'b', name: 'Escaped', body: 'We said \u201cno\u201d!\\u0021 Sorry.' },
  ], null, 2).replace('!\\\\u0021', '!\\u0021');
  const lint = (text: string): LintedUnit[] =>
    readUnits({ file: 'lib.json', absPath: null, text }).map((unit) => ({ unit, result: lintUnit(unit, { rules: [bang], config: defaultConfig([bang]) }) }));

  it('applies a fix in a macro whose text maps one to one and skips one across an escape, with a note', () => {
    const out = fixText(json, { lint });
    expect(out.output).toContain('Thanks for waiting! It ships today.');
    expect(out.output).toContain('!\\u0021 Sorry.');
    expect(() => JSON.parse(out.output)).not.toThrow();
    expect(out.notes.join()).toMatch(/bang fix in Escaped was not applied/);
  });

  it('mapsExactly refuses replacements that would need escaping', () => {
    const fileText = '{"body": "ab"}';
    const unit: LintUnit = { text: 'ab', file: 'x.json', fileText, toFileOffset: (o) => o + 10 };
    expect(mapsExactly(unit, fileText, { range: [10, 11], text: 'X' })).toBe(true);
    expect(mapsExactly(unit, fileText, { range: [10, 11], text: '"' })).toBe(false);
    expect(mapsExactly(unit, fileText, { range: [10, 11], text: 'a\nb' })).toBe(false);
  });
});

describe('encodings', () => {
  it('decodes and re-encodes UTF-8 (with and without BOM) and UTF-16 LE/BE byte for byte', () => {
    const text = 'Caf\u00e9 \u2014 \ud83d\ude00\r\n';
    for (const [encoding, bom] of [['utf8', false], ['utf8', true], ['utf16le', true], ['utf16be', true]] as const) {
      const bytes = encodeText(text, encoding, bom);
      const back = decodeText(bytes);
      expect(back).toEqual({ text, encoding, bom });
      expect(encodeText(back.text, back.encoding, back.bom).equals(bytes)).toBe(true);
    }
  });
});

describe('writeFileAtomic', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'attune-atomic-'));

  it('replaces the content and keeps the file mode', async () => {
    const d = dir();
    const p = join(d, 'draft.txt');
    writeFileSync(p, 'old');
    chmodSync(p, 0o600);
    await writeFileAtomic(p, 'new');
    expect(readFileSync(p, 'utf8')).toBe('new');
    expect(statSync(p).mode & 0o777).toBe(0o600);
    // A mode the umask would narrow (group/other write) is kept too.
    chmodSync(p, 0o666);
    await writeFileAtomic(p, 'newer');
    expect(statSync(p).mode & 0o777).toBe(0o666);
    expect(readdirSync(d)).toEqual(['draft.txt']);
  });

  it('writes through a symlink to its target, keeping the link', async () => {
    const d = dir();
    writeFileSync(join(d, 'real.txt'), 'old');
    symlinkSync('real.txt', join(d, 'link.txt'));
    await writeFileAtomic(join(d, 'link.txt'), 'new');
    expect(lstatSync(join(d, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'real.txt'), 'utf8')).toBe('new');
  });

  const realFs: WriteFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat, realpath: fsp.realpath };

  it('a failure between the temporary write and the rename leaves the original intact and no temporary file', async () => {
    const d = dir();
    const p = join(d, 'draft.txt');
    writeFileSync(p, 'original');
    let wroteTemp = false;
    const failing: WriteFs = {
      ...realFs,
      rename: async (from) => {
        wroteTemp = readFileSync(from as string, 'utf8') === 'fixed';
        throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' });
      },
    };
    await expect(writeFileAtomic(p, 'fixed', failing)).rejects.toThrow(/simulated crash/);
    expect(wroteTemp).toBe(true);
    expect(readFileSync(p, 'utf8')).toBe('original');
    expect(readdirSync(d)).toEqual(['draft.txt']);
  });

  it('a write that throws leaves the original intact and no temporary file', async () => {
    const d = dir();
    const p = join(d, 'draft.txt');
    writeFileSync(p, 'original');
    const failing: WriteFs = {
      ...realFs,
      open: (async (path: string, flags: string, mode?: number) => {
        const handle = await fsp.open(path, flags, mode);
        return Object.assign(Object.create(Object.getPrototypeOf(handle) as object) as fsp.FileHandle, handle, {
          writeFile: async () => {
            throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        });
      }) as unknown as WriteFs['open'],
    };
    await expect(writeFileAtomic(p, 'fixed', failing)).rejects.toThrow(/disk full/);
    expect(readFileSync(p, 'utf8')).toBe('original');
    expect(readdirSync(d)).toEqual(['draft.txt']);
  });
});

describe('CLI --fix and --fix-dry-run', () => {
  const RULES = [bang, newline];
  const cli = (args: string[], cwd: string, stdin?: string) =>
    runCli(['--no-config-lookup', ...args], cwd, stdin, { rules: RULES });

  it('--fix writes the file keeping CRLF and the UTF-8 BOM, and reports what is left', async () => {
    const d = mkdtempSync(join(tmpdir(), 'attune-fixcli-'));
    const p = join(d, 'draft.txt');
    writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Hi {{name!!}},\r\nAll done!!!\r\nBye SPLIT now\r\n')]));
    const r = await cli(['draft.txt', '--fix', '--format', 'json'], d);
    expect(r.code).toBe(0);
    expect(readFileSync(p).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readFileSync(p, 'utf8').slice(1)).toBe('Hi {{name!!}},\r\nAll done!\r\nBye\r\nnow\r\n');
    expect(JSON.parse(r.out).results[0].findings).toEqual([]);
    expect(readdirSync(d)).toEqual(['draft.txt']);
  });

  it('--fix-dry-run prints a unified diff and leaves the file alone', async () => {
    const d = mkdtempSync(join(tmpdir(), 'attune-fixcli-'));
    writeFileSync(join(d, 'draft.txt'), 'Line one.\nGreat news!!\n');
    const r = await cli(['draft.txt', '--fix-dry-run', '--format', 'compact'], d);
    expect(r.code).toBe(0);
    // A plain unified diff from the first byte, so it can be piped to `git apply` or `patch -p1`.
    expect(r.out.startsWith('--- a/draft.txt\n+++ b/draft.txt\n@@ -1,2 +1,2 @@\n Line one.\n-Great news!!\n+Great news!\n')).toBe(true);
    expect(readFileSync(join(d, 'draft.txt'), 'utf8')).toBe('Line one.\nGreat news!!\n');
  });

  it('--fix-dry-run works on stdin; --fix on stdin, both flags, or a JSON report on stdout are usage errors', async () => {
    const d = mkdtempSync(join(tmpdir(), 'attune-fixcli-'));
    const dry = await cli(['--fix-dry-run'], d, 'Yes!!\n');
    expect(dry.out).toContain('-Yes!!\n+Yes!\n');
    // Named by --stdin-filename: the name is a label (and picks the config), not a file to read.
    const named = await cli(['--fix-dry-run', '--stdin-filename', 'missing/x.txt'], d, 'Yes!!\n');
    expect(named.code).toBe(0);
    expect(named.out).toContain('--- a/missing/x.txt\n+++ b/missing/x.txt\n');
    expect((await cli(['--fix'], d, 'Yes!!\n')).code).toBe(2);
    writeFileSync(join(d, 'a.txt'), 'x');
    expect((await cli(['a.txt', '--fix', '--fix-dry-run'], d)).code).toBe(2);
    const json = await cli(['a.txt', '--fix-dry-run', '--format', 'json'], d);
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/--format json:FILE/);
  });

  it('a library export that fails to parse is never written', async () => {
    const d = mkdtempSync(join(tmpdir(), 'attune-fixcli-'));
    const broken = '[{"name": "A", "body": "Hi!!"}, {"name": ';
    writeFileSync(join(d, 'lib.json'), broken);
    const r = await cli(['lib.json', '--fix'], d);
    expect(r.code).toBe(2);
    expect(readFileSync(join(d, 'lib.json'), 'utf8')).toBe(broken);
  });

  it('a UTF-16 file is not fixed, with a note saying why', async () => {
    const d = mkdtempSync(join(tmpdir(), 'attune-fixcli-'));
    const bytes = encodeText('Hello!!\n', 'utf16le', true);
    writeFileSync(join(d, 'u16.txt'), bytes);
    const r = await cli(['u16.txt', '--fix'], d);
    expect(r.err).toMatch(/UTF-16 LE.*reads drafts as UTF-8/);
    expect(readFileSync(join(d, 'u16.txt')).equals(bytes)).toBe(true);
  });
});

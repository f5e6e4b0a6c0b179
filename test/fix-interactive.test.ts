// `attune fix --interactive`: answers are piped in (as a person would type them) and the file on
// disk is checked afterwards. Covers accept (the fix, a suggestion, a removal), skip, edit, quit,
// end of input, invalid answers, placeholder protection, overlapping findings, the atomic write
// keeping CRLF and BOM, plain `attune fix`, and one run of the real binary with a pipe.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli as runCli } from './helpers/project.js';
import type { Rule } from '../src/core/types.js';
import { PLACEHOLDER } from '../src/core/document.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// "maybe ": a safe fix (drop it), a replacement suggestion, a removal, and advice that cannot be applied.
const hedge: Rule = {
  meta: { id: 'hedge', category: 'tone', defaultSeverity: 'warn', description: 'hedging', docs: 'rules/hedge.md', messages: { m: 'Hedging with "maybe".' }, fixable: true, hasSuggestions: true },
  check({ doc, report }) {
    for (const m of doc.text.matchAll(/\bmaybe /g)) {
      report({
        messageId: 'm',
        start: m.index,
        end: m.index + 5,
        fix: { start: m.index, end: m.index + 6, text: '' },
        suggestions: [
          { text: 'probably', description: 'Say how likely.', replace: true },
          { text: '', description: 'Drop the word.' },
          { text: 'Rewrite the whole sentence.', description: 'Advice only.' },
        ],
      });
    }
  },
};
// "<placeholder> pal": suggestions that would drop the placeholder must be refused.
const pal: Rule = {
  meta: { id: 'pal', category: 'tone', defaultSeverity: 'error', description: 'pal', docs: 'rules/pal.md', messages: { m: 'Too familiar.' }, fixable: false, hasSuggestions: true },
  check({ doc, report }) {
    const i = doc.text.indexOf(`${PLACEHOLDER} pal`);
    if (i >= 0) report({ messageId: 'm', start: i, end: i + 5, suggestions: [{ text: 'friend', description: 'drops the name', replace: true }] });
  },
};
// A finding covering the whole sentence that holds "maybe": overlaps hedge's.
const sentence: Rule = {
  meta: { id: 'sentence', category: 'tone', defaultSeverity: 'warn', description: 's', docs: 'rules/sentence.md', messages: { m: 'Whole sentence.' }, fixable: false, hasSuggestions: true },
  check({ doc, report }) {
    const i = doc.text.indexOf('It will maybe ship');
    if (i >= 0) report({ messageId: 'm', start: i, end: i + 18, suggestions: [{ text: 'It ships', description: 'plain', replace: true }] });
  },
};
const RULES = [hedge, pal, sentence];

function fix(args: string[], cwd: string, answers: string | null, tty = false) {
  return runCli(['fix', '--no-config-lookup', ...args], cwd, answers ?? undefined, { rules: RULES, stdinIsTTY: tty });
}

function workspace(files: Record<string, string | Buffer>): string {
  const d = mkdtempSync(join(tmpdir(), 'attune-fix-i-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(d, name), body);
  return d;
}
const read = (d: string, f: string) => readFileSync(join(d, f), 'utf8');

describe('attune fix --interactive', () => {
  it('accepts the fix or a suggestion, one per finding, and writes once', async () => {
    const d = workspace({ 'a.txt': 'We maybe ship today.\nIt maybe works.\nYou maybe like it.\n' });
    const r = await fix(['--interactive', 'a.txt'], d, '1\n2\n1\n');
    expect(r.code).toBe(0);
    expect(read(d, 'a.txt')).toBe('We ship today.\nIt probably works.\nYou like it.\n');
    expect(r.out).toContain('[1] fix (safe): remove "maybe"');
    expect(r.out).toContain('[2] "maybe" → "probably" — Say how likely.');
    expect(r.out).toContain('advice: "Rewrite the whole sentence." — Advice only.');
    // The empty suggestion removes the word with its space: the same edit as the fix, offered once.
    expect(r.out).not.toContain('[3]');
    expect(r.out).toContain('a.txt: 3 changes written, 0 findings left');
    expect(readdirSync(d)).toEqual(['a.txt']);
  });

  it('skip (s or empty) keeps the text; edit replaces the span with what was typed', async () => {
    const d = workspace({ 'a.txt': 'We maybe ship today.\nIt maybe works.\nYou maybe like it.\n' });
    await fix(['-i', 'a.txt'], d, 's\n\ne\nperhaps\n');
    expect(read(d, 'a.txt')).toBe('We maybe ship today.\nIt maybe works.\nYou perhaps like it.\n');
  });

  it('quit stops asking: earlier choices are written, later findings and files are left alone', async () => {
    const d = workspace({ 'a.txt': 'One maybe here.\nTwo maybe here.\n', 'b.txt': 'Three maybe here.\n' });
    const r = await fix(['-i', 'a.txt', 'b.txt'], d, '1\nq\n1\n');
    expect(read(d, 'a.txt')).toBe('One here.\nTwo maybe here.\n');
    expect(read(d, 'b.txt')).toBe('Three maybe here.\n');
    expect(r.out).not.toContain('b.txt:1');
  });

  it('end of input counts as quit', async () => {
    const d = workspace({ 'a.txt': 'We maybe go.\nWe maybe stay.\n' });
    const r = await fix(['-i', 'a.txt'], d, '1\n');
    expect(r.code).toBe(0);
    expect(read(d, 'a.txt')).toBe('We go.\nWe maybe stay.\n');
  });

  it('an answer it does not understand asks again', async () => {
    const d = workspace({ 'a.txt': 'We maybe go.\n' });
    const r = await fix(['-i', 'a.txt'], d, 'yes\n9\n2\n');
    expect(r.out.match(/answer 1-2 accept, s, e or q/g)).toHaveLength(2);
    expect(read(d, 'a.txt')).toBe('We probably go.\n');
  });

  it('refuses a choice that would drop a template placeholder, and accepts an edit that keeps it', async () => {
    const d = workspace({ 'a.txt': 'Thanks {{name}} pal, done.\n' });
    const r = await fix(['-i', 'a.txt'], d, '1\ne\n{{name}}, friend\n');
    expect(r.out).toContain('that would change a template placeholder; choose again');
    expect(read(d, 'a.txt')).toBe('Thanks {{name}}, friend, done.\n');
    expect(r.code).toBe(0);
  });

  it('an error that is left exits 1; a finding inside an earlier change is skipped', async () => {
    const d = workspace({ 'a.txt': 'It will maybe ship soon. Hi {{name}} pal.\n' });
    const r = await fix(['-i', 'a.txt'], d, '1\ns\n');
    // sentence (accepted) covers hedge's span, so hedge is not asked about.
    expect(r.out).toMatch(/hedge at 1:9 skipped: an earlier change covers it/);
    expect(read(d, 'a.txt')).toBe('It ships soon. Hi {{name}} pal.\n');
    expect(r.code).toBe(1);
  });

  it('keeps CRLF line endings and the UTF-8 BOM', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const d = workspace({ 'a.txt': Buffer.concat([bom, Buffer.from('Line one.\r\nWe maybe go.\r\n')]) });
    await fix(['-i', 'a.txt'], d, '2\n');
    const bytes = readFileSync(join(d, 'a.txt'));
    expect(bytes.subarray(0, 3).equals(bom)).toBe(true);
    expect(bytes.subarray(3).toString('utf8')).toBe('Line one.\r\nWe probably go.\r\n');
  });

  it('writes nothing when every finding is skipped', async () => {
    const d = workspace({ 'a.txt': 'We maybe go.\n' });
    const before = statSync(join(d, 'a.txt')).mtimeMs;
    const r = await fix(['-i', 'a.txt'], d, 's\n');
    expect(r.out).toContain('a.txt: nothing changed');
    expect(statSync(join(d, 'a.txt')).mtimeMs).toBe(before);
  });

  it('a clean file says so without asking', async () => {
    const d = workspace({ 'a.txt': 'All good.\n' });
    const r = await fix(['-i', 'a.txt'], d, '');
    expect(r.out).toBe('a.txt: no findings\n');
  });

  it('piped answers are echoed so the transcript reads like a session; a terminal echoes them itself', async () => {
    const d = workspace({ 'a.txt': 'We maybe go.\n' });
    expect((await fix(['-i', 'a.txt'], d, 's\n')).out).toContain('q quit > s\n');
    const tty = await fix(['-i', 'a.txt'], d, 's\n', true);
    expect(tty.out).toContain('q quit > a.txt: nothing changed');
  });
});

describe('attune fix (not interactive)', () => {
  it('applies the safe fixes only, like --fix, and says what is left', async () => {
    const d = workspace({ 'a.txt': 'We maybe go. Hi {{name}} pal.\n' });
    const r = await fix(['a.txt'], d, null, true);
    expect(read(d, 'a.txt')).toBe('We go. Hi {{name}} pal.\n');
    expect(r.out).toBe('a.txt: 1 finding left (see attune a.txt)\n');
    expect(r.code).toBe(1);
  });
});

describe('the real binary with a pipe', () => {
  it('reads answers from stdin through node:readline', () => {
    const d = workspace({ 'reply.txt': 'Hi Ana,\n\nJust restart the app and sign in again. Sorry for the wait. Sorry again for the trouble!\n\nBest,\nSam\n' });
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'attune.js'), 'fix', '--interactive', '--no-config-lookup', '--no-color', 'reply.txt'], { cwd: d, input: '1\n1\nq\n', encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\(1\/\d\) reply\.txt:3:1/);
    const text = read(d, 'reply.txt');
    expect(text.startsWith('Hi Ana,\n\nRestart the app and sign in again.')).toBe(true);
    expect(text).not.toContain('Sorry again');
  });
});

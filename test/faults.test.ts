// Faults (issue 8): a rule that throws is reported as an internal error naming the rule and the
// file, the other files are still linted and reported, and the run exits 2; the same when the
// crash happens on a worker thread. (The --fix interruption faults are tested in the fixer's own
// tests: test/fixer.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintUnit } from '../src/core/linter.js';
import { RuleCrash } from '../src/core/errors.js';
import type { DocumentResult, Rule } from '../src/core/types.js';
import { builtinRules } from '../src/rules/index.js';
import { runCli } from './helpers/run-cli.js';

const exploding: Rule = {
  meta: {
    id: 'exploding-rule',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'throws on drafts that mention a refund',
    docs: 'rules/exploding-rule.md',
    messages: { found: 'found' },
    fixable: false,
    hasSuggestions: false,
  },
  check({ doc }) {
    if (doc.lower.includes('refund')) throw new TypeError("Cannot read properties of undefined (reading 'start')");
  },
};
const RULES = [...builtinRules, exploding];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'attune-faults-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'drafts'));
  writeFileSync(join(dir, 'drafts', 'a-ok.txt'), 'Hi Sam,\n\nSimply log in and change the address yourself.\n\nBest,\nLee\n');
  writeFileSync(join(dir, 'drafts', 'b-crash.txt'), 'Hi Sam,\n\nYour refund went out today.\n\nBest,\nLee\n');
  writeFileSync(join(dir, 'drafts', 'c-ok.txt'), 'Hi Jo,\n\nI am so sorry, and so sorry again. We sent the parcel today.\n\nBest,\nLee\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a rule that throws', () => {
  it('is a RuleCrash naming the rule and the file in the Node API', () => {
    let caught: unknown;
    try {
      lintUnit({ text: 'Your refund is on its way.', file: 'reply.txt' }, { rules: RULES });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RuleCrash);
    expect((caught as RuleCrash).ruleId).toBe('exploding-rule');
    expect((caught as RuleCrash).message).toBe(`reply.txt: rule "exploding-rule" crashed: Cannot read properties of undefined (reading 'start')`);
  });

  it('is reported on one line, the other files are still linted, and the run exits 2', async () => {
    const r = await runCli(['drafts', '--no-config-lookup', '--format', 'json'], { cwd: dir, rules: RULES });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`attune: drafts/b-crash.txt: rule "exploding-rule" crashed: Cannot read properties of undefined (reading 'start')\n`);
    const results = (JSON.parse(r.out) as { results: DocumentResult[] }).results;
    expect(results.map((x) => x.file)).toEqual(['drafts/a-ok.txt', 'drafts/c-ok.txt']);
    expect(results.every((x) => x.findings.length > 0)).toBe(true);
  });

  it('shows the stack only with --debug', async () => {
    const r = await runCli(['drafts/b-crash.txt', '--no-config-lookup', '--debug'], { cwd: dir, rules: RULES });
    expect(r.code).toBe(2);
    expect(r.err).toContain('TypeError');
    expect(r.err).toMatch(/at .*faults\.test\.ts/);
  });

  it('in a library, names the file and keeps the other files', async () => {
    writeFileSync(
      join(dir, 'macros.json'),
      JSON.stringify([{ name: 'Refund', body: 'Your refund went out today.' }, { name: 'Address', body: 'Simply log in and change it.' }]),
    );
    const r = await runCli(['macros.json', 'drafts/a-ok.txt', '--no-config-lookup', '--format', 'json'], { cwd: dir, rules: RULES });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^attune: macros\.json: rule "exploding-rule" crashed: /);
    expect((JSON.parse(r.out) as { results: DocumentResult[] }).results.map((x) => x.file)).toEqual(['drafts/a-ok.txt']);
  });
});

describe('worker threads', () => {
  it('lose no results: with workers forced on, every document is reported exactly as in-process', async () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 30; i++) writeFileSync(join(many, `d${String(i).padStart(2, '0')}.txt`), `Hi Sam,\n\nDraft ${i}: I am so sorry, so sorry. Simply log in.\n\nBest,\nLee\n`);
    const library = Array.from({ length: 450 }, (_, i) => ({ name: `Macro ${i}`, body: i % 7 === 0 ? 'Simply restart it.' : `We sent order ${i} today.` }));
    writeFileSync(join(many, 'big-library.json'), JSON.stringify(library));
    const { run } = await import('../src/cli/main.js');
    const go = async (workers: string) => {
      let out = '';
      let err = '';
      const code = await run(['many', 'many/big-library.json', '--no-config-lookup', '--format', 'json'], {
        stdout: { write: (s: string) => void (out += s) },
        stderr: { write: (s: string) => void (err += s) },
        stdin: (async function* () {})(),
        env: { ATTUNE_WORKERS: workers },
        cwd: dir,
        isTTY: { stdin: true, stdout: false },
      });
      return { code, out, err };
    };
    const inProcess = await go('0');
    const threaded = await go('2');
    expect(threaded.err).toBe(inProcess.err);
    expect(threaded.code).toBe(inProcess.code);
    const results = (JSON.parse(threaded.out) as { results: DocumentResult[] }).results;
    expect(results).toHaveLength(30 + 450);
    expect(threaded.out).toBe(inProcess.out);
  }, 60_000);
});

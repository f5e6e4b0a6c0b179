// Per-folder overrides, ignores (config and .attuneignore) and the team vocabulary, through the
// config loader and the CLI.

import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ConfigLoader } from '../src/core/config.js';
import { acceptedSpans, isAccepted } from '../src/core/vocabulary.js';
import { cleanup, cli, tree } from './helpers/project.js';

afterAll(cleanup);

const ROOT = join(import.meta.dirname, '..');
const TEAM = join(ROOT, 'fixtures/config/team');

type Json = { results: Array<{ file: string; findings: Array<{ rule: string; severity: string; text: string; message: string; suggestions: Array<{ text: string }> }> }> };
const parse = (out: string) => (JSON.parse(out) as Json).results;
const severityOf = async (root: string, file: string, id: string, opts: { cliRules?: string[] } = {}) =>
  (await new ConfigLoader({ cwd: root, ...(opts.cliRules ? { cliRules: opts.cliRules } : {}) }).forFile(join(root, file))).config.rules[id]?.severity;

describe('overrides', () => {
  it("the team fixture: billing/** makes refund-timeline an error, elsewhere it warns", async () => {
    const r = await cli(['billing/refund.txt', 'drafts/reply.txt', '--format', 'json'], TEAM);
    const [billing, reply] = parse(r.out);
    expect(billing!.findings.find((f) => f.rule === 'refund-timeline')!.severity).toBe('error');
    expect(reply!.findings.find((f) => f.rule === 'refund-timeline')!.severity).toBe('warning');
  });

  it('every matching override applies, in order: later entries win', async () => {
    const root = tree({
      '.git/': '',
      '.attunerc.yaml': 'overrides:\n  - files: "billing/**"\n    rules: {over-apology: error}\n  - files: ["billing/legacy/**", "*.md"]\n    rules: {over-apology: "off"}\n',
    });
    expect(await severityOf(root, 'billing/a.txt', 'over-apology')).toBe('error');
    expect(await severityOf(root, 'billing/legacy/a.txt', 'over-apology')).toBe('off');
    expect(await severityOf(root, 'billing/deep/notes.md', 'over-apology')).toBe('off');
    expect(await severityOf(root, 'other/a.txt', 'over-apology')).toBe('warn');
  });

  it('globs are relative to the config file in use, also when they come from an extended file', async () => {
    const root = tree({
      '.git/': '',
      'shared/base.yaml': 'overrides:\n  - files: "billing/**"\n    rules: {over-apology: error}\n',
      'team/.attunerc.yaml': 'extends: ../shared/base.yaml\n',
    });
    expect(await severityOf(root, 'team/billing/a.txt', 'over-apology')).toBe('error');
    expect(await severityOf(root, 'shared/billing/a.txt', 'over-apology')).toBe('warn');
    expect(await severityOf(root, 'team/a.txt', 'over-apology')).toBe('warn');
  });

  it('excludedFiles takes files back out; options merge like in rules', async () => {
    const root = tree({
      '.git/': '',
      '.attunerc.yaml': 'overrides:\n  - files: "billing/**"\n    excludedFiles: "billing/drafts/**"\n    rules:\n      over-apology: [error, {max: 3}]\n',
    });
    const loader = new ConfigLoader({ cwd: root });
    expect((await loader.forFile(join(root, 'billing/a.txt'))).config.rules['over-apology']).toMatchObject({ severity: 'error', options: { max: 3 } });
    expect(await severityOf(root, 'billing/drafts/a.txt', 'over-apology')).toBe('warn');
  });

  it('--rule flags still win over overrides', async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': 'overrides:\n  - files: "**/*.txt"\n    rules: {over-apology: error}\n' });
    expect(await severityOf(root, 'a.txt', 'over-apology', { cliRules: ['over-apology:off'] })).toBe('off');
  });

  it('overrides can set the escalation team and add vocabulary for their files', async () => {
    const root = tree({
      '.git/': '',
      '.attunerc.yaml': 'vocabulary:\n  reject: [cheers mate]\noverrides:\n  - files: "billing/**"\n    escalation: {team: "the billing desk"}\n    vocabulary:\n      reject: [{phrase: chargeback, suggestion: disputed payment}]\n',
      'billing/a.txt': 'Hi Jo,\n\nThe chargeback is noted, cheers mate. I have paused the invoice today.\n\nBest,\nAna\n',
      'a.txt': 'Hi Jo,\n\nThe chargeback is noted, cheers mate. I have paused the invoice today.\n\nBest,\nAna\n',
    });
    const loaded = await new ConfigLoader({ cwd: root }).forFile(join(root, 'billing/a.txt'));
    expect(loaded.config.settings.escalation.team).toBe('the billing desk');
    const r = await cli(['billing/a.txt', 'a.txt', '--format', 'json'], root);
    const [billing, other] = parse(r.out);
    expect(billing!.findings.filter((f) => f.rule === 'vocabulary').map((f) => f.text)).toEqual(['chargeback', 'cheers mate']);
    expect(other!.findings.filter((f) => f.rule === 'vocabulary').map((f) => f.text)).toEqual(['cheers mate']);
  });
});

describe('ignores and .attuneignore', () => {
  it('a directory run skips ignored files silently (config ignores and .attuneignore)', async () => {
    const r = await cli(['.', '--format', 'json'], TEAM);
    expect(r.err).toBe('');
    expect(parse(r.out).map((x) => x.file).sort()).toEqual(['billing/refund.txt', 'drafts/reply.txt']);
  });

  it('an explicitly named ignored file is skipped with a warning, like ESLint', async () => {
    const r = await cli(['drafts/archive/old.txt', 'drafts/reply.txt', '--format', 'json'], TEAM);
    expect(r.err).toBe('attune: warning: drafts/archive/old.txt: file ignored because of a matching ignore pattern (use --no-ignore to lint it)\n');
    expect(parse(r.out).map((x) => x.file)).toEqual(['drafts/reply.txt']);
  });

  it('arguments whose every file is ignored are an input error (exit 2)', async () => {
    const r = await cli(['drafts/archive'], TEAM);
    expect(r.code).toBe(2);
    expect(r.err).toBe('attune: all files matched are ignored (see "ignores" in the config and .attuneignore, or use --no-ignore)\n');
  });

  it('--no-ignore lints them anyway', async () => {
    const r = await cli(['drafts/archive', 'drafts/pending.wip.txt', '--no-ignore', '--format', 'json'], TEAM);
    expect(r.err).toBe('');
    expect(parse(r.out).map((x) => x.file)).toEqual(['drafts/archive/old.txt', 'drafts/pending.wip.txt']);
  });

  it('.attuneignore at the project root, in gitignore syntax (comments, negation, directories)', async () => {
    const root = tree({
      '.git/': '',
      '.attuneignore': '# generated macros\nexports/\n*.tmp.txt\n!keep.tmp.txt\n',
      'drafts/a.txt': 'Hi.',
      'drafts/b.tmp.txt': 'Hi.',
      'drafts/keep.tmp.txt': 'Hi.',
      'exports/x.txt': 'Hi.',
    });
    const r = await cli(['.', '--format', 'json'], root);
    expect(parse(r.out).map((x) => x.file).sort()).toEqual(['drafts/a.txt', 'drafts/keep.tmp.txt']);
  });

  it('config ignores are relative to the config file; globs on the command line are filtered too', async () => {
    const root = tree({
      '.git/': '',
      'team/.attunerc.yaml': 'ignores: ["old/**"]\n',
      'team/old/a.txt': 'Hi.',
      'team/new/a.txt': 'Hi.',
      'old/a.txt': 'Hi.',
    });
    const r = await cli(['**/*.txt', '--format', 'json'], root);
    expect(parse(r.out).map((x) => x.file).sort()).toEqual(['old/a.txt', 'team/new/a.txt']);
  });
});

describe('vocabulary', () => {
  const draft = 'Hi Sam,\n\nTry the Calm Down Kit, and I have booked the repair for Friday.\n\nBest,\nAna\n';

  it('accept: a finding inside an accepted term is dropped', async () => {
    const plain = tree({ '.git/': '', 'a.txt': draft });
    const before = parse((await cli(['a.txt', '--format', 'json'], plain)).out)[0]!.findings;
    expect(before.map((f) => [f.rule, f.text])).toContainEqual(['minimizing-language', 'Calm Down']);
    const team = tree({ '.git/': '', '.attunerc.yaml': 'vocabulary:\n  accept: ["calm down kit"]\n', 'a.txt': draft });
    const after = parse((await cli(['a.txt', '--format', 'json'], team)).out)[0]!.findings;
    expect(after.map((f) => f.rule)).not.toContain('minimizing-language');
  });

  it('accept matches whole words in any case, and keeps findings an accepted word merely sits in', () => {
    const text = 'Try Lumen Care today. The lumens are bright.';
    const spans = acceptedSpans(text, ['lumen care', 'Lumen']);
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['Lumen Care']);
    expect(isAccepted(spans, 4, 9)).toBe(true); // "Lumen", inside the term
    expect(isAccepted(spans, 0, 21)).toBe(false); // the whole sentence: the term covers under half
    expect(isAccepted(spans, 26, 32)).toBe(false); // "lumens" is another word
  });

  it('reject: phrases always flagged by the rule "vocabulary", with suggestion and message', async () => {
    const root = tree({
      '.git/': '',
      '.attunerc.yaml':
        'vocabulary:\n  reject:\n    - calm down\n    - {phrase: per my last email, suggestion: as I mentioned}\n    - {pattern: "cheers\\\\s+mate", message: "Keep \\"{{match}}\\" for friends."}\n',
      'a.txt': 'Hi Jo,\n\nPlease calm down. Per my last email, the part ships Friday. Cheers   mate.\n\nBest,\nAna\n',
    });
    const r = await cli(['a.txt', '--format', 'json'], root);
    const vocab = parse(r.out)[0]!.findings.filter((f) => f.rule === 'vocabulary');
    expect(vocab.map((f) => [f.text, f.severity, f.message, f.suggestions.map((s) => s.text)])).toEqual([
      ['calm down', 'warning', '"calm down" is on the team\'s reject list.', []],
      ['Per my last email', 'warning', '"Per my last email" is on the team\'s reject list; use "as I mentioned".', ['as I mentioned']],
      ['Cheers   mate', 'warning', 'Keep "Cheers   mate" for friends.', []],
    ]);
    const off = await cli(['a.txt', '--format', 'json', '--rule', 'vocabulary:off'], root);
    expect(parse(off.out)[0]!.findings.map((f) => f.rule)).not.toContain('vocabulary');
  });

  it('reject patterns go through the ReDoS guard; mistakes name the key', async () => {
    const cases: Array<[string, string]> = [
      ['vocabulary:\n  reject: [{pattern: "(a|aa)+"}]\n', '.attunerc.yaml: vocabulary.reject[0].pattern: pattern /(a|aa)+/ can take exponential time'],
      ['vocabulary:\n  reject: [{phrase: x, pattern: y}]\n', '.attunerc.yaml: vocabulary.reject[0]: give "phrase" or "pattern", not both'],
      ['vocabulary:\n  reject: [{phrase: x, message: "{{word}}"}]\n', '.attunerc.yaml: vocabulary.reject[0].message: unknown placeholder {{word}}; use {{match}}'],
    ];
    for (const [yaml, message] of cases) {
      const r = await cli(['a.txt'], tree({ '.git/': '', '.attunerc.yaml': yaml, 'a.txt': 'Hi.' }));
      expect(r.code).toBe(2);
      expect(r.err.startsWith(`attune: ${message}`), r.err).toBe(true);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('vocabulary from extended files and the file itself add up', async () => {
    const root = tree({ '.git/': '', 'base.yaml': 'vocabulary:\n  accept: [Acme]\n', '.attunerc.yaml': 'extends: ./base.yaml\nvocabulary:\n  accept: [Acme Cloud]\n' });
    const { config } = await new ConfigLoader({ cwd: root }).forFile(join(root, 'a.txt'));
    expect(config.settings.vocabulary?.accept).toEqual(['Acme', 'Acme Cloud']);
  });
});

describe('ignores and stdin', () => {
  it('a draft on stdin whose --stdin-filename is ignored is skipped with a warning', async () => {
    const r = await cli(['--stdin-filename', 'drafts/archive/new.txt', '--format', 'json'], TEAM, 'I promise you it ships!!!');
    expect(r.err).toBe('attune: warning: drafts/archive/new.txt: file ignored because of a matching ignore pattern (use --no-ignore to lint it)\n');
    expect(parse(r.out)).toEqual([]);
    const linted = await cli(['--stdin-filename', 'drafts/archive/new.txt', '--no-ignore', '--format', 'json'], TEAM, 'I promise you it ships!!!');
    expect(parse(linted.out)[0]!.findings.map((f) => f.rule)).toContain('no-guarantees');
  });
});

describe('extends a shareable config published as a package', () => {
  it('resolves a package name from node_modules (its main file is the config), after a relative file of that name', async () => {
    const root = tree({
      '.git/': '',
      'node_modules/attune-config-acme/package.json': '{"name": "attune-config-acme", "version": "1.2.0", "main": "attunerc.yaml"}',
      'node_modules/attune-config-acme/attunerc.yaml': 'extends: attune:strict\nvocabulary:\n  accept: [Acme]\nrules:\n  over-apology: "off"\n',
      'team/.attunerc.yaml': 'extends: attune-config-acme\n',
    });
    const { config, files } = await new ConfigLoader({ cwd: root }).forFile(join(root, 'team/a.txt'));
    expect(config.rules['over-apology']!.severity).toBe('off');
    expect(config.settings.vocabulary?.accept).toEqual(['Acme']);
    expect(files.at(-1)).toBe('team/.attunerc.yaml');
    const missing = tree({ '.git/': '', '.attunerc.yaml': 'extends: attune-config-nope\n' });
    await expect(new ConfigLoader({ cwd: missing }).forFile(join(missing, 'a.txt'))).rejects.toThrow('.attunerc.yaml: extends: extended config "attune-config-nope" not found');
  });
});

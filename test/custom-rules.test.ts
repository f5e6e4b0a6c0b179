// No-code custom rules: the four kinds behave as documented, a team's rule file with examples
// passes `attune test-rules`, and every mistake a team lead can make is a config error naming the
// file (line and column for rule files) and the key.

import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ConfigLoader } from '../src/core/config.js';
import { compileCustomRule, runExamples, type CustomRuleSpec, type RuleWithExamples } from '../src/core/custom-rules.js';
import { lintUnit } from '../src/core/linter.js';
import { AttuneError } from '../src/core/errors.js';
import { cleanup, cli, tree } from './helpers/project.js';

afterAll(cleanup);

const ROOT = join(import.meta.dirname, '..');
const TEAM = join(ROOT, 'fixtures/config/team');

const compile = (spec: CustomRuleSpec) => compileCustomRule(spec, 'test', ['customRules', 0], (p) => `cfg: ${p.join('.')}`, new Map([['over-apology', 'a built-in rule']]));

function lint(rule: RuleWithExamples, text: string) {
  const config = { rules: { [rule.meta.id]: { severity: 'warn' as const, options: {} } }, settings: { crisis: { resources: [], available24x7: false }, escalation: { team: 'x' } } };
  return lintUnit({ text, file: 't.txt' }, { rules: [rule], config }).findings;
}

describe('phrase', () => {
  const rule = compile({ id: 'no-guarantees', kind: 'phrase', phrases: ['we guarantee', '100% sure'], patterns: ['i promise (?:you|that)'], suggestions: ['we expect'], message: '"{{match}}" overpromises; try "{{suggestion}}".' });

  it('flags words, phrases and patterns as whole words, in any case and spacing', () => {
    const f = lint(rule, 'Hi. We  guarantee it. I am 100% sure. I promise you it ships. We guaranteed nothing.');
    expect(f.map((x) => x.text)).toEqual(['We  guarantee', '100% sure', 'I promise you']);
    expect(f[0]!.message).toBe('"We  guarantee" overpromises; try "We expect".');
  });

  it('offers the suggestions as replacements of the span', () => {
    const [f] = lint(rule, 'Sure, we guarantee it.');
    expect(f!.suggestions).toEqual([{ text: 'we expect', description: 'Replace "we guarantee"', fix: { range: f!.range, text: 'we expect' } }]);
  });

  it('never matches inside masked text (quoted history, placeholders, URLs)', () => {
    expect(lint(rule, 'Hi {{name}},\nThanks.\n\n> we guarantee it\n')).toEqual([]);
  });
});

describe('substitution', () => {
  const rule = compile({ id: 'plain-words', kind: 'substitution', swap: { utilize: 'use', 'at this point in time': 'now' }, swapPatterns: { 'revert(?:ing)? back': 'reply' } });

  it('flags X and suggests Y, capitalised when X opens a sentence', () => {
    const f = lint(rule, 'Utilize the form. Please revert back at this point in time.');
    expect(f.map((x) => [x.text, x.message, x.suggestions[0]!.text])).toEqual([
      ['Utilize', 'Use "Use" instead of "Utilize".', 'Use'],
      ['revert back', 'Use "reply" instead of "revert back".', 'reply'],
      ['at this point in time', 'Use "now" instead of "at this point in time".', 'now'],
    ]);
  });
});

describe('occurrence', () => {
  it('max per document reports each match beyond the limit', () => {
    const rule = compile({ id: 'one-unfortunately', kind: 'occurrence', phrases: ['unfortunately', 'sadly'], max: 1 });
    const f = lint(rule, 'Unfortunately it broke. Sadly the spare is gone. Unfortunately again.');
    expect(f.map((x) => x.text)).toEqual(['Sadly', 'Unfortunately']);
    expect(f[0]!.message).toBe('"Sadly" appears 3 times; use such phrases at most 1 time.');
  });

  it('max per sentence counts each sentence on its own', () => {
    const rule = compile({ id: 'one-sorry', kind: 'occurrence', patterns: ['sorry'], max: 1, scope: 'sentence' });
    expect(lint(rule, 'Sorry. Sorry again.')).toEqual([]);
    expect(lint(rule, 'Sorry, so sorry.').map((x) => x.text)).toEqual(['sorry']);
  });

  it('min points at the last sentence of the body when the wording is missing', () => {
    const rule = compile({ id: 'say-thanks', kind: 'occurrence', phrases: ['thank you', 'thanks'], min: 1 });
    expect(lint(rule, 'Hi Jo,\n\nThanks for the photos. The part ships today.\n\nBest,\nAna')).toEqual([]);
    const [f] = lint(rule, 'Hi Jo,\n\nThe part ships today. It arrives Friday.\n\nBest,\nAna');
    expect(f!.text).toBe('It arrives Friday.');
    expect(f!.message).toBe('Expected at least 1 of "thank you" or "thanks" in the reply, found 0.');
  });
});

describe('require', () => {
  const rule = compile({ id: 'refund-timeline', kind: 'require', if: { phrases: ['refund'] }, then: { patterns: ['\\d+\\s*(?:business\\s+)?days?'] } });

  it('flags the first trigger when the required wording is absent anywhere', () => {
    const f = lint(rule, 'Your refund is approved. The refund goes to your card.');
    expect(f.map((x) => x.text)).toEqual(['refund']);
    expect(f[0]!.range).toEqual([5, 11]);
    expect(f[0]!.message).toBe('"refund" should come with the wording it requires.');
  });

  it('passes when the required wording appears, or the trigger does not', () => {
    expect(lint(rule, 'Your refund is approved. Expect it in 5 business days.')).toEqual([]);
    expect(lint(rule, 'Your parcel ships today.')).toEqual([]);
  });

  it('per sentence: each sentence with the trigger needs the wording itself', () => {
    const perSentence = compile({ id: 'refund-timeline-s', kind: 'require', scope: 'sentence', if: { phrases: ['refund'] }, then: { phrases: ['days'] } });
    const f = lint(perSentence, 'The refund takes 5 days. A second refund was also sent.');
    expect(f.map((x) => x.range[0])).toEqual([34]);
    expect(f[0]!.message).toBe('"refund" should come with "days" in the same sentence.');
  });
});

describe('examples and attune test-rules', () => {
  it("the team's rule file: every example passes, through the config that references it", async () => {
    const { rules } = await new ConfigLoader({ cwd: TEAM }).forFile(join(TEAM, 'drafts/reply.txt'));
    const custom = rules.filter((r) => ['refund-timeline', 'one-unfortunately', 'no-guarantees', 'plain-words', 'no-ticket-jargon'].includes(r.meta.id)) as RuleWithExamples[];
    expect(custom).toHaveLength(5);
    for (const rule of custom) {
      const results = runExamples(rule);
      expect(results.length, rule.meta.id).toBeGreaterThanOrEqual(2);
      for (const r of results) expect(r.ok, `${rule.meta.id} ${r.expect}: ${r.text}`).toBe(true);
    }
  });

  it('runExamples reports an example that does not behave as claimed', () => {
    const rule = { ...compile({ id: 'x', kind: 'phrase', phrases: ['sorry'] }), examples: { flag: ['No apology here.'], pass: ['So sorry.'] } };
    expect(runExamples(rule).map((r) => [r.expect, r.ok])).toEqual([
      ['flag', false],
      ['pass', false],
    ]);
  });

  it('attune test-rules passes on the team fixture and lists every example', async () => {
    const r = await cli(['test-rules'], TEAM);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('refund-timeline  team-rules.yaml');
    expect(r.out).toContain('✓ flag  "We have started your refund and will be in touch."');
    expect(r.out).toMatch(/^22 examples passed \(7 rules\)$/m);
  });

  it('attune test-rules exits 1 and says why when an example fails; --format json for CI', async () => {
    const root = tree({
      '.git/': '',
      '.attunerc.yaml': 'customRules:\n  - id: no-sorry\n    kind: phrase\n    phrases: [sorry]\n    examples:\n      flag: ["We apologise."]\n      pass: ["Sorry about that."]\n',
    });
    const r = await cli(['test-rules'], root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ flag  "We apologise."\n      expected a finding, got none');
    expect(r.out).toContain('✗ pass  "Sorry about that."\n      unexpected finding at 1:1: Avoid "Sorry".');
    expect(r.out).toContain('2 examples of 2 failed (1 rule)');
    const j = await cli(['test-rules', '--format', 'json'], root);
    expect(j.code).toBe(1);
    const report = JSON.parse(j.out) as { failed: number; examples: number; rules: Array<{ rule: string; results: Array<{ ok: boolean }> }> };
    expect([report.examples, report.failed, report.rules[0]!.rule]).toEqual([2, 2, 'no-sorry']);
  });

  it('attune test-rules without a config is a config error (exit 2)', async () => {
    const root = tree({ '.git/': '' });
    const r = await cli(['test-rules'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no config file found');
  });
});

describe('mistakes are config errors naming the file, line and key', () => {
  async function loadError(files: Record<string, string>): Promise<AttuneError> {
    const root = tree({ '.git/': '', ...files, 'a.txt': 'Hi.' });
    try {
      await new ConfigLoader({ cwd: root }).forFile(join(root, 'a.txt'));
    } catch (err) {
      if (err instanceof AttuneError) return err;
      throw err;
    }
    throw new Error('expected an error');
  }
  const ruleFile = (rule: string) => ({ '.attunerc.yaml': 'customRules: [./rules.yaml]\n', 'rules.yaml': `rules:\n  - id: ok-rule\n    kind: phrase\n    phrases: [fine]\n${rule}` });

  it.each([
    ['  - id: slow\n    kind: phrase\n    patterns: ["(a+)+$"]\n', 'rules.yaml:7:16: rules[1].patterns[0]', 'pattern /(a+)+$/ can take exponential time'],
    ['  - id: slow\n    kind: phrase\n    patterns: ["^(\\\\w+\\\\s?)*$"]\n', 'rules.yaml:7:16: rules[1].patterns[0]', 'can take exponential time'],
    ['  - id: broken\n    kind: phrase\n    patterns: ["(unclosed"]\n', 'rules.yaml:7:16: rules[1].patterns[0]', 'invalid pattern /(unclosed/'],
    ['  - id: typo\n    kind: phrase\n    phrase: [x]\n', 'rules.yaml:7:13: rules[1].phrase', 'unknown key (did you mean "phrases"?)'],
    ['  - id: wrong-kind\n    kind: phrase\n    phrases: [x]\n    max: 1\n', 'rules.yaml:8:10: rules[1].max', '"max" does not apply to a phrase rule (it belongs to occurrence rules)'],
    ['  - id: over-apology\n    kind: phrase\n    phrases: [x]\n', 'rules.yaml:5:9: rules[1].id', 'rule id "over-apology" is already used by a built-in rule'],
    ['  - id: ok-rule\n    kind: phrase\n    phrases: [x]\n', 'rules.yaml:5:9: rules[1].id', 'already used by the custom rule defined at rules.yaml:2:5: rules[0]'],
    ['  - id: holes\n    kind: phrase\n    phrases: [x]\n    message: "{{count}} times"\n', 'rules.yaml:8:14: rules[1].message', 'unknown placeholder {{count}}; this rule can fill {{match}}'],
    ['  - id: nothing\n    kind: occurrence\n    phrases: [x]\n', 'rules.yaml:5:5: rules[1]', 'an occurrence rule needs "max" and/or "min"'],
    ['  - id: half\n    kind: require\n    if: {phrases: [refund]}\n', 'rules.yaml:5:5: rules[1].then', 'a require rule needs then.phrases or then.patterns'],
  ])('%j', async (rule, location, message) => {
    const err = await loadError(ruleFile(rule));
    expect(err.code).toBe('config');
    expect(err.location).toBe(location);
    expect(err.message).toContain(message);
    expect(err.message.split('\n')).toHaveLength(1);
  });

  it('a rule file that does not parse names line and column', async () => {
    const err = await loadError({ '.attunerc.yaml': 'customRules: [./rules.yaml]\n', 'rules.yaml': 'rules:\n  - id: x\n    kind: [phrase\n' });
    expect(err.location).toMatch(/^rules\.yaml:\d+:\d+$/);
  });

  it('a missing rule file names the file', async () => {
    const err = await loadError({ '.attunerc.yaml': 'customRules: [./nope.yaml]\n' });
    expect(err.message).toBe('nope.yaml: custom rule file not found');
  });

  it('inline rules name the config file and the key path', async () => {
    const err = await loadError({ '.attunerc.yaml': 'customRules:\n  - id: slow\n    kind: occurrence\n    max: 1\n    patterns: ["(a|aa)+"]\n' });
    expect(err.location).toBe('.attunerc.yaml: customRules[0].patterns[0]');
    expect(err.message).toContain('branches that can match the same text');
  });

  it('the CLI exits 2 with that one line', async () => {
    const root = tree({ '.git/': '', ...ruleFile('  - id: slow\n    kind: phrase\n    patterns: ["(.*a){12}"]\n'), 'a.txt': 'Hi.' });
    const r = await cli(['a.txt'], root);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^attune: rules\.yaml:7:16: rules\[1\]\.patterns\[0\]: pattern \/\(\.\*a\)\{12\}\/ can take exponential time: .*\n$/);
  });

  it('custom rules are configured like built-ins: severity, --rule, and they count in the score', async () => {
    const root = tree({
      '.git/': '',
      '.attunerc.yaml': 'customRules:\n  - id: no-sorry\n    kind: phrase\n    category: empathy\n    phrases: [sorry]\nrules:\n  no-sorry: error\n',
      'a.txt': 'Hi Jo,\n\nSorry for the wait. I have sent the part today.\n\nBest,\nAna\n',
    });
    const r = await cli(['a.txt', '--format', 'json'], root);
    expect(r.code).toBe(1);
    const [result] = (JSON.parse(r.out) as { results: Array<{ score: number; findings: Array<{ rule: string; severity: string; category: string }> }> }).results;
    expect(result!.findings.find((f) => f.rule === 'no-sorry')).toMatchObject({ severity: 'error', category: 'empathy' });
    expect(result!.score).toBeLessThan(100);
    const off = await cli(['a.txt', '--rule', 'no-sorry:off', '--format', 'json'], root);
    expect((JSON.parse(off.out) as { results: Array<{ findings: Array<{ rule: string }> }> }).results[0]!.findings.map((f) => f.rule)).not.toContain('no-sorry');
  });
});

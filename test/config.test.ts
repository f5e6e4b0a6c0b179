// Config discovery, layering and validation. Runs ConfigLoader against temporary project trees with
// a small rule set of our own, so the tests do not depend on the built-in rules' options.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ConfigLoader, SEARCH_PLACES, didYouMean, findProjectRoot, parseRuleFlag, validateConfig } from '../src/core/config.js';
import { presets } from '../src/core/presets.js';
import { builtinRules } from '../src/rules/index.js';
import { AttuneError } from '../src/core/errors.js';
import type { Rule } from '../src/core/types.js';
import { tree, cleanup } from './helpers/project.js';

const rule = (id: string, options?: Rule['meta']['options']): Rule => ({
  meta: { id, category: 'tone', defaultSeverity: 'warn', description: id, docs: `rules/${id}.md`, messages: {}, fixable: false, hasSuggestions: false, ...(options ? { options } : {}) },
  check() {},
});
const RULES: Rule[] = [
  rule('over-apology', { maxApologies: { type: 'number', default: 1, min: 1, max: 5, description: 'apologies allowed' }, strict: { type: 'boolean', default: false, description: 'x' } }),
  rule('missing-action', { allow: { type: 'string[]', default: [], description: 'x' }, team: { type: 'string', default: 'care', description: 'x' } }),
  rule('empathy-phrasing'),
];
const ruleMap = new Map(RULES.map((r) => [r.meta.id, r]));

afterAll(cleanup);

const load = (root: string, file: string, opts: Partial<ConstructorParameters<typeof ConfigLoader>[0]> = {}) =>
  new ConfigLoader({ cwd: root, rules: RULES, ...opts }).forFile(join(root, file));

async function configError(root: string, file: string, opts: Partial<ConstructorParameters<typeof ConfigLoader>[0]> = {}): Promise<AttuneError> {
  try {
    await load(root, file, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(AttuneError);
    return err as AttuneError;
  }
  throw new Error('expected a config error');
}

describe('defaults', () => {
  it('enables every rule at its default severity with default options, plus default settings', async () => {
    const root = tree({ '.git/': '', 'a.txt': 'x' });
    const { config, files } = await load(root, 'a.txt');
    expect(files).toEqual([]);
    expect(config.rules['over-apology']).toEqual({ severity: 'warn', options: { maxApologies: 1, strict: false } });
    expect(config.settings.escalation.team).toBe('a member of our care team');
    expect(config.settings.crisis.resources.length).toBeGreaterThan(0);
  });
});

describe('discovery', () => {
  const contents: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'p', attune: { rules: { 'over-apology': 'off' } } }),
    '.attunerc': 'rules:\n  over-apology: off\n',
    '.attunerc.json': '{"rules": {"over-apology": "off"}}',
    '.attunerc.yaml': 'rules:\n  over-apology: off\n',
    '.attunerc.yml': 'rules:\n  over-apology: off\n',
    '.attunerc.js': 'module.exports = { rules: { "over-apology": "off" } };',
    '.attunerc.cjs': 'module.exports = { rules: { "over-apology": "off" } };',
    '.attunerc.mjs': 'export default { rules: { "over-apology": "off" } };',
    'attune.config.js': 'module.exports = { rules: { "over-apology": "off" } };',
    'attune.config.mjs': 'export default { rules: { "over-apology": "off" } };',
    'attune.config.cjs': 'module.exports = { rules: { "over-apology": "off" } };',
  };

  it('searches exactly the places of issue 2', () => {
    expect([...SEARCH_PLACES].sort()).toEqual(Object.keys(contents).sort());
  });

  it.each(Object.keys(contents))('finds %s', async (place) => {
    const root = tree({ '.git/': '', [place]: contents[place]!, 'drafts/a.txt': 'x' });
    const { config, files } = await load(root, 'drafts/a.txt');
    expect(config.rules['over-apology']!.severity).toBe('off');
    expect(files).toEqual([place]);
  });

  it('reads .attunerc written as JSON', async () => {
    const root = tree({ '.git/': '', '.attunerc': '{"rules": {"empathy-phrasing": "error"}}', 'a.txt': '' });
    expect((await load(root, 'a.txt')).config.rules['empathy-phrasing']!.severity).toBe('error');
  });

  it('uses the nearest config from the linted file up, and never looks above the project root', async () => {
    const root = tree({
      '.attunerc.yaml': 'rules: [broken', // above the project root: must not be read
      'proj/package.json': '{"name":"proj"}',
      'proj/.attunerc.json': '{"rules": {"empathy-phrasing": "error"}}',
      'proj/team/.attunerc.yml': 'rules:\n  over-apology: error\n',
      'proj/team/deep/er/a.txt': 'x',
      'proj/other/b.txt': 'x',
    });
    const a = await load(root, 'proj/team/deep/er/a.txt');
    expect(a.files).toEqual(['proj/team/.attunerc.yml']);
    expect(a.config.rules['over-apology']!.severity).toBe('error');
    expect(a.config.rules['empathy-phrasing']!.severity).toBe('warn'); // nearest config wins, no merging up the tree
    const b = await load(root, 'proj/other/b.txt');
    expect(b.config.rules['empathy-phrasing']!.severity).toBe('error');
  });

  it('skips a package.json without an attune key and an empty config file', async () => {
    const root = tree({ '.git/': '', '.attunerc.json': '{"rules": {"over-apology": "error"}}', 'sub/package.json': '{"name":"x"}', 'sub/.attunerc.yml': '  \n', 'sub/a.txt': '' });
    // sub/package.json makes sub the project root, so the root config above is out of reach.
    expect((await load(root, 'sub/a.txt')).files).toEqual([]);
    const root2 = tree({ '.git/': '', '.attunerc.json': '{"rules": {"over-apology": "error"}}', 'sub/.attunerc.yml': '', 'sub/a.txt': '' });
    expect((await load(root2, 'sub/a.txt')).files).toEqual(['.attunerc.json']);
  });

  it('finds the project root by .git or package.json, else the working directory', () => {
    const root = tree({ 'w/.git/': '', 'w/x/y/': '', 'n/m/': '' });
    expect(findProjectRoot(join(root, 'w/x/y'), root)).toBe(join(root, 'w'));
    expect(findProjectRoot(join(root, 'n/m'), join(root, 'n'))).toBe(join(root, 'n'));
  });

  it('--config replaces the search; --no-config-lookup uses defaults', async () => {
    const root = tree({ '.git/': '', '.attunerc.json': '{"rules": {"over-apology": "error"}}', 'cfg/team.yaml': 'rules:\n  over-apology: off\n', 'a.txt': '' });
    expect((await load(root, 'a.txt', { configFile: 'cfg/team.yaml' })).config.rules['over-apology']!.severity).toBe('off');
    expect((await load(root, 'a.txt', { lookup: false })).config.rules['over-apology']!.severity).toBe('warn');
  });

  it('applies --rule flags last', async () => {
    const root = tree({ '.git/': '', '.attunerc.json': '{"rules": {"over-apology": ["error", {"maxApologies": 2}]}}', 'a.txt': '' });
    const { config } = await load(root, 'a.txt', { cliRules: ['over-apology:warn', 'empathy-phrasing:off'] });
    expect(config.rules['over-apology']).toEqual({ severity: 'warn', options: { maxApologies: 2, strict: false } });
    expect(config.rules['empathy-phrasing']!.severity).toBe('off');
  });
});

describe('layering', () => {
  it('merges [severity, options] over the defaults and keeps options when only the severity changes', async () => {
    const root = tree({
      '.git/': '',
      'base.yaml': 'rules:\n  over-apology: [error, {maxApologies: 3}]\n',
      '.attunerc.yaml': 'extends: ./base.yaml\nrules:\n  over-apology: warn\n',
      'a.txt': '',
    });
    const { config, files } = await load(root, 'a.txt');
    expect(config.rules['over-apology']).toEqual({ severity: 'warn', options: { maxApologies: 3, strict: false } });
    expect(files).toEqual(['base.yaml', '.attunerc.yaml']);
  });

  it('extends presets by name', async () => {
    expect(Object.keys(presets)).toContain('attune:recommended');
    const root = tree({ '.git/': '', '.attunerc.yaml': 'extends: [attune:recommended]\nrules:\n  empathy-phrasing: off\n', 'a.txt': '' });
    const { config } = await load(root, 'a.txt');
    expect(config.rules['over-apology']!.severity).toBe('warn');
    expect(config.rules['empathy-phrasing']!.severity).toBe('off');
  });

  it('the recommended preset sets every built-in rule to its default severity', () => {
    for (const r of builtinRules) expect(presets['attune:recommended']!.rules![r.meta.id]).toBe(r.meta.defaultSeverity);
  });

  it('merges crisis and escalation settings', async () => {
    const root = tree({
      '.git/': '',
      '.attunerc.yaml': 'crisis:\n  available24x7: true\n  resources:\n    - {name: Lifeline NZ, contact: "0800 543 354", region: NZ}\nescalation:\n  team: our clinical safety team\n',
      'a.txt': '',
    });
    const { settings } = (await load(root, 'a.txt')).config;
    expect(settings).toEqual({ crisis: { available24x7: true, resources: [{ name: 'Lifeline NZ', contact: '0800 543 354', region: 'NZ' }] }, escalation: { team: 'our clinical safety team' } });
  });

  it('caches per directory and keeps configs of different directories apart', async () => {
    const root = tree({ '.git/': '', 'a/.attunerc.json': '{"rules": {"over-apology": "off"}}', 'a/x.txt': '', 'b/y.txt': '' });
    const loader = new ConfigLoader({ cwd: root, rules: RULES });
    const [a, b, a2] = await Promise.all([loader.forFile(join(root, 'a/x.txt')), loader.forFile(join(root, 'b/y.txt')), loader.forFile(join(root, 'a/z.txt'))]);
    expect(a.config.rules['over-apology']!.severity).toBe('off');
    expect(b.config.rules['over-apology']!.severity).toBe('warn');
    expect(a2).toBe(a);
  });
});

describe('errors name the file and the key', () => {
  const cases: Array<[string, string, string]> = [
    ['rules:\n  over-apolgy: off\n', 'rules.over-apolgy', 'unknown rule "over-apolgy" (did you mean "over-apology"?)'],
    ['rules:\n  over-apology: loud\n', 'rules.over-apology', 'expected "off", "warn" or "error"'],
    ['rules:\n  over-apology: 2\n', 'rules.over-apology', 'expected "off", "warn" or "error"'],
    ['rules:\n  over-apology: [warn, {maxApology: 2}]\n', 'rules.over-apology.maxApology', 'unknown option (did you mean "maxApologies"?)'],
    ['rules:\n  over-apology: [warn, {maxApologies: many}]\n', 'rules.over-apology.maxApologies', 'expected a number, got string'],
    ['rules:\n  over-apology: [warn, {maxApologies: 9}]\n', 'rules.over-apology.maxApologies', 'expected a number <= 5, got 9'],
    ['rules:\n  over-apology: [warn, {strict: "yes"}]\n', 'rules.over-apology.strict', 'expected a boolean'],
    ['rules:\n  missing-action: [warn, {allow: [1]}]\n', 'rules.missing-action.allow', 'expected a list of strings'],
    ['rules:\n  missing-action: [warn, {team: 3}]\n', 'rules.missing-action.team', 'expected a string'],
    ['rules:\n  empathy-phrasing: [warn, {x: 1}]\n', 'rules.empathy-phrasing.x', 'empathy-phrasing takes no options'],
    ['rules:\n  over-apology: [warn, 3]\n', 'rules.over-apology', 'expected options object'],
    ['rules:\n  over-apology: [warn, {}, 1]\n', 'rules.over-apology', 'expected [severity, options]'],
    ['rules: [over-apology]\n', 'rules', 'expected an object of rule settings'],
    ['rule:\n  over-apology: off\n', 'rule', 'unknown key (did you mean "rules"?)'],
    ['extends: attune:recomended\n', 'extends', 'unknown preset "attune:recomended" (did you mean "attune:recommended"?)'],
    ['extends: [./nope.yaml]\n', 'extends[0]', 'extended config "./nope.yaml" not found'],
    ['extends: 3\n', 'extends', 'expected a preset name or a file path'],
    ['crisis:\n  resources:\n    - {name: X}\n', 'crisis.resources[0].contact', 'expected a non-empty string'],
    ['crisis:\n  resources:\n    - {name: X, contact: Y, phone: Z}\n', 'crisis.resources[0].phone', 'unknown key'],
    ['crisis:\n  available24x7: yes please\n', 'crisis.available24x7', 'expected a boolean'],
    ['crisis: []\n', 'crisis', 'expected an object'],
    ['escalation:\n  team: 4\n', 'escalation.team', 'expected a non-empty string'],
    ['escalation:\n  tem: x\n', 'escalation.tem', 'unknown key (did you mean "team"?)'],
    ['- just a list\n', '', 'expected an object at the top level'],
  ];
  it.each(cases)('%j → %s', async (yaml, key, message) => {
    const root = tree({ '.git/': '', 'cfg/.attunerc.yaml': yaml, 'cfg/a.txt': '' });
    const err = await configError(root, 'cfg/a.txt');
    expect(err.code).toBe('config');
    expect(err.location).toBe(key ? `cfg/.attunerc.yaml: ${key}` : 'cfg/.attunerc.yaml');
    expect(err.message).toContain(message);
    expect(err.message.split('\n')).toHaveLength(1);
  });

  it('reports a parse error on one line with the file', async () => {
    const root = tree({ '.git/': '', '.attunerc.json': '{"rules": ', 'a.txt': '' });
    const err = await configError(root, 'a.txt');
    expect(err.message).toMatch(/^\.attunerc\.json:1:11: cannot load config: invalid JSON: /);
    expect(err.message.split('\n')).toHaveLength(1);
  });

  it('reports the real error of a broken ES module config, not the require() fallback', async () => {
    const root = tree({ 'package.json': '{"name":"e","type":"module"}', '.attunerc.js': 'export default { rules: {', 'a.txt': '' });
    const err = await configError(root, 'a.txt');
    expect(err.message).toMatch(/^\.attunerc\.js: cannot load config: \S/);
    expect(err.message).not.toMatch(/require\(\)/);
    const root2 = tree({ '.git/': '', 'attune.config.mjs': 'throw new Error("no config for you")', 'a.txt': '' });
    expect((await configError(root2, 'a.txt')).message).toBe('attune.config.mjs: cannot load config: no config for you');
  });

  it('names the extended file when the error is in it', async () => {
    const root = tree({ '.git/': '', 'shared/base.yml': 'rules:\n  nope: off\n', '.attunerc.yml': 'extends: ./shared/base.yml\n', 'a.txt': '' });
    expect((await configError(root, 'a.txt')).message).toBe('shared/base.yml: rules.nope: unknown rule "nope"');
  });

  it('detects circular extends', async () => {
    const root = tree({ '.git/': '', 'a.yml': 'extends: ./b.yml\n', 'b.yml': 'extends: ./a.yml\n', 'x.txt': '' });
    expect((await configError(root, 'x.txt', { configFile: 'a.yml' })).message).toMatch(/circular extends/);
  });

  it('reports a missing --config file', async () => {
    const root = tree({ '.git/': '', 'a.txt': '' });
    expect((await configError(root, 'a.txt', { configFile: 'nope.json' })).message).toBe('nope.json: config file not found');
  });

  it('validates --rule flags', () => {
    expect(parseRuleFlag('over-apology:off', ruleMap)).toEqual(['over-apology', 'off']);
    expect(() => parseRuleFlag('over-apology', ruleMap)).toThrow('--rule: expected id:severity');
    expect(() => parseRuleFlag('over-apolgy:off', ruleMap)).toThrow('did you mean "over-apology"');
    expect(() => parseRuleFlag('over-apology:warning', ruleMap)).toThrow('bad severity "warning"');
  });

  it('validateConfig accepts a full valid config unchanged', () => {
    const cfg = { extends: ['attune:recommended'], rules: { 'over-apology': ['error', { maxApologies: 2 }] }, crisis: { available24x7: false, resources: [] }, escalation: { team: 't' } };
    expect(validateConfig(cfg, 'x', ruleMap)).toBe(cfg);
  });

  it('suggests only close names', () => {
    expect(didYouMean('tone-mismach', ['tone-mismatch', 'over-apology'])).toBe(' (did you mean "tone-mismatch"?)');
    expect(didYouMean('banana', ['tone-mismatch', 'over-apology'])).toBe('');
  });
});

// Plugins: the example plugin in fixtures/ loads from a path and from node_modules, its rules run
// under namespaced ids with options and examples, and a plugin with the wrong shape stops the run
// with exit 2 and a message naming the plugin and the broken key.

import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigLoader } from '../src/core/config.js';
import { pluginNamespace, ruleShapeProblem } from '../src/core/plugins.js';
import { runExamples, type RuleWithExamples } from '../src/core/custom-rules.js';
import { cleanup, cli, tree } from './helpers/project.js';

afterAll(cleanup);

const ROOT = join(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'fixtures/plugins/attune-plugin-example');
const DRAFT = 'Hi Jo,\n\nPlease do NOT ship the frame back! We will sort it out! I have booked a courier for Friday.\n\nBest,\nAna\n';

const results = (out: string) => (JSON.parse(out) as { results: Array<{ findings: Array<{ rule: string; text: string; message: string; severity: string; suggestions: Array<{ text: string }> }> }> }).results;

describe('the example plugin', () => {
  it('loads from a path relative to the config file; its rules run as example/<rule>', async () => {
    const root = tree({ '.git/': '', 'team/.attunerc.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\n`, 'team/a.txt': DRAFT });
    const r = await cli(['team/a.txt', '--format', 'json'], root);
    expect(r.err).toBe('');
    const findings = results(r.out)[0]!.findings.filter((f) => f.rule.startsWith('example/'));
    expect(findings.map((f) => [f.rule, f.text])).toEqual([
      ['example/no-shouting', 'NOT'],
      ['example/max-exclamations', '!'],
    ]);
    expect(findings[0]!.message).toBe('"NOT" in capitals reads as shouting; write it in lower case.');
    expect(findings[0]!.suggestions[0]!.text).toBe('not');
  });

  it('loads by package name from node_modules next to (or above) the config', async () => {
    const root = tree({ '.git/': '', '.attunerc.json': '{"plugins": ["attune-plugin-example"], "rules": {"example/max-exclamations": "error"}}', 'drafts/a.txt': DRAFT });
    cpSync(EXAMPLE, join(root, 'node_modules/attune-plugin-example'), { recursive: true });
    const r = await cli(['drafts/a.txt', '--format', 'json'], root);
    expect(r.code).toBe(1);
    expect(results(r.out)[0]!.findings.find((f) => f.rule === 'example/max-exclamations')!.severity).toBe('error');
  });

  it('takes options and severities like a built-in rule, and --rule can name its rules', async () => {
    const root = tree({
      '.git/': '',
      '.attunerc.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\nrules:\n  example/no-shouting: [warn, {allow: [NOT]}]\n  example/max-exclamations: [warn, {max: 2}]\n`,
      'a.txt': DRAFT,
    });
    const r = await cli(['a.txt', '--format', 'json'], root);
    expect(results(r.out)[0]!.findings.filter((f) => f.rule.startsWith('example/'))).toEqual([]);
    const plain = tree({ '.git/': '', '.attunerc.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\n`, 'a.txt': DRAFT });
    const flagged = await cli(['a.txt', '--format', 'json', '--rule', 'example/no-shouting:error', '--rule', 'example/max-exclamations:off'], plain);
    expect(flagged.code).toBe(1);
    expect(results(flagged.out)[0]!.findings.filter((f) => f.rule.startsWith('example/')).map((f) => [f.rule, f.severity])).toEqual([['example/no-shouting', 'error']]);
  });

  it("option values are checked against the plugin rule's option specs", async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\nrules:\n  example/max-exclamations: [warn, {max: many}]\n  example/no-shoutng: warn\n`, 'a.txt': DRAFT });
    const r = await cli(['a.txt'], root);
    expect(r.code).toBe(2);
    expect(r.err).toBe('attune: .attunerc.yaml: rules.example/max-exclamations.max: expected a number, got string\n');
  });

  it('inline directives name plugin rules by their namespaced id', async () => {
    const text = 'Hi Jo,\n\n<!-- attune-disable-next-line example/no-shouting -- a product name -->\nPlease do NOT ship it. I booked a courier for Friday.\n\nBest,\nAna\n';
    const root = tree({ '.git/': '', '.attunerc.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\n`, 'a.md': text, 'b.md': text.replace(/<!--.*-->\n/, '') });
    const r = await cli(['a.md', 'b.md', '--format', 'json', '--report-unused-disable-directives'], root);
    const [a, b] = results(r.out);
    expect(a!.findings.map((f) => f.rule)).toEqual([]);
    expect(b!.findings.map((f) => f.rule)).toEqual(['example/no-shouting']);
  });

  it('its examples pass (attune test-rules runs them)', async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': `plugins: [${JSON.stringify(EXAMPLE)}]\n` });
    const { rules } = await new ConfigLoader({ cwd: root }).forFile(join(root, 'a.txt'));
    const plugin = rules.filter((r) => r.meta.id.startsWith('example/')) as RuleWithExamples[];
    expect(plugin.map((r) => r.meta.id)).toEqual(['example/no-shouting', 'example/max-exclamations']);
    for (const rule of plugin) for (const x of runExamples(rule)) expect(x.ok, `${rule.meta.id} ${x.expect}: ${x.text}`).toBe(true);
    const r = await cli(['test-rules'], root);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^6 examples passed \(2 rules\)$/m);
  });

  it('docs/plugins.md shows the complete example plugin, verbatim', () => {
    const docs = readFileSync(join(ROOT, 'docs/plugins.md'), 'utf8');
    expect(docs).toContain(readFileSync(join(EXAMPLE, 'index.js'), 'utf8').trim());
    expect(docs).toContain(readFileSync(join(EXAMPLE, 'package.json'), 'utf8').trim());
  });
});

describe('namespaces', () => {
  it.each([
    ['attune-plugin-tone', 'tone'],
    ['@acme/attune-plugin-tone', '@acme/tone'],
    ['@acme/attune-plugin', '@acme'],
    ['house-style', 'house-style'],
    ['./rules/team-rules.mjs', 'team-rules'],
    ['./attune-plugin-billing.js', 'billing'],
  ])('%s → %s', (name, ns) => {
    expect(pluginNamespace(name)).toBe(ns);
  });

  it('two plugins may not define the same rule id', async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': `plugins: [${JSON.stringify(EXAMPLE)}, ./copy/attune-plugin-example]\n`, 'a.txt': 'Hi.' });
    cpSync(EXAMPLE, join(root, 'copy/attune-plugin-example'), { recursive: true });
    const r = await cli(['a.txt'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('rules.no-shouting: rule id "example/no-shouting" is already used by plugin');
  });
});

describe('extends', () => {
  it('a plugin and a rule file listed by two extended configs load once; a child configures what its bases define', async () => {
    const team = JSON.stringify(join(ROOT, 'fixtures/config/team/team-rules.yaml'));
    const base = `plugins: [${JSON.stringify(EXAMPLE)}]\ncustomRules: [${team}]\n`;
    const root = tree({ '.git/': '', 'a.yaml': base, 'b.yaml': base, '.attunerc.yaml': 'extends: [./a.yaml, ./b.yaml]\nrules:\n  refund-timeline: error\n  example/no-shouting: "off"\n', 'a.txt': DRAFT });
    const loaded = await new ConfigLoader({ cwd: root }).forFile(join(root, 'a.txt'));
    expect(loaded.rules.filter((r) => r.meta.id === 'refund-timeline' || r.meta.id === 'example/no-shouting')).toHaveLength(2);
    expect(loaded.config.rules['refund-timeline']!.severity).toBe('error');
    expect(loaded.config.rules['example/no-shouting']!.severity).toBe('off');
  });
});

describe('a broken plugin stops the run (exit 2) naming the plugin and the key', () => {
  const plugin = (code: string) => tree({ '.git/': '', '.attunerc.yaml': 'plugins: ["./my-rules.mjs"]\n', 'my-rules.mjs': code, 'a.txt': 'Hi.' });
  const goodMeta = "{ id: 'r', category: 'tone', defaultSeverity: 'warn', description: 'd', messages: { m: 'x' } }";

  it.each([
    ['export const nothing = 1;', 'expected the module to export `rules`'],
    ['export const rules = 5;', 'rules: expected an array or an object, got number'],
    [`export const rules = [{ meta: ${goodMeta} }];`, 'rules[0]: check: expected a function, got undefined'],
    [`export const rules = { r: { meta: { ...${goodMeta}, category: 'vibes' }, check() {} } };`, 'rules.r: meta.category: expected "empathy", "action", "boundaries", "tone", "safety", got "vibes"'],
    [`export const rules = { r: { meta: { ...${goodMeta}, defaultSeverity: 'warning' }, check() {} } };`, 'meta.defaultSeverity: expected "off", "warn" or "error"'],
    [`export const rules = { r: { meta: { ...${goodMeta}, messages: { m: 3 } }, check() {} } };`, 'meta.messages.m: expected a string'],
    [`export const rules = { r: { meta: { ...${goodMeta}, options: { n: { type: 'int', default: 1 } } }, check() {} } };`, 'meta.options.n.type'],
    [`export const rules = { 'Bad Name': { meta: ${goodMeta}, check() {} } };`, 'rule name "Bad Name" must be lowercase'],
    ['throw new Error("boom at load");', 'cannot load'],
    ['export const rules = {', 'cannot load'],
  ])('%s', async (code, message) => {
    const r = await cli(['a.txt'], plugin(code));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^attune: \.attunerc\.yaml: plugins\[0\]: plugin "\.\/my-rules\.mjs": /);
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a plugin that cannot be found', async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': 'plugins: [attune-plugin-missing, ./gone.js]\n', 'a.txt': 'Hi.' });
    const r = await cli(['a.txt'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('plugin "attune-plugin-missing": not found in node_modules');
  });

  it('a plugin rule that crashes is reported as a crash of that rule (exit 2), like a built-in', async () => {
    const root = plugin(`export const rules = { r: { meta: ${"{ id: 'r', category: 'tone', defaultSeverity: 'warn', description: 'd', messages: { m: 'x' } }"}, check() { throw new Error('kaput'); } } };`);
    const r = await cli(['a.txt'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('rule "my-rules/r" crashed: kaput');
  });

  it('ruleShapeProblem accepts the built-in rules themselves', async () => {
    const { builtinRules } = await import('../src/rules/index.js');
    for (const r of builtinRules) expect(ruleShapeProblem(r), r.meta.id).toBeNull();
  });
});

describe('rules rebuilt from a config sent as plain data (worker threads)', () => {
  it('rulesFromConfig gives the same rules and the same findings as the loader', async () => {
    const { rulesFromConfig } = await import('../src/core/config-layers.js');
    const { builtinRules } = await import('../src/rules/index.js');
    const { lintUnit } = await import('../src/core/linter.js');
    const team = join(ROOT, 'fixtures/config/team');
    const file = join(team, 'drafts/reply.txt');
    const loaded = await new ConfigLoader({ cwd: team }).forFile(file);
    const wire = JSON.parse(JSON.stringify(loaded.config)) as typeof loaded.config;
    const rebuilt = await rulesFromConfig(wire, builtinRules);
    expect(rebuilt.map((r) => r.meta.id).sort()).toEqual(loaded.rules.map((r) => r.meta.id).sort());
    const text = readFileSync(file, 'utf8');
    const a = lintUnit({ text, file: 'reply.txt' }, { config: loaded.config, rules: loaded.rules }).findings;
    const b = lintUnit({ text, file: 'reply.txt' }, { config: wire, rules: rebuilt }).findings;
    expect(b).toEqual(a);
    expect(a.map((f) => f.rule)).toEqual(expect.arrayContaining(['refund-timeline', 'vocabulary', 'no-ticket-jargon']));
  });
});

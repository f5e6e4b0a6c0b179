// The explaining commands: `attune rules` (every rule, category, default severity, fixable and
// what the config in effect does; stylish and JSON), `attune explain RULE` (the rule's docs
// rendered, options from metadata, unknown names exit 2 with a hint, `signals`), and `attune
// init` (questions answered by flags or piped answers, the presets it writes actually load,
// refusing to overwrite without --force).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { runCli } from './helpers/run-cli.js';
import type { Rule } from '../src/core/types.js';
import { builtinRules } from '../src/rules/index.js';
import { ConfigLoader } from '../src/core/config.js';
import { optionsTable, renderMarkdown, withOptions } from '../src/cli/commands/explain.js';
import { Chalk } from 'chalk';

/** In-process, in a fresh folder unless `cwd` is given; the result says which folder. */
async function cli(args: string[], opts: { cwd?: string; stdin?: string; rules?: Rule[]; env?: Record<string, string> } = {}) {
  const cwd = opts.cwd ?? mkdtempSync(join(tmpdir(), 'attune-explain-'));
  return { ...(await runCli(args, { ...opts, cwd })), cwd };
}

interface Row {
  id: string;
  category: string;
  defaultSeverity: string;
  fixable: boolean;
  severity: string;
  enabled: boolean;
  options: Record<string, unknown>;
}

describe('attune rules', () => {
  it('lists every built-in rule with category, default severity, fixable and the configured severity', async () => {
    const r = await cli(['rules', '--no-config-lookup']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^rule\s+category\s+default\s+fixable\s+config\s+description$/);
    for (const rule of builtinRules) {
      const line = lines.find((l) => l.startsWith(`${rule.meta.id} `));
      expect(line, rule.meta.id).toBeDefined();
      const cells = line!.split(/\s{2,}/);
      expect(cells.slice(0, 4)).toEqual([rule.meta.id, rule.meta.category, rule.meta.defaultSeverity, rule.meta.fixable ? 'yes' : 'no']);
      expect(cells[4]!.replace('*', '')).toBe(rule.meta.defaultSeverity);
    }
    // The config may add rules of its own (vocabulary, custom rules, plugins): counted too.
    const summary = /^(\d+) rules, (\d+) enabled by the built-in defaults/m.exec(r.out);
    expect(summary).not.toBeNull();
    const rows = lines.slice(1, lines.indexOf(''));
    expect(Number(summary![1])).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(builtinRules.length);
  });

  it('shows what the config found here does, in JSON too', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'attune-rules-'));
    writeFileSync(join(cwd, '.attunerc.yaml'), 'extends: attune:strict\nrules:\n  empathy-phrasing: off\n  over-apology: [warn, { max: 2 }]\n');
    const r = await cli(['rules', '--format', 'json'], { cwd });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { config: string[]; rules: Row[] };
    expect(report.config).toEqual(['.attunerc.yaml']);
    const byId = new Map(report.rules.map((x) => [x.id, x]));
    expect(byId.get('empathy-phrasing')).toMatchObject({ severity: 'off', enabled: false, defaultSeverity: 'warn' });
    expect(byId.get('over-apology')).toMatchObject({ severity: 'warn', enabled: true, fixable: true, options: { max: 2 } });
    expect(byId.get('missing-action')).toMatchObject({ severity: 'error', enabled: true });
    expect(report.rules.slice(0, builtinRules.length).map((x) => x.id)).toEqual(builtinRules.map((x) => x.meta.id));
  });

  it('--rule overrides like linting does; a bad config is exit 2', async () => {
    const off = await cli(['rules', '--no-config-lookup', '--rule', 'over-apology:off', '-f', 'json']);
    expect((JSON.parse(off.out) as { rules: Row[] }).rules.find((x) => x.id === 'over-apology')).toMatchObject({ enabled: false });
    const cwd = mkdtempSync(join(tmpdir(), 'attune-rules-'));
    writeFileSync(join(cwd, '.attunerc.yaml'), 'rules:\n  over-apologee: off\n');
    const bad = await cli(['rules'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('did you mean "over-apology"');
  });
});

describe('attune explain', () => {
  it('prints every built-in rule\'s docs: why, flagged and accepted examples, options from metadata', async () => {
    for (const rule of builtinRules) {
      const r = await cli(['explain', rule.meta.id]);
      expect(r.code, rule.meta.id).toBe(0);
      expect(r.out.split('\n')[0]).toBe(rule.meta.id);
      expect(r.out).toMatch(/Flagged/);
      expect(r.out).toMatch(/Accepted|accepted/);
      expect(r.out).toMatch(/\nOptions\n-+\n/);
      for (const [name, spec] of Object.entries(rule.meta.options ?? {})) {
        // A narrow table stays a table; a wide one becomes one block per option.
        const options = r.out.slice(r.out.indexOf('\nOptions\n'));
        expect(options, `${rule.meta.id} option ${name}`).toContain(`\`${name}\``);
        expect(options, `${rule.meta.id} option ${name}`).toContain(spec.description);
      }
      // No raw Markdown left over: fences, table rules and heading marks are rendered.
      expect(r.out).not.toMatch(/^```|^\| ---|^#{1,6} /m);
    }
  });

  it('--markdown prints the source with the options table from metadata', async () => {
    const r = await cli(['explain', 'over-apology', '--markdown']);
    expect(r.out.startsWith('# over-apology\n')).toBe(true);
    expect(r.out).toContain(optionsTable(builtinRules.find((x) => x.meta.id === 'over-apology')!));
  });

  it('an unknown rule exits 2 with a did-you-mean hint', async () => {
    const r = await cli(['explain', 'over-apolgy']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('attune: explain: unknown rule "over-apolgy" (did you mean "over-apology"?); attune rules lists them all\n');
    const far = await cli(['explain', 'zzz']);
    expect(far.err).toBe('attune: explain: unknown rule "zzz"; attune rules lists them all\n');
  });

  it('a rule without a docs page (a custom rule) is explained from its metadata', async () => {
    const team: Rule = {
      meta: { id: 'team-refund-timeline', category: 'action', defaultSeverity: 'warn', description: 'A refund mention needs a timeline.', docs: '.attunerc.yaml', messages: {}, fixable: false, hasSuggestions: false },
      check() {},
    };
    const r = await cli(['explain', 'team-refund-timeline'], { rules: [...builtinRules, team] });
    expect(r.code).toBe(0);
    expect(r.out).toContain('A refund mention needs a timeline.');
    expect(r.out).toContain('Defined in .attunerc.yaml; it has no documentation page of its own.');
    expect(r.out).toContain('team-refund-timeline has no options; only its severity can be set.');
  });

  it('the installed binary (tsc output or the esbuild bundle) finds the docs too', () => {
    const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'attune.js');
    const r = spawnSync(process.execPath, [bin, 'explain', 'over-apology', '--no-color'], { encoding: 'utf8', cwd: tmpdir() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('What is flagged');
    expect(r.stdout).not.toContain('has no documentation page');
  });

  it('explains the findings about directives too', async () => {
    expect((await cli(['explain', 'unused-disable-directive'])).out).toContain('hid no finding');
    expect((await cli(['explain', 'invalid-directive'])).out).toContain('does not have');
  });

  it('explain signals prints the detector docs', async () => {
    const r = await cli(['explain', 'signals']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Signals in the customer\'s message');
    expect(r.out).toMatch(/crisis/);
  });

  it('colors only when asked (FORCE_COLOR), never with NO_COLOR', async () => {
    expect((await cli(['explain', 'over-apology'])).out).not.toMatch(/\u001b\[/);
    expect((await cli(['explain', 'over-apology'], { env: { FORCE_COLOR: '1' } })).out).toMatch(/\u001b\[1m/);
  });

  it('options from metadata replace the doc\'s own table; a doc without the section gets one', () => {
    const rule = { meta: { id: 'x', options: { n: { type: 'number', default: 2, min: 1, max: 5, description: 'How many.' } } } } as unknown as Rule;
    const doc = '# x\n\n## Options\n\n| option | stale |\n| --- | --- |\n| `old` | yes |\n\n```yaml\nrules:\n  x: [warn, { n: 3 }]\n```\n\n## Next\n';
    const out = withOptions(doc, rule);
    expect(out).toContain('| `n` | number (1–5) | `2` | How many. |');
    expect(out).not.toContain('`old`');
    expect(out).toContain('  x: [warn, { n: 3 }]');
    expect(out).toContain('## Next');
    expect(withOptions('# y\n\nText.\n', { meta: { id: 'y' } } as unknown as Rule)).toBe('# y\n\nText.\n\n## Options\n\ny has no options; only its severity can be set.\n');
  });

  it('renders tables aligned, examples indented with carets marked, wrapped list items aligned', () => {
    const md = '# t\n\n| a | bb |\n| --- | --- |\n| `x` | **y** |\n\n```text\nHello there\n^ rule/id\n```\n\n- one\n  two\n';
    const out = renderMarkdown(md, new Chalk({ level: 0 }));
    expect(out).toBe('t\n=\n\n  a    bb\n  `x`  y\n\n    Hello there\n    ^ rule/id\n\n  • one\n    two\n');
  });
});

describe('attune init', () => {
  const load = async (cwd: string) => (await new ConfigLoader({ cwd }).forFile(join(cwd, 'reply.txt'))).config;

  it('non-interactive: --team general --strictness strict writes attune:strict, which loads', async () => {
    const r = await cli(['init', '--team', 'general', '--strictness', 'strict']);
    expect(r.code).toBe(0);
    const text = readFileSync(join(r.cwd, '.attunerc.yaml'), 'utf8');
    expect(text).toMatch(/^extends: attune:strict$/m);
    const config = await load(r.cwd);
    for (const rule of builtinRules) {
      expect(config.rules[rule.meta.id]!.severity, rule.meta.id).toBe(rule.meta.defaultSeverity === 'warn' ? 'error' : rule.meta.defaultSeverity);
    }
  });

  it('--yes takes the defaults: general support, recommended', async () => {
    const r = await cli(['init', '--yes']);
    expect(readFileSync(join(r.cwd, '.attunerc.yaml'), 'utf8')).toMatch(/^extends: attune:recommended$/m);
    const config = await load(r.cwd);
    for (const rule of builtinRules) expect(config.rules[rule.meta.id]!.severity).toBe(rule.meta.defaultSeverity);
  });

  it('mental-health + strict keeps the mental-health errors and makes warnings errors', async () => {
    const r = await cli(['init', '--team', 'mental-health', '--strictness', 'strict', '--no-crisis-lines']);
    const config = await load(r.cwd);
    expect(config.settings.escalation.team).toBe('our clinical team');
    for (const rule of builtinRules) expect(config.rules[rule.meta.id]!.severity, rule.meta.id).toBe(rule.meta.defaultSeverity === 'off' ? 'off' : 'error');
    expect(readFileSync(join(r.cwd, '.attunerc.yaml'), 'utf8')).not.toContain('attune:crisis');
  });

  it('asks the questions when flags are missing; answers can be piped (numbers, names, or empty for the default)', async () => {
    const r = await cli(['init'], { stdin: '2\n\n1\n' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Which team will use attune?');
    expect(r.out).toContain('How strict should it be?');
    expect(r.out).toContain('Offer crisis lines for several regions');
    const config = await load(r.cwd);
    expect(config.rules['surrogate-therapist']!.severity).toBe('error');
    expect(config.settings.crisis.resources.length).toBeGreaterThan(5); // attune:crisis
    const named = await cli(['init', '--strictness', 'recommended'], { stdin: 'nonsense\ngeneral\n' });
    expect(named.out).toContain('please answer with a number from 1 to 2');
    expect(readFileSync(join(named.cwd, '.attunerc.yaml'), 'utf8')).toMatch(/^extends: attune:recommended$/m);
  });

  it('no answer on stdin is a usage error that says how to run unattended', async () => {
    const r = await cli(['init'], { stdin: '' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('give --team and --strictness, or --yes');
  });

  it('refuses to overwrite an existing config without --force, and notes a config that would still win', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'attune-init-'));
    writeFileSync(join(cwd, '.attunerc.yaml'), 'rules: {}\n');
    const refused = await cli(['init', '--yes'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('attune: init: a config already exists here (.attunerc.yaml); use --force to write .attunerc.yaml anyway\n');
    expect(readFileSync(join(cwd, '.attunerc.yaml'), 'utf8')).toBe('rules: {}\n');
    const forced = await cli(['init', '--yes', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, '.attunerc.yaml'), 'utf8')).toMatch(/attune:recommended/);

    const other = mkdtempSync(join(tmpdir(), 'attune-init-'));
    writeFileSync(join(other, '.attunerc.json'), '{}');
    expect((await cli(['init', '--yes'], { cwd: other })).code).toBe(2);
    const shadowed = await cli(['init', '--yes', '--force'], { cwd: other });
    expect(shadowed.err).toContain('.attunerc.json takes precedence over .attunerc.yaml');
    const pkg = mkdtempSync(join(tmpdir(), 'attune-init-'));
    writeFileSync(join(pkg, 'package.json'), '{"name": "x"}');
    expect((await cli(['init', '--yes'], { cwd: pkg })).code).toBe(0); // package.json without "attune" is not a config
  });

  it('rejects unknown flag values', async () => {
    const r = await cli(['init', '--team', 'sales']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Allowed choices are general, mental-health/);
  });
});

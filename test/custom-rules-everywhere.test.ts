// Plugin and custom rules are first-class in every command that lints, not only in `attune FILE`:
// `attune audit` runs them on each macro and lists them in its per-rule table, and SARIF's
// tool.driver.rules describes them with their own metadata (a plugin's docs URL, a custom rule's
// description) instead of a placeholder, without pointing a user's rule at attune's repository.

import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cleanup, cli, tree } from './helpers/project.js';

afterAll(cleanup);

const EXAMPLE = join(import.meta.dirname, '..', 'fixtures/plugins/attune-plugin-example');
const CONFIG = [
  `plugins: [${JSON.stringify(EXAMPLE)}]`,
  'customRules:',
  '  - id: no-ticket-jargon',
  '    kind: phrase',
  '    description: Customers have requests, not tickets.',
  '    category: tone',
  '    phrases: [your ticket]',
  '',
].join('\n');
const LIBRARY = JSON.stringify([
  { id: 'm1', title: 'Courier booked', body: 'Hi Sam,\n\nPlease do NOT post the wheel back. I have updated your ticket and booked a courier for Monday.\n\nBest,\nAna' },
  { id: 'm2', title: 'Plain', body: 'Hi Sam,\n\nThe courier will collect the wheel on Monday between 9 and 12.\n\nBest,\nAna' },
]);

interface AuditJson {
  rules: Array<{ rule: string; category: string; findings: number; macros: number }>;
  lowest: Array<{ topFinding: { rule: string } | null }>;
}

describe('attune audit with plugin and custom rules', () => {
  it('runs them on every macro and counts them per rule', async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': CONFIG, 'macros.json': LIBRARY });
    const r = await cli(['audit', 'macros.json', '--format', 'json'], root);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as AuditJson;
    const byRule = new Map(report.rules.map((x) => [x.rule, x]));
    expect(byRule.get('example/no-shouting')).toMatchObject({ category: 'tone', findings: 1, macros: 1 });
    expect(byRule.get('no-ticket-jargon')).toMatchObject({ category: 'tone', findings: 1, macros: 1 });
    // Rules that found nothing are still listed, as the built-ins are.
    expect(byRule.get('example/max-exclamations')).toMatchObject({ findings: 0 });
  });

  it('--rule can turn a plugin rule off for the audit', async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': CONFIG, 'macros.json': LIBRARY });
    const r = await cli(['audit', 'macros.json', '--format', 'json', '--rule', 'example/no-shouting:off'], root);
    const report = JSON.parse(r.out) as AuditJson;
    expect(report.rules.find((x) => x.rule === 'example/no-shouting')?.findings ?? 0).toBe(0);
    expect(report.rules.find((x) => x.rule === 'no-ticket-jargon')!.findings).toBe(1);
  });
});

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  help: { text: string };
  defaultConfiguration: { level: string };
}
interface SarifLog {
  runs: Array<{ tool: { driver: { rules: SarifRule[] } }; results: Array<{ ruleId: string; ruleIndex: number }> }>;
}

describe('SARIF with plugin and custom rules', () => {
  it('lists every rule that ran, with its own metadata, and results index into that list', async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': CONFIG, 'macros.json': LIBRARY });
    const r = await cli(['macros.json', '--format', 'sarif'], root);
    const run = (JSON.parse(r.out) as SarifLog).runs[0]!;
    const rules = run.tool.driver.rules;
    const ids = rules.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['over-apology', 'vocabulary', 'example/no-shouting', 'example/max-exclamations', 'no-ticket-jargon']));
    expect(new Set(ids).size).toBe(ids.length);

    const shouting = rules.find((x) => x.id === 'example/no-shouting')!;
    expect(shouting.shortDescription.text).toBe('Words written in capitals read as shouting.');
    expect(shouting.helpUri).toBe('https://example.com/attune-plugin-example#no-shouting');
    // A rule that found nothing today is described too (code scanning shows it on later alerts).
    expect(rules.find((x) => x.id === 'example/max-exclamations')!.shortDescription.text).toBe('Too many exclamation marks in one reply.');

    const jargon = rules.find((x) => x.id === 'no-ticket-jargon')!;
    expect(jargon.shortDescription.text).toBe('Customers have requests, not tickets.');
    // Its docs are the config file on the user's machine, not a page in attune's repository.
    expect(jargon.helpUri).toBeUndefined();
    expect(jargon.help.text).toContain('.attunerc.yaml');

    expect(run.results.map((x) => x.ruleId).sort()).toEqual(['example/no-shouting', 'no-ticket-jargon']);
    for (const x of run.results) expect(rules[x.ruleIndex]!.id).toBe(x.ruleId);
  });

  it('built-in rules still link to attune\'s docs', async () => {
    const root = tree({ '.git/': '', '.attunerc.yaml': CONFIG, 'a.txt': 'Hi Sam,\n\nThe courier comes on Monday.\n\nBest,\nAna\n' });
    const r = await cli(['a.txt', '--format', 'sarif'], root);
    const rules = (JSON.parse(r.out) as SarifLog).runs[0]!.tool.driver.rules;
    const over = rules.find((x) => x.id === 'over-apology')!;
    expect(over.helpUri ?? over.help.text).toMatch(/rules\/over-apology\.md/);
  });
});

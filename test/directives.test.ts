// Inline directives: every comment form (HTML in text/Markdown/HTML, Handlebars, Liquid), every
// kind (disable/enable blocks, -line, -next-line), reasons, unknown rule names, directives that do
// nothing because they sit in code or quoted history, and unused-directive reporting — in-process
// through lintUnit and end to end through the CLI flag.
import { describe, expect, it } from 'vitest';
import { lintUnit, defaultConfig, type LintUnit } from '../src/core/linter.js';
import { parseDirectives } from '../src/core/directives.js';
import { parseDocument } from '../src/core/document.js';
import type { Rule } from '../src/core/types.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';

// Two deterministic rules so the tests do not depend on what built-in rules decide to flag.
function wordRule(id: string, word: string): Rule {
  return {
    meta: { id, category: 'tone', defaultSeverity: 'warn', description: id, docs: `rules/${id}.md`, messages: { found: 'Found {{word}}.' }, fixable: false, hasSuggestions: false },
    check({ doc, report }) {
      for (const m of doc.text.matchAll(new RegExp(`\\b${word}\\b`, 'g'))) report({ messageId: 'found', data: { word }, start: m.index, end: m.index + word.length });
    },
  };
}
const RULES = [wordRule('loud', 'LOUD'), wordRule('hedge', 'maybe')];

function lint(text: string, opts: { format?: LintUnit['format']; unused?: 'warn' | 'error' } = {}) {
  const config = defaultConfig(RULES);
  if (opts.unused) config.reportUnusedDisableDirectives = opts.unused;
  return lintUnit({ text, file: 'draft.txt', format: opts.format ?? 'text' }, { rules: RULES, config });
}
const ruleLines = (text: string, opts: Parameters<typeof lint>[1] = {}) => lint(text, opts).findings.map((f) => `${f.line}:${f.rule}`);

describe('block directives', () => {
  it('disable … enable for named rules covers only the lines between them', () => {
    const text = ['LOUD maybe', '<!-- attune-disable loud -->', 'LOUD maybe', '<!-- attune-enable loud -->', 'LOUD'].join('\n');
    expect(ruleLines(text)).toEqual(['1:loud', '1:hedge', '3:hedge', '5:loud']);
  });

  it('a disable without a list covers every rule until the end (no enable)', () => {
    expect(ruleLines('LOUD\n<!-- attune-disable -->\nLOUD maybe\nmaybe')).toEqual(['1:loud']);
  });

  it('a list takes commas with any spacing, and duplicates are harmless', () => {
    expect(ruleLines('<!-- attune-disable loud ,hedge, loud -->\nLOUD maybe')).toEqual([]);
  });

  it('a bare enable re-enables everything; enabling one rule after disable-all re-enables only it', () => {
    expect(ruleLines('<!-- attune-disable -->\nLOUD maybe\n<!-- attune-enable -->\nLOUD maybe')).toEqual(['4:loud', '4:hedge']);
    expect(ruleLines('<!-- attune-disable -->\nLOUD maybe\n<!-- attune-enable hedge -->\nLOUD maybe')).toEqual(['4:hedge']);
  });

  it('the directive applies from where it stands, also mid-line', () => {
    expect(ruleLines('LOUD <!-- attune-disable loud --> LOUD')).toEqual(['1:loud']);
  });
});

describe('line directives', () => {
  it('disable-next-line covers exactly the following line', () => {
    const text = ['<!-- attune-disable-next-line loud -->', 'LOUD maybe', 'LOUD'].join('\n');
    expect(ruleLines(text)).toEqual(['2:hedge', '3:loud']);
  });

  it('disable-next-line after a comment spanning lines covers the line after the comment ends', () => {
    const text = ['<!--', '  attune-disable-next-line loud', '-->', 'LOUD', 'LOUD'].join('\n');
    expect(ruleLines(text)).toEqual(['5:loud']);
  });

  it('disable-line covers its own line; spanning lines is an error like ESLint', () => {
    expect(ruleLines('LOUD maybe <!-- attune-disable-line -->\nLOUD')).toEqual(['2:loud']);
    const r = lint('LOUD <!-- attune-disable-line\nloud -->');
    expect(r.findings.map((f) => [f.rule, f.messageId, f.severity])).toEqual([['loud', 'found', 'warning'], ['invalid-directive', 'multiline', 'error']]);
  });

  it('works with CRLF line endings', () => {
    expect(ruleLines('<!-- attune-disable-next-line -->\r\nLOUD\r\nLOUD')).toEqual(['3:loud']);
  });
});

describe('comment forms', () => {
  it('HTML comments in Markdown and HTML drafts', () => {
    expect(ruleLines('# Hi\n\n<!-- attune-disable-next-line loud -->\nLOUD **maybe**', { format: 'markdown' })).toEqual(['4:hedge']);
    expect(ruleLines('<p>LOUD</p>\n<!-- attune-disable loud -->\n<p>LOUD</p>', { format: 'html' })).toEqual(['1:loud']);
  });

  it('Handlebars long and short comments, with whitespace control', () => {
    expect(ruleLines('{{!-- attune-disable-next-line loud --}}\nLOUD\nLOUD')).toEqual(['3:loud']);
    expect(ruleLines('{{! attune-disable hedge }}\nmaybe LOUD')).toEqual(['2:loud']);
    expect(ruleLines('{{~!-- attune-disable --~}}\nmaybe LOUD')).toEqual([]);
  });

  it('Liquid comment blocks and inline # comments', () => {
    expect(ruleLines('{% comment %}attune-disable loud{% endcomment %}\nLOUD maybe')).toEqual(['2:hedge']);
    expect(ruleLines('{%- comment -%} attune-disable-next-line {%- endcomment -%}\nLOUD\nmaybe')).toEqual(['3:hedge']);
    expect(ruleLines('{% # attune-disable-next-line hedge %}\nmaybe')).toEqual([]);
  });

  it('the text of a Liquid comment never reaches rules (it is not sent to the customer)', () => {
    expect(ruleLines('Thanks!\n{% comment %}agent note: LOUD maybe{% endcomment %}')).toEqual([]);
  });

  it('a directive in a code block, inline code or quoted history does nothing', () => {
    expect(ruleLines('```\n<!-- attune-disable -->\n```\nLOUD', { format: 'markdown' })).toEqual(['4:loud']);
    expect(ruleLines('`<!-- attune-disable -->` LOUD', { format: 'markdown' })).toEqual(['1:loud']);
    expect(ruleLines('> <!-- attune-disable -->\nLOUD')).toEqual(['2:loud']);
  });

  it('comments that are not directives are ignored, including near-misses', () => {
    expect(ruleLines('<!-- just a note -->\n<!-- attune-disabled loud -->\n<!-- attune disable -->\nLOUD')).toEqual(['4:loud']);
  });
});

describe('reasons', () => {
  it('text after " -- " is the reason, not a rule name', () => {
    const doc = parseDocument('<!-- attune-disable loud -- the customer asked us to shout -->\n{{!-- attune-disable-next-line hedge -- legal wording --}}\n{% comment %}attune-enable loud -- end of quote{% endcomment %}');
    const set = parseDirectives(doc, new Set(['loud', 'hedge']));
    expect(set.problems).toEqual([]);
    expect(set.directives.map((d) => [d.kind, d.rules, d.reason])).toEqual([
      ['disable', ['loud'], 'the customer asked us to shout'],
      ['disable-next-line', ['hedge'], 'legal wording'],
      ['enable', ['loud'], 'end of quote'],
    ]);
  });

  it('a reason without a rule list disables every rule', () => {
    expect(ruleLines('<!-- attune-disable-next-line -- quoted from policy -->\nLOUD maybe')).toEqual([]);
  });
});

describe('unknown rule names', () => {
  it('are an error at the directive with a did-you-mean hint, and do not widen to all rules', () => {
    const r = lint('<!-- attune-disable-next-line lowd -->\nLOUD');
    expect(r.findings.map((f) => [f.rule, f.severity, f.line, f.message])).toEqual([
      ['invalid-directive', 'error', 1, "Definition for rule 'lowd' was not found (did you mean \"loud\"?)."],
      ['loud', 'warning', 2, 'Found LOUD.'],
    ]);
  });

  it('known names in the same directive still apply', () => {
    expect(ruleLines('<!-- attune-disable-next-line loud, nope -->\nLOUD maybe')).toEqual(['1:invalid-directive', '2:hedge']);
  });

  it('space-separated names get a hint to use commas', () => {
    expect(lint('<!-- attune-disable loud hedge -->').findings[0]!.message).toContain('separate rule names with commas');
  });

  it('directive findings do not change the score', () => {
    expect(lint('Fine reply. <!-- attune-disable nope -->').score).toBe(lint('Fine reply.').score);
  });
});

describe('unused directives', () => {
  it('are not reported unless asked', () => {
    expect(ruleLines('<!-- attune-disable loud -->\nquiet')).toEqual([]);
  });

  it('report each directive (or the rules of it) that suppressed nothing', () => {
    const text = ['<!-- attune-disable-next-line loud, hedge -->', 'maybe', '<!-- attune-disable-line -->', '<!-- attune-disable loud -->', 'fine', '<!-- attune-enable loud -->'].join('\n');
    const r = lint(text, { unused: 'warn' });
    expect(r.findings.map((f) => [f.line, f.rule, f.messageId, f.severity, f.message])).toEqual([
      [1, 'unused-disable-directive', 'unused', 'warning', "Unused attune-disable-next-line directive (no problems were reported from 'loud')."],
      [3, 'unused-disable-directive', 'unused', 'warning', 'Unused attune-disable-line directive (no problems were reported).'],
      [4, 'unused-disable-directive', 'unused', 'warning', "Unused attune-disable directive (no problems were reported from 'loud')."],
    ]);
  });

  it('an enable that re-enables nothing is unused; one closing a disable is not', () => {
    const r = lint('<!-- attune-disable loud -->\nLOUD\n<!-- attune-enable loud -->\n<!-- attune-enable hedge -->\n<!-- attune-enable -->', { unused: 'error' });
    expect(r.findings.map((f) => [f.line, f.messageId, f.message])).toEqual([
      [4, 'unusedEnable', "Unused attune-enable directive (no matching attune-disable directives were found for 'hedge')."],
      [5, 'unusedEnable', 'Unused attune-enable directive (no matching attune-disable directives were found).'],
    ]);
  });

  it('a disable for a rule that is off in config is unused (it has nothing to suppress)', () => {
    const config = defaultConfig(RULES);
    config.rules.loud!.severity = 'off';
    config.reportUnusedDisableDirectives = 'warn';
    const r = lintUnit({ text: '<!-- attune-disable-next-line loud -->\nLOUD', file: 'a.txt' }, { rules: RULES, config });
    expect(r.findings.map((f) => f.rule)).toEqual(['unused-disable-directive']);
  });

  it('positions map back to the file for a unit inside a larger file', () => {
    const fileText = 'header\n' + '<!-- attune-disable loud -->ok';
    const r = lintUnit(
      { text: '<!-- attune-disable loud -->ok', file: 'lib.txt', fileText, toFileOffset: (o) => o + 7 },
      { rules: RULES, config: { ...defaultConfig(RULES), reportUnusedDisableDirectives: 'warn' } },
    );
    expect(r.findings.map((f) => [f.line, f.column, f.range, f.text])).toEqual([[2, 1, [7, 35], '<!-- attune-disable loud -->']]);
  });
});

describe('directives and fixes', () => {
  it('a finding hidden by a directive is not fixed either', async () => {
    const { fixText } = await import('../src/core/fixer.js');
    const shout: Rule = {
      meta: { id: 'loud', category: 'tone', defaultSeverity: 'warn', description: 'loud', docs: 'rules/loud.md', messages: { m: 'Loud.' }, fixable: true, hasSuggestions: false },
      check({ doc, report }) {
        for (const m of doc.text.matchAll(/LOUD/g)) report({ messageId: 'm', start: m.index, end: m.index + 4, fix: { start: m.index, end: m.index + 4, text: 'loud' } });
      },
    };
    const lintText = (text: string) => [{ unit: { text, file: 'a.txt' }, result: lintUnit({ text, file: 'a.txt' }, { rules: [shout], config: defaultConfig([shout]) }) }];
    const out = fixText('LOUD\n<!-- attune-disable-next-line loud -- brand name -->\nLOUD\nLOUD', { lint: lintText });
    expect(out.output).toBe('loud\n<!-- attune-disable-next-line loud -- brand name -->\nLOUD\nloud');
  });
});

describe('CLI --report-unused-disable-directives', () => {
  const cli = (args: string[], cwd: string) => runCli(args, { cwd, rules: RULES });
  const dir = mkdtempSync(join(tmpdir(), 'attune-directives-'));
  writeFileSync(join(dir, 'draft.txt'), '<!-- attune-disable-next-line loud -->\nAll good here.\n');
  writeFileSync(join(dir, 'used.txt'), '<!-- attune-disable-next-line loud -- quoting the customer -->\nLOUD\n');

  it('without the flag an unused directive is silent and the run passes', async () => {
    const r = await cli(['--no-config-lookup', 'draft.txt', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].findings).toEqual([]);
  });

  it('with the flag it is an error (exit 1), as in ESLint', async () => {
    const r = await cli(['--no-config-lookup', 'draft.txt', 'used.txt', '--format', 'json', '--report-unused-disable-directives'], dir);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out).results as Array<{ file: string; findings: Array<{ rule: string; severity: string; line: number }> }>;
    expect(results.map((x) => [x.file, x.findings.map((f) => `${f.line}:${f.rule}:${f.severity}`)])).toEqual([
      ['draft.txt', ['1:unused-disable-directive:error']],
      ['used.txt', []],
    ]);
  });

  it('--report-unused-disable-directives-severity warn makes them warnings (exit 0, counted by --max-warnings)', async () => {
    const warn = await cli(['--no-config-lookup', 'draft.txt', '--format', 'compact', '--report-unused-disable-directives-severity', 'warn'], dir);
    expect(warn.code).toBe(0);
    expect(warn.out).toContain('Unused attune-disable-next-line directive');
    const max = await cli(['--no-config-lookup', 'draft.txt', '--report-unused-disable-directives-severity', 'warn', '--max-warnings', '0'], dir);
    expect(max.code).toBe(1);
    const bad = await cli(['--no-config-lookup', 'draft.txt', '--report-unused-disable-directives-severity', 'loud'], dir);
    expect(bad.code).toBe(2);
  });
});

// `attune explain RULE`: the rule's documentation (rules/<id>.md: why it matters, what is flagged
// and accepted, with examples) rendered for a terminal, and its options as the code declares them
// (RuleMeta.options), so the options shown can never drift from what the config accepts.
// `attune explain signals` prints how the customer-message detector works (docs/signals.md).
// An unknown name is a usage error (exit 2) with a did-you-mean hint.

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttuneError } from '../../core/errors.js';
import type { Rule, RuleOptionSpec } from '../../core/types.js';
import type { CommandIO } from '../io.js';

interface ExplainFlags {
  markdown?: boolean;
  color: boolean;
}

/**
 * attune's package root: the nearest directory above this module whose package.json is attune's.
 * Searched rather than counted, because this module runs from src/cli/commands (tests),
 * dist/cli/commands (tsc) and dist/bundle (the esbuild bundle), at different depths.
 */
const PACKAGE_ROOT = ((): string => {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'attune') return dir;
    } catch {
      // not here
    }
    if (dirname(dir) === dir) return resolve(start, '..', '..', '..');
  }
})();

export function register(program: Command, io: CommandIO): void {
  program
    .command('explain')
    .description("print a rule's documentation: why it matters, flagged and accepted examples, options")
    .argument('<rule>', 'a rule id (see attune rules), or "signals" for the customer-message detector')
    .option('--markdown', 'print the Markdown source instead of rendering it for the terminal')
    .action(async (name: string, flags: ExplainFlags) => {
      await explain(name, flags, io);
    });
}

async function explain(name: string, flags: ExplainFlags, io: CommandIO): Promise<void> {
  const { builtinRules } = await import('../../rules/index.js');
  const { didYouMean } = await import('../../core/config.js');
  const { useColor } = await import('../io.js');
  let rules: readonly Rule[] = io.rules ?? builtinRules;
  let rule = rules.find((r) => r.meta.id === name);
  if (!rule && name !== 'signals') {
    // Not built in: it may be a custom rule or a plugin's, which only the config here knows.
    const { ConfigLoader } = await import('../../core/config.js');
    const loaded = await new ConfigLoader({ cwd: io.cwd, rules }).forFile(null);
    rules = (loaded as { rules?: readonly Rule[] }).rules ?? rules;
    rule = rules.find((r) => r.meta.id === name);
  }
  let markdown: string;
  if (name === 'signals') {
    markdown = await readDoc('docs/signals.md', name);
  } else if (!rule && DIRECTIVE_DOCS[name]) {
    markdown = DIRECTIVE_DOCS[name]!;
  } else if (rule) {
    // A built-in rule always has its page; only rules from a config may lack one.
    const doc = (await readRuleDoc(rule, io.cwd)) ?? (builtinRules.includes(rule) ? await readDoc(rule.meta.docs, name) : generatedDoc(rule));
    markdown = withOptions(doc, rule);
  } else {
    const hint = didYouMean(name, [...rules.map((r) => r.meta.id), 'signals', ...Object.keys(DIRECTIVE_DOCS)]);
    throw new AttuneError('usage', `unknown rule "${name}"${hint}; attune rules lists them all`, 'explain');
  }
  if (flags.markdown) {
    io.stdout.write(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    return;
  }
  const { Chalk } = await import('chalk');
  io.stdout.write(renderMarkdown(markdown, new Chalk({ level: useColor(flags.color, io) ? 1 : 0 })));
}

async function readDoc(relPath: string, name: string): Promise<string> {
  try {
    return await readFile(join(PACKAGE_ROOT, relPath), 'utf8');
  } catch (err) {
    throw new AttuneError('input', `no documentation found for "${name}" at ${relPath} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'explain');
  }
}

/** The findings attune reports about directive comments: not rules a config sets, but named like them. */
const DIRECTIVE_DOCS: Record<string, string> = {
  'unused-disable-directive': [
    '# unused-disable-directive',
    '',
    'Reported with `--report-unused-disable-directives` (as an error, like ESLint) or',
    '`--report-unused-disable-directives-severity warn|error`.',
    '',
    'An `attune-disable` comment (or a rule named in one) that hid no finding, or an `attune-enable`',
    'that re-enabled nothing. Usually the wording the comment was written for has changed: remove the',
    'comment, or the rule name from it, so it cannot hide a real finding later.',
    '',
  ].join('\n'),
  'invalid-directive': [
    '# invalid-directive',
    '',
    'Always an error. A directive names a rule attune does not have (a typo such as `over-apolgy`, or',
    'a plugin rule whose plugin is not loaded), or an `attune-disable-line` comment spans several lines.',
    'The misspelt name hides nothing; the other names in the same directive still apply.',
    '',
  ].join('\n'),
};

/** A rule's own docs: attune's rules/<id>.md, or a plugin's docs path relative to the project. */
async function readRuleDoc(rule: Rule, cwd: string): Promise<string | null> {
  if (!/\.md$/i.test(rule.meta.docs)) return null;
  for (const path of [join(PACKAGE_ROOT, rule.meta.docs), resolve(cwd, rule.meta.docs)]) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      // try the next place
    }
  }
  return null;
}

/** For a rule without a docs page (a custom rule written in the config): what its metadata says. */
function generatedDoc(rule: Rule): string {
  const m = rule.meta;
  return [
    `# ${m.id}`,
    '',
    `Category: \`${m.category}\` · default severity: \`${m.defaultSeverity}\` · fixable: ${m.fixable ? 'yes' : 'no'} · suggestions: ${m.hasSuggestions ? 'yes' : 'no'}`,
    '',
    m.description,
    '',
    `Defined in ${m.docs}; it has no documentation page of its own.`,
    '',
  ].join('\n');
}

/** A Markdown table of the rule's options, from its metadata. */
export function optionsTable(rule: Rule): string {
  const opts = Object.entries(rule.meta.options ?? {});
  if (opts.length === 0) return `${rule.meta.id} has no options; only its severity can be set.`;
  const rows = opts.map(([name, spec]) => `| \`${name}\` | ${typeLabel(spec)} | \`${JSON.stringify(spec.default)}\` | ${spec.description} |`);
  return ['| option | type | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function typeLabel(spec: RuleOptionSpec): string {
  if (spec.type !== 'number' || (spec.min === undefined && spec.max === undefined)) return spec.type;
  if (spec.min !== undefined && spec.max !== undefined) return `number (${spec.min}–${spec.max})`;
  return spec.min !== undefined ? `number (≥ ${spec.min})` : `number (≤ ${spec.max})`;
}

/**
 * The doc with its "## Options" section's table replaced by the one from metadata (prose and
 * config examples in the section are kept); a doc without the section gets one appended.
 */
export function withOptions(markdown: string, rule: Rule): string {
  const table = optionsTable(rule);
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^##\s+Options\b/i.test(l));
  if (start < 0) return `${markdown.trimEnd()}\n\n## Options\n\n${table}\n`;
  let end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
  if (end < 0) end = lines.length;
  const section = lines.slice(start + 1, end);
  const out: string[] = [];
  let replaced = false;
  let inFence = false;
  for (let i = 0; i < section.length; i++) {
    const line = section[i]!;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && /^\s*\|/.test(line)) {
      while (i + 1 < section.length && /^\s*\|/.test(section[i + 1]!)) i++;
      if (!replaced) out.push(table);
      replaced = true;
      continue;
    }
    out.push(line);
  }
  if (!replaced) out.unshift('', table);
  return [...lines.slice(0, start + 1), ...out, ...lines.slice(end)].join('\n');
}

type Paint = InstanceType<typeof import('chalk').Chalk>;

/** Just enough Markdown for rule docs: headings, lists, tables, fenced examples, inline marks. */
export function renderMarkdown(markdown: string, c: Paint): string {
  const colored = c.level > 0;
  const inline = (s: string): string =>
    s
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, text: string, url: string) => (/^https?:/.test(url) ? `${text} (${url})` : text))
      .replace(/\*\*([^*]+)\*\*/g, (_, t: string) => (colored ? c.bold(t) : t))
      .replace(/`([^`]+)`/g, (_, t: string) => (colored ? c.cyan(t) : `\`${t}\``));
  const plainWidth = (s: string) => s.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, colored ? '$1' : '`$1`').length;
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let itemIndent: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      // An example block: indented, carets (what attune flags) highlighted.
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) {
        const code = lines[i]!;
        out.push(/^\s*\^+\s+[a-z0-9-]+/.test(code) ? `    ${c.red(code)}` : `    ${c.dim(code)}`);
      }
      continue;
    }
    if (/^\s*\|/.test(line)) {
      const rows: string[][] = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]!); i++) {
        const cells = lines[i]!.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((x) => x.trim());
        if (cells.every((x) => /^:?-{3,}:?$/.test(x))) continue;
        rows.push(cells);
      }
      i--;
      const widths: number[] = [];
      for (const r of rows) r.forEach((cell, k) => (widths[k] = Math.max(widths[k] ?? 0, plainWidth(cell))));
      const total = widths.reduce((a, b) => a + b + 2, 0);
      if (total > 100 && rows.length > 1) {
        // Too wide for a terminal: one block per row, "header: value" for the other columns.
        const [header, ...body] = rows;
        for (const r of body) {
          out.push(`  ${c.bold(inline(r[0] ?? ''))}`);
          r.slice(1).forEach((cell, k) => out.push(`    ${c.dim(`${header![k + 1] ?? ''}:`)} ${inline(cell)}`));
        }
        continue;
      }
      rows.forEach((r, n) => {
        const text = r.map((cell, k) => inline(cell) + ' '.repeat(Math.max(0, (widths[k] ?? 0) - plainWidth(cell)))).join('  ').trimEnd();
        out.push(`  ${n === 0 ? c.bold(text) : text}`);
      });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const text = inline(heading[2]!);
      if (out.length && out[out.length - 1] !== '') out.push('');
      out.push(heading[1]!.length === 1 ? c.bold.underline(text) : c.bold(text));
      // Without color a heading needs another mark to stand out from the prose.
      if (!colored) out.push((heading[1]!.length === 1 ? '=' : '-').repeat(plainWidth(heading[2]!)));
      itemIndent = null;
      continue;
    }
    const item = /^(\s*)[-*]\s+(.*)$/.exec(line);
    if (item) {
      out.push(`${item[1]}  • ${inline(item[2]!)}`);
      itemIndent = item[1]!.length + 4;
      continue;
    }
    if (line.trim() === '') itemIndent = null;
    // A wrapped list item lines up under its text, not under the bullet.
    out.push(itemIndent !== null && /^\s/.test(line) ? ' '.repeat(itemIndent) + inline(line.trimStart()) : inline(line));
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

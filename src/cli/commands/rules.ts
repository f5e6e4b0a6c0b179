// `attune rules`: every rule that may run, with its category, default severity, whether it has
// safe fixes, and what the config in effect here does with it, so a team lead can check a config
// without reading it. The config is looked up as for a draft in the current directory (or for
// the file given with --for), with the same -c/--no-config-lookup/--rule flags as linting.

import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { Rule } from '../../core/types.js';
import type { CommandIO } from '../io.js';

interface RulesFlags {
  format: 'stylish' | 'json';
  config?: string;
  configLookup: boolean;
  rule?: string[];
  for?: string;
  color: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export interface RuleRow {
  id: string;
  category: string;
  defaultSeverity: string;
  fixable: boolean;
  hasSuggestions: boolean;
  requiresContext: boolean;
  description: string;
  docs: string;
  /** Severity in the config in effect ("off" when disabled). */
  severity: string;
  enabled: boolean;
  options: Record<string, unknown>;
}

export function register(program: Command, io: CommandIO): void {
  program
    .command('rules')
    .description('list every rule: category, default severity, fixable, and whether the current config enables it')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-config-lookup', 'do not search for config files (built-in defaults plus --config/--rule)')
    .option('--rule <id:severity>', 'set a rule severity, e.g. over-apology:off (repeatable)', collect)
    .option('--for <file>', 'show the config that applies to this file (default: the current directory)')
    .action(async (flags: RulesFlags) => {
      await rulesCommand(flags, io);
    });
}

async function rulesCommand(flags: RulesFlags, io: CommandIO): Promise<void> {
  const { ConfigLoader } = await import('../../core/config.js');
  const { builtinRules } = await import('../../rules/index.js');
  const { useColor } = await import('../io.js');
  const loader = new ConfigLoader({ cwd: io.cwd, configFile: flags.config ?? null, lookup: flags.configLookup, cliRules: flags.rule ?? [], rules: io.rules ?? builtinRules });
  const loaded = await loader.forFile(flags.for ? resolve(io.cwd, flags.for) : null);
  const { config, files } = loaded;
  // Custom rules and plugins the config adds are rules too.
  const rules: readonly Rule[] = (loaded as { rules?: readonly Rule[] }).rules ?? io.rules ?? builtinRules;
  const rows: RuleRow[] = rules.map((r) => {
    const setting = config.rules[r.meta.id];
    const severity = setting?.severity ?? 'off';
    return {
      id: r.meta.id,
      category: r.meta.category,
      defaultSeverity: r.meta.defaultSeverity,
      fixable: r.meta.fixable,
      hasSuggestions: r.meta.hasSuggestions,
      requiresContext: r.meta.requiresContext ?? false,
      description: r.meta.description,
      docs: r.meta.docs,
      severity,
      enabled: severity !== 'off',
      options: setting?.options ?? {},
    };
  });
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify({ config: files, rules: rows }, null, 2)}\n`);
    return;
  }
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: useColor(flags.color, io) ? 1 : 0 });
  io.stdout.write(renderRules(rows, files, c));
}

type Paint = InstanceType<typeof import('chalk').Chalk>;

export function renderRules(rows: readonly RuleRow[], files: readonly string[], c: Paint): string {
  const head = ['rule', 'category', 'default', 'fixable', 'config', 'description'];
  const cells = rows.map((r) => [
    r.id,
    r.category,
    r.defaultSeverity,
    r.fixable ? 'yes' : 'no',
    r.severity + (r.requiresContext ? '*' : ''),
    r.description,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const pad = (s: string, i: number) => (i === head.length - 1 ? s : s.padEnd(widths[i]!));
  const paintSeverity = (s: string) => (s.startsWith('error') ? c.red(s) : s.startsWith('warn') ? c.yellow(s) : c.dim(s));
  const lines = [c.bold(head.map(pad).join('  ').trimEnd())];
  for (const row of cells) {
    lines.push(row.map((cell, i) => (i === 4 ? paintSeverity(pad(cell, i)) : i === 0 ? c.cyan(pad(cell, i)) : pad(cell, i))).join('  ').trimEnd());
  }
  const enabled = rows.filter((r) => r.enabled).length;
  lines.push('');
  lines.push(`${rows.length} rules, ${enabled} enabled by ${files.length ? `the config (${files.join(' <- ')})` : 'the built-in defaults (no config file found)'}.`);
  if (rows.some((r) => r.requiresContext)) lines.push("* runs only when the customer's message is given (--context or a thread file).");
  lines.push('Details and examples: attune explain <rule>');
  return `${lines.join('\n')}\n`;
}

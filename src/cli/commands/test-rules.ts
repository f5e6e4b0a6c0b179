// `attune test-rules`: run the examples of every custom rule (and of plugin rules that carry
// examples) from the config in use, so a team lead can check a rule before the team relies on it.
// Each `flag` example must produce a finding of its rule, each `pass` example none; the rule runs
// alone, at its default options, without a customer message. Exit 1 when any example fails, 2 when
// the config cannot be loaded (or there is none), 0 otherwise.

import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { AttuneError } from '../../core/errors.js';
import { useColor, writeReport, type CommandIO } from '../io.js';

interface TestRulesFlags {
  config?: string;
  configLookup: boolean;
  format: 'stylish' | 'json';
  output?: string;
  color: boolean;
  debug?: boolean;
}

export function register(program: Command, io: CommandIO): void {
  program
    .command('test-rules')
    .description("run the examples of the config's custom rules and plugin rules (flag: must be flagged, pass: must not)")
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-config-lookup', 'do not search for config files (only --config)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .action(async (flags: TestRulesFlags) => {
      io.setExitCode(await testRules(flags, io));
    });
}

async function testRules(flags: TestRulesFlags, io: CommandIO): Promise<number> {
  const { ConfigLoader } = await import('../../core/config.js');
  const { runExamples } = await import('../../core/custom-rules.js');
  const loader = new ConfigLoader({ cwd: io.cwd, configFile: flags.config ?? null, lookup: flags.configLookup, ...(io.rules ? { rules: io.rules } : {}) });
  // The config that applies in the working directory (a file there, as `attune --print-config` does).
  const { files, rules } = await loader.forFile(resolve(io.cwd, '__attune_test_rules__'));
  if (files.length === 0) throw new AttuneError('config', 'no config file found (give one with --config)', 'test-rules');
  const base = new Set((io.rules ?? (await import('../../rules/index.js')).builtinRules).map((r) => r.meta.id));
  base.add('vocabulary');
  const own = rules.filter((r) => !base.has(r.meta.id)) as Array<(typeof rules)[number] & { examples?: { flag?: string[]; pass?: string[] } }>;

  const report = own.map((rule) => ({ rule: rule.meta.id, definedIn: rule.meta.docs, results: rule.examples ? runExamples(rule) : [] }));
  const total = report.reduce((n, r) => n + r.results.length, 0);
  const failed = report.reduce((n, r) => n + r.results.filter((x) => !x.ok).length, 0);

  if (flags.format === 'json') {
    const json = {
      config: files.at(-1),
      rules: report.map((r) => ({ ...r, results: r.results.map((x) => ({ expect: x.expect, text: x.text, ok: x.ok, findings: x.findings.map((f) => ({ messageId: f.messageId, message: f.message, text: f.text, line: f.line, column: f.column })) })) })),
      examples: total,
      failed,
    };
    await writeReport(`${JSON.stringify(json, null, 2)}\n`, flags.output, io);
    return failed > 0 ? 1 : 0;
  }

  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: useColor(flags.color, io) && !flags.output ? 1 : 0 });
  const out: string[] = [];
  const short = (t: string) => JSON.stringify(t.length > 70 ? `${t.slice(0, 69)}…` : t);
  for (const r of report) {
    out.push(`${c.bold(r.rule)}  ${c.dim(r.definedIn)}`);
    if (r.results.length === 0) out.push(`  ${c.yellow('-')} no examples (add examples: {flag: [...], pass: [...]})`);
    for (const x of r.results) {
      const mark = x.ok ? c.green('✓') : c.red('✗');
      out.push(`  ${mark} ${x.expect.padEnd(4)}  ${short(x.text)}`);
      if (!x.ok) {
        if (x.expect === 'flag') out.push(`      ${c.red('expected a finding, got none')}`);
        else for (const f of x.findings) out.push(`      ${c.red(`unexpected finding at ${f.line}:${f.column}: ${f.message}`)}`);
      }
    }
  }
  if (report.length === 0) out.push(`no custom or plugin rules in ${files.at(-1)}`);
  out.push('');
  const noun = (n: number, s: string) => `${n} ${s}${n === 1 ? '' : 's'}`;
  out.push(failed > 0 ? c.red.bold(`${noun(failed, 'example')} of ${total} failed (${noun(report.length, 'rule')})`) : c.green.bold(`${noun(total, 'example')} passed (${noun(report.length, 'rule')})`));
  await writeReport(`${out.join('\n')}\n`, flags.output, io);
  return failed > 0 ? 1 : 0;
}

// The commander program. The default command (lint) lives on the root; subcommands come from
// src/cli/commands/*.ts, each exporting `register(program, io)`. Command modules are loaded for
// every run, so they must stay light: import heavy code inside the action, not at the top.

import { Command } from 'commander';
import { packageVersion, type CommandIO } from './io.js';

export interface CommandModule {
  register(program: Command, io: CommandIO): void;
}

/** To add a subcommand: one line here pointing at its module. */
export const COMMAND_MODULES: Array<() => Promise<CommandModule>> = [
  () => import('./commands/lint.js'),
  () => import('./commands/audit.js'),
  () => import('./commands/fix.js'),
  () => import('./commands/rules.js'),
  () => import('./commands/explain.js'),
  () => import('./commands/init.js'),
  () => import('./commands/test-rules.js'),
];

export async function buildProgram(io: CommandIO): Promise<Command> {
  const program = new Command('attune')
    .description('Coach customer-support reply drafts on empathy, action, boundaries and tone.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'disable colors (also NO_COLOR, or when stdout is not a terminal)')
    .option('--debug', 'show stack traces and which config files were used')
    .showSuggestionAfterError(true)
    // Subcommands own their options (audit has its own --format/-o); without this the root's lint
    // options would swallow them.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error:') ? `attune: ${s.slice('error:'.length).trimStart()}` : s),
    });
  program.addHelpText(
    'after',
    `
Examples:
  attune reply.txt                          lint one draft
  attune drafts/ 'macros/**/*.md'           directories (.txt .md .html .eml) and globs
  cat reply.txt | attune                    a draft from stdin (or "-")
  attune reply.txt --context customer.txt   with the customer's message
  attune reply.txt --format json -o out.json
  attune --print-config reply.txt           the config that applies to a file

Exit codes: 0 no error-level findings, 1 errors or a --max-warnings/--min-score threshold
failed, 2 usage, config or input error (or a rule crashed).`,
  );
  const modules = await Promise.all(COMMAND_MODULES.map((load) => load()));
  for (const m of modules) m.register(program, io);
  // --no-color and --debug stay global: accepted after any subcommand too.
  for (const sub of program.commands) {
    if (!sub.options.some((o) => o.long === '--no-color')) sub.option('--no-color', 'disable colors');
    if (!sub.options.some((o) => o.long === '--debug')) sub.option('--debug', 'show stack traces');
  }
  return program;
}

// The CLI entry used by bin/attune.js and by tests in-process. run() never throws and never exits
// the process: it returns the exit code (0 clean, 1 findings/thresholds, 2 usage/config/input or a
// crashed rule) and reports failures as one line on stderr; the stack only with --debug.

import { AttuneError } from '../core/errors.js';
import type { CliIO, CommandIO, RunOptions } from './io.js';

export type { CliIO, RunOptions } from './io.js';

export async function run(argv: readonly string[], io: CliIO, options: RunOptions = {}): Promise<number> {
  let exitCode = 0;
  const cio: CommandIO = { ...io, rules: options.rules, setExitCode: (code) => void (exitCode = Math.max(exitCode, code)) };
  const debug = argv.includes('--debug');
  try {
    // Fast path: version checks (editors, CI) should not pay for commander and the commands.
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      const { packageVersion } = await import('./io.js');
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const { buildProgram } = await import('./program.js');
    const program = await buildProgram(cio);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // commander already printed its message (help, version or a usage error) through io.
      const exit = (err as { exitCode?: number }).exitCode ?? 1;
      return exit === 0 ? 0 : 2;
    }
    if (err instanceof AttuneError) {
      io.stderr.write(`attune: ${err.message}\n`);
      if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`attune: unexpected error: ${message.split('\n')[0]}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return 2;
  }
}

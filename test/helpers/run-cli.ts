// Run the CLI in-process (src/cli/main.ts) with the built-in rules and captured output.
import { run } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import type { Rule } from '../../src/core/types.js';

export interface Ran {
  code: number;
  out: string;
  err: string;
}

export interface RunCliOptions {
  cwd: string;
  stdin?: string | Uint8Array;
  /** Rules to run instead of the built-ins (small test rules keep tests independent of wording). */
  rules?: readonly Rule[];
  env?: Record<string, string>;
  /** Whether stdin is a terminal; by default it is when no stdin text is given. */
  stdinIsTTY?: boolean;
  /** Whether stdout is a terminal (colors by default); it is not unless said. */
  stdoutIsTTY?: boolean;
}

export async function runCli(args: string[], opts: RunCliOptions): Promise<Ran> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: { write: (s: string) => void (out += s) },
    stderr: { write: (s: string) => void (err += s) },
    stdin: (async function* () {
      if (opts.stdin !== undefined) yield typeof opts.stdin === 'string' ? Buffer.from(opts.stdin) : opts.stdin;
    })(),
    env: opts.env ?? {},
    cwd: opts.cwd,
    isTTY: { stdin: opts.stdinIsTTY ?? opts.stdin === undefined, stdout: opts.stdoutIsTTY ?? false },
  };
  const code = await run(args, io, opts.rules ? { rules: opts.rules } : {});
  return { code, out, err };
}

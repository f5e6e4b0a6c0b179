// The CLI's window on the outside world. Everything the commands touch (streams, environment,
// working directory, terminal) comes in through CliIO so the CLI can run in-process in tests.

import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttuneError } from '../core/errors.js';
import type { Rule } from '../core/types.js';

export interface OutputStream {
  write(chunk: string): unknown;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: AsyncIterable<string | Uint8Array>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdin / stdout are terminals: piped stdin is read as a draft; colors need a TTY stdout. */
  isTTY: { stdin: boolean; stdout: boolean };
}

/** What a command's action gets: the IO plus a way to report its exit code (the highest wins). */
export interface CommandIO extends CliIO {
  setExitCode(code: number): void;
  /** Rules to run instead of the built-ins (embedding and tests); undefined = built-ins. */
  rules?: readonly Rule[];
}

export interface RunOptions {
  rules?: readonly Rule[];
}

let cachedVersion: string | undefined;
/** attune's version from package.json (dist/cli → package root). */
export function packageVersion(): string {
  if (cachedVersion === undefined) {
    const path = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
    cachedVersion = (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  }
  return cachedVersion;
}

/** NO_COLOR (any non-empty value) and --no-color win; FORCE_COLOR turns color on for pipes. */
export function useColor(flag: boolean | undefined, io: CliIO): boolean {
  if (flag === false) return false;
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return io.isTTY.stdout;
}

/** Write a report to -o FILE (creating its directory) or to stdout. */
export async function writeReport(text: string, output: string | undefined, io: CliIO): Promise<void> {
  if (!output) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, output);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, 'utf8');
  } catch (err) {
    throw new AttuneError('input', `cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, output);
  }
}

/** Parse a non-negative integer option value; the message becomes commander's error. */
export function nonNegativeInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new AttuneError('usage', `expected a whole number >= 0, got "${value}"`, name);
    return n;
  };
}

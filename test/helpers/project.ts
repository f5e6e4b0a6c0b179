// Temporary project trees and an in-process CLI run, for the configuration, custom-rule, plugin
// and ignore tests.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import type { Rule } from '../../src/core/types.js';

const roots: string[] = [];

/** A temporary directory with these files (a key ending in "/" makes an empty directory). */
export function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'attune-team-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    if (rel.endsWith('/')) mkdirSync(p, { recursive: true });
    else {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }
  return root;
}

export function cleanup(): void {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
}

export interface Ran {
  code: number;
  out: string;
  err: string;
}

export interface CliOptions {
  /** Rules to run instead of the built-ins (small test rules keep tests independent of wording). */
  rules?: readonly Rule[];
  /** Whether stdin is a terminal; by default it is when no stdin text is given. */
  stdinIsTTY?: boolean;
}

/** Run the CLI in-process, capturing stdout and stderr. */
export async function cli(args: string[], cwd: string, stdin?: string, options: CliOptions = {}): Promise<Ran> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: { write: (s: string) => void (out += s) },
    stderr: { write: (s: string) => void (err += s) },
    stdin: (async function* () {
      if (stdin !== undefined) yield Buffer.from(stdin);
    })(),
    env: {},
    cwd,
    isTTY: { stdin: options.stdinIsTTY ?? stdin === undefined, stdout: false },
  };
  const code = await run(args, io, options.rules ? { rules: options.rules } : {});
  return { code, out, err };
}

// Temporary project trees and an in-process CLI run, for the configuration, custom-rule, plugin
// and ignore tests.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type Ran } from './run-cli.js';
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

export type { Ran };

export interface CliOptions {
  rules?: readonly Rule[];
  stdinIsTTY?: boolean;
}

/** Run the CLI in-process, capturing stdout and stderr (see run-cli.ts). */
export function cli(args: string[], cwd: string, stdin?: string, options: CliOptions = {}): Promise<Ran> {
  return runCli(args, { cwd, stdin, ...options });
}

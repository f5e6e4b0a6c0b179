// Files attune never lints: `ignores` globs in the config and `.attuneignore` files (at the project
// root and beside the config in use), both in gitignore syntax via the `ignore` package. An
// .attuneignore speaks for its own directory; `ignores` for the directory of the config file in use
// (also when they come from a file it extends). Directories and globs on the command line silently
// skip ignored files; a file named explicitly is skipped with a warning, as ESLint does, so nobody
// wonders why it passed.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AttuneError } from './errors.js';
import type { Ignore } from 'ignore';

export const IGNORE_FILE = '.attuneignore';

export interface IgnoreLayer {
  /** Absolute directory the patterns are relative to. */
  base: string;
  patterns: string[];
  /** Where the patterns come from, for messages and --print-config. */
  source: string;
}

/** The patterns of an .attuneignore in dir (blank lines and # comments are gitignore's business), or null. */
export function readIgnoreFile(dir: string, display: (p: string) => string): IgnoreLayer | null {
  const file = join(dir, IGNORE_FILE);
  if (!existsSync(file)) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AttuneError('config', `cannot read ignore file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, display(file));
  }
  return { base: dir, patterns: text.split(/\r?\n/), source: display(file) };
}

let factory: ((options?: { ignorecase?: boolean }) => Ignore) | null = null;
/** The `ignore` package is loaded once, and only when a config or .attuneignore has patterns. */
export async function loadIgnore(): Promise<void> {
  factory ??= ((await import('ignore')) as unknown as { default: (options?: { ignorecase?: boolean }) => Ignore }).default;
}

const matchers = new WeakMap<IgnoreLayer, Ignore>();

/** Whether absPath is ignored by any layer. Call loadIgnore() first. */
export function isIgnored(layers: readonly IgnoreLayer[] | undefined, absPath: string): boolean {
  if (!layers?.length) return false;
  if (!factory) throw new Error('isIgnored: call loadIgnore() first');
  let ignored = false;
  for (const layer of layers) {
    const rel = relative(layer.base, absPath);
    // A layer only speaks for files under its own directory.
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) continue;
    let m = matchers.get(layer);
    if (!m) {
      m = factory().add(layer.patterns);
      matchers.set(layer, m);
    }
    // Later layers can re-include (!pattern) what earlier ones ignored, as nested .gitignore files do.
    const r = m.test(rel.split(sep).join('/'));
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

export interface IgnoreWarning {
  file: string;
  message: string;
}

/**
 * Drop ignored files from what the command line expanded to. `explicit` holds the arguments that
 * named a file directly. Throws when arguments matched files and every one of them is ignored.
 */
export async function filterIgnored<T extends { file: string; absPath: string }>(
  refs: readonly T[],
  explicit: ReadonlySet<string>,
  ignoresFor: (absPath: string) => Promise<readonly IgnoreLayer[] | undefined>,
): Promise<{ kept: T[]; warnings: IgnoreWarning[] }> {
  const kept: T[] = [];
  const warnings: IgnoreWarning[] = [];
  let loaded = false;
  for (const ref of refs) {
    const layers = await ignoresFor(ref.absPath);
    if (layers?.length && !loaded) {
      await loadIgnore();
      loaded = true;
    }
    if (!isIgnored(layers, ref.absPath)) {
      kept.push(ref);
      continue;
    }
    if (explicit.has(ref.absPath)) {
      warnings.push({ file: ref.file, message: 'file ignored because of a matching ignore pattern (use --no-ignore to lint it)' });
    }
  }
  if (refs.length > 0 && kept.length === 0 && warnings.length === 0) {
    throw new AttuneError('input', 'all files matched are ignored (see "ignores" in the config and .attuneignore, or use --no-ignore)');
  }
  return { kept, warnings };
}

// Turning command-line paths into files: plain paths must exist, directories are walked
// recursively for draft extensions, glob patterns must match at least one file (like ESLint, a
// pattern that matches nothing is an input error rather than a silent pass).

import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AttuneError } from '../core/errors.js';
import { DIRECTORY_EXTENSIONS } from './index.js';
import { stripBom } from './stdin.js';
import type { SourceFile } from './types.js';

export interface FileRef {
  /** As shown in results: the argument itself for files, `dir/…` for files found under a directory. */
  file: string;
  absPath: string;
}

/** Never descended into: VCS metadata and dependency trees are not drafts. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export async function expandPaths(args: readonly string[], cwd: string, extensions: readonly string[] = DIRECTORY_EXTENSIONS): Promise<FileRef[]> {
  const out: FileRef[] = [];
  const seen = new Set<string>();
  const add = (ref: FileRef) => {
    if (seen.has(ref.absPath)) return;
    seen.add(ref.absPath);
    out.push(ref);
  };
  for (const arg of args) {
    const absPath = resolve(cwd, arg);
    const st = await stat(absPath).catch(() => null);
    if (st?.isFile()) {
      add({ file: arg, absPath });
    } else if (st?.isDirectory()) {
      const found = await walk(absPath, extensions);
      if (found.length === 0) throw new AttuneError('input', `no files with ${extensions.join(', ')} in directory`, arg);
      for (const p of found) add({ file: displayPath(arg, absPath, p), absPath: p });
    } else if (await isGlob(arg)) {
      const { glob } = await import('tinyglobby');
      const matches = (await glob(arg, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**', '**/.git/**'] })).sort();
      if (matches.length === 0) throw new AttuneError('input', 'no files match this pattern', arg);
      for (const p of matches) add({ file: isAbsolute(arg) ? p : relative(cwd, p).split(sep).join('/'), absPath: p });
    } else {
      throw new AttuneError('input', 'no such file or directory', arg);
    }
  }
  return out;
}

async function isGlob(arg: string): Promise<boolean> {
  const { isDynamicPattern } = await import('tinyglobby');
  return isDynamicPattern(arg);
}

async function walk(dir: string, extensions: readonly string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    throw new AttuneError('input', `cannot read directory (${err.code ?? err.message})`, dir);
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) files.push(...(await walk(p, extensions)));
    } else if (e.isFile() && extensions.some((ext) => e.name.toLowerCase().endsWith(ext))) {
      files.push(p);
    }
  }
  return files;
}

function displayPath(arg: string, argAbs: string, found: string): string {
  const rel = relative(argAbs, found).split(sep).join('/');
  const base = arg.replace(/[\\/]+$/, '');
  return base === '' ? `/${rel}` : base === '.' ? rel : `${base}/${rel}`;
}

export async function readSourceFile(ref: FileRef): Promise<SourceFile> {
  try {
    const text = stripBom(await readFile(ref.absPath, 'utf8'));
    return { file: ref.file, absPath: ref.absPath, text };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AttuneError('input', 'no such file', ref.file);
    if (code === 'EISDIR') throw new AttuneError('input', 'expected a file, got a directory', ref.file);
    throw new AttuneError('input', `cannot read file (${code ?? (err as Error).message})`, ref.file);
  }
}

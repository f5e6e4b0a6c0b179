// `--changed-since REF`: lint only what a pull request (or a local branch) touched. The set is
// what `git diff --name-only REF...` lists (changes on this branch since it left REF, the same
// set GitHub shows in a pull request), plus uncommitted changes to tracked files and untracked
// files that are not ignored, so a local run before committing sees new drafts too. Deleted files
// are left out (nothing to lint). Paths come back absolute so the CLI can intersect them with
// what its path arguments expand to, which keeps the usual extension filter and ignore rules.

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { AttuneError } from '../core/errors.js';

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((done) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      if (e && e.code === 'ENOENT') {
        done({ code: -1, stdout: '', stderr: 'git is not installed or not on PATH' });
        return;
      }
      done({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
    });
  });
}

function nulList(out: string): string[] {
  return out.split('\0').filter((s) => s.length > 0);
}

/**
 * Absolute paths of files changed since `ref` (see the header). Throws AttuneError('usage') when
 * cwd is not inside a git work tree or the ref does not name a commit.
 */
export async function changedFiles(ref: string, cwd: string): Promise<Set<string>> {
  const where = `--changed-since ${ref}`;
  if (ref.trim() === '' || ref.startsWith('-')) throw new AttuneError('usage', 'expected a git ref (branch, tag or commit)', where);
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (top.code !== 0) {
    const why = top.code === -1 ? top.stderr : `${cwd} is not inside a git repository`;
    throw new AttuneError('usage', why, where);
  }
  const root = top.stdout.trim();
  const verify = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  if (verify.code !== 0) {
    throw new AttuneError('usage', `unknown git ref "${ref}" (in a shallow CI checkout, fetch it first, e.g. fetch-depth: 0)`, where);
  }
  // `REF...` compares from the merge base; it needs both histories, which a shallow clone may lack.
  const committed = await git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', `${ref}...HEAD`, '--'], root);
  if (committed.code !== 0) {
    const msg = committed.stderr.trim().split('\n')[0] ?? '';
    throw new AttuneError('usage', `git diff failed: ${msg || `exit ${committed.code}`} (a shallow checkout needs the history back to the merge base)`, where);
  }
  // Working tree and index against HEAD; a repository with no commit yet has no HEAD to diff.
  const uncommitted = await git(['diff', 'HEAD', '--name-only', '-z', '--no-renames', '--diff-filter=d', '--'], root);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z', '--full-name'], root);
  const files = new Set<string>();
  for (const list of [committed.stdout, uncommitted.code === 0 ? uncommitted.stdout : '', untracked.stdout]) {
    for (const rel of nulList(list)) files.add(resolve(root, rel));
  }
  return files;
}

// --changed-since REF in a real (temporary) git repository: files changed on the branch since it
// left REF, uncommitted edits and untracked files are linted; unchanged, deleted, ignored and
// non-draft files are not; outside a repository or with an unknown ref the run exits 2 with one line.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFiles } from '../src/sources/git.js';
import { AttuneError } from '../src/core/errors.js';
import { gitTestEnv } from './helpers/git-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'attune.js');

/** The test's git must not see the developer's or CI's repository, hooks or identity. */
const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => gitTestEnv(base, extra);

let base: string;
let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, env: cleanEnv(), encoding: 'utf8' });
}

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
}

function attune(cwd: string, args: string[]) {
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: cleanEnv(), input: '' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const reply = (line: string) => `Hi Lee,\n\n${line}\n\nI have reissued the invoice; it is attached.\n\nBest,\nMo\n`;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT });
  base = mkdtempSync(join(tmpdir(), 'attune-git-'));
  repo = join(base, 'repo');
  mkdirSync(repo);
  git('init', '-q', '-b', 'main');
  write('.gitignore', 'ignored/\n');
  write('drafts/unchanged.txt', reply('Thanks for writing in.'));
  write('drafts/edited.txt', reply('Thanks for writing in.'));
  write('drafts/committed-edit.md', reply('Thanks for writing in.'));
  write('drafts/deleted.txt', reply('Thanks for writing in.'));
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'feature');
  write('drafts/committed-edit.md', reply('Thanks for writing in, we value your business.'));
  write('drafts/added.txt', reply('Thanks, I know exactly how you feel.'));
  git('rm', '-q', 'drafts/deleted.txt');
  git('add', '-A');
  git('commit', '-q', '-m', 'feature work');
  // Not committed: an edit, an untracked draft, an ignored draft and a file that is not a draft.
  write('drafts/edited.txt', reply('Thanks for writing in again.'));
  write('drafts/untracked.txt', reply('Thanks for the update.'));
  write('ignored/secret.txt', reply('Thanks.'));
  write('drafts/notes.py', 'print("not a draft")\n');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('changedFiles', () => {
  it('lists branch changes since the merge base, uncommitted edits and untracked files', async () => {
    const files = [...(await changedFiles('main', repo))].map((p) => p.slice(repo.length + 1)).sort();
    expect(files).toEqual(['drafts/added.txt', 'drafts/committed-edit.md', 'drafts/edited.txt', 'drafts/notes.py', 'drafts/untracked.txt']);
  });

  it('ignores changes made on REF after the branch left it (three-dot diff)', async () => {
    git('checkout', '-q', 'main');
    write('drafts/unchanged.txt', reply('Changed on main only.'));
    git('commit', '-q', '-m', 'main moves on', '--', 'drafts/unchanged.txt');
    git('checkout', '-q', 'feature');
    const files = [...(await changedFiles('main', repo))].map((p) => p.slice(repo.length + 1));
    expect(files).not.toContain('drafts/unchanged.txt');
  });

  it('rejects unknown refs, option-like refs and directories outside git', async () => {
    await expect(changedFiles('no-such-branch', repo)).rejects.toThrow(/unknown git ref "no-such-branch"/);
    await expect(changedFiles('--output=/tmp/x', repo)).rejects.toThrow(AttuneError);
    const outside = mkdtempSync(join(base, 'plain-'));
    await expect(changedFiles('main', outside)).rejects.toThrow(/is not inside a git repository/);
  });
});

describe('attune --changed-since', () => {
  it('lints only changed drafts among the given paths', () => {
    const res = attune(repo, ['--changed-since', 'main', '-f', 'json', 'drafts']);
    const files = (JSON.parse(res.stdout) as { results: Array<{ file: string }> }).results.map((r) => r.file).sort();
    expect(files).toEqual(['drafts/added.txt', 'drafts/committed-edit.md', 'drafts/edited.txt', 'drafts/untracked.txt']);
    expect(res.code).toBe(0);
  });

  it('works from a subdirectory and with explicit files', () => {
    const res = attune(join(repo, 'drafts'), ['--changed-since', 'main', '-f', 'json', 'unchanged.txt', 'added.txt']);
    expect((JSON.parse(res.stdout) as { results: Array<{ file: string }> }).results.map((r) => r.file)).toEqual(['added.txt']);
  });

  it('lints the changed drafts under the current directory when no path is given', () => {
    const res = attune(repo, ['--changed-since', 'main', '-f', 'json']);
    const files = (JSON.parse(res.stdout) as { results: Array<{ file: string }> }).results.map((r) => r.file).sort();
    expect(files).toEqual(['drafts/added.txt', 'drafts/committed-edit.md', 'drafts/edited.txt', 'drafts/untracked.txt']);
  });

  it('says so when nothing changed, and exits 0', () => {
    const res = attune(repo, ['--changed-since', 'HEAD', '-f', 'json', 'drafts/unchanged.txt']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).results).toEqual([]);
    expect(res.stderr).toContain('no files to lint changed since HEAD');
  });

  it('exits 2 with one line for an unknown ref or outside a repository', () => {
    const unknown = attune(repo, ['--changed-since', 'nope', 'drafts']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/^attune: --changed-since nope: unknown git ref "nope"/);
    const outside = mkdtempSync(join(base, 'plain-'));
    writeFileSync(join(outside, 'a.txt'), reply('Hello.'));
    const notRepo = attune(outside, ['--changed-since', 'main', 'a.txt']);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/^attune: --changed-since main: .* is not inside a git repository\n$/);
  });
});

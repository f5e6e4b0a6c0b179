// Worker threads (src/cli/workers.ts) must not change a report: the same documents linted on 1, 2
// or 3 threads give byte-identical JSON, in input order, for plain files and for a library whose
// findings map back through each macro's offsets. Runs the built CLI (npm test builds dist/).
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintInWorkers, workerThreads, MIN_DOCUMENTS } from '../src/cli/workers.js';
import { defaultConfig, lintUnit } from '../src/core/linter.js';
import { builtinRules } from '../src/rules/index.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'attune.js');
let dir: string;

function drafts(): string[] {
  const out: string[] = [];
  const base = join(ROOT, 'fixtures');
  for (const d of readdirSync(base).sort()) {
    if (d === 'libraries' || !statSync(join(base, d)).isDirectory()) continue;
    for (const f of readdirSync(join(base, d)).sort()) {
      if (!f.endsWith('.txt')) continue;
      const text = readFileSync(join(base, d, f), 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('#!') && !/^\s*\^+/.test(l))
        .join('\n');
      out.push(text);
    }
  }
  return out;
}

function run(args: string[], workers: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, '--format', 'json', '--no-config-lookup', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ATTUNE_WORKERS: workers, NO_COLOR: '1' },
    maxBuffer: 1 << 28,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'attune-workers-'));
  const texts = drafts();
  mkdirSync(join(dir, 'drafts'));
  // Emoji and accents on some lines: columns are counted in graphemes, offsets in UTF-16 units.
  texts.forEach((t, i) => writeFileSync(join(dir, 'drafts', `d${String(i).padStart(3, '0')}.txt`), i % 7 === 0 ? `${t}\nMerci, José 🎉\n` : t));
  const library = texts.map((t, i) => ({ name: `Macro ${i}`, body: i % 5 === 0 ? `🙂 ${t}` : t }));
  writeFileSync(join(dir, 'library.json'), JSON.stringify(library, null, 2));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('linting on worker threads', () => {
  it('gives the same report as in-process linting, for files and for a library', { timeout: 240_000 }, () => {
    for (const args of [['drafts'], ['library.json'], ['drafts', 'library.json']]) {
      const serial = run(args, '0');
      expect(serial.status, serial.stderr).toBe(1);
      const results = JSON.parse(serial.stdout).results as unknown[];
      expect(results.length).toBeGreaterThan(100);
      for (const workers of ['2', '3']) {
        const parallel = run(args, workers);
        expect(parallel.stderr).toBe(serial.stderr);
        expect(parallel.status).toBe(serial.status);
        expect(parallel.stdout).toBe(serial.stdout);
      }
    }
  });

  it('is used only for many documents on several cores, unless ATTUNE_WORKERS says otherwise', () => {
    const yes = () => true;
    expect(workerThreads(MIN_DOCUMENTS - 1, {}, 2, yes)).toBe(0);
    expect(workerThreads(MIN_DOCUMENTS * 10, {}, 2, yes)).toBe(2);
    expect(workerThreads(MIN_DOCUMENTS * 10, {}, 8, yes)).toBe(8);
    expect(workerThreads(MIN_DOCUMENTS, {}, 8, yes)).toBe(2);
    expect(workerThreads(MIN_DOCUMENTS * 10, {}, 1, yes)).toBe(0);
    expect(workerThreads(MIN_DOCUMENTS * 10, {}, 2, () => false)).toBe(0);
    expect(workerThreads(5, { ATTUNE_WORKERS: '3' }, 1, yes)).toBe(3);
    expect(workerThreads(2, { ATTUNE_WORKERS: '3' }, 1, yes)).toBe(2);
    for (const off of ['0', '1', 'lots', '-2']) expect(workerThreads(MIN_DOCUMENTS * 10, { ATTUNE_WORKERS: off }, 2, yes)).toBe(0);
  });
});

describe('a worker that dies', () => {
  const units = Array.from({ length: 600 }, (_, i) => ({ text: `Hi Sam,\n\nYour refund ${i} went out today.\n`, file: `d${i}.txt`, document: null }));
  const job = { units, config: defaultConfig(), rules: builtinRules };
  const dying = new URL('./helpers/dying-worker.mjs', import.meta.url);

  it('fails the run with a clear error instead of hanging or dropping documents (exit)', async () => {
    await expect(lintInWorkers([job], 2, { workerUrl: dying })).rejects.toThrow(/^a lint worker thread exited \(code 7\) before finishing its documents$/);
  });

  it('fails the run with the worker\'s own error (uncaught throw)', async () => {
    process.env.WORKER_DEATH = 'throw';
    try {
      await expect(lintInWorkers([job], 3, { workerUrl: dying })).rejects.toThrow(/^a lint worker thread crashed: the worker broke$/);
    } finally {
      delete process.env.WORKER_DEATH;
    }
  });

  it('with healthy workers the same units give the in-process results', async () => {
    const here = units.map((u) => lintUnit(u, { config: job.config, rules: builtinRules }));
    const built = new URL('../dist/cli/worker.js', import.meta.url);
    const [outcome] = await lintInWorkers([job], 2, { workerUrl: built });
    expect(outcome).toEqual({ results: here });
  });
});

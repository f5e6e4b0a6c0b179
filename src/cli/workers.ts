// Linting many documents on every core. Units are read in the main thread (whatever the reader)
// and linted in chunks from a shared queue, by worker threads and by the main thread itself, all
// with the same lintUnit, then put back in input order, so the report is byte for byte the
// in-process one.
//
// What crosses the thread boundary is plain data: a unit's text, format, name and document ref,
// plus, for a unit that is part of a bigger file (a macro in a library), the file's text (sent once
// per worker) and the unit→file offset table its toFileOffset function stands for. Rules and
// configs are the built-ins and JSON; custom rules (embedding, tests) and a customer's message
// stay in-process.
//
// Failures are never silent: a rule crash comes back as that document's outcome (the caller
// reports it for its file, as in-process); a worker that dies fails the whole run.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { RuleCrash } from '../core/errors.js';
import { lintUnit, type LintUnit, type ResolvedConfig } from '../core/linter.js';
import type { DocumentRef, DocumentResult, Rule } from '../core/types.js';
import { builtinRules } from '../rules/index.js';
import { vocabularyRule } from '../core/vocabulary.js';

/** Rules a worker can run itself (module-level objects, same in every thread), by id. */
export const PORTABLE_RULES: ReadonlyMap<string, Rule> = new Map([...builtinRules, vocabularyRule].map((r) => [r.meta.id, r]));
import type { SourceFormat } from '../core/document.js';

/** One unit linted, as a result or, if a rule crashed, the crash as plain data (either thread). */
export function lintOutcome(unit: LintUnit, config: ResolvedConfig, rules: readonly Rule[]): WireResult {
  try {
    return { result: lintUnit(unit, { config, rules }) };
  } catch (err) {
    const cause = err instanceof RuleCrash ? err.cause : err;
    return {
      crash: {
        ruleId: err instanceof RuleCrash ? err.ruleId : null,
        message: cause instanceof Error ? cause.message : String(cause),
        stack: cause instanceof Error ? (cause.stack ?? null) : null,
      },
    };
  }
}

/**
 * Below this many documents a second thread costs more than it saves. Each thread warms up on its
 * own: it starts, then compiles each phrase regex the first time a draft needs it and optimises
 * the rules' code, and on this project's drafts that takes thousands of documents to pay back.
 * Measured on 2 cores (`npm run bench` corpora, wall time, one thread vs two): 1,000 drafts 0.56
 * vs 0.76 s, 4,000 1.5 vs 1.7 s, 6,000 2.1 vs 2.0 s, 10,000 2.7 vs 2.3 s.
 */
export const MIN_DOCUMENTS = 5000;

export interface WorkerInit {
  configs: ResolvedConfig[];
  /** Rule ids per rule set, in the order the caller runs them. */
  ruleSets: string[][];
  fileTexts: string[];
}

export interface WireUnit {
  text: string;
  format?: SourceFormat;
  file: string;
  document: DocumentRef | null;
  config: number;
  ruleSet: number;
  fileText?: number;
  offsets?: Int32Array | Float64Array;
}

export interface WireChunk {
  id: number;
  units: WireUnit[];
}

export type WireResult = { result: DocumentResult } | { crash: { ruleId: string | null; message: string; stack: string | null } };

export interface ParallelJob {
  units: readonly LintUnit[];
  config: ResolvedConfig;
  /** Portable rules only (see PORTABLE_RULES). */
  rules: readonly Rule[];
}

/** A job's results, or the first crash among its units (in unit order, as in-process linting stops there). */
export type JobOutcome = { results: DocumentResult[] } | { error: Error };

function workerUrl(): URL | null {
  // Beside this module: dist/cli/worker.js (tsc) or dist/bundle/worker.js (the bundle). Running
  // from TypeScript sources (tests) there is none, and linting stays in-process.
  const url = new URL('./worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * How many worker threads to use for `documents` documents: 0 means lint in-process. ATTUNE_WORKERS
 * overrides (0 or 1: in-process; N: N threads whatever the count, which tests use).
 */
export function workerThreads(
  documents: number,
  env: Record<string, string | undefined>,
  cores = availableParallelism(),
  available = (): boolean => workerUrl() !== null,
): number {
  const forced = env.ATTUNE_WORKERS;
  if (forced !== undefined && forced.trim() !== '') {
    const n = Number(forced);
    if (!Number.isInteger(n) || n <= 1 || documents === 0 || !available()) return 0;
    return Math.min(n, documents);
  }
  if (cores < 2 || documents < MIN_DOCUMENTS || !available()) return 0;
  return Math.min(cores, Math.ceil(documents / (MIN_DOCUMENTS / 2)));
}

export interface FileJob {
  units: readonly LintUnit[];
  config: ResolvedConfig;
  /** The rules this file's config runs. */
  rules: readonly Rule[];
  /** The customer's message, if any: such files stay in-process. */
  context: unknown;
}

/**
 * The lint command's entry: lints on worker threads the files that can be (built-in rules only,
 * no customer context) when there are enough documents, and returns each file's outcome, or
 * undefined for a file left to the caller (all of them when workers do not pay off).
 */
export async function lintOnWorkers(files: readonly FileJob[], env: Record<string, string | undefined>): Promise<Array<JobOutcome | undefined>> {
  const eligible = files.map((f) => f.context === null && f.rules.every((r) => PORTABLE_RULES.get(r.meta.id) === r));
  const documents = files.reduce((n, f, i) => n + (eligible[i] ? f.units.length : 0), 0);
  const threads = workerThreads(documents, env);
  const out: Array<JobOutcome | undefined> = files.map(() => undefined);
  if (threads === 0) return out;
  const picked = files.flatMap((f, i) => (eligible[i] ? [i] : []));
  let outcomes: JobOutcome[];
  try {
    outcomes = await lintInWorkers(picked.map((i) => files[i]!), threads);
  } catch (err) {
    // A config that cannot be sent to a thread (DataCloneError) is not a failure: lint in-process.
    if ((err as Error).name === 'DataCloneError') return out;
    throw err;
  }
  picked.forEach((fileIndex, k) => (out[fileIndex] = outcomes[k]));
  return out;
}

/** Lint every job's units on `threads` workers; outcomes in job order. */
export async function lintInWorkers(jobs: readonly ParallelJob[], threads: number, options: { workerUrl?: URL } = {}): Promise<JobOutcome[]> {
  // options.workerUrl: another worker script, for tests of what happens when a worker dies.
  const url = options.workerUrl ?? workerUrl();
  if (!url) throw new Error('worker threads are not available (dist/ is not built)');
  const { Worker } = await import('node:worker_threads');
  const configs: ResolvedConfig[] = [];
  const configIndex = new Map<ResolvedConfig, number>();
  const ruleSets: string[][] = [];
  const ruleSetIndex = new Map<string, number>();
  const fileTexts: string[] = [];
  const fileTextIndex = new Map<string, number>();
  const wire: WireUnit[] = [];
  const owner: number[] = [];
  /** The same units as they are, for the chunks the main thread lints itself. */
  const local: Array<{ unit: LintUnit; config: ResolvedConfig; rules: readonly Rule[] }> = [];
  jobs.forEach((job, j) => {
    let c = configIndex.get(job.config);
    if (c === undefined) {
      c = configs.push(job.config) - 1;
      configIndex.set(job.config, c);
    }
    const ids = job.rules.map((r) => r.meta.id);
    let rs = ruleSetIndex.get(ids.join('\0'));
    if (rs === undefined) {
      rs = ruleSets.push(ids) - 1;
      ruleSetIndex.set(ids.join('\0'), rs);
    }
    for (const unit of job.units) {
      const w: WireUnit = { text: unit.text, file: unit.file, document: unit.document ?? null, config: c, ruleSet: rs };
      if (unit.format !== undefined) w.format = unit.format;
      if (unit.fileText !== undefined) {
        let f = fileTextIndex.get(unit.fileText);
        if (f === undefined) {
          f = fileTexts.push(unit.fileText) - 1;
          fileTextIndex.set(unit.fileText, f);
        }
        w.fileText = f;
      }
      if (unit.toFileOffset) {
        const table = new Float64Array(unit.text.length + 1);
        for (let o = 0; o <= unit.text.length; o++) table[o] = unit.toFileOffset(o);
        w.offsets = table;
      }
      wire.push(w);
      owner.push(j);
      local.push({ unit, config: job.config, rules: job.rules });
    }
  });

  // Small chunks from a shared queue balance uneven documents; big enough to keep messages few.
  const size = Math.max(16, Math.min(250, Math.ceil(wire.length / (threads * 8))));
  const chunks: WireChunk[] = [];
  const starts: number[] = [];
  for (let i = 0; i < wire.length; i += size) {
    starts.push(i);
    chunks.push({ id: chunks.length, units: wire.slice(i, i + size) });
  }
  const results: WireResult[][] = new Array(chunks.length);

  // The main thread is one of the `threads`: it lints chunks from the same queue while threads - 1
  // workers do. A process linting on one thread already keeps ~1.2 cores busy (garbage collection
  // and compilation run beside it), and every worker repeats the start-up and the warm-up of the
  // code; with one worker per core the second core went to that, and two threads were no faster
  // than one (2.5 s vs 2.7 s for 10,000 drafts).
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const workers: Worker[] = [];
    const finish = (): void => {
      if (done < chunks.length || failed) return;
      for (const x of workers) void x.terminate();
      resolve();
    };
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    const feed = (w: Worker): void => {
      try {
        if (next < chunks.length && !failed) w.postMessage(chunks[next++]);
      } catch (err) {
        fail(err as Error);
      }
    };
    for (let t = 0; t < Math.min(threads - 1, chunks.length) && !failed; t++) {
      let w: Worker;
      try {
        w = new Worker(url, { workerData: { configs, ruleSets, fileTexts } satisfies WorkerInit });
      } catch (err) {
        fail(err as Error);
        return;
      }
      workers.push(w);
      w.on('message', (msg: { id: number; results: WireResult[] }) => {
        results[msg.id] = msg.results;
        done++;
        feed(w);
        finish();
      });
      w.on('error', (err) => fail(new Error(`a lint worker thread crashed: ${err.message}`, { cause: err })));
      w.on('exit', (code) => {
        if (done < chunks.length) fail(new Error(`a lint worker thread exited (code ${code}) before finishing its documents`));
      });
      // Two chunks in flight: a worker has the next one at hand while the main thread, busy
      // linting, has not yet taken its message.
      feed(w);
      feed(w);
    }
    // The main thread's share, a few documents at a time so that workers' messages are taken
    // (and new chunks sent) in between.
    const lintHere = (): void => {
      if (failed) return;
      if (next >= chunks.length) return finish();
      const id = next++;
      const from = starts[id]!;
      const out: WireResult[] = [];
      const step = (k: number): void => {
        if (failed) return;
        const stop = Math.min(chunks[id]!.units.length, k + 16);
        for (; k < stop; k++) {
          const { unit, config, rules } = local[from + k]!;
          out.push(lintOutcome(unit, config, rules));
        }
        if (k < chunks[id]!.units.length) setImmediate(step, k);
        else {
          results[id] = out;
          done++;
          finish();
          setImmediate(lintHere);
        }
      };
      step(0);
    };
    if (chunks.length === 0) resolve();
    else setImmediate(lintHere);
  });

  const outcomes: JobOutcome[] = jobs.map(() => ({ results: [] }));
  let k = 0;
  for (const chunk of results) {
    for (const r of chunk) {
      const file = wire[k]!.file;
      const j = owner[k++]!;
      const o = outcomes[j]!;
      if ('error' in o) continue;
      if ('crash' in r) {
        const cause = new Error(r.crash.message);
        if (r.crash.stack) cause.stack = r.crash.stack;
        outcomes[j] = { error: r.crash.ruleId ? new RuleCrash(r.crash.ruleId, file, cause) : cause };
      } else o.results.push(r.result);
    }
  }
  return outcomes;
}

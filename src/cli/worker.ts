// A lint worker thread (see workers.ts): lints the units it is sent with lintUnit, exactly as the
// main thread would, and posts the results back. A rule crash is a result, not a failure of the
// worker: the main thread reports it for its file as the in-process path does.

import { parentPort, workerData } from 'node:worker_threads';
import type { LintUnit } from '../core/linter.js';
import { lintOutcome, PORTABLE_RULES, type WireChunk, type WireResult, type WorkerInit } from './workers.js';
import type { Rule } from '../core/types.js';

const init = workerData as WorkerInit;
const ruleSets: Rule[][] = init.ruleSets.map((ids) => ids.map((id) => PORTABLE_RULES.get(id)!));

function toUnit(u: WireChunk['units'][number]): LintUnit {
  const unit: LintUnit = { text: u.text, file: u.file, document: u.document };
  if (u.format !== undefined) unit.format = u.format;
  if (u.fileText !== undefined) unit.fileText = init.fileTexts[u.fileText]!;
  if (u.offsets) {
    const table = u.offsets;
    const last = table.length - 1;
    unit.toFileOffset = (o) => table[Math.max(0, Math.min(o, last))]!;
  }
  return unit;
}

parentPort!.on('message', (chunk: WireChunk) => {
  const results: WireResult[] = chunk.units.map((u) => lintOutcome(toUnit(u), init.configs[u.config]!, ruleSets[u.ruleSet]!));
  parentPort!.postMessage({ id: chunk.id, results });
});

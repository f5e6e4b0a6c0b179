// Baselines: adopt attune on a library that already has findings without fixing them all first.
// `--write-baseline FILE` records today's findings; `--baseline FILE` then reports (and fails on)
// only findings that are not in it. A finding is identified by rule + document identity + the
// normalized text it covers, never by line number, so moving a paragraph or inserting lines above
// it does not resurrect old debt. Identical findings in one document are counted, so adding a
// third copy of a recorded duplicate is new. The file stores hashes, never draft text: drafts can
// hold customers' private data and a baseline is committed to the repository.
//
// The fingerprint helpers here are also what SARIF's partialFingerprints are built from, so a
// finding keeps the same identity in every CI output.

import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { AttuneError } from './errors.js';
import { sha256, writeFileAtomic } from './cache.js';
import type { DocumentRef, DocumentResult, Finding } from './types.js';

export const BASELINE_VERSION = 1;

/** A path as stored in reports meant to outlive this machine: relative to cwd, forward slashes. */
export function portablePath(file: string, cwd: string): string {
  if (file.startsWith('<')) return file; // <stdin>, <text>
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  return rel.split(sep).join('/').replace(/^\.\//, '');
}

/** Identifies a document across runs: its file, and within a library its id (or name, or index). */
export function documentKey(file: string, document: DocumentRef | null, cwd: string): string {
  const path = portablePath(file, cwd);
  if (!document) return path;
  const inner = document.id ?? document.name ?? `#${document.index}`;
  return `${path}#${inner}`;
}

/** Case, whitespace and typographic variants must not make an old finding look new. */
export function normalizeMatchedText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The identity of a finding without its position: rule + document + normalized matched text. */
export function findingHash(result: Pick<DocumentResult, 'file' | 'document'>, finding: Pick<Finding, 'rule' | 'text'>, cwd: string): string {
  return sha256([finding.rule, documentKey(result.file, result.document, cwd), normalizeMatchedText(finding.text)].join('\u0000'));
}

/**
 * Per finding, its hash and how many identical findings precede it in the same document (in
 * document order). SARIF fingerprints add the occurrence so duplicates stay distinct alerts.
 */
export function findingIdentities(result: DocumentResult, cwd: string): Array<{ hash: string; occurrence: number }> {
  const seen = new Map<string, number>();
  return result.findings.map((f) => {
    const hash = findingHash(result, f, cwd);
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    return { hash, occurrence };
  });
}

// ---------------------------------------------------------------------------------------------
// The baseline file

export interface BaselineEntry {
  /** Portable path of the file (kept readable so reviewers see which file a change touches). */
  file: string;
  /** Document id/name inside a library file, or null for a plain draft. */
  document: string | null;
  rule: string;
  /** findingHash(): sha256 of rule, document and normalized matched text. */
  hash: string;
  /** How many identical findings the document had when the baseline was written. */
  count: number;
}

export interface Baseline {
  tool: 'attune';
  baselineVersion: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.file, b.file) || cmp(a.document ?? '', b.document ?? '') || cmp(a.rule, b.rule) || cmp(a.hash, b.hash);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The baseline that accepts exactly the findings in `results`. */
export function createBaseline(results: readonly DocumentResult[], cwd: string): Baseline {
  const byHash = new Map<string, BaselineEntry>();
  for (const r of results) {
    const document = r.document ? (r.document.id ?? r.document.name ?? `#${r.document.index}`) : null;
    for (const f of r.findings) {
      const hash = findingHash(r, f, cwd);
      const entry = byHash.get(hash);
      if (entry) entry.count++;
      else byHash.set(hash, { file: portablePath(r.file, cwd), document, rule: f.rule, hash, count: 1 });
    }
  }
  return { tool: 'attune', baselineVersion: BASELINE_VERSION, entries: [...byHash.values()].sort(compareEntries) };
}

/** `fresh` replaces `previous` for the files in `linted`; other files' entries are kept. */
export function mergeBaseline(previous: Baseline, fresh: Baseline, linted: ReadonlySet<string>): Baseline {
  const kept = previous.entries.filter((e) => !linted.has(e.file));
  return { tool: 'attune', baselineVersion: BASELINE_VERSION, entries: [...kept, ...fresh.entries].sort(compareEntries) };
}

/** One entry per line: a finding fixed or added shows as a one-line diff in review. */
export function serializeBaseline(baseline: Baseline): string {
  const lines = baseline.entries.map((e) => `    ${JSON.stringify({ file: e.file, document: e.document, rule: e.rule, hash: e.hash, count: e.count })}`);
  const body = lines.length ? `[\n${lines.join(',\n')}\n  ]` : '[]';
  return `{\n  "tool": "attune",\n  "baselineVersion": ${BASELINE_VERSION},\n  "entries": ${body}\n}\n`;
}

export function parseBaseline(text: string, location: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AttuneError('input', `baseline is not valid JSON (${(err as Error).message})`, location);
  }
  const obj = data as Partial<Baseline> | null;
  if (!obj || typeof obj !== 'object' || obj.tool !== 'attune') {
    throw new AttuneError('input', 'not an attune baseline (expected "tool": "attune")', location);
  }
  if (obj.baselineVersion !== BASELINE_VERSION) {
    throw new AttuneError('input', `unsupported baselineVersion ${JSON.stringify(obj.baselineVersion)} (this attune reads ${BASELINE_VERSION}); rewrite it with --write-baseline`, location);
  }
  if (!Array.isArray(obj.entries)) throw new AttuneError('input', '"entries" must be an array', location);
  const entries: BaselineEntry[] = obj.entries.map((e: Partial<BaselineEntry>, i: number) => {
    const ok =
      e && typeof e === 'object' && typeof e.file === 'string' && (e.document === null || typeof e.document === 'string') &&
      typeof e.rule === 'string' && typeof e.hash === 'string' && /^[0-9a-f]{64}$/.test(e.hash) &&
      Number.isInteger(e.count) && (e.count as number) > 0;
    if (!ok) throw new AttuneError('input', `entries[${i}]: expected {file, document, rule, hash (sha256 hex), count >= 1}`, location);
    return { file: e.file!, document: e.document!, rule: e.rule!, hash: e.hash!, count: e.count! };
  });
  return { tool: 'attune', baselineVersion: BASELINE_VERSION, entries };
}

export async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AttuneError('input', `cannot read baseline (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, path);
  }
  return parseBaseline(text, path);
}

export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  try {
    await writeFileAtomic(path, serializeBaseline(baseline));
  } catch (err) {
    throw new AttuneError('input', `cannot write baseline (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, path);
  }
}

export interface BaselineOutcome {
  /** The results with baselined findings removed (scores are left as they were: they grade the draft). */
  results: DocumentResult[];
  /** How many findings the baseline absorbed. */
  suppressed: number;
  /** Baseline entries (counted per occurrence) that no longer occur: debt that was paid off. */
  fixed: number;
  /** The baseline without the fixed occurrences, for --prune-baseline. */
  pruned: Baseline;
}

/**
 * Keep only findings the baseline does not account for. A baseline entry covers up to `count`
 * identical findings; the first ones in document order are treated as the old ones.
 *
 * `linted` says which files this run looked at: entries of other files (not linted because of
 * --changed-since, or a narrower path argument) are neither fixed nor pruned.
 */
export function applyBaseline(
  results: readonly DocumentResult[],
  baseline: Baseline,
  cwd: string,
  linted: ReadonlySet<string> = new Set(results.map((r) => portablePath(r.file, cwd))),
): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(e.hash, (remaining.get(e.hash) ?? 0) + e.count);
  let suppressed = 0;
  const out = results.map((r) => {
    const findings = r.findings.filter((f) => {
      const hash = findingHash(r, f, cwd);
      const left = remaining.get(hash) ?? 0;
      if (left > 0) {
        remaining.set(hash, left - 1);
        suppressed++;
        return false;
      }
      return true;
    });
    return findings.length === r.findings.length ? r : { ...r, findings };
  });
  let fixed = 0;
  const kept: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    if (!linted.has(e.file)) {
      kept.push(e);
      continue;
    }
    // Entries with the same hash share one pool (only possible in a hand-merged file).
    const left = remaining.get(e.hash) ?? 0;
    const gone = Math.min(left, e.count);
    remaining.set(e.hash, left - gone);
    fixed += gone;
    if (e.count - gone > 0) kept.push({ ...e, count: e.count - gone });
  }
  return { results: out, suppressed, fixed, pruned: { tool: 'attune', baselineVersion: BASELINE_VERSION, entries: kept.sort(compareEntries) } };
}

// The CI side of the lint command (issue 6), kept out of lint.ts so that file stays about linting:
// several outputs at once (`--format json:out.json --format sarif:out.sarif`), --min-mean-score,
// baselines (--baseline, --write-baseline, --prune-baseline), the result cache (--cache,
// --cache-location) and --changed-since. lint.ts calls in at four points: options, the inputs,
// each file's linting, and the end of the run. None of this changes exit codes' meaning: 0 clean,
// 1 findings or a threshold, 2 usage/config/input; whatever the formats and wherever they go.

import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttuneError } from '../core/errors.js';
import type { CustomerContextAnalysis, ResolvedConfig } from '../core/linter.js';
import type { DocumentResult, Rule } from '../core/types.js';
import type { SourceFile } from '../sources/types.js';
import { nonNegativeInt, packageVersion, useColor, writeReport, type CommandIO } from './io.js';
import type { SarifOptions } from '../formatters/sarif.js';

export interface CiFlags {
  format: string[];
  output?: string;
  color: boolean;
  minMeanScore?: number;
  baseline?: string;
  writeBaseline?: string;
  pruneBaseline?: boolean;
  cache?: boolean;
  cacheLocation: string;
  changedSince?: string;
  debug?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `-f, --format` is repeatable: `name` or `name:path`. */
export const formatOption = (): Option =>
  new Option('-f, --format <name[:path]>', 'output format (stylish, compact, json, sarif, junit, github, checkstyle); repeat with name:path for several reports')
    .argParser(collect)
    .default([] as string[], 'stylish');

export function addCiOptions(command: Command): Command {
  return command
    .addOption(new Option('--min-mean-score <n>', 'exit 1 when the mean score over all documents is below n (0-100)').argParser(nonNegativeInt('--min-mean-score')))
    .option('--baseline <file>', 'report and fail only on findings that are not in this baseline')
    .option('--write-baseline <file>', "record the current findings as the baseline (existing debt) and don't fail on them")
    .option('--prune-baseline', 'with --baseline: remove entries for findings that are fixed')
    .option('--cache', 'reuse results of unchanged files (content, config, rule data and attune version)')
    .option('--cache-location <path>', 'cache file, or a directory to put .attunecache in', '.attunecache')
    .option('--changed-since <ref>', 'lint only files changed since this git ref (plus uncommitted and untracked ones)');
}

// ---------------------------------------------------------------------------------------------
// Outputs

export interface OutputSpec {
  format: string;
  /** Undefined: stdout. */
  path?: string;
}

/** Validate every --format before anything is linted, so a typo fails fast with exit 2. */
export function parseOutputs(values: readonly string[], output: string | undefined, available: readonly string[]): OutputSpec[] {
  const specs: OutputSpec[] = (values.length ? values : ['stylish']).map((value) => {
    const colon = value.indexOf(':');
    const format = colon < 0 ? value : value.slice(0, colon);
    const path = colon < 0 ? undefined : value.slice(colon + 1);
    if (!available.includes(format)) {
      throw new AttuneError('usage', `unknown format "${format}" (available: ${available.join(', ')})`, '--format');
    }
    if (path === '') throw new AttuneError('usage', `"${value}": expected a file name after ":"`, '--format');
    return path === undefined ? { format } : { format, path };
  });
  const unnamed = specs.filter((s) => s.path === undefined);
  if (unnamed.length > 1) {
    throw new AttuneError('usage', `${unnamed.map((s) => s.format).join(' and ')} would both write to ${output ?? 'stdout'}; give all but one a file (name:path)`, '--format');
  }
  if (output !== undefined) {
    if (!unnamed[0]) throw new AttuneError('usage', 'every --format already names its file; drop -o or a :path', '--output');
    unnamed[0].path = output;
  }
  const seen = new Set<string>();
  for (const s of specs) {
    if (s.path === undefined) continue;
    if (seen.has(s.path)) throw new AttuneError('usage', `two reports would write to ${s.path}`, '--format');
    seen.add(s.path);
  }
  return specs;
}

/** `rules`: every rule that ran under any file's config (plugins and custom rules included), for SARIF's rule list. */
export async function writeOutputs(
  results: readonly DocumentResult[],
  specs: readonly OutputSpec[],
  flags: Pick<CiFlags, 'color'>,
  io: CommandIO,
  rules?: readonly Rule[],
  fileEdit?: SarifOptions['fileEdit'],
): Promise<void> {
  const { formatters } = await import('../formatters/index.js');
  for (const spec of specs) {
    const options = { color: spec.path ? false : useColor(flags.color, io), version: packageVersion(), cwd: io.cwd };
    if (spec.format === 'github') {
      const { formatGithub } = await import('../formatters/github.js');
      const { log, summary } = formatGithub(results, options);
      await writeReport(log, spec.path, io);
      const summaryFile = io.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) await appendStepSummary(resolve(io.cwd, summaryFile), summary);
      continue;
    }
    if (spec.format === 'sarif') {
      const { sarif, docsBaseFromPackage } = await import('../formatters/sarif.js');
      const helpBaseUri = docsBaseFromPackage(packageJson(), options.version);
      // Plugin and custom rules describe themselves; rules seen only in results get a minimal entry.
      const metas = (rules ?? io.rules)?.map((r) => r.meta);
      await writeReport(sarif(results, { ...options, ...(helpBaseUri ? { helpBaseUri } : {}), ...(metas ? { rules: metas } : {}), ...(fileEdit ? { fileEdit } : {}) }), spec.path, io);
      continue;
    }
    const formatter = await formatters[spec.format]!();
    await writeReport(formatter(results, options), spec.path, io);
  }
}

/** attune's own package.json (dist/cli or src/cli → package root). */
function packageJson(): { repository?: string | { url?: string } } {
  const path = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  return JSON.parse(readFileSync(path, 'utf8')) as { repository?: string | { url?: string } };
}

async function appendStepSummary(path: string, text: string): Promise<void> {
  const { appendFile } = await import('node:fs/promises');
  try {
    await appendFile(path, text, 'utf8');
  } catch (err) {
    throw new AttuneError('input', `cannot append to the job summary (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'GITHUB_STEP_SUMMARY');
  }
}

// ---------------------------------------------------------------------------------------------
// The session: changed-since, cache and baseline around one lint run

export class CiSession {
  private cache: import('../core/cache.js').ResultCache | null = null;
  private cacheModule: typeof import('../core/cache.js') | null = null;
  private changed: Set<string> | null = null;
  private readonly notes: string[] = [];

  private constructor(
    private readonly flags: CiFlags,
    private readonly io: CommandIO,
  ) {}

  /** Checks flag combinations, reads git and the cache; throws AttuneError for usage problems. */
  static async open(flags: CiFlags, io: CommandIO): Promise<CiSession> {
    if (flags.pruneBaseline && !flags.baseline) throw new AttuneError('usage', 'needs --baseline FILE (the baseline to prune)', '--prune-baseline');
    if (flags.minMeanScore !== undefined && flags.minMeanScore > 100) throw new AttuneError('usage', `scores are 0-100, got ${flags.minMeanScore}`, '--min-mean-score');
    const session = new CiSession(flags, io);
    if (flags.changedSince !== undefined) {
      const { changedFiles } = await import('../sources/git.js');
      session.changed = await changedFiles(flags.changedSince, io.cwd);
    }
    if (flags.cache) {
      session.cacheModule = await import('../core/cache.js');
      const { ResultCache, resolveCacheLocation, ruleDataHash } = session.cacheModule;
      const path = await resolveCacheLocation(flags.cacheLocation, io.cwd);
      session.cache = await ResultCache.open(path, ResultCache.stampFor(packageVersion(), await ruleDataHash()));
    }
    return session;
  }

  /** --changed-since: keep only inputs git reports as changed (stdin is never filtered). */
  filterInputs<T extends { absPath: string }>(refs: readonly T[]): T[] {
    if (!this.changed) return [...refs];
    const kept = refs.filter((r) => this.changed!.has(resolve(r.absPath)));
    if (kept.length === 0) this.notes.push(`no files to lint changed since ${this.flags.changedSince}`);
    return kept;
  }

  /** Results for one file: from the cache when content and config are unchanged, else linted (and stored). */
  lintFile(source: SourceFile, config: ResolvedConfig, context: CustomerContextAnalysis | null, lint: () => DocumentResult[]): DocumentResult[] {
    if (!this.cache || source.absPath === null) return lint();
    const configHash = this.configHash(config, context);
    const hit = this.cache.get(source.absPath, source.file, source.text, configHash, context?.result ?? null);
    if (hit) return hit;
    const results = lint();
    this.cache.set(source.absPath, source.text, configHash, results);
    return results;
  }

  private configHashes = new WeakMap<ResolvedConfig, string>();
  private configHash(config: ResolvedConfig, context: CustomerContextAnalysis | null): string {
    const { hashValue } = this.cacheModule!;
    let h = this.configHashes.get(config);
    if (h === undefined) {
      // Custom rules (embedding, tests) are part of what shapes results; built-ins are covered by the version.
      h = hashValue({ config, rules: this.io.rules ? this.io.rules.map((r) => r.meta) : 'builtin' });
      this.configHashes.set(config, h);
    }
    // The customer's message changes what context-aware rules report.
    return context ? hashValue({ config: h, context: context.customer.doc.source }) : h;
  }

  /**
   * After linting: save the cache, apply/write/prune the baseline, and report what happened on
   * stderr. Returns the results to report and to compute the exit code from.
   */
  async finish(results: DocumentResult[]): Promise<DocumentResult[]> {
    if (this.cache) {
      // The cache is an optimisation: failing to write it is worth a note, not a failed run.
      await this.cache.save().catch((err: NodeJS.ErrnoException) => {
        this.notes.push(`cannot write the cache ${this.cache!.path} (${err.code ?? err.message}); results were not cached`);
      });
      if (this.flags.debug) this.notes.push(`cache ${relative(this.io.cwd, this.cache.path) || this.cache.path}: ${this.cache.stats.hits} reused, ${this.cache.stats.misses} linted`);
    }
    let out = results;
    // Loaded only for baselines: it pulls in node:crypto, a few ms on every plain run.
    const usesBaseline = Boolean(this.flags.baseline || this.flags.writeBaseline);
    const { applyBaseline, createBaseline, mergeBaseline, portablePath, readBaseline, writeBaseline } = usesBaseline ? await import('../core/baseline.js') : ({} as typeof import('../core/baseline.js'));
    // Files with results: a file whose rule crashed is not linted, so its entries are not "fixed".
    const linted = new Set(usesBaseline ? results.map((r) => portablePath(r.file, this.io.cwd)) : []);
    if (this.flags.baseline) {
      const path = resolve(this.io.cwd, this.flags.baseline);
      const baseline = await readBaseline(path);
      const outcome = applyBaseline(out, baseline, this.io.cwd, linted);
      out = outcome.results;
      const parts = [`${outcome.suppressed} known ${outcome.suppressed === 1 ? 'finding' : 'findings'} hidden`];
      if (outcome.fixed > 0) {
        if (this.flags.pruneBaseline) {
          await writeBaseline(path, outcome.pruned);
          parts.push(`${outcome.fixed} fixed ${outcome.fixed === 1 ? 'entry' : 'entries'} pruned from ${this.flags.baseline}`);
        } else {
          parts.push(`${outcome.fixed} ${outcome.fixed === 1 ? 'entry is' : 'entries are'} now fixed (remove with --prune-baseline)`);
        }
      }
      this.notes.push(`baseline ${this.flags.baseline}: ${parts.join(', ')}`);
    }
    if (this.flags.writeBaseline) {
      const path = resolve(this.io.cwd, this.flags.writeBaseline);
      // Everything found, also what --baseline hid: writing over the baseline in use must keep it.
      const fresh = createBaseline(results, this.io.cwd);
      // Entries of files this run did not look at (a narrower path, --changed-since) are kept.
      const previous = await readBaseline(path).catch(() => null);
      await writeBaseline(path, previous ? mergeBaseline(previous, fresh, linted) : fresh);
      const count = fresh.entries.reduce((n, e) => n + e.count, 0);
      this.notes.push(`baseline ${this.flags.writeBaseline}: recorded ${count} ${count === 1 ? 'finding' : 'findings'}`);
      out = out.map((r) => (r.findings.length ? { ...r, findings: [] } : r));
    }
    for (const note of this.notes) this.io.stderr.write(`attune: ${note}\n`);
    return out;
  }

  /** --min-mean-score: 1 when the run's mean score is below the threshold. */
  meanScoreExit(results: readonly DocumentResult[]): number {
    const min = this.flags.minMeanScore;
    if (min === undefined || results.length === 0) return 0;
    const mean = results.reduce((s, r) => s + r.score, 0) / results.length;
    if (mean >= min) return 0;
    this.io.stderr.write(`attune: mean score ${Math.round(mean * 10) / 10} over ${results.length} ${results.length === 1 ? 'document' : 'documents'} is below --min-mean-score ${min}\n`);
    return 1;
  }
}

// The default command: `attune [paths...]` lints drafts and prints a report. Heavy modules (the
// linter and its rules, cosmiconfig, the chosen formatter) load inside the action so `--help` and
// `--version` stay fast.

import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { AttuneError, RuleCrash } from '../../core/errors.js';
import type { DocumentResult, Rule } from '../../core/types.js';
import type { LintUnit } from '../../core/linter.js';
import { nonNegativeInt, packageVersion, useColor, writeReport, type CommandIO } from '../io.js';
import { addCiOptions, formatOption, type CiFlags } from '../ci-options.js';
import { parseSize } from '../../sources/decode.js';

interface LintFlags extends CiFlags {
  format: string[];
  output?: string;
  config?: string;
  configLookup: boolean;
  /** false for --no-ignore. */
  ignore: boolean;
  rule?: string[];
  printConfig?: string | true;
  stdinFilename?: string;
  sourceFormat?: string;
  maxWarnings?: number;
  minScore?: number;
  context?: string;
  color: boolean;
  debug?: boolean;
  quiet?: boolean;
  reportUnusedDisableDirectives?: boolean;
  reportUnusedDisableDirectivesSeverity?: 'off' | 'warn' | 'error';
  fix?: boolean;
  fixDryRun?: boolean;
  maxFileSize?: number;
  errorOnUnmatchedPattern: boolean;
}

// No default value: commander would print "(default: [])" in --help.
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function register(program: Command, io: CommandIO): void {
  program
    .argument('[paths...]', 'files, directories (.txt .md .html .eml) or globs; "-" reads stdin')
    .addOption(formatOption())
    .option('-o, --output <file>', 'write the report to a file instead of stdout (exit code unchanged)')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-config-lookup', 'do not search for config files (built-in defaults plus --config/--rule)')
    .option('--no-ignore', 'lint files even when "ignores" in the config or .attuneignore match them')
    .option('--rule <id:severity>', 'set a rule severity, e.g. over-apology:off (repeatable)', collect)
    .option('--print-config [file]', 'print the resolved config for a file (or the current directory) as JSON and exit')
    .option('--stdin-filename <name>', 'name shown for stdin; its extension picks the format and its directory the config')
    .option('--source-format <name>', 'read inputs as this format instead of detecting it (plain, markdown-headings, json, yaml, csv, zendesk, helpscout, freshdesk, gorgias, front, intercom)')
    .addOption(new Option('--max-warnings <n>', 'exit 1 when there are more than n warnings').argParser(nonNegativeInt('--max-warnings')))
    .addOption(new Option('--min-score <n>', 'exit 1 when any document scores below n (0-100)').argParser(nonNegativeInt('--min-score')))
    .option('--context <file>', "the customer's message the draft answers (\"-\" reads it from stdin)")
    .option('-q, --quiet', 'report errors only')
    .option('--report-unused-disable-directives', 'report attune-disable/enable comments that suppress nothing, as errors')
    .addOption(new Option('--report-unused-disable-directives-severity <level>', 'the same, at this severity').choices(['off', 'warn', 'error']))
    .option('--fix', 'apply safe fixes to the files (atomically) and report what is left')
    .option('--fix-dry-run', 'print the safe fixes as a unified diff instead of writing them')
    .addOption(new Option('--max-file-size <size>', 'refuse inputs larger than this, e.g. 50MB (default 10MB)').argParser((v) => parseSize(v)))
    .option('--no-error-on-unmatched-pattern', 'a glob or directory that matches no files is skipped instead of failing with exit 2');
  addCiOptions(program)
    .action(async (paths: string[], flags: LintFlags) => {
      io.setExitCode(await lint(paths, flags, io));
    });
}

async function lint(paths: string[], flags: LintFlags, io: CommandIO): Promise<number> {
  const { formatters } = await import('../../formatters/index.js');
  const { parseOutputs, writeOutputs, CiSession } = await import('../ci-options.js');
  const outputs = parseOutputs(flags.format, flags.output, Object.keys(formatters));
  const { ConfigLoader } = await import('../../core/config.js');
  const loader = new ConfigLoader({
    cwd: io.cwd,
    configFile: flags.config ?? null,
    lookup: flags.configLookup,
    cliRules: flags.rule ?? [],
    ...(io.rules ? { rules: io.rules } : {}),
  });

  if (flags.printConfig !== undefined) {
    // `attune a.txt --print-config` means the config for a.txt, as with ESLint.
    const firstPath = paths.find((p) => p !== '-');
    const target = typeof flags.printConfig === 'string' ? flags.printConfig : (firstPath ?? flags.stdinFilename);
    const { config } = await loader.forFile(target ? resolve(io.cwd, target) : null);
    await writeReport(`${JSON.stringify(config, null, 2)}\n`, flags.output, io);
    return 0;
  }

  // `attune --changed-since main` means "whatever changed here", not "read stdin" (CI has no TTY).
  if (flags.changedSince !== undefined && paths.length === 0) paths = ['.'];
  const stdinPaths = paths.filter((p) => p === '-');
  const filePaths = paths.filter((p) => p !== '-');
  const readStdinDraft = stdinPaths.length > 0 || (paths.length === 0 && !io.isTTY.stdin);
  if (paths.length === 0 && !readStdinDraft) {
    throw new AttuneError('usage', 'no input: give files, directories or globs, or pipe a draft on stdin (see attune --help)');
  }
  if (flags.context === '-' && readStdinDraft) {
    throw new AttuneError('usage', 'stdin cannot hold both the draft and the customer message; give the draft as a file', '--context');
  }

  const { expandPaths, readSourceFile } = await import('../../sources/files.js');
  const { readStream, STDIN_FILE } = await import('../../sources/stdin.js');
  const { readUnits } = await import('../../sources/index.js');
  const { readThread, threadUnit, remapContext } = await import('../../sources/thread.js');
  const { lintUnit, analyzeContext } = await import('../../core/linter.js');
  const { fileReplacement } = await import('../../core/fixer.js');
  const { formatFromPath } = await import('../../core/document.js');
  const fixing = flags.fix || flags.fixDryRun ? await import('./fix.js') : null;
  fixing?.checkFixFlags(flags, outputs, paths.length === 0 || stdinPaths.length > 0);
  const unusedDirectives = flags.reportUnusedDisableDirectivesSeverity ?? (flags.reportUnusedDisableDirectives ? 'error' : undefined);

  // Resolve every input before linting, so a missing file fails the run before any output.
  const ci = await CiSession.open(flags, io);
  const expanded = ci.filterInputs(await expandPaths(filePaths, io.cwd, undefined, { errorOnUnmatchedPattern: flags.errorOnUnmatchedPattern }));
  // `ignores` and .attuneignore: ignored files are skipped; one named explicitly gets a warning.
  const { filterIgnored } = await import('../../core/ignore.js');
  const explicit = new Set(filePaths.map((p) => resolve(io.cwd, p)));
  const { kept: refs, warnings: ignoredWarnings } = flags.ignore === false ? { kept: expanded, warnings: [] } : await filterIgnored(expanded, explicit, async (abs) => (await loader.forDirectory(abs)).config.ignores);
  for (const w of ignoredWarnings) io.stderr.write(`attune: warning: ${w.file}: ${w.message}\n`);
  const readOptions = { ...(flags.maxFileSize ? { maxBytes: flags.maxFileSize } : {}), onWarning: (w: string) => void io.stderr.write(`attune: ${w}\n`) };

  let context = null;
  if (flags.context !== undefined) {
    let text: string;
    let file = flags.context;
    if (flags.context === '-') {
      text = await readStream(io.stdin, readOptions);
      file = STDIN_FILE;
    } else {
      text = (await readSourceFile({ file, absPath: resolve(io.cwd, file) }, readOptions)).text;
    }
    context = analyzeContext({ text, file, format: formatFromPath(file) });
  }

  const sources = [];
  if (readStdinDraft) {
    const text = await readStream(io.stdin, { ...readOptions, ...(flags.stdinFilename ? { name: flags.stdinFilename } : {}) });
    const absPath = flags.stdinFilename ? resolve(io.cwd, flags.stdinFilename) : null;
    // As ESLint does: a draft whose --stdin-filename is ignored is skipped with a warning.
    const ignored = absPath && flags.ignore !== false ? (await filterIgnored([{ file: flags.stdinFilename!, absPath }], new Set([absPath]), async (abs) => (await loader.forDirectory(abs)).config.ignores)).warnings : [];
    for (const w of ignored) io.stderr.write(`attune: warning: ${w.file}: ${w.message}\n`);
    if (ignored.length === 0) sources.push({ file: flags.stdinFilename ?? STDIN_FILE, absPath, text });
  }
  for (const ref of refs) {
    const source = await readSourceFile(ref, readOptions);
    for (const w of source.warnings ?? []) readOptions.onWarning(w);
    // A binary file (an image or archive in the drafts folder) is not a draft: warned about, not linted.
    if (!source.binary) sources.push(source);
  }

  const results: DocumentResult[] = [];
  let crashed = false;
  let unreadable = false;
  // Every file is read and configured first, so that many documents can be linted on worker
  // threads (../workers.ts) before the per-file loop below takes their results.
  const prepared = [];
  // Every rule any file's config runs, plugins and custom rules included: SARIF lists them all.
  const ranRules = new Map<string, Rule>();
  for (const source of sources) {
    const loaded = await loader.forFile(source.absPath);
    for (const r of loaded.rules) if (!ranRules.has(r.meta.id)) ranRules.set(r.meta.id, r);
    const { files } = loaded;
    const config = unusedDirectives ? { ...loaded.config, reportUnusedDisableDirectives: unusedDirectives } : loaded.config;
    if (flags.debug) io.stderr.write(`attune: ${source.file}: config ${files.length ? files.join(' <- ') : '(built-in defaults)'}\n`);
    // A thread (.json with "messages", .eml quoting the customer) carries its own context; an
    // explicit --context still wins.
    // unitsOf(text) reads and lints any version of this file's text: --fix re-lints after each pass.
    const unitsOf = (text: string, report = true) => {
      const thread = flags.sourceFormat ? null : readThread(text, source.file);
      // A macro that cannot be read is reported and the run fails with 2, but the others are linted.
      const fields = (config as { library?: { fields?: { name?: string; body?: string; id?: string } } }).library?.fields;
      let problems = 0;
      const readOptions = {
        ...(flags.sourceFormat ? { format: flags.sourceFormat } : {}),
        ...(fields ? { fields } : {}),
        onProblem: (p: Error) => {
          problems++;
          if (!report) return;
          unreadable = true;
          io.stderr.write(`attune: ${p.message}\n`);
        },
      };
      const units = thread ? [threadUnit(thread, text, source.file)] : readUnits({ ...source, text }, undefined, readOptions);
      const unitContext =
        context ?? (thread?.context ? remapContext(analyzeContext({ text: thread.context.text, file: source.file }), thread.context, text, source.file) : null);
      const lintAll = () => units.map((unit) => ({ unit, result: lintUnit(unit, { config, context: unitContext, rules: loaded.rules }) }));
      return { unitContext, lintAll, problems, units };
    };
    prepared.push({ source, config, rules: loaded.rules, unitsOf, ...unitsOf(source.text) });
  }
  const { lintOnWorkers } = await import('../workers.js');
  const onWorkers = fixing || flags.cache ? [] : await lintOnWorkers(prepared.map((p) => ({ units: p.units, config: p.config, rules: p.rules, context: p.unitContext })), io.env);
  for (const [i, { source, config, unitsOf, unitContext, lintAll, problems }] of prepared.entries()) {
    const done = onWorkers[i];
    const fileResults: DocumentResult[] = [];
    try {
      // Fixing lints the file itself (pass after pass), so the cache is not used for it.
      if (fixing) fileResults.push(...(await fixing.fixSourceFile(source, problems ? null : (text) => {
        const again = unitsOf(text, false);
        // A fixed export in which a macro no longer reads is a text that fails to parse: never written.
        if (again.problems) throw new AttuneError('input', 'a macro could not be read after fixing', source.file);
        return again.lintAll();
      }, lintAll, flags.fix ? 'fix' : 'dry-run', io)));
      else
        fileResults.push(...ci.lintFile(source, config, unitContext, () => {
          if (!done) return lintAll().map((l) => l.result);
          if ('error' in done) throw done.error;
          return done.results;
        }));
    } catch (err) {
      if (!(err instanceof RuleCrash)) throw err;
      // One broken rule must not hide the other files' results; the run still fails with 2.
      crashed = true;
      io.stderr.write(`attune: ${err.message}\n`);
      if (flags.debug && err.cause instanceof Error && err.cause.stack) io.stderr.write(`${err.cause.stack}\n`);
      continue;
    }
    results.push(...fileResults);
  }

  const reported = await ci.finish(results);
  const shown = flags.quiet ? reported.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : reported;
  // SARIF writes fixes as edits of the file: a macro's replacement is escaped for its container
  // (or left out when it cannot be written there), as --fix does. After --fix the texts moved on.
  // The unit of each document is looked up only when a SARIF fix asks for it.
  const files = prepared.map(({ source, units }) => ({ text: source.text, units }));
  let unitOf: Map<string, { unit: LintUnit; fileText: string }> | null = null;
  const fileEdit = (r: DocumentResult, fix: { range: [number, number]; text: string }): string | null => {
    unitOf ??= new Map(files.flatMap(({ text, units }) => units.map((unit) => [`${unit.file}\0${unit.document?.index ?? ''}`, { unit, fileText: unit.fileText ?? text }] as const)));
    const found = unitOf.get(`${r.file}\0${r.document?.index ?? ''}`);
    if (!found) return fix.text;
    const w = fileReplacement(found.unit, found.fileText, fix);
    return 'text' in w ? w.text : null;
  };
  await writeOutputs(shown, outputs, flags, io, ranRules.size ? [...ranRules.values()] : undefined, fixing ? undefined : fileEdit);

  let errors = 0;
  let warnings = 0;
  for (const r of shown) for (const f of r.findings) f.severity === 'error' ? errors++ : warnings++;
  let code = errors > 0 ? 1 : 0;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    io.stderr.write(`attune: ${warnings} warnings exceed --max-warnings ${flags.maxWarnings}\n`);
    code = 1;
  }
  if (flags.minScore !== undefined) {
    const low = results.filter((r) => r.score < flags.minScore!);
    if (low.length > 0) {
      const first = low[0]!;
      const name = first.document ? `${first.file} [${first.document.name ?? first.document.id ?? `#${first.document.index + 1}`}]` : first.file;
      io.stderr.write(`attune: ${low.length} ${low.length === 1 ? 'document scores' : 'documents score'} below --min-score ${flags.minScore} (lowest first seen: ${name} at ${first.score})\n`);
      code = 1;
    }
  }
  code = Math.max(code, ci.meanScoreExit(results));
  return crashed || unreadable ? 2 : code;
}

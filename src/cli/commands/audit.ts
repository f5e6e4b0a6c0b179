// `attune audit PATH…`: lint every macro of one or more libraries and report on the library as a
// whole (terminal summary, HTML, Markdown or JSON). Heavy modules load inside the action.
// Exit codes follow lint: 1 when any macro has an error-level finding, 2 when the input is
// unreadable (a broken export, or macros that could not be read; the others are still audited).

import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { AttuneError } from '../../core/errors.js';
import { nonNegativeInt, packageVersion, useColor, writeReport, type CommandIO } from '../io.js';

interface AuditFlags {
  format: string;
  output?: string;
  config?: string;
  configLookup: boolean;
  rule: string[];
  sourceFormat?: string;
  similarity: number;
  lowest: number;
  title?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function unitInterval(value: string): number {
  const n = Number(value);
  if (!/^\s*(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)\s*$/.test(value) || !Number.isFinite(n)) {
    throw new AttuneError('usage', `expected a number from 0 to 1, got "${value}"`, '--similarity');
  }
  return n;
}

export function register(program: Command, io: CommandIO): void {
  program
    .command('audit')
    .description('audit a canned-response library: scores, worst macros, findings per rule, near-duplicates and coverage gaps')
    .argument('<paths...>', 'library exports (Zendesk, Help Scout, Freshdesk, Gorgias, Front, Intercom, JSON, YAML, CSV, Markdown) or folders of replies')
    .option('-f, --format <name>', 'report format: stylish, html, markdown, json', 'stylish')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-config-lookup', 'do not search for config files')
    .option('--rule <id:severity>', 'set a rule severity, e.g. over-apology:off (repeatable)', collect, [])
    .option('--source-format <name>', 'read inputs as this format instead of detecting it (plain, markdown-headings, json, yaml, csv, zendesk, helpscout, freshdesk, gorgias, front, intercom)')
    .addOption(new Option('--similarity <n>', 'near-duplicate threshold: word 3-gram Jaccard similarity from 0 to 1').default(0.8).argParser(unitInterval))
    .addOption(new Option('--lowest <n>', 'how many of the lowest-scoring macros to list').default(10).argParser(nonNegativeInt('--lowest')))
    .option('--title <text>', 'title of the HTML report')
    .addHelpText('after', '\nExamples:\n  attune audit zendesk-macros.json\n  attune audit macros/ --format html -o report.html\n  attune audit saved-replies.csv --format markdown > audit.md\n')
    .action(async (paths: string[], flags: AuditFlags, command: Command) => {
      // --no-color/--debug may sit before or after `audit`: either place counts.
      const root = command.parent?.opts() ?? {};
      const local = command.opts();
      const globals = { color: root.color !== false && local.color !== false, debug: Boolean(root.debug || local.debug) };
      io.setExitCode(await audit(paths, flags, globals, io));
    });
}

async function audit(paths: string[], flags: AuditFlags, globals: { color?: boolean; debug?: boolean }, io: CommandIO): Promise<number> {
  const { AUDIT_FORMATS } = await import('../../audit/formats.js');
  const loadRenderer = AUDIT_FORMATS[flags.format];
  if (!loadRenderer) throw new AttuneError('usage', `unknown audit format "${flags.format}" (available: ${Object.keys(AUDIT_FORMATS).join(', ')})`, '--format');
  const { SOURCE_FORMATS, LIBRARY_EXTENSIONS } = await import('../../sources/library/index.js');
  type SourceFormatName = (typeof SOURCE_FORMATS)[number];
  if (flags.sourceFormat !== undefined && !(SOURCE_FORMATS as readonly string[]).includes(flags.sourceFormat)) {
    throw new AttuneError('usage', `unknown source format "${flags.sourceFormat}" (available: ${SOURCE_FORMATS.join(', ')})`, '--source-format');
  }
  if (paths.includes('-')) throw new AttuneError('usage', 'audit reads files and directories, not stdin', 'audit');

  const { ConfigLoader } = await import('../../core/config.js');
  const loader = new ConfigLoader({ cwd: io.cwd, configFile: flags.config ?? null, lookup: flags.configLookup, cliRules: flags.rule, ...(io.rules ? { rules: io.rules } : {}) });
  const { expandPaths, readSourceFile } = await import('../../sources/files.js');
  const { DIRECTORY_EXTENSIONS } = await import('../../sources/index.js');
  const refs = await expandPaths(paths, io.cwd, [...new Set([...DIRECTORY_EXTENSIONS, ...LIBRARY_EXTENSIONS])]);
  const sources = [];
  for (const ref of refs) sources.push(await readSourceFile(ref));

  const { collectAudit } = await import('../../audit/collect.js');
  const { buildAudit } = await import('../../audit/aggregate.js');
  const progress = progressBar(io);
  let settings;
  // Every rule any file's config may run (plugins and custom rules included), so the per-rule
  // table lists them with their categories as it does the built-ins.
  const { builtinRules } = await import('../../rules/index.js');
  const rules = new Map((io.rules ?? builtinRules).map((r) => [r.meta.id, r]));
  const collected = await collectAudit(sources, {
    ...(flags.sourceFormat ? { format: flags.sourceFormat as SourceFormatName } : {}),
    configFor: async (source) => {
      const loaded = await loader.forFile(source.absPath ?? resolve(io.cwd, source.file));
      const { config, files } = loaded;
      if (globals.debug) io.stderr.write(`attune: ${source.file}: config ${files.length ? files.join(' <- ') : '(built-in defaults)'}\n`);
      settings ??= config.settings;
      for (const r of loaded.rules) if (!rules.has(r.meta.id)) rules.set(r.meta.id, r);
      return { config, rules: loaded.rules };
    },
    fieldsFor: (config) => config.library?.fields,
    onProgress: progress.update,
  });
  progress.done();

  const report = buildAudit(collected.inputs, {
    version: packageVersion(),
    duplicateThreshold: flags.similarity,
    lowest: flags.lowest,
    problems: collected.problems,
    skipped: collected.skipped,
    ...(settings ? { settings } : {}),
    ruleCategories: Object.fromEntries([...rules.values()].map((r) => [r.meta.id, r.meta.category])),
  });
  for (const p of collected.problems) io.stderr.write(`attune: ${p.location ? `${p.location}: ` : ''}${p.message}\n`);

  const render = await loadRenderer();
  const color = flags.output ? false : useColor(globals.color, io);
  await writeReport(render(report, { color, title: flags.title ?? paths.join(', ') }), flags.output, io);
  if (collected.problems.length) return 2;
  return report.summary.errors > 0 ? 1 : 0;
}

/** A progress bar on stderr, only when stderr is a terminal and the audit is long enough to wait for. */
function progressBar(io: CommandIO): { update: (done: number, total: number) => void; done: () => void } {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const columns = (io.stderr as { columns?: number }).columns ?? 80;
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      if (!tty || total < 20) return;
      const now = Date.now();
      if (done < total && now - last < 80) return;
      last = now;
      const width = Math.max(10, Math.min(40, columns - 30));
      const filled = Math.round((done / total) * width);
      io.stderr.write(`\r\x1b[KLinting macros ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}

// Fixing files. Two ways in:
//   - `attune FILE --fix` / `--fix-dry-run` (the lint command calls fixSourceFile below): safe,
//     mechanical fixes only, applied pass after pass and confirmed by a re-lint; --fix writes the
//     file atomically, --fix-dry-run prints a unified diff instead;
//   - `attune fix --interactive FILE…`: a person walks through every finding in a terminal and
//     accepts the fix or a suggestion, skips it, types their own replacement, or quits. Suggestions
//     change meaning, which is why they are only ever applied here, by someone who chose them.
// Without --interactive, `attune fix FILE…` applies the safe fixes like `attune FILE --fix`.
// Answers are read line by line with node:readline from the command's stdin, so the prompts can
// be driven by piping answers in (tests do exactly that).

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { AttuneError, RuleCrash } from '../../core/errors.js';
import type { LintedUnit } from '../../core/fixer.js';
import type { DocumentResult, Finding, Rule } from '../../core/types.js';
import type { SourceFile } from '../../sources/types.js';
import type { OutputSpec } from '../ci-options.js';
import type { CommandIO } from '../io.js';

/** Formats that may share stdout with a diff: made for people, so a diff before them reads fine. */
const HUMAN_FORMATS = new Set(['stylish', 'compact']);

/** Flag combinations that cannot work, checked before anything is read. */
export function checkFixFlags(flags: { fix?: boolean; fixDryRun?: boolean }, outputs: readonly OutputSpec[], readsStdin: boolean): void {
  if (flags.fix && flags.fixDryRun) throw new AttuneError('usage', 'use either --fix (write) or --fix-dry-run (show the diff), not both', '--fix');
  if (flags.fix && readsStdin) throw new AttuneError('usage', 'cannot write fixes back to stdin; use --fix-dry-run to see them as a diff', '--fix');
  if (flags.fixDryRun) {
    const clash = outputs.find((o) => o.path === undefined && !HUMAN_FORMATS.has(o.format));
    if (clash) throw new AttuneError('usage', `the diff goes to stdout; send the ${clash.format} report to a file (--format ${clash.format}:FILE)`, '--fix-dry-run');
  }
}

/**
 * Fix one file (or, for dry runs, stdin). `lint` lints any version of the file's text (null when
 * the file must not be fixed, e.g. a macro in it could not be read); `lintOriginal` gives the
 * results of the text as read. Returns the results that remain.
 */
export async function fixSourceFile(
  source: SourceFile,
  lint: ((text: string) => LintedUnit[]) | null,
  lintOriginal: () => LintedUnit[],
  mode: 'fix' | 'dry-run',
  io: CommandIO,
): Promise<DocumentResult[]> {
  const note = (msg: string) => void io.stderr.write(`attune: ${source.file}: ${msg}\n`);
  const asIs = () => lintOriginal().map((l) => l.result);
  if (!lint) {
    note('not fixed: part of the file could not be read');
    return asIs();
  }
  // Bytes that were not valid text were linted as U+FFFD; writing the text back would make that permanent.
  if (source.lossy) {
    note('not fixed: the file is not valid UTF-8, and writing it back would replace the bad bytes');
    return asIs();
  }
  const { readFile } = await import('node:fs/promises');
  const { decodeText, encodeText, writeFileAtomic } = await import('../../core/atomic-write.js');
  let raw: Buffer | null = null;
  let encoded: ReturnType<typeof decodeText> | null = null;
  // Only a write needs the bytes on disk (a dry run may be stdin named by --stdin-filename).
  if (mode === 'fix' && source.absPath) {
    raw = await readFile(source.absPath);
    encoded = decodeText(raw);
    if (encoded.encoding !== 'utf8') {
      note(`not fixed: the file is ${encoded.encoding === 'utf16le' ? 'UTF-16 LE' : 'UTF-16 BE'}, and attune reads drafts as UTF-8 (convert it to UTF-8 to lint and fix it)`);
      return asIs();
    }
    if (encoded.text !== source.text) {
      note('not fixed: the file changed while attune was reading it');
      return asIs();
    }
  }
  const { fixText } = await import('../../core/fixer.js');
  const outcome = fixText(source.text, { lint });
  for (const n of outcome.notes) note(n);
  if (outcome.output === source.text) return outcome.results;
  if (mode === 'dry-run') {
    const { createTwoFilesPatch } = await import('diff');
    // Without the "=====" banner the output is a plain unified diff: `| git apply` and `| patch -p1` take it.
    io.stdout.write(createTwoFilesPatch(`a/${source.file}`, `b/${source.file}`, source.text, outcome.output).replace(/^=+\n/, ''));
    return outcome.results;
  }
  if (!source.absPath || !raw || !encoded) throw new AttuneError('usage', 'cannot write fixes back to stdin', source.file);
  // Someone (an editor, another run) may have saved the file meanwhile: never overwrite their work.
  const now = await readFile(source.absPath).catch(() => null);
  if (!now || !now.equals(raw)) {
    note('not fixed: the file changed on disk while attune was fixing it; run again');
    return asIs();
  }
  try {
    await writeFileAtomic(source.absPath, encodeText(outcome.output, encoded.encoding, encoded.bom));
  } catch (err) {
    throw new AttuneError('input', `cannot write the fixed file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); it was left unchanged`, source.file);
  }
  return outcome.results;
}

// ---------------------------------------------------------------------------------------------
// attune fix

interface FixFlags {
  interactive?: boolean;
  config?: string;
  configLookup: boolean;
  rule?: string[];
  context?: string;
  color: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function register(program: Command, io: CommandIO): void {
  program
    .command('fix')
    .description('apply safe fixes, or with --interactive choose a fix, a suggestion or your own wording for each finding')
    .argument('<files...>', 'draft files, directories or globs')
    .option('-i, --interactive', 'ask about each finding: accept (the fix or a suggestion), skip, edit, quit')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('--no-config-lookup', 'do not search for config files')
    .option('--rule <id:severity>', 'set a rule severity, e.g. over-apology:off (repeatable)', collect)
    .option('--context <file>', "the customer's message the drafts answer")
    .addHelpText(
      'after',
      `
Examples:
  attune fix reply.txt                    apply the safe fixes (like attune reply.txt --fix)
  attune fix --interactive reply.txt      go through every finding and decide
  printf '1\\ns\\nq\\n' | attune fix -i reply.txt   answers can be piped in`,
    )
    .action(async (files: string[], flags: FixFlags) => {
      io.setExitCode(await fixCommand(files, flags, io));
    });
}

interface Session {
  ask(prompt: string): Promise<string | null>;
  close(): void;
}

/**
 * Lines from the command's stdin through node:readline. A real stream (process.stdin) is handed to
 * readline as is, so closing the interface pauses it and attune exits without waiting for Ctrl-D;
 * any other async iterable (tests) is wrapped. The iterator buffers lines that arrive before a
 * question is asked (piped answers).
 */
export async function stdinLines(io: CommandIO): Promise<{ lines: AsyncIterator<string>; close(): void }> {
  const { createInterface } = await import('node:readline');
  const { Readable } = await import('node:stream');
  const input = io.stdin instanceof Readable ? io.stdin : Readable.from(io.stdin);
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  return {
    lines: rl[Symbol.asyncIterator](),
    close: () => {
      rl.close();
      if (input !== io.stdin) input.destroy();
    },
  };
}

/** Line-by-line answers; null at end of input (treated as quit). */
async function openSession(io: CommandIO): Promise<Session> {
  const { lines, close } = await stdinLines(io);
  return {
    async ask(prompt) {
      io.stdout.write(prompt);
      const next = await lines.next();
      if (next.done) {
        io.stdout.write('\n');
        return null;
      }
      // Piped answers are not echoed by a terminal; show them so the transcript reads like a session.
      if (!io.isTTY.stdin) io.stdout.write(`${next.value}\n`);
      return next.value;
    },
    close,
  };
}

async function fixCommand(paths: string[], flags: FixFlags, io: CommandIO): Promise<number> {
  const { ConfigLoader } = await import('../../core/config.js');
  const { expandPaths, readSourceFile } = await import('../../sources/files.js');
  const { readUnits } = await import('../../sources/index.js');
  const { readThread, threadUnit, remapContext } = await import('../../sources/thread.js');
  const { lintUnit, analyzeContext } = await import('../../core/linter.js');
  const { formatFromPath } = await import('../../core/document.js');
  const { useColor } = await import('../io.js');
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: useColor(flags.color, io) ? 1 : 0 });

  const loader = new ConfigLoader({ cwd: io.cwd, configFile: flags.config ?? null, lookup: flags.configLookup, cliRules: flags.rule ?? [], ...(io.rules ? { rules: io.rules } : {}) });
  const refs = await expandPaths(paths, io.cwd);
  let context = null;
  if (flags.context !== undefined) {
    const text = (await readSourceFile({ file: flags.context, absPath: resolve(io.cwd, flags.context) })).text;
    context = analyzeContext({ text, file: flags.context, format: formatFromPath(flags.context) });
  }
  const session = flags.interactive ? await openSession(io) : null;
  let exit = 0;
  let quit = false;
  try {
    for (const ref of refs) {
      const source = await readSourceFile(ref);
      const loaded = await loader.forFile(source.absPath);
      const { config } = loaded;
      // Custom rules and plugins from the config run too.
      const rules = (loaded as { rules?: readonly Rule[] }).rules ?? io.rules;
      let unreadable = 0;
      const lintText = (text: string): LintedUnit[] => {
        const thread = readThread(text, source.file);
        const units = thread ? [threadUnit(thread, text, source.file)] : readUnits({ ...source, text }, undefined, { onProblem: () => void unreadable++ });
        const unitContext = context ?? (thread?.context ? remapContext(analyzeContext({ text: thread.context.text, file: source.file }), thread.context, text, source.file) : null);
        return units.map((unit) => ({ unit, result: lintUnit(unit, { config, context: unitContext, ...(rules ? { rules } : {}) }) }));
      };
      let results: DocumentResult[];
      try {
        if (!session) {
          const original = lintText(source.text);
          const checked = unreadable
            ? null
            : (text: string) => {
                const before = unreadable;
                const out = lintText(text);
                if (unreadable > before) throw new AttuneError('input', 'a macro could not be read after fixing', source.file);
                return out;
              };
          results = await fixSourceFile(source, checked, () => original, 'fix', io);
          const left = results.reduce((n, r) => n + r.findings.length, 0);
          io.stdout.write(`${source.file}: ${left === 0 ? 'no findings left' : `${left} ${left === 1 ? 'finding' : 'findings'} left (see attune ${source.file})`}\n`);
        } else {
          const outcome = await interactive(source, lintText, session, io, c);
          results = outcome.results;
          quit = outcome.quit;
        }
      } catch (err) {
        if (!(err instanceof RuleCrash)) throw err;
        io.stderr.write(`attune: ${err.message}\n`);
        exit = 2;
        continue;
      }
      if (results.some((r) => r.findings.some((f) => f.severity === 'error'))) exit = Math.max(exit, 1);
      if (quit) break;
    }
  } finally {
    session?.close();
  }
  return exit;
}

interface Edit {
  range: [number, number];
  text: string;
}

type Paint = InstanceType<typeof import('chalk').Chalk>;

/** One file, finding by finding. Edits are collected in the original's offsets and written once at the end. */
async function interactive(
  source: SourceFile,
  lintText: (text: string) => LintedUnit[],
  session: Session,
  io: CommandIO,
  c: Paint,
): Promise<{ results: DocumentResult[]; quit: boolean }> {
  const { parseDocument } = await import('../../core/document.js');
  const linted = lintText(source.text);
  const protectedSpans: Array<{ range: [number, number]; text: string }> = [];
  for (const { unit } of linted) {
    const toFile = unit.toFileOffset ?? ((o: number) => o);
    for (const m of parseDocument(unit.text, { format: unit.format ?? 'text' }).masks) {
      if (m.kind === 'placeholder') protectedSpans.push({ range: [toFile(m.start), toFile(m.end)], text: unit.text.slice(m.start, m.end) });
    }
  }
  const findings = linted.flatMap((l) => l.result.findings).filter((f) => f.range[1] >= f.range[0]);
  const unitOf = new Map(linted.flatMap((l) => l.result.findings.map((f) => [f, l.unit] as const)));
  const { encodeReplacement } = await import('../../core/fixer.js');
  const total = findings.length;
  if (total === 0) {
    io.stdout.write(`${source.file}: no findings\n`);
    return { results: linted.map((l) => l.result), quit: false };
  }
  const edits: Edit[] = [];
  const overlaps = (r: [number, number]) => edits.some((e) => e.range[0] < r[1] && r[0] < e.range[1]);
  // A change must keep every template placeholder it spans, or the reply would lose {{first_name}}.
  const dropsPlaceholder = (r: [number, number], text: string) => protectedSpans.some((p) => p.range[0] < r[1] && r[0] < p.range[1] && (p.range[0] < r[0] || p.range[1] > r[1] || !text.includes(p.text)));
  let quit = false;
  for (const [i, f] of findings.entries()) {
    if (overlaps(f.range)) {
      io.stdout.write(c.dim(`(${i + 1}/${total}) ${f.rule} at ${f.line}:${f.column} skipped: an earlier change covers it\n`));
      continue;
    }
    const options = choices(f, source.text);
    io.stdout.write(`\n${c.bold(`(${i + 1}/${total})`)} ${source.file}:${f.line}:${f.column}  ${f.severity === 'error' ? c.red('error') : c.yellow('warning')}  ${f.message}  ${c.dim(f.rule)}\n`);
    io.stdout.write(`${context(source.text, f, c)}\n`);
    options.forEach((o, k) => io.stdout.write(`  ${c.cyan(`[${k + 1}]`)} ${o.label}\n`));
    for (const a of advice(f)) io.stdout.write(`  ${c.dim(`advice: ${a.text ? `"${a.text}" — ` : ''}${a.description}`)}\n`);
    const keys = options.length === 0 ? '' : options.length === 1 ? '1 accept, ' : `1-${options.length} accept, `;
    for (;;) {
      const answer = await session.ask(`${keys}s skip, e edit, q quit > `);
      if (answer === null) {
        quit = true;
        break;
      }
      const a = answer.trim().toLowerCase();
      if (a === 'q' || a === 'quit') {
        quit = true;
        break;
      }
      if (a === '' || a === 's' || a === 'skip') break;
      let edit: Edit | null = null;
      if (a === 'e' || a === 'edit') {
        const typed = await session.ask(`replace "${source.text.slice(f.range[0], f.range[1])}" with > `);
        if (typed === null) {
          quit = true;
          break;
        }
        edit = { range: f.range, text: typed };
      } else if (/^\d+$/.test(a) && Number(a) >= 1 && Number(a) <= options.length) {
        edit = options[Number(a) - 1]!.edit;
      } else {
        io.stdout.write(`  ${c.yellow('?')} answer ${keys}s, e or q\n`);
        continue;
      }
      if (dropsPlaceholder(edit.range, edit.text)) {
        io.stdout.write(`  ${c.yellow('!')} that would change a template placeholder; choose again\n`);
        continue;
      }
      // Inside a library export the text is written the way its JSON string, YAML scalar or CSV
      // field stores text (escaped), or refused where that container has no way to hold it.
      const quoting = unitOf.get(f)?.quoting;
      const written = quoting ? encodeReplacement(edit.text, quoting) : edit.text;
      if (written === null) {
        io.stdout.write(`  ${c.yellow('!')} that text cannot be written into this ${quoting?.startsWith('csv') ? 'CSV field' : 'YAML value'} as it is stored (a quote, separator or line break it has no escape for); choose again\n`);
        continue;
      }
      edits.push({ range: edit.range, text: written });
      break;
    }
    if (quit) break;
  }
  if (edits.length === 0) {
    io.stdout.write(`${source.file}: nothing changed\n`);
    return { results: linted.map((l) => l.result), quit };
  }
  edits.sort((x, y) => x.range[0] - y.range[0] || x.range[1] - y.range[1]);
  let output = '';
  let cursor = 0;
  for (const e of edits) {
    output += source.text.slice(cursor, e.range[0]) + e.text;
    cursor = e.range[1];
  }
  output += source.text.slice(cursor);
  // Confirm before writing: the edited text must still read (a library export must stay valid).
  let after: LintedUnit[];
  try {
    after = lintText(output);
  } catch (err) {
    if (!(err instanceof AttuneError)) throw err;
    io.stderr.write(`attune: ${source.file}: not written: the edited file would not parse (${err.message})\n`);
    return { results: linted.map((l) => l.result), quit };
  }
  await writeEdited(source, output);
  const left = after.reduce((n, l) => n + l.result.findings.length, 0);
  io.stdout.write(`${source.file}: ${edits.length} ${edits.length === 1 ? 'change' : 'changes'} written, ${left} ${left === 1 ? 'finding' : 'findings'} left\n`);
  return { results: after.map((l) => l.result), quit };
}

async function writeEdited(source: SourceFile, output: string): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const { decodeText, encodeText, writeFileAtomic } = await import('../../core/atomic-write.js');
  const raw = await readFile(source.absPath!);
  const encoded = decodeText(raw);
  if (encoded.encoding !== 'utf8' || encoded.text !== source.text || source.lossy) {
    throw new AttuneError('input', 'the file changed on disk (or is not UTF-8) while you were choosing; nothing was written', source.file);
  }
  try {
    await writeFileAtomic(source.absPath!, encodeText(output, encoded.encoding, encoded.bom));
  } catch (err) {
    throw new AttuneError('input', `cannot write the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); it was left unchanged`, source.file);
  }
}

/**
 * The fix first (safe), then every suggestion that says where it applies. An empty suggestion
 * without a range means "remove this" (as every output format shows it), so it removes the span.
 */
function choices(f: Finding, text: string): Array<{ label: string; edit: Edit }> {
  const out: Array<{ label: string; edit: Edit }> = [];
  const change = (e: Edit) => {
    const [start, end] = e.range;
    if (e.text === '') return `remove "${text.slice(start, end).replace(/\s+/g, ' ').trim()}"`;
    // Show whole words around the edit: "just s" → "s" reads better as "just send" → "send".
    let a = start;
    let b = end;
    while (a > 0 && a > start - 30 && /[^\s]/.test(text[a - 1]!)) a--;
    while (b < text.length && b < end + 30 && /[^\s]/.test(text[b]!)) b++;
    const was = text.slice(a, b).replace(/\s+/g, ' ');
    const now = (text.slice(a, start) + e.text + text.slice(end, b)).replace(/\s+/g, ' ');
    return `"${was}" → "${now}"`;
  };
  if (f.fix) out.push({ label: `fix (safe): ${change(f.fix)}`, edit: { range: f.fix.range, text: f.fix.text } });
  for (const s of f.suggestions) {
    const raw: Edit | null = s.fix ? { range: s.fix.range, text: s.fix.text } : s.text === '' ? { range: f.range, text: '' } : null;
    if (!raw) continue;
    const edit = raw.text === '' ? { range: tidyRemoval(text, raw.range), text: '' } : raw;
    if (out.some((o) => o.edit.range[0] === edit.range[0] && o.edit.range[1] === edit.range[1] && o.edit.text === edit.text)) continue;
    out.push({ label: `${change(edit)} — ${s.description}`, edit });
  }
  return out;
}

/** A removal takes one neighbouring space with it, so "a  b" or "a ." is not left behind. */
function tidyRemoval(text: string, [start, end]: [number, number]): [number, number] {
  const before = text[start - 1];
  const after = text[end];
  if (after === ' ' && (before === undefined || before === ' ' || before === '\n')) return [start, end + 1];
  if (before === ' ' && (after === undefined || /[\s.,;:!?]/.test(after))) return [start - 1, end];
  return [start, end];
}

/** Suggestions that cannot be applied mechanically (a rewrite of the whole sentence, advice). */
function advice(f: Finding): Finding['suggestions'] {
  return f.suggestions.filter((s) => !s.fix && s.text !== '');
}

/** The finding's line with the span underlined, like a compiler error. */
function context(text: string, f: Finding, c: Paint): string {
  const lineStart = text.lastIndexOf('\n', f.range[0] - 1) + 1;
  let lineEnd = text.indexOf('\n', f.range[0]);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const from = f.range[0] - lineStart;
  const to = Math.min(line.length, f.range[1] - lineStart);
  const gutter = `  ${f.line} | `;
  return `${gutter}${line.slice(0, from)}${c.underline(line.slice(from, to))}${line.slice(to)}\n${' '.repeat(gutter.length + from)}${c.red('^'.repeat(Math.max(1, to - from)))}`;
}

// Canned-response libraries: one reader per format, detected from the file (extension, then the
// shape of the data) or forced with --source-format. Every macro becomes its own LintUnit whose
// offsets map back into the export, so `attune lint zendesk.json` prints findings at the export's
// line and column and the JSON result names the macro.
//
// A macro that cannot be read (no body, wrong type) is a *problem*: it is reported on its own
// and never hides the other macros. Only an export whose overall structure is wrong (not JSON,
// no list of macros) fails as a whole.

import { AttuneError } from '../../core/errors.js';
import type { LintUnit } from '../../core/linter.js';
import { LineIndex } from '../../core/position.js';
import type { Reader, SourceFile } from '../types.js';
import { parseCsvTree } from './csv.js';
import { looksLikeJson, parseJsonTree } from './json.js';
import { looksLikeMarkdownLibrary, markdownMacros } from './markdown.js';
import { generic, VENDOR_SHAPES, type FieldMap, type Macro, type Shape } from './shapes.js';
import type { TreeNode } from './tree.js';
import { parseYamlTree } from './yaml.js';

export type { FieldMap, Macro } from './shapes.js';

export const VENDOR_FORMATS = ['zendesk', 'helpscout', 'freshdesk', 'gorgias', 'front', 'intercom'] as const;
export type VendorFormat = (typeof VENDOR_FORMATS)[number];
export const LIBRARY_FORMATS = ['markdown-headings', 'json', 'yaml', 'csv', ...VENDOR_FORMATS] as const;
export type LibraryFormat = (typeof LIBRARY_FORMATS)[number];
/** Values of --source-format: every library format, plus `plain` (the whole file is one draft). */
export const SOURCE_FORMATS = ['plain', ...LIBRARY_FORMATS] as const;
export type SourceFormatName = (typeof SOURCE_FORMATS)[number];

/** Extensions a library may have (used when an audit walks a directory). */
export const LIBRARY_EXTENSIONS = ['.json', '.yaml', '.yml', '.csv', '.tsv'];

export interface LibraryOptions {
  /** `library.fields` from the config: which fields hold the name, body and id (generic JSON/YAML/CSV). */
  fields?: FieldMap;
  /** Force a format instead of detecting it. */
  format?: LibraryFormat;
}

export interface SkippedMacro {
  index: number;
  id: string | null;
  name: string | null;
  reason: string;
}

export interface LibraryRead {
  format: LibraryFormat;
  units: LintUnit[];
  /** One AttuneError('input') per macro that could not be read, located at the macro. */
  problems: AttuneError[];
  /** Valid entries that hold no reply text. */
  skipped: SkippedMacro[];
  /** Number of entries in the export (read, broken and skipped). */
  entries: number;
}

type Syntax = 'json' | 'yaml' | 'csv';

function syntaxOf(file: string): Syntax | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  // No extension (stdin without --stdin-filename): a draft may well start with "[" or "{"
  // ([Customer Name], {{first_name}}), so only --source-format makes it a library.
  return null;
}

// Detection asks each reader in turn; parse each text once.
let treeCache: { file: string; text: string; syntax: Syntax; tree: TreeNode | null } | null = null;

function parseTree(source: SourceFile, syntax: Syntax, rethrow: boolean): TreeNode | null {
  if (treeCache && treeCache.text === source.text && treeCache.file === source.file && treeCache.syntax === syntax) {
    if (treeCache.tree || !rethrow) return treeCache.tree;
  }
  try {
    const tree = syntax === 'json' ? parseJsonTree(source.text, source.file) : syntax === 'yaml' ? parseYamlTree(source.text, source.file) : parseCsvTree(source.text, source.file);
    treeCache = { file: source.file, text: source.text, syntax, tree };
    return tree;
  } catch (err) {
    treeCache = { file: source.file, text: source.text, syntax, tree: null };
    if (rethrow) throw err;
    return null;
  }
}

// Every reader's detect() asks the same question of the same file: answer it once.
let detectCache: { file: string; text: string; format: LibraryFormat | null } | null = null;

/** Which library format a file is, or null when it is a plain draft. */
export function detectLibraryFormat(source: SourceFile): LibraryFormat | null {
  if (detectCache && detectCache.file === source.file && detectCache.text === source.text) return detectCache.format;
  const format = detect(source);
  detectCache = { file: source.file, text: source.text, format };
  return format;
}

function detect(source: SourceFile): LibraryFormat | null {
  if (looksLikeMarkdownLibrary(source.file, source.text)) return 'markdown-headings';
  const syntax = syntaxOf(source.file);
  if (!syntax) return null;
  if (syntax === 'csv') return 'csv';
  const tree = parseTree(source, syntax, false);
  if (tree) for (const v of VENDOR_FORMATS) if (VENDOR_SHAPES[v].matches(tree)) return v;
  // A .json/.yaml file given to attune is a library; when it is broken, reading it says where.
  return syntax;
}

export function readLibrary(source: SourceFile, options: LibraryOptions = {}): LibraryRead {
  const format = options.format ?? detectLibraryFormat(source);
  if (!format) throw new AttuneError('input', `not a macro library (expected ${LIBRARY_FORMATS.join(', ')})`, source.file);
  const lines = new LineIndex(source.text);
  const at = (offset: number): string => {
    const p = lines.position(offset);
    return `${source.file}:${p.line}:${p.column}`;
  };

  let macros: Macro[];
  if (format === 'markdown-headings') {
    macros = markdownMacros(source.text);
    if (macros.length === 0) throw new AttuneError('input', 'expected one "## heading" per reply in a Markdown library', `${source.file}:1:1`);
  } else {
    const syntax: Syntax = format === 'json' || format === 'yaml' || format === 'csv' ? format : (syntaxOf(source.file) ?? (looksLikeJson(source.text) ? 'json' : 'yaml'));
    const tree = parseTree(source, syntax, true)!;
    const shape: Shape = format === 'json' || format === 'yaml' || format === 'csv' ? generic : VENDOR_SHAPES[format];
    const list = shape.list(tree);
    if (!list) {
      const label = shape === generic ? `${format.toUpperCase()} library` : shape.label;
      throw new AttuneError('input', `expected ${shape.expectedList} (${label}), found ${describeNode(tree)}`, at(tree.start));
    }
    macros = list.items.map((item, i) => shape.macro(item, i, options.fields ?? {}));
  }

  const units: LintUnit[] = [];
  const problems: AttuneError[] = [];
  const skipped: SkippedMacro[] = [];
  for (const m of macros) {
    if (m.skip) {
      skipped.push({ index: m.index, id: m.id, name: m.name, reason: m.skip });
      continue;
    }
    if (m.problem || !m.body) {
      problems.push(new AttuneError('input', `${macroLabel(m)}: ${m.problem ?? 'expected a reply body'}`, at(m.at)));
      continue;
    }
    units.push(toUnit(source, m));
  }
  return { format, units, problems, skipped, entries: macros.length };
}

function toUnit(source: SourceFile, m: Macro): LintUnit {
  const offsets = m.body!.offsets;
  const last = offsets.length - 1;
  return {
    text: m.body!.value,
    format: m.format,
    file: source.file,
    document: { id: m.id, name: m.name, index: m.index },
    fileText: source.text,
    toFileOffset: (o: number) => offsets[Math.max(0, Math.min(o, last))]!,
    ...(m.body!.quoting ? { quoting: m.body!.quoting } : {}),
  };
}

export function macroLabel(m: { index: number; name: string | null }): string {
  // Messages are one line: a name with line breaks (a damaged export) is folded.
  const name = m.name?.replace(/\s+/g, ' ').trim();
  return `macro #${m.index + 1}${name ? ` "${name.length > 60 ? `${name.slice(0, 57)}...` : name}"` : ''}`;
}

function describeNode(n: TreeNode): string {
  if (n.type === 'object') return n.entries.length ? `an object with ${n.entries.slice(0, 4).map((e) => `"${e.key}"`).join(', ')}` : 'an empty object';
  if (n.type === 'array') return n.items.length ? `an array of ${n.items[0]!.type}s` : 'an empty array';
  return `a ${n.type}`;
}

export interface ReadUnitsOptions extends LibraryOptions {
  /** Called for each macro that cannot be read; without it the first problem is thrown after reading. */
  onProblem?: (problem: AttuneError) => void;
}

function makeReader(format: LibraryFormat, detect: (s: SourceFile) => boolean): Reader & { read(source: SourceFile, options?: ReadUnitsOptions): LintUnit[] } {
  return {
    name: format,
    detect,
    read(source: SourceFile, options: ReadUnitsOptions = {}) {
      const r = readLibrary(source, { ...options, format });
      if (options.onProblem) for (const p of r.problems) options.onProblem(p);
      else if (r.problems.length) {
        const first = r.problems[0]!;
        const more = r.problems.length > 1 ? ` (and ${r.problems.length - 1} more)` : '';
        throw new AttuneError('input', `${first.message.slice((first.location ?? '').length + 2)}${more}`, first.location);
      }
      return r.units;
    },
  };
}

/** One reader per library format, in detection order (vendors before the generic readers). */
export const libraryReaders = LIBRARY_FORMATS.map((format) => makeReader(format, (s) => detectLibraryFormat(s) === format));

export function libraryReader(format: LibraryFormat): Reader {
  return libraryReaders.find((r) => r.name === format)!;
}

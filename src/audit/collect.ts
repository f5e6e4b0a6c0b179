// From files to audit inputs: read each file as a library (or as one draft), lint every macro, and
// keep unreadable macros and reply-less entries aside for the report. No terminal and no file
// system here: the CLI hands in the files, the config and a progress callback.

import { formatFromPath } from '../core/document.js';
import { AttuneError } from '../core/errors.js';
import { lintUnit, type LintUnit, type ResolvedConfig } from '../core/linter.js';
import type { Rule } from '../core/types.js';
import { detectLibraryFormat, readLibrary, type FieldMap, type SourceFormatName } from '../sources/library/index.js';
import type { SourceFile } from '../sources/types.js';
import type { AuditInput, AuditProblem, AuditSkipped } from './aggregate.js';

export interface CollectOptions {
  /** --source-format: a library format, or `plain` for one draft per file. */
  format?: SourceFormatName;
  /**
   * The config for a file (per-folder configs apply per file), with the rules it runs when that
   * config brings its own (plugins, custom rules, vocabulary); without them, `rules` below.
   */
  configFor: (source: SourceFile) => Promise<ConfigForFile> | ConfigForFile;
  /** `library.fields`, when the config carries it. */
  fieldsFor?: (config: ResolvedConfig) => FieldMap | undefined;
  rules?: readonly Rule[];
  /** Called after each macro is linted: done so far, total known so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface ConfigForFile {
  config: ResolvedConfig;
  rules?: readonly Rule[];
}

export interface Collected {
  inputs: AuditInput[];
  problems: AuditProblem[];
  skipped: AuditSkipped[];
}

export async function collectAudit(sources: readonly SourceFile[], options: CollectOptions): Promise<Collected> {
  const problems: AuditProblem[] = [];
  const skipped: AuditSkipped[] = [];
  const perFile: Array<{ units: LintUnit[]; config: ResolvedConfig; rules: readonly Rule[] | undefined }> = [];
  for (const source of sources) {
    const { config, rules: configRules } = await options.configFor(source);
    const rules = configRules ?? options.rules;
    const format = options.format ?? detectLibraryFormat(source) ?? 'plain';
    if (format === 'plain') {
      perFile.push({ units: [{ text: source.text, file: source.file, format: formatFromPath(source.file), document: null }], config, rules });
      continue;
    }
    const fields = options.fieldsFor?.(config);
    const read = readLibrary(source, { format, ...(fields ? { fields } : {}) });
    for (const p of read.problems) problems.push(toProblem(p));
    for (const s of read.skipped) skipped.push({ file: source.file, document: { id: s.id, name: s.name, index: s.index }, reason: s.reason });
    perFile.push({ units: read.units, config, rules });
  }
  const total = perFile.reduce((n, f) => n + f.units.length, 0);
  const inputs: AuditInput[] = [];
  for (const { units, config, rules } of perFile) {
    for (const unit of units) {
      inputs.push({ result: lintUnit(unit, { config, ...(rules ? { rules } : {}) }), unit });
      options.onProgress?.(inputs.length, total);
    }
  }
  return { inputs, problems, skipped };
}

function toProblem(e: AttuneError): AuditProblem {
  const loc = e.location ?? null;
  const message = loc && e.message.startsWith(`${loc}: `) ? e.message.slice(loc.length + 2) : e.message;
  return { location: loc, message };
}

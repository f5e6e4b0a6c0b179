// GitHub Actions workflow commands: `::error file=…,line=…::message` lines become annotations on
// the pull request's diff. GitHub shows at most 10 annotations per level per step and silently
// drops the rest, so errors are printed first (they fail the build), then warnings, each capped at
// 10, then one summary line that says how many were left out; those are listed in a collapsed log
// group, and the full list goes to the job summary (GITHUB_STEP_SUMMARY) as a Markdown table.
// Pure: the CLI decides whether to write the summary; this module only renders both texts.

import type { DocumentResult, Finding } from '../core/types.js';
import { portablePath } from '../core/baseline.js';
import { summarize, type Formatter, type FormatterOptions } from './index.js';
import { suggestionText } from './junit.js';

/** GitHub's per-step display limit for each annotation level. */
export const ANNOTATIONS_PER_LEVEL = 10;

/** @actions/core's escapeData: for the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** @actions/core's escapeProperty: property values additionally escape the separators. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Item {
  result: DocumentResult;
  finding: Finding;
  path: string;
}

function docSuffix(r: DocumentResult): string {
  return r.document ? ` [${r.document.name ?? r.document.id ?? `#${r.document.index + 1}`}]` : '';
}

function annotation({ result, finding: f, path }: Item): string {
  const props: string[] = [];
  // <stdin> is no file in the repository; an annotation without `file` still shows in the run.
  if (!path.startsWith('<')) props.push(`file=${escapeProperty(path)}`);
  props.push(`line=${f.line}`, `endLine=${f.endLine}`);
  // GitHub only honours columns on single-line annotations.
  if (f.line === f.endLine) props.push(`col=${f.column}`, `endColumn=${Math.max(f.endColumn, f.column)}`);
  props.push(`title=${escapeProperty(`attune ${f.rule}${docSuffix(result)}`)}`);
  const lines = [f.message];
  for (const s of f.suggestions) lines.push(`Suggestion: ${suggestionText(s)}`);
  return `::${f.severity} ${props.join(',')}::${escapeData(lines.join('\n'))}`;
}

function plainLine({ result, finding: f, path }: Item): string {
  return `${path}:${f.line}:${f.column}: ${f.severity} ${f.message} (${f.rule})${docSuffix(result)}`;
}

function collect(results: readonly DocumentResult[], options: FormatterOptions): Item[] {
  const items: Item[] = [];
  for (const result of results) {
    const path = portablePath(result.file, options.cwd);
    for (const finding of result.findings) items.push({ result, finding, path });
  }
  return items;
}

function totalsLine(results: readonly DocumentResult[]): string {
  const s = summarize(results);
  const mean = s.meanScore === null ? '' : `, mean score ${s.meanScore}`;
  return `attune: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} in ${plural(s.documents, 'document')}${mean}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface GithubReport {
  /** What goes to stdout: annotations, the overflow line and group, the totals line. */
  log: string;
  /** Markdown for the job summary (append to the file named by GITHUB_STEP_SUMMARY). */
  summary: string;
}

export function formatGithub(results: readonly DocumentResult[], options: FormatterOptions, limit = ANNOTATIONS_PER_LEVEL): GithubReport {
  const items = collect(results, options);
  const errors = items.filter((i) => i.finding.severity === 'error');
  const warnings = items.filter((i) => i.finding.severity === 'warning');
  const shown = [...errors.slice(0, limit), ...warnings.slice(0, limit)];
  const hidden = [...errors.slice(limit), ...warnings.slice(limit)];
  const lines = shown.map(annotation);
  if (hidden.length) {
    const hiddenErrors = Math.max(0, errors.length - limit);
    const hiddenWarnings = Math.max(0, warnings.length - limit);
    const parts = [hiddenErrors ? plural(hiddenErrors, 'error') : '', hiddenWarnings ? plural(hiddenWarnings, 'warning') : ''].filter(Boolean);
    lines.push(
      `attune: ${plural(hidden.length, 'more finding')} not annotated (${parts.join(', ')}; GitHub shows ${limit} per level per step); the job summary lists them all`,
    );
    lines.push(`::group::${escapeData(`attune: the ${plural(hidden.length, 'finding')} not annotated`)}`);
    lines.push(...hidden.map(plainLine));
    lines.push('::endgroup::');
  }
  lines.push(totalsLine(results));
  return { log: `${lines.join('\n')}\n`, summary: stepSummary(results, items) };
}

/** A table cell: no line breaks, pipes escaped, HTML inert (the job summary renders HTML). */
function cell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

function stepSummary(results: readonly DocumentResult[], items: Item[]): string {
  const out = ['## attune', '', totalsLine(results).replace(/^attune: /, ''), ''];
  if (items.length === 0) {
    out.push('No problems found.', '');
    return `${out.join('\n')}\n`;
  }
  out.push('| Severity | File | Line | Rule | Message |', '| --- | --- | --- | --- | --- |');
  const ordered = [...items.filter((i) => i.finding.severity === 'error'), ...items.filter((i) => i.finding.severity === 'warning')];
  for (const i of ordered) {
    const f = i.finding;
    out.push(`| ${f.severity} | ${cell(`${i.path}${docSuffix(i.result)}`)} | ${f.line}:${f.column} | ${cell(f.rule)} | ${cell(f.message)} |`);
  }
  out.push('');
  return `${out.join('\n')}\n`;
}

export const github: Formatter = (results, options) => formatGithub(results, options).log;

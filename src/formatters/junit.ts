// JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI). One
// testsuite per file and one testcase per document (a library file holds many), so a report
// reads "which replies fail" rather than "which findings exist". A document with error-level
// findings fails; warnings go to <system-out> so they are visible without failing the case.
// Everything is escaped, and characters XML 1.0 forbids (control characters, lone surrogates)
// are dropped: one stray byte in a draft must not make the CI's parser reject the whole report.

import type { DocumentResult, Finding, Suggestion } from '../core/types.js';
import type { Formatter } from './index.js';
import { summarize } from './index.js';

// XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripIllegalXml(s: string): string {
  return s.replace(ILLEGAL_XML, '');
}

/** Escaped for element content. */
export function xmlText(s: string): string {
  return stripIllegalXml(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped for a double-quoted attribute; tabs and newlines as references so parsers keep them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export function documentName(r: DocumentResult): string {
  const d = r.document;
  if (!d) return r.file;
  return d.name ?? d.id ?? `#${d.index + 1}`;
}

/** One suggestion as plain text; an empty replacement means "delete this", so say that. */
export function suggestionText(s: Suggestion): string {
  const what = s.text === '' ? 'remove this text' : `"${s.text}"`;
  return `${what}${s.description ? ` (${s.description})` : ''}`;
}

function findingLine(f: Finding): string {
  const lines = [`${f.line}:${f.column} ${f.severity} ${f.message} (${f.rule})`];
  for (const s of f.suggestions) lines.push(`    suggestion: ${suggestionText(s)}`);
  return lines.join('\n');
}

function groupByFile(results: readonly DocumentResult[]): Map<string, DocumentResult[]> {
  const groups = new Map<string, DocumentResult[]>();
  for (const r of results) {
    const list = groups.get(r.file) ?? [];
    list.push(r);
    groups.set(r.file, list);
  }
  return groups;
}

export const junit: Formatter = (results) => {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const totals = summarize(results);
  const failedDocs = results.filter((r) => r.findings.some((f) => f.severity === 'error')).length;
  out.push(`<testsuites name="attune" tests="${results.length}" failures="${failedDocs}" errors="0" time="0">`);
  for (const [file, docs] of groupByFile(results)) {
    const failures = docs.filter((r) => r.findings.some((f) => f.severity === 'error')).length;
    out.push(`  <testsuite name="${xmlAttr(file)}" tests="${docs.length}" failures="${failures}" errors="0" skipped="0" time="0">`);
    for (const r of docs) {
      const errors = r.findings.filter((f) => f.severity === 'error');
      const warnings = r.findings.filter((f) => f.severity === 'warning');
      // The name must not change between runs (CI tools track a test's history by it), so the
      // score goes into the output, not the name.
      const open = `    <testcase classname="${xmlAttr(file)}" name="${xmlAttr(documentName(r))}" time="0"`;
      if (errors.length === 0 && warnings.length === 0) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (errors.length) {
        const first = errors[0]!;
        const message = errors.length === 1 ? first.message : `${errors.length} errors; first: ${first.message}`;
        out.push(`      <failure message="${xmlAttr(message)}" type="${xmlAttr(first.rule)}">${xmlText(errors.map(findingLine).join('\n'))}</failure>`);
      }
      const notes = [`score ${r.score}/100`, ...warnings.map(findingLine)];
      out.push(`      <system-out>${xmlText(notes.join('\n'))}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  // The totals are also in the root element's attributes; a comment keeps the mean score visible.
  if (totals.meanScore !== null) out.splice(1, 0, `<!-- attune: ${totals.errors} errors, ${totals.warnings} warnings, mean score ${totals.meanScore} -->`);
  return `${out.join('\n')}\n`;
};

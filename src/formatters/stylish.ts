// The default, human (and agent) readable report: findings grouped by file and document, each with
// its position, severity, message and rule id, the suggestions indented beneath it, then the
// document's score with one bar per category, and a summary line. Clean documents take one line so
// a directory run stays scannable.

import { Chalk, type ChalkInstance } from 'chalk';
import { CATEGORIES, type DocumentResult, type Finding } from '../core/types.js';
import { summarize, type Formatter } from './index.js';

const BAR_WIDTH = 10;

export const stylish: Formatter = (results, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  const groups = new Map<string, DocumentResult[]>();
  for (const r of results) {
    const list = groups.get(r.file) ?? [];
    list.push(r);
    groups.set(r.file, list);
  }
  for (const [file, docs] of groups) {
    out.push(c.underline(file));
    for (const r of docs) out.push(...renderDocument(r, docs.length > 1 || r.document !== null, c));
    out.push('');
  }
  out.push(summaryLine(results, c));
  return `${out.join('\n')}\n`;
};

function documentLabel(r: DocumentResult): string {
  const d = r.document;
  if (!d) return '';
  const name = d.name ?? d.id ?? `#${d.index + 1}`;
  return d.id && d.name && d.id !== d.name ? `${name} (${d.id})` : name;
}

function renderDocument(r: DocumentResult, labelled: boolean, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const indent = labelled ? '    ' : '  ';
  if (labelled) lines.push(`  ${c.bold(documentLabel(r) || 'document')}`);
  if (r.context) {
    const signals = r.context.signals.map((s) => `${s.type} ("${oneLine(s.text, 40)}")`);
    lines.push(`${indent}${c.dim(`context ${r.context.file}: ${signals.length ? signals.join(', ') : 'no signals'}`)}`);
  }
  if (r.findings.length === 0) {
    lines.push(`${indent}${c.green('✔')} no problems  ${scoreText(r.score, c)}`);
    return lines;
  }
  const posWidth = Math.max(...r.findings.map((f) => `${f.line}:${f.column}`.length));
  const msgWidth = Math.min(72, Math.max(...r.findings.map((f) => f.message.length)));
  const sevWidth = r.findings.some((f) => f.severity === 'warning') ? 7 : 5;
  const hang = indent + ' '.repeat(posWidth + 2 + sevWidth + 2);
  for (const f of r.findings) {
    const pos = `${f.line}:${f.column}`.padEnd(posWidth);
    const sev = severityText(f, c, sevWidth);
    lines.push(`${indent}${c.dim(pos)}  ${sev}  ${f.message.padEnd(msgWidth)}  ${c.dim(f.rule)}`);
    for (const s of f.suggestions) {
      const desc = s.description ? c.dim(` — ${s.description}`) : '';
      // An empty replacement means "delete the span"; `""` would read as a typo.
      const what = s.text === '' ? `remove "${oneLine(f.text, 60)}"` : `"${oneLine(s.text, 120)}"`;
      lines.push(`${hang}${c.cyan('↳')} ${c.cyan(what)}${desc}`);
    }
    if (f.fix) lines.push(`${hang}${c.dim('fixable with --fix')}`);
  }
  lines.push('');
  lines.push(`${indent}score ${scoreText(r.score, c)}`);
  const labelWidth = Math.max(...CATEGORIES.map((k) => k.length));
  for (const cat of CATEGORIES) {
    const v = r.categories[cat];
    lines.push(`${indent}  ${cat.padEnd(labelWidth)}  ${bar(v, c)} ${String(v).padStart(3)}`);
  }
  return lines;
}

function severityText(f: Finding, c: ChalkInstance, width: number): string {
  const text = f.severity.padEnd(width);
  return f.severity === 'error' ? c.red(text) : c.yellow(text);
}

function colorFor(v: number, c: ChalkInstance): ChalkInstance {
  return v >= 80 ? c.green : v >= 50 ? c.yellow : c.red;
}

function scoreText(score: number, c: ChalkInstance): string {
  return colorFor(score, c).bold(`${score}/100`);
}

function bar(v: number, c: ChalkInstance): string {
  const filled = Math.round((v / 100) * BAR_WIDTH);
  return colorFor(v, c)('█'.repeat(filled)) + c.dim('░'.repeat(BAR_WIDTH - filled));
}

function oneLine(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function summaryLine(results: readonly DocumentResult[], c: ChalkInstance): string {
  const s = summarize(results);
  const docs = `${s.documents} ${s.documents === 1 ? 'document' : 'documents'}`;
  const mean = s.meanScore === null ? '' : `, mean score ${s.meanScore}/100`;
  const total = s.errors + s.warnings;
  if (total === 0) return c.green(`✔ no problems in ${docs}${mean}`);
  const text = `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${s.errors} ${s.errors === 1 ? 'error' : 'errors'}, ${s.warnings} ${s.warnings === 1 ? 'warning' : 'warnings'}) in ${docs}${mean}`;
  return (s.errors > 0 ? c.red : c.yellow).bold(text);
}

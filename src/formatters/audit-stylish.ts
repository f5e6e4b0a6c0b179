// The audit for a person at a terminal: what a team lead reads top to bottom before deciding which
// macros to rewrite first. Bars use block characters with eighth-steps so small counts still
// show; colors come from the caller (never from the terminal itself).

import { Chalk } from 'chalk';
import type { AuditReport } from '../audit/aggregate.js';
import { CATEGORIES } from '../core/types.js';

export interface AuditFormatOptions {
  color: boolean;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value/max` over `width` cells, in eighths of a cell. */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function padStart(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

export function auditStylish(report: AuditReport, options: AuditFormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const scoreColor = (s: number) => (s < 50 ? c.red : s < 80 ? c.yellow : c.green);
  const s = report.summary;
  const out: string[] = [];
  const heading = (t: string) => {
    out.push('');
    out.push(c.bold(t));
  };

  const extra = [
    s.skipped ? `${s.skipped} without reply text skipped` : '',
    s.problems ? c.red(`${s.problems} unreadable`) : '',
  ].filter(Boolean);
  out.push(`${c.bold('attune audit')}: ${s.macros} ${s.macros === 1 ? 'macro' : 'macros'} in ${s.files} ${s.files === 1 ? 'file' : 'files'}${extra.length ? ` (${extra.join(', ')})` : ''}`);
  if (s.macros === 0) {
    out.push('Nothing to audit.');
    return `${out.join('\n')}\n`;
  }
  out.push(
    `Score  mean ${c.bold(String(s.meanScore))} · median ${c.bold(String(s.medianScore))} · lowest ${scoreColor(s.minScore!)(String(s.minScore))} · ` +
      `${s.clean} without findings · ${c.red(`${s.errors} ${s.errors === 1 ? 'error' : 'errors'}`)}, ${c.yellow(`${s.warnings} ${s.warnings === 1 ? 'warning' : 'warnings'}`)}`,
  );

  heading('Score distribution');
  const maxBin = Math.max(...report.histogram.map((h) => h.count));
  for (const h of report.histogram) {
    const label = padStart(`${h.from}-${h.to}`, 6);
    const color = scoreColor(h.from);
    out.push(`  ${label} │${color(pad(bar(h.count, maxBin, 40), 40))} ${padStart(String(h.count), 4)}`);
  }

  heading('Category averages');
  for (const cat of CATEGORIES) {
    const v = report.categories[cat];
    if (v === null) continue;
    out.push(`  ${pad(cat, 11)} ${scoreColor(v)(pad(bar(v, 100, 30), 30))} ${padStart(v.toFixed(1), 5)}`);
  }

  heading(`Lowest-scoring macros`);
  if (report.lowest.length === 0) out.push('  none: no macro has findings');
  const nameWidth = Math.min(36, Math.max(10, ...report.lowest.map((l) => l.name.length)));
  for (const l of report.lowest) {
    const t = l.topFinding;
    const where = t ? c.dim(`${l.file}:${t.line}:${t.column}`) : '';
    const what = t ? `${(t.severity === 'error' ? c.red : c.yellow)(t.rule)} ${clip(t.message, 70)}` : '';
    out.push(`  ${scoreColor(l.score)(padStart(String(l.score), 3))}  ${pad(clip(l.name, nameWidth), nameWidth)}  ${what}${l.findings > 1 ? c.dim(` (+${l.findings - 1} more)`) : ''}`);
    if (where) out.push(`       ${' '.repeat(nameWidth)}  ${where}`);
  }

  heading('Findings per rule');
  const fired = report.rules.filter((r) => r.findings > 0);
  if (fired.length === 0) out.push('  none');
  const maxRule = Math.max(1, ...fired.map((r) => r.findings));
  const ruleWidth = Math.max(...report.rules.map((r) => r.rule.length), 4);
  for (const r of fired) {
    out.push(
      `  ${pad(r.rule, ruleWidth)} ${padStart(String(r.findings), 4)} ${pad(bar(r.findings, maxRule, 20), 20)} ${c.dim(`in ${r.macros} ${r.macros === 1 ? 'macro' : 'macros'}${r.errors ? `, ${r.errors} ${r.errors === 1 ? 'error' : 'errors'}` : ''}`)}`,
    );
  }

  heading(`Near-duplicate macros (similarity ≥ ${report.duplicates.threshold})`);
  if (report.duplicates.groups.length === 0) out.push('  none');
  for (const g of report.duplicates.groups.slice(0, 15)) {
    out.push(`  ${g.similarity.toFixed(2)}  ${g.macros.map((m) => `"${clip(m.name, 40)}"`).join(' ≈ ')}`);
  }
  if (report.duplicates.groups.length > 15) out.push(c.dim(`  … and ${report.duplicates.groups.length - 15} more groups (see --format html or json)`));

  heading('Coverage');
  for (const cov of report.coverage) {
    if (cov.covered) out.push(`  ${c.green('✔')} ${cov.title} ${c.dim(`(${cov.macros.length} ${cov.macros.length === 1 ? 'macro' : 'macros'})`)}`);
    else out.push(`  ${c.red('✖')} ${cov.title}: ${c.bold('no macro does this')}. ${c.dim(cov.why)}`);
  }

  if (report.problems.length) {
    heading('Macros that could not be read');
    for (const p of report.problems) out.push(`  ${c.red(p.location ? `${p.location}: ${p.message}` : p.message)}`);
  }
  return `${out.join('\n')}\n`;
}

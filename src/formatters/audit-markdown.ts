// The audit as a pull-request comment: short enough to read in a review, with the details that
// change a decision (worst macros, gaps, duplicates) and the rest folded away.

import type { AuditReport } from '../audit/aggregate.js';
import { CATEGORIES } from '../core/types.js';
import { bar } from './audit-stylish.js';

/** Table cells: one line, no pipes breaking the table, no HTML or mentions from macro text. */
export function cell(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  const clipped = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return clipped.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@/g, '@\u200b').replace(/`/g, "'");
}

export function auditMarkdown(report: AuditReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`## attune audit: ${s.macros} ${s.macros === 1 ? 'macro' : 'macros'}, mean score ${s.meanScore ?? '–'} (median ${s.medianScore ?? '–'})`);
  out.push('');
  const gaps = report.coverage.filter((c) => !c.covered);
  out.push(`| Macros | Errors | Warnings | Without findings | Lowest score | Near-duplicate groups | Coverage gaps |`);
  out.push(`|---:|---:|---:|---:|---:|---:|---:|`);
  out.push(`| ${s.macros}${s.skipped ? ` (+${s.skipped} skipped)` : ''} | ${s.errors} | ${s.warnings} | ${s.clean} | ${s.minScore ?? '–'} | ${report.duplicates.groups.length} | ${gaps.length} |`);
  if (s.macros === 0) return `${out.join('\n')}\n`;

  if (report.lowest.length) {
    out.push('', '### Lowest-scoring macros', '', '| Score | Macro | Top finding | Where |', '|---:|---|---|---|');
    for (const l of report.lowest) {
      const t = l.topFinding;
      out.push(`| ${l.score} | ${cell(l.name, 50)} | ${t ? `**${t.rule}**: ${cell(t.message, 90)}` : ''} | ${t ? `\`${cell(`${l.file}:${t.line}:${t.column}`, 70)}\`` : ''} |`);
    }
  }

  if (gaps.length) {
    out.push('', '### Coverage gaps', '');
    for (const g of gaps) out.push(`- **${g.title}**: no macro does this. ${g.why}`);
  }

  out.push('', '### Findings per rule', '', '| Rule | Findings | Macros | Errors |', '|---|---:|---:|---:|');
  for (const r of report.rules.filter((x) => x.findings > 0)) out.push(`| \`${r.rule}\` | ${r.findings} | ${r.macros} | ${r.errors} |`);

  out.push('', '<details><summary>Score distribution and category averages</summary>', '');
  out.push('| Score | Macros | |', '|---|---:|---|');
  const maxBin = Math.max(...report.histogram.map((h) => h.count));
  for (const h of report.histogram) out.push(`| ${h.from}–${h.to} | ${h.count} | ${bar(h.count, maxBin, 20)} |`);
  out.push('', '| Category | Mean score |', '|---|---:|');
  for (const c of CATEGORIES) if (report.categories[c] !== null) out.push(`| ${c} | ${report.categories[c]!.toFixed(1)} |`);
  out.push('', '</details>');

  if (report.duplicates.groups.length) {
    out.push('', `<details><summary>Near-duplicate macros (similarity ≥ ${report.duplicates.threshold}): ${report.duplicates.groups.length} ${report.duplicates.groups.length === 1 ? 'group' : 'groups'}</summary>`, '');
    for (const g of report.duplicates.groups.slice(0, 30)) out.push(`- ${g.similarity.toFixed(2)}: ${g.macros.map((m) => cell(m.name, 50)).join(' ≈ ')}`);
    out.push('', '</details>');
  }

  if (report.problems.length) {
    out.push('', `<details><summary>${report.problems.length} ${report.problems.length === 1 ? 'macro' : 'macros'} could not be read</summary>`, '');
    for (const p of report.problems) out.push(`- \`${cell(p.location ?? '', 80)}\` ${cell(p.message, 120)}`);
    out.push('', '</details>');
  }
  out.push('', `<sub>attune ${cell(report.version)}</sub>`);
  return `${out.join('\n')}\n`;
}

// One line per finding, `path:line:col: severity message (rule)`, for grep, editors' error
// matchers and CI logs. Documents inside a library file are named after the path so lines stay
// parseable by the usual file:line:col matchers.

import { summarize, type Formatter } from './index.js';

export const compact: Formatter = (results) => {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const doc = r.document ? ` [${r.document.name ?? r.document.id ?? `#${r.document.index + 1}`}]` : '';
      lines.push(`${r.file}:${f.line}:${f.column}: ${f.severity} ${f.message} (${f.rule})${doc}`);
    }
  }
  const s = summarize(results);
  const total = s.errors + s.warnings;
  if (total > 0) lines.push('', `${total} ${total === 1 ? 'problem' : 'problems'}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
};

// Checkstyle XML, the lingua franca of older CI plugins (Jenkins Warnings NG, reviewdog, Sonar
// importers): <checkstyle version="4.3"><file name><error line column severity message source/>.
// `source` is `attune.<rule>` in the dotted style those tools group by. Findings inside a library
// file carry the document's name in the message, since checkstyle has no notion of documents.

import type { Formatter } from './index.js';
import { xmlAttr } from './junit.js';

export const checkstyle: Formatter = (results) => {
  const files = new Map<string, string[]>();
  for (const r of results) {
    const errors = files.get(r.file) ?? [];
    files.set(r.file, errors);
    const prefix = r.document ? `[${r.document.name ?? r.document.id ?? `#${r.document.index + 1}`}] ` : '';
    for (const f of r.findings) {
      errors.push(
        `    <error line="${f.line}" column="${f.column}" severity="${f.severity}" message="${xmlAttr(`${prefix}${f.message} (${f.rule})`)}" source="${xmlAttr(`attune.${f.rule}`)}"/>`,
      );
    }
  }
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const [file, errors] of files) {
    if (errors.length === 0) {
      out.push(`  <file name="${xmlAttr(file)}"/>`);
      continue;
    }
    out.push(`  <file name="${xmlAttr(file)}">`, ...errors, '  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
};

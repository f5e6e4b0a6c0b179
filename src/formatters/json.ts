// The JSON contract (schemaVersion 1, documented in the README): a stable envelope around the
// DocumentResult objects. Field order is fixed here so diffs of saved reports stay readable.

import { summarize, type Formatter } from './index.js';

export const SCHEMA_VERSION = 1;

export const json: Formatter = (results, options) => {
  const report = {
    tool: 'attune',
    version: options.version,
    schemaVersion: SCHEMA_VERSION,
    results: results.map((r) => ({
      file: r.file,
      document: r.document,
      score: r.score,
      categories: r.categories,
      findings: r.findings.map((f) => ({
        rule: f.rule,
        messageId: f.messageId,
        severity: f.severity,
        category: f.category,
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        range: f.range,
        text: f.text,
        suggestions: f.suggestions,
        fix: f.fix,
      })),
      context: r.context,
    })),
    summary: summarize(results),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};

// The audit as data: the aggregate plus every macro's result in the same shape as `attune lint
// --format json` results (with the macro's display name), so tools can read both the same way.

import type { AuditReport } from '../audit/aggregate.js';

export function auditJson(report: AuditReport): string {
  const { macros, ...aggregate } = report;
  const out = {
    ...aggregate,
    results: macros.map((m) => ({
      file: m.file,
      document: m.document,
      name: m.name,
      score: m.score,
      categories: m.categories,
      findings: m.findings,
      context: m.context,
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

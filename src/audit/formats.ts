// Audit report formats: name → renderer, loaded only when chosen. Every format renders the same
// AuditReport object (see aggregate.ts).

import type { AuditReport } from './aggregate.js';

export interface AuditRenderOptions {
  color: boolean;
  /** Shown in the HTML report's title. */
  title?: string;
}

export type AuditRenderer = (report: AuditReport, options: AuditRenderOptions) => string;

export const AUDIT_FORMATS: Record<string, () => Promise<AuditRenderer>> = {
  stylish: () => import('../formatters/audit-stylish.js').then((m) => (r, o) => m.auditStylish(r, o)),
  html: () => import('../formatters/audit-html.js').then((m) => (r, o) => m.auditHtml(r, o.title ? { title: o.title } : {})),
  markdown: () => import('../formatters/audit-markdown.js').then((m) => (r) => m.auditMarkdown(r)),
  json: () => import('../formatters/audit-json.js').then((m) => (r) => m.auditJson(r)),
};

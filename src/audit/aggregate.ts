// `attune audit`: a whole library in one picture. Pure: lint results (and the units they came
// from) in, one serialisable report out; every formatter renders this same object, so the
// terminal, HTML, Markdown and JSON reports can never disagree.

import { parseDocument } from '../core/document.js';
import type { LintUnit } from '../core/linter.js';
import { CATEGORIES, type Category, type DocumentRef, type DocumentResult, type Finding, type Settings } from '../core/types.js';
import { coverage, type CoverageResult } from './coverage.js';
import { displayMacro, type Highlight } from './display.js';
import { nearDuplicateGroups, shingles } from './similarity.js';

export const AUDIT_SCHEMA_VERSION = 1;
export const DEFAULT_DUPLICATE_THRESHOLD = 0.8;
export const LOWEST_COUNT = 10;
export const HISTOGRAM_BINS = 10;

export interface AuditInput {
  result: DocumentResult;
  /** The unit the result came from; without it the macro's text is not shown and it takes no part in similarity or coverage. */
  unit?: LintUnit;
}

export interface AuditProblem {
  /** "file:line:column" or "file". */
  location: string | null;
  message: string;
}

export interface AuditSkipped {
  file: string;
  document: DocumentRef;
  reason: string;
}

export interface MacroRef {
  /** Index into `macros`. */
  macro: number;
  file: string;
  document: DocumentRef | null;
  name: string;
  score: number;
}

export interface AuditFindingSummary {
  rule: string;
  severity: Finding['severity'];
  category: Category;
  message: string;
  line: number;
  column: number;
  text: string;
}

export interface AuditMacro extends DocumentResult {
  /** What the report calls the macro: its name, else its id, else the file. */
  name: string;
  /** Clean text for reading, placeholders as written; null when the unit was not given. */
  text: string | null;
  highlights: Highlight[];
}

export interface RuleCount {
  rule: string;
  category: Category;
  findings: number;
  /** Macros with at least one finding of the rule. */
  macros: number;
  errors: number;
  warnings: number;
}

export interface DuplicateGroup {
  /** Highest confirmed pairwise similarity in the group (0-1, exact Jaccard of word 3-grams). */
  similarity: number;
  /** Macros linked by pairs at or above the threshold (transitively), in library order. */
  macros: MacroRef[];
}

export interface AuditReport {
  tool: 'attune';
  version: string;
  schemaVersion: number;
  summary: {
    files: number;
    macros: number;
    skipped: number;
    problems: number;
    errors: number;
    warnings: number;
    /** Macros without any finding. */
    clean: number;
    meanScore: number | null;
    medianScore: number | null;
    minScore: number | null;
    maxScore: number | null;
  };
  /** Score distribution: bins of 10 (the last one holds 90-100). */
  histogram: Array<{ from: number; to: number; count: number }>;
  /** Mean category score over all macros. */
  categories: Record<Category, number | null>;
  /** The lowest-scoring macros, worst first, with the finding that costs them most. */
  lowest: Array<MacroRef & { findings: number; topFinding: AuditFindingSummary | null }>;
  /** Findings per rule, most frequent first. */
  rules: RuleCount[];
  duplicates: { threshold: number; groups: DuplicateGroup[] };
  coverage: Array<Omit<CoverageResult, 'macros'> & { macros: MacroRef[] }>;
  problems: AuditProblem[];
  skipped: AuditSkipped[];
  macros: AuditMacro[];
}

export interface AuditOptions {
  version: string;
  /** Similarity (0-1) from which two macros are reported as near-duplicates. */
  duplicateThreshold?: number;
  problems?: AuditProblem[];
  skipped?: AuditSkipped[];
  /** Settings of the config (configured crisis contacts count as coverage cues). */
  settings?: Settings;
  lowest?: number;
  /** Rule id → category for rules that exist but did not fire (so the per-rule table can list zeros). */
  ruleCategories?: Record<string, Category>;
}

export function macroName(r: Pick<DocumentResult, 'file' | 'document'>): string {
  const d = r.document;
  if (!d) return r.file.split(/[\\/]/).pop() || r.file;
  return d.name ?? (d.id !== null ? `#${d.id}` : `${r.file} #${d.index + 1}`);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : round1((s[mid - 1]! + s[mid]!) / 2);
}

/** Which category's finding leads when severities tie: harm to the customer first. */
const CATEGORY_PRIORITY: readonly Category[] = ['safety', 'boundaries', 'action', 'empathy', 'tone'];

/** The finding that matters most in a macro: errors first, then by category priority, then position. */
export function topFinding(findings: readonly Finding[]): Finding | null {
  let best: Finding | null = null;
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 10) + CATEGORY_PRIORITY.indexOf(f.category);
  for (const f of findings) if (!best || rank(f) < rank(best)) best = f;
  return best;
}

export function buildAudit(inputs: readonly AuditInput[], options: AuditOptions): AuditReport {
  const macros: AuditMacro[] = [];
  const cleanLower: Array<string | null> = [];
  for (const { result, unit } of inputs) {
    let text: string | null = null;
    let highlights: Highlight[] = [];
    if (unit) {
      const doc = parseDocument(unit.text, { format: unit.format ?? 'text' });
      const d = displayMacro(unit, result.findings, doc);
      text = d.text;
      highlights = d.highlights;
      cleanLower.push(d.clean.toLowerCase());
    } else {
      cleanLower.push(null);
    }
    macros.push({ ...result, name: macroName(result), text, highlights });
  }
  const ref = (i: number): MacroRef => {
    const m = macros[i]!;
    return { macro: i, file: m.file, document: m.document, name: m.name, score: m.score };
  };

  const scores = macros.map((m) => m.score);
  let errors = 0;
  let warnings = 0;
  for (const m of macros) for (const f of m.findings) f.severity === 'error' ? errors++ : warnings++;

  const histogram = Array.from({ length: HISTOGRAM_BINS }, (_, i) => ({ from: i * 10, to: i === HISTOGRAM_BINS - 1 ? 100 : i * 10 + 9, count: 0 }));
  for (const s of scores) histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(s / 10))]!.count++;

  const categories = {} as Record<Category, number | null>;
  for (const c of CATEGORIES) {
    const vals = macros.map((m) => m.categories[c]).filter((v): v is number => typeof v === 'number');
    categories[c] = vals.length ? round1(vals.reduce((a, b) => a + b, 0) / vals.length) : null;
  }

  const order = macros.map((_, i) => i).sort((a, b) => {
    const x = macros[a]!;
    const y = macros[b]!;
    const ex = x.findings.filter((f) => f.severity === 'error').length;
    const ey = y.findings.filter((f) => f.severity === 'error').length;
    return x.score - y.score || ey - ex || y.findings.length - x.findings.length || x.name.localeCompare(y.name) || a - b;
  });
  const lowest = order
    .filter((i) => macros[i]!.findings.length > 0)
    .slice(0, options.lowest ?? LOWEST_COUNT)
    .map((i) => {
      const m = macros[i]!;
      const t = topFinding(m.findings);
      return {
        ...ref(i),
        findings: m.findings.length,
        topFinding: t && { rule: t.rule, severity: t.severity, category: t.category, message: t.message, line: t.line, column: t.column, text: t.text },
      };
    });

  const byRule = new Map<string, RuleCount>();
  for (const [id, category] of Object.entries(options.ruleCategories ?? {})) {
    byRule.set(id, { rule: id, category, findings: 0, macros: 0, errors: 0, warnings: 0 });
  }
  for (const m of macros) {
    const seen = new Set<string>();
    for (const f of m.findings) {
      let rc = byRule.get(f.rule);
      if (!rc) byRule.set(f.rule, (rc = { rule: f.rule, category: f.category, findings: 0, macros: 0, errors: 0, warnings: 0 }));
      rc.findings++;
      f.severity === 'error' ? rc.errors++ : rc.warnings++;
      if (!seen.has(f.rule)) {
        seen.add(f.rule);
        rc.macros++;
      }
    }
  }
  const rules = [...byRule.values()].sort((a, b) => b.findings - a.findings || b.errors - a.errors || a.rule.localeCompare(b.rule));

  const threshold = options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const withText = cleanLower.map((t, i) => (t === null ? -1 : i)).filter((i) => i >= 0);
  const sets = withText.map((i) => shingles(cleanLower[i]!));
  const groups: DuplicateGroup[] = nearDuplicateGroups(sets, threshold)
    .map((g) => ({ similarity: round2(g.similarity), macros: g.members.map((k) => ref(withText[k]!)) }))
    .sort((a, b) => b.similarity - a.similarity || b.macros.length - a.macros.length || a.macros[0]!.macro - b.macros[0]!.macro);

  const cov = coverage(withText.map((i) => cleanLower[i]!), options.settings).map((c) => ({ ...c, macros: c.macros.map((k) => ref(withText[k]!)) }));

  return {
    tool: 'attune',
    version: options.version,
    schemaVersion: AUDIT_SCHEMA_VERSION,
    summary: {
      files: new Set(macros.map((m) => m.file)).size,
      macros: macros.length,
      skipped: options.skipped?.length ?? 0,
      problems: options.problems?.length ?? 0,
      errors,
      warnings,
      clean: macros.filter((m) => m.findings.length === 0).length,
      meanScore: scores.length ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
      medianScore: median(scores),
      minScore: scores.length ? Math.min(...scores) : null,
      maxScore: scores.length ? Math.max(...scores) : null,
    },
    histogram,
    categories,
    lowest,
    rules,
    duplicates: { threshold, groups },
    coverage: cov,
    problems: options.problems ?? [],
    skipped: options.skipped ?? [],
    macros,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

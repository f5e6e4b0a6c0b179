// The linter: runs the enabled rules over one unit of text and turns their clean-text reports into
// findings with file positions, messages, suggestions and safe fixes. Pure: no I/O.

import { parseDocument, type CustomerContext, type Doc, type SourceFormat } from './document.js';
import { LineIndex } from './position.js';
import { loadRuleData } from './rule-data.js';
import { scoreFindings } from './score.js';
import { detectSignals } from './signals.js';
import { RuleCrash } from './errors.js';
import { DIRECTIVE_RULE_IDS, parseDirectives } from './directives.js';
import { acceptedSpans, isAccepted } from './vocabulary.js';
import type { Quoting } from './fixer.js';
import type {
  ContextResult,
  DocumentRef,
  DocumentResult,
  Finding,
  Rule,
  RuleReport,
  Settings,
  Severity,
  SeveritySetting,
  Signal,
} from './types.js';
import { builtinRules } from '../rules/index.js';

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  settings: Settings;
  /** --report-unused-disable-directives: severity of findings for directives that suppressed nothing. */
  reportUnusedDisableDirectives?: SeveritySetting;
  /** `library.fields`: where a generic JSON/YAML/CSV library keeps each macro's name, body and id. */
  library?: { fields?: LibraryFields };
  /** `overrides`, still to apply per file (see overrides.ts configForFile). */
  overrides?: import('./overrides.js').ResolvedOverride[];
  /** `ignores` and .attuneignore patterns (see ignore.ts). */
  ignores?: import('./ignore.js').IgnoreLayer[];
  /** Custom rules and plugins in use: shown by --print-config and part of the --cache key. */
  customRules?: Array<{ id: string; definedIn: string; definition: unknown }>;
  plugins?: Array<{ name: string; file: string; version: string | null; rules: string[] }>;
}

export interface LibraryFields {
  name?: string;
  body?: string;
  id?: string;
}

export const DEFAULT_SETTINGS: Settings = {
  crisis: {
    resources: [
      {
        name: 'your local emergency number',
        contact: 'call 911 (US/Canada), 999 (UK), 112 (EU) or your local emergency number',
        region: 'international',
      },
      { name: '988 Suicide & Crisis Lifeline', contact: 'call or text 988', region: 'US' },
      { name: 'Samaritans', contact: 'call 116 123', region: 'UK/IE' },
      { name: 'Find a Helpline', contact: 'findahelpline.com', region: 'international' },
    ],
    available24x7: false,
  },
  escalation: { team: 'a member of our care team' },
};

/** Every built-in rule at its default severity. */
export function defaultConfig(rules: readonly Rule[] = builtinRules): ResolvedConfig {
  const out: Record<string, RuleSetting> = {};
  for (const r of rules) out[r.meta.id] = { severity: r.meta.defaultSeverity, options: defaultOptions(r) };
  return { rules: out, settings: structuredClone(DEFAULT_SETTINGS) };
}

export function defaultOptions(rule: Rule): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(rule.meta.options ?? {})) o[k] = spec.default;
  return o;
}

export interface LintUnit {
  /** The unit's text exactly as read (a whole file, or one macro body). */
  text: string;
  format?: SourceFormat;
  /** Path as the user gave it (or `<stdin>`). */
  file: string;
  document?: DocumentRef | null;
  /** The whole file's text, for line/column, when the unit is a part of it. Defaults to `text`. */
  fileText?: string;
  /** Maps a unit offset to a file offset. Defaults to identity. */
  toFileOffset?: (unitOffset: number) => number;
  /** How the text is stored in the file (a JSON string, a YAML scalar, a CSV field), so --fix can escape what it writes. */
  quoting?: Quoting;
}

export interface ContextInput {
  text: string;
  file: string;
  format?: SourceFormat;
}

export interface LintOptions {
  config?: ResolvedConfig;
  /** All rules that may run (built-ins plus plugins and custom rules). */
  rules?: readonly Rule[];
  context?: ContextInput | CustomerContextAnalysis | null;
}

export interface CustomerContextAnalysis {
  customer: CustomerContext;
  result: ContextResult;
}

function isAnalysis(c: ContextInput | CustomerContextAnalysis): c is CustomerContextAnalysis {
  return 'customer' in c;
}

/** Parse and analyse the customer's message once; reuse the analysis for many drafts. */
export function analyzeContext(input: ContextInput): CustomerContextAnalysis {
  const doc = parseDocument(input.text, { format: input.format ?? 'text' });
  const lines = new LineIndex(input.text);
  const raw = detectSignals(doc);
  const signals: Signal[] = raw.map((s) => {
    const start = doc.toSource(s.start);
    const end = doc.toSource(s.end, true);
    const pos = lines.position(start);
    return { type: s.type, text: input.text.slice(start, end), range: [start, end], line: pos.line, column: pos.column, cue: s.cue };
  });
  return { customer: { doc, signals }, result: { file: input.file, signals } };
}

const PLACEHOLDER_RE = /\{\{\s*([\w.]+)\s*\}\}/g;

export function formatMessage(rule: Rule, messageId: string, data: Record<string, string | number> = {}): string {
  const template = rule.meta.messages[messageId];
  if (template === undefined) {
    throw new Error(`rule "${rule.meta.id}" reported unknown messageId "${messageId}"`);
  }
  return template.replace(PLACEHOLDER_RE, (_, key: string) => {
    const v = data[key];
    if (v === undefined) throw new Error(`rule "${rule.meta.id}" message "${messageId}" needs {{${key}}}`);
    return String(v);
  });
}

function toSeverity(s: SeveritySetting): Severity {
  return s === 'error' ? 'error' : 'warning';
}

/** Run one rule on a parsed document; returns raw reports (used by the linter and the rule tester). */
export function runRule(
  rule: Rule,
  doc: Doc,
  customer: CustomerContext | null,
  options: Record<string, unknown>,
  settings: Settings,
): RuleReport[] {
  const reports: RuleReport[] = [];
  if (rule.meta.requiresContext && !customer) return reports;
  rule.check({
    doc,
    customer,
    options,
    data: loadRuleData(rule.meta.id),
    settings,
    report(r) {
      if (!(r.start >= 0 && r.end >= r.start && r.end <= doc.text.length)) {
        throw new Error(`rule "${rule.meta.id}" reported range [${r.start}, ${r.end}) outside the text (length ${doc.text.length})`);
      }
      reports.push(r);
    },
  });
  return reports;
}

// The macros of one library share their file's text: index its lines once, not once per macro
// (which made a 10,000-macro library quadratic).
let lastLines: { text: string; index: LineIndex } | null = null;
function lineIndexFor(text: string): LineIndex {
  if (lastLines?.text !== text) lastLines = { text, index: new LineIndex(text) };
  return lastLines.index;
}

export function lintUnit(unit: LintUnit, options: LintOptions = {}): DocumentResult {
  const rules = options.rules ?? builtinRules;
  const config = options.config ?? defaultConfig(rules);
  const doc = parseDocument(unit.text, { format: unit.format ?? 'text' });
  const context = options.context ? (isAnalysis(options.context) ? options.context : analyzeContext(options.context)) : null;
  const fileText = unit.fileText ?? unit.text;
  const toFile = unit.toFileOffset ?? ((o: number) => o);
  const lines = lineIndexFor(fileText);
  const placeholderSpans = doc.masks.filter((m) => m.kind === 'placeholder');
  const directives = parseDirectives(doc, new Set(rules.map((r) => r.meta.id)));
  // vocabulary.accept: brand and team phrases never flagged (vocabulary.ts says how "inside" is judged).
  const accepted = acceptedSpans(unit.text, config.settings.vocabulary?.accept);

  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === 'off') continue;
    let reports: RuleReport[];
    try {
      reports = runRule(rule, doc, context?.customer ?? null, setting.options, config.settings);
    } catch (err) {
      throw new RuleCrash(rule.meta.id, unit.file, err);
    }
    for (const r of reports) {
      let message: string;
      try {
        message = formatMessage(rule, r.messageId, r.data);
      } catch (err) {
        throw new RuleCrash(rule.meta.id, unit.file, err);
      }
      const uStart = doc.toSource(r.start);
      if (directives.suppresses(rule.meta.id, uStart)) continue;
      const uEnd = Math.max(uStart, doc.toSource(r.end, true));
      if (accepted.length && isAccepted(accepted, uStart, uEnd)) continue;
      const start = toFile(uStart);
      const end = toFile(uEnd);
      const a = lines.position(start);
      const b = lines.position(end);
      const range: [number, number] = [start, end];
      let fix: Finding['fix'] = null;
      if (r.fix) {
        const fs = doc.toSource(r.fix.start);
        const fe = Math.max(fs, doc.toSource(r.fix.end, true));
        const touchesPlaceholder = placeholderSpans.some((p) => p.start < fe && p.end > fs);
        if (!touchesPlaceholder) fix = { range: [toFile(fs), toFile(fe)], text: r.fix.text };
      }
      findings.push({
        rule: rule.meta.id,
        messageId: r.messageId,
        severity: toSeverity(setting.severity),
        category: rule.meta.category,
        message,
        line: a.line,
        column: a.column,
        endLine: b.line,
        endColumn: b.column,
        range,
        text: fileText.slice(start, end),
        suggestions: (r.suggestions ?? []).map((s) => ({
          text: s.text,
          description: s.description,
          ...(s.replace ? { fix: { range, text: s.text } } : {}),
        })),
        fix,
      });
    }
  }
  const crisis = context?.customer.signals.some((s) => s.type === 'crisis') ?? false;
  // Directive findings say nothing about the reply, so they are not scored.
  const { score, categories } = scoreFindings({ findings, crisis });
  const directiveFinding = (rule: string, messageId: string, severity: Severity, message: string, uStart: number, uEnd: number): Finding => {
    const [start, end] = [toFile(uStart), toFile(uEnd)];
    const a = lines.position(start);
    const b = lines.position(end);
    return { rule, messageId, severity, category: 'tone', message, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, range: [start, end], text: fileText.slice(start, end), suggestions: [], fix: null };
  };
  for (const p of directives.problems) findings.push(directiveFinding(DIRECTIVE_RULE_IDS.invalid, p.messageId, 'error', p.message, p.start, p.end));
  const unusedSeverity = config.reportUnusedDisableDirectives;
  if (unusedSeverity && unusedSeverity !== 'off') {
    for (const u of directives.unused()) {
      findings.push(directiveFinding(DIRECTIVE_RULE_IDS.unused, u.directive.kind === 'enable' ? 'unusedEnable' : 'unused', toSeverity(unusedSeverity), u.message, u.directive.start, u.directive.end));
    }
  }
  findings.sort((x, y) => x.range[0] - y.range[0] || x.range[1] - y.range[1] || x.rule.localeCompare(y.rule));
  return { file: unit.file, document: unit.document ?? null, score, categories, findings, context: context?.result ?? null };
}

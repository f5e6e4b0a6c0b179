// Shared contracts. Everything a rule, formatter or reader needs to agree on lives here.

export type Category = 'empathy' | 'action' | 'boundaries' | 'tone' | 'safety';
export const CATEGORIES: readonly Category[] = ['empathy', 'action', 'boundaries', 'tone', 'safety'];

/** Severity as written in config. */
export type SeveritySetting = 'off' | 'warn' | 'error';
/** Severity as reported in results. */
export type Severity = 'warning' | 'error';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in user-perceived characters (grapheme clusters) like an editor. */
  column: number;
}

/** A replacement of source text: range is 0-based [start, end) in the *file* text. */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  /** The replacement text the agent may choose. */
  text: string;
  /** Why, in plain words. */
  description: string;
  /** Where the suggestion applies, when it is a replacement of the finding's span. */
  fix?: Fix;
}

/** What a rule reports, in offsets of the document's clean text. */
export interface RuleReport {
  messageId: string;
  /** Values for {{placeholders}} in the message. */
  data?: Record<string, string | number>;
  /** 0-based [start, end) in doc.text (clean text). */
  start: number;
  end: number;
  suggestions?: Array<{ text: string; description: string; replace?: boolean }>;
  /** A safe, meaning-preserving edit: replace clean-text [start,end) with text. */
  fix?: { start: number; end: number; text: string };
}

export interface Finding {
  rule: string;
  messageId: string;
  severity: Severity;
  category: Category;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based [start, end) in the file's text. */
  range: [number, number];
  /** The source text the finding covers. */
  text: string;
  suggestions: Suggestion[];
  fix: Fix | null;
}

export interface DocumentRef {
  id: string | null;
  name: string | null;
  index: number;
}

export type SignalType = 'crisis' | 'distress' | 'anger' | 'confusion';
export interface Signal {
  type: SignalType;
  text: string;
  range: [number, number];
  line: number;
  column: number;
  /** Which detector pattern matched (for explain / evaluation). */
  cue?: string;
}

export interface ContextResult {
  file: string;
  signals: Signal[];
}

export interface DocumentResult {
  file: string;
  document: DocumentRef | null;
  score: number;
  categories: Record<Category, number>;
  findings: Finding[];
  context: ContextResult | null;
}

export interface RuleOptionSpec {
  type: 'number' | 'boolean' | 'string' | 'string[]';
  default: unknown;
  description: string;
  min?: number;
  max?: number;
}

export interface RuleMeta {
  id: string;
  category: Category;
  defaultSeverity: SeveritySetting;
  /** One-line description (used in `attune rules`, SARIF shortDescription). */
  description: string;
  /** Path of the docs relative to the package root, e.g. rules/over-apology.md */
  docs: string;
  messages: Record<string, string>;
  /** True when some findings carry a safe fix. */
  fixable: boolean;
  hasSuggestions: boolean;
  /** The rule only runs when the customer's message is given. */
  requiresContext?: boolean;
  options?: Record<string, RuleOptionSpec>;
}

export interface RuleContext {
  doc: import('./document.js').Doc;
  /** The customer's message, analysed, or null when not given. */
  customer: import('./document.js').CustomerContext | null;
  options: Record<string, unknown>;
  /** Parsed rules/<id>.yaml (or {} when the rule has none). */
  data: RuleData;
  /** Settings from the config that rules may read (crisis resources, escalation team, ...). */
  settings: Settings;
  report(r: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export interface PhraseEntry {
  /** Stable id of the entry within the rule. */
  id: string;
  /** Regular-expression sources; matched case-insensitively on word boundaries against clean text. */
  patterns: string[];
  messageId?: string;
  note?: string;
  source?: string;
  sureness?: 'high' | 'medium' | 'low';
  suggestions?: string[];
  /** Free-form extra fields a rule may use. */
  [key: string]: unknown;
}

export interface RuleData {
  id?: string;
  phrases?: PhraseEntry[];
  examples?: { flag?: string[]; pass?: string[] };
  [key: string]: unknown;
}

export interface CrisisResource {
  name: string;
  contact: string;
  region?: string;
}

export interface Settings {
  crisis: { resources: CrisisResource[]; available24x7: boolean };
  escalation: { team: string };
  /** The config's `vocabulary`: accepted terms silence findings inside them; rejected ones feed the `vocabulary` rule. */
  vocabulary?: { accept: string[]; reject: Array<{ phrase?: string; pattern?: string; suggestion?: string; message?: string }> };
}

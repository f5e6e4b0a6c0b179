// Inline control, as ESLint does it: `attune-disable`, `attune-enable`, `attune-disable-line` and
// `attune-disable-next-line`, with an optional rule list (comma-separated; none means every rule)
// and an optional ` -- reason`. Directives are only read from comments the customer never sees:
// HTML comments `<!-- … -->` (plain text, Markdown, HTML), Handlebars `{{!-- … --}}` / `{{! … }}`
// and Liquid `{% comment %}…{% endcomment %}` / `{% # … %}`. They are found through the document
// model's masks, so a directive inside a code block or quoted history does nothing, exactly as an
// `eslint-disable` inside a string literal does nothing.
//
// Semantics follow ESLint's apply-disable-directives: a finding is suppressed by the last block
// directive before it that names its rule (or all rules), unless an enable came after; line
// directives cover one line of the unit. A rule name that no loaded rule has is an error at the
// directive ("Definition for rule … was not found" in ESLint), so a typo cannot silently disable
// nothing. Pure: no I/O.

import type { Doc } from './document.js';
import { LineIndex } from './position.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named, or null for every rule. */
  rules: string[] | null;
  /** Text after ` -- `, or null. */
  reason: string | null;
  /** 0-based [start, end) of the whole comment in the unit's source text. */
  start: number;
  end: number;
  /** For line directives: the 1-based line of the unit they cover. */
  line: number | null;
}

export interface DirectiveProblem {
  messageId: 'unknownRule' | 'multiline';
  message: string;
  start: number;
  end: number;
}

/** One rule (or all) of one directive: the unit ESLint tracks "used" for. */
interface Entry {
  directive: Directive;
  rule: string | null;
  used: boolean;
}

export interface UnusedDirective {
  directive: Directive;
  /** Unused rule names of this directive, or null when the directive names no rule (all rules). */
  rules: string[] | null;
  message: string;
}

/** Rule ids attune reports for directives themselves (not rules a config can turn off). */
export const DIRECTIVE_RULE_IDS = { unused: 'unused-disable-directive', invalid: 'invalid-directive' } as const;

const KEYWORD = /^attune-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;

/** The text inside a comment mask, or null when the masked span is not a comment form we read. */
function commentBody(span: string): string | null {
  let m = /^<!--([\s\S]*?)-->$/.exec(span);
  if (m) return m[1]!;
  m = /^\{\{~?!(?:--)?([\s\S]*?)(?:--)?~?\}\}$/.exec(span);
  if (m) return m[1]!;
  m = /^\{%-?\s*comment\s*-?%\}([\s\S]*?)\{%-?\s*endcomment\s*-?%\}$/.exec(span);
  if (m) return m[1]!;
  m = /^\{%-?\s*#([\s\S]*?)-?%\}$/.exec(span);
  if (m) return m[1]!;
  return null;
}

/** ` (did you mean "x"?)` for a close known name; local so this module stays free of config imports. */
function hint(name: string, known: ReadonlySet<string>): string {
  let best: string | null = null;
  let bestDist = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDist) [best, bestDist] = [k, d];
  }
  return best !== null && bestDist <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

export class DirectiveSet {
  readonly directives: Directive[] = [];
  readonly problems: DirectiveProblem[] = [];
  private readonly blockEntries: Entry[] = [];
  private readonly lineEntries: Entry[] = [];
  private linesCache: LineIndex | null = null;

  constructor(
    private readonly doc: Pick<Doc, 'source' | 'masks'>,
    knownRules: ReadonlySet<string>,
  ) {
    for (const mask of doc.masks) {
      if (mask.kind !== 'comment' && mask.kind !== 'placeholder') continue;
      const span = doc.source.slice(mask.start, mask.end);
      const body = commentBody(span);
      if (body === null) continue;
      this.read(body.trim(), mask.start, mask.end, knownRules);
    }
  }

  /** Built only when a directive exists: most drafts carry none. */
  private get lines(): LineIndex {
    this.linesCache ??= new LineIndex(this.doc.source);
    return this.linesCache;
  }

  private read(body: string, start: number, end: number, known: ReadonlySet<string>): void {
    const kw = KEYWORD.exec(body);
    if (!kw) return;
    const kind = kw[1] as DirectiveKind;
    // ESLint: the reason starts at the first " --" (two or more dashes surrounded by whitespace).
    const rest = body.slice(kw[0].length);
    const split = /\s-{2,}\s|\s-{2,}$/.exec(rest);
    const listText = (split ? rest.slice(0, split.index) : rest).trim();
    const reason = split ? rest.slice(split.index + split[0].length).trim() || null : null;
    const startLine = this.lines.position(start).line;
    const endLine = this.lines.position(end).line;
    if (kind === 'disable-line' && startLine !== endLine) {
      this.problems.push({ messageId: 'multiline', message: 'attune-disable-line comment should not span multiple lines.', start, end });
      return;
    }
    let rules: string[] | null = null;
    if (listText !== '') {
      rules = [];
      for (const name of listText.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (known.has(name)) {
          if (!rules.includes(name)) rules.push(name);
          continue;
        }
        const words = name.split(/\s+/);
        const why = words.length > 1 && words.every((w) => known.has(w)) ? ' (separate rule names with commas)' : hint(name, known);
        this.problems.push({ messageId: 'unknownRule', message: `Definition for rule '${name}' was not found${why}.`, start, end });
      }
      // Every name was unknown: the directive does nothing (and must not turn into "all rules").
      if (rules.length === 0) return;
    }
    const line = kind === 'disable-line' ? startLine : kind === 'disable-next-line' ? endLine + 1 : null;
    const directive: Directive = { kind, rules, reason, start, end, line };
    this.directives.push(directive);
    const entries = (rules ?? [null]).map((rule) => ({ directive, rule, used: false }));
    (line === null ? this.blockEntries : this.lineEntries).push(...entries);
  }

  /**
   * Whether a finding of `rule` starting at unit offset `offset` is suppressed; marks the directive
   * that suppresses it as used.
   */
  suppresses(rule: string, offset: number): boolean {
    if (this.blockEntries.length === 0 && this.lineEntries.length === 0) return false;
    let by: Entry | null = null;
    for (const e of this.blockEntries) {
      if (e.directive.start > offset) break;
      if (e.rule !== null && e.rule !== rule) continue;
      by = e.directive.kind === 'disable' ? e : null;
    }
    const line = this.lineEntries.length ? this.lines.position(offset).line : 0;
    const onLine = this.lineEntries.find((e) => e.directive.line === line && (e.rule === null || e.rule === rule));
    if (onLine) {
      onLine.used = true;
      return true;
    }
    if (by) {
      by.used = true;
      return true;
    }
    return false;
  }

  /** Disable directives (or rules in them) that suppressed nothing, and enables that re-enabled nothing. */
  unused(): UnusedDirective[] {
    const out: UnusedDirective[] = [];
    const byDirective = new Map<Directive, Entry[]>();
    for (const e of [...this.blockEntries, ...this.lineEntries]) {
      if (e.directive.kind === 'enable') continue;
      const list = byDirective.get(e.directive) ?? [];
      list.push(e);
      byDirective.set(e.directive, list);
    }
    const unusedEnables = this.unusedEnables();
    for (const d of this.directives) {
      if (d.kind === 'enable') {
        const rules = unusedEnables.get(d);
        if (rules === undefined) continue;
        out.push({
          directive: d,
          rules,
          message: rules ? `Unused attune-enable directive (no matching attune-disable directives were found for ${quoteList(rules)}).` : 'Unused attune-enable directive (no matching attune-disable directives were found).',
        });
        continue;
      }
      const entries = byDirective.get(d) ?? [];
      const idle = entries.filter((e) => !e.used);
      if (idle.length === 0) continue;
      if (d.rules === null) {
        out.push({ directive: d, rules: null, message: `Unused attune-${d.kind} directive (no problems were reported).` });
      } else {
        const names = idle.map((e) => e.rule!);
        out.push({ directive: d, rules: names, message: `Unused attune-${d.kind} directive (no problems were reported from ${quoteList(names)}).` });
      }
    }
    return out.sort((a, b) => a.directive.start - b.directive.start);
  }

  /** Sweep block directives in order; an enable is unused when nothing it names is disabled at that point. */
  private unusedEnables(): Map<Directive, string[] | null> {
    const out = new Map<Directive, string[] | null>();
    let all = false;
    const except = new Set<string>();
    const disabled = new Set<string>();
    const isDisabled = (r: string) => (all && !except.has(r)) || disabled.has(r);
    for (const d of this.directives) {
      if (d.line !== null) continue;
      if (d.kind === 'disable') {
        if (d.rules === null) {
          all = true;
          except.clear();
        } else {
          for (const r of d.rules) {
            disabled.add(r);
            except.delete(r);
          }
        }
        continue;
      }
      if (d.rules === null) {
        if (!all && disabled.size === 0) out.set(d, null);
        all = false;
        except.clear();
        disabled.clear();
        continue;
      }
      const idle = d.rules.filter((r) => !isDisabled(r));
      if (idle.length > 0) out.set(d, idle);
      for (const r of d.rules) {
        disabled.delete(r);
        if (all) except.add(r);
      }
    }
    return out;
  }
}

function quoteList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** Parse the directives of a parsed unit. `knownRules`: every rule that may run (on or off). */
export function parseDirectives(doc: Pick<Doc, 'source' | 'masks'>, knownRules: ReadonlySet<string>): DirectiveSet {
  return new DirectiveSet(doc, knownRules);
}

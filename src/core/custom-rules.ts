// No-code custom rules: team leads describe rules in YAML or JSON (inline under `customRules` in the
// config, or in files it lists) with four generic kinds borrowed from Vale — phrase (existence),
// substitution, occurrence (min/max) and require (conditional) — and get Rule objects with the same
// interface as the built-ins. Everything a team lead can get wrong is a config error naming the
// file (with line and column for rule files) and the key: unknown keys, keys of another kind,
// unfillable {{placeholders}}, ids that collide, invalid patterns and patterns that could hang
// (safe-regex.ts). Patterns run one sentence at a time in bounded windows, never over a whole file.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { AttuneError } from './errors.js';
import { schemaError } from './config-schema.js';
import { boundedWindows, checkPattern } from './safe-regex.js';
import { phraseToPattern } from './vocabulary.js';
import { compilePhrases, matchPhrases, type PhraseMatch } from '../checks/phrase.js';
import { DEFAULT_SETTINGS, lintUnit } from './linter.js';
import type { Category, Finding, PhraseEntry, Rule, RuleReport, SeveritySetting } from './types.js';
import type { Doc } from './document.js';

export { phraseToPattern };

export type CustomRuleKind = 'phrase' | 'substitution' | 'occurrence' | 'require';

export interface Matcher {
  phrases?: string[];
  patterns?: string[];
}

/** A custom rule as written in YAML/JSON (see schema/attunerc.schema.json#/definitions/customRule). */
export interface CustomRuleSpec extends Matcher {
  id: string;
  kind: CustomRuleKind;
  message?: string;
  description?: string;
  severity?: SeveritySetting;
  category?: Category;
  suggestions?: string[];
  swap?: Record<string, string>;
  swapPatterns?: Record<string, string>;
  max?: number;
  min?: number;
  scope?: 'document' | 'sentence';
  if?: Matcher;
  then?: Matcher;
  examples?: RuleExamples;
}

export interface RuleExamples {
  /** Texts the rule must flag. */
  flag?: string[];
  /** Texts the rule must leave alone. */
  pass?: string[];
}

/** A rule that may carry examples (custom rules always can; plugin rules may). */
export interface RuleWithExamples extends Rule {
  examples?: RuleExamples;
}

/** Which keys belong to which kind, so a key of another kind is an error rather than ignored. */
const KIND_KEYS: Record<CustomRuleKind, string[]> = {
  phrase: ['phrases', 'patterns', 'suggestions'],
  substitution: ['swap', 'swapPatterns'],
  occurrence: ['phrases', 'patterns', 'max', 'min', 'scope'],
  require: ['if', 'then', 'scope'],
};
const COMMON_KEYS = ['id', 'kind', 'message', 'description', 'severity', 'category', 'examples'];

const PLACEHOLDERS: Record<CustomRuleKind, string[]> = {
  phrase: ['match', 'suggestion'],
  substitution: ['match', 'replacement'],
  occurrence: ['match', 'count', 'max', 'min'],
  require: ['trigger', 'expected'],
};

/** Where a piece of a rule definition sits, for errors: `file:line:col: rules[2].patterns[0]`. */
export type Locator = (path: Array<string | number>) => string;

function keyPath(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function checkedPattern(source: string, where: string): string {
  try {
    new RegExp(source, 'u');
  } catch (err) {
    throw new AttuneError('config', `invalid pattern /${source}/: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`, where);
  }
  const problem = checkPattern(source);
  if (problem) throw new AttuneError('config', problem.message, where);
  return source;
}

function entriesOf(m: Matcher, id: string, path: Array<string | number>, locate: Locator): PhraseEntry[] {
  const out: PhraseEntry[] = [];
  (m.phrases ?? []).forEach((p, i) => out.push({ id: `${id}:phrase:${i}`, patterns: [phraseToPattern(p)], phrase: p }));
  (m.patterns ?? []).forEach((p, i) => out.push({ id: `${id}:pattern:${i}`, patterns: [checkedPattern(p, locate([...path, 'patterns', i]))] }));
  return out;
}

function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!);
}

/** A replacement for a match that opens a sentence opens it too ("Utilize" → "Use"); elsewhere it is used as written. */
function capitalizeLike(replacement: string, match: string, text: string, start: number): string {
  const first = match[0] ?? '';
  const opensSentence = /(?:^|[.!?]["')\]]?\s+|\n\s*)$/.test(text.slice(Math.max(0, start - 4), start));
  return opensSentence && first !== first.toLowerCase() && replacement[0] ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}

function quoteList(items: string[]): string {
  const q = items.slice(0, 3).map((s) => `"${s}"`);
  if (items.length > 3) q.push('…');
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q.at(-1)}`;
}

/** Sentence ranges of the clean text, each cut into bounded windows. Falls back to the whole text. */
function scopes(doc: Doc): Array<{ start: number; end: number }> {
  const sentences = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
  return sentences.map((s) => ({ start: s.start, end: s.end }));
}

function matchIn(doc: Doc, compiled: ReturnType<typeof compilePhrases>, from: number, to: number): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  let lastEnd = -1;
  for (const [ws, we] of boundedWindows(from, to)) {
    for (const m of matchPhrases(doc.text, compiled, ws, we)) {
      if (m.start < lastEnd) continue;
      out.push(m);
      lastEnd = m.end;
    }
  }
  return out;
}

/** Turn one validated spec into a Rule. `origin` names where it was defined (shown as its docs). */
export function compileCustomRule(spec: CustomRuleSpec, origin: string, path: Array<string | number>, locate: Locator, reserved: ReadonlyMap<string, string>): CustomRule {
  // The definition travels with the rule: --print-config shows it and the --cache key hashes it.
  return { ...buildRule(spec, origin, path, locate, reserved), spec };
}

export interface CustomRule extends RuleWithExamples {
  spec: CustomRuleSpec;
}

function buildRule(spec: CustomRuleSpec, origin: string, path: Array<string | number>, locate: Locator, reserved: ReadonlyMap<string, string>): RuleWithExamples {
  const at = (...sub: Array<string | number>) => locate([...path, ...sub]);
  const taken = reserved.get(spec.id);
  if (taken) throw new AttuneError('config', `rule id "${spec.id}" is already used by ${taken}; pick another (a team prefix helps, e.g. "acme-${spec.id}")`, at('id'));
  const allowed = new Set([...COMMON_KEYS, ...KIND_KEYS[spec.kind]]);
  for (const key of Object.keys(spec)) {
    if (!allowed.has(key)) {
      const owner = (Object.keys(KIND_KEYS) as CustomRuleKind[]).filter((k) => KIND_KEYS[k].includes(key));
      throw new AttuneError('config', `"${key}" does not apply to a ${spec.kind} rule (it belongs to ${owner.join(' and ')} rules)`, at(key));
    }
  }
  const needMatcher = (m: Matcher | undefined, key: string | null) => {
    if (!m || (!m.phrases?.length && !m.patterns?.length)) {
      throw new AttuneError('config', `a ${spec.kind} rule needs ${key ? `${key}.phrases or ${key}.patterns` : '"phrases" or "patterns"'}`, key ? at(key) : locate(path));
    }
  };
  const templateCheck = (template: string, extra: string[] = []) => {
    const known = [...PLACEHOLDERS[spec.kind].filter((p) => (p === 'max' ? spec.max !== undefined : p === 'min' ? spec.min !== undefined : p === 'suggestion' ? !!spec.suggestions?.length : true)), ...extra];
    for (const p of placeholdersOf(template)) {
      if (!known.includes(p)) throw new AttuneError('config', `unknown placeholder {{${p}}}; this rule can fill ${known.map((k) => `{{${k}}}`).join(', ')}`, at('message'));
    }
  };
  if (spec.message) templateCheck(spec.message);

  const examples = spec.examples;
  const base = {
    id: spec.id,
    category: spec.category ?? 'tone',
    defaultSeverity: spec.severity ?? 'warn',
    docs: origin,
    fixable: false,
  } as const;

  switch (spec.kind) {
    case 'phrase': {
      needMatcher(spec, null);
      const entries = entriesOf(spec, spec.id, path, locate);
      const suggestions = spec.suggestions ?? [];
      const message = spec.message ?? (suggestions.length ? 'Avoid "{{match}}"; consider "{{suggestion}}".' : 'Avoid "{{match}}".');
      return {
        examples,
        meta: { ...base, description: spec.description ?? `Flags ${quoteList(spec.phrases ?? spec.patterns ?? [])}.`, messages: { phrase: message }, hasSuggestions: suggestions.length > 0 },
        check({ doc, report }) {
          const compiled = compilePhrases(entries, spec.id);
          for (const s of scopes(doc)) {
            for (const m of matchIn(doc, compiled, s.start, s.end)) {
              report({
                messageId: 'phrase',
                data: { match: m.text, ...(suggestions[0] ? { suggestion: capitalizeLike(suggestions[0], m.text, doc.text, m.start) } : {}) },
                start: m.start,
                end: m.end,
                suggestions: suggestions.map((text) => ({ text: capitalizeLike(text, m.text, doc.text, m.start), description: `Replace "${m.text}"`, replace: true })),
              });
            }
          }
        },
      };
    }
    case 'substitution': {
      if (!spec.swap && !spec.swapPatterns) throw new AttuneError('config', 'a substitution rule needs "swap" (phrase: replacement) or "swapPatterns" (pattern: replacement)', locate(path));
      const entries: PhraseEntry[] = [];
      Object.entries(spec.swap ?? {}).forEach(([from, to], i) => entries.push({ id: `${spec.id}:swap:${i}`, patterns: [phraseToPattern(from)], replacement: to }));
      Object.entries(spec.swapPatterns ?? {}).forEach(([from, to], i) =>
        entries.push({ id: `${spec.id}:swapPattern:${i}`, patterns: [checkedPattern(from, at('swapPatterns', from))], replacement: to }),
      );
      const message = spec.message ?? 'Use "{{replacement}}" instead of "{{match}}".';
      return {
        examples,
        meta: { ...base, description: spec.description ?? `Suggests ${quoteList(Object.values({ ...spec.swap, ...spec.swapPatterns }))} instead of ${quoteList(Object.keys({ ...spec.swap, ...spec.swapPatterns }))}.`, messages: { substitution: message }, hasSuggestions: true },
        check({ doc, report }) {
          const compiled = compilePhrases(entries, spec.id);
          for (const s of scopes(doc)) {
            for (const m of matchIn(doc, compiled, s.start, s.end)) {
              const replacement = capitalizeLike(String(m.entry.replacement), m.text, doc.text, m.start);
              // A replacement that equals the match (case aside) is the preferred form already.
              if (replacement.toLowerCase() === m.text.toLowerCase()) continue;
              report({ messageId: 'substitution', data: { match: m.text, replacement }, start: m.start, end: m.end, suggestions: [{ text: replacement, description: `Replace "${m.text}" with "${replacement}"`, replace: true }] });
            }
          }
        },
      };
    }
    case 'occurrence': {
      needMatcher(spec, null);
      if (spec.max === undefined && spec.min === undefined) throw new AttuneError('config', 'an occurrence rule needs "max" and/or "min"', locate(path));
      if (spec.max !== undefined && spec.min !== undefined && spec.min > spec.max) throw new AttuneError('config', `"min" (${spec.min}) is greater than "max" (${spec.max})`, at('min'));
      const entries = entriesOf(spec, spec.id, path, locate);
      const perSentence = spec.scope === 'sentence';
      const where = perSentence ? ' in one sentence' : '';
      const messages = {
        tooMany: spec.message ?? `"{{match}}" appears {{count}} times${where}; use such phrases at most {{max}} ${spec.max === 1 ? 'time' : 'times'}${where}.`,
        tooFew: spec.message ?? `Expected at least {{min}} ${spec.phrases?.length ? `of ${quoteList(spec.phrases)}` : 'matches'} ${perSentence ? 'in each sentence' : 'in the reply'}, found {{count}}.`,
      };
      return {
        examples,
        meta: { ...base, description: spec.description ?? `${spec.max !== undefined ? `At most ${spec.max}` : ''}${spec.max !== undefined && spec.min !== undefined ? ' and ' : ''}${spec.min !== undefined ? `at least ${spec.min}` : ''} of ${quoteList(spec.phrases ?? spec.patterns ?? [])} per ${perSentence ? 'sentence' : 'reply'}.`, messages, hasSuggestions: false },
        check({ doc, report }) {
          const compiled = compilePhrases(entries, spec.id);
          const all = scopes(doc);
          const groups = perSentence ? all.map((s) => ({ range: s, matches: matchIn(doc, compiled, s.start, s.end) })) : [{ range: null, matches: all.flatMap((s) => matchIn(doc, compiled, s.start, s.end)) }];
          const counts = (n: number) => ({ count: n, ...(spec.max !== undefined ? { max: spec.max } : {}), ...(spec.min !== undefined ? { min: spec.min } : {}) });
          for (const g of groups) {
            if (spec.max !== undefined && g.matches.length > spec.max) {
              for (const m of g.matches.slice(spec.max)) report({ messageId: 'tooMany', data: { match: m.text, ...counts(g.matches.length) }, start: m.start, end: m.end });
            }
            if (spec.min !== undefined && g.matches.length < spec.min) {
              // An absence points where the wording belongs: the sentence (per sentence) or the end of the body.
              const target = g.range ?? doc.bodySentences.at(-1) ?? doc.sentences.at(-1);
              if (!target) continue;
              report({ messageId: 'tooFew', data: { match: '', ...counts(g.matches.length) }, start: target.start, end: target.end } satisfies RuleReport);
            }
          }
        },
      };
    }
    case 'require': {
      needMatcher(spec.if, 'if');
      needMatcher(spec.then, 'then');
      const trigger = entriesOf(spec.if!, `${spec.id}:if`, [...path, 'if'], locate);
      const required = entriesOf(spec.then!, `${spec.id}:then`, [...path, 'then'], locate);
      const expected = spec.then!.phrases?.length ? quoteList(spec.then!.phrases) : 'the wording it requires';
      const perSentence = spec.scope === 'sentence';
      const message = spec.message ?? `"{{trigger}}" should come with {{expected}}${perSentence ? ' in the same sentence' : ''}.`;
      return {
        examples,
        meta: { ...base, description: spec.description ?? `If ${quoteList(spec.if!.phrases ?? spec.if!.patterns ?? [])} appears, ${expected} must too.`, messages: { missing: message }, hasSuggestions: false },
        check({ doc, report }) {
          const ifs = compilePhrases(trigger, `${spec.id}:if`);
          const thens = compilePhrases(required, `${spec.id}:then`);
          const all = scopes(doc);
          if (perSentence) {
            for (const s of all) {
              const t = matchIn(doc, ifs, s.start, s.end)[0];
              if (t && matchIn(doc, thens, s.start, s.end).length === 0) report({ messageId: 'missing', data: { trigger: t.text, expected }, start: t.start, end: t.end });
            }
            return;
          }
          let first: PhraseMatch | undefined;
          for (const s of all) if ((first = matchIn(doc, ifs, s.start, s.end)[0])) break;
          if (!first) return;
          if (all.some((s) => matchIn(doc, thens, s.start, s.end).length > 0)) return;
          report({ messageId: 'missing', data: { trigger: first.text, expected }, start: first.start, end: first.end });
        },
      };
    }
  }
}

/** Line/column locator for a YAML/JSON document (JSON parses as YAML). */
function parseRuleFile(file: string, display: string): { value: unknown; locate: Locator } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AttuneError('config', code === 'ENOENT' ? 'custom rule file not found' : `cannot read custom rule file (${code ?? (err as Error).message})`, display);
  }
  // yaml (~300 KB of code) loads only when a rule file is read, not on every run.
  const { LineCounter, parseDocument } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = lineCounter.linePos(e.pos[0]);
    throw new AttuneError('config', e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), `${display}:${pos.line}:${pos.col}`);
  }
  const locate: Locator = (path) => {
    let node: unknown = null;
    // The deepest existing node on the path (a missing key points at its parent).
    for (let n = path.length; n >= 0 && !node; n--) node = path.length === 0 && n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number] } | null)?.range;
    const pos = range ? lineCounter.linePos(range[0]) : null;
    const keys = keyPath(path);
    return `${display}${pos ? `:${pos.line}:${pos.col}` : ''}${keys ? `: ${keys}` : ''}`;
  };
  return { value: doc.toJS(), locate };
}

/** `rules[2].patterns[0]` → ['rules', 2, 'patterns', 0]. */
function parseKeyPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return out;
}

export interface CustomRulesInput {
  /** Rule files already loaded for this config (two extended files may list the same one): skipped. */
  seen?: Set<string>;
  /** The `customRules` list as written in the config. */
  entries: unknown[];
  /** Absolute path of the config file (relative rule files resolve from its directory). */
  configFile: string;
  /** How to show a path in messages. */
  display(absPath: string): string;
  /** Ids already taken (built-ins, plugin rules, earlier custom rules) → what took them. */
  reserved: ReadonlyMap<string, string>;
}

/** Load and compile a config's `customRules` (already checked against the schema). */
export async function loadCustomRules(input: CustomRulesInput): Promise<CustomRule[]> {
  const reserved = new Map(input.reserved);
  const out: CustomRule[] = [];
  const configDisplay = input.display(input.configFile);
  const add = (rule: CustomRule, where: string) => {
    reserved.set(rule.meta.id, `the custom rule defined at ${where}`);
    out.push(rule);
  };
  for (const [i, entry] of input.entries.entries()) {
    if (typeof entry === 'string') {
      const file = resolve(dirname(input.configFile), entry);
      if (input.seen?.has(file)) continue;
      input.seen?.add(file);
      const display = input.display(file);
      const { value, locate } = parseRuleFile(file, display);
      const err = schemaError(value, 'customRuleFile');
      if (err) throw new AttuneError('config', err.message, locate(parseKeyPath(err.path)));
      for (const [j, spec] of (value as { rules: CustomRuleSpec[] }).rules.entries()) {
        add(compileCustomRule(spec, display, ['rules', j], locate, reserved), locate(['rules', j]));
      }
    } else {
      const locate: Locator = (path) => `${configDisplay}: ${keyPath(path)}`;
      add(compileCustomRule(entry as CustomRuleSpec, configDisplay, ['customRules', i], locate, reserved), locate(['customRules', i]));
    }
  }
  return out;
}

export interface ExampleResult {
  rule: string;
  expect: 'flag' | 'pass';
  text: string;
  ok: boolean;
  findings: Finding[];
}

/**
 * Run a rule's examples in isolation (only this rule on, at warn, default options): every `flag`
 * example must produce a finding of the rule and every `pass` example none.
 */
export function runExamples(rule: RuleWithExamples): ExampleResult[] {
  const options: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(rule.meta.options ?? {})) options[k] = spec.default;
  const config = { rules: { [rule.meta.id]: { severity: 'warn' as const, options } }, settings: structuredClone(DEFAULT_SETTINGS) };
  const results: ExampleResult[] = [];
  for (const expect of ['flag', 'pass'] as const) {
    for (const text of rule.examples?.[expect] ?? []) {
      const findings = lintUnit({ text, file: `<${rule.meta.id} example>` }, { rules: [rule], config }).findings.filter((f) => f.rule === rule.meta.id);
      results.push({ rule: rule.meta.id, expect, text, ok: expect === 'flag' ? findings.length > 0 : findings.length === 0, findings });
    }
  }
  return results;
}

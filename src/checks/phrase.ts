// Phrase matching over clean text: the cheap lexical evidence almost every rule starts from.
// Patterns are regular-expression sources from rule data; they match case-insensitively and only
// on whole words, and because clean text already folds curly quotes and zero-width characters,
// one pattern covers "I'm", "I’m" and "I\u200Bm".

import type { PhraseEntry } from '../core/types.js';
import type { Doc, Sentence } from '../core/document.js';
import { fastRequirement, foldText, isShippedPattern, mayMatchFast, requiredLiterals, type Requirement } from './prefilter.js';
import { compileFor, warm } from './warm-regex.js';

export interface CompiledPhrase {
  entry: PhraseEntry;
  /** Lazily word-bounded, and checks the pattern's required literals itself (see compilePattern). */
  re: RegExp;
}

export interface PhraseMatch {
  entry: PhraseEntry;
  start: number;
  end: number;
  text: string;
}

const cache = new WeakMap<PhraseEntry[], CompiledPhrase[]>();

export function wordBounded(source: string): string {
  return `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`;
}

// The two lookarounds of wordBounded on their own, evaluated at one position (sticky).
const NOT_AFTER_WORD = /(?<![\p{L}\p{N}_])/iuy;
const NOT_BEFORE_WORD = /(?![\p{L}\p{N}_])/iuy;
function insidePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const b = text.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && b >= 0xd800 && b <= 0xdbff;
}

function atWordBoundaries(text: string, start: number, end: number): boolean {
  warm(NOT_AFTER_WORD, text);
  warm(NOT_BEFORE_WORD, text);
  NOT_AFTER_WORD.lastIndex = start;
  if (!NOT_AFTER_WORD.test(text)) return false;
  NOT_BEFORE_WORD.lastIndex = end;
  return NOT_BEFORE_WORD.test(text);
}

/**
 * A word-bounded, case-insensitive regex for a pattern source. Built lazily: construction of the
 * word-bounded form (its /iu Unicode lookarounds) and V8's compilation on first exec are the
 * expensive part of a run, and most patterns cannot match a given text. So the object returned
 * starts as the bare pattern (a pattern not shipped is parsed here, so that its errors surface at
 * load; a shipped one is parsed on first use, see below), skips texts that lack the pattern's
 * required literals (src/checks/prefilter.ts), and becomes the word-bounded regex, in place, the
 * first time a text could match. exec, test, lastIndex and String.prototype.match/replace all go
 * through that exec; matchAll and split get the bounded regex.
 */
export function compilePattern(source: string, where = 'pattern'): RegExp {
  // A shipped pattern was compiled at build time, so its syntax is valid; of ~900 patterns a
  // draft can match only a few, and parsing them all (new RegExp) cost ~10 ms of every run. Such
  // a regex starts empty and is compiled in place, from `source`, the first time a text could
  // match it. Any other pattern is parsed here, so that its errors surface at load.
  const deferred = isShippedPattern(source);
  let re: RegExp;
  try {
    re = new RegExp(deferred ? '(?:)' : source, 'giu');
  } catch (err) {
    throw new Error(`${where}: invalid pattern /${source}/: ${(err as Error).message}`);
  }
  const literals = requiredLiterals(source);
  const need = literals && fastRequirement(literals);
  // Once built, the regex itself scans faster than a check of many alternatives would; only
  // sets of a few literals stay in front of it.
  const cheap = literals?.filter((set) => set.length <= 4) ?? [];
  const after = cheap.length ? fastRequirement(cheap) : null;
  let bounded = false;
  let compiled = false;
  let passed: string | null = null;
  Object.defineProperty(re, 'exec', {
    configurable: true,
    writable: true,
    value(this: RegExp, input: string): RegExpExecArray | null {
      const text = String(input);
      const gate = bounded ? after : need;
      // The gate is about the whole text: once passed, a scan going on over the same text (exec
      // after exec) need not pay for it again, which on a long text was most of the run.
      if (gate && text !== passed) {
        if (!mayMatchFast(folded(text), gate)) {
          this.lastIndex = 0;
          return null;
        }
        passed = text;
      }
      // A lastIndex inside a surrogate pair (a caller stepping past an empty match one unit at a
      // time) makes V8 step back for the bare pattern but not for the bounded one: no shortcut then.
      if (!bounded && !insidePair(text, this.lastIndex)) {
        // Still the bare pattern, cheap to compile (the Unicode lookarounds make the bounded one
        // several times dearer). Its leftmost match is the bounded regex's match whenever it sits
        // on word boundaries: no earlier position can match bounded (it would match bare), and at
        // that position the bounded regex tries the same alternatives in the same order. Only when
        // a bare match is not on word boundaries is the bounded regex built, and used from then on.
        if (!compiled) {
          if (deferred) {
            const at = this.lastIndex;
            this.compile(source, 'giu');
            this.lastIndex = at;
          }
          compileFor(this, text);
          compiled = true;
        }
        const at = this.lastIndex;
        const m = RegExp.prototype.exec.call(this, text) as RegExpExecArray | null;
        if (m === null || atWordBoundaries(text, m.index, m.index + m[0].length)) return m;
        this.lastIndex = at;
      }
      if (!bounded) {
        const at = this.lastIndex;
        try {
          this.compile(wordBounded(source), 'giu');
        } catch (err) {
          throw new Error(`${where}: invalid pattern /${source}/: ${(err as Error).message}`);
        }
        this.lastIndex = at;
        bounded = true;
        compileFor(this, text);
      }
      return RegExp.prototype.exec.call(this, text);
    },
  });
  // matchAll and split work on a copy built from source and flags, which would be the bare
  // pattern: give them the bounded regex.
  const bounded_ = (): RegExp => new RegExp(wordBounded(source), 'giu');
  Object.defineProperty(re, Symbol.matchAll, { configurable: true, writable: true, value: (text: string) => bounded_()[Symbol.matchAll](text) });
  Object.defineProperty(re, Symbol.split, { configurable: true, writable: true, value: (text: string, limit?: number) => bounded_()[Symbol.split](text, limit) });
  return re;
}

export function compilePhrases(entries: PhraseEntry[], ruleId = 'rule'): CompiledPhrase[] {
  let compiled = cache.get(entries);
  if (!compiled) {
    compiled = [];
    for (const entry of entries) {
      for (const p of entry.patterns) compiled.push(lazyPhrase(entry, p, `${ruleId}: phrase "${entry.id}"`));
    }
    cache.set(entries, compiled);
  }
  return compiled;
}

function lazyPhrase(entry: PhraseEntry, source: string, where: string): CompiledPhrase {
  return { entry, re: compilePattern(source, where) };
}

// Patterns run many times on the same text (per rule, per pattern, per range): fold each once.
const folds: Array<[string, string]> = [];
function folded(slice: string): string {
  for (const [s, f] of folds) if (s === slice) return f;
  const f = foldText(slice);
  folds.unshift([slice, f]);
  if (folds.length > 4) folds.pop();
  return f;
}

/** All matches in text[from, to), sorted by start; overlapping matches keep the longest. */
export function matchPhrases(text: string, phrases: CompiledPhrase[], from = 0, to = text.length): PhraseMatch[] {
  const hits: PhraseMatch[] = [];
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const phrase of phrases) {
    // The regex checks the phrase's required literals itself (see compilePattern).
    const { entry, re } = phrase;
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      hits.push({ entry, start: from + m.index, end: from + m.index + m[0].length, text: m[0] });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PhraseMatch[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}

/** The sentence that contains a clean offset, or undefined (e.g. inside a masked region). */
export function sentenceAt(doc: Doc, offset: number): Sentence | undefined {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

const NEGATORS = /\b(?:not|never|no|don't|do not|doesn't|does not|won't|will not|wouldn't|can't|cannot|isn't|aren't|without|nor)\s+(?:\S+\s+){0,2}$/i;

/** True when one of the three words before `start` negates what follows ("I won't diagnose you"). */
export function isNegated(text: string, start: number, sentenceStart = 0): boolean {
  const before = text.slice(Math.max(sentenceStart, start - 40), start);
  warm(NEGATORS, before);
  return NEGATORS.test(before);
}

/** True when `start` sits inside a quotation in its sentence (quoting the customer's own words). */
export function isQuoted(text: string, start: number, sentenceStart: number): boolean {
  const before = text.slice(sentenceStart, start);
  const quotes = (before.match(/"/g) ?? []).length;
  return quotes % 2 === 1;
}

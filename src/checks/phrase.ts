// Phrase matching over clean text: the cheap lexical evidence almost every rule starts from.
// Patterns are regular-expression sources from rule data; they match case-insensitively and only
// on whole words, and because clean text already folds curly quotes and zero-width characters,
// one pattern covers "I'm", "I’m" and "I\u200Bm".

import type { PhraseEntry } from '../core/types.js';
import type { Doc, Sentence } from '../core/document.js';

export interface CompiledPhrase {
  entry: PhraseEntry;
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

export function compilePattern(source: string, where = 'pattern'): RegExp {
  try {
    return new RegExp(wordBounded(source), 'giu');
  } catch (err) {
    throw new Error(`${where}: invalid pattern /${source}/: ${(err as Error).message}`);
  }
}

export function compilePhrases(entries: PhraseEntry[], ruleId = 'rule'): CompiledPhrase[] {
  let compiled = cache.get(entries);
  if (!compiled) {
    compiled = [];
    for (const entry of entries) {
      for (const p of entry.patterns) compiled.push({ entry, re: compilePattern(p, `${ruleId}: phrase "${entry.id}"`) });
    }
    cache.set(entries, compiled);
  }
  return compiled;
}

/** All matches in text[from, to), sorted by start; overlapping matches keep the longest. */
export function matchPhrases(text: string, phrases: CompiledPhrase[], from = 0, to = text.length): PhraseMatch[] {
  const hits: PhraseMatch[] = [];
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const { entry, re } of phrases) {
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
  return NEGATORS.test(before);
}

/** True when `start` sits inside a quotation in its sentence (quoting the customer's own words). */
export function isQuoted(text: string, start: number, sentenceStart: number): boolean {
  const before = text.slice(sentenceStart, start);
  const quotes = (before.match(/"/g) ?? []).length;
  return quotes % 2 === 1;
}

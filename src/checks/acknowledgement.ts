// Does a sentence acknowledge the customer's situation or feelings? ("I'm sorry to hear…", "that
// sounds really stressful", "I can see why this is frustrating", "thank you for telling us".)
// Shared by empathy-phrasing (overload) and missing-acknowledgement. The phrase data lives in
// rules/empathy-phrasing.yaml under `acknowledgement:` so team leads extend one list. Negated
// ("I'm not sorry"), quoted (the customer's own words) and question forms ("Is that frustrating?")
// do not count: they do not acknowledge anything.

import type { PhraseEntry, RuleData } from '../core/types.js';
import type { Doc, Sentence } from '../core/document.js';
import { loadRuleData } from '../core/rule-data.js';
import { compilePhrases, matchPhrases, isNegated, isQuoted, type CompiledPhrase } from './phrase.js';

const compiledByData = new WeakMap<RuleData, CompiledPhrase[]>();

function phrases(data: RuleData): CompiledPhrase[] {
  let c = compiledByData.get(data);
  if (!c) {
    const entries = (data.acknowledgement as PhraseEntry[] | undefined) ?? [];
    c = compilePhrases(entries, 'empathy-phrasing: acknowledgement');
    compiledByData.set(data, c);
  }
  return c;
}

// An acknowledgement phrase asked as a question ("Is it frustrating?") acknowledges nothing; one
// that leads into a question ("Sorry to hear that, could you DM us?") still does.
function askedAsQuestion(doc: Doc, sentence: Sentence, start: number): boolean {
  if (!sentence.isQuestion) return false;
  const lead = doc.lower.slice(sentence.start, start);
  return /\b(?:is|was|are|were|do|does|did|has|have|would|could|can|will|should)\s+(?:\S+\s+){0,2}$|^\s*(?:is|was|are|were|do|does|did|would|could|can)\b/.test(lead);
}

function hits(doc: Doc, sentence: Sentence, data: RuleData): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const m of matchPhrases(doc.lower, phrases(data), sentence.start, sentence.end)) {
    if (isNegated(doc.lower, m.start, sentence.start)) continue;
    if (isQuoted(doc.text, m.start, sentence.start)) continue;
    if (askedAsQuestion(doc, sentence, m.start)) continue;
    out.push({ start: m.start, end: m.end });
  }
  return out;
}

/** True when the sentence acknowledges the customer's situation or feelings. */
export function isAcknowledgement(doc: Doc, sentence: Sentence, data: RuleData = loadRuleData('empathy-phrasing')): boolean {
  return hits(doc, sentence, data).length > 0;
}

/** Clean-text spans of every acknowledgement phrase in the document, in order. */
export function acknowledgementSpans(doc: Doc, data: RuleData = loadRuleData('empathy-phrasing')): Array<{ start: number; end: number }> {
  return doc.sentences.flatMap((s) => hits(doc, s, data));
}

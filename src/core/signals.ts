// The customer-message detector: crisis, distress, anger and confusion signals with their evidence.
// Lexical by design: crisis-line triage trains people to hear specific phrasings (death wishes,
// goodbyes, burden, methods and means), and a cue list a reviewer can read beats an opaque model
// when the cost of a miss is a person in danger. Recall on crisis is favoured over precision: a
// false alarm costs an agent one extra sentence with a helpline, a miss costs far more.
// Cue data lives in rules/signals.yaml; the decisions (negation, past and resolved mentions,
// third-person reports, idioms) are documented in docs/signals.md.

import type { Doc } from './document.js';
import type { PhraseEntry, SignalType } from './types.js';
import { compilePhrases, matchPhrases, sentenceAt, type CompiledPhrase } from '../checks/phrase.js';
import { loadRuleData } from './rule-data.js';

export interface RawSignal {
  type: SignalType;
  /** Clean-text offsets in the customer's message. */
  start: number;
  end: number;
  cue: string;
}

export const SIGNAL_TYPES: readonly SignalType[] = ['crisis', 'distress', 'anger', 'confusion'];

interface SignalEntry extends PhraseEntry {
  type: SignalType | 'exclude';
  negatable?: boolean;
  /**
   * A crisis cue too common in ordinary speech to stand alone ("goodbye", "the day I set", "I might
   * do it"): it counts only next to a second, different weak cue or a distress signal.
   */
  weak?: boolean;
}

/**
 * A denial governing the cue ("I'm not suicidal", "I would never kill myself", "I don't want to
 * hurt myself"). Only denials count: "I didn't kill myself tonight", "the only reason I haven't
 * killed myself" and "trying not to" are not reassurance, they are the signal.
 */
const DENIAL_BEFORE =
  /(?:\b(?:i'm|i am|im)\s+(?:really\s+|definitely\s+|absolutely\s+|honestly\s+)?not\s+(?:\w+\s+){0,2}|\b(?:would|will|could)(?:\s+never|n't|\s+not)\s+(?:ever\s+)?|\b(?:not|never)\s+(?:going|gonna|planning|trying|about)\s+to\s+|\b(?:don't|do not|dont)\s+(?:want|plan|intend|mean)\s+to\s+|\bno\s+(?:intention|plans?|desire|thoughts?)\s+(?:of|to|about)\s+|\bnot\s+)$/i;

/**
 * A sentence that places the cue in a resolved past ("I used to self-harm years ago", "when I was
 * in college I was suicidal"). Recent attempts ("I tried to kill myself last week") are not
 * resolved and still count.
 */
const RESOLVED_PAST =
  /\b(?:used to|years ago|(?:a )?long time ago|in the past|when i was (?:younger|little|a (?:kid|child|teen|teenager)|in (?:high school|college|school|my (?:teens|twenties)))|back in (?:high school|college|school|the day|(?:19|20)\d\d)|as a (?:kid|teen|teenager)|(?:haven't|have not|hasn't)\s+(?:\w+\s+){0,2}(?:in|for) (?:years|a long time|ages)|(?:no longer|don't|do not)\s+(?:\w+\s+){0,3}anymore|(?:\d+|many|several|two|three|four|five) years (?:clean|free|sober)|(?:were|was|back) in (?:19|20)\d\d)\b/i;

let compiled: Map<SignalType, CompiledPhrase[]> | null = null;
let excluded: CompiledPhrase[] = [];
// Weak crisis cues are matched on their own: the phrase engine keeps the longest of overlapping
// matches, and a weak cue must never swallow the strong cue it overlaps ("thinking about ending it
// all" is strong for "ending it all").
let weakCues: CompiledPhrase[] = [];

function cues(): Map<SignalType, CompiledPhrase[]> {
  if (compiled) return compiled;
  const data = loadRuleData('signals');
  const entries = (data.phrases ?? []) as SignalEntry[];
  const byType = new Map<SignalType, CompiledPhrase[]>();
  for (const t of SIGNAL_TYPES) {
    byType.set(t, compilePhrases(entries.filter((e) => e.type === t && e.weak !== true), 'signals'));
  }
  weakCues = compilePhrases(entries.filter((e) => e.type === 'crisis' && e.weak === true), 'signals');
  excluded = compilePhrases(entries.filter((e) => e.type === 'exclude'), 'signals');
  compiled = byType;
  return compiled;
}

function sentenceBounds(doc: Doc, offset: number): { start: number; end: number } {
  const s = sentenceAt(doc, offset);
  if (s) return s;
  // Outside any sentence (should not happen for matched text); fall back to the line.
  const start = doc.text.lastIndexOf('\n', offset) + 1;
  const nl = doc.text.indexOf('\n', offset);
  return { start, end: nl < 0 ? doc.text.length : nl };
}

/** True when the cue at [start, end) is negated inside its sentence. */
export function isNegatedCue(text: string, start: number, sentenceStart: number): boolean {
  const before = text.slice(Math.max(sentenceStart, start - 60), start);
  return DENIAL_BEFORE.test(before);
}

/** True when the cue's sentence puts it in a resolved past. */
export function isResolvedPast(sentence: string): boolean {
  return RESOLVED_PAST.test(sentence);
}

/**
 * The clause of a sentence that holds the cue at [start, end) (sentence-relative), with the cue
 * blanked. A contrast splits clauses: in "right now I want to hurt myself again, though I stopped
 * years ago" the past marker belongs to the other clause and resolves nothing.
 */
const CLAUSE_BREAK = /\s*(?:;|\b(?:but|though|although|except|yet)\b)\s*/gi;
export function clauseAround(sentence: string, start: number, end: number): string {
  let from = 0;
  let to = sentence.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence); m; m = CLAUSE_BREAK.exec(sentence)) {
    if (m.index + m[0].length <= start) from = m.index + m[0].length;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  return sentence.slice(from, start) + ' ' + sentence.slice(end, to);
}

/**
 * Weak cues become crisis evidence only in company: two different weak phrases, or one weak
 * phrase in a message that also carries distress. Either way the message says more than a figure
 * of speech does ("peace out" alone is a sign-off; "peace out" after "hope is gone" is a goodbye).
 */
function corroborated(weak: RawSignal[], distressed: boolean, text: string): RawSignal[] {
  if (weak.length === 0) return [];
  const distinct = new Set(weak.map((w) => text.slice(w.start, w.end).toLowerCase().replace(/\s+/g, ' ')));
  return distressed || distinct.size >= 2 ? weak : [];
}

/** Three or more words in capitals in a row: shouting. */
const SHOUTING = /(?<![\p{L}\p{N}])(?:\p{Lu}{2,}[!?.,']*\s+){2,}\p{Lu}{2,}(?![\p{L}\p{N}])/gu;
const ACRONYM_ONLY = /^(?:(?:USA|UK|EU|ATM|PIN|SMS|PDF|URL|API|FAQ|ASAP|TV|DVD|USB|APP|IOS|CEO|LOL|OMG|ETA|DM|HELP)[!?.,]*\s*)+$/;

function shouting(doc: Doc): RawSignal[] {
  const out: RawSignal[] = [];
  SHOUTING.lastIndex = 0;
  for (let m = SHOUTING.exec(doc.text); m; m = SHOUTING.exec(doc.text)) {
    if (ACRONYM_ONLY.test(m[0])) continue;
    // "AT MY PC" is short shorthand; shouting runs to ten letters or more.
    if ((m[0].match(/\p{Lu}/gu) ?? []).length < 10) continue;
    out.push({ type: 'anger', start: m.index, end: m.index + m[0].length, cue: 'shouting' });
  }
  return out;
}

/** The same question asked twice, or three or more questions: the customer is lost. */
function repeatedQuestions(doc: Doc): RawSignal[] {
  const questions = doc.sentences.filter((s) => s.isQuestion);
  const seen = new Map<string, number>();
  for (const q of questions) {
    const key = q.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (key.length < 8) continue;
    if (seen.has(key)) return [{ type: 'confusion', start: q.start, end: q.end, cue: 'repeated-question' }];
    seen.set(key, q.start);
  }
  if (questions.length >= 3) {
    const third = questions[2]!;
    return [{ type: 'confusion', start: third.start, end: third.end, cue: 'many-questions' }];
  }
  return [];
}

/**
 * Detect the signals in a customer's message. Each signal carries the matched cue span as
 * evidence (clean-text offsets) and the id of the cue entry. Sorted by position.
 */
export function detectSignals(doc: Doc): RawSignal[] {
  const text = doc.text;
  const out: RawSignal[] = [];
  const weak: RawSignal[] = [];
  const byType = cues();
  const idioms = matchPhrases(text, excluded);
  const lists: Array<[SignalType, CompiledPhrase[]]> = [...byType];
  lists.splice(1, 0, ['crisis', weakCues]);
  for (const [type, phrases] of lists) {
    for (const m of matchPhrases(text, phrases)) {
      const entry = m.entry as SignalEntry;
      const sentence = sentenceBounds(doc, m.start);
      const sentenceText = text.slice(sentence.start, sentence.end);
      if (type === 'crisis') {
        if (idioms.some((x) => x.start < m.end && m.start < x.end)) continue;
        // The cue itself is blanked so "I don't want to live anymore" is not read as "no longer".
        if (isResolvedPast(clauseAround(sentenceText, m.start - sentence.start, m.end - sentence.start))) continue;
        if (entry.negatable !== false && isNegatedCue(text, m.start, sentence.start)) {
          // "I'm not suicidal, but ..." still tells us the customer is in a hard place.
          out.push({ type: 'distress', start: m.start, end: m.end, cue: 'negated-crisis' });
          continue;
        }
      } else if (type !== 'confusion' && isNegatedCue(text, m.start, sentence.start) && entry.negatable !== false) {
        // "not angry, just confused", "I'm not desperate" — no signal.
        continue;
      }
      if (type === 'crisis' && entry.weak === true) weak.push({ type, start: m.start, end: m.end, cue: entry.id });
      else out.push({ type, start: m.start, end: m.end, cue: entry.id });
    }
  }
  // A weak cue that overlaps a strong one adds nothing; the strong cue is the better evidence.
  const strong = out.filter((s) => s.type === 'crisis');
  const extra = corroborated(weak, out.some((s) => s.type === 'distress' || s.type === 'crisis'), text);
  out.push(...extra.filter((w) => !strong.some((k) => k.start < w.end && w.start < k.end)));
  out.push(...shouting(doc), ...repeatedQuestions(doc));
  out.sort((a, b) => a.start - b.start || b.end - a.end || SIGNAL_TYPES.indexOf(a.type) - SIGNAL_TYPES.indexOf(b.type));
  // One signal per type and span: overlapping cues of the same type keep the earliest, longest.
  const kept: RawSignal[] = [];
  for (const s of out) {
    if (kept.some((k) => k.type === s.type && k.start < s.end && s.start < k.end)) continue;
    kept.push(s);
  }
  return kept;
}

/** Convenience for rules: does the analysed message carry a signal of one of these types? */
export function hasSignal(signals: ReadonlyArray<{ type: SignalType }>, ...types: SignalType[]): boolean {
  return signals.some((s) => types.includes(s.type));
}

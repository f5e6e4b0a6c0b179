// over-apology: a reply should apologise once, clearly, for what went wrong. Flags the second and
// later apology expressions, stacked grovelling ("deeply and sincerely apologize"), and filler
// apologies ("sorry to bother you", "I'm sorry, but"). Known false positives: two apologies for two
// separate failures in one long reply; "sorry" inside reported speech we could not attribute.
// Threshold: `max` 1, because the rubric (issue 2) treats a single apology, however warm, as right,
// and brand replies rarely carry two (3 of 1,143 real brand tweets fire at all).

import type { Rule, PhraseEntry, RuleData } from '../core/types.js';
import { PLACEHOLDER, type Doc, type Sentence } from '../core/document.js';
import { compilePhrases, matchPhrases, sentenceAt, isNegated, isQuoted, type PhraseMatch } from '../checks/phrase.js';
import { warm } from '../checks/warm-regex.js';

type Kind = 'apology' | 'grovel' | 'filler';

interface Compiled {
  apologies: ReturnType<typeof compilePhrases>;
  problems: ReturnType<typeof compilePhrases>;
  before: RegExp[];
  after: RegExp[];
}

const compiledByData = new WeakMap<RuleData, Compiled>();

function compile(data: RuleData): Compiled {
  let c = compiledByData.get(data);
  if (c) return c;
  const phrases = data.phrases ?? [];
  const apologies = phrases.filter((p) => p.kind === 'apology');
  const problems = phrases.filter((p) => p.kind === 'grovel' || p.kind === 'filler');
  const regexList = (key: string): RegExp[] => ((data[key] as string[] | undefined) ?? []).map((s) => new RegExp(s, 'iu'));
  c = {
    apologies: compilePhrases(apologies, 'over-apology'),
    problems: compilePhrases(problems, 'over-apology'),
    before: regexList('notApologyBefore'),
    after: regexList('notApologyAfter'),
  };
  compiledByData.set(data, c);
  return c;
}

/** Where the apology word itself sits in a match (the head may start with "I'm so ..."). */
const APOLOGY_WORD = /sorry|apologi[sz]e|apolog(?:y|ies)|my\s+bad|forgive|pardon|excuse|regret|bottom\s+of|beg\s/iu;

interface Apology {
  start: number;
  end: number;
  kind: Kind;
  entry: PhraseEntry;
  sentence: Sentence;
}

function isRealApology(doc: Doc, c: Compiled, m: PhraseMatch, sentence: Sentence, kind: Kind): boolean {
  const text = doc.lower;
  warm(APOLOGY_WORD, m.text);
  const word = APOLOGY_WORD.exec(m.text);
  const wordStart = m.start + (word?.index ?? 0);
  // Words before the match in its sentence, including the subject the pattern may have consumed
  // ("feel sorry", "he was sorry") when the match starts at the apology word itself.
  const before = text.slice(sentence.start, m.start);
  const after = text.slice(m.end, sentence.end);
  if (isQuoted(doc.text, m.start, sentence.start)) return false;
  // "can't apologize enough" is a grovel phrase; for the others, negation means no apology at all.
  if (kind !== 'grovel' && (isNegated(text, m.start, sentence.start) || isNegated(text, wordStart, sentence.start))) return false;
  if (c.before.some((re) => (warm(re, before), re.test(before)))) return false;
  if (c.after.some((re) => (warm(re, after), re.test(after)))) return false;
  if (sentence.isQuestion) {
    // "Sorry, could you resend the file?" is still an apology; "Did the courier apologise?" or a
    // bare "Sorry?" (asking the customer to repeat) is not.
    const lead = text.slice(sentence.start, m.start).trim();
    const trail = text.slice(m.end, sentence.end).trim();
    if (/^[?!.\s]*$/.test(trail)) return false;
    if (lead !== '' && !/^(?:oh|ah|and|so|again|also)[,\s]*$/.test(lead)) return false;
  }
  return true;
}

function collectApologies(doc: Doc, c: Compiled): Apology[] {
  const out: Apology[] = [];
  const problemHits = matchPhrases(doc.lower, c.problems);
  const apologyHits = matchPhrases(doc.lower, c.apologies);
  const taken: Array<[number, number]> = [];
  for (const m of problemHits) {
    const sentence = sentenceAt(doc, m.start);
    if (!sentence) continue;
    const kind = m.entry.kind as Kind;
    if (!isRealApology(doc, c, m, sentence, kind)) continue;
    out.push({ start: m.start, end: m.end, kind, entry: m.entry, sentence });
    taken.push([m.start, m.end]);
  }
  for (const m of apologyHits) {
    if (taken.some(([a, b]) => m.start < b && m.end > a)) continue;
    const sentence = sentenceAt(doc, m.start);
    if (!sentence) continue;
    if (!isRealApology(doc, c, m, sentence, 'apology')) continue;
    out.push({ start: m.start, end: m.end, kind: 'apology', entry: m.entry, sentence });
  }
  return out.sort((a, b) => a.start - b.start);
}

// What may remain of a sentence or clause besides the apology for it to count as "only an
// apology" that can be dropped without losing content: an object of at most five words.
const APOLOGY_REMAINDER = /^[\s,]*(?:again[\s,]*)?(?:(?:for|about)\s+(?:the|that|this|any|all|all\s+the|all\s+of\s+this|our|my|your)\b(?:\s+[\p{L}'-]+){0,5})?(?:\s+again)?\s*[.!]*\s*$/u;

/** A safe fix that drops a duplicated apology, or null when dropping it is not mechanical. */
function dropFix(doc: Doc, a: Apology): { start: number; end: number; text: string } | null {
  const s = a.sentence;
  const text = doc.text;
  const sentenceText = text.slice(s.start, s.end);
  if (sentenceText.includes(PLACEHOLDER)) return null;
  const rest = text.slice(a.end, s.end);
  const head = text.slice(s.start, a.start);
  warm(APOLOGY_REMAINDER, rest);
  if (!APOLOGY_REMAINDER.test(rest) || !/[.!]\s*$|^[^.!?,;:]*$/.test(sentenceText) || /,\s*$/.test(sentenceText)) return null;
  if (/^\s*$/.test(head) || /^(?:oh|and|again|also|once again)[,\s]*$/i.test(head)) {
    // The whole sentence is the apology: remove it with the space that separates it from a neighbour.
    const para = doc.paragraphs[s.paragraph];
    const inPara = para?.sentences ?? [];
    const i = inPara.indexOf(s);
    const next = inPara[i + 1];
    const prev = inPara[i - 1];
    if (prev && !text.slice(prev.end, s.start).includes('\n')) return { start: prev.end, end: s.end, text: '' };
    if (next && !text.slice(s.end, next.start).includes('\n')) return { start: s.start, end: next.start, text: '' };
    return null;
  }
  // A trailing clause: "…for the wait, and I'm sorry again for the confusion." -> "…for the wait."
  const clause = /(?:,\s*(?:and\s+)?|\s+and\s+|\s+[-–—]\s+)$/iu.exec(head);
  if (!clause) return null;
  const clauseStart = s.start + clause.index;
  const punct = /[.!]+\s*$/.exec(rest);
  const end = punct ? a.end + punct.index : s.end;
  if (/[\s,;:]$/.test(text.slice(s.start, clauseStart))) return null;
  return { start: clauseStart, end, text: '' };
}

export const overApology: Rule = {
  meta: {
    id: 'over-apology',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Repeated, grovelling or filler apologies.',
    docs: 'rules/over-apology.md',
    messages: {
      repeated: 'Apology number {{count}} in this reply; one clear apology is enough.',
      grovelling: 'Stacked apology ("{{text}}"): one plain apology reads as more sincere.',
      filler: 'Filler apology ("{{text}}"): nothing went wrong here, so no apology is needed.',
    },
    fixable: true,
    hasSuggestions: true,
    options: {
      max: {
        type: 'number',
        default: 1,
        min: 1,
        max: 10,
        description: 'How many apology expressions a reply may carry before the rest are flagged.',
      },
    },
  },
  check({ doc, data, options, report }) {
    const c = compile(data);
    const max = typeof options.max === 'number' ? options.max : 1;
    const apologies = collectApologies(doc, c);
    apologies.forEach((a, i) => {
      const shown = doc.text.slice(a.start, a.end);
      if (a.kind === 'grovel') {
        report({
          messageId: 'grovelling',
          data: { text: shown },
          start: a.start,
          end: a.end,
          suggestions: (a.entry.suggestions ?? []).map((t) => ({
            text: matchCase(t, shown),
            description: a.entry.note ?? 'Keep one plain apology.',
            replace: true,
          })),
        });
        return;
      }
      if (a.kind === 'filler') {
        report({
          messageId: 'filler',
          data: { text: shown },
          start: a.start,
          end: a.end,
          suggestions: (a.entry.suggestions ?? []).map((t) => ({
            text: matchCase(t, shown),
            description: a.entry.note ?? 'Make the request or give the news without apologising for it.',
            replace: true,
          })),
        });
        return;
      }
      if (i < max) return;
      const fix = dropFix(doc, a);
      const suggestions: Array<{ text: string; description: string; replace?: boolean }> = [];
      for (const t of a.entry.suggestions ?? []) {
        suggestions.push({ text: matchCase(t, shown), description: a.entry.note ?? '', replace: true });
      }
      if (!fix) {
        // A closing line ("Sorry again for the trouble,") is better turned into thanks than deleted.
        const closing = /,\s*$/.test(doc.text.slice(a.sentence.start, a.sentence.end));
        suggestions.push(
          closing
            ? { text: 'Thanks again for your patience,', description: 'Close with thanks: the reply already apologised once.' }
            : { text: '', description: 'Remove this apology: the reply already apologised, and a second one reads as nervous.' },
        );
      }
      report({
        messageId: 'repeated',
        data: { count: i + 1 },
        start: a.start,
        end: a.end,
        suggestions,
        ...(fix ? { fix } : {}),
      });
    });
  },
};

/** Keep the capitalisation of the text being replaced ("sorry" stays lower case mid-sentence). */
function matchCase(replacement: string, original: string): string {
  if (/^\p{Ll}/u.test(original) && /^\p{Lu}\p{Ll}/u.test(replacement) && !/^I\b/.test(replacement)) {
    return replacement[0]!.toLowerCase() + replacement.slice(1);
  }
  return replacement;
}

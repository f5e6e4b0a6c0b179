// prying-question: a question or request that asks the customer for sensitive personal detail
// (health, diagnosis, medication, relationships, trauma, religion, sexuality, immigration status,
// private finances, why they are in therapy) that solving the support problem does not need.
// Known false positives: a pharmacy or clinic team that must ask about medication or a condition
// (turn the topic off with the `allow` option); "Is your ex still on the account?" in an account-access case.
// Threshold: one topic phrase inside a question or an explicit "tell me about" request is enough, because
// statements ("sorry to hear about your diagnosis") and optional, explained asks are accepted instead.
import type { PhraseEntry, Rule } from '../core/types.js';
import type { Sentence } from '../core/document.js';
import { compilePhrases, compilePattern, matchPhrases, sentenceAt, isNegated, isQuoted } from '../checks/phrase.js';

const DEFAULT_SUGGESTIONS = [
  'Ask only for what you need to solve the problem (an order number, the account email, which appointment).',
  'If you truly need this detail, say why and that sharing it is optional: "If you are comfortable sharing, it helps us …; you can also skip this."',
];

interface PryingData {
  phrases?: PhraseEntry[];
  /** A sentence with one of these is a request for information even without a question mark. */
  requestFrames?: string[];
  /** The ask is explicitly optional: "only if you're comfortable", "you don't have to share". */
  optionalCues?: string[];
  /** Words right before the topic that make it the object of a suggestion, not of an ask ("talk with your family"). */
  notAskedAfter?: string[];
}

const regexCache = new WeakMap<string[], RegExp[]>();
function compileList(list: string[] | undefined, where: string, suffix = ''): RegExp[] {
  if (!list) return [];
  let out = regexCache.get(list);
  if (!out) {
    out = list.map((p) => compilePattern(suffix ? `(?:${p})${suffix}` : p, where));
    regexCache.set(list, out);
  }
  return out;
}

function test(res: RegExp[], text: string): boolean {
  return res.some((re) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

export const pryingQuestion: Rule = {
  meta: {
    id: 'prying-question',
    category: 'boundaries',
    defaultSeverity: 'warn',
    description: 'Questions that ask for sensitive detail not needed to help.',
    docs: 'rules/prying-question.md',
    messages: {
      prying: 'This asks about the customer\'s {{topic}}, which the support problem does not need.',
    },
    fixable: false,
    hasSuggestions: true,
    options: {
      allow: {
        type: 'string[]',
        default: [],
        description:
          'Topic ids your team legitimately needs to ask about (e.g. ["medication"] for a pharmacy): health, diagnosis, medication, substance-use, relationships, trauma, religion, sexuality, immigration, finances, therapy-reason.',
      },
    },
  },
  check({ doc, data, options, report }) {
    const d = data as PryingData;
    const phrases = compilePhrases(d.phrases ?? [], 'prying-question');
    const frames = compileList(d.requestFrames, 'prying-question: requestFrames');
    const optional = compileList(d.optionalCues, 'prying-question: optionalCues');
    const notAsked = compileList(d.notAskedAfter, 'prying-question: notAskedAfter', '\\s*$');
    const allow = new Set((options.allow as string[] | undefined) ?? []);
    const reported = new Set<Sentence>();

    for (const m of matchPhrases(doc.lower, phrases, doc.body.start, doc.body.end)) {
      const topic = String(m.entry.topic ?? m.entry.id);
      if (allow.has(topic) || allow.has(m.entry.id)) continue;
      const s = sentenceAt(doc, m.start);
      if (!s || s.section !== 'body' || reported.has(s)) continue;
      const sentence = doc.lower.slice(s.start, s.end);
      // Only an ask pries: a statement ("sorry to hear about your diagnosis") does not.
      // A question mark later in the same run of text counts too: sentence splitting needs a space
      // after "?", and real replies often omit it ("…your ex?This answer…").
      const asks = s.isQuestion || doc.text.slice(m.end, s.end).includes('?') || test(frames, sentence);
      if (!asks) continue;
      if (isQuoted(doc.text, m.start, s.start) || isNegated(doc.lower, m.start, s.start)) continue;
      // "Could you talk with your family about it?" suggests an action; it does not ask for the detail.
      if (test(notAsked, doc.lower.slice(Math.max(s.start, m.start - 40), m.start))) continue;
      // An explained, optional ask is what the suggestion recommends, so it is accepted.
      const next = doc.sentences[s.index + 1];
      const around = sentence + ' ' + (next ? doc.lower.slice(next.start, next.end) : '');
      if (test(optional, around)) continue;
      reported.add(s);
      const suggestions = (m.entry.suggestions ?? DEFAULT_SUGGESTIONS).map((text) => ({
        text,
        description: m.entry.note ?? 'Ask only for the detail the support problem needs.',
      }));
      report({
        messageId: 'prying',
        data: { topic: String(m.entry.label ?? topic) },
        start: m.start,
        end: m.end,
        suggestions,
      });
    }
  },
};

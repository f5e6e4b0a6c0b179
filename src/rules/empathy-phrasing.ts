// empathy-phrasing: stock empathy and service clichés, presumptuous empathy ("I know exactly how you
// feel"), and empathy overload (sympathy that crowds out the substance). Known false positives: a
// cliché followed by a specific acknowledgement still fires (the rubric counts the stock line);
// overload can fire on deliberately gentle replies to bereavement. Overload needs >= 3 body sentences
// and more than half of them (and of the words) sympathy-only: in shorter replies one warm line is
// already a third, and on real brand replies this almost never fires (0 of 1,143 tweets).

import type { Rule, RuleData, PhraseEntry } from '../core/types.js';
import type { Doc, Sentence } from '../core/document.js';
import { compilePhrases, matchPhrases, sentenceAt, isNegated, isQuoted } from '../checks/phrase.js';
import { isAcknowledgement } from '../checks/acknowledgement.js';

const substanceByData = new WeakMap<RuleData, RegExp[]>();

function substancePatterns(data: RuleData): RegExp[] {
  let res = substanceByData.get(data);
  if (!res) {
    res = ((data.substance as string[] | undefined) ?? []).map((s) => new RegExp(s, 'iu'));
    substanceByData.set(data, res);
  }
  return res;
}

/** A sentence that only sympathises: acknowledgement with no question, step, fact or request in it. */
function isSympathyOnly(doc: Doc, s: Sentence, data: RuleData, substance: RegExp[]): boolean {
  if (s.isQuestion) return false;
  if (!isAcknowledgement(doc, s, data)) return false;
  const text = doc.text.slice(s.start, s.end);
  return !substance.some((re) => re.test(text));
}

const ASKING = /\b(?:do|does|did|can|could|would|will|should|may|might|is|are|was|were|have|has)\s+(?:\S+\s+)?$/;

function words(doc: Doc, s: Sentence): number {
  return doc.text.slice(s.start, s.end).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function suggestionsFor(entry: PhraseEntry): Array<{ text: string; description: string }> {
  return (entry.suggestions ?? []).map((text) => ({ text, description: entry.note ?? 'Acknowledge the customer\'s actual situation.' }));
}

export const empathyPhrasing: Rule = {
  meta: {
    id: 'empathy-phrasing',
    category: 'empathy',
    defaultSeverity: 'warn',
    description: 'Stock, presumptuous or overloaded empathy.',
    docs: 'rules/empathy-phrasing.md',
    messages: {
      cliche: 'Stock empathy phrase ("{{text}}"): acknowledge what actually happened to this customer instead.',
      presumptuous: 'Presumptuous empathy ("{{text}}"): describe their situation rather than claiming to know how they feel.',
      overload: 'Sympathy crowds out the substance: {{count}} of {{total}} sentences only sympathise. Keep one specific acknowledgement and move to what you are doing.',
    },
    fixable: false,
    hasSuggestions: true,
    options: {
      minSentences: {
        type: 'number',
        default: 3,
        min: 2,
        max: 20,
        description: 'Body sentences a reply needs before empathy overload is judged.',
      },
      maxRatio: {
        type: 'number',
        default: 0.5,
        min: 0,
        max: 1,
        description: 'Share of body sentences that may be sympathy-only; more than this is overload.',
      },
      minSureness: {
        type: 'string',
        default: 'medium',
        description: 'Lowest phrase sureness to report: "high", "medium" or "low".',
      },
    },
  },
  check({ doc, data, options, report }) {
    const rank = { high: 3, medium: 2, low: 1 } as const;
    const floor = rank[(options.minSureness as keyof typeof rank) ?? 'medium'] ?? 2;
    const phrases = compilePhrases(data.phrases ?? [], 'empathy-phrasing');
    for (const m of matchPhrases(doc.lower, phrases)) {
      const sentence = sentenceAt(doc, m.start);
      if (!sentence) continue;
      if (rank[m.entry.sureness ?? 'high'] < floor) continue;
      if (isNegated(doc.lower, m.start, sentence.start) || isQuoted(doc.text, m.start, sentence.start)) continue;
      // "Can I understand your concern a bit better?" asks; it does not recite the stock line.
      if (sentence.isQuestion && ASKING.test(doc.lower.slice(sentence.start, m.start))) continue;
      const kind = m.entry.kind === 'presumptuous' ? 'presumptuous' : 'cliche';
      report({
        messageId: kind,
        data: { text: doc.text.slice(m.start, m.end) },
        start: m.start,
        end: m.end,
        suggestions: suggestionsFor(m.entry),
      });
    }

    const minSentences = typeof options.minSentences === 'number' ? options.minSentences : 3;
    const maxRatio = typeof options.maxRatio === 'number' ? options.maxRatio : 0.5;
    // Interjections ("Oh no!", "Ugh.") are neither sympathy nor substance: they do not count.
    const body = doc.bodySentences.filter((s) => words(doc, s) > 2);
    if (body.length < minSentences) return;
    const substance = substancePatterns(data);
    const sympathy = body.filter((s) => isSympathyOnly(doc, s, data, substance));
    if (sympathy.length < 2 || sympathy.length / body.length <= maxRatio) return;
    // Crowding is about room, too: one long explanation between two short "sorry" lines is not
    // overload, so the sympathy must also take at least `maxRatio` of the body's words.
    const sympathyWords = sympathy.reduce((n, s) => n + words(doc, s), 0);
    const bodyWords = body.reduce((n, s) => n + words(doc, s), 0);
    if (sympathyWords / bodyWords < maxRatio) return;
    // Point at the first sympathy sentence past the one a reply needs: that is where the crowding starts.
    const at = sympathy[1]!;
    report({
      messageId: 'overload',
      data: { count: sympathy.length, total: body.length },
      start: at.start,
      end: at.end,
      suggestions: [
        {
          text: '',
          description: 'Keep one acknowledgement that names their situation, then say what you have done or will do and when.',
        },
      ],
    });
  },
};

// blame-shifting: wording that puts the fault on the customer or lectures them: "you should have",
// "you failed to", "that's not our fault", "as I already explained", "per my last email",
// "for future reference", "as stated in our terms".
// Known false positives: "you should have received an email" (information, excluded by requiring a
// customer-action verb after "should have"), a customer's own words quoted back, and negated ownership
// ("this is not your fault"). A single phrase is reported: each one reads as blame on its own, and the
// phrase list avoids neutral policy wording ("our terms say…") that merely informs.
import type { PhraseEntry, Rule } from '../core/types.js';
import { compilePhrases, matchPhrases, sentenceAt, isNegated, isQuoted } from '../checks/phrase.js';

const FALLBACK = ['Own the next step: "Let me sort this out for you: …"'];

export const blameShifting: Rule = {
  meta: {
    id: 'blame-shifting',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Blaming or lecturing the customer instead of owning the problem.',
    docs: 'rules/blame-shifting.md',
    messages: {
      blame: '"{{phrase}}" puts the fault on the customer; own the problem and the next step instead.',
      lecture: '"{{phrase}}" lectures the customer; restate what they need without the reproach.',
      deflect: '"{{phrase}}" deflects responsibility; say what you can do instead.',
    },
    fixable: false,
    hasSuggestions: true,
    options: {
      policyReferences: {
        type: 'boolean',
        default: true,
        description: 'Report reproachful references to rules the customer supposedly ignored ("as stated in our terms").',
      },
    },
  },
  check({ doc, data, options, report }) {
    const phrases = compilePhrases((data.phrases ?? []) as PhraseEntry[], 'blame-shifting');
    const text = doc.text;
    for (const m of matchPhrases(doc.lower, phrases, doc.body.start, doc.body.end)) {
      if (options.policyReferences === false && m.entry.policy) continue;
      const s = sentenceAt(doc, m.start);
      if (!s || s.section !== 'body') continue;
      // Quoting the customer ("you said 'you should have warned me'") is listening, not blaming.
      if (isQuoted(text, m.start, s.start)) continue;
      if (m.entry.negatable !== false && isNegated(doc.lower, m.start, s.start)) continue;
      const messageId = String(m.entry.messageId ?? 'blame');
      report({
        messageId,
        // Quote the agent's own spelling (curly apostrophes included) back in the message.
        data: { phrase: doc.source.slice(doc.toSource(m.start), doc.toSource(m.end, true)) },
        start: m.start,
        end: m.end,
        suggestions: (m.entry.suggestions ?? FALLBACK).map((t) => ({
          text: t,
          description: m.entry.note ?? 'Ownership wording keeps the customer on your side.',
        })),
      });
    }
  },
};

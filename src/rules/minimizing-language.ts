// minimizing-language: wording that shrinks the customer's problem or feeling: "just"/"simply" in an
// instruction ("just restart it"), "calm down", "don't worry", "it's not a big deal", bright-side
// "at least you…", "everyone goes through this".
// Known false positives: "just" in its time or "only" sense ("we just shipped it", "just to confirm")
// is excluded by requiring an instruction verb right after it and no subject before it; "at least 24
// hours" (a quantity) is excluded in the data; "don't worry, I've waived the fee" (reassurance backed
// by an action in the same sentence) is accepted by design. One phrase is enough to report: each is a
// clear signal on its own, and none of them carries information the reply would lose.
import type { PhraseEntry, Rule } from '../core/types.js';
import { compilePhrases, compilePattern, matchPhrases, sentenceAt, isNegated, isQuoted } from '../checks/phrase.js';

interface MinimizingData {
  phrases?: PhraseEntry[];
  /** Base-form verbs that turn "just"/"simply" into an instruction ("just restart", "simply log in"). */
  instructionVerbs?: string[];
  /** Words right before "just" that give it its time sense ("we just", "has just") or an alternative ("or just"). */
  notAfter?: string[];
  /** What may follow "just" without making it an instruction ("just go ahead and", "just let us know"). */
  notInstructions?: string[];
  /** Words in the customer's message that show worry; "no worries" answers them dismissively. */
  worryCues?: string[];
  /** Evidence of an action in the same sentence that makes "don't worry" a reassurance, not a brush-off. */
  actionCues?: string[];
}

const cache = new WeakMap<object, { adverb: RegExp; notAfter: Set<string>; action: RegExp[]; worry: RegExp | null }>();

function compiled(d: MinimizingData) {
  let c = cache.get(d);
  if (!c) {
    const verbs = (d.instructionVerbs ?? []).join('|');
    const not = (d.notInstructions ?? []).join('|') || '(?!)';
    c = {
      adverb: verbs
        ? compilePattern(`(?:just|simply)(?= (?:(?:need|have) to )?(?:${verbs})(?![\\p{L}\\p{N}_-]))(?! (?:${not}))`, 'minimizing-language: instructionVerbs')
        : /(?!)/gu,
      notAfter: new Set((d.notAfter ?? []).map((w) => w.toLowerCase())),
      action: (d.actionCues ?? []).map((p) => compilePattern(p, 'minimizing-language: actionCues')),
      worry: d.worryCues?.length ? compilePattern(`(?:${d.worryCues.join('|')})`, 'minimizing-language: worryCues') : null,
    };
    cache.set(d, c);
  }
  return c;
}

function suggestionsOf(entry: PhraseEntry | undefined, fallback: string[]): string[] {
  return entry?.suggestions ?? fallback;
}

export const minimizingLanguage: Rule = {
  meta: {
    id: 'minimizing-language',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Wording that minimizes the customer\'s problem or feelings.',
    docs: 'rules/minimizing-language.md',
    messages: {
      instruction: '"{{word}}" makes this step sound trivial; if it were, the customer would not need to ask.',
      dismissive: '"{{phrase}}" minimizes the customer\'s problem or feeling.',
    },
    fixable: true,
    hasSuggestions: true,
    options: {
      instructionAdverbs: {
        type: 'boolean',
        default: true,
        description: 'Report "just" and "simply" in instructions ("just restart the app").',
      },
    },
  },
  check({ doc, customer, data, options, report }) {
    const d = data as MinimizingData;
    const c = compiled(d);
    const text = doc.text;
    const lower = doc.lower;

    for (const m of matchPhrases(lower, compilePhrases(d.phrases ?? [], 'minimizing-language'), doc.body.start, doc.body.end)) {
      const s = sentenceAt(doc, m.start);
      if (!s || s.section !== 'body') continue;
      if (isQuoted(text, m.start, s.start)) continue;
      if (m.entry.negatable !== false && isNegated(lower, m.start, s.start)) continue;
      // "No worries" is politeness after a thank-you; it dismisses only when the customer was worried.
      if (m.entry.onlyWhenCustomerWorried) {
        if (!customer || !c.worry) continue;
        c.worry.lastIndex = 0;
        if (!c.worry.test(customer.doc.lower)) continue;
      }
      if (m.entry.acceptWithAction) {
        const rest = lower.slice(m.end, s.end);
        if (c.action.some((re) => ((re.lastIndex = 0), re.test(rest)))) continue;
      }
      report({
        messageId: 'dismissive',
        // Quote the agent's own spelling (curly apostrophes included) back in the message.
        data: { phrase: doc.source.slice(doc.toSource(m.start), doc.toSource(m.end, true)) },
        start: m.start,
        end: m.end,
        suggestions: suggestionsOf(m.entry, ['Name the problem plainly and say what you are doing about it.']).map((t) => ({
          text: t,
          description: m.entry.note ?? 'Neutral wording takes the customer\'s problem seriously.',
        })),
      });
    }

    if (options.instructionAdverbs === false) return;
    const re = c.adverb;
    re.lastIndex = 0;
    const slice = lower.slice(doc.body.start, doc.body.end);
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const start = doc.body.start + m.index;
      const end = start + m[0].length;
      const s = sentenceAt(doc, start);
      if (!s || s.section !== 'body' || isQuoted(text, start, s.start)) continue;
      // "we just shipped it", "it has simply stopped": a subject right before means time or manner, not an instruction.
      const before = lower.slice(s.start, start).trimEnd();
      const prev = /([\p{L}']+)$/u.exec(before)?.[1] ?? '';
      if (c.notAfter.has(prev)) continue;
      // Dropping the adverb is mechanical and keeps the meaning; restore the capital at sentence start.
      const nextChar = text[end + 1] ?? '';
      const atStart = start === s.start;
      const word = text.slice(start, end);
      report({
        messageId: 'instruction',
        data: { word },
        start,
        end,
        suggestions: [
          {
            text: text.slice(s.start, start) + (atStart ? nextChar.toUpperCase() : nextChar) + text.slice(end + 2, s.end),
            description: `The same step without "${word}": a plain instruction respects that the customer may already have tried it.`,
          },
        ],
        fix: { start, end: end + 2, text: atStart ? nextChar.toUpperCase() : nextChar },
      });
    }
  },
};

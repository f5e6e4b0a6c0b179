// missing-acknowledgement: when the customer's message shows distress, anger or a crisis, the reply
// must say, somewhere, that it heard the situation or the feeling ("I'm sorry to hear…", "that
// sounds frightening"). Acknowledgement phrases are shared with empathy-phrasing
// (src/checks/acknowledgement.ts) so one list decides what counts. Known false positives: an
// acknowledgement worded in a way neither list knows ("what a week you've had"). Threshold: one
// acknowledgement anywhere is enough; where it sits is empathy-phrasing's business.

import type { Rule, SignalType, Signal } from '../core/types.js';
import type { Doc } from '../core/document.js';
import { acknowledgementSpans } from '../checks/acknowledgement.js';
import { compilePhrases, matchPhrases, isNegated } from '../checks/phrase.js';

const TRIGGERS: readonly SignalType[] = ['crisis', 'distress', 'anger'];
const FEELING: Record<string, string> = { crisis: 'signs of crisis', distress: 'distress', anger: 'anger' };

function ownAcknowledgements(doc: Doc, phrases: ReturnType<typeof compilePhrases>): boolean {
  return matchPhrases(doc.lower, phrases).some((m) => !isNegated(doc.lower, m.start));
}

export const missingAcknowledgement: Rule = {
  meta: {
    id: 'missing-acknowledgement',
    category: 'empathy',
    defaultSeverity: 'warn',
    description: 'Distress or anger in the customer\'s message goes unacknowledged in the reply.',
    docs: 'rules/missing-acknowledgement.md',
    messages: {
      missing: 'The customer\'s message shows {{feeling}} ("{{evidence}}") but the reply never acknowledges it; name the situation or the feeling before the steps.',
    },
    fixable: false,
    hasSuggestions: true,
    requiresContext: true,
  },
  check({ doc, customer, data, report }) {
    // Quote distress or anger as evidence when present: a crisis cue ("have the pills") is not a feeling.
    const signal: Signal | undefined =
      customer?.signals.find((s) => s.type === 'distress' || s.type === 'anger') ?? customer?.signals.find((s) => TRIGGERS.includes(s.type));
    if (!signal) return;
    const body = doc.bodySentences.length ? doc.bodySentences : doc.sentences;
    if (!body.length) return;
    if (acknowledgementSpans(doc).length) return;
    if (ownAcknowledgements(doc, compilePhrases(data.phrases ?? [], 'missing-acknowledgement'))) return;
    const first = body[0]!;
    const feeling = FEELING[signal.type] ?? signal.type;
    report({
      messageId: 'missing',
      data: { feeling, evidence: signal.text },
      start: first.start,
      end: first.end,
      suggestions: [
        {
          text: feeling === 'anger' ? "I'm sorry this has been so frustrating, and I understand why you're upset." : "I'm so sorry you're going through this; it sounds really hard.",
          description: 'Open with one sentence that names the situation or the feeling.',
        },
      ],
    });
  },
};

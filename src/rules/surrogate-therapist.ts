// surrogate-therapist: the reply acts as the customer's therapist (diagnosis, clinical/coping/medication
// advice, psychological interpretation, a counselling conversation about feelings).
// Known false positives: a support reply that echoes the customer's own clinical words without quotes,
// and a long, warm reply about a relationship or bereavement that adds up enough register words.
// Threshold: weights add up per reply to `threshold` (3): one unmistakable phrase fires alone, register
// words need three; this is what reaches therapist answers while staying near zero on brand replies.
import type { PhraseEntry, Rule } from '../core/types.js';
import type { Sentence } from '../core/document.js';
import { compilePhrases, compilePattern, matchPhrases, sentenceAt, isNegated, isQuoted, type PhraseMatch } from '../checks/phrase.js';

const REFERRAL_DEFAULT =
  'Your therapist is the best person to talk this through with; I can help you message them or switch providers.';

interface TherapistData {
  phrases?: PhraseEntry[];
  referral?: string[];
}

const referralCache = new WeakMap<string[], RegExp[]>();
function referralPatterns(list: string[]): RegExp[] {
  let out = referralCache.get(list);
  if (!out) {
    out = list.map((p) => compilePattern(p, 'surrogate-therapist: referral'));
    referralCache.set(list, out);
  }
  return out;
}

function isReferral(res: RegExp[], s: Sentence): boolean {
  return res.some((re) => {
    re.lastIndex = 0;
    return re.test(s.text);
  });
}

interface Hit {
  match: PhraseMatch;
  weight: number;
  messageId: string;
  sentence: Sentence;
}

export const surrogateTherapist: Rule = {
  meta: {
    id: 'surrogate-therapist',
    category: 'boundaries',
    defaultSeverity: 'error',
    description: "The reply acts as the customer's therapist.",
    docs: 'rules/surrogate-therapist.md',
    messages: {
      diagnosis: 'This labels the customer\'s mental state ("{{text}}"); support staff should not diagnose.',
      clinicalAdvice:
        'This gives clinical, coping or medication advice ("{{text}}"); that belongs with the customer\'s clinician.',
      interpretation:
        'This interprets psychological causes ("{{text}}"); leave that to the customer\'s therapist.',
      counselling:
        'This runs a counselling conversation about feelings ("{{text}}") instead of helping with the request.',
    },
    fixable: false,
    hasSuggestions: true,
    options: {
      threshold: {
        type: 'number',
        default: 2,
        min: 0.5,
        max: 20,
        description:
          'Evidence needed per reply: unmistakable phrases weigh 3, strong ones 2, therapy-register words 1.',
      },
      referral: {
        type: 'string',
        default: REFERRAL_DEFAULT,
        description: 'The referral sentence suggested instead (name your clinical team or booking flow).',
      },
    },
  },
  check({ doc, data, options, report }) {
    const d = data as TherapistData;
    const phrases = compilePhrases(d.phrases ?? [], 'surrogate-therapist');
    const referrals = referralPatterns(d.referral ?? []);
    const threshold = typeof options.threshold === 'number' ? options.threshold : 2;
    const referral = typeof options.referral === 'string' ? options.referral : REFERRAL_DEFAULT;

    const hits: Hit[] = [];
    const referralSentences = new Set<number>();
    for (const s of doc.sentences) {
      if (s.section !== 'body') continue;
      if (isReferral(referrals, s)) referralSentences.add(s.index);
    }
    for (const m of matchPhrases(doc.text, phrases, doc.body.start, doc.body.end)) {
      const sentence = sentenceAt(doc, m.start);
      if (!sentence || referralSentences.has(sentence.index)) continue;
      if (isNegated(doc.text, m.start, sentence.start) || isQuoted(doc.text, m.start, sentence.start)) continue;
      const weight = typeof m.entry.weight === 'number' ? m.entry.weight : 1;
      hits.push({ match: m, weight, messageId: m.entry.messageId ?? 'counselling', sentence });
    }
    // Register words marked `distinct` count once per word: repetition of "depression" in a reply
    // about depression is not more evidence of counselling than one mention.
    const seen = new Set<string>();
    let total = 0;
    for (const h of hits) {
      if (h.match.entry.distinct === true) {
        const key = `${h.match.entry.id}:${h.match.text.toLowerCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      total += h.weight;
    }
    if (total < threshold || hits.length === 0) return;

    // One finding per sentence, on its weightiest hit; register words (weight 1) only get a finding
    // when nothing weightier exists, so the reply is flagged without burying it in findings.
    const bySentence = new Map<number, Hit>();
    for (const h of hits) {
      const best = bySentence.get(h.sentence.index);
      if (!best || h.weight > best.weight) bySentence.set(h.sentence.index, h);
    }
    let chosen = [...bySentence.values()].filter((h) => h.weight >= 2);
    if (chosen.length === 0) {
      chosen = [[...bySentence.values()].sort((a, b) => b.weight - a.weight || a.match.start - b.match.start)[0]!];
    }
    chosen.sort((a, b) => a.match.start - b.match.start);
    for (const h of chosen) {
      report({
        messageId: h.messageId,
        data: { text: h.match.text },
        start: h.match.start,
        end: h.match.end,
        suggestions: [
          { text: referral, description: 'Acknowledge, then refer: clinical conversations belong with their therapist.' },
          {
            text: "Thank you for telling us how hard this week has been. I've made sure your therapist can see your message.",
            description: 'Acknowledge the feeling without analysing it, and say what you did.',
          },
        ],
      });
    }
  },
};

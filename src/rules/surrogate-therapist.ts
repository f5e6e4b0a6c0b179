// surrogate-therapist: the reply acts as the customer's therapist (diagnosis, clinical/coping/medication
// advice, psychological interpretation, a counselling conversation about feelings).
// Known false positives: a support reply that echoes the customer's own clinical words without quotes,
// and a long, warm reply about a relationship or bereavement that adds up enough register words.
// Threshold: weights add up per reply to `threshold` (1.5): a strong phrase (2-3) fires alone, register
// words (1, 0.5, each distinct word once) need company; measured to reach >90% of therapist answers
// while firing on ~0.1% of brand replies. Service names ("grief support group") are not register.
import type { PhraseEntry, Rule } from '../core/types.js';
import type { Sentence } from '../core/document.js';
import { compilePhrases, compilePattern, matchPhrases, sentenceAt, isNegated, isQuoted, type PhraseMatch } from '../checks/phrase.js';

const REFERRAL_DEFAULT =
  'Your therapist is the best person to talk this through with; I can help you message them or switch providers.';

interface TherapistData {
  phrases?: PhraseEntry[];
  referral?: string[];
  serviceNouns?: string[];
}

const listCache = new WeakMap<string[], RegExp[]>();
function compileList(list: string[], where: string): RegExp[] {
  let out = listCache.get(list);
  if (!out) {
    out = list.map((p) => compilePattern(p, `surrogate-therapist: ${where}`));
    listCache.set(list, out);
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
        default: 1.5,
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
    const referrals = compileList(d.referral ?? [], 'referral');
    const threshold = typeof options.threshold === 'number' ? options.threshold : 1.5;
    const referral = typeof options.referral === 'string' ? options.referral : REFERRAL_DEFAULT;

    // Words inside the name of a service ("grief support group") are practical support.
    const services: Array<[number, number]> = [];
    for (const re of compileList(d.serviceNouns ?? [], 'serviceNouns')) {
      re.lastIndex = 0;
      for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        services.push([m.index, m.index + m[0].length]);
      }
    }
    const inService = (a: number, b: number): boolean => services.some(([s, e]) => a >= s && b <= e);

    const hits: Hit[] = [];
    const referralSentences = new Set<number>();
    for (const s of doc.sentences) {
      if (s.section !== 'body') continue;
      if (isReferral(referrals, s)) referralSentences.add(s.index);
    }
    for (const m of matchPhrases(doc.text, phrases, doc.body.start, doc.body.end)) {
      const sentence = sentenceAt(doc, m.start);
      if (!sentence || referralSentences.has(sentence.index) || inService(m.start, m.end)) continue;
      if (isNegated(doc.text, m.start, sentence.start) || isQuoted(doc.text, m.start, sentence.start)) continue;
      const weight = typeof m.entry.weight === 'number' ? m.entry.weight : 1;
      hits.push({ match: m, weight, messageId: m.entry.messageId ?? 'counselling', sentence });
    }
    // Register words (weight below 2, or marked `distinct`) count once per word: repetition of "depression" in a reply
    // about depression is not more evidence of counselling than one mention.
    const seen = new Set<string>();
    let total = 0;
    for (const h of hits) {
      if (h.weight < 2 || h.match.entry.distinct === true) {
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

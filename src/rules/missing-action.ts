// missing-action: the reply gives the customer no concrete next step (nothing done or to be done, no
// instruction, request or suggestion, no link or contact, no question that moves the case, and no
// answer to a question the customer asked). Known false positives: steps phrased unusually ("all
// sorted on our side") and banter replies whose customer message is not given; explanations given to
// a complaint and wishes ("I hope you can…") are flagged on purpose. A numbered thread part ("1/2") is
// judged as sent. Threshold: one piece of evidence anywhere clears the reply, because an absence
// finding on a reply that does carry a step teaches agents to ignore the rule.
import type { PhraseEntry, Rule } from '../core/types.js';
import type { Doc, Sentence } from '../core/document.js';
import { compilePhrases, compilePattern, matchPhrases, sentenceAt } from '../checks/phrase.js';
import { warm } from '../checks/warm-regex.js';

interface ActionData {
  phrases?: PhraseEntry[];
  generic?: string[];
  nonForwardQuestions?: string[];
  praiseReply?: string[];
  problemWords?: string[];
  negations?: string[];
  customerComplaint?: string[];
  customerPraise?: string[];
  customerBanter?: string[];
  customerProblem?: string[];
  customerDistress?: string[];
  imperativeVerbs?: string[];
  acknowledgementCues?: string[];
  answerStarts?: string[];
  hedges?: string[];
  personalTopics?: string[];
  caseObjects?: string[];
  encouragement?: string[];
}

const listCache = new WeakMap<string[], RegExp[]>();
function compileList(list: string[] | undefined, where: string): RegExp[] {
  if (!list) return [];
  let out = listCache.get(list);
  if (!out) {
    out = list.map((p) => compilePattern(p, `missing-action: ${where}`));
    listCache.set(list, out);
  }
  return out;
}

function any(res: RegExp[], text: string): boolean {
  return res.some((re) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

// Phone numbers: 7+ digits with the usual separators, or a 1-800 style number.
const PHONE = /(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}\b|\b1[\s.-]?8\d\d[\s.-]?[A-Z0-9]{3}[\s.-]?[A-Z0-9]{4}\b/i;
// Leading words that do not change whether the sentence is an imperative ("So, try…", "Also, please…").
const LEAD = /^(?:[\uFFFC\s,]|(?:so|also|and|but|then|now|first|firstly|next|meanwhile|in the meantime|alternatively|otherwise|finally|just|simply|ok|okay|oh|no worries|sure|of course|absolutely|definitely|maybe|perhaps|honestly|really|well|yes|yeah|hey|always|for now|for this|to do this|to fix this|in that case|if so|if not|once done|once you've done that|for (?:that|this))\b[,:]?)+/i;

const SUGGESTIONS = [
  { text: "I've <what you did> (e.g. refunded the charge / reset your password).", description: 'Say what you already did.' },
  { text: "I'll <what happens next> by <when>, and I'll email you as soon as it's done.", description: 'Commit to a next step and a time.' },
  { text: 'Could you <what you need from them> so we can <why>?', description: 'Ask for the one thing that moves the case forward.' },
  { text: 'You can <what they can do> here: <link>.', description: 'Tell them what they can do, with a link to the resource.' },
];

function maskSpans(text: string, res: RegExp[], from: number, to: number): { masked: string; generic: number | null } {
  let masked = text;
  let generic: number | null = null;
  for (const re of res) {
    re.lastIndex = 0;
    const slice = masked.slice(from, to);
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      generic = generic === null ? from + m.index : Math.min(generic, from + m.index);
      const a = from + m.index;
      const b = a + m[0].length;
      masked = masked.slice(0, a) + ' '.repeat(b - a) + masked.slice(b);
    }
  }
  return { masked, generic };
}

const CLAUSE_SPLIT = /[,;:()]|\p{Extended_Pictographic}|\s[-\u2013\u2014]\s|\s(?:and then|then|and so)\s/u;
// "Tell me more about how you feel": keeps a conversation going, moves no case.
const TALK_PROMPT = /^(?:please\s+)?(?:tell|share|talk|describe|explain)\b/i;
const ADVICE_STATEMENT =
  /^(?:just |simply |sometimes |also |even )?(?!(?:being|feeling|having|nothing|something|anything|everything|thing|during|morning|evening|according|regarding|considering|bring|sing|king|spring|string|ceiling|wedding|pudding|darling|ring|wing|thing)\b)[a-z]+ing\b(?:\s+\S+){0,8}?\s+(?:is|are|can|could|might|may|will|would|should|helps|works)\s+(?:\S+\s+){0,3}?(?:help\w*|key|important|essential|crucial|vital|beneficial|useful|valuable|handy|worth|healthy|good for|great for|a (?:good |great |nice |healthy |useful )?(?:way|idea|start|outlet|option|step)|make (?:a|you|it|things)|improve|ease|reduce|relieve|boost|clear)\b/i;

function startsWith(res: RegExp[], text: string): boolean {
  return res.some((re) => {
    re.lastIndex = 0;
    const m = re.exec(text);
    return m !== null && m.index === 0;
  });
}

// Concrete times survive a hedge: "we hope to have it back by Friday" still gives a timeline.
const CONCRETE_TIME = /\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|hours?|days?|weeks?|minutes?)\b/i;
// A clause boundary ends a hedge's reach: "We know it's late; we've refunded the fee."
const CLAUSE_BREAK = /[;:,]|\b(?:but|however|although|though)\b|\band (?=(?:i|we)\b|$)/gi;

/** The step sits under a wish, belief or reassurance in its own clause ("I hope you can…"). */
function isHedged(before: string, match: string, hedges: RegExp[]): boolean {
  if (CONCRETE_TIME.test(match)) return false;
  let from = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m; m = CLAUSE_BREAK.exec(before)) from = m.index + m[0].length;
  return any(hedges, before.slice(from));
}

// The customer asks something: a "?" or a sentence that opens like a question ("is it open tonight").
const QUESTION_OPENER = /^(?:hi|hey|hello|so|and|but|ok|okay)?[\s,]*(?:what|when|where|why|how|who|which|is|are|am|can|could|do|does|did|will|would|should|may|has|have|was|were|any ?one|anybody)\b/i;
// A complaint put as a question ("Why can't I…?") also counts: an explanation answers it, even if the
// customer may still want more; flagging it as well pushed the brand-reply rate past its 8% ceiling.
function customerAsked(ctx: Doc): boolean {
  return ctx.sentences.some((s) => s.isQuestion || QUESTION_OPENER.test(s.text));
}

/** The clause of a sentence that holds [start, end): encouragement elsewhere in the sentence does not count. */
function clauseAround(text: string, s: Sentence, start: number, end: number): string {
  const before = text.slice(s.start, start);
  let from = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m; m = CLAUSE_BREAK.exec(before)) from = m.index + m[0].length;
  const after = text.slice(end, s.end);
  CLAUSE_BREAK.lastIndex = 0;
  const next = CLAUSE_BREAK.exec(after);
  return text.slice(s.start + from, next ? end + next.index : s.end);
}

function isImperative(s: Sentence, verbs: RegExp[]): boolean {
  warm(LEAD, s.text);
  const stripped = s.text.replace(LEAD, '').replace(/^please\s+/i, '');
  return verbs.some((re) => {
    re.lastIndex = 0;
    const m = re.exec(stripped);
    return m !== null && m.index === 0;
  });
}

function isPraiseReply(doc: Doc, body: Sentence[], d: ActionData): boolean {
  const praise = compileList(d.praiseReply, 'praiseReply');
  const problem = compileList(d.problemWords, 'problemWords');
  const negation = compileList(d.negations, 'negations');
  if (body.length === 0 || body.length > 4) return false;
  if (!body.some((s) => any(praise, s.text))) return false;
  // Every sentence is praise talk or a short pleasantry; none deals with a problem.
  return body.every(
    (s) =>
      !any(problem, s.text) &&
      (any(praise, s.text) || (s.text.split(/\s+/).length <= 8 && !any(negation, s.text) && !s.isQuestion)),
  );
}

const PRAISE_MAX_WORDS = 30;
const BANTER_MAX_WORDS = 15;

/** The customer only praised or thanked us (or joked along): no problem, no request, no question. */
function customerNeedsNothing(ctx: Doc, d: ActionData): boolean {
  const problem = compileList(d.customerProblem, 'customerProblem');
  const text = ctx.text.slice(ctx.body.start, ctx.body.end);
  // Praise and thanks are short; a long message that happens to contain "great" tells a story
  // the reply still has to deal with.
  if (text.split(/\s+/).filter(Boolean).length > PRAISE_MAX_WORDS) return false;
  return customerCheerful(ctx, d) && !any(problem, text) && !ctx.sentences.some((s) => s.isQuestion);
}

/** Thanks or praise for us, or (in a short message) friendly banter. */
function customerCheerful(ctx: Doc, d: ActionData): boolean {
  const text = ctx.text.slice(ctx.body.start, ctx.body.end);
  if (any(compileList(d.customerPraise, 'customerPraise'), text)) return true;
  const words = text.split(/\s+/).filter(Boolean).length;
  return words <= BANTER_MAX_WORDS && any(compileList(d.customerBanter, 'customerBanter'), text);
}

function customerHasProblem(ctx: Doc, d: ActionData): boolean {
  return any(compileList(d.customerDistress, 'customerDistress'), ctx.text.slice(ctx.body.start, ctx.body.end));
}

function customerComplains(ctx: Doc, d: ActionData): boolean {
  const text = ctx.text.slice(ctx.body.start, ctx.body.end);
  return any(compileList(d.customerComplaint, 'customerComplaint'), text) || ctx.sentences.some((s) => s.isQuestion);
}

// The rule reads English: a reply without common English function words is not judged.
// Short replies ("Absolutely!", "Very welcome!") often lack function words; these words are English only.
const SHORT_ENGLISH_WORDS =
  /\b(?:welcome|absolutely|definitely|thanks|thank|sorry|okay|yes|always|never|very|sure|hope|anything|else|please|yourself|glad|luck|care|believe|exactly|true|right|bye|course|agreed)\b/i;
const SHORT_ASCII = /^[\x00-\x7F\uFFFC\u2019]{1,80}$/;
const ENGLISH = /\b(?:the|to|you|your|we|i|is|are|and|for|it|of|this|that|be|our|with)\b/i;

export const missingAction: Rule = {
  meta: {
    id: 'missing-action',
    category: 'action',
    defaultSeverity: 'warn',
    description: 'The reply gives no concrete next step.',
    docs: 'rules/missing-action.md',
    messages: {
      missing:
        'The reply has no next step: nothing we did or will do, no request, link or question that moves the case forward.',
      genericOnly:
        'The only next step is a courtesy offer ("{{text}}"); say what happens next or what the customer can do.',
    },
    fixable: false,
    hasSuggestions: true,
    options: {
      countGenericOffers: {
        type: 'boolean',
        default: false,
        description: 'Accept a courtesy offer such as "let me know if you have any questions" as a next step.',
      },
      ignorePraise: {
        type: 'boolean',
        default: true,
        description: 'Skip replies that only thank a customer for praise (or answer a customer message that is praise).',
      },
    },
  },
  check({ doc, customer, options, data, report }) {
    const d = data as ActionData;
    const body = doc.bodySentences;
    if (body.length === 0) return;
    if (doc.links.length > 0) return;
    const bodyText = doc.text.slice(doc.body.start, doc.body.end);
    warm(PHONE, bodyText);
    if (PHONE.test(bodyText)) return;
    const english = ENGLISH.test(bodyText) || (SHORT_ASCII.test(bodyText.trim()) && SHORT_ENGLISH_WORDS.test(bodyText));
    if (!english) return;

    if (options.ignorePraise !== false) {
      // A thank-you reply needs no step unless the customer's message (when given) complains or asks;
      // a customer message that is only praise or banter needs none whatever the reply says.
      const praiseReply = isPraiseReply(doc, body, d);
      if (customer) {
        // A thank-you reply to someone who describes a problem or a feeling still owes them a step.
        if (customerNeedsNothing(customer.doc, d) || (praiseReply && !customerComplains(customer.doc, d) && !customerHasProblem(customer.doc, d))) return;
      } else if (praiseReply) return;
    }

    const countGeneric = options.countGenericOffers === true;
    const genericRes = compileList(d.generic, 'generic');
    const { masked, generic } = maskSpans(doc.lower, genericRes, doc.body.start, doc.body.end);
    if (countGeneric && generic !== null) return;

    const phrases = compilePhrases(d.phrases ?? [], 'missing-action');
    const hedges = compileList(d.hedges, 'hedges');
    const encouragement = compileList(d.encouragement, 'encouragement');
    for (const m of matchPhrases(masked, phrases, doc.body.start, doc.body.end)) {
      const s = sentenceAt(doc, m.start);
      // "I hope you can find some peace", "I know you'll get through this": a wish, not a step.
      if (s && (isHedged(masked.slice(s.start, m.start), m.text, hedges) || any(encouragement, clauseAround(masked, s, m.start, m.end)))) continue;
      return;
    }

    const nonForward = compileList(d.nonForwardQuestions, 'nonForwardQuestions');
    const personal = compileList(d.personalTopics, 'personalTopics');
    const caseObjects = compileList(d.caseObjects, 'caseObjects');
    const verbs = compileList(d.imperativeVerbs, 'imperativeVerbs');
    for (const s of body) {
      const maskedSentence = masked.slice(s.start, s.end);
      if (maskedSentence.trim() === '') continue;
      // A question about feelings or private life ("How long have you felt this way?") keeps a
      // conversation going but does not move a support case; one about the case does.
      const aboutThePerson = any(personal, maskedSentence) && !any(caseObjects, maskedSentence);
      if (s.isQuestion) {
        if (!any(nonForward, maskedSentence) && !aboutThePerson) return;
        continue;
      }
      const talkPrompt = TALK_PROMPT.test(maskedSentence.trim()) && !any(caseObjects, maskedSentence);
      if (!talkPrompt) {
        // An instruction may open any clause: "It's back now, try it again", "Sorry, so check Settings".
        for (const clause of maskedSentence.split(CLAUSE_SPLIT)) {
          const c = clause.trim();
          if (c.split(/\s+/).length >= 2 && isImperative({ ...s, text: c }, verbs) && !any(encouragement, c)) return;
        }
      }
      // Advice stated as a general truth: "Getting outside every day can really help",
      // "Keeping a schedule is key". A gerund subject makes it about what the customer could do.
      const statement = maskedSentence.trim().replace(LEAD, '');
      warm(ADVICE_STATEMENT, statement);
      if (ADVICE_STATEMENT.test(statement)) return;
    }

    // Information that answers the customer's question is the step ("Yes, children can join",
    // "It weighs 15 kg"); an explanation given to a complaint, or sympathy, is not.
    const ack = compileList(d.acknowledgementCues, 'acknowledgementCues');
    const answers = compileList(d.answerStarts, 'answerStarts');
    if (customer && customerAsked(customer.doc)) {
      for (const s of body) {
        const t = masked.slice(s.start, s.end).trim();
        if (t === '' || s.isQuestion || any(ack, t)) continue;
        if (startsWith(answers, t) || t.split(/\s+/).length >= 4) return;
      }
    }

    // Point at the last sentence the agent wrote; one that is only template placeholders
    // ({{/if}}, [Signature]) is not theirs to change, and a body of nothing else cannot be judged.
    const last = [...body].reverse().find((s) => /[\p{L}\p{N}]/u.test(s.text));
    if (!last) return;
    // Quote the courtesy offer up to the end of its sentence, as the agent wrote it.
    const genericSentence = generic === null ? undefined : sentenceAt(doc, generic);
    const genericText =
      generic === null ? null : doc.text.slice(generic, genericSentence ? genericSentence.end : generic + 60).trim();
    report({
      messageId: genericText ? 'genericOnly' : 'missing',
      data: genericText ? { text: genericText } : {},
      start: last.start,
      end: last.end,
      suggestions: SUGGESTIONS,
    });
  },
};

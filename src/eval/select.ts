// Which records each measure reads, and what the labels say about them. One predicate per measure
// keeps the selection testable and in one place; the file stems are those in ../shared/corpus.

import type { CorpusRecord } from './corpus.js';

export const FILES = {
  twcs: 'twcs__twcs_first5000',
  ericsson: 'twcs__ericsson_labelled',
  macros: 'macro-libraries__macros',
  counselAnswers: 'counsel-chat__counsel_chat_answers',
  counselQuestions: 'counsel-chat__counsel_chat_questions',
  annomi: 'annomi__annomi',
  esconv: 'esconv__esconv',
  empatheticDialogues: 'empathetic-dialogues__ed_valid',
  sdcnl: 'sdcnl-reddit__sdcnl',
  dreaddit: 'dreaddit__dreaddit',
  goldReplies: 'gold-dev__replies',
  goldCustomers: 'gold-dev__customers',
} as const;

export const GOLD_FILES: readonly string[] = [FILES.goldReplies, FILES.goldCustomers];

/** Roles whose text is a reply (linted as a draft); everything else is a customer's message. */
export const REPLY_ROLES: readonly string[] = ['agent', 'therapist', 'supporter'];

export function isReply(r: CorpusRecord): boolean {
  return REPLY_ROLES.includes(r.role);
}

/** Labels come as booleans, 0/1 or "True"/"False" depending on the source. */
export function truthy(v: unknown): boolean | null {
  if (v === true || v === 1 || v === '1') return true;
  if (v === false || v === 0 || v === '0') return false;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'yes') return true;
    if (s === 'false' || s === 'no') return false;
  }
  return null;
}

// --- false-positive ceilings -------------------------------------------------------------------

export function isTwcsAgent(r: CorpusRecord): boolean {
  return r.file === FILES.twcs && r.role === 'agent';
}

export function isMacro(r: CorpusRecord): boolean {
  return r.file === FILES.macros && r.role === 'agent';
}

/** Real brand replies: mostly fine, so a rule's firing rate here is its false-positive ceiling. */
export function isBrandReply(r: CorpusRecord): boolean {
  return isTwcsAgent(r) || isMacro(r);
}

/** Issue 3's ceilings on brand replies; rules not listed have no target. */
export const FP_TARGETS: Readonly<Record<string, number>> = {
  'surrogate-therapist': 0.01,
  'over-apology': 0.05,
  'empathy-phrasing': 0.05,
  'prying-question': 0.05,
  'minimizing-language': 0.05,
  'blame-shifting': 0.05,
  'missing-action': 0.08,
};

/** Rules whose brand-reply hits a reader must judge (issue 3: at least 4 of 5 real problems). */
export const REVIEW_RULES: readonly string[] = [
  'over-apology',
  'empathy-phrasing',
  'prying-question',
  'minimizing-language',
  'blame-shifting',
];
export const REVIEW_SAMPLE = 20;
export const REVIEW_TARGET = 0.8;

// --- surrogate-therapist recall ----------------------------------------------------------------

export function isCounselAnswer(r: CorpusRecord): boolean {
  return r.file === FILES.counselAnswers && r.role === 'therapist';
}

/** `reflection` or `therapist_input` for AnnoMI therapist turns that count, else null. */
export function annomiTherapistBehaviour(r: CorpusRecord): 'reflection' | 'therapist_input' | null {
  if (r.file !== FILES.annomi || r.role !== 'therapist') return null;
  const b = r.labels.main_therapist_behaviour;
  return b === 'reflection' || b === 'therapist_input' ? b : null;
}

export const SURROGATE_RECALL_TARGET = 0.9;

// --- missing-action on ESConv ------------------------------------------------------------------

export const ACK_ONLY_STRATEGIES: readonly string[] = ['Reflection of feelings', 'Affirmation and Reassurance'];
export const ACTION_STRATEGIES: readonly string[] = ['Providing Suggestions', 'Information'];
export const MISSING_ACTION_ACCURACY_TARGET = 0.8;

/** The ESConv strategy of a supporter turn, or null for other records. */
export function esconvStrategy(r: CorpusRecord): string | null {
  if (r.file !== FILES.esconv || r.role !== 'supporter') return null;
  const s = r.labels.strategy;
  if (typeof s === 'string') return s;
  // Some exports list several strategies per turn; a turn counts only when it has exactly one.
  if (Array.isArray(s) && s.length === 1 && typeof s[0] === 'string') return s[0];
  return null;
}

/** true: missing-action should fire (acknowledgement only); false: should not (suggestion/info). */
export function missingActionExpected(r: CorpusRecord): boolean | null {
  const s = esconvStrategy(r);
  if (s === null) return null;
  if (ACK_ONLY_STRATEGIES.includes(s)) return true;
  if (ACTION_STRATEGIES.includes(s)) return false;
  return null;
}

/** Strategies that acknowledge the seeker's feelings or situation (SOURCES.md), against action strategies. */
export const ACKNOWLEDGING_STRATEGIES: readonly string[] = [
  'Reflection of feelings',
  'Restatement or Paraphrasing',
  'Affirmation and Reassurance',
];

/** true: an acknowledging strategy; false: an action strategy; null: neither (question, self-disclosure, others). */
export function esconvAcknowledges(r: CorpusRecord): boolean | null {
  const s = esconvStrategy(r);
  if (s === null) return null;
  if (ACKNOWLEDGING_STRATEGIES.includes(s)) return true;
  if (ACTION_STRATEGIES.includes(s)) return false;
  return null;
}

// --- ericsson activity labels ------------------------------------------------------------------

/** The categories of a labelled brand reply (ericsson agent rows), or null. */
export function ericssonCategories(r: CorpusRecord): Record<string, boolean> | null {
  if (r.file !== FILES.ericsson || r.role !== 'agent') return null;
  const c = r.labels.categories;
  if (typeof c !== 'object' || c === null) return null;
  const out: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(c as Record<string, unknown>)) {
    const b = truthy(v);
    if (b !== null) out[k] = b;
  }
  return out;
}

/** The `Apologize` label, only where the labelling scheme had it (one brand's rows). */
export function ericssonApologize(r: CorpusRecord): boolean | null {
  const c = ericssonCategories(r);
  return c && 'Apologize' in c ? c.Apologize! : null;
}

// --- crisis and distress in customer messages --------------------------------------------------

export function sdcnlSuicide(r: CorpusRecord): boolean | null {
  return r.file === FILES.sdcnl ? truthy(r.labels.is_suicide) : null;
}

export function dreadditStress(r: CorpusRecord): boolean | null {
  return r.file === FILES.dreaddit ? truthy(r.labels.stress) : null;
}

/** Ordinary customer tweets (both twcs files): crisis alarms there are false alarms. */
export function isTwcsCustomer(r: CorpusRecord): boolean {
  return (r.file === FILES.twcs || r.file === FILES.ericsson) && r.role === 'customer';
}

export const CRISIS_RECALL_TARGET = 0.95;
export const CRISIS_FALSE_ALARM_TARGET = 0.05;

// --- hand-labelled gold ------------------------------------------------------------------------

/** Rule id -> gold label on gold-dev__replies (the rule firing predicts the label true). */
export const GOLD_REPLY_LABELS: Readonly<Record<string, string>> = {
  'over-apology': 'over_apology',
  'missing-action': 'missing_action',
  'surrogate-therapist': 'surrogate_therapist',
  'empathy-phrasing': 'formulaic_empathy',
  'prying-question': 'prying_question',
  'minimizing-language': 'minimizing',
  'blame-shifting': 'blame_shifting',
};

/**
 * missing-acknowledgement predicts the *absence* of acknowledgement, and only means something when
 * the customer's message is known: it is scored against `acknowledges_feelings` false, context rows only.
 */
export const GOLD_INVERSE_LABELS: Readonly<Record<string, string>> = {
  'missing-acknowledgement': 'acknowledges_feelings',
};

export interface GoldExpectation {
  label: string;
  inverse: boolean;
  /** The rule should fire on this record. */
  expected: boolean;
}

/** What the gold label says the rule should do on this record, or null when it does not apply. */
export function goldReplyExpectation(r: CorpusRecord, ruleId: string): GoldExpectation | null {
  if (r.file !== FILES.goldReplies) return null;
  const direct = GOLD_REPLY_LABELS[ruleId];
  if (direct !== undefined) {
    const v = truthy(r.labels[direct]);
    return v === null ? null : { label: direct, inverse: false, expected: v };
  }
  const inverse = GOLD_INVERSE_LABELS[ruleId];
  if (inverse !== undefined) {
    if (r.context.trim() === '') return null;
    const v = truthy(r.labels[inverse]);
    return v === null ? null : { label: inverse, inverse: true, expected: !v };
  }
  return null;
}

export function goldCustomerLabel(r: CorpusRecord, label: 'crisis_signal' | 'distress'): boolean | null {
  return r.file === FILES.goldCustomers ? truthy(r.labels[label]) : null;
}

// --- what to run -------------------------------------------------------------------------------

/**
 * Customer messages whose signals some measure reads. ESConv and EmpatheticDialogues customer turns
 * (13k short chat lines no measure uses) are skipped unless `all` is set, to stay inside the time budget.
 */
export function needsSignals(r: CorpusRecord, all = false): boolean {
  if (isReply(r)) return false;
  if (all) return true;
  return r.file !== FILES.esconv && r.file !== FILES.empatheticDialogues;
}

/** Every reply is linted: the firing-rate table covers all sources. */
export function needsLint(r: CorpusRecord): boolean {
  return isReply(r);
}

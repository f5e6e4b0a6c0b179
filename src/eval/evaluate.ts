// Turns lint outcomes over the corpus into the measures of issues 3 and 4. Pure: records, outcomes
// and reviews in, a JSON-able report out (rendered to EVALUATION.md by render.ts). Records whose
// lint crashed are left out of every measure and counted in `errors`, so a crashing rule cannot pass
// for a quiet one.

import type { SignalType } from '../core/types.js';
import type { CorpusFile, CorpusRecord } from './corpus.js';
import { distribution, type Distribution } from './distribution.js';
import { pickExamples } from './examples.js';
import { confusion, precisionRecall, rateOf, ratio, type PrecisionRecall, type Rate } from './metrics.js';
import { summarizeReview, type Reviews, type ReviewSummary } from './reviews.js';
import type { Outcome } from './run.js';
import {
  ACK_ONLY_STRATEGIES,
  ACTION_STRATEGIES,
  CRISIS_FALSE_ALARM_TARGET,
  CRISIS_RECALL_TARGET,
  FILES,
  FP_TARGETS,
  GOLD_FILES,
  MISSING_ACTION_ACCURACY_TARGET,
  REVIEW_RULES,
  REVIEW_SAMPLE,
  REVIEW_TARGET,
  SURROGATE_RECALL_TARGET,
  annomiTherapistBehaviour,
  dreadditStress,
  ericssonApologize,
  ericssonCategories,
  esconvAcknowledges,
  esconvStrategy,
  goldCustomerLabel,
  goldReplyExpectation,
  isCounselAnswer,
  isMacro,
  isTwcsAgent,
  isTwcsCustomer,
  missingActionExpected,
  sdcnlSuicide,
  truthy,
} from './select.js';

export const EXAMPLES_PER_LIST = 10;
/** A reply a team would send as is. */
export const HIGH_SCORE = 80;
/** A reply that needs rework (an error-level boundaries finding caps the score below 50). */
export const LOW_SCORE = 50;

/** A record joined with what attune made of it. */
export interface Row {
  r: CorpusRecord;
  o: Outcome;
}

export interface Group {
  key: string;
  file: string;
  role: string;
  n: number;
}

export interface Target {
  /** "<=" for ceilings, ">=" for floors. */
  op: '<=' | '>=';
  value: number;
  met: boolean | null;
}

export interface FpCeiling {
  rule: string;
  /** Brand replies with at least one finding of each messageId, most frequent first. */
  byMessage: Array<{ messageId: string; replies: number }>;
  twcs: Rate;
  macros: Rate;
  brand: Rate;
  target: Target | null;
  hitExamples: string[];
}

export interface LabelledRate {
  label: string;
  rate: Rate;
  expected?: 'fire' | 'silent';
}

export interface GoldRuleResult {
  rule: string;
  label: string | null;
  inverse: boolean;
  pr: PrecisionRecall | null;
  hits: string[];
  misses: string[];
  falseAlarms: string[];
}

export interface DetectorResult {
  detector: string;
  label: string;
  pr: PrecisionRecall;
  hits: string[];
  misses: string[];
  falseAlarms: string[];
}

export interface EvalMeta {
  date: string;
  version: string;
  command: string;
  files: CorpusFile[];
  rules: string[];
}

export interface TargetRow {
  /** Which issue set the target. */
  issue: 3 | 4;
  measure: string;
  observed: number | null;
  /** How the observation was counted, e.g. "8/1211". */
  counts: string;
  target: Target;
  /** Overrides met/missed/pending in the status column (e.g. "no hits"). */
  status?: string;
}

export interface EvalReport {
  meta: EvalMeta;
  /** Every target of issues 3 and 4 in one list, for the summary table. */
  targets: TargetRow[];
  errors: { count: number; byMessage: Array<{ message: string; count: number; ids: string[] }> };
  firing: { groups: Group[]; rates: Record<string, Record<string, Rate>> };
  signalRates: { groups: Group[]; rates: Record<SignalType, Record<string, Rate>> };
  fpCeilings: FpCeiling[];
  surrogate: {
    present: boolean;
    rows: LabelledRate[];
    target: Target;
    misses: string[];
  };
  missingAction: {
    present: boolean;
    rows: LabelledRate[];
    shouldFire: Rate;
    shouldNotFire: Rate;
    pr: PrecisionRecall;
    balancedAccuracy: number | null;
    target: Target;
    misses: string[];
    falseAlarms: string[];
  };
  esconvStrategies: {
    strategies: Array<{ strategy: string; n: number }>;
    rates: Record<string, Record<string, Rate>>;
    /** Share of turns per strategy in which the shared acknowledgement check finds an acknowledgement. */
    acknowledgement: Record<string, Rate>;
  };
  ericsson: { groups: Array<{ key: string; n: number }>; rates: Record<string, Record<string, Rate>>; acknowledgement: Record<string, Rate> };
  /** Each rule's firing rate on replies grouped by what the detector found in the message they answer. */
  byContext: { groups: Array<{ key: string; n: number }>; rates: Record<string, Record<string, Rate>>; hitExamples: Record<string, string[]> };
  /** The acknowledgement check (src/checks/acknowledgement.ts) as a detector against three labellings. */
  empathy: DetectorResult[];
  /** `high`: share scoring at least HIGH_SCORE; `low`: share below LOW_SCORE. */
  scores: Array<{ group: Group; dist: Distribution; high: Rate; low: Rate }>;
  crisis: {
    rows: Array<LabelledRate & { target: Target | null }>;
    pooled: DetectorResult;
    misses: string[];
    falseAlarms: string[];
  };
  distress: DetectorResult[];
  gold: { replies: GoldRuleResult[]; customers: DetectorResult[] };
  reviews: ReviewSummary[];
}

const SIGNAL_TYPES: readonly SignalType[] = ['crisis', 'distress', 'anger', 'confusion'];

function fires(row: Row, rule: string): boolean {
  return (row.o.fired[rule] ?? 0) > 0;
}

function hasSignal(row: Row, type: SignalType): boolean {
  return row.o.signals.includes(type);
}

function target(op: '<=' | '>=', value: number, observed: number | null): Target {
  return { op, value, met: observed === null ? null : op === '<=' ? observed <= value : observed >= value };
}

function groupsOf(rows: readonly Row[]): Group[] {
  const m = new Map<string, Group>();
  for (const { r } of rows) {
    const key = `${r.file}/${r.role}`;
    const g = m.get(key);
    if (g) g.n++;
    else m.set(key, { key, file: r.file, role: r.role, n: 1 });
  }
  return [...m.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function ids(rows: readonly Row[], pred: (row: Row) => boolean): string[] {
  return rows.filter(pred).map((x) => x.r.id);
}

function detector(name: string, label: string, rows: readonly Row[], predicted: (x: Row) => boolean, actual: (x: Row) => boolean): DetectorResult {
  return {
    detector: name,
    label,
    pr: precisionRecall(confusion(rows, predicted, actual)),
    hits: pickExamples(ids(rows, (x) => predicted(x) && actual(x)), EXAMPLES_PER_LIST),
    misses: pickExamples(ids(rows, (x) => !predicted(x) && actual(x)), EXAMPLES_PER_LIST),
    falseAlarms: pickExamples(ids(rows, (x) => predicted(x) && !actual(x)), EXAMPLES_PER_LIST),
  };
}

export interface EvaluateInput {
  meta: EvalMeta;
  records: readonly CorpusRecord[];
  /** outcomes[i] belongs to records[i]; undefined when the record was not run. */
  outcomes: ReadonlyArray<Outcome | undefined>;
  reviews: Reviews;
}

export function evaluate({ meta, records, outcomes, reviews }: EvaluateInput): EvalReport {
  const rules = meta.rules;
  const all: Row[] = [];
  const errorMap = new Map<string, string[]>();
  records.forEach((r, i) => {
    const o = outcomes[i];
    if (!o) return;
    if (o.error !== undefined) {
      const list = errorMap.get(o.error) ?? [];
      list.push(r.id);
      errorMap.set(o.error, list);
      return;
    }
    all.push({ r, o });
  });
  const errors = {
    count: [...errorMap.values()].reduce((s, l) => s + l.length, 0),
    byMessage: [...errorMap.entries()]
      .map(([message, list]) => ({ message, count: list.length, ids: pickExamples(list, 5) }))
      .sort((a, b) => b.count - a.count || (a.message < b.message ? -1 : 1)),
  };

  const replies = all.filter((x) => x.o.kind === 'lint' && !GOLD_FILES.includes(x.r.file));
  const customers = all.filter((x) => x.o.kind === 'signals' && !GOLD_FILES.includes(x.r.file));

  // Firing rate per source and role.
  const replyGroups = groupsOf(replies);
  const firingRates: Record<string, Record<string, Rate>> = {};
  for (const rule of rules) {
    firingRates[rule] = {};
    for (const g of replyGroups) {
      firingRates[rule][g.key] = rateOf(
        replies.filter((x) => `${x.r.file}/${x.r.role}` === g.key),
        (x) => fires(x, rule),
      );
    }
  }
  const customerGroups = groupsOf(customers);
  const signalRates = {} as Record<SignalType, Record<string, Rate>>;
  for (const t of SIGNAL_TYPES) {
    signalRates[t] = {};
    for (const g of customerGroups) {
      signalRates[t][g.key] = rateOf(
        customers.filter((x) => `${x.r.file}/${x.r.role}` === g.key),
        (x) => hasSignal(x, t),
      );
    }
  }

  // False-positive ceilings on brand replies.
  const twcs = replies.filter((x) => isTwcsAgent(x.r));
  const macros = replies.filter((x) => isMacro(x.r));
  const brand = [...twcs, ...macros];
  const fpCeilings: FpCeiling[] = rules.map((rule) => {
    const b = rateOf(brand, (x) => fires(x, rule));
    const t = FP_TARGETS[rule];
    const perMessage = new Map<string, number>();
    for (const x of brand) {
      for (const key of Object.keys(x.o.messages ?? {})) {
        if (!key.startsWith(`${rule}/`)) continue;
        const mid = key.slice(rule.length + 1);
        perMessage.set(mid, (perMessage.get(mid) ?? 0) + 1);
      }
    }
    return {
      rule,
      byMessage: [...perMessage.entries()]
        .map(([messageId, replies]) => ({ messageId, replies }))
        .sort((a, b) => b.replies - a.replies || (a.messageId < b.messageId ? -1 : 1)),
      twcs: rateOf(twcs, (x) => fires(x, rule)),
      macros: rateOf(macros, (x) => fires(x, rule)),
      brand: b,
      target: t === undefined ? null : target('<=', t, b.rate),
      hitExamples: pickExamples(ids(brand, (x) => fires(x, rule)), EXAMPLES_PER_LIST),
    };
  });

  // surrogate-therapist recall on therapist text.
  const ST = 'surrogate-therapist';
  const counsel = replies.filter((x) => isCounselAnswer(x.r));
  const annomiReflection = replies.filter((x) => annomiTherapistBehaviour(x.r) === 'reflection');
  const annomiInput = replies.filter((x) => annomiTherapistBehaviour(x.r) === 'therapist_input');
  const counselRate = rateOf(counsel, (x) => fires(x, ST));
  const surrogate = {
    present: rules.includes(ST),
    rows: [
      { label: 'counsel-chat answers', rate: counselRate },
      { label: 'annomi therapist turns: reflection', rate: rateOf(annomiReflection, (x) => fires(x, ST)) },
      { label: 'annomi therapist turns: therapist_input', rate: rateOf(annomiInput, (x) => fires(x, ST)) },
      { label: 'annomi therapist turns: both', rate: rateOf([...annomiReflection, ...annomiInput], (x) => fires(x, ST)) },
    ],
    target: target('>=', SURROGATE_RECALL_TARGET, counselRate.rate),
    misses: pickExamples(ids(counsel, (x) => !fires(x, ST)), EXAMPLES_PER_LIST),
  };

  // missing-action on ESConv: acknowledgement-only turns should fire, suggestion/information should not.
  const MA = 'missing-action';
  const esconvLabelled = replies.filter((x) => missingActionExpected(x.r) !== null);
  const shouldFireRows = esconvLabelled.filter((x) => missingActionExpected(x.r) === true);
  const shouldNotRows = esconvLabelled.filter((x) => missingActionExpected(x.r) === false);
  const maConfusion = confusion(esconvLabelled, (x) => fires(x, MA), (x) => missingActionExpected(x.r) === true);
  const maPr = precisionRecall(maConfusion);
  const tnr = ratio(maConfusion.tn, maConfusion.tn + maConfusion.fp);
  const missingAction = {
    present: rules.includes(MA),
    rows: [...ACK_ONLY_STRATEGIES, ...ACTION_STRATEGIES].map((s) => ({
      label: s,
      expected: ACK_ONLY_STRATEGIES.includes(s) ? ('fire' as const) : ('silent' as const),
      rate: rateOf(
        esconvLabelled.filter((x) => esconvStrategy(x.r) === s),
        (x) => fires(x, MA),
      ),
    })),
    shouldFire: rateOf(shouldFireRows, (x) => fires(x, MA)),
    shouldNotFire: rateOf(shouldNotRows, (x) => fires(x, MA)),
    pr: maPr,
    balancedAccuracy: maPr.recall === null || tnr === null ? null : (maPr.recall + tnr) / 2,
    target: target('>=', MISSING_ACTION_ACCURACY_TARGET, maPr.accuracy),
    misses: pickExamples(ids(shouldFireRows, (x) => !fires(x, MA)), EXAMPLES_PER_LIST),
    falseAlarms: pickExamples(ids(shouldNotRows, (x) => fires(x, MA)), EXAMPLES_PER_LIST),
  };

  // Every rule against every ESConv strategy: acknowledgement strategies vs action strategies.
  const esconvAll = replies.filter((x) => esconvStrategy(x.r) !== null);
  const strategyCounts = new Map<string, number>();
  for (const x of esconvAll) strategyCounts.set(esconvStrategy(x.r)!, (strategyCounts.get(esconvStrategy(x.r)!) ?? 0) + 1);
  const strategies = [...strategyCounts.entries()].map(([strategy, n]) => ({ strategy, n })).sort((a, b) => (a.strategy < b.strategy ? -1 : 1));
  const esconvRates: Record<string, Record<string, Rate>> = {};
  for (const rule of rules) {
    esconvRates[rule] = {};
    for (const { strategy } of strategies) {
      esconvRates[rule][strategy] = rateOf(
        esconvAll.filter((x) => esconvStrategy(x.r) === strategy),
        (x) => fires(x, rule),
      );
    }
  }

  const acknowledges = (x: Row) => x.o.acknowledges === true;
  const esconvAck: Record<string, Rate> = {};
  for (const { strategy } of strategies) {
    esconvAck[strategy] = rateOf(
      esconvAll.filter((x) => esconvStrategy(x.r) === strategy),
      acknowledges,
    );
  }

  // Ericsson activity labels on real brand replies.
  const ericssonRows = replies.filter((x) => ericssonCategories(x.r) !== null);
  const ericssonGroupDefs: Array<{ key: string; pred: (x: Row) => boolean }> = [
    { key: 'Apologize: true', pred: (x) => ericssonCategories(x.r)!.Apologize === true },
    { key: 'Apologize: false', pred: (x) => ericssonCategories(x.r)!.Apologize === false },
    {
      key: 'any action label',
      pred: (x) => Object.entries(ericssonCategories(x.r)!).some(([k, v]) => v && k !== 'Apologize'),
    },
    { key: 'no label at all', pred: (x) => !Object.values(ericssonCategories(x.r)!).some(Boolean) },
  ];
  const ericssonGroups = ericssonGroupDefs.map((g) => ({ key: g.key, n: ericssonRows.filter(g.pred).length }));
  const ericssonRates: Record<string, Record<string, Rate>> = {};
  for (const rule of rules) {
    ericssonRates[rule] = {};
    for (const g of ericssonGroupDefs) ericssonRates[rule][g.key] = rateOf(ericssonRows.filter(g.pred), (x) => fires(x, rule));
  }
  const ericssonAck: Record<string, Rate> = {};
  for (const g of ericssonGroupDefs) ericssonAck[g.key] = rateOf(ericssonRows.filter(g.pred), acknowledges);

  // Context-aware rules: firing by the strongest signal in the customer's message.
  const contextGroup = (x: Row): string => {
    if (x.r.context.trim() === '') return 'no context';
    for (const t of SIGNAL_TYPES) if (hasSignal(x, t)) return `${t} in context`;
    return 'no signal in context';
  };
  const contextKeys = ['crisis in context', 'distress in context', 'anger in context', 'confusion in context', 'no signal in context', 'no context'];
  const byContextGroups = contextKeys.map((key) => ({ key, n: replies.filter((x) => contextGroup(x) === key).length }));
  const byContextRates: Record<string, Record<string, Rate>> = {};
  const byContextHits: Record<string, string[]> = {};
  for (const rule of rules) {
    byContextRates[rule] = {};
    for (const key of contextKeys) byContextRates[rule][key] = rateOf(replies.filter((x) => contextGroup(x) === key), (x) => fires(x, rule));
    byContextHits[rule] = pickExamples(ids(replies, (x) => fires(x, rule) && contextGroup(x) !== 'no context'), EXAMPLES_PER_LIST);
  }

  // Scores per source and role.
  const scores = replyGroups.map((group) => {
    const values = replies.filter((x) => `${x.r.file}/${x.r.role}` === group.key).map((x) => x.o.score ?? 0);
    return {
      group,
      dist: distribution(values),
      high: rateOf(values, (v) => v >= HIGH_SCORE),
      low: rateOf(values, (v) => v < LOW_SCORE),
    };
  });

  // Crisis detection (issue 4).
  const crisis = (x: Row) => hasSignal(x, 'crisis');
  const sdcnl = customers.filter((x) => sdcnlSuicide(x.r) !== null);
  const suicidal = sdcnl.filter((x) => sdcnlSuicide(x.r) === true);
  const dreaddit = customers.filter((x) => dreadditStress(x.r) !== null);
  const calmDreaddit = dreaddit.filter((x) => dreadditStress(x.r) === false);
  const twcsCustomers = customers.filter((x) => isTwcsCustomer(x.r));
  const recallRate = rateOf(suicidal, crisis);
  const calmRate = rateOf(calmDreaddit, crisis);
  const twcsRate = rateOf(twcsCustomers, crisis);
  const pool = [...suicidal, ...calmDreaddit, ...twcsCustomers];
  const crisisSection = {
    rows: [
      { label: 'sdcnl-reddit is_suicide true (recall)', rate: recallRate, target: target('>=', CRISIS_RECALL_TARGET, recallRate.rate) },
      { label: 'dreaddit stress 0 (false alarms)', rate: calmRate, target: target('<=', CRISIS_FALSE_ALARM_TARGET, calmRate.rate) },
      { label: 'twcs customer tweets, both twcs files (false alarms)', rate: twcsRate, target: target('<=', CRISIS_FALSE_ALARM_TARGET, twcsRate.rate) },
      { label: 'sdcnl-reddit is_suicide false (depression posts; context only)', rate: rateOf(sdcnl.filter((x) => sdcnlSuicide(x.r) === false), crisis), target: null },
      { label: 'dreaddit stress 1 (context only)', rate: rateOf(dreaddit.filter((x) => dreadditStress(x.r) === true), crisis), target: null },
      { label: 'counsel-chat questions (context only)', rate: rateOf(customers.filter((x) => x.r.file === FILES.counselQuestions), crisis), target: null },
    ],
    pooled: detector('crisis', 'is_suicide true vs dreaddit stress 0 + twcs customers', pool, crisis, (x) => sdcnlSuicide(x.r) === true),
    misses: pickExamples(ids(suicidal, (x) => !crisis(x)), EXAMPLES_PER_LIST),
    falseAlarms: pickExamples(ids([...calmDreaddit, ...twcsCustomers], crisis), EXAMPLES_PER_LIST),
  };

  const distressOrCrisis = (x: Row) => hasSignal(x, 'distress') || hasSignal(x, 'crisis');
  const stressed = (x: Row) => dreadditStress(x.r) === true;
  const distress = [
    detector('distress', 'dreaddit stress', dreaddit, (x) => hasSignal(x, 'distress'), stressed),
    detector('distress or crisis', 'dreaddit stress', dreaddit, distressOrCrisis, stressed),
  ];

  // Hand-labelled gold.
  const goldReplies = all.filter((x) => x.o.kind === 'lint' && x.r.file === FILES.goldReplies);
  const goldReplyResults: GoldRuleResult[] = rules.map((rule) => {
    const labelled = goldReplies.filter((x) => goldReplyExpectation(x.r, rule) !== null);
    const first = labelled[0] ? goldReplyExpectation(labelled[0].r, rule) : null;
    if (!first) return { rule, label: null, inverse: false, pr: null, hits: [], misses: [], falseAlarms: [] };
    const expected = (x: Row) => goldReplyExpectation(x.r, rule)!.expected;
    const d = detector(rule, first.label, labelled, (x) => fires(x, rule), expected);
    return { rule, label: first.label, inverse: first.inverse, pr: d.pr, hits: d.hits, misses: d.misses, falseAlarms: d.falseAlarms };
  });
  const goldCustomers = all.filter((x) => x.o.kind === 'signals' && x.r.file === FILES.goldCustomers);
  const goldCustomerResults = [
    detector('crisis', 'crisis_signal', goldCustomers, crisis, (x) => goldCustomerLabel(x.r, 'crisis_signal') === true),
    detector('distress', 'distress', goldCustomers, (x) => hasSignal(x, 'distress'), (x) => goldCustomerLabel(x.r, 'distress') === true),
    detector('distress or crisis', 'distress', goldCustomers, distressOrCrisis, (x) => goldCustomerLabel(x.r, 'distress') === true),
  ];

  const esconvAckRows = replies.filter((x) => esconvAcknowledges(x.r) !== null);
  const apologyRows = ericssonRows.filter((x) => ericssonApologize(x.r) !== null);
  const goldAckRows = goldReplies.filter((x) => truthy(x.r.labels.acknowledges_feelings) !== null);
  const empathy = [
    detector('acknowledgement', 'ESConv acknowledging strategy (vs suggestion/information)', esconvAckRows, acknowledges, (x) => esconvAcknowledges(x.r) === true),
    detector('acknowledgement', 'ericsson Apologize', apologyRows, acknowledges, (x) => ericssonApologize(x.r) === true),
    detector('acknowledgement', 'gold acknowledges_feelings', goldAckRows, acknowledges, (x) => truthy(x.r.labels.acknowledges_feelings) === true),
  ];

  // Reader agreement on twcs brand-reply hits.
  const reviewSummaries = REVIEW_RULES.filter((rule) => rules.includes(rule)).map((rule) =>
    summarizeReview(rule, ids(twcs, (x) => fires(x, rule)), reviews),
  );

  const targets: TargetRow[] = [];
  const counted = (r: Rate) => `${r.k}/${r.n}`;
  for (const f of fpCeilings) {
    if (f.target) targets.push({ issue: 3, measure: `\`${f.rule}\` fires on brand replies`, observed: f.brand.rate, counts: counted(f.brand), target: f.target });
  }
  if (surrogate.present) {
    targets.push({ issue: 3, measure: '`surrogate-therapist` fires on counsel-chat answers', observed: counselRate.rate, counts: counted(counselRate), target: surrogate.target });
  }
  if (missingAction.present) {
    const c = maPr.confusion;
    targets.push({ issue: 3, measure: '`missing-action` separates ESConv acknowledgement-only from suggestion/information turns (accuracy)', observed: maPr.accuracy, counts: `${c.tp + c.tn}/${c.tp + c.fp + c.fn + c.tn}`, target: missingAction.target });
  }
  for (const r of reviewSummaries) {
    const observed = r.reviewed === 0 ? null : r.agreed / r.reviewed;
    const needed = Math.min(REVIEW_SAMPLE, r.hits);
    const met = r.status === 'met' ? true : r.status === 'missed' ? false : null;
    targets.push({
      issue: 3,
      measure: `\`${r.rule}\` brand-reply hits a reader agrees with`,
      observed: r.status === 'no hits' ? null : observed,
      counts: r.status === 'no hits' ? 'no hits' : `${r.agreed}/${r.reviewed} of ${needed} needed`,
      target: { op: '>=', value: REVIEW_TARGET, met },
      ...(r.status === 'no hits' ? { status: 'no hits to judge' } : {}),
    });
  }
  for (const r of crisisSection.rows) {
    if (r.target) targets.push({ issue: 4, measure: `crisis signal: ${r.label}`, observed: r.rate.rate, counts: counted(r.rate), target: r.target });
  }

  return {
    meta: { ...meta, files: [...meta.files] },
    targets,
    errors,
    firing: { groups: replyGroups, rates: firingRates },
    signalRates: { groups: customerGroups, rates: signalRates },
    fpCeilings,
    surrogate,
    missingAction,
    esconvStrategies: { strategies, rates: esconvRates, acknowledgement: esconvAck },
    ericsson: { groups: ericssonGroups, rates: ericssonRates, acknowledgement: ericssonAck },
    empathy,
    byContext: { groups: byContextGroups, rates: byContextRates, hitExamples: byContextHits },
    scores,
    crisis: crisisSection,
    distress,
    gold: { replies: goldReplyResults, customers: goldCustomerResults },
    reviews: reviewSummaries,
  };
}

// The evaluation harness's metric code, on small synthetic records written for these tests. Nothing
// here reads ../shared: the corpus is not on a user's machine.
import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accuracy,
  complement,
  confusion,
  f1,
  pct,
  precision,
  rate,
  rateCell,
  rateOf,
  recall,
  wilson,
} from '../src/eval/metrics.js';
import { distribution, histogram, mean, median } from '../src/eval/distribution.js';
import { compareIds, exampleOrder, pickExamples, stableHash } from '../src/eval/examples.js';
import { matchesSource, parseJsonl, readCorpusDir, type CorpusRecord } from '../src/eval/corpus.js';
import {
  FILES,
  annomiTherapistBehaviour,
  ericssonApologize,
  esconvAcknowledges,
  esconvStrategy,
  goldCustomerLabel,
  goldReplyExpectation,
  isBrandReply,
  isCounselAnswer,
  isTwcsCustomer,
  missingActionExpected,
  needsLint,
  needsSignals,
  sdcnlSuicide,
  dreadditStress,
  truthy,
} from '../src/eval/select.js';
import { emptyReviews, parseReviews, summarizeReview } from '../src/eval/reviews.js';
import { evaluate, type EvalMeta } from '../src/eval/evaluate.js';
import { renderMarkdown } from '../src/eval/render.js';
import { findLeaks, shingles } from '../src/eval/leaks.js';
import { runTask, runTasks, toTask, type Outcome } from '../src/eval/run.js';
import type { Rule, SignalType } from '../src/core/types.js';

function rec(partial: Partial<CorpusRecord> & Pick<CorpusRecord, 'id' | 'file'>): CorpusRecord {
  return { source: partial.file.split('__')[0]!, role: 'agent', text: 'placeholder reply', labels: {}, context: '', ...partial };
}

describe('precision, recall and friends', () => {
  it('counts a confusion matrix', () => {
    const items = [
      { p: true, a: true },
      { p: true, a: false },
      { p: false, a: true },
      { p: false, a: false },
      { p: false, a: false },
    ];
    expect(confusion(items, (x) => x.p, (x) => x.a)).toEqual({ tp: 1, fp: 1, fn: 1, tn: 2 });
  });

  it('returns null, not NaN or 0, when a denominator is empty', () => {
    const none = { tp: 0, fp: 0, fn: 0, tn: 0 };
    expect(precision(none)).toBeNull();
    expect(recall(none)).toBeNull();
    expect(f1(none)).toBeNull();
    expect(accuracy(none)).toBeNull();
    // Never fires, but there were positives: recall 0, precision undefined.
    const silent = { tp: 0, fp: 0, fn: 3, tn: 5 };
    expect(precision(silent)).toBeNull();
    expect(recall(silent)).toBe(0);
    expect(f1(silent)).toBeNull();
    expect(accuracy(silent)).toBe(5 / 8);
  });

  it('gives F1 0 when both precision and recall are 0', () => {
    expect(f1({ tp: 0, fp: 2, fn: 2, tn: 0 })).toBe(0);
  });

  it('computes precision, recall and F1', () => {
    const c = { tp: 6, fp: 2, fn: 4, tn: 8 };
    expect(precision(c)).toBeCloseTo(0.75, 10);
    expect(recall(c)).toBeCloseTo(0.6, 10);
    expect(f1(c)).toBeCloseTo((2 * 0.75 * 0.6) / 1.35, 10);
  });
});

describe('Wilson interval', () => {
  it('matches reference values', () => {
    const half = wilson(5, 10)!;
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const low = wilson(1, 100)!;
    expect(low.low).toBeCloseTo(0.00177, 4);
    expect(low.high).toBeCloseTo(0.05449, 4);
  });

  it('stays inside [0, 1] with exact ends at 0% and 100%', () => {
    const zero = wilson(0, 10)!;
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
    const all = wilson(10, 10)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.7225, 4);
  });

  it('is null for no trials and rejects impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
    expect(() => wilson(0.5, 2)).toThrow(RangeError);
  });

  it('shrinks as the sample grows', () => {
    const small = wilson(5, 50)!;
    const big = wilson(50, 500)!;
    expect(big.high - big.low).toBeLessThan(small.high - small.low);
  });

  it('builds rates, complements and cells', () => {
    expect(rate(0, 0)).toEqual({ k: 0, n: 0, rate: null, low: null, high: null });
    const r = rate(1, 4);
    expect(r.rate).toBe(0.25);
    const c = complement(r);
    expect(c.k).toBe(3);
    expect(c.low).toBeCloseTo(1 - r.high!, 10);
    expect(rateOf([1, 2, 3, 4], (x) => x % 2 === 0)).toMatchObject({ k: 2, n: 4, rate: 0.5 });
    expect(rateCell(rate(0, 0))).toBe('n/a (0 rows)');
    expect(rateCell(rate(1, 4))).toMatch(/^25\.0% \(1\/4; \d+\.\d%–\d+\.\d%\)$/);
    expect(pct(null)).toBe('n/a');
    expect(pct(0.12345)).toBe('12.3%');
  });
});

describe('score distribution', () => {
  it('puts 100 in the last bucket and clamps out-of-range scores', () => {
    const b = histogram([0, 9, 10, 55, 99, 100, 120, -5]);
    expect(b).toHaveLength(10);
    expect(b[0]).toMatchObject({ label: '0–9', count: 3 });
    expect(b[1]!.count).toBe(1);
    expect(b[5]!.count).toBe(1);
    expect(b[9]).toMatchObject({ label: '90–100', from: 90, to: 100, count: 3 });
    expect(b.reduce((s, x) => s + x.count, 0)).toBe(8);
  });

  it('supports other bucket widths and rejects ones that do not divide 100', () => {
    expect(histogram([50], 25).map((x) => x.count)).toEqual([0, 0, 1, 0]);
    expect(() => histogram([], 30)).toThrow(RangeError);
    expect(() => histogram([], 0)).toThrow(RangeError);
  });

  it('computes median and mean, null when empty', () => {
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    const d = distribution([100, 92, 40]);
    expect(d).toMatchObject({ n: 3, median: 92 });
    expect(d.mean).toBeCloseTo(77.333, 2);
  });
});

describe('example ids', () => {
  it('hashes with 32-bit FNV-1a', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('foobar')).toBe(0xbf9cf968);
  });

  it('picks the same ids whatever the input order, without duplicates', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `row-${i}`);
    const a = pickExamples(ids, 10);
    const b = pickExamples([...ids].reverse().concat(ids.slice(0, 5)), 10);
    expect(a).toEqual(b);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect(pickExamples(ids, 0)).toEqual([]);
    expect(pickExamples(['only'], 10)).toEqual(['only']);
  });

  it('keeps a chosen id chosen when other candidates drop out', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `case-${i}`);
    const first = exampleOrder(ids)[0]!;
    const fewer = ids.filter((id, i) => id === first || i % 3 === 0);
    expect(pickExamples(fewer, 1)).toEqual([first]);
  });

  it('compares ids in natural order', () => {
    expect(['t-10', 't-9', 't-100'].sort(compareIds)).toEqual(['t-9', 't-10', 't-100']);
  });
});

describe('corpus loading', () => {
  it('parses JSONL, skipping blank lines and defaulting missing fields', () => {
    const text = [
      JSON.stringify({ id: 'a1', source: 'demo', role: 'agent', text: 'We have reset it.', labels: { x: 1 }, context: 'It broke.' }),
      '',
      JSON.stringify({ id: 'a2', text: 'Sent.' }),
      '',
    ].join('\n');
    const recs = parseJsonl(text, 'demo__file');
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({ id: 'a1', source: 'demo', role: 'agent', file: 'demo__file', context: 'It broke.' });
    expect(recs[1]).toMatchObject({ id: 'a2', source: 'demo__file', role: 'unknown', labels: {}, context: '' });
  });

  it('names the file and line of a malformed record', () => {
    expect(() => parseJsonl('{"id":"a","text":"ok"}\n{oops', 'bad')).toThrow(/^bad:2: not valid JSON/);
    expect(() => parseJsonl('{"id":3,"text":"x"}', 'bad')).toThrow(/^bad:1: expected an object/);
  });

  it('reads every .jsonl of a folder in name order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-eval-'));
    try {
      writeFileSync(join(dir, 'zeta__b.jsonl'), '{"id":"z1","text":"one"}\n{"id":"z2","text":"two"}\n');
      writeFileSync(join(dir, 'alpha__a.jsonl'), '{"id":"a1","text":"three","source":"alpha","role":"customer"}\n');
      writeFileSync(join(dir, 'notes.md'), 'ignored');
      const c = readCorpusDir(dir);
      expect(c.files).toEqual([
        { name: 'alpha__a', rows: 1 },
        { name: 'zeta__b', rows: 2 },
      ]);
      expect(c.records.map((r) => r.id)).toEqual(['a1', 'z1', 'z2']);
      expect(matchesSource(c.records[0]!, 'alpha')).toBe(true);
      expect(matchesSource(c.records[0]!, 'alpha__a.jsonl')).toBe(true);
      expect(matchesSource(c.records[0]!, 'alpha/customer')).toBe(true);
      expect(matchesSource(c.records[0]!, 'alpha/agent')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('selection of records per measure', () => {
  it('reads labels in their several spellings', () => {
    expect([true, 1, '1', 'True', 'yes'].map(truthy)).toEqual([true, true, true, true, true]);
    expect([false, 0, '0', 'False', 'no'].map(truthy)).toEqual([false, false, false, false, false]);
    expect([null, undefined, 'maybe', 2].map(truthy)).toEqual([null, null, null, null]);
  });

  it('takes brand replies from twcs agents and macro libraries only', () => {
    expect(isBrandReply(rec({ id: 'b1', file: FILES.twcs, role: 'agent' }))).toBe(true);
    expect(isBrandReply(rec({ id: 'b2', file: FILES.twcs, role: 'customer' }))).toBe(false);
    expect(isBrandReply(rec({ id: 'b3', file: FILES.macros, role: 'agent' }))).toBe(true);
    expect(isBrandReply(rec({ id: 'b4', file: FILES.ericsson, role: 'agent' }))).toBe(false);
    expect(isBrandReply(rec({ id: 'b5', file: FILES.goldReplies, source: 'twcs', role: 'agent' }))).toBe(false);
  });

  it('takes therapist text for surrogate-therapist recall', () => {
    expect(isCounselAnswer(rec({ id: 'c1', file: FILES.counselAnswers, role: 'therapist' }))).toBe(true);
    expect(isCounselAnswer(rec({ id: 'c2', file: FILES.counselQuestions, role: 'customer' }))).toBe(false);
    const annomi = (b: string, role = 'therapist') => rec({ id: 'm', file: FILES.annomi, role, labels: { main_therapist_behaviour: b } });
    expect(annomiTherapistBehaviour(annomi('reflection'))).toBe('reflection');
    expect(annomiTherapistBehaviour(annomi('therapist_input'))).toBe('therapist_input');
    expect(annomiTherapistBehaviour(annomi('question'))).toBeNull();
    expect(annomiTherapistBehaviour(annomi('reflection', 'customer'))).toBeNull();
  });

  it('splits ESConv supporter turns for missing-action and acknowledgement', () => {
    const turn = (strategy: unknown, role = 'supporter') => rec({ id: 'e', file: FILES.esconv, role, labels: { strategy } });
    expect(missingActionExpected(turn('Reflection of feelings'))).toBe(true);
    expect(missingActionExpected(turn('Affirmation and Reassurance'))).toBe(true);
    expect(missingActionExpected(turn('Providing Suggestions'))).toBe(false);
    expect(missingActionExpected(turn('Information'))).toBe(false);
    expect(missingActionExpected(turn('Question'))).toBeNull();
    expect(missingActionExpected(turn('Restatement or Paraphrasing'))).toBeNull();
    expect(missingActionExpected(turn('Information', 'customer'))).toBeNull();
    // A turn with several strategies is not "labelled only" one of them.
    expect(esconvStrategy(turn(['Information', 'Question']))).toBeNull();
    expect(esconvStrategy(turn(['Information']))).toBe('Information');
    expect(esconvAcknowledges(turn('Restatement or Paraphrasing'))).toBe(true);
    expect(esconvAcknowledges(turn('Providing Suggestions'))).toBe(false);
    expect(esconvAcknowledges(turn('Self-disclosure'))).toBeNull();
  });

  it('reads the ericsson Apologize label only where the scheme has it', () => {
    const withLabel = rec({ id: 'r1', file: FILES.ericsson, role: 'agent', labels: { categories: { Apologize: true, 'Provide URL': false } } });
    const otherScheme = rec({ id: 'r2', file: FILES.ericsson, role: 'agent', labels: { categories: { 'Request DM': true } } });
    expect(ericssonApologize(withLabel)).toBe(true);
    expect(ericssonApologize(otherScheme)).toBeNull();
    expect(ericssonApologize(rec({ id: 'r3', file: FILES.ericsson, role: 'customer', labels: { categories: { Apologize: true } } }))).toBeNull();
  });

  it('selects customer messages for the crisis and distress measures', () => {
    expect(sdcnlSuicide(rec({ id: 's', file: FILES.sdcnl, role: 'customer', labels: { is_suicide: 1 } }))).toBe(true);
    expect(sdcnlSuicide(rec({ id: 's', file: FILES.sdcnl, role: 'customer', labels: { is_suicide: 0 } }))).toBe(false);
    expect(dreadditStress(rec({ id: 'd', file: FILES.dreaddit, role: 'customer', labels: { stress: 0 } }))).toBe(false);
    expect(dreadditStress(rec({ id: 'd', file: FILES.sdcnl, role: 'customer', labels: { stress: 0 } }))).toBeNull();
    expect(isTwcsCustomer(rec({ id: 't', file: FILES.ericsson, role: 'customer' }))).toBe(true);
    expect(isTwcsCustomer(rec({ id: 't', file: FILES.twcs, role: 'agent' }))).toBe(false);
    expect(goldCustomerLabel(rec({ id: 'g', file: FILES.goldCustomers, role: 'customer', labels: { crisis_signal: true } }), 'crisis_signal')).toBe(true);
  });

  it('maps rules to gold labels, with missing-acknowledgement inverted and context-only', () => {
    const labels = { over_apology: false, formulaic_empathy: true, acknowledges_feelings: true };
    const withContext = rec({ id: 'g1', file: FILES.goldReplies, labels, context: 'My parcel never came.' });
    const without = rec({ id: 'g2', file: FILES.goldReplies, labels: { acknowledges_feelings: false } });
    expect(goldReplyExpectation(withContext, 'empathy-phrasing')).toEqual({ label: 'formulaic_empathy', inverse: false, expected: true });
    expect(goldReplyExpectation(withContext, 'over-apology')).toEqual({ label: 'over_apology', inverse: false, expected: false });
    expect(goldReplyExpectation(withContext, 'missing-acknowledgement')).toEqual({ label: 'acknowledges_feelings', inverse: true, expected: false });
    expect(goldReplyExpectation(without, 'missing-acknowledgement')).toBeNull();
    expect(goldReplyExpectation(withContext, 'tone-mismatch')).toBeNull();
    expect(goldReplyExpectation(withContext, 'missing-action')).toBeNull(); // label absent on this record
    expect(goldReplyExpectation(rec({ id: 'x', file: FILES.twcs, labels }), 'empathy-phrasing')).toBeNull();
  });

  it('lints replies and analyses customer messages, skipping chat customer turns by default', () => {
    expect(needsLint(rec({ id: 'a', file: FILES.twcs, role: 'agent' }))).toBe(true);
    expect(needsLint(rec({ id: 'a', file: FILES.twcs, role: 'customer' }))).toBe(false);
    expect(needsSignals(rec({ id: 'a', file: FILES.twcs, role: 'customer' }))).toBe(true);
    expect(needsSignals(rec({ id: 'a', file: FILES.esconv, role: 'customer' }))).toBe(false);
    expect(needsSignals(rec({ id: 'a', file: FILES.esconv, role: 'customer' }), true)).toBe(true);
    expect(needsSignals(rec({ id: 'a', file: FILES.esconv, role: 'supporter' }), true)).toBe(false);
  });
});

describe('reader reviews', () => {
  it('validates the reviews file', () => {
    expect(parseReviews({ 'over-apology': { reviewed: [{ id: 'x', agree: true, why: 'two apologies' }] } })).toEqual({
      'over-apology': { reviewed: [{ id: 'x', agree: true, why: 'two apologies' }] },
    });
    expect(() => parseReviews([])).toThrow(/expected an object/);
    expect(() => parseReviews({ r: {} })).toThrow(/r\.reviewed: expected an array/);
    expect(() => parseReviews({ r: { reviewed: [{ id: 'x', agree: 'yes' }] } })).toThrow(/r\.reviewed\[0\]/);
    expect(emptyReviews(['a', 'b'])).toEqual({ a: { reviewed: [] }, b: { reviewed: [] } });
  });

  it('counts agreement on current hits and flags stale verdicts', () => {
    const hits = Array.from({ length: 25 }, (_, i) => `h${i}`);
    const sample = exampleOrder(hits).slice(0, 20);
    const reviewed = sample.map((id, i) => ({ id, agree: i % 5 !== 0 }));
    reviewed.push({ id: 'gone', agree: true });
    const s = summarizeReview('blame-shifting', hits, { 'blame-shifting': { reviewed } });
    expect(s.sample).toEqual(sample);
    expect(s.reviewed).toBe(20);
    expect(s.agreed).toBe(16);
    expect(s.stale).toEqual(['gone']);
    expect(s.pending).toEqual([]);
    expect(s.status).toBe('met');
  });

  it('reports pending, missed and no-hit states', () => {
    const hits = ['a', 'b', 'c'];
    expect(summarizeReview('r', hits, {}).status).toBe('pending');
    expect(summarizeReview('r', hits, {}).pending).toHaveLength(3);
    const missed = summarizeReview('r', hits, { r: { reviewed: hits.map((id) => ({ id, agree: id === 'a' })) } });
    expect(missed).toMatchObject({ reviewed: 3, agreed: 1, status: 'missed' });
    expect(summarizeReview('r', [], {}).status).toBe('no hits');
  });
});

describe('evaluate and render', () => {
  // Synthetic records in the shape of the corpus files, with outcomes set by hand so each measure's
  // arithmetic can be checked exactly.
  const SECRET = 'zebra-lantern-quartz';
  function fixture() {
    const records: CorpusRecord[] = [];
    const outcomes: Outcome[] = [];
    const add = (r: CorpusRecord, fired: string[], extra: Partial<Outcome> = {}) => {
      const kind = ['agent', 'therapist', 'supporter'].includes(r.role) ? 'lint' : 'signals';
      outcomes.push({
        index: records.length,
        kind,
        score: kind === 'lint' ? 100 - fired.length * 8 : null,
        fired: Object.fromEntries(fired.map((f) => [f, 1])),
        messages: Object.fromEntries(fired.map((f) => [`${f}/${f === 'over-apology' && records.length % 2 === 0 ? 'stacked' : 'found'}`, 1])),
        signals: [],
        acknowledges: kind === 'lint' ? false : null,
        ...extra,
      });
      records.push(r);
    };
    for (let i = 0; i < 20; i++) add(rec({ id: `tw-${i}`, file: FILES.twcs, role: 'agent', text: `${SECRET} ${i}` }), i < 2 ? ['over-apology'] : []);
    for (let i = 0; i < 5; i++) add(rec({ id: `mac-${i}`, file: FILES.macros, role: 'agent' }), i === 0 ? ['surrogate-therapist'] : []);
    for (let i = 0; i < 10; i++) add(rec({ id: `cc-${i}`, file: FILES.counselAnswers, role: 'therapist' }), i < 9 ? ['surrogate-therapist'] : []);
    const strategies = ['Reflection of feelings', 'Affirmation and Reassurance', 'Providing Suggestions', 'Information'];
    strategies.forEach((s, j) => {
      for (let i = 0; i < 5; i++) {
        const shouldFire = j < 2;
        const fires = shouldFire ? i < 4 : i < 1;
        add(rec({ id: `es-${j}-${i}`, file: FILES.esconv, role: 'supporter', labels: { strategy: s } }), fires ? ['missing-action'] : [], {
          acknowledges: shouldFire && i < 3,
        });
      }
    });
    const sig = (types: SignalType[]) => ({ signals: types });
    for (let i = 0; i < 10; i++) add(rec({ id: `sd-${i}`, file: FILES.sdcnl, role: 'customer', labels: { is_suicide: 1 } }), [], sig(i < 9 ? ['crisis'] : []));
    for (let i = 0; i < 10; i++) add(rec({ id: `dr-${i}`, file: FILES.dreaddit, role: 'customer', labels: { stress: i < 5 ? 1 : 0 } }), [], sig(i < 3 ? ['distress'] : i === 9 ? ['crisis'] : []));
    for (let i = 0; i < 4; i++) add(rec({ id: `tc-${i}`, file: FILES.twcs, role: 'customer' }), [], sig([]));
    add(rec({ id: 'g-1', file: FILES.goldReplies, source: 'twcs', labels: { over_apology: true, acknowledges_feelings: false }, context: 'It failed again.' }), ['over-apology', 'missing-acknowledgement']);
    add(rec({ id: 'g-2', file: FILES.goldReplies, source: 'twcs', labels: { over_apology: false, acknowledges_feelings: true }, context: 'Still waiting.' }), ['over-apology']);
    add(rec({ id: 'g-3', file: FILES.goldReplies, source: 'twcs', labels: { over_apology: true, acknowledges_feelings: true } }), []);
    add(rec({ id: 'q-1', file: FILES.annomi, role: 'therapist', labels: { main_therapist_behaviour: 'question' }, context: 'A hard week.' }), ['tone-mismatch'], sig(['crisis', 'distress']));
    add(rec({ id: 'q-2', file: FILES.annomi, role: 'therapist', labels: { main_therapist_behaviour: 'question' }, context: 'Fine thanks.' }), [], sig([]));
    add(rec({ id: 'crash-1', file: FILES.twcs, role: 'agent' }), ['over-apology'], { error: 'rule "over-apology" crashed: boom' });
    return { records, outcomes };
  }
  const meta: EvalMeta = {
    date: '2026-01-02',
    version: '9.9.9',
    command: 'npm run eval',
    files: [{ name: 'synthetic', rows: 1 }],
    rules: ['over-apology', 'missing-action', 'surrogate-therapist', 'missing-acknowledgement', 'tone-mismatch'],
  };

  it('computes every measure from the outcomes', () => {
    const { records, outcomes } = fixture();
    const rep = evaluate({ meta, records, outcomes, reviews: {} });

    expect(rep.errors).toMatchObject({ count: 1, byMessage: [{ count: 1, ids: ['crash-1'] }] });

    const oa = rep.fpCeilings.find((f) => f.rule === 'over-apology')!;
    expect(oa.twcs).toMatchObject({ k: 2, n: 20 }); // the crashed record is not counted
    expect(oa.brand).toMatchObject({ k: 2, n: 25 });
    expect(oa.target).toEqual({ op: '<=', value: 0.05, met: false });
    // tw-0 and tw-1 are the two brand hits; their messageIds alternate with the record index.
    expect(oa.byMessage).toEqual([
      { messageId: 'found', replies: 1 },
      { messageId: 'stacked', replies: 1 },
    ]);
    const st = rep.fpCeilings.find((f) => f.rule === 'surrogate-therapist')!;
    expect(st.macros).toMatchObject({ k: 1, n: 5 });
    expect(st.target?.met).toBe(false);
    expect(rep.fpCeilings.find((f) => f.rule === 'tone-mismatch')!.target).toBeNull();

    expect(rep.surrogate.rows[0]!.rate).toMatchObject({ k: 9, n: 10 });
    expect(rep.surrogate.target.met).toBe(true);
    expect(rep.surrogate.misses).toEqual(['cc-9']);

    const ma = rep.missingAction;
    expect(ma.shouldFire).toMatchObject({ k: 8, n: 10 });
    expect(ma.shouldNotFire).toMatchObject({ k: 2, n: 10 });
    expect(ma.pr.confusion).toEqual({ tp: 8, fp: 2, fn: 2, tn: 8 });
    expect(ma.pr.accuracy).toBe(0.8);
    expect(ma.balancedAccuracy).toBe(0.8);
    expect(ma.target.met).toBe(true);
    expect(ma.rows.map((r) => r.rate.k)).toEqual([4, 4, 1, 1]);

    expect(rep.esconvStrategies.acknowledgement['Reflection of feelings']).toMatchObject({ k: 3, n: 5 });
    const esAck = rep.empathy.find((d) => d.label.startsWith('ESConv'))!;
    expect(esAck.pr.confusion).toEqual({ tp: 6, fp: 0, fn: 4, tn: 10 });

    const [recallRow, calmRow, twcsRow] = rep.crisis.rows;
    expect(recallRow!.rate).toMatchObject({ k: 9, n: 10 });
    expect(recallRow!.target?.met).toBe(false);
    expect(calmRow!.rate).toMatchObject({ k: 1, n: 5 });
    expect(twcsRow!.rate).toMatchObject({ k: 0, n: 4 });
    expect(rep.crisis.pooled.pr.confusion).toEqual({ tp: 9, fp: 1, fn: 1, tn: 8 });
    expect(rep.crisis.misses).toEqual(['sd-9']);
    expect(rep.crisis.falseAlarms).toEqual(['dr-9']);
    expect(rep.distress[0]!.pr.confusion).toEqual({ tp: 3, fp: 0, fn: 2, tn: 5 });

    const goldOa = rep.gold.replies.find((g) => g.rule === 'over-apology')!;
    expect(goldOa.pr?.confusion).toEqual({ tp: 1, fp: 1, fn: 1, tn: 0 });
    expect(goldOa.hits).toEqual(['g-1']);
    expect(goldOa.falseAlarms).toEqual(['g-2']);
    expect(goldOa.misses).toEqual(['g-3']);
    const goldMa = rep.gold.replies.find((g) => g.rule === 'missing-acknowledgement')!;
    expect(goldMa.inverse).toBe(true);
    expect(goldMa.pr?.confusion).toEqual({ tp: 1, fp: 0, fn: 0, tn: 1 }); // g-3 has no context
    expect(rep.gold.replies.find((g) => g.rule === 'tone-mismatch')!.pr).toBeNull();

    // Gold records are measured only against gold, not in the per-source tables.
    expect(rep.firing.groups.map((g) => g.file)).not.toContain(FILES.goldReplies);
    expect(rep.reviews.map((r) => r.rule)).toEqual(['over-apology']);

    // Scores: fixture replies score 100 minus 8 per rule fired.
    const twScores = rep.scores.find((x) => x.group.file === FILES.twcs && x.group.role === 'agent')!;
    expect(twScores.dist).toMatchObject({ n: 20, median: 100 });
    expect(twScores.high).toMatchObject({ k: 20, n: 20 });
    expect(twScores.low).toMatchObject({ k: 0, n: 20 });

    // One summary row per target, with its counts.
    expect(rep.targets.map((t) => [t.issue, t.target.met, t.counts])).toEqual([
      [3, false, '2/25'], // over-apology
      [3, true, '0/25'], // missing-action
      [3, false, '1/25'], // surrogate-therapist
      [3, true, '9/10'], // surrogate-therapist recall
      [3, true, '16/20'], // missing-action accuracy
      [3, null, '0/0 of 2 needed'], // over-apology reviews
      [4, false, '9/10'],
      [4, false, '1/5'],
      [4, true, '0/4'],
    ]);

    // Replies grouped by the strongest signal in the message they answer.
    const tm = rep.byContext.rates['tone-mismatch']!;
    expect(tm['crisis in context']).toMatchObject({ k: 1, n: 1 });
    expect(tm['distress in context']).toMatchObject({ k: 0, n: 0 });
    expect(tm['no signal in context']).toMatchObject({ k: 0, n: 1 });
    expect(rep.byContext.groups.find((g) => g.key === 'no context')!.n).toBe(20 + 5 + 10 + 20);
    expect(rep.byContext.hitExamples['tone-mismatch']).toEqual(['q-1']);
    expect(rep.reviews[0]).toMatchObject({ hits: 2, status: 'pending' });
  });

  it('renders the same Markdown whatever the record order, with ids but no record text', () => {
    const { records, outcomes } = fixture();
    const md = renderMarkdown(evaluate({ meta, records, outcomes, reviews: {} }));
    const order = records.map((_, i) => i).reverse();
    const md2 = renderMarkdown(
      evaluate({
        meta,
        records: order.map((i) => records[i]!),
        outcomes: order.map((i, j) => ({ ...outcomes[i]!, index: j })),
        reviews: {},
      }),
    );
    expect(md2).toBe(md);
    expect(md).not.toContain(SECRET);
    expect(md).toContain('Generated 2026-01-02 with attune 9.9.9 by `npm run eval`');
    expect(md).toContain('`tw-');
    expect(md).toMatch(/\| `over-apology` \| 10\.0% \(2\) \| 0\.0% \(0\) \| 8\.0% \(2\/25; [\d.]+%–[\d.]+%\) \| <= 5% \| missed by 3\.0 pts \|/);
    expect(md).toContain('## Crashes');
  });

  it('leaves out what was not run', () => {
    const { records } = fixture();
    const rep = evaluate({ meta, records, outcomes: [], reviews: {} });
    expect(rep.fpCeilings[0]!.brand).toMatchObject({ k: 0, n: 0, rate: null });
    expect(rep.fpCeilings[0]!.target?.met).toBeNull();
    expect(renderMarkdown(rep)).toContain('n/a (0 rows)');
  });
});

describe('running attune over records', () => {
  // Rules written for this test, so the harness is checked independently of the built-ins' state.
  const meta = (id: string) => ({
    id,
    category: 'tone' as const,
    defaultSeverity: 'warn' as const,
    description: 'A rule used only by the harness tests.',
    docs: `rules/${id}.md`,
    messages: { found: 'Found "{{word}}" in the reply.' },
    fixable: false,
    hasSuggestions: false,
  });
  const wordRule: Rule = {
    meta: meta('word-bother'),
    check({ doc, report }) {
      for (const m of doc.lower.matchAll(/\bbother\b/g)) report({ messageId: 'found', data: { word: 'bother' }, start: m.index, end: m.index + 6 });
    },
  };
  const offRule: Rule = { meta: { ...meta('word-off'), defaultSeverity: 'off' }, check: wordRule.check };
  const crashRule: Rule = {
    meta: meta('always-crash'),
    check() {
      throw new Error('synthetic failure');
    },
  };
  const reply = rec({ id: 'r1', file: FILES.twcs, text: 'Sorry to bother you. No bother at all, the refund is on its way.', context: 'You charged me twice.' });
  const customer = rec({ id: 'c1', file: FILES.twcs, role: 'customer', text: 'You charged me twice this month.' });

  it('counts findings per rule and scores only rules that are on by default', () => {
    const [a, b] = runTasks([toTask(reply, 0, 'lint'), toTask(customer, 1, 'signals')], { rules: [wordRule, offRule] });
    expect(a).toMatchObject({ index: 0, kind: 'lint', fired: { 'word-bother': 2, 'word-off': 2 } });
    expect(a!.error).toBeUndefined();
    expect(a!.hits).toBeUndefined();
    // Two warnings from the default-on rule; the default-off rule is measured but not scored.
    expect(a!.score).toBe(100 - 2 * 8);
    expect(b).toMatchObject({ index: 1, kind: 'signals', score: null, fired: {}, acknowledges: null });
    expect(Array.isArray(b!.signals)).toBe(true);
  });

  it('keeps finding text only when asked, and only for the selected rules', () => {
    const focused = runTask(toTask(reply, 0, 'lint'), { keepHits: true, ruleIds: ['word-bother'], rules: [wordRule, offRule] });
    expect(focused.messages).toEqual({ 'word-bother/found': 2 });
    expect(focused.hits?.map((h) => [h.rule, h.text, h.line, h.column])).toEqual([
      ['word-bother', 'bother', 1, 10],
      ['word-bother', 'bother', 1, 25],
    ]);
    expect(Object.keys(focused.fired)).toEqual(['word-bother']);
    expect(() => runTask(toTask(reply, 0, 'lint'), { ruleIds: ['no-such-rule'], rules: [wordRule] })).toThrow(/unknown rule id/);
  });

  it('times each rule and the whole task when asked', () => {
    const timings: Record<string, number> = {};
    const [a] = runTasks([toTask(reply, 0, 'lint')], { rules: [wordRule, offRule], timings });
    expect(a!.fired['word-bother']).toBe(2); // the timing wrapper keeps the rule's behaviour
    expect(Object.keys(timings).sort()).toEqual(['(total)', 'word-bother', 'word-off']);
    expect(timings['(total)']!).toBeGreaterThanOrEqual(timings['word-bother']! + timings['word-off']!);
  });

  it('records a crash against the record instead of stopping the run', () => {
    const [a, b] = runTasks([toTask(reply, 0, 'lint'), toTask(reply, 1, 'lint')], { rules: [crashRule] });
    expect(a!.error).toBe('rule "always-crash" crashed: synthetic failure');
    expect(a).toMatchObject({ score: null, fired: {} });
    expect(b!.index).toBe(1);
  });
});

describe('corpus-copy guard', () => {
  it('makes word runs, folding case, punctuation and curly apostrophes, with the line they start on', () => {
    expect(shingles('One two, THREE.\nfour’s five', 3)).toEqual([
      { key: 'one two three', line: 1 },
      { key: "two three four's", line: 1 },
      { key: "three four's five", line: 1 },
    ]);
    expect(shingles('too short', 3)).toEqual([]);
  });

  it('finds an eight-word run a file shares with a record, once per line, with up to three ids', () => {
    const shared = 'the purple kettle sang loudly over seven quiet hills';
    const files = [
      { path: 'b.md', text: `intro line\nWe wrote: "${shared}" here.` },
      { path: 'a.yaml', text: 'purple kettle sang loudly over seven quiet' }, // seven words: not a leak
    ];
    const records = ['r1', 'r2', 'r3', 'r4'].map((id) => ({ id, text: `Earlier, ${shared.toUpperCase()}!` }));
    const leaks = findLeaks(files, records);
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({ file: 'b.md', line: 2, ids: ['r1', 'r2', 'r3'] });
    expect(leaks[0]!.words.split(' ')).toHaveLength(8);
    expect(findLeaks(files, [{ id: 'x', text: 'nothing in common at all with any file text here' }])).toEqual([]);
  });

  it('checks the context a record answers too', () => {
    const text = 'a b c d e f g h';
    expect(findLeaks([{ path: 'f.txt', text }], [{ id: 'c1', text: 'unrelated', context: text }])).toHaveLength(1);
  });
});

describe('scripts/eval.mjs (spawned, built dist/, synthetic corpus)', () => {
  const ROOT = join(import.meta.dirname, '..');
  const SCRIPT = join(ROOT, 'scripts', 'eval.mjs');
  const run = (args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  const line = (o: object) => JSON.stringify(o);

  it('runs end to end on a small corpus and writes only ids', () => {
    if (!existsSync(join(ROOT, 'dist', 'eval', 'evaluate.js'))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.json` (npm test does)');
    const dir = mkdtempSync(join(tmpdir(), 'attune-eval-cli-'));
    try {
      const corpus = join(dir, 'corpus');
      mkdirSync(corpus);
      writeFileSync(
        join(corpus, `${FILES.twcs}.jsonl`),
        [
          line({ id: 'syn-1', source: 'twcs', role: 'agent', text: 'Quokka reply: I have reissued the refund; expect it within five days.', labels: {}, context: 'My refund has not arrived.' }),
          line({ id: 'syn-2', source: 'twcs', role: 'customer', text: 'Quokka question: where is my refund?', labels: {}, context: '' }),
        ].join('\n'),
      );
      const out = join(dir, 'EVAL.md');
      const r = run(['--corpus', corpus, '--out', out, '--jobs', '1']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/eval: 1 replies linted, 1 customer messages analysed in [\d.]+ s/);
      const md = readFileSync(out, 'utf8');
      expect(md).toContain(`| ${FILES.twcs}.jsonl | 2 |`);
      expect(md).not.toMatch(/quokka/i);

      const json = run(['--corpus', corpus, '--json', '--no-write']);
      expect(json.status).toBe(0);
      const rep = JSON.parse(json.stdout) as { meta: { files: unknown[] }; fpCeilings: Array<{ brand: { n: number } }> };
      expect(rep.meta.files).toEqual([{ name: FILES.twcs, rows: 2 }]);
      expect(rep.fpCeilings[0]!.brand.n).toBe(1);

      const bad = run(['--corpus', corpus, '--rule', 'no-such-rule', '--hits']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/unknown rule "no-such-rule"/);
      expect(run(['--corpus', corpus, '--hits']).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so and exits 0 when the corpus folder is absent', () => {
    const r = run(['--corpus', join(tmpdir(), 'attune-no-such-corpus-dir')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no corpus at .*nothing to measure/);
  });
});

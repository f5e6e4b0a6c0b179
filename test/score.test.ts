// The score formula: monotonic (a finding never raises a score), the boundaries-error cap and the
// crisis rules from issue 4 (safety dominates when the customer is in crisis, a failed
// crisis-response puts the score below 30).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreFindings, BOUNDARY_ERROR_CAP, CRISIS_FAIL_CAP } from '../src/core/score.js';
import { CATEGORIES, type Category, type Severity } from '../src/core/types.js';
import { lint } from '../src/index.js';

type F = { severity: Severity; category: Category; rule: string };
const finding = fc.record({
  severity: fc.constantFrom<Severity>('warning', 'error'),
  category: fc.constantFrom<Category>(...CATEGORIES),
  rule: fc.constantFrom('over-apology', 'missing-action', 'crisis-response', 'tone-mismatch', 'surrogate-therapist'),
});

describe('scoreFindings', () => {
  it('is 100 with no findings, crisis or not', () => {
    expect(scoreFindings({ findings: [] }).score).toBe(100);
    expect(scoreFindings({ findings: [], crisis: true }).score).toBe(100);
  });

  it('never rises when a finding is added (property)', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 12 }), finding, fc.boolean(), (base: F[], extra: F, crisis) => {
        const before = scoreFindings({ findings: base, crisis });
        const after = scoreFindings({ findings: [...base, extra], crisis });
        expect(after.score).toBeLessThanOrEqual(before.score);
        for (const c of CATEGORIES) expect(after.categories[c]).toBeLessThanOrEqual(before.categories[c]);
      }),
    );
  });

  it('stays within 0..100 (property)', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), fc.boolean(), (fs: F[], crisis) => {
        const { score, categories } = scoreFindings({ findings: fs, crisis });
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        for (const c of CATEGORIES) expect(categories[c]).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('caps a boundaries error below 50', () => {
    const r = scoreFindings({ findings: [{ severity: 'error', category: 'boundaries', rule: 'surrogate-therapist' }] });
    expect(r.score).toBeLessThan(50);
    expect(r.score).toBe(BOUNDARY_ERROR_CAP);
    // a boundaries warning does not trigger the cap
    expect(scoreFindings({ findings: [{ severity: 'warning', category: 'boundaries', rule: 'surrogate-therapist' }] }).score).toBeGreaterThanOrEqual(50);
  });

  it('puts a failed crisis-response below 30 when the customer is in crisis, even as a warning', () => {
    for (const severity of ['error', 'warning'] as const) {
      const r = scoreFindings({ findings: [{ severity, category: 'safety', rule: 'crisis-response' }], crisis: true });
      expect(r.score).toBeLessThan(30);
      expect(r.score).toBeLessThanOrEqual(CRISIS_FAIL_CAP);
    }
  });

  it('lets safety dominate in a crisis: the score is at most the safety category', () => {
    const findings: F[] = [{ severity: 'warning', category: 'safety', rule: 'custom-safety' }];
    const calm = scoreFindings({ findings });
    const crisis = scoreFindings({ findings, crisis: true });
    expect(crisis.score).toBeLessThanOrEqual(crisis.categories.safety);
    expect(crisis.score).toBeLessThan(calm.score);
  });

  it('does not cap other categories just because the customer is in crisis', () => {
    const r = scoreFindings({ findings: [{ severity: 'warning', category: 'tone', rule: 'tone-mismatch' }], crisis: true });
    expect(r.score).toBe(92);
  });
});

describe('score end to end', () => {
  const context = 'I have the pills right here and I just want it all to end.';
  it('a reply that ignores a crisis scores below 30', () => {
    const r = lint({ draft: 'Hi Sam,\n\nYour refund is on its way.', context });
    expect(r.findings.some((f) => f.rule === 'crisis-response')).toBe(true);
    expect(r.score).toBeLessThan(30);
  });
  it('a good crisis reply keeps a high score', () => {
    const r = lint({
      draft: "Hi Sam,\n\nI'm really glad you told us. Please call or text 988 now, or your local emergency number. I've passed your message to a member of our care team, who will call you today.",
      context,
    });
    expect(r.findings.filter((f) => f.category === 'safety')).toEqual([]);
    expect(r.score).toBeGreaterThanOrEqual(80);
  });
});

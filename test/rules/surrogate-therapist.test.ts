// surrogate-therapist: kinds, exemptions (referral, negation, quotes, practical support), options.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit } from '../../src/index.js';

function run(draft: string, options: Record<string, unknown> = {}) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'surrogate-therapist' ? 'error' : 'off';
  Object.assign(config.rules['surrogate-therapist']!.options, options);
  return lintUnit({ text: draft, file: 'draft.txt' }, { config, context: null }).findings.filter(
    (f) => f.rule === 'surrogate-therapist',
  );
}

describe('surrogate-therapist', () => {
  it.each([
    ['It sounds like you have generalised anxiety.', 'diagnosis'],
    ['That is a textbook symptom of depression.', 'diagnosis'],
    ['Try box breathing when the panic starts.', 'clinicalAdvice'],
    ['You could skip your meds on weekends.', 'clinicalAdvice'],
    ['This probably comes from your upbringing and your parents.', 'interpretation'],
    ['How did that make you feel?', 'counselling'],
  ])('flags %s as %s', (draft, messageId) => {
    const findings = run(draft);
    expect(findings.map((f) => f.messageId)).toContain(messageId);
    expect(findings.every((f) => f.severity === 'error' && f.category === 'boundaries')).toBe(true);
  });

  it('suggests acknowledging and referring', () => {
    const [f] = run('It sounds like you have social anxiety.');
    expect(f!.suggestions[0]!.text).toMatch(/therapist is the best person/);
    const [g] = run('It sounds like you have social anxiety.', { referral: 'Our care team can help; I can connect you today.' });
    expect(g!.suggestions[0]!.text).toBe('Our care team can help; I can connect you today.');
  });

  it.each([
    ['Your therapist or our clinical team can help with coping strategies.'],
    ["I can't give medical advice about your dose; please ask your prescriber."],
    ['I won’t diagnose anxiety, that is for your clinician.'],
    ['You wrote "it feels like a symptom of depression", so I flagged it to your care team.'],
    ['Your next session is booked for Monday. The app reminder goes out an hour before.'],
    ["I've refunded the copay for the therapy session that was cancelled."],
    ['We are sorry the app crashed during your appointment; I have credited the session.'],
  ])('accepts %s', (draft) => {
    expect(run(draft)).toEqual([]);
  });

  it('adds up weaker register words instead of firing on one', () => {
    expect(run("Sorry this week has been so stressful; I've moved your session to Friday.")).toEqual([]);
    expect(run('It sounds like you are feeling lonely and stuck.').map((f) => f.messageId)).toEqual(['counselling']);
  });

  it('fires on a counselling answer made only of register words', () => {
    const draft =
      'Your feelings of shame and loneliness matter. Many people carry old hurt from a difficult relationship with a parent, and healing takes time.';
    expect(run(draft).length).toBeGreaterThan(0);
    expect(run(draft, { threshold: 20 })).toEqual([]);
  });

  it('reports one finding per sentence, on its weightiest phrase', () => {
    const findings = run('It sounds like you have depression, and journaling can help with depression.');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.messageId).toBe('diagnosis');
  });
});

// missing-acknowledgement: distress, anger or crisis in the customer's message needs one
// acknowledging sentence somewhere in the reply.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit } from '../../src/core/linter.js';

function run(draft: string, context: string | null) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'missing-acknowledgement' ? 'warn' : 'off';
  return lintUnit({ text: draft, file: 'draft.txt' }, { config, context: context ? { text: context, file: 'ctx' } : null }).findings;
}

describe('missing-acknowledgement', () => {
  it.each([
    ['distress', "I'm panicking, my flight was cancelled and I have no money left.", 'panicking'],
    ['grief', 'My dad passed away and I need to close his account.', 'My dad passed away'],
    ['anger', "This is outrageous, I've been charged three times.", 'outrageous'],
    ['crisis', "I won't be around much longer, please cancel everything.", "won't be around much longer"],
  ])('flags a bare reply to %s and quotes the evidence', (_, context, evidence) => {
    const f = run('Hi Lee,\n\nThe account is updated. You will get an email.', context);
    expect(f.map((x) => [x.messageId, x.text])).toEqual([['missing', 'The account is updated.']]);
    expect(f[0]!.message).toContain(evidence);
    expect(f[0]!.category).toBe('empathy');
    expect(f[0]!.suggestions[0]!.text.length).toBeGreaterThan(10);
  });

  it('names anger as anger', () => {
    const [f] = run('Hi Lee,\n\nThe account is updated.', 'I am furious about this.');
    expect(f!.message).toContain('shows anger');
  });

  it.each([
    "I'm so sorry to hear about your dad.",
    'That sounds really stressful.',
    'I can understand why you are upset.',
    'I am so sorry for your loss.',
    'Thank you for telling us.',
    "I'm really glad you reached out.",
    'That sounds frightening.',
    'You must be so worried about the trip.',
    'I know this has been hard.',
  ])('accepts %j', (ack) => {
    expect(run(`Hi Lee,\n\n${ack} The account is updated.`, 'My dad passed away and I am devastated.')).toEqual([]);
  });

  it('stays silent without a signal or without context', () => {
    expect(run('Hi Lee,\n\nThe account is updated.', 'Can you update my address?')).toEqual([]);
    expect(run('Hi Lee,\n\nThe account is updated.', null)).toEqual([]);
    expect(run('Hi Lee,\n\nThe account is updated.', "I don't understand the new invoice.")).toEqual([]);
  });

  it('does not count a negated or quoted acknowledgement', () => {
    expect(run("Hi Lee,\n\nWe're not sorry to say the date moved.", "I'm devastated, the date moved again.").length).toBe(1);
    expect(run('Hi Lee,\n\nYou wrote "that sounds stressful" in your note; the date moved.', "I'm devastated, the date moved again.").length).toBe(1);
  });
});

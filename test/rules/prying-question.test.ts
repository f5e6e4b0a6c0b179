// prying-question: asks for sensitive detail are reported; statements, optional asks, provider and
// account questions, negations and quotes are not.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit } from '../../src/index.js';

function lintPrying(draft: string, options: Record<string, unknown> = {}) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'prying-question' ? 'warn' : 'off';
  Object.assign(config.rules['prying-question']!.options, options);
  return lintUnit({ text: draft, file: 'draft.txt' }, { config }).findings;
}

describe('prying-question', () => {
  it.each([
    ['What are you being treated for?', 'What are you being treated for'],
    ['Can you tell me more about what happened with your ex?', 'with your ex'],
    ['Have you been diagnosed with anything?', 'Have you been diagnosed'],
    ['Are you on any antidepressants right now?', 'Are you on any antidepressants'],
    ['Do you go to church on Sundays?', 'Do you go to church'],
    ['What is your visa status?', 'your visa status'],
    ['Is your divorce the reason for the change?', 'your divorce'],
    ['Were you ever traumatised as a child?', 'Were you ever traumatised'],
    ['Why did you start counselling?', 'Why did you start counselling'],
  ])('flags the ask in %j', (draft, text) => {
    const f = lintPrying(draft);
    expect(f).toHaveLength(1);
    expect(f[0]!.text).toBe(text);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.category).toBe('boundaries');
  });

  it('names the topic in the message and suggests asking only for what is needed', () => {
    const [f] = lintPrying('Are you taking any medication at the moment?');
    expect(f!.message).toContain('medication');
    expect(f!.suggestions.length).toBeGreaterThan(0);
    expect(f!.suggestions.map((s) => s.text).join(' ')).toMatch(/need|optional/i);
  });

  it('flags indirect requests without a question mark', () => {
    const f = lintPrying('Please tell me more about your diagnosis so we can pick the right plan.');
    expect(f.map((x) => x.text)).toEqual(['your diagnosis']);
    expect(lintPrying("I'd love to hear more about your marriage.")).toHaveLength(1);
  });

  it('treats a question mark without a following space as a question', () => {
    expect(lintPrying('How is your relationship going?Let us know.')).toHaveLength(1);
  });

  it.each([
    'Can you send me the order number and the email on the account?',
    'Which appointment would you like to move, and is it with Dr. Patel?',
    'Which device are you using to join the video session?',
    "I'm sorry to hear about your diagnosis. I've paused the subscription.",
    'Your medication order shipped today.',
    'What is the weight of the parcel?',
    'What is your relationship to the account holder?',
    'Are there any conditions attached to the voucher?',
    'Do you want to keep your savings account open?',
  ])('accepts %j', (draft) => {
    expect(lintPrying(draft)).toEqual([]);
  });

  it('accepts an ask that is explicitly optional, in the same or the next sentence', () => {
    expect(lintPrying("Only if you're comfortable sharing: does your condition affect scheduling?")).toEqual([]);
    expect(lintPrying('Does your condition affect scheduling? You do not have to answer this.')).toEqual([]);
    expect(lintPrying('Does your condition affect scheduling? Sharing is optional.')).toEqual([]);
  });

  it('skips negated and quoted mentions', () => {
    expect(lintPrying("We don't need your diagnosis to book; which day suits you?")).toEqual([]);
    expect(lintPrying('You asked "why do you need my diagnosis?" and we do not.')).toEqual([]);
  });

  it('reads curly apostrophes and template placeholders', () => {
    expect(lintPrying('Hi {{ticket.requester.first_name}}, thanks for writing. What’re you being treated for?').map((f) => f.text)).toEqual([
      'What’re you being treated for',
    ]);
    expect(lintPrying('Why’re you in therapy at the moment?')).toHaveLength(1);
    expect(lintPrying('Hi {{first_name}}, could you share the order number?')).toEqual([]);
  });

  it('reports one finding per sentence', () => {
    expect(lintPrying('Are you married, and what is your religion?')).toHaveLength(1);
  });

  it('lets a team allow a topic it needs', () => {
    const draft = 'Which medications are you taking, so we can check the refill?';
    expect(lintPrying(draft)).toHaveLength(1);
    expect(lintPrying(draft, { allow: ['medication'] })).toEqual([]);
  });

  it('ignores quoted email history', () => {
    const draft = 'Hi Sam,\n\nYour refund is on its way.\n\nBest,\nAna\n\n> What is your diagnosis?\n> Are you married?';
    expect(lintPrying(draft)).toEqual([]);
  });
});

describe('prying-question: saying the detail is not needed', () => {
  it('accepts a question that states the sensitive detail is not needed', () => {
    const config = defaultConfig();
    for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'prying-question' ? 'warn' : 'off';
    const draft = "We don't need to know your diagnosis, but could you share your member ID?";
    expect(lintUnit({ text: draft, file: 'd.txt' }, { config }).findings).toEqual([]);
  });
});

describe('prying-question: suggestions are not asks', () => {
  it.each([
    'Would it help to talk with your family and friends about the move?',
    'Could a joint session help fix your relationship?',
  ])('accepts %j', (draft) => {
    const config = defaultConfig();
    for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'prying-question' ? 'warn' : 'off';
    expect(lintUnit({ text: draft, file: 'd.txt' }, { config }).findings).toEqual([]);
  });
});

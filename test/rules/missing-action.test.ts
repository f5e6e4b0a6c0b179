// missing-action: behaviour that the fixtures do not pin down — options, where the finding points,
// what counts as a step and what does not.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit } from '../../src/index.js';

function run(draft: string, opts: { context?: string; options?: Record<string, unknown>; format?: 'text' | 'markdown' | 'html' } = {}) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'missing-action' ? 'warn' : 'off';
  Object.assign(config.rules['missing-action']!.options, opts.options ?? {});
  return lintUnit(
    { text: draft, file: 'draft.txt', format: opts.format ?? 'text' },
    { config, context: opts.context ? { text: opts.context, file: 'ctx' } : null },
  ).findings.filter((f) => f.rule === 'missing-action');
}

describe('missing-action', () => {
  it('points at the last sentence of the body, not the sign-off', () => {
    const draft = "Hi Ana,\n\nSorry the parcel is late. We know that's annoying.\n\nBest,\nTom";
    const [f, ...rest] = run(draft);
    expect(rest).toEqual([]);
    expect(f!.messageId).toBe('missing');
    expect(f!.text).toBe("We know that's annoying.");
    expect(f!.line).toBe(3);
    expect(f!.suggestions.length).toBeGreaterThanOrEqual(3);
    expect(f!.suggestions.map((s) => s.text).join(' ')).toMatch(/I'll .* by /);
  });

  it.each([
    ["I've refunded the charge."],
    ['We’ll email you by Friday.'], // curly apostrophe
    ['I have escalated this to our billing team.'],
    ['Please DM us your order number.'],
    ['Try restarting the router.'],
    ['Reply with a screenshot of the error.'],
    ['Follow these steps to reconnect your bank.'],
    ['Which plan are you on at the moment?'],
    ['Call us on 0800 555 0123 any weekday.'],
    ['The guide is at https://example.com/help/sync'],
    ['You can download the invoice from Billing > History.'],
    ['Our team is looking into it now.'],
    ['Your replacement should arrive on Thursday.'],
  ])('accepts a reply with a step: %s', (draft) => {
    expect(run(`Sorry about that. ${draft}`)).toEqual([]);
  });

  it.each([
    ['Sorry to hear that. That must be frustrating.'],
    ['We understand how you feel and we value your feedback.'],
    ['Unfortunately that feature is not available after 30 days.'],
    ["Who wouldn't be annoyed? We're sorry."],
    ['How are you feeling today?'],
  ])('flags a reply without a step: %s', (draft) => {
    expect(run(draft).map((f) => f.messageId)).toEqual(['missing']);
  });

  it('does not count a bare courtesy offer as a step, unless configured to', () => {
    const draft = 'Thanks for your message. Let me know if you have any other questions!';
    const [f] = run(draft);
    expect(f!.messageId).toBe('genericOnly');
    expect(f!.message).toContain('Let me know if you have any other questions');
    expect(run(draft, { options: { countGenericOffers: true } })).toEqual([]);
  });

  it('keeps a real step that shares a sentence with a courtesy offer', () => {
    expect(run("I've reset your password, let me know if you have any questions.")).toEqual([]);
  });

  it('needs no step when the customer only praised us', () => {
    const draft = 'Thank you, that means a lot to the whole team!';
    expect(run(draft, { context: 'Your support team was amazing today, thanks!' })).toEqual([]);
    // the same reply to a complaint does need a step
    expect(run(draft, { context: 'My order never arrived and nobody answers.' })).toHaveLength(1);
  });

  it('recognises a reply that only thanks for praise, and can be told not to', () => {
    const draft = "Thanks so much for the kind words! We're glad you love it.";
    expect(run(draft)).toEqual([]);
    expect(run(draft, { options: { ignorePraise: false } })).toHaveLength(1);
  });

  it('skips a thank-you reply to banter, but not to a question', () => {
    const draft = 'Love this costume, nicely done! Thanks for sharing.';
    expect(run(draft, { context: 'Dressed up as your mascot for Halloween lol' })).toEqual([]);
    expect(run(draft, { context: 'Is the costume contest still on this year?' })).toHaveLength(1);
  });

  it('skips numbered fragments of a threaded reply', () => {
    expect(run("We're sorry for the wait on the phone lines tonight. 1/2")).toEqual([]);
  });

  it('does not treat an apology reply as a praise reply', () => {
    expect(run("Glad you reached out. Sorry for the trouble with the delay.")).toHaveLength(1);
  });

  it('ignores placeholders and markup', () => {
    expect(run('<p>Hi {{first_name}},</p><p>Please <a href="https://x.example/reset">reset your password</a>.</p>', { format: 'html' })).toEqual([]);
    expect(run('Hi {{first_name}},\n\nSorry about the mix-up, {{first_name}}.\n\nBest,\n{{agent.name}}')).toHaveLength(1);
  });

  it('stays quiet on an empty body and on replies that are not English', () => {
    expect(run('Hi Sam,\n\nBest,\nKim')).toEqual([]);
    expect(run('Vielen Dank für Ihre Nachricht. Schönen Abend noch.')).toEqual([]);
  });
});

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
    const draft = 'Thanks for your message. Let us know if there are other questions!';
    const [f] = run(draft);
    expect(f!.messageId).toBe('genericOnly');
    expect(f!.message).toContain('Let us know if there are other questions');
    expect(run(draft, { options: { countGenericOffers: true } })).toEqual([]);
  });

  it('keeps a real step that shares a sentence with a courtesy offer', () => {
    expect(run("I've reset your password, let me know if you have questions.")).toEqual([]);
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

  it.each([
    ['Have you thought about asking your manager for a day off?'],
    ['You could maybe write the steps down before the call.'],
    ['Maybe try the desktop version for now.'],
    ['It might help to note down when the noise starts.'],
    ['What about a shorter plan for the first month?'],
    ["I'd definitely recommend keeping the receipt."],
    ['May I suggest switching to the annual plan?'],
    ['Keeping a spare charger in the car can really help.'],
    ['It would be best to contact the airline directly.'],
    ["The page is back, so try it again now."],
    ['Your manager needs to approve the request first.'],
    ['We are in the process of testing the new build.'],
  ])('counts a suggestion or step however it is phrased: %s', (draft) => {
    expect(run(`That sounds annoying. ${draft}`)).toEqual([]);
  });

  it.each([
    ['I hope you can find a way through this soon.'],
    ["I know you'll get through it, you're stronger than you think."],
    ['Hopefully we will have more news at some point.'],
    ['Stay strong, you can do this!'],
    ['Tell me more about how that made you feel.'],
    ['That must be so hard. How long have you been feeling this way?'],
  ])('does not take a wish, reassurance or a question about feelings for a step: %s', (draft) => {
    expect(run(draft).map((f) => f.messageId)).toEqual(['missing']);
  });

  it('does not take a refusal or a comforting instruction for a step', () => {
    expect(run("We're sorry, but there's nothing more we can do on our side.")).toHaveLength(1);
    expect(run('Try not to worry about it, these things happen.')).toHaveLength(1);
    // comfort in one clause does not cancel a real step in the next
    expect(run("Don't worry about it, I've sent a new one.")).toEqual([]);
  });

  it('keeps a hedge inside its own clause', () => {
    // "we know" does not reach past the comma to the refund.
    expect(run("We know it's been a long week, we've refunded the fee.")).toEqual([]);
    // a concrete time survives a hope
    expect(run('We hope to have the app back by Friday.')).toEqual([]);
    // "and we…" starts a new clause
    expect(run("We agree there is a bug and we're looking into it.")).toEqual([]);
    // an adverb is not the verb of a commitment
    expect(run('I can absolutely understand why that is upsetting.')).toHaveLength(1);
    expect(run("We'll absolutely pass this on to the developers.")).toEqual([]);
  });

  it('counts an answer to the customer\'s question as the step, but not sympathy or an answer to a complaint', () => {
    const answer = 'The large size holds about two litres.';
    expect(run(answer, { context: 'How much does the large one hold?' })).toEqual([]);
    expect(run('Yes, it does.', { context: 'does the kit come with batteries' })).toEqual([]);
    // the same explanation to a complaint leaves the customer with nothing to do
    expect(run('Online booking is closed on public holidays.', { context: 'Your booking page is useless today.' })).toHaveLength(1);
    // sympathy is not an answer
    expect(run("We're so sorry to hear that, it must be so frustrating.", { context: 'Why is my parcel late again?' })).toHaveLength(1);
    // without the customer's message there is nothing to answer
    expect(run(answer)).toHaveLength(1);
  });

  it('owes a step to a customer who thanks us while describing a problem', () => {
    const draft = "You're very welcome! Glad to hear it.";
    expect(run(draft, { context: 'Thanks so much, that fixed it!' })).toEqual([]);
    expect(run(draft, { context: "Thanks. I still feel so stressed about the bills though, I don't know what to do." })).toHaveLength(1);
  });

  it('judges a numbered part of a threaded reply as sent', () => {
    // the customer may read part 1 alone; it needs its own step
    expect(run("We're sorry for the wait on the phone lines tonight. 1/2")).toHaveLength(1);
    expect(run("Please send us your booking reference by DM. 2/2")).toEqual([]);
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

// minimizing-language: "just"/"simply" in instructions (with a safe fix) and dismissive phrases;
// time-sense "just", quantities, invitations, and reassurance backed by an action are accepted.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit } from '../../src/index.js';

function lintMin(draft: string, opts: { context?: string; options?: Record<string, unknown> } = {}) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'minimizing-language' ? 'warn' : 'off';
  Object.assign(config.rules['minimizing-language']!.options, opts.options ?? {});
  return lintUnit(
    { text: draft, file: 'draft.txt' },
    { config, context: opts.context ? { text: opts.context, file: 'ctx' } : null },
  ).findings;
}

function applyFix(source: string, f: { fix: { range: [number, number]; text: string } | null }) {
  if (!f.fix) throw new Error('no fix');
  return source.slice(0, f.fix.range[0]) + f.fix.text + source.slice(f.fix.range[1]);
}

describe('minimizing-language', () => {
  it.each([
    ['Just restart the router.', 'Just'],
    ['Simply log in and change it.', 'Simply'],
    ['You can just reinstall the app.', 'just'],
    ['You just need to sign out and back in.', 'just'],
    ['Then simply tap Save.', 'simply'],
  ])('flags the instruction adverb in %j', (draft, text) => {
    const f = lintMin(draft);
    expect(f).toHaveLength(1);
    expect(f[0]!.messageId).toBe('instruction');
    expect(f[0]!.text).toBe(text);
    expect(f[0]!.category).toBe('tone');
  });

  it('fixes an instruction by dropping the adverb, keeping the capital at sentence start', () => {
    const a = 'Hi Dana, thanks for writing.\n\nJust restart the router and it should reconnect.';
    expect(applyFix(a, lintMin(a)[0]!)).toBe('Hi Dana, thanks for writing.\n\nRestart the router and it should reconnect.');
    expect(lintMin(a)[0]!.suggestions[0]!.text).toBe('Restart the router and it should reconnect.');
    const b = 'You can simply log in and change it.';
    expect(applyFix(b, lintMin(b)[0]!)).toBe('You can log in and change it.');
  });

  it.each([
    'I just refunded the second charge.',
    'We just shipped your replacement.',
    'It has just been sent to your inbox.',
    'Just to confirm, is this the Denver order?',
    'Just checking in on your ticket.',
    'If anything else comes up, just let us know.',
    'Just go ahead and DM us the order number.',
    'Just DM us your account number and we will take a look.',
    'Just DM us your account number and we will take a look.',
    'You can change it in the app, or just call us.',
    "She's simply brilliant.",
  ])('accepts non-instruction "just"/"simply" in %j', (draft) => {
    expect(lintMin(draft)).toEqual([]);
  });

  it('can leave instruction adverbs alone by option', () => {
    expect(lintMin('Just restart the router.', { options: { instructionAdverbs: false } })).toEqual([]);
    expect(lintMin('Calm down, please.', { options: { instructionAdverbs: false } })).toHaveLength(1);
  });

  it.each([
    ['Please calm down.', 'calm down'],
    ["Don't worry about it.", "Don't worry"],
    ['Don’t worry about it.', 'Don’t worry'],
    ["It's not a big deal.", "It's not a big deal"],
    ['No biggie, it happens.', 'No biggie'],
    ["At least you didn't lose any files.", 'At least you'],
    ['Look on the bright side, you get a free month.', 'Look on the bright side'],
    ['Everyone goes through this when they move house.', 'Everyone goes through this'],
    ['This happens to the best of us.', 'happens to the best of us'],
    ["It's only a few days.", "It's only a few days"],
    ["You're overreacting a little.", "You're overreacting"],
    ['This could happen with any airline.', 'This could happen with any airline'],
  ])('flags the dismissive phrase in %j', (draft, text) => {
    const f = lintMin(draft);
    expect(f.map((x) => [x.messageId, x.text])).toEqual([['dismissive', text]]);
    expect(f[0]!.suggestions.length).toBeGreaterThan(0);
  });

  it('accepts quantities after "at least"', () => {
    expect(lintMin('Please allow at least 24 hours for the change.')).toEqual([]);
    expect(lintMin('We need at least one receipt to file the claim.')).toEqual([]);
  });

  it('accepts "don\'t worry" when the same sentence states an action, flags it otherwise', () => {
    expect(lintMin("Don't worry about the fee, I've waived it.")).toEqual([]);
    expect(lintMin("Don't worry, you won't be charged for the class.")).toEqual([]);
    expect(lintMin("Don't worry, we'll refund it today.")).toEqual([]);
    expect(lintMin("Don't worry. I've waived the fee.")).toHaveLength(1);
  });

  it('flags "no worries" only when the customer said they were worried', () => {
    const reply = 'No worries! Let me look at the payment.';
    expect(lintMin(reply)).toEqual([]);
    expect(lintMin(reply, { context: 'Thanks so much, that fixed it!' })).toEqual([]);
    expect(lintMin(reply, { context: "I'm really worried, my rent payment bounced." })).toHaveLength(1);
  });

  it('skips the customer\'s words in quotes and negated phrases', () => {
    expect(lintMin('You said the agent told you "it\'s not a big deal", and that was wrong of us.')).toEqual([]);
    expect(lintMin("I would never say calm down to you; this was our mistake.")).toEqual([]);
  });

  it('ignores placeholders and markup', () => {
    const html = '<p>Hi {{ticket.requester.first_name}},</p><p><b>Just</b> restart the app.</p>';
    const f = lintUnit(
      { text: html, file: 'x.html', format: 'html' },
      {
        config: (() => {
          const c = defaultConfig();
          for (const [id, s] of Object.entries(c.rules)) s.severity = id === 'minimizing-language' ? 'warn' : 'off';
          return c;
        })(),
      },
    ).findings;
    expect(f.map((x) => x.text)).toEqual(['Just']);
  });
});

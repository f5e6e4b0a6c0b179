// blame-shifting: blame, lecture and deflection phrases are reported with their own messageId;
// information ("you should have received"), ownership, negation and quotes are accepted.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit } from '../../src/index.js';

function lintBlame(draft: string, options: Record<string, unknown> = {}) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'blame-shifting' ? 'warn' : 'off';
  Object.assign(config.rules['blame-shifting']!.options, options);
  return lintUnit({ text: draft, file: 'draft.txt' }, { config }).findings;
}

describe('blame-shifting', () => {
  it.each([
    ['You should have contacted us sooner.', 'blame', 'You should have contacted'],
    ["You should've read the listing.", 'blame', "You should've read"],
    ['You should’ve read the listing.', 'blame', 'You should’ve read'],
    ['You failed to attach the receipt.', 'blame', 'You failed to'],
    ['You forgot to add the promo code at checkout.', 'blame', 'You forgot to'],
    ['You must have entered the wrong card number.', 'blame', 'You must have entered'],
    ["Why didn't you check the size guide?", 'blame', "Why didn't you check"],
    ['As I already explained, refunds take five days.', 'lecture', 'As I already explained'],
    ['As previously mentioned, the sale has ended.', 'lecture', 'As previously mentioned'],
    ['Per my last email, the invoice went out Monday.', 'lecture', 'Per my last email'],
    ['As per my previous message, the order shipped.', 'lecture', 'As per my previous message'],
    ['For future reference, orders lock at dispatch.', 'lecture', 'For future reference'],
    ['In future, please make sure to check the address.', 'lecture', 'In future, please make sure to'],
    ['As stated in our terms, gift cards are final sale.', 'lecture', 'As stated in our terms'],
    ["It's clearly labelled on the box.", 'lecture', "It's clearly labelled"],
    ['Had you read the guide, this would not happen.', 'lecture', 'Had you read'],
    ["That's not our fault.", 'deflect', "That's not our fault"],
    ["This isn't our responsibility.", 'deflect', "This isn't our responsibility"],
    ['We are not responsible for courier delays.', 'deflect', 'We are not responsible'],
    ["There's nothing more we can do.", 'deflect', "There's nothing more we can do"],
    ['The problem is on your end.', 'deflect', 'problem is on your end'],
  ])('flags %j', (draft, messageId, text) => {
    const f = lintBlame(draft);
    expect(f.map((x) => [x.messageId, x.text])).toEqual([[messageId, text]]);
    expect(f[0]!.category).toBe('tone');
    expect(f[0]!.message).toContain(text);
    expect(f[0]!.suggestions.length).toBeGreaterThan(0);
    expect(f[0]!.fix).toBeNull();
  });

  it.each([
    'You should have received a confirmation email.',
    'You should have access to the reports tab now.',
    'You should have a new code on your phone.',
    'We should have told you about the change sooner.',
    'This is not your fault, and I have fixed it.',
    'It was our mistake, and I have corrected the date.',
    'Our terms say gift cards are final sale, but I can move the balance.',
    'In the future we will send a reminder before each renewal.',
    'Should you have any questions, reply here.',
    'We take full responsibility for the outage.',
    'You must report the claim within 24 hours of landing.',
  ])('accepts %j', (draft) => {
    expect(lintBlame(draft)).toEqual([]);
  });

  it('skips the customer\'s own words in quotes', () => {
    expect(lintBlame('You wrote that we "should have warned you", and you\'re right. You said "you failed to ship it" too.')).toEqual([]);
  });

  it('reports each phrase in a reply', () => {
    const f = lintBlame('As I mentioned before, exports cover 90 days. You should have downloaded the March reports.');
    expect(f.map((x) => x.messageId)).toEqual(['lecture', 'blame']);
  });

  it('can leave policy references alone by option', () => {
    expect(lintBlame('As stated in our terms, gift cards are final sale.', { policyReferences: false })).toEqual([]);
    expect(lintBlame('You failed to attach it.', { policyReferences: false })).toHaveLength(1);
  });

  it('maps findings back through placeholders and markup', () => {
    const md = 'Hi {{ticket.requester.first_name}},\n\n**As I already explained**, the refund is on its way.\n';
    const config = defaultConfig();
    for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'blame-shifting' ? 'warn' : 'off';
    const [f] = lintUnit({ text: md, file: 'x.md', format: 'markdown' }, { config }).findings;
    expect(f!.text).toBe('As I already explained');
    expect(f!.line).toBe(3);
    expect(f!.column).toBe(3);
  });
});

describe('blame-shifting: deflection to third parties', () => {
  it.each([
    ["We can't be held responsible for bank delays.", "can't be held responsible"],
    ["That's a carrier issue, so please contact them.", "That's a carrier issue"],
    ["You'll have to take it up with your bank.", 'take it up with your bank'],
  ])('flags %j', (draft, text) => {
    const config = defaultConfig();
    for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'blame-shifting' ? 'warn' : 'off';
    const f = lintUnit({ text: draft, file: 'd.txt' }, { config }).findings;
    expect(f.map((x) => [x.messageId, x.text])).toEqual([['deflect', text]]);
  });
});

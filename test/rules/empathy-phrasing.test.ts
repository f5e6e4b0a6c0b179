// empathy-phrasing: stock and presumptuous phrases from data, each with a note and suggestions;
// overload when sympathy-only sentences crowd out the substance; and the shared acknowledgement
// check that missing-acknowledgement reuses.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit, parseDocument } from '../../src/index.js';
import type { Finding, PhraseEntry } from '../../src/index.js';
import { isAcknowledgement, acknowledgementSpans } from '../../src/checks/acknowledgement.js';
import { loadRuleData } from '../../src/core/rule-data.js';

function lintEmpathy(draft: string, options: Record<string, unknown> = {}): Finding[] {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'empathy-phrasing' ? 'warn' : 'off';
  Object.assign(config.rules['empathy-phrasing']!.options, options);
  return lintUnit({ text: draft, file: 'draft.txt' }, { config }).findings;
}

describe('empathy-phrasing', () => {
  it.each([
    ['I understand your frustration. Your refund is on its way.', 'cliche', 'I understand your frustration'],
    ['We completely understand your concerns, and the fix ships Monday.', 'cliche', 'We completely understand your concerns'],
    ['I understand how frustrating this is. I reset the code.', 'cliche', 'I understand how frustrating this is'],
    ['I completely understand how this is frustrating. I added a credit.', 'cliche', 'I completely understand how this is frustrating'],
    ['I understand how you feel. Your claim is approved.', 'cliche', 'I understand how you feel'],
    ['We value your business and have extended your trial.', 'cliche', 'We value your business'],
    ['As a valued customer, you get free shipping.', 'cliche', 'As a valued customer'],
    ['We apologize for any inconvenience this might have caused you.', 'cliche', 'apologize for any inconvenience this might have caused you'],
    ['Sorry for the inconvenience, the page is back.', 'cliche', 'Sorry for the inconvenience'],
    ['My apologies for any frustration. Ordering is back at 8 am.', 'cliche', 'apologies for any frustration'],
    ['We apologise for any inconvenience caused.', 'cliche', 'apologise for any inconvenience caused'],
    ['We regret any inconvenience caused by the maintenance.', 'cliche', 'We regret any inconvenience caused'],
    ['Your call is important to us.', 'cliche', 'Your call is important to us'],
    ['Your satisfaction is our top priority.', 'cliche', 'Your satisfaction is our top priority'],
    ["We're sorry you feel this way about the price.", 'cliche', 'sorry you feel this way'],
    ['I do apologize that you feel that way.', 'cliche', 'apologize that you feel that way'],
    ['I appreciate you bringing that to my attention.', 'cliche', 'I appreciate you bringing that to my attention'],
    ['We want all of our customers to have a great experience, so here is a voucher.', 'cliche', 'We want all of our customers to have a great experience'],
    ['I know exactly how you feel. The card is in the post.', 'presumptuous', 'I know exactly how you feel'],
    ["I know exactly how you're feeling right now.", 'presumptuous', "I know exactly how you're feeling"],
    ['I know what you are going through.', 'presumptuous', 'I know what you are going through'],
    ['I feel your pain, the app is slow today.', 'presumptuous', 'I feel your pain'],
    ['You must be furious after three missed deliveries.', 'presumptuous', 'You must be furious'],
    ['I understand your frustration – curly’s fine too.', 'cliche', 'I understand your frustration'],
  ])('flags %j', (draft, messageId, text) => {
    const f = lintEmpathy(draft);
    expect(f.map((x) => [x.messageId, x.text])).toEqual([[messageId, text]]);
    expect(f[0]!.category).toBe('empathy');
    expect(f[0]!.message).toContain(text);
    expect(f[0]!.suggestions.length).toBeGreaterThan(0);
    expect(f[0]!.suggestions[0]!.description.length).toBeGreaterThan(10);
    expect(f[0]!.fix).toBeNull();
  });

  it.each([
    "Being locked out the day before payroll is the worst timing. I've reset your access.",
    "I'm sorry your parcel went to the wrong address. I've sent a replacement.",
    'That sounds really stressful. I moved your session to Thursday at 4 pm.',
    "I can see why this is frustrating: the upload said it worked. I've recovered the files.",
    'Thank you for telling us about the broken link. It is fixed.',
    "I won't pretend I know exactly how you feel, but I've escalated the order.",
    'You said "I understand your frustration" was all you heard. I issued the refund myself.',
    "I don't know how you feel about the new layout yet; the old one is under Settings.",
    'Sorry for the trouble with the login. You can sign in now.',
    "We apologise for the delay in our reply. Your order shipped today.",
    'Thank you for your patience. Your replacement arrives tomorrow.',
    "I understand you'd like to keep your number. I've requested the transfer.",
    'Could I understand your concern a bit better? Which invoice is it?',
    'Let me know how you feel about the new plan once you have tried it.',
  ])('accepts %j', (draft) => {
    expect(lintEmpathy(draft)).toEqual([]);
  });

  describe('overload', () => {
    const overloaded =
      "Hi Ana,\n\nI'm so sorry to hear this. That sounds incredibly stressful. I can only imagine how worrying it has been. Your session is now moved to Thursday at 4 pm.\n\nBest,\nKemi";

    it('flags a body that is mostly sympathy, at the second sympathy sentence', () => {
      const f = lintEmpathy(overloaded);
      expect(f.map((x) => [x.messageId, x.text])).toEqual([['overload', 'That sounds incredibly stressful.']]);
      expect(f[0]!.message).toContain('3 of 4 sentences');
    });

    it('does not judge replies shorter than minSentences', () => {
      expect(lintEmpathy("I'm so sorry to hear this. That sounds so stressful.")).toEqual([]);
      expect(lintEmpathy("I'm so sorry to hear this. That sounds stressful. I've fixed it.").map((x) => x.messageId)).toEqual(['overload']);
      expect(lintEmpathy(overloaded, { minSentences: 5 })).toEqual([]);
    });

    it('needs more than maxRatio of the sentences', () => {
      const half = "I'm so sorry to hear this. That sounds stressful. I've unlocked your account. You can sign in now.";
      expect(lintEmpathy(half)).toEqual([]);
      expect(lintEmpathy(half, { maxRatio: 0.4 }).map((x) => x.messageId)).toEqual(['overload']);
    });

    it('does not fire when a long explanation carries most of the words', () => {
      const draft =
        "I'm so sorry to hear about the lockout. That sounds really stressful. Our security system flagged three sign-ins from a new country within an hour and froze the account as a precaution, which is why your password stopped working on Sunday evening even though it was correct.";
      expect(lintEmpathy(draft)).toEqual([]);
    });

    it('does not count interjections, questions or sentences that carry a step', () => {
      expect(lintEmpathy('Oh no! Ugh. That sounds stressful. Was the item sold by us? Please send the order number.')).toEqual([]);
      expect(
        lintEmpathy("I'm sorry to hear that. I'm sorry, I've refunded you. That's frustrating, please DM us. Done."),
      ).toEqual([]);
    });
  });

  it('every phrase entry carries a note, a sureness and suggestions', () => {
    const phrases = loadRuleData('empathy-phrasing').phrases as PhraseEntry[];
    expect(phrases.length).toBeGreaterThan(8);
    for (const p of phrases) {
      expect(p.note, p.id).toBeTruthy();
      expect(['high', 'medium', 'low'], p.id).toContain(p.sureness);
      expect(p.suggestions?.length, p.id).toBeGreaterThan(0);
      expect(['cliche', 'presumptuous'], p.id).toContain(p.kind);
    }
  });

  it('minSureness high drops medium-sureness phrases', () => {
    const draft = 'We really appreciate you bringing it to our attention. The typo is fixed.';
    expect(lintEmpathy(draft)).toHaveLength(1);
    expect(lintEmpathy(draft, { minSureness: 'high' })).toEqual([]);
  });
});

describe('acknowledgement', () => {
  const ack = (text: string) => {
    const doc = parseDocument(text);
    return doc.sentences.map((s) => isAcknowledgement(doc, s));
  };

  it.each([
    "I'm sorry to hear about the delay.",
    'Sorry to hear that!',
    "I'm so sorry your session was cancelled.",
    'That sounds really stressful.',
    "That's so frustrating.",
    'It must have been a rough week.',
    'I can see why this is frustrating.',
    'I can only imagine.',
    'I understand how stressful this is.',
    'Thank you for telling us.',
    'Thanks for letting me know.',
    'Your frustration is completely understandable.',
    "I'd be upset too.",
    'We apologise for the delay.',
    'Oh no!',
  ])('recognises %j', (sentence) => {
    expect(ack(sentence)).toEqual([true]);
  });

  it.each([
    'Your refund is on its way.',
    "I'm not sorry we asked.",
    'Is that frustrating?',
    'You wrote "that sounds stressful" in your note.',
    'Thank you for reaching out.',
    'Please send us your order number.',
  ])('does not count %j', (sentence) => {
    expect(ack(sentence)).toEqual([false]);
  });

  it('still counts an acknowledgement that leads into a question', () => {
    expect(ack("I'm sorry to hear that, could you DM us your order number?")).toEqual([true]);
  });

  it('acknowledgementSpans returns the phrase spans in order', () => {
    const doc = parseDocument("Hi Sam,\n\nI'm sorry to hear that. The fix is live. That sounds stressful.");
    const spans = acknowledgementSpans(doc).map((s) => doc.text.slice(s.start, s.end));
    expect(spans).toEqual(["I'm sorry to hear", 'That sounds stressful']);
  });
});

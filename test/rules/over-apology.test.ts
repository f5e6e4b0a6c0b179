// over-apology: the second and later apologies, grovelling and filler are flagged; one apology,
// negated, quoted, reported and other-sense uses are not; the fix drops a duplicate only when that
// is mechanical, leaves a grammatical reply and never touches a template placeholder.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit } from '../../src/index.js';
import type { Finding } from '../../src/index.js';

function lintApology(draft: string, options: Record<string, unknown> = {}): Finding[] {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'over-apology' ? 'warn' : 'off';
  Object.assign(config.rules['over-apology']!.options, options);
  return lintUnit({ text: draft, file: 'draft.txt' }, { config }).findings;
}

function applyFix(draft: string, f: Finding): string {
  if (!f.fix) throw new Error('no fix');
  return draft.slice(0, f.fix.range[0]) + f.fix.text + draft.slice(f.fix.range[1]);
}

describe('over-apology', () => {
  describe('repetition', () => {
    it.each([
      ["I'm sorry about the late parcel. I've refunded the shipping. Sorry again!", 'Sorry again'],
      ['We apologise for the outage. Apologies again for the disruption.', 'Apologies again'],
      ['We apologize for the outage. Our apologies for the disruption.', 'Our apologies'],
      ["I’m so sorry for the mix-up, and we’re sorry again for the wait.", 'we’re sorry again for the wait'],
      ['Sorry about that. My bad for missing it.', 'My bad'],
      ['Apologies for the mix-up. We regret the error and have fixed it.', 'We regret'],
      ["I'm sorry to hear the parcel is late. Sorry, could you confirm your postcode?", 'Sorry'],
      ['I apologise for the outage. Please forgive the delay in replying.', 'Please forgive the delay'],
    ])('flags the second apology in %j', (draft, text) => {
      const f = lintApology(draft);
      expect(f.map((x) => [x.messageId, x.text])).toEqual([['repeated', text]]);
      expect(f[0]!.message).toContain('Apology number 2');
      expect(f[0]!.category).toBe('tone');
    });

    it('reports every apology after the first, with its number', () => {
      const f = lintApology('Sorry for the wait. Sorry for the mix-up. Sorry for the trouble.');
      expect(f.map((x) => x.message)).toEqual([
        'Apology number 2 in this reply; one clear apology is enough.',
        'Apology number 3 in this reply; one clear apology is enough.',
      ]);
    });

    it('counts a sign-off "Sorry again for the trouble," after a clear apology', () => {
      const draft = "Hi Eli,\n\nI'm sorry the invoice was wrong. I've reissued it.\n\nSorry again for the trouble,\nPriya";
      const f = lintApology(draft);
      expect(f.map((x) => x.text)).toEqual(['Sorry again']);
      expect(f[0]!.fix).toBeNull();
      expect(f[0]!.suggestions.map((s) => s.text)).toContain('Thanks again for your patience,');
    });

    it('respects the max option', () => {
      const draft = "I'm sorry about the outage. Sorry for the wait, too.";
      expect(lintApology(draft)).toHaveLength(1);
      expect(lintApology(draft, { max: 2 })).toEqual([]);
    });

    it('suggests thanks instead of a repeated apology for waiting', () => {
      const f = lintApology("I'm sorry the charger was missing. Sorry for the wait on this one.");
      expect(f[0]!.text).toBe('Sorry for the wait');
      expect(f[0]!.suggestions[0]).toMatchObject({ text: 'Thank you for your patience' });
      expect(f[0]!.suggestions[0]!.fix?.range).toEqual(f[0]!.range);
    });
  });

  describe('fix', () => {
    it.each([
      [
        "Sorry about the double charge. I've refunded it. Sorry again for the trouble!",
        "Sorry about the double charge. I've refunded it.",
      ],
      [
        "Hi Dana, I'm so sorry for the wait, and I'm so sorry again for the confusion.",
        "Hi Dana, I'm so sorry for the wait.",
      ],
      [
        'Apologies for the outage. Sorry about that! Your credit is applied.',
        'Apologies for the outage. Your credit is applied.',
      ],
    ])('drops the duplicate in %j', (draft, expected) => {
      const f = lintApology(draft);
      expect(f).toHaveLength(1);
      const fixed = applyFix(draft, f[0]!);
      expect(fixed).toBe(expected);
      expect(lintApology(fixed)).toEqual([]);
    });

    it('offers no fix when other content would go with the apology', () => {
      const f = lintApology('We apologise for the outage. We apologise again and have added a day of credit.');
      expect(f).toHaveLength(1);
      expect(f[0]!.fix).toBeNull();
    });

    it('never touches a template placeholder', () => {
      const draft = 'Sorry for the delay. Sorry again, {{ticket.requester.first_name}}!';
      const f = lintApology(draft);
      expect(f).toHaveLength(1);
      expect(f[0]!.fix).toBeNull();
      const other = 'Sorry for the delay, {{ticket.requester.first_name}}. Sorry again!';
      const g = lintApology(other);
      expect(g).toHaveLength(1);
      expect(applyFix(other, g[0]!)).toBe('Sorry for the delay, {{ticket.requester.first_name}}.');
    });
  });

  describe('grovelling and filler', () => {
    it.each([
      ['We deeply and sincerely apologize for any inconvenience this may have caused.', 'We deeply and sincerely apologize'],
      ["I'm so very sorry that your payment failed.", "I'm so very sorry"],
      ['We truly, deeply apologize for the error.', 'We truly, deeply apologize'],
      ['A thousand apologies for the mix-up!', 'A thousand apologies'],
      ["We can't apologize enough for the damaged frame.", "We can't apologize enough"],
      ['We humbly apologise for the delay.', 'We humbly apologise'],
    ])('flags grovelling in %j', (draft, text) => {
      const f = lintApology(draft);
      expect(f.map((x) => [x.messageId, x.text])).toEqual([['grovelling', text]]);
      expect(f[0]!.suggestions.length).toBeGreaterThan(0);
    });

    it.each([
      ['Sorry to bother you, but could you send a screenshot?', 'Sorry to bother you'],
      ["I'm sorry, but annual plans can't be refunded.", "I'm sorry, but"],
      ['Sorry but the code has expired.', 'Sorry but'],
      ['Apologies, but the offer ended yesterday.', 'Apologies, but'],
      ['Sorry for chasing you, can you confirm the address?', 'Sorry for chasing you'],
    ])('flags filler in %j', (draft, text) => {
      const f = lintApology(draft);
      expect(f.map((x) => [x.messageId, x.text])).toEqual([['filler', text]]);
    });

    it('a filler apology still counts toward repetition', () => {
      const f = lintApology("I'm sorry the export failed. Sorry to bother you, but which browser do you use?");
      expect(f.map((x) => x.messageId)).toEqual(['filler']);
    });
  });

  describe('accepted', () => {
    it.each([
      "I'm so sorry this happened. I've sent a replacement.",
      'We apologise for the delay. Your order ships today.',
      'No need to apologize! Your plan is active.',
      "You don't need to apologise for asking twice.",
      "There's nothing to be sorry about. I'm sorry the form lost your answers.",
      "I'm not sorry we asked for the receipt. I'm sorry the refund took a week.",
      'You wrote "sorry for the long email" - please don\'t be. I\'m sorry the export failed.',
      "The courier said he was sorry. I'm sorry it arrived damaged.",
      "I feel sorry for the driver in that storm. I'm sorry your parcel got wet.",
      "Better safe than sorry: I've reset your password.",
      "I'm sorry about the mix-up. I've added a $10 credit as an apology.",
      "Did the driver apologise? I'm sorry the window was missed.",
      "Sorry? I'm sorry, I didn't catch the order number.",
      'The box arrived in a sorry state, and I apologise for that.',
      'Thank you for your patience while we looked into this.',
    ])('accepts %j', (draft) => {
      expect(lintApology(draft)).toEqual([]);
    });
  });
});

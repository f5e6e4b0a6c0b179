// crisis-response: each requirement (resource early, escalation, no minimizing/arguing/cheer, no
// monitoring promise, short) is its own finding; settings supply resources, team and 24/7.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit, DEFAULT_SETTINGS } from '../../src/core/linter.js';
import type { Settings } from '../../src/core/types.js';

const CRISIS = "I can't keep going. I have the pills right here.";
const GOOD = "Hi Sam,\n\nI'm really glad you told us. Please call or text 988 now, or your local emergency number. I've passed your message to a member of our care team, who will call you today.";

function run(draft: string, context: string | null = CRISIS, settings: Partial<Settings> = {}, options: Record<string, unknown> = {}) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'crisis-response' ? 'error' : 'off';
  Object.assign(config.settings, settings);
  Object.assign(config.rules['crisis-response']!.options, options);
  return lintUnit({ text: draft, file: 'draft.txt' }, { config, context: context ? { text: context, file: 'ctx' } : null }).findings;
}
const ids = (draft: string, ...rest: Parameters<typeof run> extends [string, ...infer R] ? R : never) => run(draft, ...rest).map((f) => f.messageId);

describe('crisis-response', () => {
  it('accepts a reply with a resource first, a hand-off and calm wording', () => {
    expect(run(GOOD)).toEqual([]);
  });

  it('stays silent without context, or when the context shows no crisis', () => {
    expect(run('Your refund is on its way.', null)).toEqual([]);
    expect(run('Your refund is on its way.', 'My card was charged twice.')).toEqual([]);
    expect(run('Your refund is on its way.', 'This bug is killing me.')).toEqual([]);
  });

  it.each([
    ['indirect goodbye', "I won't be around much longer, so cancel my plan."],
    ['burden', 'Honestly my family would be better off without me.'],
    ['method', "I've been stockpiling my meds for a while."],
    ['danger', 'My husband hits me and reads my emails.'],
  ])('fires on %s', (_, context) => {
    expect(ids('Hi Sam,\n\nYour plan is cancelled.', context)).toEqual(['noResource', 'noEscalation']);
  });

  it('reports a missing resource at the first body sentence and quotes the evidence', () => {
    const [f] = run('Hi Sam,\n\nYour plan is cancelled. We will email a receipt.');
    expect(f!.messageId).toBe('noResource');
    expect(f!.text).toBe('Your plan is cancelled.');
    expect(f!.message).toContain("can't keep going");
    expect(f!.severity).toBe('error');
    expect(f!.category).toBe('safety');
    expect(f!.suggestions[0]!.text).toContain('988');
  });

  it('tells the user to configure resources while the built-in defaults are in use', () => {
    expect(run('Hi Sam,\n\nDone.')[0]!.suggestions[0]!.description).toMatch(/set crisis\.resources/);
    const settings = { crisis: { resources: [{ name: 'Lifeline', contact: '13 11 14', region: 'AU' }], available24x7: false } };
    const f = run('Hi Sam,\n\nDone.', CRISIS, settings)[0]!;
    expect(f.suggestions[0]!.description).not.toMatch(/defaults/);
    expect(f.suggestions[0]!.text).toContain('13 11 14');
  });

  it('recognises generic resources', () => {
    for (const resource of ['Please call 911 now.', 'Please contact emergency services now.', 'Please call the Samaritans on 116 123.', 'Please ring a crisis line tonight.', 'You can reach a helpline on 0800 123 4567.']) {
      expect(ids(`Hi Sam,\n\n${resource} Our care team will call you today.`), resource).toEqual([]);
    }
  });

  it('recognises configured resources by name and by contact digits', () => {
    const settings = { crisis: { resources: [{ name: 'Lifeline', contact: '13 11 14', region: 'AU' }], available24x7: false } };
    expect(ids('Hi Sam,\n\nPlease ring 13 11 14 now. Our care team will call you today.', CRISIS, settings)).toEqual([]);
    expect(ids('Hi Sam,\n\nPlease ring 131114 now. Our care team will call you today.', CRISIS, settings)).toEqual([]);
  });

  it('flags a resource after the third sentence', () => {
    const draft = 'Hi Sam,\n\nThanks for your note. Your plan is paused. No fee applies. Please call or text 988 now. Our care team will call you today.';
    const f = run(draft);
    expect(f.map((x) => [x.messageId, x.text])).toEqual([['resourceLate', 'Please call or text 988 now.']]);
    expect(ids(draft, CRISIS, {}, { resourceWithin: 4 })).toEqual([]);
  });

  it('accepts the configured escalation team', () => {
    const draft = 'Hi Sam,\n\nPlease call or text 988 now. The wellness desk has your message.';
    expect(ids(draft)).toEqual(['noEscalation']);
    expect(ids(draft, CRISIS, { escalation: { team: 'the wellness desk' } })).toEqual([]);
    const f = run(draft, CRISIS, { escalation: { team: 'our clinical team' } });
    expect(f[0]!.suggestions[0]!.text).toContain('our clinical team');
  });

  it.each([
    ["Don't worry, it's not that bad.", ['minimizing', 'minimizing']],
    ['Things could be worse.', ['minimizing']],
    ['You have so much to live for.', ['arguing']],
    ['Think about your family.', ['arguing']],
    ['Cheer up.', ['cheerful']],
    ['We are here for you 24/7.', ['monitoring']],
    ["We'll keep an eye on you.", ['monitoring']],
  ])('flags %j', (sentence, expected) => {
    expect(ids(`Hi Sam,\n\nPlease call or text 988 now. ${sentence} Our care team will call you today.`)).toEqual(expected);
  });

  it('allows availability promises when available24x7 is configured', () => {
    const draft = 'Hi Sam,\n\nPlease call our crisis line on 0800 555 0100 now. We are here for you 24/7 and a counsellor will call you in minutes.';
    expect(ids(draft)).toEqual(['monitoring']);
    expect(ids(draft, CRISIS, { crisis: { ...DEFAULT_SETTINGS.crisis, available24x7: true } })).toEqual([]);
  });

  it('does not count a negated or quoted phrase', () => {
    expect(ids('Hi Sam,\n\nPlease call or text 988 now. I will not tell you to "cheer up". Our care team will call you today.')).toEqual([]);
  });

  it('keeps the reply short: sentences and words', () => {
    const long = `${GOOD} ${'We also changed your plan. '.repeat(6)}`;
    const f = run(long);
    expect(f.map((x) => x.messageId)).toEqual(['tooLong']);
    expect(f[0]!.message).toContain('8 sentences');
    const wordy = `${GOOD} ${'Your balance, which includes the pending credit and the adjustment we discussed, is now cleared in full and nothing further is owed on this account at all'.repeat(1)}.`;
    expect(ids(wordy, CRISIS, {}, { maxWords: 50 })).toEqual(['tooLong']);
  });

  it('does not count a resource the reply says it is not', () => {
    expect(ids('Hi Sam,\n\nWe are not a crisis line. Our care team will call you today.')).toEqual(['noResource']);
  });

  it('does not read money or dates as phone numbers', () => {
    expect(ids('Hi Sam,\n\nWe refunded $1,250.00 today. Our care team will call you today.')).toEqual(['noResource']);
  });
});

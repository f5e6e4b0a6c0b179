// tone-mismatch: cheer (phrases, "!", emoji) in reply to distress or crisis; never without them.
import { describe, it, expect } from 'vitest';
import { defaultConfig, lintUnit } from '../../src/core/linter.js';

const DISTRESS = "I'm heartbroken, my dog died and I need to cancel his insurance.";
function run(draft: string, context: string | null = DISTRESS) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === 'tone-mismatch' ? 'warn' : 'off';
  return lintUnit({ text: draft, file: 'draft.txt' }, { config, context: context ? { text: context, file: 'ctx' } : null }).findings;
}
const pairs = (draft: string, context?: string | null) => run(draft, context).map((f) => [f.messageId, f.text]);

describe('tone-mismatch', () => {
  it.each([
    ['Great question! The policy ends today.', [['upbeat', 'Great question!']]],
    ['The policy ends today. Have a great day!', [['upbeat', 'Have a great day!']]],
    ['The policy ends today.\n\nCheers,\nAl', [['upbeat', 'Cheers']]],
    ['The policy ends today!', [['exclamation', '!']]],
    ['The policy ends today!!!', [['exclamation', '!!!']]],
    ['The policy ends today 😊', [['emoji', '😊']]],
    ['The policy ends today :)', [['emoji', ':)']]],
    ['No worries, the policy ends today.', [['upbeat', 'No worries']]],
  ])('flags %j', (draft, expected) => {
    expect(pairs(`Hi Jo,\n\n${draft}`)).toEqual(expected);
  });

  it('offers a safe fix for exclamation marks and a calm alternative for phrases', () => {
    const draft = 'Hi Jo,\n\nThe policy ends today! Have a great day!';
    const f = run(draft);
    const bang = f.find((x) => x.messageId === 'exclamation')!;
    expect(bang.fix).toEqual({ range: [bang.range[0], bang.range[1]], text: '.' });
    const upbeat = f.find((x) => x.messageId === 'upbeat')!;
    expect(upbeat.suggestions[0]!.text).toBe('Take care.');
    expect(upbeat.fix).toBeNull();
  });

  it('fires on crisis as well as distress, and names the signal', () => {
    const [f] = run('Hi Jo,\n\nPlease call 988 now!', 'Everyone would be better off without me.');
    expect(f!.message).toContain('crisis');
  });

  it.each([
    ['no context', null],
    ['a neutral question', 'Does the app work offline?'],
    ['anger only', 'This is ridiculous, I was on hold for an hour.'],
    ['confusion only', "I don't understand the new invoice."],
  ])('stays silent with %s', (_, context) => {
    expect(run('Hi Jo,\n\nGreat question! Have a great day! 😊', context)).toEqual([]);
  });

  it('accepts a calm reply to distress', () => {
    expect(run("Hi Jo,\n\nI'm so sorry about your dog. The policy is cancelled and the last payment refunded.\n\nTake care,\nAl")).toEqual([]);
  });

  it('does not take trademark signs for emoji', () => {
    expect(run('Hi Jo,\n\nYour Acme® Plus™ cover is cancelled.')).toEqual([]);
  });

  it('ignores exclamation marks inside quotes', () => {
    expect(run('Hi Jo,\n\nYou wrote "help!" and we did: the policy is cancelled.')).toEqual([]);
  });
});

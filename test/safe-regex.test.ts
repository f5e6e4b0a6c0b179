// The ReDoS guard: known catastrophic patterns are rejected with a reason, the patterns team leads
// really write pass, and what passes stays fast on adversarial input once bounded.

import { describe, expect, it } from 'vitest';
import { MAX_MATCH_INPUT, boundedWindows, checkPattern, uniquelyDecodable } from '../src/core/safe-regex.js';
import { wordBounded } from '../src/checks/phrase.js';

const KNOWN_REDOS = [
  '(a+)+$',
  '(a|a)*$',
  '(a|aa)+',
  '(.*a){12}',
  '^(\\w+\\s?)*$',
  '(a*)*b',
  '([a-zA-Z]+)*$',
  '(x+x+)+y',
  '(?:\\d+)+$',
  '((ab)*)+$',
  '(\\w|\\d)+$',
  '(.*){2,}x',
  '.*.*.*=x',
  '(a?){25}a{25}',
  // Shapes team leads write, made ambiguous: a duplicated or overlapping alternative, a phrase that
  // is two others in a row.
  '(?: (?:gladly|happily|gladly))* help',
  '(?: (?:truly|\\w+ly))* sorry',
  '(?:a |a few |few )*tips',
  '(?:a|ab|b)+c',
];

const SAFE = [
  "i'?m (?:so |very |really )?sorry",
  'refund(?:s|ed)?',
  '(?:\\S+\\s+){0,3}days?',
  'calm\\s+down',
  '\\d+\\s*(?:business\\s+)?days?',
  'guarantee[ds]?',
  'unfortunately',
  '(?:hope|trust) this helps',
  'per (?:our|the) policy',
  '[A-Z]{2,}',
  'refund.*\\d+',
  'as (?:i|we) (?:said|mentioned)',
  '(?<=please )note',
  '(?:sorry\\s*)+!',
  '(?: (?:also|already|just|now))* sent',
  '(?:(?:so|very|such\\s+a|a|an)\\s+){0,2}frustrating',
  '(?:some |an? |mild |generali[sz]ed )*anxiety',
  '(?:(?:sincere|deepest|most\\s+sincere)\\s+)*apologies',
  '(?:a|b)+c',
  '(?:sorry|so)+',
];

describe('checkPattern', () => {
  it.each(KNOWN_REDOS)('rejects %s', (source) => {
    const problem = checkPattern(source);
    expect(problem, source).not.toBeNull();
    expect(problem!.message).toContain(`/${source}/`);
  });

  it.each(SAFE)('accepts %s', (source) => {
    expect(checkPattern(source)).toBeNull();
  });

  it('rejects patterns that can match empty text (they would never flag anything)', () => {
    expect(checkPattern('(?:sorry)?')!.message).toMatch(/empty text/);
    expect(checkPattern('a*')!.message).toMatch(/empty text/);
  });

  it('explains what to write instead', () => {
    expect(checkPattern('^(\\w+\\s?)*$')!.message).toMatch(/exponential time: .*\(\?:\\S\+\\s\+\)\{0,3\}/);
    expect(checkPattern('(a|aa)+')!.message).toMatch(/branches that can match the same text/);
  });

  it('the rejected patterns really are slow: one of them takes noticeable time on 26 characters', () => {
    // Proof that the test list is not made of harmless strings: (a+)+$ on "a…a!" backtracks 2^n.
    const re = /(a+)+$/;
    const t0 = performance.now();
    re.test(`${'a'.repeat(24)}!`);
    expect(performance.now() - t0).toBeGreaterThan(5);
  });

  it('patterns it accepts finish quickly on adversarial input within the bounded window', () => {
    const input = `${'a1 '.repeat(MAX_MATCH_INPUT / 3)}`.slice(0, MAX_MATCH_INPUT);
    for (const source of SAFE) {
      const re = new RegExp(wordBounded(source), 'giu');
      const t0 = performance.now();
      for (let m = re.exec(input); m; m = re.exec(input)) if (m[0] === '') re.lastIndex++;
      expect(performance.now() - t0, source).toBeLessThan(200);
    }
  });
});

describe('uniquelyDecodable (Sardinas–Patterson)', () => {
  it.each([
    [['a', 'aa'], false],
    [['a', 'ab', 'bc', 'c'], false],
    [['some ', 'deep ', 'some deep '], false],
    [['a', 'b'], true],
    [[' also', ' already', ' just'], true],
    [['so', 'sorry'], true],
    [['0', '01', '11'], true],
  ])('%j → %s', (words, expected) => {
    expect(uniquelyDecodable(new Set(words))).toBe(expected);
  });
});

describe('boundedWindows', () => {
  it('keeps short ranges whole', () => {
    expect(boundedWindows(10, 200)).toEqual([[10, 200]]);
  });
  it('covers long ranges with overlapping windows no longer than the bound', () => {
    const w = boundedWindows(0, 2500);
    expect(w[0]).toEqual([0, MAX_MATCH_INPUT]);
    expect(w.at(-1)![1]).toBe(2500);
    for (const [s, e] of w) expect(e - s).toBeLessThanOrEqual(MAX_MATCH_INPUT);
    for (let i = 1; i < w.length; i++) expect(w[i]![0]).toBeLessThan(w[i - 1]![1]);
  });
});

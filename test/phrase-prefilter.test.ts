// The literal prefilter must be sound: whenever a phrase regex matches, its required literals are
// in the folded text. Checked on every pattern in rules/*.yaml against every fixture (and each
// match's own text), plus hand-made cases for the syntax the analysis models.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compilePattern, wordBounded } from '../src/checks/phrase.js';
import { PREFILTER_VERSION, encodeRequirement, fastRequirement, foldText, isShippedPattern, mayMatch, mayMatchFast, primeRequirements, requiredLiterals } from '../src/checks/prefilter.js';

const ROOT = join(import.meta.dirname, '..');

// Every string in a list: phrase patterns and the rules' cue lists (compiled with compilePattern).
function patternsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) typeof v === 'string' ? out.push(v) : patternsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) patternsIn(v, out);
  return out;
}

const validPattern = (p: string): boolean => {
  try {
    new RegExp(wordBounded(p), 'giu');
    return true;
  } catch {
    return false;
  }
};

const patterns = readdirSync(join(ROOT, 'rules'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => patternsIn(parse(readFileSync(join(ROOT, 'rules', f), 'utf8'))))
  .filter(validPattern);

function fixtureTexts(): string[] {
  const base = join(ROOT, 'fixtures');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(base);
  return out;
}

describe('requiredLiterals', () => {
  it('finds the literal words of a phrase, through optional parts and \\s+', () => {
    const sorry = requiredLiterals("(?:i'?m|i am)\\s+(?:so\\s+)?sorry(?:\\s+again)?");
    expect(sorry).toEqual([["i'm so sorry", "i'm sorry", 'im so sorry', 'im sorry', 'i am so sorry', 'i am sorry']]);
    expect(mayMatch(foldText("I'm  so\nSORRY"), sorry)).toBe(true);
    expect(mayMatch(foldText('Sorry, I am late'), sorry)).toBe(false);
    expect(requiredLiterals('(?:so\\s+)?sorry(?:\\s+again)?')).toEqual([['sorry']]);
    expect(requiredLiterals('at\\s+least')).toEqual([['at least']]);
    expect(requiredLiterals('calm\\s+down|relax')).toEqual([['calm down', 'relax']]);
    expect(requiredLiterals('apologi[sz]e')).toEqual([['apologise', 'apologize']]);
  });

  it('gives up (null) when nothing useful is required or the syntax is not modelled', () => {
    expect(requiredLiterals('\\w+')).toBeNull();
    expect(requiredLiterals('(?:a|bc)')).toBeNull();
    expect(requiredLiterals('(?:sorry)?')).toBeNull();
    expect(requiredLiterals('(?:sorry|\\d+)')).toBeNull();
    expect(requiredLiterals('[^a]bc')).toBeNull();
  });

  it('never requires a literal across characters it does not model', () => {
    expect(requiredLiterals('caf\u00e9 au lait')).toEqual([[' au lait']]);
    expect(requiredLiterals('so.rry')).toEqual([['rry']]);
  });

  it('folds case, long s and whitespace runs the way /iu and \\s+ match them', () => {
    const need = requiredLiterals('sorry\\s+to\\s+hear');
    expect(mayMatch(foldText('SORRY \n\t to\u00a0hear'), need)).toBe(true);
    expect(mayMatch(foldText('\u017forry to hear'), need)).toBe(true);
    expect(new RegExp(wordBounded('sorry\\s+to\\s+hear'), 'giu').test('\u017forry to hear')).toBe(true);
    expect(mayMatch(foldText('sorry to see'), need)).toBe(false);
  });
});

describe('compilePattern', () => {
  it('behaves as the word-bounded /giu regex: exec, test, lastIndex, match, replace', () => {
    const re = compilePattern("sorry(?:\\s+again)?");
    const plain = new RegExp(wordBounded("sorry(?:\\s+again)?"), 'giu');
    for (const text of ['Sorry again, and sorry.', 'unsorry sorryful', 'nothing here', 'SORRY\n again']) {
      expect(text.match(re)).toEqual(text.match(plain));
      expect(text.replace(re, '<$&>')).toEqual(text.replace(plain, '<$&>'));
      re.lastIndex = 0;
      plain.lastIndex = 0;
      const a = [...text.matchAll(re)].map((m) => [m.index, m[0]]);
      const b = [...text.matchAll(plain)].map((m) => [m.index, m[0]]);
      expect(a).toEqual(b);
    }
    re.lastIndex = 7;
    plain.lastIndex = 7;
    expect(re.exec('sorry, sorry')?.index).toBe(plain.exec('sorry, sorry')?.index);
    expect(re.lastIndex).toBe(plain.lastIndex);
    expect(re.test('no match')).toBe(false);
    expect(re.lastIndex).toBe(0);
  });

  it('reports a syntax error when compiled, naming where the pattern came from', () => {
    expect(() => compilePattern('sorry(', 'over-apology: phrase "x"')).toThrow(/over-apology: phrase "x": invalid pattern \/sorry\(\//);
  });
});

describe('compilePattern on the shipped rule data', () => {
  // All fixtures as one text, plus versions where words run together (bare matches off word
  // boundaries, so the bounded regex has to take over) and in capitals.
  const all = fixtureTexts().join('\n\n').slice(0, 60_000);
  const texts = [all, all.replace(/ (?=[a-z])/g, ''), all.toUpperCase(), `x${all.replace(/\s+/g, '_')}`];

  // How rules iterate: exec from lastIndex, stepping one unit past an empty match.
  const execAll = (re: RegExp, text: string, max = Infinity): unknown[] => {
    const out: unknown[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
      out.push([m.index, ...m]);
      if (m[0] === '') re.lastIndex++;
    }
    return out;
  };

  it('finds exactly the matches of the plain word-bounded regex', { timeout: 300_000 }, () => {
    // As after `npm run build`: shipped patterns are known valid and compiled on first use.
    primeRequirements(PREFILTER_VERSION, Object.fromEntries(patterns.map((p) => [p, encodeRequirement(requiredLiterals(p))])));
    expect(patterns.every((p) => isShippedPattern(p))).toBe(true);
    expect(isShippedPattern('sorry(')).toBe(false);
    expect(() => compilePattern('sorry(', 'x')).toThrow(/invalid pattern/);
    let matches = 0;
    // Patterns that match the empty string match at every position: covered on a short text below.
    for (const p of patterns.filter((x) => !new RegExp(`^(?:${x})$`, 'u').test(''))) {
      const lazy = compilePattern(p);
      const plain = new RegExp(wordBounded(p), 'giu');
      for (const text of texts) {
        const b = execAll(plain, text);
        expect(execAll(lazy, text), `/${p}/`).toEqual(b);
        // matchAll works on a copy of the regex.
        expect([...text.matchAll(lazy)].map((m) => [m.index, ...m]), `/${p}/ matchAll`).toEqual([...text.matchAll(plain)].map((m) => [m.index, ...m]));
        matches += b.length;
        expect(b.length, `/${p}/ matches a lot`).toBeLessThan(20_000);
      }
    }
    expect(matches).toBeGreaterThan(1000);
  });

  it('agrees on empty matches next to emoji, where a bare /u regex would step back', () => {
    // (Stepping one unit past an empty match before an emoji never gets past it, bounded or not:
    // the comparison stops after 40 matches.)
    for (const text of ['ok 😀 fine 😀😀 x😀y 😀', 'x😀y z😀', '😀a b😀']) {
      for (const p of ['', '(?:)', '(?:so )?', 'x?', 'y?']) expect(execAll(compilePattern(p), text, 40), `/${p}/ on ${text}`).toEqual(execAll(new RegExp(wordBounded(p), 'giu'), text, 40));
    }
  });
});

describe('the prefilter is sound on the shipped rule data', () => {
  // Plain regexes, not compilePattern's (which applies the prefilter itself).
  const compiled = patterns.map((p) => ({ p, re: new RegExp(wordBounded(p), 'giu'), need: requiredLiterals(p) }));

  it('has patterns to check, and filters most of them', () => {
    expect(compiled.length).toBeGreaterThan(100);
    expect(compiled.filter((c) => c.need).length / compiled.length).toBeGreaterThan(0.8);
  });

  it('never skips a pattern that matches a fixture', { timeout: 300_000 }, () => {
    const texts = fixtureTexts();
    let matched = 0;
    for (const text of texts) {
      const folded = foldText(text);
      for (const { p, re, need } of compiled) {
        re.lastIndex = 0;
        const m = re.exec(text);
        if (!m) continue;
        matched++;
        expect(mayMatch(folded, need), `/${p}/ matched "${m[0]}" but its literals ${JSON.stringify(need)} were not found`).toBe(true);
        // The match on its own, upper-cased, with doubled spaces: still passes the prefilter.
        const variant = m[0].toUpperCase().replace(/ /g, ' \n ');
        re.lastIndex = 0;
        if (re.test(variant)) expect(mayMatch(foldText(variant), need), `/${p}/ on "${variant}"`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(100);
  });

  it('never skips a pattern on random mixes of its own literals and noise', () => {
    const words = [...new Set(compiled.flatMap((c) => c.need ?? []).flat())].slice(0, 400);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(' ', '\n', ', ', "'", 'I', 'We', 'so', 'you')), { maxLength: 12 }), (parts) => {
        const text = parts.join(' ');
        const folded = foldText(text);
        for (const { re, need } of compiled) {
          re.lastIndex = 0;
          if (re.test(text) && !mayMatch(folded, need)) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});

describe('the fast prefilter (bigram test, trigram index on long texts) answers as mayMatch does', () => {
  const needs = [...new Set(patterns)].map((p) => requiredLiterals(p)).filter((n): n is NonNullable<typeof n> => n !== null);
  const fast = needs.map((n) => fastRequirement(n));
  const texts = fixtureTexts().map(foldText);

  it('on every fixture, for every shipped pattern', { timeout: 120_000 }, () => {
    let passed = 0;
    for (const text of texts) {
      needs.forEach((need, i) => {
        const expected = mayMatch(text, need);
        expect(mayMatchFast(text, fast[i]!), `${JSON.stringify(need).slice(0, 80)} on ${text.slice(0, 60)}`).toBe(expected);
        if (expected) passed++;
      });
    }
    expect(passed).toBeGreaterThan(1000);
  });

  it('on random mixes of literals, noise and non-ASCII text', () => {
    const words = [...new Set(needs.flat(2))].slice(0, 600);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 }), fc.constantFrom(' ', 'é', '😀', '\uFFFC', 'ſ')), { maxLength: 16 }), (parts) => {
        const text = foldText(parts.join(''));
        return needs.every((need, i) => mayMatchFast(text, fast[i]!) === mayMatch(text, need));
      }),
      { numRuns: 200 },
    );
  });

  it('on a text long enough for the trigram index, including literals at its very ends', { timeout: 120_000 }, () => {
    const body = texts.join(' ');
    let long = '';
    while (long.length < 60_000) long += `${body} `;
    for (const text of [long, `sorry ${long} apologize`, long.replace(/[aeiou]/g, 'é')]) {
      needs.forEach((need, i) => expect(mayMatchFast(text, fast[i]!), JSON.stringify(need).slice(0, 80)).toBe(mayMatch(text, need)));
    }
  });
});

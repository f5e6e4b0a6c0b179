// Shipped phrase data meets the bar attune enforces on users' custom rules and vocabulary: every
// regular expression in rules/*.yaml compiles with the `u` flag and passes the ReDoS guard
// (checkPattern). A built-in pattern the guard would reject in a team's config is one a later
// edit can turn into exponential backtracking on a long draft, so it fails here, by file and path.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkPattern } from '../src/core/safe-regex.js';

const RULES = join(import.meta.dirname, '..', 'rules');

interface Found {
  where: string;
  source: string;
}

/** Every string under a `patterns` (or `pattern`) key, anywhere in a rule's data. */
function patternsIn(node: unknown, where: string, out: Found[]): Found[] {
  if (Array.isArray(node)) node.forEach((n, i) => patternsIn(n, `${where}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'patterns' || key === 'pattern') {
        const list: unknown[] = Array.isArray(value) ? value : [value];
        list.forEach((p, i) => {
          if (typeof p === 'string') out.push({ where: `${where}.${key}${Array.isArray(value) ? `[${i}]` : ''}`, source: p });
        });
      } else patternsIn(value, `${where}.${key}`, out);
    }
  }
  return out;
}

const files = readdirSync(RULES).filter((f) => f.endsWith('.yaml')).sort();
const all = files.flatMap((f) => patternsIn(parse(readFileSync(join(RULES, f), 'utf8')), f, []));

describe('built-in rule data', () => {
  it('is found: every rule file is read and the pattern lists are not empty', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    // Hundreds of patterns ship; a walker that finds a handful has lost its way in the data.
    expect(all.length).toBeGreaterThan(300);
  });

  it('compiles every pattern as a Unicode regular expression', () => {
    const broken = all.filter((p) => {
      try {
        new RegExp(p.source, 'iu');
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.map((p) => p.where)).toEqual([]);
  });

  it('passes the ReDoS guard users\' patterns must pass', () => {
    const rejected = all.map((p) => ({ where: p.where, problem: checkPattern(p.source)?.message })).filter((p) => p.problem);
    expect(rejected).toEqual([]);
  });

  it('the guard still rejects the shapes this data used to have (so the test above can fail)', () => {
    // A duplicated alternative, an adverb list overlapping \w+ly, and a branch made of two others.
    expect(checkPattern('(?:(?:really|sincerely|again|sincerely)[\\s,]+){0,4}apologi[sz]e')).not.toBeNull();
    expect(checkPattern("(?:i|we)(?: (?:happily|then|\\w+ly|then))* (?:send|call)")).not.toBeNull();
    expect(checkPattern('try (?:some |deep |some deep )*breathing')).not.toBeNull();
  });
});

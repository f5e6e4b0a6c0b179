// Every built-in rule keeps the same contract: metadata, docs, data whose examples behave as they
// claim, no duplicate phrases, and fixtures both ways.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules, defaultConfig, lintUnit } from '../src/index.js';
import { loadRuleData } from '../src/core/rule-data.js';
import { listFixtures } from './helpers/fixtures.js';

const ROOT = join(import.meta.dirname, '..');
type Example = string | { draft: string; context?: string };

function lintOnly(ruleId: string, ex: Example) {
  const config = defaultConfig();
  for (const [id, s] of Object.entries(config.rules)) s.severity = id === ruleId ? 'warn' : 'off';
  const draft = typeof ex === 'string' ? ex : ex.draft;
  const context = typeof ex === 'string' ? null : ex.context ?? null;
  return lintUnit({ text: draft, file: 'example' }, { config, context: context ? { text: context, file: 'ctx' } : null });
}

describe.each(builtinRules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('has complete metadata', () => {
    expect(rule.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const [mid, msg] of Object.entries(rule.meta.messages)) {
      expect(mid).toMatch(/^[a-zA-Z][\w-]*$/);
      expect(msg.trim().length).toBeGreaterThan(10);
    }
    expect(rule.meta.docs).toBe(`rules/${id}.md`);
  });

  it('has docs with flagged and accepted examples', () => {
    const docs = readFileSync(join(ROOT, 'rules', `${id}.md`), 'utf8');
    expect(docs).toMatch(new RegExp(`^# ${id}`, 'm'));
    expect(docs).toMatch(/flagged/i);
    expect(docs).toMatch(/accepted/i);
  });

  it('has data examples that behave as they claim', () => {
    const data = loadRuleData(id);
    const examples = data.examples as { flag?: Example[]; pass?: Example[] } | undefined;
    expect(examples?.flag?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(examples?.pass?.length ?? 0).toBeGreaterThanOrEqual(3);
    for (const ex of examples?.flag ?? []) {
      expect(lintOnly(id, ex).findings.map((f) => f.rule), `should flag: ${JSON.stringify(ex)}`).toContain(id);
    }
    for (const ex of examples?.pass ?? []) {
      expect(lintOnly(id, ex).findings, `should pass: ${JSON.stringify(ex)}`).toEqual([]);
    }
  });

  it('has no duplicate phrases or phrase ids', () => {
    const phrases = loadRuleData(id).phrases ?? [];
    const ids = phrases.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const patterns = phrases.flatMap((p) => p.patterns.map((x) => x.toLowerCase()));
    expect(patterns.filter((p, i) => patterns.indexOf(p) !== i)).toEqual([]);
  });

  it('has at least 15 fixtures that fire and 15 that stay clean', () => {
    const dir = join(ROOT, 'fixtures', id);
    expect(existsSync(dir)).toBe(true);
    const files = listFixtures(dir);
    expect(files.filter((f) => /\/not-ok-[^/]+$/.test(f)).length).toBeGreaterThanOrEqual(15);
    expect(files.filter((f) => /\/ok-[^/]+$/.test(f)).length).toBeGreaterThanOrEqual(15);
  });
});

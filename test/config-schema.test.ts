// The published JSON Schema and attune's own validator must agree: ajv (the reference
// implementation, a devDependency only) and config-schema.ts judge the same configs, hand-picked
// and generated, and reach the same verdict. Also: errors name the file, the key path and what
// was expected, unknown keys get a "did you mean", and the schema keeps up with the rules.

import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { KEYWORDS, SCHEMA_PATH, configSchema, schemaError } from '../src/core/config-schema.js';
import { CONFIG_KEYS, ConfigLoader } from '../src/core/config.js';
import { builtinRules } from '../src/rules/index.js';
import { presets } from '../src/core/presets.js';
import { AttuneError } from '../src/core/errors.js';
import { cleanup, tree } from './helpers/project.js';

afterAll(cleanup);

const ROOT = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: false });
const ajvValidate = ajv.compile(schema);
const ajvRuleFile = ajv.compile({ ...schema, $ref: '#/definitions/customRuleFile', properties: undefined, additionalProperties: undefined, type: undefined });

const GOOD: unknown[] = [
  {},
  { $schema: './node_modules/attune/schema/attunerc.schema.json' },
  { extends: 'attune:recommended' },
  { extends: ['attune:mental-health', './base.yaml'] },
  { rules: { 'over-apology': 'error', 'missing-action': ['warn', { ignorePraise: true }], 'acme/thing': ['off'] } },
  { crisis: { resources: [{ name: 'Line', contact: 'call 1', region: 'US' }], available24x7: true }, escalation: { team: 'our care team' } },
  { library: { fields: { name: 'title', body: 'reply' } } },
  { overrides: [{ files: 'billing/**', rules: { 'over-apology': 'off' } }, { files: ['a/*.md', 'b/**'], excludedFiles: 'b/old/**', escalation: { team: 'billing' } }] },
  { ignores: ['drafts/archive/**', '!drafts/archive/keep.txt'] },
  { vocabulary: { accept: ['Acme Cloud'], reject: ['calm down', { phrase: 'per my last email', suggestion: 'as I mentioned' }, { pattern: 'cheers\\s+mate' }] } },
  { plugins: ['./my-rules.js', 'attune-plugin-x', '@acme/attune-plugin'] },
  { customRules: ['./team-rules.yaml', { id: 'no-jargon', kind: 'phrase', phrases: ['ticket'], examples: { flag: ['your ticket'], pass: ['your request'] } }] },
  { customRules: [{ id: 'plain', kind: 'substitution', swap: { utilize: 'use' }, severity: 'error', category: 'tone' }] },
  { customRules: [{ id: 'one-sorry', kind: 'occurrence', patterns: ['sorry'], max: 1, scope: 'sentence' }] },
  { customRules: [{ id: 'refund-timeline', kind: 'require', if: { phrases: ['refund'] }, then: { patterns: ['\\d+ days'] } }] },
  ...Object.values(presets),
  parse(readFileSync(join(ROOT, 'fixtures/config/team/.attunerc.yaml'), 'utf8')),
];

const BAD: Array<[unknown, string, string]> = [
  [[], '', 'expected an object'],
  [{ overides: [] }, 'overides', 'unknown key (did you mean "overrides"?)'],
  [{ ignore: ['x'] }, 'ignore', 'did you mean "ignores"?'],
  [{ extends: 3 }, 'extends', 'expected a preset name or a file path'],
  [{ rules: { 'over-apology': 'loud' } }, 'rules.over-apology', 'expected "off", "warn" or "error"'],
  [{ rules: { 'over-apology': ['warn', 3] } }, 'rules.over-apology[1]', 'expected an object'],
  [{ rules: { 'over-apology': ['warn', {}, 1] } }, 'rules.over-apology', 'expected at most 2 entries'],
  [{ overrides: [{ rules: {} }] }, 'overrides[0].files', 'missing: expected a glob or a list of globs'],
  [{ overrides: [{ files: [] }] }, 'overrides[0].files', 'with at least 1 entry, got 0'],
  [{ overrides: [{ files: 'x/**', rule: {} }] }, 'overrides[0].rule', 'did you mean "rules"?'],
  [{ ignores: 'drafts/**' }, 'ignores', 'expected a list of non-empty strings, got string'],
  [{ vocabulary: { accept: 'Acme' } }, 'vocabulary.accept', 'expected a list of non-empty strings'],
  [{ vocabulary: { reject: [{ suggestion: 'x' }] } }, 'vocabulary.reject[0]', 'expected {phrase or pattern, suggestion, message}'],
  [{ vocabulary: { rejects: [] } }, 'vocabulary.rejects', 'did you mean "reject"?'],
  [{ plugins: 'attune-plugin-x' }, 'plugins', 'expected a list'],
  [{ customRules: [{ id: 'x', kind: 'substitute' }] }, 'customRules[0].kind', 'got "substitute" (did you mean "substitution"?)'],
  [{ customRules: [{ kind: 'phrase' }] }, 'customRules[0].id', 'missing'],
  [{ customRules: [{ id: 'Bad Id', kind: 'phrase' }] }, 'customRules[0].id', 'expected a lowercase id'],
  [{ customRules: [{ id: 'x', kind: 'phrase', pattern: ['a'] }] }, 'customRules[0].pattern', 'did you mean "patterns"?'],
  [{ customRules: [{ id: 'x', kind: 'occurrence', phrases: ['a'], max: -1 }] }, 'customRules[0].max', 'expected a whole number >= 0, got -1'],
  [{ customRules: [{ id: 'x', kind: 'occurrence', phrases: ['a'], max: 1.5 }] }, 'customRules[0].max', 'expected a whole number'],
  [{ customRules: [{ id: 'x', kind: 'phrase', phrases: [] }] }, 'customRules[0].phrases', 'at least 1 entry'],
  [{ customRules: [{ id: 'x', kind: 'require', if: {} }] }, 'customRules[0].if', 'expected {phrases: [...]} and/or {patterns: [...]}'],
  [{ customRules: [{ id: 'x', kind: 'phrase', phrases: ['a'], examples: { flags: [] } }] }, 'customRules[0].examples.flags', 'did you mean "flag"?'],
  [{ customRules: [3] }, 'customRules[0]', 'expected a rule file path or a rule definition'],
  [{ crisis: { resources: [{ name: 'X' }] } }, 'crisis.resources[0].contact', 'missing: expected a non-empty string'],
];

describe('the schema file', () => {
  it('is draft-07 JSON Schema that ajv compiles, using only keywords config-schema.ts implements', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => configSchema()).not.toThrow();
    const used = new Set<string>();
    const walk = (v: unknown, parentKey: string) => {
      if (Array.isArray(v)) return v.forEach((x) => walk(x, parentKey));
      if (typeof v !== 'object' || v === null) return;
      for (const [k, x] of Object.entries(v)) {
        // Keys of `properties` and `definitions` are names, not keywords.
        if (parentKey !== 'properties' && parentKey !== 'definitions') used.add(k);
        walk(x, k);
      }
    };
    walk(schema, '');
    for (const k of used) expect(KEYWORDS.has(k) || ['$schema', 'title', 'description', 'errorMessage', 'definitions', 'default', 'examples'].includes(k), k).toBe(true);
  });

  it('names every top-level key the loader accepts, and nothing else', () => {
    expect(Object.keys(schema.properties as object).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('lists every built-in rule (and vocabulary) under rules, for editor completion', () => {
    const listed = Object.keys((schema.definitions as Record<string, { properties: object }>).rules!.properties).sort();
    expect(listed).toEqual([...builtinRules.map((r) => r.meta.id), 'vocabulary'].sort());
  });

  it('is in the published package (package.json "files")', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
  });

  it('ajv is never loaded at run time (it is a devDependency)', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(ROOT, 'src'));
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/from ['"]ajv['"]|import\(['"]ajv['"]\)/);
  });
});

describe('ajv and config-schema.ts agree', () => {
  it.each(GOOD.map((c, i) => [i, c]))('good config #%i is valid for both', (_, config) => {
    expect(ajvValidate(config), JSON.stringify(ajvValidate.errors)).toBe(true);
    expect(schemaError(config)).toBeNull();
  });

  it.each(BAD)('%j is invalid for both, at %s', (config, path, message) => {
    expect(ajvValidate(config)).toBe(false);
    const err = schemaError(config);
    expect(err).not.toBeNull();
    expect(err!.path).toBe(path);
    expect(err!.message).toContain(message);
  });

  it('custom-rule files: the fixture is valid for both; a broken one for neither', () => {
    const team = parse(readFileSync(join(ROOT, 'fixtures/config/team/team-rules.yaml'), 'utf8'));
    expect(ajvRuleFile(team)).toBe(true);
    expect(schemaError(team, 'customRuleFile')).toBeNull();
    const broken = { rules: [{ id: 'x', kind: 'phrase', phrase: ['a'] }] };
    expect(ajvRuleFile(broken)).toBe(false);
    expect(schemaError(broken, 'customRuleFile')?.path).toBe('rules[0].phrase');
  });

  it('generated configs get the same verdict from both', () => {
    // Mostly valid pieces with some invalid ones mixed in, so both verdicts are common.
    const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: bad, weight: 1 });
    const word = fc.constantFrom('x', 'billing/**', 'attune:recommended', 'Acme Cloud', 'team-rule', 'phrase', 'sorry');
    const str = mostly(word, fc.constantFrom('', 'off', 'Bad Id'));
    const junk = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    const list = (item: fc.Arbitrary<unknown>, minLength = 0) => mostly(fc.array(item, { minLength, maxLength: 3 }), junk);
    const severity = mostly(fc.constantFrom('off', 'warn', 'error'), fc.constantFrom('loud', 2, 'warning'));
    const ruleEntry = fc.oneof(severity, fc.tuple(severity), fc.tuple(severity, mostly(fc.constant({ max: 1 }), junk)), fc.tuple(severity, fc.constant({}), fc.constant(1)));
    const rules = mostly(fc.dictionary(word, ruleEntry, { maxKeys: 3 }), junk);
    const matcher = mostly(fc.record({ phrases: list(str, 1), patterns: list(str, 1) }, { requiredKeys: [] }), junk);
    const customRule = fc.record(
      {
        id: mostly(fc.constantFrom('team-rule', 'a1', 'refund-timeline'), fc.constantFrom('Bad', '', 'x/y')),
        kind: mostly(fc.constantFrom('phrase', 'substitution', 'occurrence', 'require'), fc.constantFrom('substitute', 3)),
        phrases: list(str, 1),
        swap: mostly(fc.dictionary(word, str, { minKeys: 1, maxKeys: 2 }), junk),
        max: mostly(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-1, 1.5, '2')),
        scope: mostly(fc.constantFrom('document', 'sentence'), fc.constantFrom('doc', 1)),
        if: matcher,
        examples: mostly(fc.record({ flag: list(fc.string({ maxLength: 5 })), pass: list(fc.string({ maxLength: 5 })) }, { requiredKeys: [] }), junk),
      },
      { requiredKeys: ['id', 'kind'] },
    );
    const typo = fc.record({ tpyo: junk }, { requiredKeys: [] });
    const withTypo = <T,>(a: fc.Arbitrary<T>) => mostly(a, fc.tuple(a, typo).map(([x, t]) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? { ...x, ...t } : x)));
    const vocabulary = withTypo(fc.record({ accept: list(str), reject: list(fc.oneof(str, withTypo(fc.record({ phrase: str, pattern: str, suggestion: str }, { requiredKeys: [] })))) }, { requiredKeys: [] }));
    const config = withTypo(
      fc.record(
        {
          extends: mostly(fc.oneof(word, fc.array(word, { maxLength: 2 })), junk),
          rules,
          ignores: list(str),
          overrides: list(withTypo(fc.record({ files: mostly(fc.oneof(word, fc.array(str, { minLength: 1, maxLength: 2 })), junk), excludedFiles: word, rules, vocabulary }, { requiredKeys: ['files'] }))),
          vocabulary,
          customRules: list(fc.oneof(str, withTypo(customRule))),
          plugins: list(str),
          crisis: withTypo(fc.record({ resources: list(withTypo(fc.record({ name: str, contact: str, region: mostly(word, junk) }, { requiredKeys: ['name', 'contact'] }))), available24x7: mostly(fc.boolean(), junk) }, { requiredKeys: [] })),
          escalation: withTypo(fc.record({ team: str }, { requiredKeys: [] })),
        },
        { requiredKeys: [] },
      ),
    );
    let valid = 0;
    fc.assert(
      fc.property(config, (c) => {
        const a = ajvValidate(c) === true;
        const b = schemaError(c) === null;
        if (a) valid++;
        expect(b, `${JSON.stringify(c)}\najv: ${JSON.stringify(ajvValidate.errors)}\nours: ${JSON.stringify(schemaError(c))}`).toBe(a);
      }),
      { numRuns: 3000, seed: 7 },
    );
    // The generator must reach both verdicts, or agreement proves nothing.
    expect(valid).toBeGreaterThan(100);
    expect(valid).toBeLessThan(2700);
  });
});

describe('config files are validated against the schema', () => {
  const configError = async (files: Record<string, string>): Promise<AttuneError> => {
    const root = tree({ '.git/': '', ...files, 'a.txt': 'Hi.' });
    try {
      await new ConfigLoader({ cwd: root }).forFile(join(root, 'a.txt'));
    } catch (err) {
      return err as AttuneError;
    }
    throw new Error('expected a config error');
  };

  it('names the file, the key path and what was expected', async () => {
    const err = await configError({ '.attunerc.yaml': 'overrides:\n  - files: billing/**\n    rules:\n      over-apology: loud\n' });
    expect(err).toBeInstanceOf(AttuneError);
    expect(err.code).toBe('config');
    expect(err.message).toBe('.attunerc.yaml: overrides[0].rules.over-apology: expected "off", "warn" or "error", got "loud"');
  });

  it('unknown keys anywhere get a did-you-mean', async () => {
    expect((await configError({ '.attunerc.json': '{"vocabulary": {"acept": ["Acme"]}}' })).message).toBe('.attunerc.json: vocabulary.acept: unknown key (did you mean "accept"?)');
    expect((await configError({ '.attunerc.yaml': 'customrules: []\n' })).message).toBe('.attunerc.yaml: customrules: unknown key (did you mean "customRules"?)');
  });

  it('unknown rule ids in overrides are checked against the rules the config defines', async () => {
    const err = await configError({ '.attunerc.yaml': 'overrides:\n  - files: "*.md"\n    rules:\n      over-apolgy: off\n' });
    expect(err.message).toBe('.attunerc.yaml: overrides[0].rules.over-apolgy: unknown rule "over-apolgy" (did you mean "over-apology"?)');
  });

  it('a config in package.json is validated too', async () => {
    const err = await configError({ 'package.json': JSON.stringify({ name: 'x', attune: { ignores: [''] } }) });
    expect(err.message).toBe('package.json: ignores[0]: expected a non-empty string, got an empty string');
  });
});

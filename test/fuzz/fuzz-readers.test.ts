// Fuzzing the library readers and the config loader (issue 8) with mutated versions of the
// fixtures: byte flips, truncation, duplication and structural mutations. Whatever the damage,
// reading either works (and every unit maps back inside the file) or fails with a clean
// AttuneError: never a TypeError, a RangeError or a hang. Fixed seed; FUZZ_RUNS raises the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttuneError } from '../../src/core/errors.js';
import { ConfigLoader } from '../../src/core/config.js';
import { lintUnit } from '../../src/core/linter.js';
import { decodeBytes } from '../../src/sources/decode.js';
import { readUnits } from '../../src/sources/index.js';
import { readThread } from '../../src/sources/thread.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 8);
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LIBRARIES = join(ROOT, 'fixtures', 'libraries');
const libraryFiles = readdirSync(LIBRARIES, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();

// Structural damage a hand edit or a broken export produces.
const TOKENS = ['{', '}', '[', ']', '"', "'", ',', ':', '\n', '\r\n', '\\', '\\u', '- ', '  ', '\t', '#', '&', '*', '|', '>', '---', 'null', '""', '0', '\u0000', '\uFFFD', '"body":', 'body: ', ',,', '"\n"'];

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'swapLines'; a: number; b: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
);

function mutate(original: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = Buffer.from(original);
  for (const m of mutations) {
    if (b.length === 0) break;
    const at = (n: number) => n % (b.length + 1);
    switch (m.kind) {
      case 'flip': {
        const i = m.at % b.length;
        b[i] = b[i]! ^ (1 << m.bit);
        break;
      }
      case 'truncate':
        b = b.subarray(0, at(m.at));
        break;
      case 'duplicate': {
        const from = at(m.at);
        const piece = b.subarray(from, from + m.length);
        const to = at(m.to);
        b = Buffer.concat([b.subarray(0, to), piece, b.subarray(to)]);
        break;
      }
      case 'delete': {
        const from = at(m.at);
        b = Buffer.concat([b.subarray(0, from), b.subarray(from + m.length)]);
        break;
      }
      case 'insert': {
        const to = at(m.at);
        b = Buffer.concat([b.subarray(0, to), Buffer.from(m.token), b.subarray(to)]);
        break;
      }
      case 'swapLines': {
        const lines = b.toString('latin1').split('\n');
        const i = m.a % lines.length;
        const j = m.b % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        b = Buffer.from(lines.join('\n'), 'latin1');
        break;
      }
    }
  }
  return b;
}

/** Read and lint as the CLI does; only AttuneError may escape. */
function readAndLint(file: string, bytes: Buffer): { units: number; problems: number } {
  const decoded = decodeBytes(bytes);
  if (decoded.binary) return { units: 0, problems: 0 };
  const text = decoded.text;
  let problems = 0;
  const thread = readThread(text, file);
  const units = thread ? [] : readUnits({ file, absPath: null, text }, undefined, { onProblem: () => void problems++ });
  for (const unit of units) {
    const result = lintUnit(unit);
    for (const f of result.findings) {
      expect(f.range[0]).toBeGreaterThanOrEqual(0);
      expect(f.range[1]).toBeGreaterThanOrEqual(f.range[0]);
      expect(f.range[1]).toBeLessThanOrEqual(text.length);
      expect(f.text).toBe(text.slice(f.range[0], f.range[1]));
    }
  }
  return { units: units.length, problems };
}

function expectCleanFailure(err: unknown, file: string): void {
  if (!(err instanceof AttuneError)) throw err;
  expect(err.message.split('\n'), err.message).toHaveLength(1);
  expect(err.message.startsWith(file), err.message).toBe(true);
}

describe('library readers on mutated fixtures', () => {
  it('has fixtures of every kind to mutate', () => {
    expect(libraryFiles.filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(5);
    expect(libraryFiles.some((f) => f.endsWith('.yaml'))).toBe(true);
    expect(libraryFiles.some((f) => f.endsWith('.csv'))).toBe(true);
    expect(libraryFiles.some((f) => f.endsWith('.md'))).toBe(true);
  });

  for (const name of libraryFiles) {
    it(`${name}: reads or fails with a one-line AttuneError naming the file`, () => {
      const original = readFileSync(join(LIBRARIES, name));
      // The unmutated fixture reads cleanly: the mutations are what break it.
      expect(readAndLint(name, original).units).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          const bytes = mutate(original, mutations);
          try {
            readAndLint(name, bytes);
          } catch (err) {
            expectCleanFailure(err, name);
          }
        }),
        params,
      );
    });
  }
});

describe('config loader on mutated configs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attune-fuzz-config-'));
    mkdirSync(join(dir, '.git'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const CONFIGS: Record<string, string> = {
    '.attunerc.json': JSON.stringify(
      {
        extends: 'attune:recommended',
        rules: { 'over-apology': ['warn', { max: 1 }], 'minimizing-language': 'error', 'missing-action': 'off' },
        crisis: { resources: [{ name: 'Helpline', contact: 'call 555 0100', region: 'US' }], available24x7: true },
        escalation: { team: 'the care team' },
        library: { fields: { name: 'title', body: 'text', id: 'key' } },
      },
      null,
      2,
    ),
    '.attunerc.yaml': [
      'extends: attune:recommended',
      'rules:',
      '  over-apology: [warn, { max: 1 }]',
      '  minimizing-language: error',
      'crisis:',
      '  resources:',
      '    - name: Helpline',
      '      contact: call 555 0100',
      '  available24x7: false',
      'escalation:',
      '  team: "the care team"',
      '',
    ].join('\n'),
    'package.json': JSON.stringify({ name: 'drafts', private: true, attune: { rules: { 'over-apology': 'error' } } }, null, 2),
  };

  for (const [name, content] of Object.entries(CONFIGS)) {
    it(`${name}: loads or fails with a one-line config error naming the file`, async () => {
      const original = Buffer.from(content);
      let i = 0;
      // The unmutated config loads.
      const ok = join(dir, `${name}-ok`);
      mkdirSync(ok, { recursive: true });
      writeFileSync(join(ok, name), original);
      await new ConfigLoader({ cwd: ok }).forFile(join(ok, 'a.txt'));
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          const case_ = join(dir, `${name}-${++i}`);
          mkdirSync(case_, { recursive: true });
          writeFileSync(join(case_, name), mutate(original, mutations));
          try {
            const { config } = await new ConfigLoader({ cwd: case_ }).forFile(join(case_, 'a.txt'));
            expect(typeof config.rules).toBe('object');
          } catch (err) {
            if (!(err instanceof AttuneError)) throw err;
            expect(err.code, err.message).toBe('config');
            expect(err.message.split('\n'), err.message).toHaveLength(1);
            expect(err.message.startsWith(name), err.message).toBe(true);
          }
        }),
        { ...params, numRuns: Math.ceil(RUNS / 2) },
      );
    });
  }
});

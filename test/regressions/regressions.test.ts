// The regression corpus (issue 8): every input that ever broke attune, one JSON file each, with why
// it broke. Each is linted by every built-in rule and must not crash, must keep the result
// invariants, must keep findings out of placeholders, and must meet its own expectations. Add a
// file here for every crash or wrong position found by fuzzing or reported by a user.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type SourceFormat } from '../../src/core/document.js';
import { lintUnit } from '../../src/core/linter.js';
import { AttuneError } from '../../src/core/errors.js';
import { readUnits } from '../../src/sources/index.js';
import { expectValidResults } from '../helpers/invariants.js';

interface Case {
  why: string;
  format?: SourceFormat;
  text?: string;
  repeat?: { text: string; times: number };
  /** Only the document model (the rules would take long on a huge input; the crash was in parsing). */
  parseOnly?: boolean;
  maxMs?: number;
  mustFind?: string[];
  mustNotFind?: string[];
  /** Read as this file name through the readers (libraries, threads) before linting. */
  file?: string;
}

const DIR = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('regression corpus', () => {
  it('has cases, each saying why it is here', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect((JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Case).why.length, f).toBeGreaterThan(20);
  });

  for (const file of files) {
    it(file.replace(/\.json$/, ''), () => {
      const c = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Case;
      const text = c.repeat ? c.repeat.text.repeat(c.repeat.times) : c.text!;
      const format = c.format ?? 'text';
      const started = Date.now();
      if (c.file) {
        // Through the readers: units are linted, a damaged file fails with a one-line AttuneError.
        try {
          for (const unit of readUnits({ file: c.file, absPath: null, text }, undefined, { onProblem: () => undefined })) expectValidResults(text, [lintUnit(unit)]);
        } catch (err) {
          if (!(err instanceof AttuneError)) throw err;
          expect(err.message.split('\n'), err.message).toHaveLength(1);
          expect(err.message.startsWith(c.file)).toBe(true);
        }
      } else if (c.parseOnly) {
        const doc = parseDocument(text, { format });
        expect(doc.paragraphs.length).toBeGreaterThan(0);
        expect(doc.toSource(doc.text.length, true)).toBeLessThanOrEqual(text.length);
      } else {
        const result = lintUnit({ text, file: file, format });
        expectValidResults(text, [result]);
        const placeholders = parseDocument(text, { format }).masks.filter((m) => m.kind === 'placeholder');
        for (const f of result.findings) {
          for (const p of placeholders) {
            expect(f.range[0] >= p.start && f.range[1] <= p.end && f.range[1] > f.range[0], `${f.rule} inside ${text.slice(p.start, p.end)}`).toBe(false);
            expect(f.range[0] > p.start && f.range[0] < p.end, `${f.rule} starts inside a placeholder`).toBe(false);
          }
        }
        const rules = new Set(result.findings.map((f) => f.rule));
        for (const r of c.mustFind ?? []) expect(rules.has(r), `${r} must be found`).toBe(true);
        for (const r of c.mustNotFind ?? []) expect(rules.has(r), `${r} must not be found`).toBe(false);
      }
      if (c.maxMs) expect(Date.now() - started).toBeLessThan(c.maxMs);
    }, 60_000);
  }
});

describe('document model: a greeting after lines of template placeholders', () => {
  it('is still the greeting, and the body starts after it', () => {
    const text = '{{#if agent.greeting}}\nHi {{ticket.requester.first_name}},\n\nYour refund went out today.\n\n{{agent.signature}}\n{{/if}}\n';
    const doc = parseDocument(text, { format: 'text' });
    expect(doc.greeting).not.toBeNull();
    expect(doc.source.slice(doc.toSource(doc.greeting!.start), doc.toSource(doc.greeting!.end, true))).toBe('Hi {{ticket.requester.first_name}},');
    expect(doc.bodySentences[0]!.text).toBe('Your refund went out today.');
  });

  it('a placeholder that starts the greeting line stays part of it; text before it is no greeting', () => {
    expect(parseDocument('{{salutation}} Dana,\n\nThanks for writing.', { format: 'text' }).greeting).toBeNull();
    expect(parseDocument('Thanks for the photo.\nHi Dana,\nIt ships today.', { format: 'text' }).greeting).toBeNull();
    expect(parseDocument('\n\n  Hello Dana,\nIt ships today.', { format: 'text' }).greeting).not.toBeNull();
  });
});

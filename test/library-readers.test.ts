// Library readers: every format reads its sample export, findings map back to the exact characters
// of the export file (through JSON escapes, HTML, YAML block scalars and doubled CSV quotes),
// broken exports fail with file:line:column, and one broken macro never hides the others.
// A probe rule stands in for the real rules so these tests do not depend on any rule's wording.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintUnit, defaultConfig } from '../src/core/linter.js';
import { LineIndex } from '../src/core/position.js';
import { AttuneError } from '../src/core/errors.js';
import type { Rule } from '../src/core/types.js';
import {
  detectLibraryFormat,
  libraryReader,
  libraryReaders,
  readLibrary,
  type LibraryFormat,
} from '../src/sources/library/index.js';
import type { SourceFile } from '../src/sources/types.js';
import { runCli } from './helpers/run-cli.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'libraries');

function fixture(name: string): SourceFile {
  return { file: `fixtures/libraries/${name}`, absPath: join(DIR, name), text: readFileSync(join(DIR, name), 'utf8') };
}

function inline(file: string, text: string): SourceFile {
  return { file, absPath: null, text };
}

/** Reports every word of 5+ letters (or the given words) so the mapping of each one can be checked. */
function probe(words?: string[]): Rule {
  return {
    meta: {
      id: 'probe', category: 'tone', defaultSeverity: 'warn', description: 'test probe', docs: 'none',
      messages: { word: 'word {{w}}' }, fixable: false, hasSuggestions: false,
    },
    check({ doc, report }) {
      const re = words ? new RegExp(`\\b(?:${words.join('|')})\\b`, 'gi') : /\b[A-Za-z]{5,}\b/g;
      for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) report({ messageId: 'word', data: { w: m[0] }, start: m.index, end: m.index + m[0].length });
    },
  };
}

function lintWith(rule: Rule, unit: Parameters<typeof lintUnit>[0]) {
  const config = defaultConfig([rule]);
  return lintUnit(unit, { rules: [rule], config });
}

const SAMPLES: Array<{ file: string; format: LibraryFormat; units: number; skipped: number; names: string[] }> = [
  { file: 'zendesk-macros.json', format: 'zendesk', units: 7, skipped: 1, names: ['Billing::Duplicate charge refunded', 'Shipping::Late delivery'] },
  { file: 'helpscout-saved-replies.json', format: 'helpscout', units: 6, skipped: 0, names: ['Password reset link', 'Feature request received'] },
  { file: 'freshdesk-canned-responses.json', format: 'freshdesk', units: 6, skipped: 0, names: ['Order tracking number', 'Subscription cancelled'] },
  { file: 'gorgias-macros.json', format: 'gorgias', units: 5, skipped: 1, names: ['WISMO - order in transit', 'Discount code not working'] },
  { file: 'front-message-templates.json', format: 'front', units: 5, skipped: 0, names: ['Welcome to the beta', 'Outage update'] },
  { file: 'intercom-saved-replies.json', format: 'intercom', units: 5, skipped: 0, names: ['Card declined', 'We hear you'] },
  { file: 'generic-library.json', format: 'json', units: 5, skipped: 0, names: ['Shipping delay', 'Shipping delay (old wording)'] },
  { file: 'generic-library.yaml', format: 'yaml', units: 4, skipped: 0, names: ['Cancellation confirmed', 'App keeps crashing'] },
  { file: 'generic-library.csv', format: 'csv', units: 4, skipped: 0, names: ['Gift card balance', 'Out of stock'] },
  { file: 'SAVED_REPLIES.md', format: 'markdown-headings', units: 4, skipped: 0, names: ['Duplicate issue', 'Needs reproduction steps'] },
];

describe('sample exports', () => {
  for (const s of SAMPLES) {
    describe(s.file, () => {
      const source = fixture(s.file);
      const read = readLibrary(source);

      it(`is detected as ${s.format} and reads every macro`, () => {
        expect(detectLibraryFormat(source)).toBe(s.format);
        expect(read.format).toBe(s.format);
        expect(read.units).toHaveLength(s.units);
        expect(read.skipped).toHaveLength(s.skipped);
        expect(read.problems).toEqual([]);
        expect(read.units.slice(0, 2).map((u) => u.document?.name)).toEqual(s.names);
        for (const u of read.units) {
          expect(u.file).toBe(source.file);
          expect(u.fileText).toBe(source.text);
          expect(u.text.trim().length).toBeGreaterThan(20);
          expect(u.document!.index).toBeGreaterThanOrEqual(0);
        }
      });

      it('maps every word of every macro back to the same word in the export file', () => {
        const lines = new LineIndex(source.text);
        let checked = 0;
        for (const u of read.units) {
          const result = lintWith(probe(), u);
          for (const f of result.findings) {
            const word = /word (\S+)/.exec(f.message)![1]!;
            expect(f.text, `${u.document?.name}: ${word}`).toBe(word);
            expect(source.text.slice(f.range[0], f.range[1])).toBe(word);
            expect(lines.position(f.range[0])).toEqual({ line: f.line, column: f.column });
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(25);
      });

      it('masks the vendor placeholders, so none of their words reach the rules', () => {
        for (const u of read.units) {
          const result = lintWith(probe(['first_?name', 'firstname', 'fallback', 'requester', 'recipient', 'customer', 'current_user']), u);
          const inPlaceholder = result.findings.filter((f) => /\{[{%][^}]*$/.test(source.text.slice(Math.max(0, f.range[0] - 40), f.range[0])));
          expect(inPlaceholder, u.document?.name ?? '').toEqual([]);
        }
      });
    });
  }

  it('uses the vendor placeholder syntax in every vendor sample', () => {
    expect(fixture('zendesk-macros.json').text).toContain('{{ticket.requester.first_name}}');
    expect(fixture('helpscout-saved-replies.json').text).toContain('{%customer.firstName,fallback=there%}');
    expect(fixture('freshdesk-canned-responses.json').text).toContain('{{ticket.requester.name}}');
    expect(fixture('gorgias-macros.json').text).toContain('{{ticket.customer.firstname}}');
    expect(fixture('front-message-templates.json').text).toContain('{{recipient.first_name}}');
    expect(fixture('intercom-saved-replies.json').text).toContain('{{first_name|fallback:\\"there\\"}}');
  });

  it('names the macro in results and keeps ids as strings', () => {
    const u = readLibrary(fixture('zendesk-macros.json')).units[0]!;
    expect(u.document).toEqual({ id: '360014452201', name: 'Billing::Duplicate charge refunded', index: 0 });
    const skipped = readLibrary(fixture('zendesk-macros.json')).skipped;
    expect(skipped).toEqual([expect.objectContaining({ index: 4, name: 'Tagging::Mark as spam' })]);
  });

  it('reads HTML bodies as HTML, so markup never reaches the rules', () => {
    const units = readLibrary(fixture('freshdesk-canned-responses.json')).units;
    expect(units.every((u) => u.format === 'html')).toBe(true);
    const result = lintWith(probe(['div', 'br']), units[0]!);
    expect(result.findings).toEqual([]);
  });
});

describe('offsets through escapes', () => {
  it('maps through \\n, \\" and \\u escapes in JSON strings to the right line and column', () => {
    const text = '[\n  {"name": "Escapes",\n   "body": "Hi,\\n\\nThe \\"sorry\\" note:\\n I\\u2019m sorry, truly sorry."}\n]\n';
    const [u] = readLibrary(inline('lib.json', text)).units;
    const result = lintWith(probe(['sorry']), u!);
    expect(result.findings.map((f) => [f.text, f.line, f.column])).toEqual([
      ['sorry', 3, 26],
      ['sorry', 3, 51],
      ['sorry', 3, 64],
    ]);
    for (const f of result.findings) expect(text.slice(f.range[0], f.range[1])).toBe('sorry');
  });

  it('maps Intercom blocks, joined into one reply, back to each block', () => {
    const text = JSON.stringify({ type: 'list', data: [{ type: 'saved_reply', id: '1', name: 'Blocks', blocks: [
      { type: 'paragraph', text: 'First block is fine.' },
      { type: 'paragraph', text: 'Second block says sorry.' },
    ] }] }, null, 2);
    const read = readLibrary(inline('intercom.json', text));
    expect(read.format).toBe('intercom');
    const f = lintWith(probe(['sorry']), read.units[0]!).findings[0]!;
    expect(text.slice(f.range[0], f.range[1])).toBe('sorry');
    expect(f.line).toBe(text.slice(0, text.indexOf('sorry')).split('\n').length);
  });

  it('maps through doubled quotes in CSV and indentation in YAML block scalars', () => {
    const csv = 'name,body\nQuotes,"She said ""sorry"" twice,\nthen sorry again."\n';
    const cu = readLibrary(inline('lib.csv', csv)).units[0]!;
    expect(cu.text).toBe('She said "sorry" twice,\nthen sorry again.');
    expect(lintWith(probe(['sorry']), cu).findings.map((f) => [f.line, f.column, f.text])).toEqual([[2, 20, 'sorry'], [3, 6, 'sorry']]);

    const yaml = 'replies:\n  - name: Block\n    body: |\n      Hello there,\n      we are sorry.\n';
    const yu = readLibrary(inline('lib.yaml', yaml)).units[0]!;
    expect(lintWith(probe(['sorry']), yu).findings.map((f) => [f.line, f.column, f.text])).toEqual([[5, 14, 'sorry']]);

    const quoted = 'a: "Tab\\there, \\"sorry\\"\\u2019s\\nnew line: sorry"\nb: \'it\'\'s sorry\'\n';
    const qu = readLibrary(inline('q.yaml', quoted)).units;
    expect(qu.map((u) => u.text)).toEqual(['Tab\there, "sorry"\u2019s\nnew line: sorry', "it's sorry"]);
    for (const u of qu) for (const f of lintWith(probe(['sorry']), u).findings) expect(f.text).toBe('sorry');
  });
});

describe('malformed exports', () => {
  const expectInputError = (fn: () => unknown, location: string, message: RegExp) => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(AttuneError);
      expect((err as AttuneError).code).toBe('input');
      expect((err as AttuneError).location).toBe(location);
      expect((err as AttuneError).message).toMatch(message);
      return;
    }
    throw new Error('expected an AttuneError');
  };

  it('reports broken JSON at file:line:column with what was expected', () => {
    expectInputError(() => readLibrary(inline('bad.json', '{"macros": [\n  {"title": "A", "actions": []}\n  {"title": "B"}\n]}')), 'bad.json:3:3', /expected "," or "]"/);
    expectInputError(() => readLibrary(inline('bad.json', '[{"name": "A", "body": "x"},]')), 'bad.json:1:29', /no trailing commas/);
    expectInputError(() => readLibrary(inline('bad.json', '[{"name": "A", "body": "line\nbreak"}]')), 'bad.json:1:29', /must be escaped/);
  });

  it('reports broken YAML and CSV at file:line:column', () => {
    expectInputError(() => readLibrary(inline('bad.yaml', 'replies:\n  - name: A\n    body: "unterminated\n')), 'bad.yaml:4:1', /invalid YAML: Missing closing "quote/);
    expectInputError(() => readLibrary(inline('bad.csv', 'name,body\nA,"never closed\n')), 'bad.csv:2:3', /closing "/);
  });

  it('says what structure it expected when the vendor shape is wrong', () => {
    expectInputError(() => readLibrary(inline('z.json', '{"tickets": []}'), { format: 'zendesk' }), 'z.json:1:1', /expected a "macros" array \(Zendesk macros export\)/);
    expectInputError(() => readLibrary(inline('x.json', '"just a string"')), 'x.json:1:1', /expected an array of objects/);
  });

  it('reports one bad macro at its own line and still reads the others', () => {
    const text = '[\n  {"id": 1, "name": "Fine", "text": "We fixed it {%customer.firstName%}."},\n  {"id": 2, "name": "No body"},\n  {"id": 3, "name": "Also fine", "text": "Done today."}\n]';
    const read = readLibrary(inline('hs.json', text), { format: 'helpscout' });
    expect(read.units.map((u) => u.document?.name)).toEqual(['Fine', 'Also fine']);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.location).toBe('hs.json:3:3');
    expect(read.problems[0]!.message).toMatch(/macro #2 "No body": expected a "text" string/);
  });

  it('reports a body of the wrong type at the value', () => {
    const read = readLibrary(inline('lib.json', '[{"name": "A", "body": 42}, {"name": "B", "body": "ok then"}]'));
    expect(read.units).toHaveLength(1);
    expect(read.problems[0]!.location).toBe('lib.json:1:24');
  });

  it('a reader without a problem handler throws the first problem; with one, it passes them on', () => {
    const src = inline('lib.json', '[{"name": "A"}, {"name": "B"}, {"name": "C", "body": "fine"}]');
    const reader = libraryReader('json');
    expect(() => reader.read(src)).toThrow(/macro #1 "A".*\(and 1 more\)/);
    const seen: string[] = [];
    const units = (reader.read as (s: SourceFile, o: object) => unknown[])(src, { onProblem: (p: AttuneError) => seen.push(p.location!) });
    expect(units).toHaveLength(1);
    expect(seen).toEqual(['lib.json:1:2', 'lib.json:1:17']);
  });
});

describe('generic libraries', () => {
  it('maps name and body fields from library.fields', () => {
    const csv = 'Title;Reply;Team\nRefund;"We refunded you today.";billing\n';
    expect(() => readLibrary(inline('x.csv', csv)).units).not.toThrow();
    expect(readLibrary(inline('x.csv', csv)).problems[0]!.message).toMatch(/library\.fields\.body/);
    const read = readLibrary(inline('x.csv', csv), { fields: { name: 'Title', body: 'Reply' } });
    expect(read.units.map((u) => [u.document?.name, u.text])).toEqual([['Refund', 'We refunded you today.']]);
  });

  it('reads a map of name to body, and an object holding one list', () => {
    const map = readLibrary(inline('m.yaml', 'Refund done: We refunded you today.\nOn hold: We will write by Friday.\n'));
    expect(map.units.map((u) => [u.document?.name, u.text])).toEqual([['Refund done', 'We refunded you today.'], ['On hold', 'We will write by Friday.']]);
    const wrapped = readLibrary(inline('w.json', '{"version": 2, "replies": [{"title": "T", "content": "Body text here."}]}'));
    expect(wrapped.units[0]!.document).toEqual({ id: null, name: 'T', index: 0 });
  });

  it('finds the reply headings in a Markdown library and keeps sub-headings and lists in the body', () => {
    const md = '# Replies\n\nIntro.\n\n## One\n\nFirst reply.\n\n### Steps\n\n- a step\n\n```\n## not a heading\n```\n\n## Two\n\nSecond reply.\n\n## Three\n\nThird.\n';
    const read = readLibrary(inline('team.md', md), { format: 'markdown-headings' });
    expect(read.units.map((u) => u.document?.name)).toEqual(['One', 'Two', 'Three']);
    expect(read.units[0]!.text).toContain('### Steps');
    expect(read.units[0]!.text).toContain('## not a heading');
    expect(read.units[0]!.format).toBe('markdown');
    expect(read.units[0]!.toFileOffset!(0)).toBe(md.indexOf('First reply.'));
  });

  it('leaves ordinary Markdown drafts and text files to the plain reader', () => {
    expect(detectLibraryFormat(inline('draft.md', 'Hi Sam,\n\nWe shipped it today.\n\nBest'))).toBeNull();
    expect(detectLibraryFormat(fixture('folder/slow-reply.md'))).toBeNull();
    expect(detectLibraryFormat(fixture('folder/refund-approved.txt'))).toBeNull();
    expect(detectLibraryFormat(inline('notes.md', '## A\n\nx\n\n## B\n\ny\n'))).toBeNull();
    expect(detectLibraryFormat(inline('canned-replies.md', '## A\n\nx\n\n## B\n\ny\n'))).toBe('markdown-headings');
  });

  it('detects Help Scout by its HAL wrapper too, and Zendesk single-macro responses', () => {
    expect(detectLibraryFormat(inline('h.json', '{"_embedded": {"saved-replies": [{"id": 1, "name": "A", "text": "Hello"}]}}'))).toBe('helpscout');
    const z = readLibrary(inline('z.json', '{"macro": {"id": 9, "title": "One", "actions": [{"field": "comment_value", "value": "Done."}]}}'));
    expect(z.format).toBe('zendesk');
    expect(z.units[0]!.document).toEqual({ id: '9', name: 'One', index: 0 });
  });

  it('a forced format wins over detection', () => {
    const src = fixture('helpscout-saved-replies.json');
    expect(readLibrary(src, { format: 'json' }).format).toBe('json');
    expect(readLibrary(src, { format: 'json' }).units).toHaveLength(6);
  });

  it('has one reader per format, each detecting only its own sample', () => {
    expect(libraryReaders.map((r) => r.name).sort()).toEqual(
      ['csv', 'freshdesk', 'front', 'gorgias', 'helpscout', 'intercom', 'json', 'markdown-headings', 'yaml', 'zendesk'],
    );
    for (const s of SAMPLES) {
      const src = fixture(s.file);
      expect(libraryReaders.filter((r) => r.detect(src)).map((r) => r.name)).toEqual([s.format]);
    }
  });
});

describe('attune lint on a library', () => {
  const warnRule: Rule = {
    meta: { id: 'test-warn', category: 'tone', defaultSeverity: 'warn', description: 'w', docs: 'rules/test-warn.md', messages: { found: 'Found it.' }, fixable: false, hasSuggestions: false },
    check({ doc, report }) {
      for (const m of doc.text.matchAll(/WARNWORD/g)) report({ messageId: 'found', start: m.index, end: m.index + 8 });
    },
  };
  const lintCli = (args: string[]) => runCli(args, { cwd: DIR, rules: [warnRule] });

  it('lints each macro on its own, naming it and pointing into the export', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'attune-lib-'));
    const lib = join(dir, 'macros.json');
    writeFileSync(lib, JSON.stringify({ macros: [
      { id: 1, title: 'Clean', actions: [{ field: 'comment_value', value: 'All good.' }] },
      { id: 2, title: 'Flagged', actions: [{ field: 'comment_value_html', value: '<p>Hi,</p><p>This has \u201cWARNWORD\u201d in it.</p>' }] },
    ] }, null, 2));
    const r = await lintCli([lib, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { results: Array<{ document: unknown; findings: Array<{ line: number; column: number; text: string }> }> };
    expect(json.results.map((x) => x.document)).toEqual([{ id: '1', name: 'Clean', index: 0 }, { id: '2', name: 'Flagged', index: 1 }]);
    const f = json.results[1]!.findings[0]!;
    expect(f.text).toBe('WARNWORD');
    const text = readFileSync(lib, 'utf8');
    expect(new LineIndex(text).position(text.indexOf('WARNWORD'))).toEqual({ line: f.line, column: f.column });
  });

  it('reports an unreadable macro with exit 2 and still lints the rest', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'attune-lib-'));
    const lib = join(dir, 'replies.yaml');
    writeFileSync(lib, '- name: ok\n  body: fine WARNWORD\n- name: broken\n  body: [1, 2]\n- name: also ok\n  body: fine\n');
    const r = await lintCli([lib, '--format', 'compact']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/replies\.yaml:4:9: macro #2 "broken": expected "body" to be a string/);
    expect(r.out).toMatch(/replies\.yaml:2:14: warning Found it\. \(test-warn\)/);
  });

  it('--source-format forces a reader and rejects unknown names', async () => {
    const plain = await lintCli(['SAVED_REPLIES.md', '--source-format', 'plain', '--format', 'json']);
    expect((JSON.parse(plain.out) as { results: unknown[] }).results).toHaveLength(1);
    const bad = await lintCli(['SAVED_REPLIES.md', '--source-format', 'kayako']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown source format "kayako"/);
  });
});

// --fix inside library exports writes a replacement the way its container stores text: escaped in
// a JSON string or a double-quoted YAML string, quote-doubled in a single-quoted YAML string or a
// quoted CSV field, and skipped with a note where the container has no escape for it (a quote in an
// unquoted CSV field, ": " in a plain YAML scalar, a line break in a block scalar). Either way the
// export still parses, and every macro reads back as the fix intended or as it was.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { run } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { encodeReplacement, fixText, type LintedUnit } from '../src/core/fixer.js';
import { defaultConfig, lintUnit } from '../src/core/linter.js';
import { readUnits } from '../src/sources/index.js';
import type { Rule } from '../src/core/types.js';
import { runCli } from './helpers/run-cli.js';

/** A fixable rule that replaces every "tickets" with `replacement`. */
function replacing(replacement: string): Rule {
  return {
    meta: { id: 'swap', category: 'tone', defaultSeverity: 'warn', description: 'swap', docs: 'rules/swap.md', messages: { m: 'Swap it.' }, fixable: true, hasSuggestions: false },
    check({ doc, report }) {
      for (let i = doc.text.indexOf('tickets'); i >= 0; i = doc.text.indexOf('tickets', i + 1)) report({ messageId: 'm', start: i, end: i + 7, fix: { start: i, end: i + 7, text: replacement } });
    },
  };
}

function fixLibrary(file: string, text: string, replacement: string) {
  const rule = replacing(replacement);
  const lint = (t: string): LintedUnit[] => readUnits({ file, absPath: null, text: t }).map((unit) => ({ unit, result: lintUnit(unit, { rules: [rule], config: defaultConfig([rule]) }) }));
  const out = fixText(text, { lint });
  return { ...out, bodies: readUnits({ file, absPath: null, text: out.output }).map((u) => u.text) };
}

const QUOTED = 'your "requests"';

describe('JSON strings', () => {
  const lib = JSON.stringify([{ id: 'a', title: 'Open', body: 'Hi Kim, your tickets are open and we are on it.' }], null, 2);

  it('escape a quote in the replacement, so the export still parses and reads as intended', () => {
    const out = fixLibrary('lib.json', lib, QUOTED);
    expect(out.fixed).toBe(1);
    expect(out.notes).toEqual([]);
    expect(out.output).toContain('your \\"requests\\"');
    expect((JSON.parse(out.output) as Array<{ body: string }>)[0]!.body).toBe('Hi Kim, your your "requests" are open and we are on it.');
  });

  it('escape backslashes, line breaks and control characters too', () => {
    const out = fixLibrary('lib.json', lib, 'C:\\inbox\nline\ttab');
    expect(out.fixed).toBe(1);
    expect((JSON.parse(out.output) as Array<{ body: string }>)[0]!.body).toBe('Hi Kim, your C:\\inbox\nline\ttab are open and we are on it.');
  });
});

describe('YAML scalars', () => {
  const lib = (body: string) => `- id: a\n  title: Open\n  body: ${body}\n`;

  it('double-quoted: escapes " and \\ as YAML reads them', () => {
    const out = fixLibrary('lib.yaml', lib('"Hi Kim, your tickets are open."'), 'the "open" \\ ones');
    expect(out.fixed).toBe(1);
    expect((parseYaml(out.output) as Array<{ body: string }>)[0]!.body).toBe('Hi Kim, your the "open" \\ ones are open.');
    expect(out.bodies[0]).toBe('Hi Kim, your the "open" \\ ones are open.');
  });

  it("single-quoted: doubles an apostrophe, keeps a double quote as it is", () => {
    const out = fixLibrary('lib.yaml', lib("'Hi Kim, your tickets are open.'"), `team's "open"`);
    expect(out.fixed).toBe(1);
    expect(out.output).toContain(`team''s "open"`);
    expect((parseYaml(out.output) as Array<{ body: string }>)[0]!.body).toBe(`Hi Kim, your team's "open" are open.`);
  });

  it('plain: a replacement with ": " is skipped with a note, and the file is unchanged', () => {
    const text = lib('Hi Kim, your tickets are open.');
    const out = fixLibrary('lib.yaml', text, 'note: requests');
    expect(out.fixed).toBe(0);
    expect(out.output).toBe(text);
    expect(out.notes.join('\n')).toMatch(/swap fix in Open was not applied: its replacement has characters an unquoted YAML string cannot hold/);
  });

  it('plain: a quote inside the scalar needs no escape', () => {
    const out = fixLibrary('lib.yaml', lib('Hi Kim, your tickets are open.'), QUOTED);
    expect(out.fixed).toBe(1);
    expect((parseYaml(out.output) as Array<{ body: string }>)[0]!.body).toBe('Hi Kim, your your "requests" are open.');
  });

  it('block scalar: a quote is written as it is; a line break is skipped with a note', () => {
    const text = lib('|\n    Hi Kim,\n    your tickets are open.');
    const quoted = fixLibrary('lib.yaml', text, QUOTED);
    expect(quoted.fixed).toBe(1);
    expect((parseYaml(quoted.output) as Array<{ body: string }>)[0]!.body).toBe('Hi Kim,\nyour your "requests" are open.\n');
    const broken = fixLibrary('lib.yaml', text, 'two\nlines');
    expect(broken.fixed).toBe(0);
    expect(broken.output).toBe(text);
    expect(broken.notes.join('\n')).toMatch(/a YAML block scalar cannot hold/);
  });
});

describe('CSV fields', () => {
  it('quoted: doubles the quote (RFC 4180), and the field reads back with it', () => {
    const text = 'id,title,body\na,Open,"Hi Kim, your tickets are open."\n';
    const out = fixLibrary('lib.csv', text, QUOTED);
    expect(out.fixed).toBe(1);
    expect(out.output).toBe('id,title,body\na,Open,"Hi Kim, your your ""requests"" are open."\n');
    expect(out.bodies).toEqual(['Hi Kim, your your "requests" are open.']);
  });

  it('unquoted: a quote cannot be written there, so the fix is skipped with a note', () => {
    const text = 'id,title,body\na,Open,Hi Kim your tickets are open.\n';
    const out = fixLibrary('lib.csv', text, QUOTED);
    expect(out.fixed).toBe(0);
    expect(out.output).toBe(text);
    expect(out.notes.join('\n')).toMatch(/an unquoted CSV field cannot hold/);
    // A replacement without the field's special characters is applied as before.
    expect(fixLibrary('lib.csv', text, 'requests').bodies).toEqual(['Hi Kim your requests are open.']);
  });
});

describe('encodeReplacement', () => {
  it('encodes per container, or returns null where there is no safe way', () => {
    expect(encodeReplacement('say "hi"', 'json')).toBe('say \\"hi\\"');
    expect(encodeReplacement('a\u2028b', 'yaml-double')).toBe('a\\u2028b');
    expect(encodeReplacement("it's", 'yaml-single')).toBe("it''s");
    expect(encodeReplacement('a\nb', 'yaml-single')).toBeNull();
    expect(encodeReplacement('- item', 'yaml-plain', true)).toBeNull();
    expect(encodeReplacement('- item', 'yaml-plain')).toBe('- item');
    expect(encodeReplacement('end ', 'yaml-plain', false, true)).toBeNull();
    expect(encodeReplacement('a "b"', 'csv-quoted')).toBe('a ""b""');
    expect(encodeReplacement('a, b', 'csv-plain')).toBeNull();
    expect(encodeReplacement('', 'csv-plain')).toBe('');
  });
});

describe('attune fix --interactive in a library export', () => {
  async function interactive(file: string, text: string, answers: string) {
    const dir = mkdtempSync(join(tmpdir(), 'attune-fix-q-'));
    writeFileSync(join(dir, file), text);
    let out = '';
    const io: CliIO = {
      stdout: { write: (x: string) => void (out += x) },
      stderr: { write: (x: string) => void (out += x) },
      stdin: (async function* () {
        yield Buffer.from(answers);
      })(),
      env: {},
      cwd: dir,
      isTTY: { stdin: false, stdout: false },
    };
    await run(['fix', '--no-config-lookup', '--interactive', file], io, { rules: [replacing('requests')] });
    return { out, text: readFileSync(join(dir, file), 'utf8') };
  }

  it('escapes what a person types for a JSON string', async () => {
    const lib = JSON.stringify([{ id: 'a', title: 'Open', body: 'Hi Kim, your tickets are open.' }]);
    const r = await interactive('lib.json', lib, 'e\nyour "requests"\n');
    expect((JSON.parse(r.text) as Array<{ body: string }>)[0]!.body).toBe('Hi Kim, your your "requests" are open.');
  });

  it('asks again when the typed text cannot be stored in an unquoted CSV field', async () => {
    const lib = 'id,title,body\na,Open,Hi Kim your tickets are open.\n';
    const r = await interactive('lib.csv', lib, 'e\nsay "hi"\ne\nrequests\n');
    expect(r.out).toContain('cannot be written into this CSV field');
    expect(r.text).toBe('id,title,body\na,Open,Hi Kim your requests are open.\n');
  });
});

describe('SARIF fixes are edits of the file, escaped like --fix writes them', () => {
  // Apply a SARIF result's replacements to the file text, last first.
  const applySarif = (text: string, log: { runs: Array<{ results: Array<{ fixes?: Array<{ artifactChanges: Array<{ replacements: Array<{ deletedRegion: { charOffset: number; charLength: number }; insertedContent?: { text: string } }> }> }> }> }> }) => {
    const edits = log.runs[0]!.results.flatMap((r) => r.fixes ?? []).flatMap((f) => f.artifactChanges.flatMap((c) => c.replacements));
    let out = text;
    for (const e of edits.sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset)) {
      out = out.slice(0, e.deletedRegion.charOffset) + (e.insertedContent?.text ?? '') + out.slice(e.deletedRegion.charOffset + e.deletedRegion.charLength);
    }
    return out;
  };
  const sarifFor = async (name: string, text: string, replacement: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-sarif-fix-'));
    writeFileSync(join(dir, name), text);
    const r = await runCli(['--no-config-lookup', '--format', 'sarif', name], { cwd: dir, rules: [replacing(replacement)] });
    return JSON.parse(r.out);
  };

  it('in a JSON string: the quote is escaped, and the edited export parses with the fix in place', async () => {
    const lib = JSON.stringify([{ id: 'a', title: 'Open', body: 'Hi Kim, your tickets are open.' }], null, 2);
    const log = await sarifFor('lib.json', lib, QUOTED);
    const inserted = log.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0].insertedContent.text;
    expect(inserted).toBe('your \\"requests\\"');
    expect(JSON.parse(applySarif(lib, log))[0].body).toBe('Hi Kim, your your "requests" are open.');
  });

  it('in a quoted CSV field the quote is doubled; an unquoted field cannot hold it, so no fix is offered', async () => {
    const quoted = 'id,title,body\na,Open,"Hi Kim, your tickets are open."\n';
    expect(applySarif(quoted, await sarifFor('lib.csv', quoted, QUOTED))).toBe('id,title,body\na,Open,"Hi Kim, your your ""requests"" are open."\n');
    const plain = 'id,title,body\na,Open,Hi Kim your tickets are open.\n';
    const log = await sarifFor('lib.csv', plain, QUOTED);
    expect(log.runs[0].results).toHaveLength(1);
    expect(log.runs[0].results[0].fixes).toBeUndefined();
  });

  it('a plain draft gets the replacement as it is', async () => {
    const log = await sarifFor('draft.txt', 'Hi Kim, your tickets are open.\n', QUOTED);
    expect(applySarif('Hi Kim, your tickets are open.\n', log)).toBe('Hi Kim, your your "requests" are open.\n');
  });
});

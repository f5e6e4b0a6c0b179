// The CI formats, each checked against what its real consumer expects: SARIF against the official
// SARIF 2.1.0 JSON schema, JUnit and checkstyle through an XML parser, GitHub workflow commands
// against @actions/core's escaping table and GitHub's 10-per-level annotation limit.
//
// test/fixtures/sarif-2.1.0.schema.json is the OASIS SARIF 2.1.0 schema (draft-07, $id
// https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json).
// It was taken from the npm package @datadog/datadog-ci-plugin-sarif@5.25.0 (Apache-2.0), which
// bundles the OASIS file to validate uploads, and written back out as JSON unchanged in content.
// The schema itself is published by OASIS under its open-standards copyright notice.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LineIndex } from '../src/core/position.js';
import type { DocumentRef, DocumentResult, Finding, Severity } from '../src/core/types.js';
import { builtinRules } from '../src/rules/index.js';
import { FINGERPRINT_KEY, docsBaseFromPackage, sarif, toSarif } from '../src/formatters/sarif.js';
import { junit, stripIllegalXml } from '../src/formatters/junit.js';
import { checkstyle } from '../src/formatters/checkstyle.js';
import { escapeData, escapeProperty, formatGithub, github } from '../src/formatters/github.js';
import type { FormatterOptions } from '../src/formatters/index.js';

const CWD = '/repo';
const OPTS: FormatterOptions = { color: false, version: '0.1.0', cwd: CWD };

/** A finding on the first (or nth) occurrence of `needle` in `text`, positions computed for real. */
function finding(text: string, needle: string, rule: string, severity: Severity = 'warning', extra: Partial<Finding> = {}, nth = 0): Finding {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`"${needle}" not in text`);
  const end = start + needle.length;
  const lines = new LineIndex(text);
  const a = lines.position(start);
  const b = lines.position(end);
  const meta = builtinRules.find((r) => r.meta.id === rule)?.meta;
  return {
    rule,
    messageId: 'test',
    severity,
    category: meta?.category ?? 'tone',
    message: `Message for ${rule}.`,
    line: a.line,
    column: a.column,
    endLine: b.line,
    endColumn: b.column,
    range: [start, end],
    text: text.slice(start, end),
    suggestions: [],
    fix: null,
    ...extra,
  };
}

function result(file: string, findings: Finding[], document: DocumentRef | null = null, score = 80): DocumentResult {
  return {
    file,
    document,
    score,
    categories: { empathy: 100, action: 100, boundaries: 100, tone: score, safety: 100 },
    findings,
    context: null,
  };
}

const DRAFT = [
  'Hi Sam,',
  '',
  "I'm so sorry for the delay, and sorry again for the mix-up with your order.",
  'I understand your frustration.',
  '',
  'Best,',
  'Riley',
].join('\n');

function sampleResults(): DocumentResult[] {
  return [
    result('drafts/refund.txt', [
      finding(DRAFT, 'sorry again', 'over-apology', 'warning', {
        fix: { range: [DRAFT.indexOf(', and sorry again'), DRAFT.indexOf(', and sorry again') + ', and sorry again'.length], text: '' },
        suggestions: [{ text: 'Thank you for your patience', description: 'Thanks the customer instead of apologising twice.' }],
      }),
      finding(DRAFT, 'I understand your frustration.', 'empathy-phrasing', 'error'),
    ]),
    result('/repo/drafts/clean.md', []),
    result('library/macros.json', [finding(DRAFT, 'Riley', 'missing-action')], { id: 'm-42', name: 'Refund, "late" <b>', index: 3 }),
  ];
}

// ---------------------------------------------------------------------------------------------

function sarifValidator() {
  const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-2.1.0.schema.json', import.meta.url), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The formats the schema uses, checked the way GitHub's upload validation checks them: a `uri`
  // must be absolute (scheme first), a `uri-reference` may be relative but has no spaces.
  ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

describe('sarif', () => {
  const validate = sarifValidator();

  it('validates against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(sarif(sampleResults(), OPTS));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('validates with an absolute help base, with no results, and rejects a broken log', () => {
    expect(validate(toSarif(sampleResults(), { ...OPTS, helpBaseUri: 'https://example.org/attune/blob/main/' }))).toBe(true);
    expect(validate(toSarif([], OPTS))).toBe(true);
    const broken = toSarif(sampleResults(), OPTS) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('lists every rule with descriptions and default level, and points results at them', () => {
    const log = toSarif(sampleResults(), OPTS) as any;
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('attune');
    expect(driver.rules.map((r: any) => r.id)).toEqual(builtinRules.map((r) => r.meta.id));
    for (const [i, rule] of builtinRules.entries()) {
      const d = driver.rules[i];
      expect(d.shortDescription.text).toBe(rule.meta.description);
      expect(d.fullDescription.text).toContain(rule.meta.description.replace(/\.$/, ''));
      expect(d.defaultConfiguration.level).toBe(rule.meta.defaultSeverity === 'error' ? 'error' : rule.meta.defaultSeverity === 'warn' ? 'warning' : 'none');
      expect(d.help.text).toContain(rule.meta.docs);
    }
    for (const r of log.runs[0].results) expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('makes help links absolute when given a base', () => {
    const log = toSarif([], { ...OPTS, helpBaseUri: 'https://example.org/attune/blob/main/' }) as any;
    expect(log.runs[0].tool.driver.rules[0].helpUri).toBe(`https://example.org/attune/blob/main/${builtinRules[0]!.meta.docs}`);
  });

  it('derives a release-pinned docs base from a GitHub repository field', () => {
    for (const repository of ['github:acme/attune', 'acme/attune', 'https://github.com/acme/attune', 'git+https://github.com/acme/attune.git', { url: 'git@github.com:acme/attune.git' }]) {
      expect(docsBaseFromPackage({ repository }, '1.2.3'), JSON.stringify(repository)).toBe('https://github.com/acme/attune/blob/v1.2.3/');
    }
    expect(docsBaseFromPackage({}, '1.2.3')).toBeUndefined();
    expect(docsBaseFromPackage({ repository: 'https://gitlab.com/acme/attune' }, '1.2.3')).toBeUndefined();
  });

  it('adds plugin rules that produced results to the driver', () => {
    const log = toSarif([result('a.txt', [finding(DRAFT, 'Hi Sam', 'acme/no-first-names')])], OPTS) as any;
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.at(-1).id).toBe('acme/no-first-names');
    expect(log.runs[0].results[0].ruleIndex).toBe(rules.length - 1);
    expect(validate(log)).toBe(true);
  });

  it('writes relative URIs under %SRCROOT% with 1-based regions', () => {
    const log = toSarif(sampleResults(), OPTS) as any;
    const [first, second, third] = log.runs[0].results;
    expect(first.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'drafts/refund.txt', uriBaseId: '%SRCROOT%' });
    expect(first.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 33, endLine: 3, endColumn: 44 });
    expect(second.level).toBe('error');
    expect(third.locations[0].logicalLocations[0].name).toBe('Refund, "late" <b>');
    const abs = toSarif([result('/repo/sub dir/x.txt', [finding(DRAFT, 'Riley', 'missing-action')])], OPTS) as any;
    expect(abs.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('sub%20dir/x.txt');
  });

  it('turns safe fixes into SARIF fixes and keeps suggestions in the message', () => {
    const log = toSarif(sampleResults(), OPTS) as any;
    const first = log.runs[0].results[0];
    const start = DRAFT.indexOf(', and sorry again');
    expect(first.fixes[0].artifactChanges[0].replacements[0].deletedRegion).toEqual({ charOffset: start, charLength: ', and sorry again'.length });
    expect(first.fixes[0].artifactChanges[0].artifactLocation.uri).toBe('drafts/refund.txt');
    expect(first.message.text).toContain('Thank you for your patience');
    expect(log.runs[0].results[1].fixes).toBeUndefined();
  });

  it('keeps fingerprints stable when lines move, and distinct for duplicates', () => {
    const fp = (rs: DocumentResult[]) => (toSarif(rs, OPTS) as any).runs[0].results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY]);
    const moved = `\n\nAdded intro line.\n${DRAFT}`;
    const before = fp([result('drafts/refund.txt', [finding(DRAFT, 'I understand your frustration.', 'empathy-phrasing')])]);
    const after = fp([result('drafts/refund.txt', [finding(moved, 'I understand your frustration.', 'empathy-phrasing')])]);
    expect(after).toEqual(before);
    // Same text again in the same document: a second alert, not a merge with the first.
    const twice = `${DRAFT}\nI understand your frustration.`;
    const dup = fp([result('drafts/refund.txt', [
      finding(twice, 'I understand your frustration.', 'empathy-phrasing'),
      finding(twice, 'I understand your frustration.', 'empathy-phrasing', 'warning', {}, 1),
    ])]);
    expect(dup[0]).toBe(before[0]);
    expect(dup[1]).not.toBe(dup[0]);
    // Another file or another rule is another alert.
    const other = fp([result('drafts/other.txt', [finding(DRAFT, 'I understand your frustration.', 'empathy-phrasing')])]);
    expect(other[0]).not.toBe(before[0]);
    const line = (rs: DocumentResult[]) => (toSarif(rs, OPTS) as any).runs[0].results.map((r: any) => r.partialFingerprints.primaryLocationLineHash);
    const edited = `${DRAFT.replace('Hi Sam,', 'Hello Sam,')} Extra words on the same line.`;
    expect(line([result('drafts/refund.txt', [finding(edited, 'I understand your frustration.', 'empathy-phrasing')])])).toEqual(
      line([result('drafts/refund.txt', [finding(DRAFT, 'I understand your frustration.', 'empathy-phrasing')])]),
    );
    expect(line([result('drafts/refund.txt', [finding(twice, 'I understand your frustration.', 'empathy-phrasing'), finding(twice, 'I understand your frustration.', 'empathy-phrasing', 'warning', {}, 1)])])[1]).toMatch(/^[0-9a-f]{16}:2$/);
  });
});

// ---------------------------------------------------------------------------------------------

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'file', 'error'].includes(name) });

describe('junit', () => {
  it('is well-formed: one testsuite per file, one testcase per document', () => {
    const out = junit(sampleResults(), OPTS);
    expect(XMLValidator.validate(out)).toBe(true);
    const doc = xml.parse(out);
    expect(doc.testsuites.tests).toBe('3');
    expect(doc.testsuites.failures).toBe('1');
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: any) => s.name)).toEqual(['drafts/refund.txt', '/repo/drafts/clean.md', 'library/macros.json']);
    expect(suites.map((s: any) => s.testcase.length)).toEqual([1, 1, 1]);
  });

  it('fails a document with errors and keeps its warnings in system-out', () => {
    const doc = xml.parse(junit(sampleResults(), OPTS));
    const [refund, clean, library] = doc.testsuites.testsuite;
    const tc = refund.testcase[0];
    expect(tc.failure.message).toBe('Message for empathy-phrasing.');
    expect(tc.failure.type).toBe('empathy-phrasing');
    expect(tc.failure['#text']).toContain('4:1 error Message for empathy-phrasing. (empathy-phrasing)');
    expect(tc['system-out']).toContain('(over-apology)');
    expect(tc['system-out']).toContain('suggestion: "Thank you for your patience"');
    expect(clean.testcase[0].failure).toBeUndefined();
    expect(library.testcase[0].failure).toBeUndefined();
    expect(library.testcase[0].name).toBe('Refund, "late" <b>');
    expect(library.testcase[0]['system-out']).toMatch(/^score 80\/100\n/);
    expect(library.testcase[0]['system-out']).toContain('missing-action');
  });

  it('escapes markup and drops characters XML 1.0 forbids', () => {
    const nasty = 'Hello <b>&amp; "you"\u0001\u0008 \uD800 ]]> ok';
    const out = junit([result('we"ird<&>.txt', [finding(nasty, nasty, 'over-apology', 'error', { message: nasty })])], OPTS);
    expect(XMLValidator.validate(out)).toBe(true);
    const doc = xml.parse(out);
    expect(doc.testsuites.testsuite[0].name).toBe('we"ird<&>.txt');
    expect(doc.testsuites.testsuite[0].testcase[0].failure.message).toBe('Hello <b>&amp; "you"  ]]> ok');
    expect(stripIllegalXml('a\u0000b\uFFFEc\u{1F600}')).toBe('abc\u{1F600}');
  });

  it('keeps a failure count per suite when several documents fail', () => {
    const rs = [0, 1, 2].map((i) => result('lib.json', i === 1 ? [] : [finding(DRAFT, 'Riley', 'surrogate-therapist', 'error')], { id: `d${i}`, name: null, index: i }));
    const doc = xml.parse(junit(rs, OPTS));
    expect(doc.testsuites.testsuite[0].failures).toBe('2');
    expect(doc.testsuites.testsuite[0].testcase.map((t: any) => t.name)).toEqual(['d0', 'd1', 'd2']);
  });
});

describe('checkstyle', () => {
  it('is standard checkstyle XML with attune.<rule> sources', () => {
    const out = checkstyle(sampleResults(), OPTS);
    expect(XMLValidator.validate(out)).toBe(true);
    const doc = xml.parse(out);
    expect(doc.checkstyle.version).toBe('4.3');
    const files = doc.checkstyle.file;
    expect(files.map((f: any) => f.name)).toEqual(['drafts/refund.txt', '/repo/drafts/clean.md', 'library/macros.json']);
    expect(files[0].error).toEqual([
      { line: '3', column: '33', severity: 'warning', message: 'Message for over-apology. (over-apology)', source: 'attune.over-apology' },
      { line: '4', column: '1', severity: 'error', message: 'Message for empathy-phrasing. (empathy-phrasing)', source: 'attune.empathy-phrasing' },
    ]);
    expect(files[1].error).toBeUndefined();
    expect(files[2].error[0].message).toBe('[Refund, "late" <b>] Message for missing-action. (missing-action)');
  });
});

// ---------------------------------------------------------------------------------------------

describe('github', () => {
  it('escapes data and properties exactly like @actions/core', () => {
    const table: Array<[string, string, string]> = [
      ['100%', '100%25', '100%25'],
      ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
      ['x:y,z', 'x:y,z', 'x%3Ay%2Cz'],
      ['%0A', '%250A', '%250A'],
      ['plain', 'plain', 'plain'],
    ];
    for (const [input, data, prop] of table) {
      expect(escapeData(input)).toBe(data);
      expect(escapeProperty(input)).toBe(prop);
    }
  });

  it('prints one workflow command per finding with position properties', () => {
    const out = github(sampleResults(), OPTS).split('\n');
    expect(out[0]).toBe('::error file=drafts/refund.txt,line=4,endLine=4,col=1,endColumn=31,title=attune empathy-phrasing::Message for empathy-phrasing.');
    expect(out[1]).toBe(
      '::warning file=drafts/refund.txt,line=3,endLine=3,col=33,endColumn=44,title=attune over-apology::Message for over-apology.%0ASuggestion: "Thank you for your patience" (Thanks the customer instead of apologising twice.)',
    );
    expect(out[2]).toBe('::warning file=library/macros.json,line=7,endLine=7,col=1,endColumn=6,title=attune missing-action [Refund%2C "late" <b>]::Message for missing-action.');
    expect(out.at(-2)).toBe('attune: 1 error, 2 warnings in 3 documents, mean score 80');
  });

  it('escapes messages and file names', () => {
    const f = finding(DRAFT, 'Riley', 'over-apology', 'warning', { message: '50% off: line one\nline two' });
    const out = github([result('dir,with:odd%.txt', [f])], OPTS);
    expect(out.split('\n')[0]).toBe('::warning file=dir%2Cwith%3Aodd%25.txt,line=7,endLine=7,col=1,endColumn=6,title=attune over-apology::50%25 off: line one%0Aline two');
  });

  it('shows errors first, at most 10 per level, then a summary line and the rest in a group', () => {
    const findings: Finding[] = [];
    for (let i = 0; i < 13; i++) findings.push(finding(DRAFT, 'Riley', 'over-apology', 'warning', { message: `warning ${i}` }));
    for (let i = 0; i < 12; i++) findings.push(finding(DRAFT, 'Sam', 'surrogate-therapist', 'error', { message: `error ${i}` }));
    const { log, summary } = formatGithub([result('a.txt', findings)], OPTS);
    const lines = log.trimEnd().split('\n');
    const commands = lines.filter((l) => /^::(error|warning) /.test(l));
    expect(commands).toHaveLength(20);
    expect(commands.slice(0, 10).every((l) => l.startsWith('::error '))).toBe(true);
    expect(commands.slice(10).every((l) => l.startsWith('::warning '))).toBe(true);
    expect(commands[0]).toContain('::error 0');
    expect(lines[20]).toBe('attune: 5 more findings not annotated (2 errors, 3 warnings; GitHub shows 10 per level per step); the job summary lists them all');
    expect(lines[21]).toBe('::group::attune: the 5 findings not annotated');
    expect(lines.slice(22, 27)).toEqual([
      'a.txt:1:4: error error 10 (surrogate-therapist)',
      'a.txt:1:4: error error 11 (surrogate-therapist)',
      'a.txt:7:1: warning warning 10 (over-apology)',
      'a.txt:7:1: warning warning 11 (over-apology)',
      'a.txt:7:1: warning warning 12 (over-apology)',
    ]);
    expect(lines[27]).toBe('::endgroup::');
    // The job summary has all 25, errors first.
    const rows = summary.split('\n').filter((l) => /^\| (error|warning) /.test(l));
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatch(/^\| error \| a\.txt \| 1:4 \| surrogate-therapist \| error 0 \|$/);
  });

  it('renders a Markdown table that survives pipes, newlines and HTML', () => {
    const f = finding(DRAFT, 'Riley', 'over-apology', 'warning', { message: 'a | b\n<script>x</script>' });
    const { summary } = formatGithub([result('a|b.txt', [f])], OPTS);
    expect(summary).toContain('| warning | a\\|b.txt | 7:1 | over-apology | a \\| b &lt;script&gt;x&lt;/script&gt; |');
    expect(summary.startsWith('## attune\n')).toBe(true);
    expect(formatGithub([result('a.txt', [])], OPTS).summary).toContain('No problems found.');
  });

  it('words an empty replacement as a removal', () => {
    const f = finding(DRAFT, 'sorry again', 'over-apology', 'warning', { suggestions: [{ text: '', description: 'one apology is enough' }] });
    expect(github([result('a.txt', [f])], OPTS).split('\n')[0]).toMatch(/::Message for over-apology\.%0ASuggestion: remove this text \(one apology is enough\)$/);
  });

  it('leaves out the file property for stdin and columns for multi-line spans', () => {
    const f = finding(DRAFT, 'Sam,\n\nI', 'over-apology');
    const out = github([result('<stdin>', [f])], OPTS);
    expect(out.split('\n')[0]).toBe('::warning line=1,endLine=3,title=attune over-apology::Message for over-apology.');
  });
});

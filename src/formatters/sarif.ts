// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. What code scanning relies on:
// every rule in tool.driver (so alerts show a description and a help link even for rules with no
// result today), results pointing at a rule by id *and* index, a relative artifact URI under the
// %SRCROOT% base (the checkout root), 1-based regions, and partialFingerprints that stay the same
// when lines move, so an alert is tracked across pushes instead of being closed and reopened.
// Safe fixes become `fixes`; suggestions (which a person must choose) stay in the message.

import { builtinRuleMap, builtinRules } from '../rules/index.js';
import { findingIdentities, portablePath } from '../core/baseline.js';
import { sha256 } from '../core/cache.js';
import type { DocumentResult, Finding, RuleMeta, SeveritySetting } from '../core/types.js';
import type { Formatter, FormatterOptions } from './index.js';
import { suggestionText } from './junit.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Bump when the fingerprint recipe changes, so old and new alerts are not silently matched. */
export const FINGERPRINT_KEY = 'attuneFinding/v1';

export interface SarifOptions extends FormatterOptions {
  /** Metadata of every rule that may run (built-ins by default; plugins and custom rules add theirs). */
  rules?: readonly RuleMeta[];
  /**
   * Absolute URL that rule docs paths (`rules/<id>.md`) are resolved against for `helpUri`, e.g.
   * `https://github.com/acme/attune/blob/main/`. SARIF and GitHub's upload validation require an
   * absolute URI there, so without a base `helpUri` is left out and `help` names the docs path.
   */
  helpBaseUri?: string;
  /**
   * The replacement a fix writes into the file, as it must appear there: escaped for the JSON
   * string, YAML scalar or CSV field a library macro sits in. null: the fix cannot be written
   * there (its range crosses escapes, or the container cannot hold its text), so it is not
   * offered. Without it (a plain draft) the fix's text is written as it is.
   */
  fileEdit?: (result: DocumentResult, fix: { range: [number, number]; text: string }) => string | null;
}

/**
 * Where rule docs can be read, from attune's package.json: a GitHub `repository` (any of npm's
 * spellings) gives `https://github.com/<owner>/<repo>/blob/v<version>/`, pinned to the release
 * that produced the findings. Other hosts give undefined (no guessing of URL layouts).
 */
export function docsBaseFromPackage(pkg: { repository?: string | { url?: string } }, version: string): string | undefined {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!raw) return undefined;
  const m = /^(?:github:|(?:git\+)?https?:\/\/github\.com\/|git@github\.com:|git:\/\/github\.com\/)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(raw.trim());
  if (!m || (!raw.includes('github') && raw.includes(':'))) return undefined;
  return `https://github.com/${m[1]}/${m[2]}/blob/v${version}/`;
}

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

function levelFor(setting: SeveritySetting): SarifLevel {
  return setting === 'error' ? 'error' : setting === 'warn' ? 'warning' : 'none';
}

/** "over-apology" -> "OverApology": SARIF's `name` is a readable identifier, not the id. */
function ruleName(id: string): string {
  return id.replace(/(^|[-_/.])([a-z0-9])/gi, (_, __, c: string) => c.toUpperCase());
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function driverRule(meta: RuleMeta, helpBaseUri: string | undefined) {
  const full = [
    sentence(meta.description),
    `Category: ${meta.category}.`,
    meta.fixable ? 'Some findings have a safe automatic fix (attune --fix).' : '',
    meta.requiresContext ? "Runs only when the customer's message is given (--context)." : '',
  ].filter(Boolean).join(' ');
  const helpUri = helpUriFor(meta, helpBaseUri);
  return {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: full },
    ...(helpUri ? { helpUri } : {}),
    help: {
      text: `${full} Documentation: ${helpUri ?? meta.docs}`,
      markdown: `${full}\n\nDocumentation: ${helpUri ? `[${meta.docs}](${helpUri})` : shipsWithAttune(meta) ? `\`${meta.docs}\` in attune's repository` : `\`${meta.docs}\``}.`,
    },
    defaultConfiguration: { level: levelFor(meta.defaultSeverity), enabled: meta.defaultSeverity !== 'off' },
    properties: {
      category: meta.category,
      tags: ['attune', meta.category],
    },
  };
}

/** Built-in rules and `vocabulary` are documented in attune's repository; plugin and custom rules are not. */
function shipsWithAttune(meta: RuleMeta): boolean {
  return builtinRuleMap.has(meta.id) || meta.id === 'vocabulary';
}

/**
 * A plugin's absolute docs URL is used as it is. attune's own docs resolve against the release's
 * base; a custom rule's docs name the config file that defines it (a path on the user's machine),
 * which must not be resolved against attune's repository, so it gets no helpUri.
 */
function helpUriFor(meta: RuleMeta, helpBaseUri: string | undefined): string | undefined {
  if (/^https?:\/\//i.test(meta.docs)) return meta.docs;
  return helpBaseUri && shipsWithAttune(meta) ? new URL(meta.docs, helpBaseUri).href : undefined;
}

/** Metadata for a rule that produced results but was not passed in (a plugin): enough to link it. */
function placeholderMeta(id: string, f: Finding): RuleMeta {
  return {
    id,
    category: f.category,
    defaultSeverity: f.severity === 'error' ? 'error' : 'warn',
    description: `attune rule ${id}`,
    docs: `rules/${id}.md`,
    messages: {},
    fixable: false,
    hasSuggestions: false,
  };
}

function messageText(f: Finding): string {
  const lines = [f.message];
  for (const s of f.suggestions) lines.push(`Suggestion: ${suggestionText(s)}`);
  return lines.join('\n');
}

function region(f: Finding) {
  return {
    startLine: f.line,
    startColumn: f.column,
    endLine: f.endLine,
    // SARIF's endColumn is exclusive like ours; an empty span still needs endColumn >= startColumn.
    endColumn: f.endLine === f.line ? Math.max(f.endColumn, f.column) : f.endColumn,
  };
}

export function toSarif(results: readonly DocumentResult[], options: SarifOptions): object {
  const helpBaseUri = options.helpBaseUri;
  const written = (r: DocumentResult, fix: { range: [number, number]; text: string }): string | null => (options.fileEdit ? options.fileEdit(r, fix) : fix.text);
  const metas = [...(options.rules ?? builtinRules.map((r) => r.meta))];
  const index = new Map(metas.map((m, i) => [m.id, i]));
  for (const r of results) {
    for (const f of r.findings) {
      if (!index.has(f.rule)) {
        index.set(f.rule, metas.length);
        metas.push(placeholderMeta(f.rule, f));
      }
    }
  }

  const sarifResults: object[] = [];
  for (const r of results) {
    const uri = encodeUri(portablePath(r.file, options.cwd));
    const ids = findingIdentities(r, options.cwd);
    r.findings.forEach((f, i) => {
      const id = ids[i]!;
      const docName = r.document ? (r.document.name ?? r.document.id ?? `#${r.document.index + 1}`) : null;
      const location = {
        physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(f) },
        ...(docName ? { logicalLocations: [{ name: docName, kind: 'member' }] } : {}),
      };
      sarifResults.push({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule)!,
        level: f.severity === 'error' ? 'error' : 'warning',
        message: { text: messageText(f) },
        locations: [location],
        partialFingerprints: {
          [FINGERPRINT_KEY]: sha256(`${id.hash}:${id.occurrence}`),
          // GitHub's upload action fills in a line-content hash under this key only when it is
          // missing; supplying it (in its "hash:occurrence" shape) keeps alerts stable when the
          // line around a finding is edited, not just when it moves.
          primaryLocationLineHash: `${id.hash.slice(0, 16)}:${id.occurrence + 1}`,
        },
        ...(f.fix && written(r, f.fix) !== null
          ? {
              fixes: [
                {
                  description: { text: f.fix.text === '' ? 'Remove the duplicated text.' : `Replace with "${f.fix.text}".` },
                  artifactChanges: [
                    {
                      artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                      replacements: [
                        {
                          deletedRegion: { charOffset: f.fix.range[0], charLength: f.fix.range[1] - f.fix.range[0] },
                          ...(f.fix.text === '' ? {} : { insertedContent: { text: written(r, f.fix)! } }),
                        },
                      ],
                    },
                  ],
                },
              ],
            }
          : {}),
        properties: {
          category: f.category,
          messageId: f.messageId,
          score: r.score,
          ...(r.document ? { document: r.document } : {}),
        },
      });
    });
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'attune',
            version: options.version,
            semanticVersion: options.version,
            rules: metas.map((m) => driverRule(m, helpBaseUri)),
          },
        },
        // Viewers resolve %SRCROOT% to the checkout; we never write the absolute cwd (it differs per machine).
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory attune ran in (the repository root in CI).' } } },
        // Columns count user-perceived characters; code points is the closer of SARIF's two kinds
        // (they differ only for combining marks and emoji sequences). Fix offsets, like the JSON
        // format's `range`, are offsets in the file's JavaScript string (UTF-16 code units).
        columnKind: 'unicodeCodePoints',
        results: sarifResults,
      },
    ],
  };
}

/** Percent-encode what a URI reference cannot hold, keeping `/` as the path separator. */
function encodeUri(path: string): string {
  return path.split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

export const sarif: Formatter = (results, options) => `${JSON.stringify(toSarif(results, options), null, 2)}\n`;

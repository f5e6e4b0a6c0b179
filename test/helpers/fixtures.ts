// Fixtures with inline expectations (see fixtures/README.md). A caret line under a span names the
// rule (and optionally the messageId) that must fire exactly there; `#!` lines at the top set the
// fixture's config or the customer's message. Both are stripped before linting.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';

export interface Expectation {
  rule: string;
  messageId: string | null;
  range: [number, number];
  line: number;
}

export interface Fixture {
  path: string;
  name: string;
  /** Text to lint: directive and caret lines removed. */
  text: string;
  expectations: Expectation[];
  /** Rules to enable: from `#! rules: a, b` or the fixture's folder name. */
  rules: string[] | null;
  config: Record<string, unknown> | null;
  context: string | null;
  kind: 'ok' | 'not-ok' | 'other';
}

const CARET = /^(\s*)(\^+)\s+([a-z0-9-]+)(?:\/([A-Za-z0-9_-]+))?\s*$/;
const DIRECTIVE = /^#!\s*(rules|config|context):\s?(.*)$/;

export function parseFixture(path: string, raw = readFileSync(path, 'utf8')): Fixture {
  const lines = raw.split('\n');
  const kept: string[] = [];
  const expectations: Expectation[] = [];
  let rules: string[] | null = null;
  let config: Record<string, unknown> | null = null;
  const context: string[] = [];
  let offset = 0;
  let lastLineStart = -1;
  let lastLineNo = 0;
  let inHeader = true;
  for (const line of lines) {
    const d = inHeader ? DIRECTIVE.exec(line) : null;
    if (d) {
      const [, key, value = ''] = d;
      if (key === 'rules') rules = value.split(',').map((s) => s.trim()).filter(Boolean);
      else if (key === 'config') config = JSON.parse(value) as Record<string, unknown>;
      else context.push(value);
      continue;
    }
    inHeader = false;
    const c = CARET.exec(line);
    if (c) {
      if (lastLineStart < 0) throw new Error(`${path}: caret line before any text`);
      const col = c[1]!.length;
      const start = lastLineStart + col;
      expectations.push({ rule: c[3]!, messageId: c[4] ?? null, range: [start, start + c[2]!.length], line: lastLineNo });
      continue;
    }
    kept.push(line);
    lastLineStart = offset;
    lastLineNo = kept.length;
    offset += line.length + 1;
  }
  const name = basename(path);
  return {
    path,
    name,
    text: kept.join('\n'),
    expectations,
    rules,
    config,
    context: context.length ? context.join('\n') : null,
    kind: name.startsWith('ok-') ? 'ok' : name.startsWith('not-ok-') ? 'not-ok' : 'other',
  };
}

export function listFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...listFixtures(p));
    else if (/\.(txt|md|html|eml)$/.test(entry) && /^(ok|not-ok)-/.test(entry)) out.push(p);
  }
  return out;
}

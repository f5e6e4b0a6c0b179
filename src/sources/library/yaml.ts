// YAML libraries into the common tree. The yaml package gives each scalar's source range; block
// scalars (`body: |`) and folded lines are decoded by it, so offsets are recovered by aligning the
// decoded value with its source slice.

import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import { AttuneError } from '../../core/errors.js';
import { LineIndex } from '../../core/position.js';
import type { Quoting } from '../../core/fixer.js';
import { alignOffsets, rawChars, type SourceChar, type TreeNode } from './tree.js';

// The yaml package (~270 KB of code) loads when a YAML library is read, not on every run.
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

export function parseYamlTree(text: string, file: string): TreeNode {
  const { parseDocument } = yaml();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true });
  const err = doc.errors[0];
  if (err) {
    const lines = new LineIndex(text);
    const p = lines.position(err.pos[0]);
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new AttuneError('input', `invalid YAML: ${what}`, `${file}:${p.line}:${p.column}`);
  }
  if (!doc.contents) return { type: 'null', start: 0, end: 0, value: null };
  return convert(doc.contents as Node, text);
}

function convert(node: Node | null | undefined, text: string): TreeNode {
  if (!node) return { type: 'null', start: 0, end: 0, value: null };
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  const [start = 0, valueEnd = start] = node.range ?? [];
  if (isMap(node)) {
    return {
      type: 'object',
      start,
      end: valueEnd,
      entries: node.items.map((pair) => {
        const k = pair.key as Node | null;
        const key = isScalar(k) ? String(k.value) : '';
        const keyStart = k?.range?.[0] ?? start;
        return { key, keyStart, value: convert(pair.value as Node | null, text) };
      }),
    };
  }
  if (isSeq(node)) {
    return { type: 'array', start, end: valueEnd, items: node.items.map((n) => convert(n as Node | null, text)) };
  }
  if (isAlias(node)) return { type: 'null', start, end: valueEnd, value: null };
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') {
      return { type: 'string', value: v, start, end: valueEnd, offsets: alignOffsets(v, sourceChars(node.type, text, start, valueEnd), valueEnd), quoting: YAML_QUOTING[node.type ?? 'PLAIN'] ?? 'yaml-plain' };
    }
    if (typeof v === 'number') return { type: 'number', start, end: valueEnd, value: v };
    if (typeof v === 'boolean') return { type: 'boolean', start, end: valueEnd, value: v };
    if (v === null || v === undefined) return { type: 'null', start, end: valueEnd, value: null };
    const s = String(v);
    return { type: 'string', value: s, start, end: valueEnd, offsets: alignOffsets(s, rawChars(text.slice(start, valueEnd), start), valueEnd) };
  }
  return { type: 'null', start, end: valueEnd, value: null };
}

const YAML_QUOTING: Record<string, Quoting> = { QUOTE_DOUBLE: 'yaml-double', QUOTE_SINGLE: 'yaml-single', BLOCK_LITERAL: 'yaml-block', BLOCK_FOLDED: 'yaml-block', PLAIN: 'yaml-plain' };

const YAML_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

/** The scalar's source with quoting undone character by character, so escapes map to their backslash. */
function sourceChars(type: string | undefined, text: string, start: number, end: number): SourceChar[] {
  if (type === 'QUOTE_SINGLE') {
    const out: SourceChar[] = [];
    for (let i = start + 1; i < end - 1; i++) {
      out.push({ ch: text[i]!, off: i });
      if (text[i] === "'" && text[i + 1] === "'") i++;
    }
    return out;
  }
  if (type !== 'QUOTE_DOUBLE') return rawChars(text.slice(start, end), start);
  const out: SourceChar[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      out.push({ ch, off: i });
      continue;
    }
    const e = text[i + 1] ?? '';
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex) {
      const cp = parseInt(text.slice(i + 2, i + 2 + hex), 16);
      const decoded = Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      for (const unit of decoded.split('')) out.push({ ch: unit, off: i });
      i += 1 + hex;
    } else if (e === '\n' || e === '\r') {
      i++; // escaped line break: a continuation, produces nothing
    } else {
      out.push({ ch: YAML_ESCAPES[e] ?? e, off: i });
      i++;
    }
  }
  return out;
}

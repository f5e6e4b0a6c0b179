// One data model for every structured export. JSON, YAML and CSV parse into the same tree, and
// every string keeps a map from each of its characters back to the file, so a finding inside a
// macro body lands on the right line and column of the export even through JSON escapes, YAML
// block indentation or doubled CSV quotes. Vendor shapes are then read from the tree, whatever
// the file format was.

import type { Quoting } from '../../core/fixer.js';

export interface StringNode {
  type: 'string';
  value: string;
  /** File offset of the node (its opening quote, or first character). */
  start: number;
  end: number;
  /**
   * offsets[i] is the file offset of the source text that produced value[i]; offsets[value.length]
   * is where the value ends in the file, so exclusive ends map too.
   */
  offsets: Int32Array;
  /** How the value is written in the file: --fix escapes a replacement to match (see core/fixer.ts). */
  quoting?: Quoting;
}

export interface ObjectNode {
  type: 'object';
  start: number;
  end: number;
  entries: Array<{ key: string; keyStart: number; value: TreeNode }>;
}

export interface ArrayNode {
  type: 'array';
  start: number;
  end: number;
  items: TreeNode[];
}

export interface ScalarNode {
  type: 'number' | 'boolean' | 'null';
  start: number;
  end: number;
  value: number | boolean | null;
}

export type TreeNode = StringNode | ObjectNode | ArrayNode | ScalarNode;

export function get(node: TreeNode | undefined, key: string): TreeNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i]!.value;
  return undefined;
}

export function has(node: TreeNode | undefined, key: string): boolean {
  return get(node, key) !== undefined;
}

export function str(node: TreeNode | undefined): StringNode | undefined {
  return node?.type === 'string' ? node : undefined;
}

/** An id as text: numbers and strings are ids, anything else is not. */
export function idOf(node: TreeNode | undefined): string | null {
  if (!node) return null;
  if (node.type === 'string') return node.value;
  if (node.type === 'number') return String(node.value);
  return null;
}

/** A string node for text that came from several pieces (Intercom blocks), joined by `sep`. */
export function joinStrings(pieces: readonly StringNode[], sep: string): StringNode {
  let value = '';
  const offs: number[] = [];
  pieces.forEach((p, k) => {
    if (k > 0) {
      const prevEnd = pieces[k - 1]!.offsets[pieces[k - 1]!.value.length]!;
      for (let i = 0; i < sep.length; i++) offs.push(prevEnd);
      value += sep;
    }
    for (let i = 0; i < p.value.length; i++) offs.push(p.offsets[i]!);
    value += p.value;
  });
  const last = pieces[pieces.length - 1];
  offs.push(last ? last.offsets[last.value.length]! : 0);
  return {
    type: 'string',
    value,
    start: pieces[0]?.start ?? 0,
    end: last?.end ?? 0,
    offsets: Int32Array.from(offs),
  };
}

/** A character of decoded-looking source and where it sits in the file. */
export interface SourceChar {
  ch: string;
  off: number;
}

/** Source characters as they are, for block and plain scalars. */
export function rawChars(raw: string, base: number): SourceChar[] {
  return Array.from(raw, (ch, i) => ({ ch, off: base + i }));
}

/**
 * Offsets for a value that was decoded by a decoder we do not control (YAML folding and
 * indentation): walk the decoded value and the (pre-decoded) source together, matching equal
 * characters and letting whitespace match whitespace. Source characters that produced nothing
 * (indentation, quotes, `|` headers) are skipped; a decoded character with no counterpart nearby
 * keeps the current position rather than jumping ahead.
 */
export function alignOffsets(value: string, source: readonly SourceChar[], endOffset: number): Int32Array {
  const out = new Int32Array(value.length + 1);
  let j = 0;
  const WINDOW = 12;
  const at = (k: number) => (k < source.length ? source[k]!.off : source.length ? source[source.length - 1]!.off + 1 : endOffset);
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const ws = c === ' ' || c === '\n' || c === '\t';
    let found = -1;
    for (let k = j; k < source.length && k - j <= WINDOW; k++) {
      const r = source[k]!.ch;
      if (r === c || (ws && (r === ' ' || r === '\n' || r === '\t' || r === '\r'))) {
        found = k;
        break;
      }
    }
    if (found < 0) {
      out[i] = at(j);
      continue;
    }
    out[i] = source[found]!.off;
    j = found + 1;
  }
  out[value.length] = at(j);
  return out;
}

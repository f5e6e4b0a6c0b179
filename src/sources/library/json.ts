// A JSON parser that keeps positions. JSON.parse throws away where things are, and a finding in
// a macro must point at the line and column of the export file, through escapes like \n, \" and
// \u2019. Strict RFC 8259 (no comments, no trailing commas), because vendor exports are
// machine-written: anything else is a damaged file and the user should hear exactly where.

import { AttuneError } from '../../core/errors.js';
import { LineIndex } from '../../core/position.js';
import type { ArrayNode, ObjectNode, StringNode, TreeNode } from './tree.js';

const MAX_DEPTH = 200;

export function parseJsonTree(text: string, file: string): TreeNode {
  let pos = 0;
  let lines: LineIndex | null = null;

  const fail = (expected: string, at = pos): never => {
    lines ??= new LineIndex(text);
    const p = lines.position(at);
    const found = at >= text.length ? 'end of file' : describe(text[at]!);
    throw new AttuneError('input', `invalid JSON: expected ${expected}, found ${found}`, `${file}:${p.line}:${p.column}`);
  };

  const ws = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else break;
    }
  };

  const parseString = (): StringNode => {
    const start = pos;
    pos++; // opening quote
    let value = '';
    const offs: number[] = [];
    for (;;) {
      if (pos >= text.length) fail('a closing " for the string', start);
      const ch = text[pos]!;
      if (ch === '"') break;
      if (ch === '\\') {
        const at = pos;
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          value += simple[e];
          offs.push(at);
          pos += 2;
          continue;
        }
        if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('four hex digits after \\u', pos + 2);
          value += String.fromCharCode(parseInt(hex, 16));
          offs.push(at);
          pos += 6;
          continue;
        }
        fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', pos + 1);
      }
      if (ch.charCodeAt(0) < 0x20) fail('a closing " (raw line breaks and control characters must be escaped)');
      value += ch;
      offs.push(pos);
      pos++;
    }
    offs.push(pos); // the closing quote: where an exclusive end lands
    pos++;
    return { type: 'string', value, start, end: pos, offsets: Int32Array.from(offs), quoting: 'json' };
  };

  const parseValue = (depth: number): TreeNode => {
    if (depth > MAX_DEPTH) fail(`at most ${MAX_DEPTH} levels of nesting`);
    ws();
    const start = pos;
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      const node: ObjectNode = { type: 'object', start, end: start, entries: [] };
      ws();
      if (text[pos] === '}') {
        pos++;
        node.end = pos;
        return node;
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail(node.entries.length ? 'a property name in double quotes (no trailing commas in JSON)' : 'a property name in double quotes or }');
        const keyStart = pos;
        const key = parseString().value;
        ws();
        // The key is quoted as JSON: it may hold escaped line breaks, and the message stays one line.
        if (text[pos] !== ':') fail(`":" after the property name ${JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key)}`);
        pos++;
        const value = parseValue(depth + 1);
        node.entries.push({ key, keyStart, value });
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          node.end = pos;
          return node;
        }
        fail('"," or "}" after a property value');
      }
    }
    if (ch === '[') {
      pos++;
      const node: ArrayNode = { type: 'array', start, end: start, items: [] };
      ws();
      if (text[pos] === ']') {
        pos++;
        node.end = pos;
        return node;
      }
      for (;;) {
        ws();
        if (text[pos] === ']') fail('a value (no trailing commas in JSON)');
        node.items.push(parseValue(depth + 1));
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          node.end = pos;
          return node;
        }
        fail('"," or "]" after an array item');
      }
    }
    if (ch === '"') return parseString();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(pos, pos + 64));
    if (lit) {
      pos += lit[0].length;
      const t = lit[0];
      if (t === 'true' || t === 'false') return { type: 'boolean', start, end: pos, value: t === 'true' };
      if (t === 'null') return { type: 'null', start, end: pos, value: null };
      return { type: 'number', start, end: pos, value: Number(t) };
    }
    return fail('a JSON value (object, array, string, number, true, false or null)');
  };

  const root = parseValue(0);
  ws();
  if (pos < text.length) fail('end of file after the top-level value');
  return root;
}

function describe(ch: string): string {
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (ch === '\t') return 'a tab';
  return JSON.stringify(ch);
}

/** Cheap sniff used by detection: does the text start like a JSON document? */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

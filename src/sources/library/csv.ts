// CSV libraries into the common tree: a header row, then one object per row. Hand-written rather
// than csv-parse because a finding must map to the exact character of a quoted, multi-line,
// quote-doubled field, and csv-parse reports only line numbers per record. RFC 4180 plus the
// things spreadsheets really emit: CRLF, a semicolon or tab delimiter, an empty last line.

import { AttuneError } from '../../core/errors.js';
import { LineIndex } from '../../core/position.js';
import type { ArrayNode, ObjectNode, StringNode } from './tree.js';

interface Field {
  value: string;
  start: number;
  end: number;
  offsets: number[];
}

export function parseCsvTree(text: string, file: string): ArrayNode {
  const delimiter = sniffDelimiter(text);
  const rows: Field[][] = [];
  let row: Field[] = [];
  let pos = 0;
  const fail = (message: string, at: number): never => {
    const p = new LineIndex(text).position(at);
    throw new AttuneError('input', `invalid CSV: ${message}`, `${file}:${p.line}:${p.column}`);
  };
  while (pos <= text.length) {
    const start = pos;
    const f: Field = { value: '', start, end: start, offsets: [] };
    if (text[pos] === '"') {
      pos++;
      for (;;) {
        if (pos >= text.length) fail('expected a closing " for the quoted field', start);
        if (text[pos] === '"') {
          if (text[pos + 1] === '"') {
            f.value += '"';
            f.offsets.push(pos);
            pos += 2;
            continue;
          }
          pos++;
          break;
        }
        f.value += text[pos];
        f.offsets.push(pos);
        pos++;
      }
      f.offsets.push(pos - 1);
      if (pos < text.length && text[pos] !== delimiter && text[pos] !== '\n' && text[pos] !== '\r') {
        fail(`expected "${delimiter === '\t' ? '\\t' : delimiter}" or a line break after a closing quote`, pos);
      }
    } else {
      while (pos < text.length && text[pos] !== delimiter && text[pos] !== '\n' && text[pos] !== '\r') {
        f.value += text[pos];
        f.offsets.push(pos);
        pos++;
      }
      f.offsets.push(pos);
    }
    f.end = pos;
    row.push(f);
    if (text[pos] === delimiter) {
      pos++;
      continue;
    }
    rows.push(row);
    row = [];
    if (text[pos] === '\r') pos++;
    if (text[pos] === '\n') pos++;
    if (pos >= text.length) break;
  }
  // A trailing newline yields one empty row; blank lines carry no macro.
  const nonEmpty = rows.filter((r) => !(r.length === 1 && r[0]!.value === ''));
  const header = nonEmpty[0];
  if (!header) fail('expected a header row naming the columns (for example: name,body)', 0);
  const names = header!.map((h) => h.value.trim());
  const out: ArrayNode = { type: 'array', start: 0, end: text.length, items: [] };
  for (const r of nonEmpty.slice(1)) {
    if (r.length > names.length) fail(`expected ${names.length} fields as in the header row, found ${r.length}`, r[names.length]!.start);
    const obj: ObjectNode = { type: 'object', start: r[0]!.start, end: r[r.length - 1]!.end, entries: [] };
    r.forEach((fld, i) => {
      const quoting = text[fld.start] === '"' ? 'csv-quoted' : 'csv-plain';
      const node: StringNode = { type: 'string', value: fld.value, start: fld.start, end: fld.end, offsets: Int32Array.from(fld.offsets), quoting };
      obj.entries.push({ key: names[i]!, keyStart: fld.start, value: node });
    });
    out.items.push(obj);
  }
  return out;
}

/** Comma unless the header line clearly uses semicolons or tabs (spreadsheet exports in many locales). */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const count = (c: string) => first.split(c).length - 1;
  const comma = count(',');
  const semi = count(';');
  const tab = count('\t');
  if (tab > comma && tab >= semi) return '\t';
  if (semi > comma) return ';';
  return ',';
}

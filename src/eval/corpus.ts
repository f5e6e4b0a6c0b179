// Reading the measurement corpus (JSONL, one record a line; see ../shared/corpus/SOURCES.md).
// The corpus is for measuring only: nothing here is bundled, and record text never leaves memory
// except in terminal output a developer asks for (--hits).

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface CorpusRecord {
  id: string;
  source: string;
  role: string;
  text: string;
  labels: Record<string, unknown>;
  /** The message being answered, '' when unknown. */
  context: string;
  /** File stem the record came from, e.g. `twcs__twcs_first5000`. */
  file: string;
}

export interface CorpusFile {
  /** File stem, without `.jsonl`. */
  name: string;
  rows: number;
}

export interface Corpus {
  files: CorpusFile[];
  records: CorpusRecord[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse one JSONL file's content; malformed lines throw with file:line so the corpus can be fixed. */
export function parseJsonl(content: string, file: string): CorpusRecord[] {
  const out: CorpusRecord[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.text !== 'string') {
      throw new Error(`${file}:${i + 1}: expected an object with string "id" and "text"`);
    }
    out.push({
      id: raw.id,
      source: typeof raw.source === 'string' ? raw.source : file,
      role: typeof raw.role === 'string' ? raw.role : 'unknown',
      text: raw.text,
      labels: isObject(raw.labels) ? raw.labels : {},
      context: typeof raw.context === 'string' ? raw.context : '',
      file,
    });
  }
  return out;
}

/** Every `*.jsonl` in `dir`, in name order. */
export function readCorpusDir(dir: string): Corpus {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort();
  const files: CorpusFile[] = [];
  const records: CorpusRecord[] = [];
  for (const n of names) {
    const name = basename(n, '.jsonl');
    const recs = parseJsonl(readFileSync(join(dir, n), 'utf8'), name);
    files.push({ name, rows: recs.length });
    for (const r of recs) records.push(r);
  }
  return { files, records };
}

/** True when `filter` names the record's file stem, its source, or `source/role`. */
export function matchesSource(r: CorpusRecord, filter: string): boolean {
  const f = filter.replace(/\.jsonl$/, '');
  return r.file === f || r.source === f || `${r.source}/${r.role}` === f || `${r.file}/${r.role}` === f;
}

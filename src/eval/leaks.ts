// Guard for the corpus licenses: finds word sequences shared by repository files and corpus records,
// so copied text (in fixtures, rule data, tests or docs) is caught before it ships. Eight words is
// long enough that a shared run is almost never coincidence, short enough to catch a copied sentence;
// stock phrases ("let us know if you have any other questions") can still match and need a human look.

export const LEAK_WORDS = 8;

export interface Shingle {
  /** The normalised words joined by single spaces. */
  key: string;
  /** 1-based line of the first word in the text it came from. */
  line: number;
}

/** Runs of `n` consecutive words, lower-cased, with curly quotes folded and punctuation dropped. */
export function shingles(text: string, n = LEAK_WORDS): Shingle[] {
  const words: Array<{ w: string; line: number }> = [];
  let line = 1;
  const re = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\n/gu;
  for (const m of text.matchAll(re)) {
    if (m[0] === '\n') {
      line++;
      continue;
    }
    words.push({ w: m[0].toLowerCase().replace(/’/g, "'"), line });
  }
  const out: Shingle[] = [];
  for (let i = 0; i + n <= words.length; i++) {
    out.push({
      key: words
        .slice(i, i + n)
        .map((x) => x.w)
        .join(' '),
      line: words[i]!.line,
    });
  }
  return out;
}

export interface Leak {
  file: string;
  line: number;
  /** The shared words (repository side). */
  words: string;
  /** Corpus records that contain them (up to 3). */
  ids: string[];
}

/**
 * Every run of LEAK_WORDS words that a repository file shares with a corpus text. Consecutive
 * overlapping runs on the same line are reported once, at the first.
 */
export function findLeaks(
  files: ReadonlyArray<{ path: string; text: string }>,
  records: ReadonlyArray<{ id: string; text: string; context?: string }>,
  n = LEAK_WORDS,
): Leak[] {
  const wanted = new Map<string, Array<{ file: string; line: number }>>();
  for (const f of files) {
    for (const s of shingles(f.text, n)) {
      const list = wanted.get(s.key) ?? [];
      list.push({ file: f.path, line: s.line });
      wanted.set(s.key, list);
    }
  }
  const found = new Map<string, string[]>();
  for (const r of records) {
    for (const body of [r.text, r.context ?? '']) {
      if (body === '') continue;
      for (const s of shingles(body, n)) {
        if (!wanted.has(s.key)) continue;
        const ids = found.get(s.key) ?? [];
        if (ids.length < 3 && !ids.includes(r.id)) ids.push(r.id);
        found.set(s.key, ids);
      }
    }
  }
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  for (const [key, ids] of found) {
    for (const at of wanted.get(key)!) {
      const where = `${at.file}:${at.line}`;
      if (seen.has(where)) continue; // one report per line is enough to send someone there
      seen.add(where);
      leaks.push({ file: at.file, line: at.line, words: key, ids });
    }
  }
  return leaks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

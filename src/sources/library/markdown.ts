// Markdown libraries with one reply per heading, the way teams keep SAVED_REPLIES.md or
// canned-replies files in a repository. The macro level is the heading level used most often
// (ties go to the higher level), so a "# Saved replies" title above "## …" replies is not a macro,
// and "###" sub-headings inside a reply stay part of its body. Headings inside code fences are
// not headings.

import type { Macro } from './shapes.js';

interface Heading {
  level: number;
  title: string;
  /** Start of the heading line and start of the line after it. */
  lineStart: number;
  next: number;
}

const NAME_HINT = /(?:saved[-_ ]?repl|canned|macro|snippet|template|quick[-_ ]?repl|responses?)[^/\\]*\.(?:md|markdown)$/i;

export function findHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  let fence: string | null = null;
  let pos = 0;
  for (const line of text.split('\n')) {
    const lineStart = pos;
    pos += line.length + 1;
    const f = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*\r?$/.exec(line);
    if (h) out.push({ level: h[1]!.length, title: h[2]!.trim(), lineStart, next: Math.min(pos, text.length) });
  }
  return out;
}

function macroLevel(headings: Heading[]): number | null {
  const counts = new Map<number, number>();
  for (const h of headings) counts.set(h.level, (counts.get(h.level) ?? 0) + 1);
  let best: number | null = null;
  for (const [level, n] of [...counts].sort((a, b) => a[0] - b[0])) if (best === null || n > counts.get(best)!) best = level;
  return best;
}

/** Detection: a library-like file name, or at least three replies under same-level headings. */
export function looksLikeMarkdownLibrary(file: string, text: string): boolean {
  if (!/\.(?:md|markdown)$/i.test(file)) return false;
  const headings = findHeadings(text);
  const level = macroLevel(headings);
  if (level === null) return false;
  const n = headings.filter((h) => h.level === level).length;
  return NAME_HINT.test(file) ? n >= 1 : n >= 3;
}

export function markdownMacros(text: string): Macro[] {
  const headings = findHeadings(text);
  const level = macroLevel(headings);
  if (level === null) return [];
  const out: Macro[] = [];
  const macroHeads = headings.filter((h) => h.level === level);
  macroHeads.forEach((h, index) => {
    const end = headings.find((o) => o.lineStart > h.lineStart && o.level <= level)?.lineStart ?? text.length;
    // Trim surrounding blank lines but keep offsets: the body is a slice of the file.
    let a = h.next;
    let b = end;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    const value = text.slice(a, b);
    const macro: Macro = {
      id: slug(h.title),
      name: h.title,
      index,
      body: null,
      format: 'markdown',
      at: h.lineStart,
    };
    if (value === '') {
      out.push({ ...macro, problem: `expected reply text under the heading "${h.title}"` });
      return;
    }
    const offsets = Int32Array.from({ length: value.length + 1 }, (_, i) => a + i);
    out.push({ ...macro, body: { type: 'string', value, start: a, end: b, offsets } });
  });
  return out;
}

function slug(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
}

// The document model every rule shares. A unit of source text (a draft file, or one macro of a
// library) becomes a *clean text*: template placeholders, markup, quoted history, signatures and
// URLs are masked, typographic variants are normalised (curly quotes, zero-width characters, CRLF),
// and every clean character maps back to its source offset. Rules only ever see clean text and
// report clean offsets; the linter maps them back, so rules never deal with markup or templates.

import type { Signal } from './types.js';
import { warm } from '../checks/warm-regex.js';

export type SourceFormat = 'text' | 'markdown' | 'html' | 'eml';

/** Stands in for a masked template placeholder: not a word, not a space, so phrases never bridge it. */
export const PLACEHOLDER = '\uFFFC';

export type Section = 'greeting' | 'body' | 'signoff';

export interface Sentence {
  index: number;
  /** 0-based [start, end) in clean text, trimmed. */
  start: number;
  end: number;
  text: string;
  paragraph: number;
  section: Section;
  isQuestion: boolean;
}

export interface Paragraph {
  index: number;
  start: number;
  end: number;
  sentences: Sentence[];
}

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  kind: 'word' | 'number' | 'punct' | 'emoji' | 'placeholder';
}

export type MaskKind =
  | 'placeholder'
  | 'markup'
  | 'url'
  | 'email'
  | 'mention'
  | 'quote'
  | 'signature'
  | 'comment'
  | 'code';

export interface Mask {
  kind: MaskKind;
  /** 0-based [start, end) in the unit's source text. */
  start: number;
  end: number;
}

export interface Doc {
  /** The unit's source text, exactly as read. */
  source: string;
  /** Clean text: what rules read. */
  text: string;
  /** text.toLowerCase(), cached because almost every rule wants it. */
  lower: string;
  format: SourceFormat;
  masks: Mask[];
  /** URLs and email addresses found in the source (their clean-text offsets are where the mask sits). */
  links: Array<{ kind: 'url' | 'email'; value: string; start: number; end: number }>;
  /** Clean-text spans of the three sections. `greeting`/`signoff` are null when absent. */
  greeting: { start: number; end: number } | null;
  signoff: { start: number; end: number } | null;
  body: { start: number; end: number };
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** Sentences of the body section only (most rules want these). */
  bodySentences: Sentence[];
  tokens(): Token[];
  /** Map a clean offset to a source offset. end=true maps an exclusive end. */
  toSource(cleanOffset: number, end?: boolean): number;
}

export interface CustomerContext {
  doc: Doc;
  signals: Signal[];
}

// ---------------------------------------------------------------------------------------------
// Masking

interface RawMask {
  kind: MaskKind;
  start: number;
  end: number;
  /** What the clean text shows instead. */
  replacement: string;
}

const PLACEHOLDER_PATTERNS: RegExp[] = [
  /\{\{!--[\s\S]*?--\}\}/g, // Handlebars comment (directives live here)
  /\{\{[\s\S]{0,200}?\}\}/g, // {{ticket.requester.first_name}}, {{#if x}}, {{/if}}, {{first_name|fallback:"there"}}
  /\{%[\s\S]{0,200}?%\}/g, // {% if %}, {%customer.fname,fallback=there%}
  /\$\{[A-Za-z_][\w.]{0,60}\}/g, // ${first_name}
  /%[A-Z][A-Z0-9_]{1,40}%/g, // %FIRST_NAME%
  /<<[A-Za-z_][\w .]{0,40}>>/g, // <<customer name>>
  /\[(?:[A-Z][A-Za-z0-9]*|[a-z]+_[a-z_]+)(?:[ _.-][A-Za-z0-9]+){0,4}\](?!\()/g, // [Customer Name], [first_name]; not [text](url)
];

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]/gi;
const EMAIL_RE = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const MENTION_RE = /(^|[\s(])@[A-Za-z0-9_]{1,30}\b/g;
const HTML_COMMENT_RE = /<!--[\s\S]*?-->/g;
const LIQUID_COMMENT_RE = /\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g;

const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'blockquote',
  'section', 'article', 'header', 'footer', 'hr', 'pre',
]);

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: "'", lsquo: "'", rdquo: '"',
  ldquo: '"', mdash: '—', ndash: '–', hellip: '…', copy: '©', reg: '®', trade: '™',
};

function collect(re: RegExp, source: string, kind: MaskKind, replacement: string, out: RawMask[], group = 0): void {
  re.lastIndex = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let start = m.index;
    if (group) start += (m[1] ?? '').length;
    out.push({ kind, start, end: m.index + m[0].length, replacement });
    if (m[0].length === 0) re.lastIndex++;
  }
}

function replacementFor(span: string): string {
  const newlines = (span.match(/\n/g) ?? []).length;
  return newlines >= 2 ? '\n\n' : newlines === 1 ? '\n' : ' ';
}

/** Quoted email history: "> " lines, "On … wrote:" and everything after it, Outlook headers. */
function collectQuoted(source: string, out: RawMask[]): void {
  const wrote = /^[ \t]*(?:On\s[^\n]{3,200}?wrote:|-{2,}\s*Original Message\s*-{2,}|From:\s[^\n]+\n(?:[^\n]*\n)?\s*(?:Sent|Date):)/im.exec(source);
  let cut = source.length;
  if (wrote) {
    cut = wrote.index;
    out.push({ kind: 'quote', start: cut, end: source.length, replacement: '\n\n' });
  }
  const line = /^[ \t]*>[^\n]*(?:\n|$)/gm;
  for (let m = line.exec(source); m && m.index < cut; m = line.exec(source)) {
    out.push({ kind: 'quote', start: m.index, end: Math.min(cut, m.index + m[0].length), replacement: '\n' });
  }
}

/** Signature: the "-- " delimiter line and everything after it; a trailing tweet-style tag "^HN" / "-SDL". */
function collectSignature(source: string, out: RawMask[]): void {
  const delim = /^-- ?$/m.exec(source);
  if (delim) out.push({ kind: 'signature', start: delim.index, end: source.length, replacement: '\n\n' });
  const tag = /(?:\s)([\^~*]\s?[A-Z]{1,4}|[-–—]\s?[A-Z]{2,4}(?:\/[A-Z]{2,4})?|\d\/\d)\s*$/.exec(source);
  if (tag) out.push({ kind: 'signature', start: tag.index + 1, end: source.length, replacement: ' ' });
}

function collectHtml(source: string, out: RawMask[]): void {
  const rawBlock = /<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi;
  collect(rawBlock, source, 'markup', '\n', out);
  const tag = /<\/?([A-Za-z][A-Za-z0-9-]*)\b[^>]*>/g;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const name = (m[1] ?? '').toLowerCase();
    const closing = m[0].startsWith('</');
    let replacement = ' ';
    if (name === 'br') replacement = '\n';
    else if (BLOCK_TAGS.has(name)) replacement = name === 'li' && !closing ? '\n' : '\n\n';
    else replacement = '';
    out.push({ kind: 'markup', start: m.index, end: m.index + m[0].length, replacement });
  }
  const entity = /&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});/g;
  for (let m = entity.exec(source); m; m = entity.exec(source)) {
    const body = m[1] ?? '';
    let ch: string | undefined;
    if (body.startsWith('#x')) ch = safeCodePoint(parseInt(body.slice(2), 16));
    else if (body.startsWith('#')) ch = safeCodePoint(parseInt(body.slice(1), 10));
    else ch = ENTITIES[body.toLowerCase()];
    if (ch !== undefined) out.push({ kind: 'markup', start: m.index, end: m.index + m[0].length, replacement: ch });
  }
}

function safeCodePoint(n: number): string | undefined {
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
  return String.fromCodePoint(n);
}

function collectMarkdown(source: string, out: RawMask[]): void {
  collect(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1[ \t]*$|$(?![\s\S]))/gm, source, 'code', '\n\n', out);
  collect(/`[^`\n]+`/g, source, 'code', ' ', out);
  collect(/^[ \t]{0,3}#{1,6}[ \t]+/gm, source, 'markup', '', out);
  collect(/^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/gm, source, 'markup', '', out);
  collect(/^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/gm, source, 'markup', '\n', out);
  // link/image syntax: keep the visible text, mask the brackets and the target
  const link = /!?\[([^\]\n]{0,200})\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
  for (let m = link.exec(source); m; m = link.exec(source)) {
    const textStart = m.index + (m[0].startsWith('!') ? 2 : 1);
    out.push({ kind: 'markup', start: m.index, end: textStart, replacement: '' });
    const textEnd = textStart + (m[1] ?? '').length;
    out.push({ kind: 'url', start: textEnd, end: m.index + m[0].length, replacement: ' ' });
  }
  collect(/(\*\*|__)(?=\S)/g, source, 'markup', '', out);
  collect(/(?<=\S)(\*\*|__)/g, source, 'markup', '', out);
  collect(/(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])/g, source, 'markup', '', out);
}

/** Remove overlaps: earlier-starting (then longer) masks win. */
function normaliseMasks(masks: RawMask[]): RawMask[] {
  masks.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RawMask[] = [];
  let lastEnd = -1;
  for (const m of masks) {
    if (m.end <= m.start) continue;
    if (m.start < lastEnd) continue;
    out.push(m);
    lastEnd = m.end;
  }
  return out;
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

function normaliseChar(ch: string): string {
  switch (ch) {
    case '\u2018': case '\u2019': case '\u02BC': case '\u2032': case '`': return "'";
    case '\u201C': case '\u201D': case '\u201E': case '\u2033': return '"';
    case '\u00A0': case '\u2007': case '\u202F': case '\t': return ' ';
    default: return ch;
  }
}

// ---------------------------------------------------------------------------------------------
// Sections, paragraphs, sentences

const GREETING_RE = /^[ \t]*(?:(?:hi|hello|hey|hiya|howdy|dear|greetings|good\s+(?:morning|afternoon|evening|day)|hi\s+there|hello\s+there)\b(?:[ \t]+(?:[\p{L}\uFFFC][\p{L}'.\-\uFFFC]*|\uFFFC)){0,3}[ \t]*[,!:;\u2014-]|(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b(?:[ \t]+[\p{L}\uFFFC][\p{L}'.\-\uFFFC]*){0,3}[ \t]*(?=\n|$))/iu;

const CLOSING_RE = /^[ \t]*(?:best(?:\s+(?:regards|wishes))?|kind(?:est)?\s+regards|warm(?:est)?\s+regards|regards|many\s+thanks|thanks(?:\s+(?:again|so\s+much))?(?:\s+(?:for\s+your\s+patience|for\s+reaching\s+out))?|thank\s+you(?:\s+again)?|cheers|sincerely(?:\s+yours)?|yours(?:\s+(?:truly|sincerely))?|all\s+the\s+best|take\s+care|talk\s+soon|speak\s+soon|warmly|respectfully|with\s+(?:care|thanks)|have\s+a\s+(?:great|good|nice|lovely)\s+(?:day|week|weekend|evening))[ \t]*[,.!]?[ \t]*(?:\uFFFC[ \t]*)?$/iu;

const LEAD_BEFORE_GREETING = /^(?:[\s\uFFFC]*\n)?[ \t]*/;

function findGreeting(text: string): { start: number; end: number } | null {
  // Lines that hold only template placeholders ({{#if agent.greeting}}) come before the greeting
  // without being it.
  const lead = LEAD_BEFORE_GREETING.exec(text)?.[0].length ?? 0;
  const first = text.slice(lead);
  warm(GREETING_RE, first);
  const m = GREETING_RE.exec(first);
  if (!m) return null;
  return { start: lead, end: lead + m[0].length };
}

function findSignoff(text: string, bodyStart: number): { start: number; end: number } | null {
  // Walk lines from the end: short name/title lines may follow the closing line.
  const lines: Array<{ start: number; end: number; text: string }> = [];
  let pos = 0;
  for (const l of text.split('\n')) {
    lines.push({ start: pos, end: pos + l.length, text: l });
    pos += l.length + 1;
  }
  let i = lines.length - 1;
  while (i >= 0 && lines[i]!.text.trim() === '') i--;
  const lastContent = i;
  let trailing = 0;
  for (; i >= 0 && trailing <= 4; i--) {
    const line = lines[i]!;
    if (line.start < bodyStart) return null;
    const t = line.text.trim();
    if (t === '') continue;
    warm(CLOSING_RE, t);
    if (CLOSING_RE.test(t)) {
      return { start: line.start + (line.text.length - line.text.trimStart().length), end: lines[lastContent]!.end };
    }
    const words = t.split(/\s+/).length;
    if (words > 6 || /[.?!]$/.test(t) && words > 3) return null;
    trailing++;
  }
  return null;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'e.g', 'i.e', 'eg', 'ie', 'approx',
  'no', 'inc', 'ltd', 'co', 'corp', 'dept', 'est', 'mt', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'a.m',
  'p.m', 'u.s', 'min', 'max', 'ref', 'acct', 'ext', 'tel', 'fig', 'vol',
]);

function splitSentences(
  text: string,
  start: number,
  end: number,
  emit: (s: number, e: number) => void,
): void {
  let s = start;
  const flush = (e: number): void => {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a && /[\p{L}\p{N}\uFFFC]/u.test(text.slice(a, b))) emit(a, b);
    else if (b > a && /\p{Extended_Pictographic}/u.test(text.slice(a, b))) emit(a, b);
  };
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      // A line break ends a sentence when the line ended a thought or the next line starts a list/new line.
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const prevLine = text.slice(Math.max(lineStart, s), i).trimEnd();
      const nextLine = text.slice(i + 1, text.indexOf('\n', i + 1) === -1 ? end : Math.min(end, text.indexOf('\n', i + 1)));
      const prevEnds = /[.!?:;)"'\p{Extended_Pictographic}]$/u.test(prevLine);
      const nextStartsUpper = /^\s*[\p{Lu}\p{N}\uFFFC]/u.test(nextLine);
      if (prevLine === '' || prevEnds || (nextStartsUpper && prevLine.length < 60) || nextLine.trim() === '') {
        flush(i);
        s = i + 1;
      }
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    let j = i + 1;
    while (j < end && /[.!?…]/.test(text[j]!)) j++;
    while (j < end && /["')\]\p{Extended_Pictographic}\uFE0F]/u.test(text[j]!)) j++;
    if (j < end && !/\s/.test(text[j]!)) {
      i = j - 1;
      continue;
    }
    if (ch === '.' && j === i + 1) {
      const wordStart = (() => {
        let k = i;
        while (k > s && /[\p{L}.]/u.test(text[k - 1]!)) k--;
        return k;
      })();
      const word = text.slice(wordStart, i).toLowerCase();
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
      let k = j;
      while (k < end && text[k] === ' ') k++;
      if (k < end && /[\p{Ll}]/u.test(text[k]!)) continue; // "e.g. this", wrapped text
    }
    flush(j);
    s = j;
    i = j - 1;
  }
  flush(end);
}

// ---------------------------------------------------------------------------------------------

export interface ParseOptions {
  format?: SourceFormat;
}

export function formatFromPath(path: string): SourceFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (lower.endsWith('.eml')) return 'eml';
  return 'text';
}

/** Strip RFC 822 headers from an .eml; returns the offset where the body starts. */
function emlBodyStart(source: string): number {
  const m = /\r?\n\r?\n/.exec(source);
  if (!m) return 0;
  const head = source.slice(0, m.index);
  return /^[A-Za-z-]+:\s/m.test(head) ? m.index + m[0].length : 0;
}

export function parseDocument(source: string, options: ParseOptions = {}): Doc {
  const format = options.format ?? 'text';
  const raw: RawMask[] = [];
  if (format === 'eml') {
    const bodyStart = emlBodyStart(source);
    if (bodyStart > 0) raw.push({ kind: 'markup', start: 0, end: bodyStart, replacement: '' });
  }
  collect(HTML_COMMENT_RE, source, 'comment', ' ', raw);
  // A Liquid comment block renders nothing: its inner text (agent notes, attune directives) must not reach rules.
  collect(LIQUID_COMMENT_RE, source, 'comment', ' ', raw);
  for (const re of PLACEHOLDER_PATTERNS) collect(re, source, 'placeholder', PLACEHOLDER, raw);
  collectQuoted(source, raw);
  collectSignature(source, raw);
  if (format === 'html' || /<\/?(?:p|div|br|span|a|b|strong|em|ul|li|h[1-6])\b[^>]*>/i.test(source)) {
    collectHtml(source, raw);
  }
  if (format === 'markdown') collectMarkdown(source, raw);
  collect(URL_RE, source, 'url', ' ', raw);
  collect(EMAIL_RE, source, 'email', ' ', raw);
  collect(MENTION_RE, source, 'mention', ' ', raw, 1);
  const masks = normaliseMasks(raw);

  // Build clean text and the clean→source maps (start of each clean char, end of each clean char).
  // Typed buffers, not arrays of one-character strings and numbers: on a 5 MB document those
  // took hundreds of MB on the way (the clean text is about as long as the source; the buffers
  // grow if replacements make it longer).
  let codes = new Uint16Array(source.length + 16);
  let starts = new Int32Array(source.length + 16);
  let ends = new Int32Array(source.length + 16);
  const links: Doc['links'] = [];
  let cleanLen = 0;
  const room = (n: number): void => {
    if (cleanLen + n <= codes.length) return;
    const size = Math.max(cleanLen + n, codes.length * 2);
    const grow = <T extends Uint16Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    codes = grow(codes, (n) => new Uint16Array(n));
    starts = grow(starts, (n) => new Int32Array(n));
    ends = grow(ends, (n) => new Int32Array(n));
  };
  const emit = (str: string, from: number, to: number): void => {
    room(str.length);
    for (let k = 0; k < str.length; k++) {
      codes[cleanLen] = str.charCodeAt(k);
      starts[cleanLen] = from;
      ends[cleanLen] = to;
      cleanLen++;
    }
  };
  let mi = 0;
  for (let i = 0; i < source.length; ) {
    const mask = masks[mi];
    if (mask && mask.start === i) {
      let rep = mask.replacement;
      if (rep === ' ' || rep === '\n') {
        const byNewlines = replacementFor(source.slice(mask.start, mask.end));
        if (byNewlines.length > rep.length || (byNewlines === '\n' && rep === ' ')) rep = byNewlines;
      }
      if (mask.kind === 'url' || mask.kind === 'email') {
        let value = source.slice(mask.start, mask.end);
        if (value.startsWith('](')) value = value.slice(2).replace(/(?:\s+"[^"]*")?\)$/, '');
        links.push({ kind: mask.kind, value, start: cleanLen, end: cleanLen + rep.length });
      }
      emit(rep, mask.start, mask.end);
      i = mask.end;
      mi++;
      continue;
    }
    const ch = source[i]!;
    if (ch === '\r') {
      if (source[i + 1] === '\n') emit('\n', i, i + 2);
      else emit('\n', i, i + 1);
      i += source[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch === '\u200B' && /[^\s\u200B-\u200D\u2060\uFEFF\u00AD]/.test(source[i - 1] ?? ' ') && /[^\s\u200B-\u200D\u2060\uFEFF\u00AD]/.test(source[i + 1] ?? ' ')) {
      // A zero-width *space* is a word boundary (Thai and Khmer separate words with it; pasted
      // text keeps it where a space was): "so\u200Bsorry" reads "so sorry". The joiners, the soft
      // hyphen and the word joiner sit inside words and are dropped: "sor\u00ADry" reads "sorry".
      emit(' ', i, i + 1);
      i++;
      continue;
    }
    if (ZERO_WIDTH.test(ch)) {
      i++;
      continue;
    }
    const code = ch.charCodeAt(0);
    // Only a real pair is kept together: a lone high surrogate (broken input) must not swallow the
    // next character, which may be where a mask starts (masking then stopped for the rest of the text).
    const low = source.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      room(2);
      codes[cleanLen] = code;
      codes[cleanLen + 1] = low;
      starts[cleanLen] = starts[cleanLen + 1] = i;
      ends[cleanLen] = ends[cleanLen + 1] = i + 2;
      cleanLen += 2;
      i += 2;
      continue;
    }
    emit(normaliseChar(ch), i, i + 1);
    i++;
  }
  const text = fromCodes(codes, cleanLen);
  const startMap = starts.slice(0, cleanLen);
  const endMap = ends.slice(0, cleanLen);

  const toSource = (offset: number, end = false): number => {
    if (end) return offset <= 0 ? (startMap[0] ?? 0) : offset > text.length ? source.length : endMap[offset - 1]!;
    return offset >= text.length ? source.length : offset <= 0 ? (startMap[0] ?? 0) : startMap[offset]!;
  };

  const greeting = findGreeting(text);
  const bodyStartRaw = greeting ? greeting.end : 0;
  const signoff = findSignoff(text, bodyStartRaw);
  const body = { start: bodyStartRaw, end: signoff ? signoff.start : text.length };

  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  for (const [pStart, pEnd] of paragraphSpans(text)) {
    const p: Paragraph = { index: paragraphs.length, start: pStart, end: pEnd, sentences: [] };
    // Split each paragraph into section-homogeneous pieces, then sentences.
    const cuts = [p.start, p.end];
    for (const c of [greeting?.end, signoff?.start]) if (c !== undefined && c > p.start && c < p.end) cuts.push(c);
    cuts.sort((a, b) => a - b);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k]!;
      const b = cuts[k + 1]!;
      const section: Section = greeting && a < greeting.end ? 'greeting' : signoff && a >= signoff.start ? 'signoff' : 'body';
      splitSentences(text, a, b, (s, e) => {
        const stext = text.slice(s, e);
        const sentence: Sentence = {
          index: sentences.length,
          start: s,
          end: e,
          text: stext,
          paragraph: p.index,
          section,
          isQuestion: /\?["')\]\s\p{Extended_Pictographic}]*$/u.test(stext),
        };
        sentences.push(sentence);
        p.sentences.push(sentence);
      });
    }
    if (p.sentences.length) paragraphs.push(p);
    else continue;
  }
  paragraphs.forEach((p, idx) => {
    p.index = idx;
    for (const s of p.sentences) s.paragraph = idx;
  });

  let tokenCache: Token[] | null = null;
  return {
    source,
    text,
    lower: text.toLowerCase(),
    format,
    masks: masks.map(({ kind, start, end }) => ({ kind, start, end })),
    links,
    greeting,
    signoff,
    body,
    paragraphs,
    sentences,
    bodySentences: sentences.filter((s) => s.section === 'body'),
    tokens() {
      tokenCache ??= tokenize(text);
      return tokenCache;
    },
    toSource,
  };
}

/**
 * Paragraphs: the runs of text between line breaks that are followed by a blank line. A scan for
 * the separators rather than one regex over each paragraph, which overflowed the stack on a
 * multi-megabyte paragraph (test/regressions/).
 */
function paragraphSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const separator = /\n(?=[ \t]*\n)/g;
  let from = 0;
  for (;;) {
    const m = separator.exec(text);
    const to = m ? m.index : text.length;
    if (to > from) spans.push([from, to]);
    if (!m) return spans;
    from = m.index + 1;
  }
}

const TOKEN_RE = /(\uFFFC)|([\p{L}\p{M}][\p{L}\p{M}\p{N}'-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{M}])|(\p{N}[\p{N}.,:/-]*\p{N}|\p{N})|(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*)|([^\s\p{L}\p{N}])/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const kind: Token['kind'] = m[1] ? 'placeholder' : m[2] ? 'word' : m[3] ? 'number' : m[4] ? 'emoji' : 'punct';
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], lower: m[0].toLowerCase(), kind });
  }
  return out;
}

/** The string of the first `length` UTF-16 code units in `codes`. */
function fromCodes(codes: Uint16Array, length: number): string {
  // Buffer's UTF-16LE decoding is the platform's own, and copies the units as they are (lone
  // surrogates included); on a big-endian machine the bytes would need swapping first.
  if (LITTLE_ENDIAN) return Buffer.from(codes.buffer, codes.byteOffset, length * 2).toString('utf16le');
  let out = '';
  for (let i = 0; i < length; i += 8192) out += String.fromCharCode(...codes.subarray(i, Math.min(length, i + 8192)));
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Bytes to text, for every input attune reads (files, stdin, the customer's message). Drafts come
// from editors, help-desk exports and clipboards, so anything may arrive: a BOM, UTF-16 from a
// Windows tool, a stray Latin-1 byte, a PDF dropped in the drafts folder. The rules:
//   - UTF-8, with or without BOM (the BOM is dropped, as editors do); UTF-16 LE/BE with a BOM.
//   - Invalid UTF-8 is read with U+FFFD in place of each bad sequence and a warning naming the
//     first bad byte's line and column: one bad byte must not cost the user the rest of the lint.
//     (--fix never writes such a file back: it would turn the bad bytes into U+FFFD for good.)
//   - Binary (a NUL byte in the first 8 KB, as git and grep decide, or mostly control bytes or
//     undecodable bytes) is skipped with a warning: linting it would print nonsense findings.
//   - Files above a size limit (default 10 MB, --max-file-size) are refused before they are read:
//     a reply draft is a few KB, and a 50 MB "draft" is an export or a log that would take minutes
//     and gigabytes to lint. The message names the limit and the flag.

import { isUtf8 } from 'node:buffer';
import { AttuneError } from '../core/errors.js';
import { LineIndex } from '../core/position.js';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

export interface DecodedText {
  /** The text without its BOM; '' when binary. */
  text: string;
  encoding: TextEncoding;
  bom: boolean;
  /** Not text: skip it. */
  binary: boolean;
  /** Some bytes were not valid in the encoding and became U+FFFD: writing the text back would lose them. */
  lossy: boolean;
  /** One line each, without the file name (the caller prefixes it). */
  warnings: string[];
}

/** The default per-file limit: far above any reply draft or macro export, far below what hurts. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** How many leading bytes decide "binary" (git looks at 8000). */
const SNIFF_BYTES = 8000;

export function decodeBytes(input: Uint8Array): DecodedText {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const warnings: string[] = [];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), 'utf16le', warnings);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), 'utf16be', warnings);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const binary = binaryReason(body);
  if (binary) return { text: '', encoding: 'utf8', bom, binary: true, lossy: false, warnings: [binary] };
  if (isUtf8(body)) return { text: body.toString('utf8'), encoding: 'utf8', bom, binary: false, lossy: false, warnings };
  const text = body.toString('utf8');
  const bad = firstInvalidUtf8(body);
  const pos = new LineIndex(text).position(body.subarray(0, bad).toString('utf8').length);
  warnings.push(`${pos.line}:${pos.column}: invalid UTF-8 (byte 0x${body[bad]!.toString(16).toUpperCase().padStart(2, '0')}); linted with U+FFFD in place of each bad byte (is the file in another encoding? save it as UTF-8)`);
  return { text, encoding: 'utf8', bom, binary: false, lossy: true, warnings };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function decodeUtf16(body: Buffer, encoding: 'utf16le' | 'utf16be', warnings: string[]): DecodedText {
  let le = body;
  if (body.length % 2 === 1) {
    warnings.push(`the file ends in half a UTF-16 character (odd byte count); the last byte was ignored`);
    le = body.subarray(0, body.length - 1);
  }
  if (encoding === 'utf16be') le = Buffer.from(le).swap16();
  const text = le.toString('utf16le');
  // Unpaired surrogates are the UTF-16 form of invalid input.
  const lossy = LONE_SURROGATE.test(text);
  if (lossy) warnings.push('invalid UTF-16 (an unpaired surrogate); linted with U+FFFD in its place');
  return { text: lossy ? text.replace(LONE_SURROGATES, '\uFFFD') : text, encoding, bom: true, binary: false, lossy: lossy || body.length % 2 === 1, warnings };
}

/** Why these bytes are not text, or null when they are. Looks only at the first 8 KB. */
function binaryReason(bytes: Buffer): string | null {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.length === 0) return null;
  const nul = head.indexOf(0);
  if (nul >= 0) {
    // UTF-16 text without a BOM looks like ASCII with every other byte NUL.
    const hint = looksLikeBomlessUtf16(head) ? ' (it looks like UTF-16 without a byte-order mark: save it as UTF-8, or as UTF-16 with a BOM)' : '';
    return `skipped: binary file (NUL byte at offset ${nul})${hint}`;
  }
  let control = 0;
  for (const b of head) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 11 && b !== 27) || b === 0x7f) control++;
  if (control / head.length > 0.1) return `skipped: binary file (${Math.round((100 * control) / head.length)}% control bytes)`;
  // Not UTF-8 and mostly not decodable: an image or archive without NULs up front, not a Latin-1 draft.
  if (!isUtf8(head)) {
    const replaced = countReplacements(head.toString('utf8'));
    if (replaced / head.length > 0.3) return 'skipped: binary file (mostly bytes that are not UTF-8 text)';
  }
  return null;
}

function looksLikeBomlessUtf16(head: Buffer): boolean {
  let evenZero = 0;
  let oddZero = 0;
  const n = head.length - (head.length % 2);
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  return pairs >= 2 && (oddZero / pairs > 0.8 || evenZero / pairs > 0.8) && Math.min(oddZero, evenZero) / pairs < 0.1;
}

function countReplacements(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\uFFFD'); i >= 0; i = s.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

/** Parse a --max-file-size value: bytes, or a number with k/KB, M/MB, G/GB (binary multiples). */
export function parseSize(value: string, flag = '--max-file-size'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(value);
  const unit = (m?.[2] ?? 'b').toLowerCase()[0]!;
  const n = m ? Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1) : NaN;
  if (!Number.isFinite(n) || n < 1 || !Number.isSafeInteger(Math.floor(n))) {
    throw new AttuneError('usage', `expected a size such as 20MB, 512KB or 1000000 (bytes), got "${value}"`, flag);
  }
  return Math.floor(n);
}

/** 10485760 → "10 MB"; sizes in the same binary units parseSize reads. */
export function formatSize(bytes: number): string {
  const units: Array<[string, number]> = [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]];
  for (const [name, size] of units) {
    if (bytes >= size) {
      const v = bytes / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1)} ${name}`;
    }
  }
  return `${bytes} bytes`;
}

/** The error for an input above the limit: says how big, what the limit is and how to raise it. */
export function tooLarge(size: number, limit: number, location: string, atLeast = false): AttuneError {
  const suggested = `${Math.max(1, Math.ceil(size / 1024 ** 2))}MB`;
  return new AttuneError(
    'input',
    `${atLeast ? 'more than' : 'file is'} ${formatSize(size)}, above the ${formatSize(limit)} limit per input (raise it with --max-file-size ${suggested})`,
    location,
  );
}

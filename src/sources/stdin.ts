// Reading a draft from stdin. Takes any async-iterable stream so the CLI can be run in-process
// with a fake stdin in tests. Decoded like a file (src/sources/decode.ts) and held to the same
// size limit, counted while reading so a runaway pipe is cut off rather than buffered.

import { decodeBytes, DEFAULT_MAX_FILE_SIZE, tooLarge } from './decode.js';

export type InputStream = AsyncIterable<string | Uint8Array>;

export interface StreamOptions {
  maxBytes?: number;
  /** Where decoding warnings go (already prefixed with `name`). */
  onWarning?: (message: string) => void;
  /** The name shown in messages (default `<stdin>`). */
  name?: string;
}

export async function readStream(stream: InputStream, options: StreamOptions = {}): Promise<string> {
  const limit = options.maxBytes ?? DEFAULT_MAX_FILE_SIZE;
  const name = options.name ?? STDIN_FILE;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    total += b.length;
    if (total > limit) throw tooLarge(total, limit, name, true);
    chunks.push(b);
  }
  const decoded = decodeBytes(Buffer.concat(chunks));
  for (const w of decoded.warnings) options.onWarning?.(/^\d+:\d+: /.test(w) ? `${name}:${w}` : `${name}: ${w}`);
  return decoded.text;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export const STDIN_FILE = '<stdin>';

// Writing a fixed draft back without ever leaving a half-written file: the new text goes to a
// temporary file in the same directory (same file system, so rename is atomic), is flushed to disk
// (fsync), and only then renamed over the original. A failure at any step removes the temporary
// file and leaves the original untouched. The file keeps what it had: its BOM, its encoding, its
// permissions, and, through a symlink, the link itself (the target is what gets replaced).
//
// Encoding: attune's readers decode drafts as UTF-8 (src/sources/files.ts drops a UTF-8 BOM), so a
// UTF-8 file round-trips exactly. UTF-16 files are recognised by their BOM so callers can refuse
// to fix them: the readers would have linted mojibake, and writing that back would corrupt them.

import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

export interface EncodedText {
  /** Decoded text without the BOM (what the readers lint). */
  text: string;
  encoding: TextEncoding;
  bom: boolean;
}

/** Detect the encoding from the BOM (no BOM: UTF-8, which is what the readers assume). */
export function decodeText(bytes: Uint8Array): EncodedText {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: b.subarray(3).toString('utf8'), encoding: 'utf8', bom: true };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: b.subarray(2).toString('utf16le'), encoding: 'utf16le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: swapBytes(b.subarray(2)).toString('utf16le'), encoding: 'utf16be', bom: true };
  return { text: b.toString('utf8'), encoding: 'utf8', bom: false };
}

/** Encode text the way the original was stored. */
export function encodeText(text: string, encoding: TextEncoding, bom: boolean): Buffer {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (encoding === 'utf8') return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(body, 'utf8')]);
  const le = Buffer.from(body, 'utf16le');
  if (encoding === 'utf16le') return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), le]);
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), swapBytes(le)]);
}

function swapBytes(b: Buffer): Buffer {
  const out = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  out.swap16();
  return out;
}

/** The file-system calls used, injectable so tests can make any step fail. */
export interface WriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
  stat: typeof fsp.stat;
  realpath: typeof fsp.realpath;
}

const realFs: WriteFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat, realpath: fsp.realpath };

/**
 * Replace `path`'s content with `data` atomically. Throws the underlying error (with the temporary
 * file removed) when any step fails.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, fs: WriteFs = realFs): Promise<void> {
  // Through a symlink, replace the target: renaming over the link would turn it into a plain file.
  const target = await fs.realpath(path).catch(() => path);
  const mode = await fs.stat(target).then((s) => s.mode & 0o7777, () => null);
  const temp = join(dirname(target), `.${basename(target)}.attune-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await fs.open(temp, 'wx', mode ?? 0o666);
    created = true;
    try {
      // open() applies the umask; the replacement must keep exactly the original's permissions.
      if (mode !== null) await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    created = false;
  } catch (err) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  // Make the rename itself durable; not every platform lets a directory be opened and synced.
  try {
    const dir = await fs.open(dirname(target), 'r');
    await dir.sync().catch(() => undefined);
    await dir.close();
  } catch {
    // best effort
  }
}

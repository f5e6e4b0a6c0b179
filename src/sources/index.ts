// Reader registry. To add a reader, import it and put it in READERS before `plainReader`
// (detection order = priority; the plain reader accepts any file, so it must stay last).
// Directory walks pick up files whose extension is in DIRECTORY_EXTENSIONS; a reader that handles
// new file types (.json, .csv, …) adds its extensions there.

import { formatFromPath } from '../core/document.js';
import type { LintUnit } from '../core/linter.js';
import type { Reader, SourceFile } from './types.js';

export type { Reader, SourceFile } from './types.js';

/** Plain drafts: the whole file is one unit, format from the extension. */
export const plainReader: Reader = {
  name: 'plain',
  detect: () => true,
  read: (source) => [{ text: source.text, file: source.file, format: formatFromPath(source.file), document: null }],
};

export const READERS: Reader[] = [
  // library readers go here, before the plain fallback
  plainReader,
];

/** Extensions (lower-case, with dot) collected when a directory is given on the command line. */
export const DIRECTORY_EXTENSIONS: string[] = ['.txt', '.md', '.html', '.eml'];

export function readerFor(source: SourceFile, readers: readonly Reader[] = READERS): Reader {
  return readers.find((r) => r.detect(source)) ?? plainReader;
}

export function readUnits(source: SourceFile, readers: readonly Reader[] = READERS): LintUnit[] {
  return readerFor(source, readers).read(source);
}

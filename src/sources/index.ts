// Reader registry. To add a reader, import it and put it in READERS before `plainReader`
// (detection order = priority; the plain reader accepts any file, so it must stay last).
// Directory walks pick up files whose extension is in DIRECTORY_EXTENSIONS; a reader that handles
// new file types (.json, .csv, …) adds its extensions there.

import { formatFromPath } from '../core/document.js';
import { AttuneError } from '../core/errors.js';
import type { LintUnit } from '../core/linter.js';
import { libraryReaders } from './library/index.js';
import type { ReadOptions, Reader, SourceFile } from './types.js';

export type { ReadOptions, Reader, SourceFile } from './types.js';

/** Plain drafts: the whole file is one unit, format from the extension. */
export const plainReader: Reader = {
  name: 'plain',
  detect: () => true,
  read: (source) => [{ text: source.text, file: source.file, format: formatFromPath(source.file), document: null }],
};

export const READERS: Reader[] = [
  // library readers go here, before the plain fallback
  ...libraryReaders,
  plainReader,
];

/** Extensions (lower-case, with dot) collected when a directory is given on the command line. */
export const DIRECTORY_EXTENSIONS: string[] = ['.txt', '.md', '.html', '.eml'];

export function readerFor(source: SourceFile, readers: readonly Reader[] = READERS): Reader {
  return readers.find((r) => r.detect(source)) ?? plainReader;
}

/** The reader for --source-format NAME, or undefined. */
export function readerByName(name: string, readers: readonly Reader[] = READERS): Reader | undefined {
  return readers.find((r) => r.name === name);
}

export function readUnits(source: SourceFile, readers: readonly Reader[] = READERS, options: ReadOptions & { format?: string } = {}): LintUnit[] {
  const reader = options.format ? readerByName(options.format, readers) : readerFor(source, readers);
  if (!reader) throw new AttuneError('usage', `unknown source format "${options.format}" (available: ${readers.map((r) => r.name).join(', ')})`, '--source-format');
  return reader.read(source, options);
}

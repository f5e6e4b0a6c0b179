// The reader contract. A reader turns one input file into the units the linter checks: a plain
// draft is one unit, a macro library (JSON/YAML/CSV export) is one unit per reply. Readers are
// chosen by detection, first match wins, so specific readers sit before the plain-text fallback.

import type { AttuneError } from '../core/errors.js';
import type { LintUnit } from '../core/linter.js';

export interface SourceFile {
  /** The path as the user gave it (relative paths stay relative), or the --stdin-filename / `<stdin>`. */
  file: string;
  /** Absolute path on disk, or null for stdin. Used for config lookup and relative resolution. */
  absPath: string | null;
  /** The file's whole text, decoded (UTF-8 or UTF-16 by its BOM; the BOM is dropped). */
  text: string;
  /** Decoding problems worth a line on stderr, each starting with the file name (src/sources/decode.ts). */
  warnings?: string[];
  /** Not text (NUL bytes, mostly control bytes): `text` is '' and the file is skipped. */
  binary?: boolean;
  /** Some bytes were not valid text and became U+FFFD: the file must never be written back from `text`. */
  lossy?: boolean;
}

export interface Reader {
  /** Short name shown in debug output and errors, e.g. "plain", "zendesk-json". */
  name: string;
  /**
   * Whether this reader handles the file. Must be cheap (extension, a peek at the first bytes);
   * the plain reader accepts everything and sits last.
   */
  detect(source: SourceFile): boolean;
  /**
   * Split the file into units. Units of a multi-document file set `document`, `fileText` and
   * `toFileOffset` so findings map back to the file. Throw AttuneError('input', …, file) for
   * malformed input.
   */
  read(source: SourceFile, options?: ReadOptions): LintUnit[];
}

/** What the CLI passes to a reader; the plain reader ignores it. */
export interface ReadOptions {
  /** `library.fields` from the config: which fields of a generic JSON/YAML/CSV library hold name, body and id. */
  fields?: { name?: string; body?: string; id?: string };
  /** Called for each macro that cannot be read, so one bad macro never hides the others. */
  onProblem?: (problem: AttuneError) => void;
}

// Formatter registry: name → loader. Formatters are pure (results, options) → string and are
// imported only when chosen, which keeps start-up lean. To add one: a file exporting a
// `Formatter`, and one line here.

import type { DocumentResult } from '../core/types.js';

export interface FormatterOptions {
  /** Colors on or off; formatters never look at the terminal or the environment themselves. */
  color: boolean;
  /** attune's version (from package.json). */
  version: string;
  /** The working directory, for formatters that want paths relative to it (or URIs). */
  cwd: string;
}

export type Formatter = (results: readonly DocumentResult[], options: FormatterOptions) => string;

export const formatters: Record<string, () => Promise<Formatter>> = {
  stylish: () => import('./stylish.js').then((m) => m.stylish),
  compact: () => import('./compact.js').then((m) => m.compact),
  json: () => import('./json.js').then((m) => m.json),
  sarif: () => import('./sarif.js').then((m) => m.sarif),
  junit: () => import('./junit.js').then((m) => m.junit),
  github: () => import('./github.js').then((m) => m.github),
  checkstyle: () => import('./checkstyle.js').then((m) => m.checkstyle),
};

export interface Summary {
  files: number;
  documents: number;
  errors: number;
  warnings: number;
  /** Mean document score rounded to one decimal; null when nothing was linted. */
  meanScore: number | null;
}

export function summarize(results: readonly DocumentResult[]): Summary {
  let errors = 0;
  let warnings = 0;
  let total = 0;
  for (const r of results) {
    total += r.score;
    for (const f of r.findings) f.severity === 'error' ? errors++ : warnings++;
  }
  return {
    files: new Set(results.map((r) => r.file)).size,
    documents: results.length,
    errors,
    warnings,
    meanScore: results.length ? Math.round((total / results.length) * 10) / 10 : null,
  };
}

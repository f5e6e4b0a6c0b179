// attune's Node API. `lint({ draft, context })` is what the CLI, the evaluation harness and
// integrations call; everything else is exported for tools built on top of attune.

import { lintUnit, analyzeContext, defaultConfig, type LintOptions, type ResolvedConfig } from './core/linter.js';
import type { SourceFormat } from './core/document.js';
import type { DocumentResult, Rule } from './core/types.js';

export interface LintInput {
  /** The reply draft. */
  draft: string;
  /** The customer's message the draft answers, when known. */
  context?: string | null;
  /** Shown in results; defaults to `<text>`. */
  file?: string;
  contextFile?: string;
  format?: SourceFormat;
}

export interface ApiOptions {
  config?: ResolvedConfig;
  rules?: readonly Rule[];
}

export function lint(input: LintInput, options: ApiOptions = {}): DocumentResult {
  const lintOptions: LintOptions = {
    ...(options.config ? { config: options.config } : {}),
    ...(options.rules ? { rules: options.rules } : {}),
    context: input.context ? { text: input.context, file: input.contextFile ?? '<context>' } : null,
  };
  return lintUnit({ text: input.draft, file: input.file ?? '<text>', format: input.format ?? 'text' }, lintOptions);
}

export { lintUnit, analyzeContext, defaultConfig };
export type { LintOptions, ResolvedConfig, LintUnit, RuleSetting, ContextInput } from './core/linter.js';
export { parseDocument, tokenize, PLACEHOLDER } from './core/document.js';
export type { Doc, Sentence, Paragraph, Token, SourceFormat } from './core/document.js';
export { builtinRules, builtinRuleMap } from './rules/index.js';
export { scoreFindings } from './core/score.js';
export { AttuneError } from './core/errors.js';
export { fixText, applyFixes, MAX_PASSES } from './core/fixer.js';
export type { FixOutcome, FixOptions, LintedUnit } from './core/fixer.js';
export { parseDirectives } from './core/directives.js';
export * from './core/types.js';

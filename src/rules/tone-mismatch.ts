// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const toneMismatch: Rule = {
  meta: {
    id: 'tone-mismatch',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Upbeat tone in reply to distress or crisis.',
    docs: 'rules/tone-mismatch.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  requiresContext: true,
  },
  check() {},
};

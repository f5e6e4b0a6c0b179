// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const minimizingLanguage: Rule = {
  meta: {
    id: 'minimizing-language',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Wording that minimizes the problem or the feeling.',
    docs: 'rules/minimizing-language.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  },
  check() {},
};

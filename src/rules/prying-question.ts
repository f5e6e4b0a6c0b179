// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const pryingQuestion: Rule = {
  meta: {
    id: 'prying-question',
    category: 'boundaries',
    defaultSeverity: 'warn',
    description: 'Questions that ask for sensitive detail not needed to help.',
    docs: 'rules/prying-question.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  },
  check() {},
};

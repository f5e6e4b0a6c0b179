// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const missingAction: Rule = {
  meta: {
    id: 'missing-action',
    category: 'action',
    defaultSeverity: 'warn',
    description: 'The reply gives no concrete next step.',
    docs: 'rules/missing-action.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  },
  check() {},
};

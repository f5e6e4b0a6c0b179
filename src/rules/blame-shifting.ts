// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const blameShifting: Rule = {
  meta: {
    id: 'blame-shifting',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Blaming or lecturing the customer.',
    docs: 'rules/blame-shifting.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  },
  check() {},
};

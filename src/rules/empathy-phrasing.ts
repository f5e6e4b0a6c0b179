// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const empathyPhrasing: Rule = {
  meta: {
    id: 'empathy-phrasing',
    category: 'empathy',
    defaultSeverity: 'warn',
    description: 'Stock, presumptuous or overloaded empathy.',
    docs: 'rules/empathy-phrasing.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  },
  check() {},
};

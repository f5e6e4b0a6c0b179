// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const overApology: Rule = {
  meta: {
    id: 'over-apology',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Repeated, grovelling or filler apologies.',
    docs: 'rules/over-apology.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  },
  check() {},
};

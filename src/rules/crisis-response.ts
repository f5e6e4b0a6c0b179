// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const crisisResponse: Rule = {
  meta: {
    id: 'crisis-response',
    category: 'safety',
    defaultSeverity: 'error',
    description: 'A reply to a customer in crisis must give resources and a human.',
    docs: 'rules/crisis-response.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  requiresContext: true,
  },
  check() {},
};

// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const missingAcknowledgement: Rule = {
  meta: {
    id: 'missing-acknowledgement',
    category: 'empathy',
    defaultSeverity: 'warn',
    description: 'Distress or anger in the message goes unacknowledged.',
    docs: 'rules/missing-acknowledgement.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  requiresContext: true,
  },
  check() {},
};

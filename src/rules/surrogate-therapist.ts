// PLACEHOLDER: to be replaced by the rule's real implementation.
import type { Rule } from '../core/types.js';

export const surrogateTherapist: Rule = {
  meta: {
    id: 'surrogate-therapist',
    category: 'boundaries',
    defaultSeverity: 'error',
    description: "The reply acts as the customer's therapist.",
    docs: 'rules/surrogate-therapist.md',
    messages: {},
    fixable: false,
    hasSuggestions: true,
  },
  check() {},
};

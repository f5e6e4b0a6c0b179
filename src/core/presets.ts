// Shareable configurations, referenced by name in `extends`. Each value is a config object in the
// same shape as a user's .attunerc (it may itself `extends` another preset).

import { builtinRules } from '../rules/index.js';
import type { ConfigInput } from './config.js';

export const presets: Record<string, ConfigInput> = {
  /** Every built-in rule at the severity its author chose. */
  'attune:recommended': {
    rules: Object.fromEntries(builtinRules.map((r) => [r.meta.id, r.meta.defaultSeverity])),
  },
  /** For CI gates: every rule that warns by default becomes an error (rules that are off stay off). */
  'attune:strict': {
    extends: 'attune:recommended',
    rules: Object.fromEntries(builtinRules.filter((r) => r.meta.defaultSeverity === 'warn').map((r) => [r.meta.id, 'error'])),
  },
  /**
   * For therapy and care services: sounding like a therapist, prying into health and a missed
   * crisis are the failures that matter most, and hand-offs go to the clinical team.
   */
  'attune:mental-health': {
    extends: 'attune:recommended',
    rules: { 'surrogate-therapist': 'error', 'prying-question': 'error', 'crisis-response': 'error' },
    escalation: { team: 'our clinical team' },
  },
  /**
   * Crisis lines and hotlines by region, for teams that serve customers in several countries.
   * Settings only, so it combines with any rule preset: extends: ["attune:mental-health", "attune:crisis"].
   * Numbers are public national services; check them for your regions before relying on them.
   */
  'attune:crisis': {
    crisis: {
      resources: [
        { name: 'emergency services', contact: 'call 911 (US/Canada), 999 (UK), 112 (EU), 000 (Australia) or your local emergency number', region: 'international' },
        { name: '988 Suicide & Crisis Lifeline', contact: 'call or text 988', region: 'US' },
        { name: 'Crisis Text Line', contact: 'text HOME to 741741', region: 'US' },
        { name: '9-8-8 Suicide Crisis Helpline', contact: 'call or text 988', region: 'CA' },
        { name: 'Samaritans', contact: 'call 116 123', region: 'UK/IE' },
        { name: 'Shout', contact: 'text SHOUT to 85258', region: 'UK' },
        { name: 'Lifeline', contact: 'call 13 11 14', region: 'AU' },
        { name: 'Need to talk?', contact: 'call or text 1737', region: 'NZ' },
        { name: 'TelefonSeelsorge', contact: 'call 0800 111 0 111', region: 'DE' },
        { name: 'Find a Helpline', contact: 'findahelpline.com', region: 'international' },
      ],
      available24x7: false,
    },
  },
};

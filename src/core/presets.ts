// Shareable configurations, referenced by name in `extends`. Each value is a config object in the
// same shape as a user's .attunerc (it may itself `extends` another preset).

import { builtinRules } from '../rules/index.js';
import type { ConfigInput } from './config.js';

export const presets: Record<string, ConfigInput> = {
  /** Every built-in rule at the severity its author chose. */
  'attune:recommended': {
    rules: Object.fromEntries(builtinRules.map((r) => [r.meta.id, r.meta.defaultSeverity])),
  },
};

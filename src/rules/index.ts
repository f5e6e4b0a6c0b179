// The built-in rules, in the order they are documented.
import type { Rule } from '../core/types.js';
import { overApology } from './over-apology.js';
import { missingAction } from './missing-action.js';
import { surrogateTherapist } from './surrogate-therapist.js';
import { empathyPhrasing } from './empathy-phrasing.js';
import { pryingQuestion } from './prying-question.js';
import { minimizingLanguage } from './minimizing-language.js';
import { blameShifting } from './blame-shifting.js';
import { crisisResponse } from './crisis-response.js';
import { missingAcknowledgement } from './missing-acknowledgement.js';
import { toneMismatch } from './tone-mismatch.js';

export const builtinRules: readonly Rule[] = [
  overApology,
  missingAction,
  surrogateTherapist,
  empathyPhrasing,
  pryingQuestion,
  minimizingLanguage,
  blameShifting,
  crisisResponse,
  missingAcknowledgement,
  toneMismatch,
];

export const builtinRuleMap: ReadonlyMap<string, Rule> = new Map(builtinRules.map((r) => [r.meta.id, r]));

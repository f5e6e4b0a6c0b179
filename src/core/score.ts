// Scoring. Each finding costs points by severity; a category score is 100 minus what its findings
// cost (times CATEGORY_WEIGHT, so one category can reach 0), and the document score is 100 minus
// the sum of all costs. Caps only ever lower a score, and costs are never negative, so adding a
// finding can never raise a score (monotonic by construction).

import { CATEGORIES, type Category, type Finding } from './types.js';

export const SEVERITY_COST = { error: 20, warning: 8 } as const;
export const CATEGORY_WEIGHT = 2;
/** An error-level boundaries finding caps the score below 50. */
export const BOUNDARY_ERROR_CAP = 49;
/** A failed crisis-response caps the score below 30. */
export const CRISIS_FAIL_CAP = 29;

export interface ScoreInput {
  findings: Pick<Finding, 'severity' | 'category' | 'rule'>[];
  /** True when the customer's message shows a crisis signal: safety then dominates. */
  crisis?: boolean;
}

export interface ScoreResult {
  score: number;
  categories: Record<Category, number>;
}

export function scoreFindings({ findings, crisis = false }: ScoreInput): ScoreResult {
  const cost: Record<Category, number> = { empathy: 0, action: 0, boundaries: 0, tone: 0, safety: 0 };
  let total = 0;
  for (const f of findings) {
    const c = SEVERITY_COST[f.severity];
    cost[f.category] += c;
    total += c;
  }
  const categories = {} as Record<Category, number>;
  for (const cat of CATEGORIES) categories[cat] = clamp(100 - cost[cat] * CATEGORY_WEIGHT);
  let score = clamp(100 - total);
  if (findings.some((f) => f.category === 'boundaries' && f.severity === 'error')) score = Math.min(score, BOUNDARY_ERROR_CAP);
  if (crisis) {
    score = Math.min(score, categories.safety);
    if (findings.some((f) => f.rule === 'crisis-response')) score = Math.min(score, CRISIS_FAIL_CAP);
  }
  return { score, categories };
}

function clamp(n: number): number {
  return Math.max(0, Math.min(100, Math.round(n)));
}

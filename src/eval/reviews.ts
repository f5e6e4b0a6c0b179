// Reader verdicts on brand-reply hits (eval/reviews.json). Issue 3 asks that a reader judge 20 hits
// per tone rule and that at least 4 of 5 are real problems; the verdicts live in the repo so the
// figure is reproducible, and ids that are no longer hits are flagged instead of silently counted.

import { REVIEW_SAMPLE, REVIEW_TARGET } from './select.js';
import { exampleOrder } from './examples.js';

export interface ReviewVerdict {
  id: string;
  agree: boolean;
  why?: string;
}

export type Reviews = Record<string, { reviewed: ReviewVerdict[] }>;

/** Validate the parsed reviews file; throws with the JSON path of the first problem. */
export function parseReviews(raw: unknown, file = 'eval/reviews.json'): Reviews {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${file}: expected an object keyed by rule id`);
  const out: Reviews = {};
  for (const [rule, entry] of Object.entries(raw as Record<string, unknown>)) {
    const reviewed = (entry as { reviewed?: unknown } | null)?.reviewed;
    if (!Array.isArray(reviewed)) throw new Error(`${file}: ${rule}.reviewed: expected an array`);
    out[rule] = {
      reviewed: reviewed.map((v, i) => {
        const o = v as Partial<ReviewVerdict> | null;
        if (!o || typeof o.id !== 'string' || typeof o.agree !== 'boolean') {
          throw new Error(`${file}: ${rule}.reviewed[${i}]: expected {"id": string, "agree": boolean, "why"?: string}`);
        }
        if (o.why !== undefined && typeof o.why !== 'string') throw new Error(`${file}: ${rule}.reviewed[${i}].why: expected a string`);
        return o.why === undefined ? { id: o.id, agree: o.agree } : { id: o.id, agree: o.agree, why: o.why };
      }),
    };
  }
  return out;
}

export interface ReviewSummary {
  rule: string;
  /** How many brand replies (twcs agent) the rule fires on. */
  hits: number;
  /** The ids a reader should judge, in review order. */
  sample: string[];
  /** Verdicts on ids that are still hits. */
  reviewed: number;
  agreed: number;
  /** Sample ids without a verdict yet. */
  pending: string[];
  /** Reviewed ids the rule no longer fires on (verdicts not counted). */
  stale: string[];
  /** met: enough verdicts and agreement at target; missed: enough verdicts, below target; pending: not enough verdicts. */
  status: 'met' | 'missed' | 'pending' | 'no hits';
}

export function summarizeReview(rule: string, hitIds: readonly string[], reviews: Reviews, sampleSize = REVIEW_SAMPLE): ReviewSummary {
  const hits = new Set(hitIds);
  const sample = exampleOrder(hitIds).slice(0, sampleSize);
  const verdicts = new Map<string, ReviewVerdict>();
  for (const v of reviews[rule]?.reviewed ?? []) verdicts.set(v.id, v); // a later verdict on the same id wins
  let reviewed = 0;
  let agreed = 0;
  const stale: string[] = [];
  for (const v of verdicts.values()) {
    if (!hits.has(v.id)) {
      stale.push(v.id);
      continue;
    }
    reviewed++;
    if (v.agree) agreed++;
  }
  const pending = sample.filter((id) => !verdicts.has(id));
  const needed = Math.min(sampleSize, hits.size);
  let status: ReviewSummary['status'];
  if (hits.size === 0) status = 'no hits';
  else if (reviewed < needed) status = 'pending';
  else status = agreed / reviewed >= REVIEW_TARGET ? 'met' : 'missed';
  return { rule, hits: hits.size, sample, reviewed, agreed, pending, stale: stale.sort(), status };
}

/** The file as created before any review: one empty list per rule that needs reading. */
export function emptyReviews(rules: readonly string[]): Reviews {
  return Object.fromEntries(rules.map((r) => [r, { reviewed: [] }]));
}

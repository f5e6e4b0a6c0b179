// Coverage gaps: situations every support library should have an answer for. A finding says a
// macro is bad; a gap says a reply is missing altogether, and agents then improvise at the worst
// moment (a customer in crisis, a customer who asks for a person). Each check is a list of cues
// over the clean text; one macro showing a cue covers it. Cues are deliberately broad: a gap is
// only reported when *no* macro comes close, so false "covered" is the cheaper mistake.

import type { Settings } from '../core/types.js';

export interface CoverageCheck {
  id: string;
  title: string;
  /** Why a library needs it, said to a team lead. */
  why: string;
  cues: RegExp[];
}

export const COVERAGE_CHECKS: readonly CoverageCheck[] = [
  {
    id: 'escalation',
    title: 'Escalates to a person',
    why: 'Customers who ask for a human, or whose case is beyond the first line, need a reply that hands them to a named team or person with a time.',
    cues: [
      /\bescalat(?:e|ed|es|ing|ion)\b/,
      /\b(?:supervisor|manager|team lead|specialist|senior (?:member|agent|colleague)|on-call engineer)\b/,
      /\b(?:hand(?:ed|ing)?|pass(?:ed|ing)?|transferr?(?:ed|ing)?|refer(?:red|ring)?)\b[^.!?\n]{0,40}\bto (?:a|an|our|the|my)\b/,
      /\ba (?:real )?(?:person|human)\b/,
      /\b(?:call|phone) you\b/,
    ],
  },
  {
    id: 'crisis-resources',
    title: 'Gives crisis resources',
    why: 'When a customer mentions self-harm or danger, the agent must be able to send crisis lines at once instead of writing one under pressure.',
    cues: [
      /\b(?:988|911|999|112|116 123)\b/,
      /\bcrisis (?:line|text line|lifeline|service|support)\b/,
      /\b(?:samaritans|lifeline|helpline|hotline|findahelpline)\b/,
      /\bemergency (?:number|services)\b/,
      /\bsuicid/,
    ],
  },
  {
    id: 'ownership',
    title: 'Owns a mistake',
    why: 'A reply that says plainly "that was our mistake" repairs trust faster than one more apology; without one, agents reach for grovelling templates.',
    cues: [
      /\b(?:that'?s|that is|this is|it'?s|it is|this was|that was) on us\b/,
      /\bour (?:mistake|error|fault)\b/,
      /\bwe (?:made a mistake|got (?:this|that|it) wrong|messed up|dropped the ball)\b/,
      /\bmy (?:mistake|error|fault)\b/,
    ],
  },
  {
    id: 'follow-up-time',
    title: 'Commits to a follow-up time',
    why: 'Saying when the customer will hear back (and keeping it) is the single strongest next step; a library without one trains agents to promise "soon".',
    cues: [
      /\b(?:within|in the next) (?:\d+|an?|one|two|three|four|five|24|48) (?:minutes?|hours?|business hours?|(?:business |working )?days?)\b/,
      /\bby (?:\d{1,2}(?::\d{2})? ?(?:am|pm)|tonight|tomorrow|the end of (?:the )?(?:day|week)|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/,
      /\b(?:today|tomorrow) (?:between|by|before)\b/,
    ],
  },
  {
    id: 'clarifying-question',
    title: 'Asks for the details needed',
    why: 'When a report is vague, a good macro asks for exactly what is needed (order number, steps, screenshot) instead of guessing.',
    cues: [
      /\b(?:could|can|would) you (?:please )?(?:share|send|tell|let me know|confirm|check|reply with|give)\b/,
      /\bplease (?:send|share|reply with|confirm|let (?:me|us) know)\b/,
    ],
  },
];

export interface CoverageResult {
  id: string;
  title: string;
  why: string;
  covered: boolean;
  /** Indexes of the macros that cover it (into the list given). */
  macros: number[];
}

/** Lower-cased clean texts in, one result per check out. Configured crisis contacts count as cues. */
export function coverage(lowerTexts: readonly string[], settings?: Settings): CoverageResult[] {
  const extra: Record<string, RegExp[]> = {};
  if (settings) {
    extra['crisis-resources'] = settings.crisis.resources
      .flatMap((r) => [r.name, r.contact])
      .filter((s) => s.trim().length >= 3)
      .map((s) => new RegExp(escapeRe(s.toLowerCase())));
  }
  return COVERAGE_CHECKS.map((check) => {
    const cues = [...check.cues, ...(extra[check.id] ?? [])];
    const macros: number[] = [];
    lowerTexts.forEach((t, i) => {
      if (cues.some((re) => re.test(t))) macros.push(i);
    });
    return { id: check.id, title: check.title, why: check.why, covered: macros.length > 0, macros };
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

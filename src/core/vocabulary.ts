// A team's vocabulary (config key `vocabulary`).
// - accept: brand, product and team phrases never to flag. A finding is dropped when an accepted
//   term in the text covers at least half of the flagged span: "No Worries Plan" silences
//   minimizing-language's "no worries" inside it, but a whole-sentence finding (missing-action
//   pointing at a sentence that happens to name the product) is kept. Terms match as whole words,
//   in any case, with any run of spaces.
// - reject: phrases always flagged by the rule `vocabulary` (category tone), with an optional
//   suggestion and message per entry. Patterns go through the same ReDoS guard as custom rules.

import { AttuneError } from './errors.js';
import { checkPattern, boundedWindows } from './safe-regex.js';
import { compilePhrases, matchPhrases, wordBounded } from '../checks/phrase.js';
import type { PhraseEntry, Rule } from './types.js';

/** A literal phrase as a pattern source: regex characters escaped, any run of spaces matches any run. */
export function phraseToPattern(phrase: string): string {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
}

export const VOCABULARY_RULE_ID = 'vocabulary';

export interface RejectEntry {
  phrase?: string;
  pattern?: string;
  suggestion?: string;
  message?: string;
}

export interface VocabularySettings {
  accept: string[];
  reject: RejectEntry[];
}

/** Normalize a `vocabulary` block (already schema-checked) and check its patterns; `where` prefixes key paths. */
export function normalizeVocabulary(raw: { accept?: string[]; reject?: Array<string | RejectEntry> }, where: string): VocabularySettings {
  const reject = (raw.reject ?? []).map((e, i): RejectEntry => {
    const entry = typeof e === 'string' ? { phrase: e } : e;
    if (entry.phrase !== undefined && entry.pattern !== undefined) throw new AttuneError('config', 'give "phrase" or "pattern", not both', `${where}.reject[${i}]`);
    if (entry.pattern !== undefined) {
      try {
        new RegExp(entry.pattern, 'u');
      } catch (err) {
        throw new AttuneError('config', `invalid pattern /${entry.pattern}/: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`, `${where}.reject[${i}].pattern`);
      }
      const problem = checkPattern(entry.pattern);
      if (problem) throw new AttuneError('config', problem.message, `${where}.reject[${i}].pattern`);
    }
    if (entry.message !== undefined) {
      for (const m of entry.message.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) {
        if (m[1] !== 'match' && !(m[1] === 'suggestion' && entry.suggestion)) {
          throw new AttuneError('config', `unknown placeholder {{${m[1]}}}; use {{match}}${entry.suggestion ? ' or {{suggestion}}' : ''}`, `${where}.reject[${i}].message`);
        }
      }
    }
    return { ...entry };
  });
  return { accept: [...(raw.accept ?? [])], reject };
}

/** Later layers add to earlier ones (extends, then the file, then matching overrides). */
export function mergeVocabulary(base: VocabularySettings | undefined, add: VocabularySettings): VocabularySettings {
  return { accept: [...(base?.accept ?? []), ...add.accept], reject: [...(base?.reject ?? []), ...add.reject] };
}

const acceptCache = new WeakMap<readonly string[], RegExp | null>();
function acceptRegex(accept: readonly string[]): RegExp | null {
  if (acceptCache.has(accept)) return acceptCache.get(accept)!;
  const re = accept.length ? new RegExp(wordBounded(accept.map(phraseToPattern).join('|')), 'giu') : null;
  acceptCache.set(accept, re);
  return re;
}

/** Spans [start, end) of accepted terms in text. */
export function acceptedSpans(text: string, accept: readonly string[] | undefined): Array<[number, number]> {
  const re = accept ? acceptRegex(accept) : null;
  if (!re) return [];
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** True when an accepted term covers at least half of [start, end) (see the header for why half). */
export function isAccepted(spans: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  const len = Math.max(1, end - start);
  for (const [s, e] of spans) {
    if (s >= end) break;
    const overlap = Math.min(e, Math.max(end, start + 1)) - Math.max(s, start);
    if (overlap > 0 && overlap * 2 >= len) return true;
  }
  return false;
}

const rejectCache = new WeakMap<readonly RejectEntry[], { compiled: ReturnType<typeof compilePhrases> }>();
function compiledReject(reject: readonly RejectEntry[]) {
  let c = rejectCache.get(reject);
  if (!c) {
    const entries: PhraseEntry[] = reject.map((r, i) => ({ id: `vocabulary:${i}`, patterns: [r.pattern ?? phraseToPattern(r.phrase ?? '')], reject: r }));
    c = { compiled: compilePhrases(entries, VOCABULARY_RULE_ID) };
    rejectCache.set(reject, c);
  }
  return c.compiled;
}

function fill(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, k: string) => data[k] ?? '');
}

/** The rule behind `vocabulary.reject`; it reads the entries from settings, so overrides can add some per folder. */
export const vocabularyRule: Rule = {
  meta: {
    id: VOCABULARY_RULE_ID,
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Phrases the team always flags (vocabulary.reject in the config).',
    docs: 'README.md#vocabulary',
    messages: {
      rejected: '{{message}}',
    },
    fixable: false,
    hasSuggestions: true,
  },
  check({ doc, settings, report }) {
    const reject = (settings as { vocabulary?: VocabularySettings }).vocabulary?.reject;
    if (!reject?.length) return;
    const compiled = compiledReject(reject);
    const sentences = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
    let lastEnd = -1;
    for (const s of sentences) {
      for (const [ws, we] of boundedWindows(s.start, s.end)) {
        for (const m of matchPhrases(doc.text, compiled, ws, we)) {
          if (m.start < lastEnd) continue;
          lastEnd = m.end;
          const entry = m.entry.reject as RejectEntry;
          const data = { match: m.text, ...(entry.suggestion ? { suggestion: entry.suggestion } : {}) };
          const message = entry.message
            ? fill(entry.message, data)
            : entry.suggestion
              ? `"${m.text}" is on the team's reject list; use "${entry.suggestion}".`
              : `"${m.text}" is on the team's reject list.`;
          report({
            messageId: 'rejected',
            data: { message },
            start: m.start,
            end: m.end,
            ...(entry.suggestion ? { suggestions: [{ text: entry.suggestion, description: `Replace "${m.text}" with the team's wording`, replace: true }] } : {}),
          });
        }
      }
    }
  },
};

// tone-mismatch: exclamation marks, emoji and emoticons, "Great question!" and upbeat sign-offs
// ("Have a great day!", "Cheers!") read as careless to a customer in distress or crisis. Known
// false positives: a "!" inside a quoted product name; an emoji the customer used first. The rule
// fires on any one of them: there is no amount of cheer that fits a message about grief or danger,
// and brand replies that carry them are easy to fix ("!" → "." is offered as a safe fix).

import type { Rule, RuleData, SignalType } from '../core/types.js';
import { compilePhrases, matchPhrases, isQuoted, sentenceAt, type CompiledPhrase } from '../checks/phrase.js';

const TRIGGERS: readonly SignalType[] = ['crisis', 'distress'];
// ©, ® and ™ are pictographic in Unicode but are trademarks in a reply, not emoji.
const EMOJI = /(?![©®™])\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*|(?<![\p{L}\p{N}])(?:[:;=]-?[)DP]|<3|\^_\^|xD)(?![\p{L}\p{N}])/gu;
const EXCLAIM = /!+(?:\?+!*)?|\?+!+/g;

const compiledByData = new WeakMap<RuleData, CompiledPhrase[]>();

function upbeat(data: RuleData): CompiledPhrase[] {
  let c = compiledByData.get(data);
  if (!c) {
    c = compilePhrases(data.phrases ?? [], 'tone-mismatch');
    compiledByData.set(data, c);
  }
  return c;
}

export const toneMismatch: Rule = {
  meta: {
    id: 'tone-mismatch',
    category: 'tone',
    defaultSeverity: 'warn',
    description: 'Exclamation marks, emoji or upbeat phrases in reply to a customer in distress or crisis.',
    docs: 'rules/tone-mismatch.md',
    messages: {
      upbeat: '"{{text}}" sounds upbeat in reply to a customer in {{signal}}; use a calm, plain phrasing.',
      exclamation: 'An exclamation mark reads as cheerful to a customer in {{signal}}; end the sentence with a full stop.',
      emoji: 'The emoji "{{text}}" reads as light-hearted to a customer in {{signal}}; leave it out.',
    },
    fixable: true,
    hasSuggestions: true,
    requiresContext: true,
  },
  check({ doc, customer, data, report }) {
    const signal = customer?.signals.find((s) => s.type === 'crisis') ?? customer?.signals.find((s) => TRIGGERS.includes(s.type));
    if (!signal) return;
    const signalName = signal.type;
    const covered: Array<[number, number]> = [];
    for (const m of matchPhrases(doc.lower, upbeat(data))) {
      const s = sentenceAt(doc, m.start);
      if (s && isQuoted(doc.text, m.start, s.start)) continue;
      let end = m.end;
      while (doc.text[end] === '!') end++;
      covered.push([m.start, end]);
      const alternative = typeof m.entry.alternative === 'string' ? m.entry.alternative : '';
      report({
        messageId: 'upbeat',
        data: { text: doc.text.slice(m.start, end), signal: signalName },
        start: m.start,
        end,
        suggestions: [
          alternative
            ? { text: alternative, description: 'A calm alternative.', replace: true }
            : { text: '', description: 'Leave it out.', replace: true },
        ],
      });
    }
    const inside = (a: number, b: number) => covered.some(([x, y]) => a >= x && b <= y);
    EXCLAIM.lastIndex = 0;
    for (let m = EXCLAIM.exec(doc.text); m; m = EXCLAIM.exec(doc.text)) {
      const a = m.index;
      const b = a + m[0].length;
      if (inside(a, b)) continue;
      const s = sentenceAt(doc, a);
      if (s && isQuoted(doc.text, a, s.start)) continue;
      const replacement = m[0].includes('?') ? '?' : '.';
      report({
        messageId: 'exclamation',
        data: { signal: signalName },
        start: a,
        end: b,
        fix: { start: a, end: b, text: replacement },
        suggestions: [{ text: replacement, description: 'End the sentence calmly.', replace: true }],
      });
    }
    EMOJI.lastIndex = 0;
    for (let m = EMOJI.exec(doc.text); m; m = EMOJI.exec(doc.text)) {
      const a = m.index;
      const b = a + m[0].length;
      if (inside(a, b)) continue;
      report({
        messageId: 'emoji',
        data: { text: m[0], signal: signalName },
        start: a,
        end: b,
        suggestions: [{ text: '', description: 'Remove the emoji.', replace: true }],
      });
    }
  },
};

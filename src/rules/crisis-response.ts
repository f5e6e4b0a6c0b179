// crisis-response: when the customer's message shows a crisis signal, the reply must put a crisis
// resource first, hand the person to a human or clinical team, stay calm and short, and never
// promise watching over them. Known false positives: a reply whose resource is only a link the
// team configured under another name; a phone number quoted from the customer. Thresholds: the
// resource must sit in the first three body sentences and the body stays within 8 sentences /
// 150 words, because people in acute distress have narrowed attention (see rules/crisis-response.md).

import type { Rule, RuleContext, RuleData, CrisisResource, PhraseEntry } from '../core/types.js';
import type { Doc, Sentence } from '../core/document.js';
import { compilePhrases, matchPhrases, isNegated, isQuoted, sentenceAt, type CompiledPhrase, type PhraseMatch } from '../checks/phrase.js';

type Kind = 'resource' | 'escalation' | 'minimizing' | 'arguing' | 'cheerful' | 'monitoring';
const KINDS: readonly Kind[] = ['resource', 'escalation', 'minimizing', 'arguing', 'cheerful', 'monitoring'];

const compiledByData = new WeakMap<RuleData, Map<Kind, CompiledPhrase[]>>();

function compiled(data: RuleData): Map<Kind, CompiledPhrase[]> {
  let c = compiledByData.get(data);
  if (!c) {
    const phrases = (data.phrases ?? []) as PhraseEntry[];
    c = new Map(KINDS.map((k) => [k, compilePhrases(phrases.filter((p) => p.kind === k), 'crisis-response')]));
    compiledByData.set(data, c);
  }
  return c;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Patterns for the configured resources: their names, and their contacts (digits compared loosely). */
function configuredResourcePatterns(resources: readonly CrisisResource[]): CompiledPhrase[] {
  const entries: PhraseEntry[] = [];
  resources.forEach((r, i) => {
    const patterns: string[] = [];
    const name = r.name.trim();
    if (name && !/^your\b/i.test(name)) patterns.push(escapeRe(name).replace(/\s+/g, '\\s+'));
    const digits = r.contact.match(/\d[\d ().-]*\d|\d/g) ?? [];
    for (const d of digits) {
      const bare = d.replace(/\D/g, '');
      if (bare.length >= 3) patterns.push(bare.split('').join('[\\s().-]?'));
    }
    const host = /\b([a-z0-9-]+\.(?:com|org|net|uk|ie|ca|au|de|fr|nz|info))\b/i.exec(r.contact);
    if (host) patterns.push(escapeRe(host[1]!));
    if (patterns.length) entries.push({ id: `configured-${i}`, patterns });
  });
  return compilePhrases(entries, 'crisis-response: settings.crisis.resources');
}

const configuredCache = new WeakMap<readonly CrisisResource[], CompiledPhrase[]>();

function resourceMatches(doc: Doc, ctx: RuleContext, from: number, to: number): PhraseMatch[] {
  const resources = ctx.settings.crisis.resources;
  let configured = configuredCache.get(resources);
  if (!configured) {
    configured = configuredResourcePatterns(resources);
    configuredCache.set(resources, configured);
  }
  const hits = [...matchPhrases(doc.lower, compiled(ctx.data).get('resource')!, from, to), ...matchPhrases(doc.lower, configured, from, to)];
  // A link masked out of the clean text still counts when it points at a configured or known helpline.
  for (const link of doc.links) {
    if (link.start < from || link.start > to) continue;
    const v = link.value.toLowerCase();
    if (/helpline|lifeline|crisis|samaritans|988|suicide|befrienders|mind\.org|hotline/.test(v) || resources.some((r) => r.contact && v.includes(r.contact.toLowerCase().replace(/^https?:\/\//, '')))) {
      hits.push({ entry: { id: 'link', patterns: [] }, start: link.start, end: link.end, text: link.value });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function teamPattern(team: string): RegExp | null {
  const t = team.trim().replace(/^(?:a member of |one of |someone from |somebody from )/i, '').replace(/^(?:our|the|a|an)\s+/i, '');
  if (t.length < 3) return null;
  return new RegExp(`(?<![\\p{L}])${escapeRe(t.toLowerCase()).replace(/\s+/g, '\\s+')}(?![\\p{L}])`, 'u');
}

function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

function bodyOf(doc: Doc): Sentence[] {
  return doc.bodySentences.length ? doc.bodySentences : doc.sentences;
}

function describeResources(resources: readonly CrisisResource[], max = 2): string {
  return resources
    .slice(0, max)
    .map((r) => (r.contact ? `${r.contact}${r.name && !r.contact.toLowerCase().includes(r.name.toLowerCase()) ? ` (${r.name})` : ''}` : r.name))
    .join(', or ');
}

// The built-in default (DEFAULT_SETTINGS in core/linter.ts) opens with this placeholder entry.
// Matched by name because importing the linter here would make a module cycle (linter → rules).
function usingDefaults(resources: readonly CrisisResource[]): boolean {
  return resources.some((r) => r.name === 'your local emergency number' && r.region === 'international');
}

export const crisisResponse: Rule = {
  meta: {
    id: 'crisis-response',
    category: 'safety',
    defaultSeverity: 'error',
    description: 'A reply to a customer in crisis must give a resource first, a human hand-off, and stay calm and short.',
    docs: 'rules/crisis-response.md',
    messages: {
      noResource: 'The customer\'s message shows a crisis signal ("{{evidence}}") but the reply gives no crisis resource; put one in the first sentences.',
      resourceLate: 'The crisis resource comes in sentence {{position}}; move it into the first three sentences so it is seen.',
      noEscalation: 'The reply hands the customer to no person; offer {{team}} or another human contact.',
      minimizing: '"{{text}}" plays down what the customer said; acknowledge it instead.',
      arguing: '"{{text}}" argues with the customer\'s feelings; listen and point to help instead.',
      cheerful: '"{{text}}" sounds upbeat to someone in crisis; keep the tone calm and plain.',
      monitoring: '"{{text}}" promises watching over the customer that support cannot give; point to a crisis line that is open day and night.',
      tooLong: 'The reply runs to {{count}} {{unit}}; keep a crisis reply within {{max}} so the resource and the hand-off stand out.',
    },
    fixable: false,
    hasSuggestions: true,
    requiresContext: true,
    options: {
      maxSentences: { type: 'number', default: 8, min: 3, max: 40, description: 'Most body sentences a crisis reply may have.' },
      maxWords: { type: 'number', default: 150, min: 30, max: 1000, description: 'Most words a crisis reply body may have.' },
      resourceWithin: { type: 'number', default: 3, min: 1, max: 10, description: 'The crisis resource must appear within this many body sentences.' },
    },
  },
  check(ctx) {
    const { doc, customer, settings, report } = ctx;
    const crisis = customer?.signals.find((s) => s.type === 'crisis');
    if (!crisis) return;
    const body = bodyOf(doc);
    if (!body.length) return;
    const phrases = compiled(ctx.data);
    const maxSentences = Number(ctx.options.maxSentences ?? 8);
    const maxWords = Number(ctx.options.maxWords ?? 150);
    const within = Number(ctx.options.resourceWithin ?? 3);
    const resources = settings.crisis.resources;
    const team = settings.escalation.team;
    const first = body[0]!;
    const last = body[body.length - 1]!;
    // Findings about the reply as a whole point at the first or last sentence the agent wrote: a
    // sentence that is only template placeholders ({{#if …}}, {{agent.signature}}) is not theirs
    // to change.
    const written = body.filter((s) => /[\p{L}\p{N}]/u.test(s.text));
    const firstWritten = written[0] ?? first;
    const lastWritten = written[written.length - 1] ?? last;

    // (1) a crisis resource, early.
    // "We are not a crisis line" names a resource without giving one.
    const resourceHit = resourceMatches(doc, ctx, first.start, doc.text.length).find((m) => !isNegated(doc.lower, m.start, sentenceAt(doc, m.start)?.start ?? m.start));
    if (!resourceHit) {
      report({
        messageId: 'noResource',
        data: { evidence: crisis.text },
        start: firstWritten.start,
        end: firstWritten.end,
        suggestions: [
          {
            text: `If you are thinking about ending your life or are in danger right now, please ${describeResources(resources)}.`,
            description: usingDefaults(resources)
              ? 'Open with a crisis resource. These are attune\'s international defaults: set crisis.resources in your config (or extend attune:crisis) to the lines that serve your customers.'
              : 'Open with a crisis resource from your configured crisis.resources.',
          },
        ],
      });
    } else {
      const idx = body.findIndex((b) => resourceHit.start >= b.start && resourceHit.start < b.end);
      if (idx === -1 || idx >= within) {
        const s = idx === -1 ? { start: resourceHit.start, end: resourceHit.end, text: resourceHit.text } : body[idx]!;
        report({
          messageId: 'resourceLate',
          data: { position: idx === -1 ? body.length + 1 : idx + 1 },
          start: s.start,
          end: s.end,
          suggestions: [{ text: s.text, description: 'Move this to the start of the reply, right after the greeting.' }],
        });
      }
    }

    // (2) a human or clinical escalation.
    const teamRe = teamPattern(team);
    const bodyText = doc.lower.slice(first.start, last.end);
    const escalated = matchPhrases(doc.lower, phrases.get('escalation')!, first.start, last.end).some((m) => !isNegated(doc.lower, m.start)) || (teamRe?.test(bodyText) ?? false);
    if (!escalated) {
      report({
        messageId: 'noEscalation',
        data: { team },
        start: lastWritten.start,
        end: lastWritten.end,
        suggestions: [
          { text: `I've passed your message to ${team}, and they will contact you today.`, description: 'Hand the customer to a person (escalation.team in your config).' },
        ],
      });
    }

    // (3) minimizing, arguing, cheerful; (4) monitoring promises.
    for (const kind of ['minimizing', 'arguing', 'cheerful', 'monitoring'] as const) {
      if (kind === 'monitoring' && settings.crisis.available24x7) continue;
      for (const m of matchPhrases(doc.lower, phrases.get(kind)!, first.start, last.end)) {
        const s = body.find((b) => m.start >= b.start && m.start < b.end);
        if (!s) continue;
        if (isQuoted(doc.text, m.start, s.start)) continue;
        if (kind !== 'minimizing' && isNegated(doc.lower, m.start, s.start)) continue;
        const text = doc.text.slice(m.start, m.end);
        const suggestion =
          kind === 'monitoring'
            ? { text: `${resources[0]?.name ?? 'A crisis line'} can help at any hour: ${resources[0]?.contact ?? 'your local emergency number'}.`, description: 'Point to a service that is open day and night instead of promising it yourself.' }
            : kind === 'cheerful'
              ? { text: 'Thank you for telling us how you feel.', description: 'A calm acknowledgement instead of encouragement.' }
              : { text: 'I\'m really sorry you\'re facing this, and I\'m glad you reached out.', description: 'Acknowledge what the customer said instead of weighing it.' };
        report({ messageId: kind, data: { text }, start: m.start, end: m.end, suggestions: [suggestion] });
      }
    }

    // (5) short.
    const shortReply = `I'm really sorry you're going through this, and I'm glad you told us. Please ${describeResources(resources, 1)} now. I've passed your message to ${team}, who will contact you today.`;
    const words = wordCount(doc.text.slice(first.start, last.end));
    if (body.length > maxSentences) {
      const s = body[maxSentences]!;
      report({ messageId: 'tooLong', data: { count: body.length, unit: 'sentences', max: `${maxSentences} sentences` }, start: s.start, end: s.end, suggestions: [{ text: shortReply, description: 'Cut everything that is not the resource, the hand-off or a short acknowledgement; a whole crisis reply can be this short.' }] });
    } else if (words > maxWords) {
      let running = 0;
      const s = body.find((b) => (running += wordCount(b.text)) > maxWords) ?? last;
      report({ messageId: 'tooLong', data: { count: words, unit: 'words', max: `${maxWords} words` }, start: s.start, end: s.end, suggestions: [{ text: shortReply, description: 'Cut everything that is not the resource, the hand-off or a short acknowledgement; a whole crisis reply can be this short.' }] });
    }
  },
};

// The customer-message detector: what counts as crisis, distress, anger and confusion, and the
// decisions documented in docs/signals.md (idioms, negation, resolved past, third person).
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/core/document.js';
import { detectSignals, isNegatedCue, isResolvedPast } from '../src/core/signals.js';
import { analyzeContext } from '../src/core/linter.js';
import { loadRuleData } from '../src/core/rule-data.js';

function signals(text: string) {
  const doc = parseDocument(text);
  return detectSignals(doc).map((s) => ({ type: s.type, text: doc.text.slice(s.start, s.end), cue: s.cue }));
}
const types = (text: string) => [...new Set(signals(text).map((s) => s.type))].sort();
const hasCrisis = (text: string) => signals(text).some((s) => s.type === 'crisis');

describe('crisis', () => {
  it.each([
    ['direct intent', 'I keep thinking I should just kill myself.'],
    ['death wish', 'Honestly some days I want to die.'],
    ['passive wish', 'I hope I never wake up tomorrow.'],
    ['not wanting to live', "I don't want to live like this anymore."],
    ['indirect: not around', "Cancel it, I won't be around much longer anyway."],
    ['indirect: better off', 'Everyone would be better off without me.'],
    ['indirect: nobody would notice', 'If I was gone nobody would even notice.'],
    ['means at hand', "I can't do this anymore, I have the pills right here."],
    ['stockpiling', "I've been saving up my sleeping pills."],
    ['method word', 'I keep looking at the bridge and thinking about jumping off the bridge.'],
    ['self-harm', "I started cutting myself again last week."],
    ['self-harm noun', 'The self-harm is getting worse.'],
    ['goodbye', 'This is my last message to anyone.'],
    ['giving away', "I've been giving away my things to friends."],
    ['danger', 'My partner hits me when he is drunk.'],
    ['threat', 'He said he is going to kill me.'],
    ['someone else at risk', 'My son keeps saying he wants to kill himself.'],
    ['recent attempt', 'I tried to kill myself last week and now the bill is due.'],
    ['denial of a denial', "The only reason I haven't killed myself is my dog."],
    ['trying not to', 'I am trying not to hurt myself tonight.'],
    ['misspelling', 'I just want to commit sucide.'],
    ['typo in the cue', "I'm probably going to kill myeslf this weekend."],
    ['asking for a method', 'Does anyone know a painless method?'],
    ['goodbyes sent', 'I sent my goodbyes to my family this morning.'],
    ['better off if I died', 'Honestly things would be easier if I died.'],
  ])('%s', (_, text) => {
    expect(hasCrisis(text), text).toBe(true);
  });

  it('gives the matched cue span as evidence', () => {
    const s = signals('Please cancel it. I have the pills right here.').find((x) => x.type === 'crisis');
    expect(s?.text).toBe('have the pills');
    expect(s?.cue).toBe('means');
  });
});

describe('not crisis', () => {
  it.each([
    ['idiom: killing me', 'This bug is killing me, the export fails every time.'],
    ['idiom: could kill for', 'I could kill for a coffee right now.'],
    ['device died', 'My phone died halfway through the checkout.'],
    ['dead battery', 'The scooter has a dead battery again.'],
    ['film title', 'Is Suicide Squad in the bundle?'],
    ['car door', 'Do the suicide doors on that model lock automatically?'],
    ['news', 'I read a news article about suicide prevention week.'],
    ['third person, past', 'My uncle committed suicide last year and I need to close his account.'],
    ['resolved past', 'I used to self-harm years ago but I am doing well now.'],
    ['resolved past 2', 'When I was a teenager I was suicidal; now I want to change my plan.'],
    ['accidental injury', 'I hurt myself on the broken shelf you delivered.'],
    ['ordinary complaint', 'Your service is down again and I want a refund.'],
    ['wake up early', "I don't want to wake up at 5am for the delivery slot."],
    ['ending a relationship', 'I want to end things with my old provider and switch to you.'],
    ['ready to go', "My bags are packed and I'm ready to go on holiday."],
    ['device battery', "My battery won't last long after the update."],
    ['a meeting without me', 'The call went better without me on the line, apparently.'],
  ])('%s', (_, text) => {
    expect(hasCrisis(text), text).toBe(false);
  });

  it('third-person past suicide is grief (distress)', () => {
    expect(types('My uncle committed suicide last year and I need to close his account.')).toContain('distress');
  });

  it("a denial (\"I'm not suicidal\") is distress, not crisis", () => {
    const s = signals("I'm not suicidal, just exhausted by this refund.");
    expect(s.map((x) => x.type)).toEqual(['distress']);
    expect(s[0]?.cue).toBe('negated-crisis');
    expect(hasCrisis("I would never kill myself, but I'm at the end of my rope.")).toBe(false);
  });

  it('a denial next to another crisis cue still leaves the crisis', () => {
    expect(hasCrisis("I don't want to kill myself, but I really don't want to exist anymore.")).toBe(true);
  });
});

describe('distress, anger, confusion', () => {
  it.each([
    ['panic', "I'm panicking, my passport is lost and I fly tomorrow.", 'distress'],
    ['grief', 'My dad passed away on Sunday.', 'distress'],
    ['despair', 'I feel completely hopeless about this debt.', 'distress'],
    ['overwhelm', "I can't cope with another letter from you.", 'distress'],
    ['anger', 'This is absolutely unacceptable.', 'anger'],
    ['furious', "I'm furious about the third missed delivery.", 'anger'],
    ['shouting', 'WHERE IS MY REFUND YOU PROMISED', 'anger'],
    ['confusion', "I don't understand what this charge is for.", 'confusion'],
    ['makes no sense', 'This invoice makes no sense.', 'confusion'],
    ['repeated question', 'Where is my order? I paid on Monday. Where is my order?', 'confusion'],
  ])('%s', (_, text, type) => {
    expect(types(text), text).toContain(type);
  });

  it('ordinary annoyance and polite questions carry no signal', () => {
    expect(signals('Hi, could you tell me when the sale starts? Thanks!')).toEqual([]);
    expect(signals('The parcel is a day late, can you check?')).toEqual([]);
    expect(signals('Please send the invoice to my work email.')).toEqual([]);
  });

  it("acronyms in capitals are not shouting", () => {
    expect(types('Can I pay by ATM PIN SMS?')).not.toContain('anger');
  });

  it('a negated feeling is not a signal', () => {
    expect(types("I'm not angry, just curious about the fee.")).not.toContain('anger');
  });
});

describe('helpers', () => {
  it('isNegatedCue only accepts denials', () => {
    const t = "I'm not suicidal";
    expect(isNegatedCue(t, t.indexOf('suicidal'), 0)).toBe(true);
    const u = "I didn't kill myself tonight";
    expect(isNegatedCue(u, u.indexOf('kill'), 0)).toBe(false);
  });
  it('isResolvedPast', () => {
    expect(isResolvedPast('I used to self-harm years ago')).toBe(true);
    expect(isResolvedPast('I tried to kill myself last week')).toBe(false);
  });
});

describe('analyzeContext', () => {
  it('maps signals to source offsets, lines and columns', () => {
    const text = 'Hello,\n\nthe app crashed.\nI have the pills right here.';
    const a = analyzeContext({ text, file: 'ctx.txt' });
    const crisis = a.result.signals.find((s) => s.type === 'crisis')!;
    expect(text.slice(crisis.range[0], crisis.range[1])).toBe('have the pills');
    expect(crisis.line).toBe(4);
    expect(crisis.column).toBe(3);
    expect(crisis.text).toBe('have the pills');
  });
});

describe('rules/signals.yaml', () => {
  const data = loadRuleData('signals');
  const entries = (data.phrases ?? []) as Array<{ id: string; type: string; patterns: string[]; note?: string }>;
  it('every entry has a known type and a note', () => {
    for (const e of entries) {
      expect(['crisis', 'distress', 'anger', 'confusion', 'exclude'], e.id).toContain(e.type);
      expect(e.note?.length ?? 0, e.id).toBeGreaterThan(10);
    }
  });
  it('has no duplicate ids or patterns', () => {
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const patterns = entries.flatMap((e) => e.patterns.map((p) => p.toLowerCase()));
    expect(patterns.filter((p, i) => patterns.indexOf(p) !== i)).toEqual([]);
  });
  it('its own examples behave as they claim', () => {
    const examples = data.examples as { crisis: string[]; none: string[] };
    for (const t of examples.crisis) expect(hasCrisis(t), t).toBe(true);
    for (const t of examples.none) expect(hasCrisis(t), t).toBe(false);
  });
});

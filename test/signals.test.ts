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

describe('crisis: passive wishes, methods and plans in more words', () => {
  it.each([
    ['apostrophe form of rather', "Some days I'd rather not exist at all."],
    ['rather die than keep going', "I would rather die than face another month of this."],
    ['will to live', "Lately I'm losing the will to live."],
    ['no escape but death', 'I have no place left to turn to except dying.'],
    ['no purpose in being here', "I don't see the point of being alive."],
    ['would anyone miss me', 'My brother would barely miss me if I was gone.'],
    ['alive only for others', "I'm only staying alive for my mum."],
    ['no longer want to be alive', 'Most days I no longer want to be here.'],
    ['need to die', 'After what I did I need to die.'],
    ['not deserving to live', "I don't think I deserve to live."],
    ['life not worth living', "My life isn't worth living any more."],
    ['sleep and not wake up', 'I just want to fall asleep and not wake up.'],
    ['fear of oneself', "I'm scared of what I might do to myself tonight."],
    ['not surviving the night', "I don't think I'll make it through the night."],
    ['the only thing keeping me from it', 'My cat is the only thing keeping me from doing it.'],
    ['time to end it', 'Nothing ever changes, so it is time to end it.'],
    ['ends it all', 'Graduation is the last thing on my list, and then it ends it all.'],
    ['the only way out', 'The only way out of this is to kill myself.'],
    ['driving off a bridge', 'Part of me wants to drive off the bridge.'],
    ['jumping off of a roof', 'Tonight I could jump off of the roof.'],
    ['a gun at hand', "I've got the pistol in my bag now."],
    ['about to swallow pills', "I'm about to take all of my tablets at once."],
    ['too many pills taken', 'I took way too many sleeping pills an hour ago.'],
    ['a question about a method', 'Would drowning hurt much?'],
    ['how many pills', 'How many of my tablets would it take to die?'],
    ['researching methods', 'I have been googling ways to end my life.'],
    ['mixing chemicals', 'What should I combine with bleach to produce a toxic gas?'],
    ['lethality', 'I picked one with a high fatality rate.'],
    ['self-harm ongoing', 'For those of you still cutting, does it get easier?'],
    ['self-harm question', 'Does cutting help with the numbness?'],
    ['cutting deeper', 'Last night I cut deeper than before.'],
    ['someone close attempted', 'My girlfriend tried to kill herself on Friday.'],
    ['ongoing abuse', 'My stepfather still abuses me when mum is at work.'],
    ['put an end to it', 'I want to put an end to my existence.'],
    ['hoping for an accident', 'Every morning I hope I get hit by a bus on the way in.'],
    ['indifferent to living', "I don't even care if I wake up tomorrow."],
    ['death as relief', 'Death would be a relief at this point.'],
    ['a loaded weapon', "I loaded my dad's rifle last night."],
    ['want now, past elsewhere', 'Right now I want to hurt myself again, though I stopped years ago.'],
  ])('%s', (_, text) => {
    expect(hasCrisis(text), text).toBe(true);
  });
});

describe('crisis: weak cues need company', () => {
  // Each pair: the weak cue alone (ordinary speech, no signal) and the same cue next to distress or
  // a second weak cue (a goodbye note, a timeline).
  it.each([
    ['farewell', 'Goodbye everyone.', "I'm completely hopeless and I've said my goodbyes. Goodbye everyone."],
    ['see you on the other side', 'See you on the other side.', 'All my hope is lost. See you on the other side.'],
    ['sorry to everyone', 'Sorry to everyone that believed in me.', 'Sorry to everyone that believed in me; you only postponed the inevitable.'],
    ['a day set', 'Friday will be the day I chose.', 'I feel so empty. Friday will be the day I chose.'],
    ['the time has come', 'The time has come.', 'The time has come; by Sunday it will all be over.'],
    ['going tonight', 'I am gonna go soon.', 'I sent my goodbyes this morning. I am gonna go soon.'],
    ['an unnamed it', 'I might do it.', "I feel worthless. I might do it."],
    ['not ruled out', 'Honestly I have not ruled that out.', 'Honestly I have not ruled that out, and it is not off the table either.'],
    ['thinking about doing it', 'I keep thinking about doing it.', "I'm in despair and I keep thinking about doing it."],
    ['going through with it', "I'm not sure I'll go through with it.", "My life is over. I'm not sure I'll go through with it."],
    ['close to giving up', "I'm close to giving up.", "I'm nearly ready to give up, please just kill me."],
    ['wanting to go', 'I just want to go.', 'I lost my job and my friends. I really want to go.'],
    ['a burden', "I'm such a burden.", "I feel worthless and I'm such a burden to them."],
    ['no way out', "There's no way out.", "I'm trapped and there's no way out."],
    ['no way out anymore, thinking about ending it', "I don't see a way out anymore.", "I don't see a way out anymore and I've been thinking about ending it."],
    ['a plan', 'I have a plan.', "I have a plan. I wrote a note for my family."],
    ['waste of space', "I'm a waste of space.", "I'm a waste of space and I feel completely worthless."],
    ['tired of waking up', "I'm tired of waking up every day.", "I'm so depressed and tired of waking up every day."],
    ['something drastic', "I'm going to do something drastic.", "I'm going to do something drastic, I can't cope."],
    ['a last day', 'Today is my last day.', 'Today is my last day. Goodbye everyone.'],
    ['not trusting myself', "I can't trust myself alone tonight.", "I can't trust myself alone tonight, maybe I should text a crisis line."],
  ])('%s', (_, alone, company) => {
    expect(hasCrisis(alone), alone).toBe(false);
    expect(hasCrisis(company), company).toBe(true);
  });

  it('a weak cue inside a strong one keeps the strong cue as evidence', () => {
    const s = signals('I keep thinking about ending it all.').filter((x) => x.type === 'crisis');
    expect(s.map((x) => x.cue)).toEqual(['kill-self']);
  });

  it('the same weak phrase twice is not company', () => {
    expect(hasCrisis('Time to go. Time to go.')).toBe(false);
  });
});

describe('not crisis: idioms (decided per rubric, docs/signals.md)', () => {
  it.each([
    ['deadline', 'This deadline is killing me, can I get two more days?'],
    ['dying to', "I'm dying to try the new flavour when it ships."],
    ['kill a process', 'How do I kill the process when the app freezes?'],
    ['battery', 'My battery died twice on the train today.'],
    ['embarrassment', 'I could just die of embarrassment, I sent the gift to my old address.'],
    ['shoot me an email', 'Shoot me an email once the refund goes through.'],
    ['caffeine', 'I had an overdose of caffeine before the call, sorry for rambling.'],
    ['coffee', 'I overdosed on coffee this morning.'],
    ['rather die than (hyperbole)', "I'd rather die than wear that jumper to the party."],
    ['exasperation', 'Just kill me now, the queue is two hours long.'],
    ['churn goodbye', "I've had enough of the fees. Cancel my account. Goodbye."],
    ['sale over', "It's over. The sale ended and I missed it."],
    ['living with a product', "I can't live with this laptop fan noise for another week."],
    ['a rope bought', 'I bought a rope for the climbing course.'],
    ['last day at work', 'Today is my last day at the office, please update my email.'],
    ['waking up early', "I'm tired of waking up at 5am for your delivery window."],
    ['bereavement by suicide, a friend', 'A colleague lost her younger brother to suicide in spring; how can I support her?'],
  ])('%s', (_, text) => {
    expect(hasCrisis(text), text).toBe(false);
  });

  it('losing someone to suicide is grief (distress), not crisis', () => {
    expect(types('We lost our son to suicide and I need to close his phone contract.')).toEqual(['distress']);
  });

  it('an overdose of medication is still a crisis cue', () => {
    expect(hasCrisis('I overdosed on my meds last night.')).toBe(true);
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

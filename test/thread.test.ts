// Thread input: .eml replies that quote the customer, and JSON message threads. Pure functions,
// so the tests feed text in and check the draft, the context and the offsets back into the file.
import { describe, it, expect } from 'vitest';
import { readEmlThread, readJsonThread, readThread, threadUnit, remapContext, looksLikeJsonThread } from '../src/sources/thread.js';
import { analyzeContext, lintUnit } from '../src/core/linter.js';
import { AttuneError } from '../src/core/errors.js';
import { runCli } from './helpers/run-cli.js';

const EML = [
  'From: Support <help@example.com>',
  'Subject: Re: my parcel',
  '',
  'Hi Jordan,',
  '',
  'Your parcel was left with the neighbour. Have a great day!',
  '',
  'On Mon, 23 Nov 2026 at 09:12, Jordan <jordan@example.com> wrote:',
  "> I'm so scared, the parcel had my late mum's letters in it.",
  '> Where is it?',
  '>> older history from last week',
  '',
].join('\n');

describe('readEmlThread', () => {
  it('takes the first level of quoting as the context, mapped to the file', () => {
    const t = readEmlThread(EML)!;
    expect(t.kind).toBe('eml');
    expect(t.context!.text).toBe("I'm so scared, the parcel had my late mum's letters in it.\nWhere is it?");
    const i = t.context!.text.indexOf('so scared');
    expect(EML.slice(t.context!.offsets[i]!, t.context!.offsets[i]! + 9)).toBe('so scared');
    expect(t.draft.format).toBe('eml');
    expect(t.draft.text).toBe(EML);
  });

  it('returns null for a reply that quotes nothing', () => {
    expect(readEmlThread('From: a@b.c\n\nHi, thanks!\n')).toBeNull();
  });

  it('reads Outlook-style history without > markers', () => {
    const text = 'Hi Jo,\n\nDone.\n\n-----Original Message-----\nFrom: Jo\nSent: Monday\nSubject: help\n\nI am desperate, my account is locked.\n';
    const t = readEmlThread(text)!;
    expect(t.context!.text.trim()).toBe('I am desperate, my account is locked.');
  });

  it('lints the new text only and reports context signals on the file lines', () => {
    const t = readThread(EML, 'reply.eml')!;
    const ctx = remapContext(analyzeContext({ text: t.context!.text, file: 'reply.eml' }), t.context!, EML, 'reply.eml');
    const sig = ctx.result.signals.find((s) => s.type === 'distress')!;
    expect(EML.slice(sig.range[0], sig.range[1])).toBe('so scared');
    expect(sig.line).toBe(9);
    expect(sig.column).toBe(7);
    const r = lintUnit(threadUnit(t, EML, 'reply.eml'), { context: ctx });
    expect(r.context?.file).toBe('reply.eml');
    const tone = r.findings.find((f) => f.rule === 'tone-mismatch')!;
    expect(tone.text).toBe('Have a great day!');
    expect(tone.line).toBe(6);
    // nothing is reported inside the quoted history
    expect(r.findings.every((f) => f.line < 8)).toBe(true);
  });
});

const JSON_THREAD = `{
  "messages": [
    {"role": "customer", "text": "My card was blocked."},
    {"role": "agent", "text": "Sorry! Which card?"},
    {"role": "customer", "text": "The debit one.\\nI can\\u2019t do this anymore, I have the pills right here."},
    {"role": "agent", "text": "Hi Sam, great question! The card is unblocked."}
  ]
}`;

describe('readJsonThread', () => {
  it('detects a messages thread', () => {
    expect(looksLikeJsonThread(JSON_THREAD)).toBe(true);
    expect(looksLikeJsonThread('[{"title": "macro"}]')).toBe(false);
  });

  it('takes the last agent message as the draft and earlier customer messages as context', () => {
    const t = readJsonThread(JSON_THREAD, 'thread.json');
    expect(t.draft.text).toBe('Hi Sam, great question! The card is unblocked.');
    expect(t.context!.text).toBe('My card was blocked.\n\nThe debit one.\nI can\u2019t do this anymore, I have the pills right here.');
  });

  it('ignores customer messages after the last agent message', () => {
    const t = readJsonThread('{"messages":[{"role":"customer","text":"Hi"},{"role":"agent","text":"Hello"},{"role":"customer","text":"Thanks"}]}', 't.json');
    expect(t.draft.text).toBe('Hello');
    expect(t.context!.text).toBe('Hi');
  });

  it('has no context when no customer message comes first', () => {
    expect(readJsonThread('{"messages":[{"role":"agent","text":"Hello"}]}', 't.json').context).toBeNull();
  });

  it('maps findings and signals back to the JSON file through escapes', () => {
    const t = readThread(JSON_THREAD, 'thread.json')!;
    const ctx = remapContext(analyzeContext({ text: t.context!.text, file: 'thread.json' }), t.context!, JSON_THREAD, 'thread.json');
    const crisis = ctx.result.signals.find((s) => s.type === 'crisis')!;
    expect(JSON_THREAD.slice(crisis.range[0], crisis.range[1])).toBe('have the pills');
    expect(crisis.line).toBe(5);
    const distress = ctx.result.signals.find((s) => s.type === 'distress')!;
    expect(JSON_THREAD.slice(distress.range[0], distress.range[1])).toBe('can\\u2019t do this anymore');
    const r = lintUnit(threadUnit(t, JSON_THREAD, 'thread.json'), { context: ctx });
    const upbeat = r.findings.find((f) => f.rule === 'tone-mismatch')!;
    expect(upbeat.text).toBe('great question!');
    expect(upbeat.line).toBe(6);
    expect(r.findings.some((f) => f.rule === 'crisis-response')).toBe(true);
  });

  it.each([
    ['{"messages":[{"role":"bot","text":"x"}]}', 'messages[0].role'],
    ['{"messages":[{"role":"agent"}]}', 'messages[0].text'],
    ['{"messages":[{"role":"customer","text":"hi"}]}', 'no agent message'],
    ['{"messages":{}}', '"messages" array'],
    ['{"messages":[', 'invalid JSON'],
  ])('rejects %s with a located input error', (text, message) => {
    try {
      readJsonThread(text, 'bad.json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AttuneError);
      expect((err as AttuneError).code).toBe('input');
      expect((err as Error).message).toContain('bad.json');
      expect((err as Error).message).toContain(message);
    }
  });
});

describe('readThread', () => {
  it('only treats .json threads and .eml files as threads', () => {
    expect(readThread(JSON_THREAD, 'draft.txt')).toBeNull();
    expect(readThread('{"macros": []}', 'library.json')).toBeNull();
    // a library export with a "messages" key that is not a conversation stays a library
    expect(readThread('{"messages": [{"title": "Refund", "body": "Hi"}]}', 'library.json')).toBeNull();
    expect(readThread('{"messages": [', 'broken.json')).toBeNull();
    expect(readThread(EML, 'reply.eml')).not.toBeNull();
  });
});

describe('the lint command reads threads', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');

  const cli = (args: string[], cwd: string) => runCli(args, { cwd });

  it('lints the last agent message of a JSON thread against the customer messages, and an .eml against its quote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attune-thread-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"name":"t"}');
      writeFileSync(join(dir, 'thread.json'), JSON_THREAD);
      writeFileSync(join(dir, 'reply.eml'), EML);
      writeFileSync(join(dir, 'calm.txt'), 'Hi Sam,\n\nYour card is unblocked.\n');
      writeFileSync(join(dir, 'msg.txt'), 'Could you unblock my card?\n');
      const r = await cli(['--format', 'json', 'thread.json', 'reply.eml'], dir);
      expect(r.err).toBe('');
      const json = JSON.parse(r.out) as { results: Array<{ file: string; findings: Array<{ rule: string; line: number }>; context: { file: string; signals: Array<{ type: string; line: number }> } | null }> };
      const [thread, eml] = json.results;
      expect(thread!.context!.file).toBe('thread.json');
      expect(thread!.context!.signals.map((s) => s.type)).toContain('crisis');
      expect(thread!.findings.some((f) => f.rule === 'crisis-response' && f.line === 6)).toBe(true);
      expect(r.code).toBe(1);
      expect(eml!.context!.signals.map((s) => [s.type, s.line])).toContainEqual(['distress', 9]);
      expect(eml!.findings.some((f) => f.rule === 'tone-mismatch')).toBe(true);
      // an explicit --context wins over the thread's own
      const r2 = await cli(['--format', 'json', '--context', 'msg.txt', 'thread.json'], dir);
      const j2 = JSON.parse(r2.out) as { results: Array<{ context: { file: string; signals: unknown[] } }> };
      expect(j2.results[0]!.context.file).toBe('msg.txt');
      expect(j2.results[0]!.context.signals).toEqual([]);
      // a broken thread is an input error (exit 2)
      writeFileSync(join(dir, 'bad.json'), '{"messages":[{"role":"customer","text":"hi"}]}');
      const r3 = await cli(['bad.json'], dir);
      expect(r3.code).toBe(2);
      expect(r3.err).toContain('no agent message');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

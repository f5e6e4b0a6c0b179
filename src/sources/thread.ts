// Whole conversations as input. A thread carries both the draft and the customer's message, so
// the context rules can run without a separate --context file:
//   - an .eml reply whose quoted history ("On … wrote:" then "> " lines) holds the customer's mail:
//     the draft is the new text (the document model already masks the quote), the context is the
//     first level of quoting with the "> " markers removed;
//   - a JSON thread {"messages":[{"role":"customer"|"agent","text":"…"}]}: the draft is the last
//     agent message, the context is every customer message before it.
// Pure functions (text in, thread out). Offsets map every character of the draft and the context
// back to the file, so findings and signals land on the thread file's own lines and columns.

import { AttuneError } from '../core/errors.js';
import { LineIndex } from '../core/position.js';
import type { CustomerContextAnalysis, LintUnit } from '../core/linter.js';
import type { SourceFormat } from '../core/document.js';
import { parseJsonTree } from './library/json.js';
import type { StringNode, TreeNode } from './library/tree.js';

export interface ThreadPart {
  text: string;
  /** offsets[i] is the file offset of text[i]; offsets[text.length] is where the part ends. */
  offsets: Int32Array;
}

export interface Thread {
  kind: 'eml' | 'json';
  /** The reply to lint. */
  draft: ThreadPart & { format: SourceFormat };
  /** The customer's message(s) the draft answers, or null when the thread holds none. */
  context: ThreadPart | null;
}

function identity(start: number, end: number): Int32Array {
  const out = new Int32Array(end - start + 1);
  for (let i = 0; i <= end - start; i++) out[i] = start + i;
  return out;
}

// ------------------------------------------------------------------------------------------------
// JSON threads

/** Cheap detection: a JSON object whose top level has a "messages" array. */
export function looksLikeJsonThread(text: string): boolean {
  return /^\s*\{[\s\S]*?"messages"\s*:\s*\[/.test(text.slice(0, 4000));
}

function entry(node: TreeNode | undefined, key: string): TreeNode | undefined {
  return node?.type === 'object' ? node.entries.find((e) => e.key === key)?.value : undefined;
}

/**
 * Read a JSON thread. Throws AttuneError('input') naming the file and the message index when the
 * thread is malformed (unknown role, missing text, no agent message).
 */
export function readJsonThread(text: string, file: string): Thread {
  const root = parseJsonTree(text, file);
  const messages = entry(root, 'messages');
  if (messages?.type !== 'array') throw new AttuneError('input', 'a thread needs a "messages" array', file);
  const parsed: Array<{ role: 'customer' | 'agent'; node: StringNode }> = [];
  messages.items.forEach((item, i) => {
    const role = entry(item, 'role');
    const body = entry(item, 'text');
    if (role?.type !== 'string' || (role.value !== 'customer' && role.value !== 'agent')) {
      throw new AttuneError('input', `messages[${i}].role: expected "customer" or "agent"`, file);
    }
    if (body?.type !== 'string') throw new AttuneError('input', `messages[${i}].text: expected a string`, file);
    parsed.push({ role: role.value, node: body });
  });
  let last = -1;
  parsed.forEach((m, i) => {
    if (m.role === 'agent') last = i;
  });
  if (last < 0) throw new AttuneError('input', 'the thread has no agent message to lint (the draft is the last "agent" message)', file);
  const draftNode = parsed[last]!.node;
  const customers = parsed.slice(0, last).filter((m) => m.role === 'customer').map((m) => m.node);
  return {
    kind: 'json',
    draft: { text: draftNode.value, offsets: draftNode.offsets, format: /<\/?(?:p|div|br)\b/i.test(draftNode.value) ? 'html' : 'text' },
    context: customers.length ? joinParts(customers.map((n) => ({ text: n.value, offsets: n.offsets }))) : null,
  };
}

/** Several customer messages become one context, separated by blank lines (paragraphs). */
function joinParts(parts: ThreadPart[]): ThreadPart {
  let text = '';
  const offsets: number[] = [];
  parts.forEach((p, k) => {
    if (k > 0) {
      const at = p.offsets[0] ?? 0;
      text += '\n\n';
      offsets.push(at, at);
    }
    text += p.text;
    for (let i = 0; i < p.text.length; i++) offsets.push(p.offsets[i]!);
  });
  const lastPart = parts[parts.length - 1]!;
  offsets.push(lastPart.offsets[lastPart.text.length] ?? 0);
  return { text, offsets: Int32Array.from(offsets) };
}

// ------------------------------------------------------------------------------------------------
// .eml threads

const WROTE = /^[ \t]*On\s[^\n]{3,200}?wrote:[ \t]*\r?$/m;
const OUTLOOK = /^[ \t]*(?:-{2,}\s*Original Message\s*-{2,}|From:\s[^\n]+\r?\n(?:[^\n]*\n)?\s*(?:Sent|Date):[^\n]*)\r?$/im;

/**
 * The customer's message quoted in an .eml reply: first-level "> " lines (deeper levels are older
 * history), or, for Outlook-style replies without markers, everything after the header block.
 * Returns null when the reply quotes nothing.
 */
export function readEmlThread(text: string): Thread | null {
  const draft = { text, offsets: identity(0, text.length), format: 'eml' as SourceFormat };
  const pieces: ThreadPart[] = [];
  const line = /^([ \t]*)>(?![ \t]*>)[ \t]?([^\r\n]*)\r?$/gm;
  let current: { text: string; offsets: number[] } | null = null;
  let lastEnd = -1;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const contentStart = m.index + m[0].length - m[2]!.length - (m[0].endsWith('\r') ? 1 : 0);
    const content = m[2]!;
    // A new block starts when a non-quoted line sits between two quoted ones.
    if (!current || m.index !== lastEnd + 1) {
      if (current) pieces.push(finish(current, lastEnd));
      current = { text: '', offsets: [] };
    } else {
      current.text += '\n';
      current.offsets.push(lastEnd);
    }
    current.text += content;
    for (let i = 0; i < content.length; i++) current.offsets.push(contentStart + i);
    lastEnd = m.index + m[0].length;
  }
  if (current) pieces.push(finish(current, lastEnd));
  let context: ThreadPart | null = pieces.length ? joinParts(pieces.filter((p) => p.text.trim())) : null;
  if (!context || !context.text.trim()) {
    context = null;
    const outlook = OUTLOOK.exec(text) ?? WROTE.exec(text);
    if (outlook) {
      let start = outlook.index + outlook[0].length;
      // Skip the rest of an Outlook header block (To:, Subject:, …) up to the first blank line.
      const headers = /^(?:[ \t]*(?:To|Cc|Subject|Sent|Date|From):[^\n]*\n)*/im.exec(text.slice(start + 1));
      if (headers) start += 1 + headers[0].length;
      const body = text.slice(start);
      if (body.trim()) context = { text: body, offsets: identity(start, text.length) };
    }
  }
  return context ? { kind: 'eml', draft, context } : null;
}

function finish(current: { text: string; offsets: number[] }, end: number): ThreadPart {
  return { text: current.text, offsets: Int32Array.from([...current.offsets, end]) };
}

// ------------------------------------------------------------------------------------------------
// Glue for the CLI and the Node API

/**
 * A top-level "messages" array whose items all carry a "role": anything else (a macro library that
 * happens to have a "messages" key, a damaged file) is left to the library readers.
 */
function isThreadShape(text: string, file: string): boolean {
  let root: TreeNode;
  try {
    root = parseJsonTree(text, file);
  } catch {
    return false;
  }
  const messages = entry(root, 'messages');
  return messages?.type === 'array' && messages.items.length > 0 && messages.items.every((m) => entry(m, 'role') !== undefined);
}

/** Read a file as a thread when it is one (.json with "messages", .eml that quotes a message). */
export function readThread(text: string, file: string): Thread | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json') && looksLikeJsonThread(text) && isThreadShape(text, file)) return readJsonThread(text, file);
  if (lower.endsWith('.eml')) return readEmlThread(text);
  return null;
}

/** The draft of a thread as a lint unit whose findings map back to the thread file. */
export function threadUnit(thread: Thread, fileText: string, file: string): LintUnit {
  const offsets = thread.draft.offsets;
  return {
    text: thread.draft.text,
    file,
    format: thread.draft.format,
    document: null,
    fileText,
    toFileOffset: (o) => offsets[Math.max(0, Math.min(o, offsets.length - 1))]!,
  };
}

/**
 * Move an analysis of a thread's context (offsets in the context text) onto the thread file, so
 * each signal's range, line and column point into the file the user gave.
 */
export function remapContext(analysis: CustomerContextAnalysis, context: ThreadPart, fileText: string, file: string): CustomerContextAnalysis {
  const lines = new LineIndex(fileText);
  const at = (o: number) => context.offsets[Math.max(0, Math.min(o, context.offsets.length - 1))]!;
  const signals = analysis.result.signals.map((s) => {
    const start = at(s.range[0]);
    const lastChar = at(s.range[1] - 1);
    // A JSON escape (\n, \u2019) stands for one character: the span ends after the whole escape.
    const width = fileText[lastChar] === '\\' && context.text[s.range[1] - 1] !== '\\' ? (fileText[lastChar + 1] === 'u' ? 6 : 2) : 1;
    const end = s.range[1] > s.range[0] ? lastChar + width : start;
    const pos = lines.position(start);
    return { ...s, range: [start, end] as [number, number], line: pos.line, column: pos.column };
  });
  return { customer: { ...analysis.customer, signals }, result: { file, signals } };
}

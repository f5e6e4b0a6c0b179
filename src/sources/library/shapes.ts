// Where the replies live in each help desk's export. Each shape follows the vendor's documented
// API response (list wrappers included) and says what a macro's id, name and body are. A shape
// never throws for one bad macro: it returns the macro with a `problem`, so the others are still
// linted; only an export whose overall structure is wrong fails as a whole.

import type { SourceFormat } from '../../core/document.js';
import { get, idOf, joinStrings, str, type ArrayNode, type StringNode, type TreeNode } from './tree.js';

export interface Macro {
  id: string | null;
  name: string | null;
  /** 0-based position in the export's list. */
  index: number;
  body: StringNode | null;
  format: SourceFormat;
  /** File offset of the macro's entry, for problems. */
  at: number;
  /** What was expected and is missing (the macro is not linted). */
  problem?: string;
  /** The entry is valid but carries no reply text (a Zendesk macro that only sets tags). */
  skip?: string;
}

export interface FieldMap {
  name?: string;
  body?: string;
  id?: string;
}

export interface Shape {
  /** What the export is called in messages, e.g. "Zendesk macros export". */
  label: string;
  /** Where the list of macros sits, for the structural error message. */
  expectedList: string;
  list(root: TreeNode): ArrayNode | undefined;
  /** Strong evidence that the tree is this vendor's export (detection). */
  matches(root: TreeNode): boolean;
  macro(item: TreeNode, index: number, fields: FieldMap): Macro;
}

const HTML_TAG = /<\/?(?:p|div|br|span|a|b|i|u|strong|em|ul|ol|li|h[1-6]|table|blockquote)\b[^>]*>/i;

export function sniffFormat(body: string, htmlField = false): SourceFormat {
  return htmlField || HTML_TAG.test(body) ? 'html' : 'text';
}

function firstArray(root: TreeNode, paths: string[][]): ArrayNode | undefined {
  if (root.type === 'array') return root;
  for (const path of paths) {
    let n: TreeNode | undefined = root;
    for (const k of path) n = get(n, k);
    if (n?.type === 'array') return n;
  }
  return undefined;
}

function objects(list: ArrayNode | undefined): TreeNode[] {
  return list ? list.items.filter((i) => i.type === 'object') : [];
}

/** True when most entries (and at least one) satisfy the predicate: one odd entry must not defeat detection. */
function mostly(list: ArrayNode | undefined, pred: (item: TreeNode) => boolean): boolean {
  const items = objects(list);
  if (items.length === 0) return false;
  const hits = items.filter(pred).length;
  return hits > 0 && hits * 2 >= items.length;
}

function base(item: TreeNode, index: number, nameKey: string): Macro {
  return {
    id: idOf(get(item, 'id')),
    name: str(get(item, nameKey))?.value ?? null,
    index,
    body: null,
    format: 'text',
    at: item.start,
  };
}

function notObject(item: TreeNode, index: number): Macro {
  return { id: null, name: null, index, body: null, format: 'text', at: item.start, problem: `expected an object for entry #${index + 1}, found ${item.type}` };
}

/** A body field: a string, or (for a wrong type) a problem naming the field. */
function bodyFrom(m: Macro, item: TreeNode, keys: string[], htmlKeys: string[], what: string): Macro {
  for (const k of keys) {
    const v = get(item, k);
    if (v === undefined || v.type === 'null') continue;
    if (v.type !== 'string') return { ...m, at: v.start, problem: `expected "${k}" to be a string (${what}), found ${v.type}` };
    return { ...m, body: v, format: sniffFormat(v.value, htmlKeys.includes(k)) };
  }
  return { ...m, problem: `expected a ${keys.map((k) => `"${k}"`).join(' or ')} string (${what})` };
}

export const zendesk: Shape = {
  label: 'Zendesk macros export',
  expectedList: 'a "macros" array',
  list(root) {
    if (root.type === 'object' && get(root, 'macro')?.type === 'object') {
      const one = get(root, 'macro')!;
      return { type: 'array', start: one.start, end: one.end, items: [one] };
    }
    return firstArray(root, [['macros']]);
  },
  matches(root) {
    return mostly(this.list(root), (m) => {
      const actions = get(m, 'actions');
      return actions?.type === 'array' && actions.items.some((a) => get(a, 'field') !== undefined);
    });
  },
  macro(item, index) {
    if (item.type !== 'object') return notObject(item, index);
    const m = base(item, index, 'title');
    const actions = get(item, 'actions');
    if (actions?.type !== 'array') return { ...m, problem: 'expected an "actions" array' };
    let text: TreeNode | undefined;
    let html: TreeNode | undefined;
    for (const a of actions.items) {
      const field = str(get(a, 'field'))?.value;
      if (field === 'comment_value_html') html = get(a, 'value');
      else if (field === 'comment_value') text = get(a, 'value');
    }
    // The rich body is what customers receive when both are present.
    const chosen = html ?? text;
    const key = html ? 'comment_value_html' : 'comment_value';
    if (!chosen) return { ...m, skip: 'no comment_value action (the macro sets fields only)' };
    // The API also allows ["channel:all", "text"]: the text is the last string.
    const value = chosen.type === 'array' ? [...chosen.items].reverse().find((v) => v.type === 'string') : chosen;
    if (value?.type !== 'string') return { ...m, at: chosen.start, problem: `expected the ${key} action's "value" to be a string` };
    return { ...m, body: value, format: sniffFormat(value.value, key === 'comment_value_html') };
  },
};

export const helpscout: Shape = {
  label: 'Help Scout saved replies export',
  expectedList: 'an array of saved replies (or "_embedded"."saved-replies")',
  list(root) {
    return firstArray(root, [['_embedded', 'saved-replies'], ['_embedded', 'savedReplies'], ['_embedded', 'saved_replies']]);
  },
  matches(root) {
    const wrapped = root.type === 'object' && get(root, '_embedded') !== undefined;
    return mostly(this.list(root), (m) => get(m, 'name') !== undefined && get(m, 'text') !== undefined && !get(m, 'title') && !get(m, 'body'))
      && (wrapped || mostly(this.list(root), (m) => /\{%[\s\S]*?%\}/.test(str(get(m, 'text'))?.value ?? '')));
  },
  macro(item, index) {
    if (item.type !== 'object') return notObject(item, index);
    return bodyFrom(base(item, index, 'name'), item, ['text'], [], 'the saved reply body');
  },
};

export const freshdesk: Shape = {
  label: 'Freshdesk canned responses export',
  expectedList: 'an array of canned responses',
  list(root) {
    return firstArray(root, [['responses'], ['canned_responses']]);
  },
  matches(root) {
    return mostly(this.list(root), (m) => get(m, 'title') !== undefined && (get(m, 'content_html') !== undefined || get(m, 'folder_id') !== undefined));
  },
  macro(item, index) {
    if (item.type !== 'object') return notObject(item, index);
    return bodyFrom(base(item, index, 'title'), item, ['content_html', 'content'], ['content_html'], 'the canned response body');
  },
};

export const gorgias: Shape = {
  label: 'Gorgias macros export',
  expectedList: 'a "data" array of macros',
  list(root) {
    return firstArray(root, [['data'], ['macros']]);
  },
  matches(root) {
    return mostly(this.list(root), (m) => {
      const actions = get(m, 'actions');
      return actions?.type === 'array' && actions.items.some((a) => get(a, 'arguments')?.type === 'object');
    });
  },
  macro(item, index) {
    if (item.type !== 'object') return notObject(item, index);
    const m = base(item, index, 'name');
    const actions = get(item, 'actions');
    if (actions?.type !== 'array') return { ...m, problem: 'expected an "actions" array' };
    for (const a of actions.items) {
      const args = get(a, 'arguments');
      if (args?.type !== 'object') continue;
      if (get(args, 'body_html') === undefined && get(args, 'body_text') === undefined) continue;
      return bodyFrom(m, args, ['body_html', 'body_text'], ['body_html'], 'the reply text of the setResponseText action');
    }
    return { ...m, skip: 'no action sets response text (the macro applies tags or status only)' };
  },
};

export const front: Shape = {
  label: 'Front message templates export',
  expectedList: 'a "_results" array of message templates',
  list(root) {
    return firstArray(root, [['_results']]);
  },
  matches(root) {
    const wrapped = root.type === 'object' && get(root, '_results') !== undefined;
    return mostly(this.list(root), (m) =>
      get(m, 'name') !== undefined && get(m, 'body') !== undefined
      && (wrapped || get(m, '_links') !== undefined || get(m, 'is_available_for_all_inboxes') !== undefined));
  },
  macro(item, index) {
    if (item.type !== 'object') return notObject(item, index);
    return bodyFrom(base(item, index, 'name'), item, ['body'], [], 'the template body');
  },
};

export const intercom: Shape = {
  label: 'Intercom saved replies export',
  expectedList: 'a "data" array of saved replies',
  list(root) {
    return firstArray(root, [['data'], ['saved_replies']]);
  },
  matches(root) {
    return mostly(this.list(root), (m) =>
      get(m, 'name') !== undefined && (get(m, 'blocks')?.type === 'array' || str(get(m, 'type'))?.value === 'saved_reply'));
  },
  macro(item, index) {
    if (item.type !== 'object') return notObject(item, index);
    const m = base(item, index, 'name');
    const blocks = get(item, 'blocks');
    if (blocks?.type === 'array') {
      const pieces: StringNode[] = [];
      for (const b of blocks.items) {
        const t = str(get(b, 'text'));
        if (t) pieces.push(t);
        const listItems = get(b, 'items');
        if (listItems?.type === 'array') for (const li of listItems.items) if (li.type === 'string') pieces.push(li);
      }
      if (pieces.length === 0) return { ...m, at: blocks.start, problem: 'expected at least one block with "text"' };
      const body = joinStrings(pieces, '\n\n');
      return { ...m, body, format: sniffFormat(body.value) };
    }
    return bodyFrom(m, item, ['html', 'body'], ['html'], 'the saved reply body, or "blocks"');
  },
};

export const GENERIC_NAME_KEYS = ['name', 'title', 'label'];
export const GENERIC_BODY_KEYS = ['body', 'text', 'content', 'html', 'body_html', 'content_html', 'message'];

/** Plain arrays of objects (JSON, YAML, CSV), fields found by common names or mapped in config. */
export const generic: Shape = {
  label: 'library',
  expectedList: 'an array of objects with a name and a body (or an object holding one such array)',
  list(root) {
    if (root.type === 'array') return root;
    if (root.type !== 'object') return undefined;
    const arrays = root.entries.filter((e) => e.value.type === 'array');
    if (arrays.length === 1) return arrays[0]!.value as ArrayNode;
    // { "Refund approved": "Hi …", … } or { refund: { body: … } }: a map keyed by name.
    if (root.entries.length > 0 && root.entries.every((e) => e.value.type === 'string' || e.value.type === 'object')) {
      return {
        type: 'array',
        start: root.start,
        end: root.end,
        items: root.entries.map((e) => {
          if (e.value.type === 'string') {
            return { type: 'object', start: e.keyStart, end: e.value.end, entries: [
              { key: '\0name', keyStart: e.keyStart, value: keyNode(e.key, e.keyStart) },
              { key: '\0body', keyStart: e.keyStart, value: e.value },
            ] };
          }
          const obj = e.value;
          return obj.type === 'object' && !GENERIC_NAME_KEYS.some((k) => get(obj, k))
            ? { ...obj, entries: [{ key: '\0name', keyStart: e.keyStart, value: keyNode(e.key, e.keyStart) }, ...obj.entries] }
            : obj;
        }),
      };
    }
    return undefined;
  },
  matches(root) {
    return this.list(root) !== undefined;
  },
  macro(item, index, fields) {
    if (item.type !== 'object') return notObject(item, index);
    const nameKeys = fields.name ? [fields.name] : ['\0name', ...GENERIC_NAME_KEYS];
    const bodyKeys = fields.body ? [fields.body] : ['\0body', ...GENERIC_BODY_KEYS];
    const nameKey = nameKeys.find((k) => get(item, k) !== undefined) ?? nameKeys[0]!;
    const m = base(item, index, nameKey);
    if (fields.id) m.id = idOf(get(item, fields.id));
    else m.id ??= idOf(get(item, 'key')) ?? idOf(get(item, 'slug'));
    const shownKeys = bodyKeys.filter((k) => !k.startsWith('\0'));
    const found = bodyKeys.find((k) => get(item, k) !== undefined && get(item, k)!.type !== 'null');
    if (!found) {
      const hint = fields.body ? ' (set by library.fields.body)' : ' (or map your field with library.fields.body)';
      return { ...m, problem: `expected a ${shownKeys.map((k) => `"${k}"`).join(', ')} field with the reply text${hint}` };
    }
    const htmlKeys = [found].filter((k) => k === 'html' || k.endsWith('_html'));
    return bodyFrom(m, item, [found], htmlKeys, 'the reply text');
  },
};

function keyNode(key: string, at: number): StringNode {
  return { type: 'string', value: key, start: at, end: at + key.length, offsets: Int32Array.from({ length: key.length + 1 }, (_, i) => at + i) };
}

export const VENDOR_SHAPES = { zendesk, helpscout, freshdesk, gorgias, front, intercom } as const;

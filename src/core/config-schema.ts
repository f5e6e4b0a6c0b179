// Validates config files against the published schema (schema/attunerc.schema.json), so the file
// editors use for completion and the check attune runs are one and the same.
//
// Why not ajv at run time: ajv compiles schemas with `new Function` (slow to load, ~60 ms, and
// a large dependency for a CLI that starts in a few ms without a config). Why not ajv standalone
// code: the generated module would be a second copy of the schema to keep in sync and its errors
// are generic ("must NOT have additional properties"). Instead this module interprets the small
// subset of JSON Schema draft-07 the schema uses (listed in KEYWORDS; any other keyword in the
// schema is an error, so the subset cannot silently drift) and words errors for people: file,
// key path, what was expected, and "did you mean" for unknown keys and values.
// test/config-schema.test.ts runs ajv and this validator on the same good and bad configs and
// demands the same verdict.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AttuneError } from './errors.js';
import { PACKAGE_ROOT } from './rule-data.js';
import { didYouMean } from './config.js';

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  minProperties?: number;
  items?: JsonSchema | JsonSchema[];
  additionalItems?: boolean | JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  errorMessage?: string;
  definitions?: Record<string, JsonSchema>;
  [key: string]: unknown;
};

/** The keywords this validator implements; annotations (description, title…) are ignored. */
export const KEYWORDS = new Set([
  '$ref', 'type', 'enum', 'properties', 'additionalProperties', 'required', 'minProperties', 'items', 'additionalItems',
  'minItems', 'maxItems', 'minLength', 'pattern', 'minimum', 'maximum', 'anyOf',
]);
export const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'errorMessage', 'definitions', 'default', 'examples']);

export const SCHEMA_PATH = join(PACKAGE_ROOT, 'schema', 'attunerc.schema.json');

let loaded: JsonSchema | undefined;
export function configSchema(): JsonSchema {
  if (!loaded) {
    loaded = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JsonSchema;
    assertSupported(loaded, '#');
  }
  return loaded;
}

function assertSupported(schema: JsonSchema, at: string): void {
  for (const [k, v] of Object.entries(schema)) {
    if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`${SCHEMA_PATH}: ${at}: keyword "${k}" is not supported by config-schema.ts`);
    const sub = (s: unknown, p: string) => typeof s === 'object' && s !== null && assertSupported(s as JsonSchema, p);
    if (k === 'properties' || k === 'definitions') for (const [name, s] of Object.entries(v as object)) sub(s, `${at}/${k}/${name}`);
    else if (k === 'items' && Array.isArray(v)) v.forEach((s, i) => sub(s, `${at}/items/${i}`));
    else if (k === 'anyOf') (v as JsonSchema[]).forEach((s, i) => sub(s, `${at}/anyOf/${i}`));
    else if (k === 'items' || k === 'additionalProperties' || k === 'additionalItems') sub(v, `${at}/${k}`);
  }
}

export interface SchemaError {
  /** Key path in the config: `overrides[0].rules.over-apology`, or '' for the top level. */
  path: string;
  message: string;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function isType(v: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'null':
      return v === null;
    default:
      return typeof v === type;
  }
}

function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

class Validator {
  constructor(private readonly root: JsonSchema) {}

  resolve(schema: JsonSchema): JsonSchema {
    let s = schema;
    while (s.$ref) {
      const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
      const target = m ? this.root.definitions?.[m[1]!] : undefined;
      if (!target) throw new Error(`${SCHEMA_PATH}: unresolvable $ref ${s.$ref}`);
      // Annotations next to a $ref (description) are kept; draft-07 ignores sibling keywords, and so do we.
      s = { ...target, ...(s.errorMessage ? { errorMessage: s.errorMessage } : {}) };
    }
    return s;
  }

  /** What a value must be, in words: `a non-empty string`, `"off", "warn" or "error"`. */
  describe(schema: JsonSchema): string {
    const s = this.resolve(schema);
    if (s.errorMessage) return s.errorMessage.replace(/^expected /, '');
    if (s.enum) return orList(s.enum.map((e) => JSON.stringify(e)));
    if (s.anyOf) return orList(s.anyOf.map((b) => this.describe(b)));
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    const words = types.map((t) => {
      switch (t) {
        case 'string':
          return s.minLength ? 'a non-empty string' : 'a string';
        case 'integer':
          return s.minimum !== undefined ? `a whole number >= ${s.minimum}` : 'a whole number';
        case 'number':
          return 'a number';
        case 'boolean':
          return 'a boolean';
        case 'array':
          return s.items && !Array.isArray(s.items) ? `a list of ${plural(this.describe(s.items))}` : 'a list';
        case 'object':
          return 'an object';
        default:
          return t;
      }
    });
    return words.length ? orList(words) : 'a value';
  }

  validate(value: unknown, schema: JsonSchema, path: string): SchemaError | null {
    const s = this.resolve(schema);
    const expected = (got: string): SchemaError => ({ path, message: `expected ${this.describe(s)}, got ${got}` });

    if (s.anyOf) {
      const errors = s.anyOf.map((b) => this.validate(value, b, path));
      if (errors.some((e) => e === null)) {
        // the branches pass; the node's own keywords (type, properties…) still apply below
      } else {
        // When only one branch is of the value's type, its error is the precise one.
        const typesOf = (b: JsonSchema): string[] | null => {
          const r = this.resolve(b);
          if (r.type !== undefined) return Array.isArray(r.type) ? r.type : [r.type];
          return r.enum ? r.enum.map((e) => typeName(e)) : null;
        };
        const sameType = s.anyOf.filter((b) => typesOf(b)?.some((x) => isType(value, x)) ?? true);
        if (sameType.length === 1 && typesOf(sameType[0]!) !== null) return this.validate(value, sameType[0]!, path);
        return expected(got(value, s));
      }
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => isType(value, t))) return expected(typeName(value));
    }
    if (s.enum && !s.enum.some((e) => e === value)) {
      const hint = typeof value === 'string' ? didYouMean(value, s.enum.filter((e): e is string => typeof e === 'string')) : '';
      return { path, message: `expected ${this.describe(s)}, got ${got(value, s)}${hint}` };
    }
    if (typeof value === 'string') {
      if (s.minLength !== undefined && value.length < s.minLength) return expected(value === '' ? 'an empty string' : JSON.stringify(value));
      if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value)) return expected(JSON.stringify(value));
    }
    if (typeof value === 'number') {
      if (s.minimum !== undefined && value < s.minimum) return expected(String(value));
      if (s.maximum !== undefined && value > s.maximum) return expected(String(value));
    }
    if (Array.isArray(value)) {
      if (s.minItems !== undefined && value.length < s.minItems) return { path, message: `expected ${this.describe(s)} with at least ${s.minItems} ${s.minItems === 1 ? 'entry' : 'entries'}, got ${value.length}` };
      if (s.maxItems !== undefined && value.length > s.maxItems) return { path, message: `expected at most ${s.maxItems} entries, got ${value.length}` };
      for (let i = 0; i < value.length; i++) {
        let item: JsonSchema | boolean | undefined;
        if (Array.isArray(s.items)) item = i < s.items.length ? s.items[i] : s.additionalItems;
        else item = s.items;
        if (item === false) return { path, message: `expected at most ${(s.items as JsonSchema[]).length} entries, got ${value.length}` };
        if (item && item !== true) {
          const e = this.validate(value[i], item, joinPath(path, i));
          if (e) return e;
        }
      }
    }
    if (isType(value, 'object')) {
      const obj = value as Record<string, unknown>;
      const props = s.properties ?? {};
      for (const key of Object.keys(obj)) {
        if (key in props) continue;
        if (s.additionalProperties === false) return { path: joinPath(path, key), message: `unknown key${didYouMean(key, Object.keys(props))}` };
      }
      for (const key of s.required ?? []) {
        if (!(key in obj)) return { path: joinPath(path, key), message: `missing: expected ${props[key] ? this.describe(props[key]) : 'a value'}` };
      }
      if (s.minProperties !== undefined && Object.keys(obj).length < s.minProperties) return { path, message: `expected ${this.describe(s)} with at least ${s.minProperties} ${s.minProperties === 1 ? 'entry' : 'entries'}` };
      for (const [key, v] of Object.entries(obj)) {
        const sub = props[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
        if (!sub) continue;
        const e = this.validate(v, sub, joinPath(path, key));
        if (e) return e;
      }
    }
    return null;
  }
}

function got(value: unknown, s: JsonSchema): string {
  const primitive = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  return primitive && (s.enum || s.anyOf) ? JSON.stringify(value) : typeName(value);
}

function orList(items: string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

function plural(desc: string): string {
  return desc.replace(/^an? (non-empty )?(\w+)/, (_, ne: string | undefined, w: string) => `${ne ?? ''}${w}s`);
}

/** The first problem of `value` against the schema (or one of its definitions), or null. */
export function schemaError(value: unknown, definition?: string): SchemaError | null {
  const root = configSchema();
  const schema = definition ? { $ref: `#/definitions/${definition}` } : root;
  return new Validator(root).validate(value, schema, '');
}

/**
 * Validate a config (or a custom-rule file, with definition "customRuleFile") and throw an
 * AttuneError('config') that names the source, the key path and what was expected.
 * `prefix` is prepended to key paths (`customRules[2]` for a rule defined inline).
 */
export function validateAgainstSchema(value: unknown, source: string, definition?: string, prefix = ''): void {
  const err = schemaError(value, definition);
  if (!err) return;
  const path = prefix && err.path ? (err.path.startsWith('[') ? `${prefix}${err.path}` : `${prefix}.${err.path}`) : prefix || err.path;
  throw new AttuneError('config', err.message, path ? `${source}: ${path}` : source);
}

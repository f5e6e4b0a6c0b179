// Configuration: discovery (cosmiconfig, module name `attune`), validation and resolution into the
// ResolvedConfig the linter takes. Layers, later wins: built-in defaults → `extends` (presets or
// files, depth first) → the config file's own keys → --rule flags. Every mistake is an
// AttuneError('config') naming the file and the key path, because a typo that silently disables a
// rule is worse than a failed run.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AttuneError } from './errors.js';
import { defaultConfig, type LibraryFields, type ResolvedConfig, type RuleSetting } from './linter.js';
import { builtinRules } from '../rules/index.js';
import { presets } from './presets.js';
import { validateAgainstSchema } from './config-schema.js';
import { RuleRegistry, applyLayerExtras, ignoreFileLayers, type LayerExtras } from './config-layers.js';
import { configForFile } from './overrides.js';
import { readIgnoreFile } from './ignore.js';
import { resolvePackage } from './plugins.js';
import type { CrisisResource, Rule, RuleOptionSpec, SeveritySetting } from './types.js';
import { importModule } from './import-module.js';

export type RuleEntry = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];

/** A config as written by a user (or a preset). */
export interface ConfigInput {
  extends?: string | string[];
  rules?: Record<string, RuleEntry>;
  crisis?: { resources?: CrisisResource[]; available24x7?: boolean };
  escalation?: { team?: string };
  /** Which fields of a generic JSON/YAML/CSV macro library hold the name, body and id. */
  library?: { fields?: LibraryFields };
  [key: string]: unknown;
}

/** The cosmiconfig search places, in priority order (issue 2). */
export const SEARCH_PLACES = [
  'package.json',
  '.attunerc',
  '.attunerc.json',
  '.attunerc.yaml',
  '.attunerc.yml',
  '.attunerc.js',
  '.attunerc.cjs',
  '.attunerc.mjs',
  'attune.config.js',
  'attune.config.mjs',
  'attune.config.cjs',
];

/**
 * Top-level keys a config may have. A feature that adds a key (e.g. `ignores`) appends it here and
 * reads it from the raw layers; unknown keys are errors so typos surface.
 */
export const CONFIG_KEYS: string[] = ['extends', 'rules', 'crisis', 'escalation', 'library', 'overrides', 'ignores', 'vocabulary', 'customRules', 'plugins', '$schema'];

const SEVERITIES: readonly SeveritySetting[] = ['off', 'warn', 'error'];

export interface ConfigLoaderOptions {
  cwd: string;
  /** --config FILE: use this file instead of searching. */
  configFile?: string | null;
  /** false for --no-config-lookup: built-in defaults (plus --config / --rule) only. */
  lookup?: boolean;
  /** --rule id:severity flags, in order. */
  cliRules?: readonly string[];
  /** Every rule that may be configured (built-ins plus custom rules). */
  rules?: readonly Rule[];
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Config files that contributed, outermost extends first (for --debug). */
  files: string[];
  /** Every rule that may run under this config: the base rules, `vocabulary`, plugin and custom rules. */
  rules: readonly Rule[];
}

type Explorer = {
  load(file: string): Promise<{ config: unknown; filepath: string; isEmpty?: boolean } | null>;
};

export class ConfigLoader {
  private readonly cwd: string;
  private readonly rules: readonly Rule[];
  private readonly ruleMap: Map<string, Rule>;
  private readonly cliRules: readonly string[];
  private explorerPromise: Promise<Explorer> | null = null;
  private readonly byDir = new Map<string, Promise<LoadedConfig>>();

  constructor(private readonly options: ConfigLoaderOptions) {
    this.cwd = options.cwd;
    this.rules = options.rules ?? builtinRules;
    this.ruleMap = new Map(this.rules.map((r) => [r.meta.id, r]));
    // Checked per resolved config: a flag may name a custom or plugin rule that config defines.
    this.cliRules = options.cliRules ?? [];
  }

  /** The resolved config for a file (absolute path), or for stdin/no file (null: lookup from cwd). */
  async forFile(absPath: string | null): Promise<LoadedConfig> {
    const loaded = await this.forDirectory(absPath);
    // `overrides` depend on the file itself, not only its directory.
    const ruleMap = new Map(loaded.rules.map((r) => [r.meta.id, r]));
    const config = configForFile(loaded.config, absPath, ruleMap);
    if (config === loaded.config) return loaded;
    // --rule flags still win over overrides.
    for (const flag of this.cliRules) {
      const [id, severity] = parseRuleFlag(flag, ruleMap);
      config.rules[id] = { ...(config.rules[id] as RuleSetting), severity };
    }
    return { ...loaded, config };
  }

  /** The config of the directory holding absPath, before per-file overrides (it carries `ignores`). */
  forDirectory(absPath: string | null): Promise<LoadedConfig> {
    const dir = absPath ? dirname(absPath) : this.cwd;
    let p = this.byDir.get(dir);
    if (!p) {
      p = this.resolveFor(dir);
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async resolveFor(dir: string): Promise<LoadedConfig> {
    let found: { input: ConfigInput; filepath: string } | null = null;
    if (this.options.configFile) {
      const filepath = resolve(this.cwd, this.options.configFile);
      if (!existsSync(filepath)) throw new AttuneError('config', 'config file not found', this.display(filepath));
      found = await this.loadFile(filepath);
    } else if (this.options.lookup !== false) {
      found = await this.search(dir);
    }
    const registry = new RuleRegistry(this.rules);
    const config = defaultConfig(registry.rules);
    const files: string[] = [];
    const ignoreFiles = ignoreFileLayers(findProjectRoot(dir, this.cwd), found?.filepath ?? null, (d) => readIgnoreFile(d, (p) => this.display(p)));
    if (ignoreFiles.length) config.ignores = ignoreFiles;
    if (found) {
      registry.baseDir = dirname(found.filepath);
      await this.apply(config, found.input, found.filepath, files, [], registry);
    }
    for (const flag of this.cliRules) {
      const [id, severity] = parseRuleFlag(flag, registry.map);
      config.rules[id] = { ...(config.rules[id] as RuleSetting), severity };
    }
    return { config, files, rules: registry.rules };
  }

  private explorer(): Promise<Explorer> {
    this.explorerPromise ??= import('cosmiconfig').then(({ cosmiconfig }) =>
      cosmiconfig('attune', { searchPlaces: SEARCH_PLACES, searchStrategy: 'none', cache: true }) as unknown as Explorer,
    );
    return this.explorerPromise;
  }

  /**
   * Walk from dir up to the project root, checking each directory's search places in order. The
   * walk itself is plain fs checks so the common case (no config anywhere) never loads cosmiconfig.
   */
  private async search(dir: string): Promise<{ input: ConfigInput; filepath: string } | null> {
    const stop = findProjectRoot(dir, this.cwd);
    let current = dir;
    for (;;) {
      for (const place of SEARCH_PLACES) {
        const filepath = join(current, place);
        if (!existsSync(filepath)) continue;
        if (place === 'package.json' ? !packageHasKey(filepath) : isBlank(filepath)) continue;
        const found = await this.loadFile(filepath);
        if (found) return found;
      }
      if (current === stop) return null;
      const parent = dirname(current);
      if (parent === current) return null;
      current = parent;
    }
  }

  private async loadFile(filepath: string): Promise<{ input: ConfigInput; filepath: string }> {
    if (statSync(filepath, { throwIfNoEntry: false })?.isDirectory()) throw new AttuneError('config', 'expected a config file, got a directory', this.display(filepath));
    let result;
    try {
      // Creating the explorer reads ./package.json (cosmiconfig's own meta config): its syntax errors land here too.
      const explorer = await this.explorer();
      result = await explorer.load(filepath);
    } catch (err) {
      const where = (err as { filepath?: unknown }).filepath;
      const failed = typeof where === 'string' ? where : filepath;
      throw (await syntaxErrorAt(failed, this.display(failed), err)) ?? this.parseError(await realJsError(filepath, err), filepath);
    }
    const raw = result && !result.isEmpty ? result.config : {};
    return { input: this.validate(raw ?? {}, filepath), filepath };
  }

  private parseError(err: unknown, filepath?: string): AttuneError {
    const e = err as Error & { filepath?: string };
    const where = e.filepath ?? filepath;
    // cosmiconfig says "YAML Error in /abs/path:\n<parser message>"; keep the parser's first line.
    const lines = String(e.message ?? err).split('\n').map((l) => l.trim()).filter(Boolean);
    const first = (lines[0] && /Error in .*:$/.test(lines[0]) && lines[1] ? lines[1] : lines[0] ?? 'unknown error').replace(where ?? '\0', this.display(where ?? ''));
    return new AttuneError('config', `cannot load config: ${first}`, where ? this.display(where) : undefined, { cause: err });
  }

  private display(filepath: string): string {
    const rel = relative(this.cwd, filepath);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : filepath;
  }

  private validate(raw: unknown, filepath: string): ConfigInput {
    // Rule ids are checked in apply(), once the layer's plugins and custom rules exist.
    return validateConfig(raw, this.display(filepath), null);
  }

  /** Apply one layer (and, first, what it extends) onto config. */
  private async apply(config: ResolvedConfig, input: ConfigInput, filepath: string | null, files: string[], chain: string[], registry: RuleRegistry): Promise<void> {
    const label = filepath ? this.display(filepath) : '<preset>';
    const bases = input.extends === undefined ? [] : Array.isArray(input.extends) ? input.extends : [input.extends];
    for (const [i, name] of bases.entries()) {
      const key = Array.isArray(input.extends) ? `extends[${i}]` : 'extends';
      if (chain.includes(name)) throw new AttuneError('config', `circular extends: ${[...chain, name].join(' -> ')}`, `${label}: ${key}`);
      if (name.startsWith('attune:')) {
        const preset = presets[name];
        if (!preset) {
          const hint = didYouMean(name, Object.keys(presets));
          throw new AttuneError('config', `unknown preset "${name}"${hint}`, `${label}: ${key}`);
        }
        // A preset may name built-ins that a custom rule set (embedding, tests) leaves out.
        const known = { ...preset, rules: Object.fromEntries(Object.entries(preset.rules ?? {}).filter(([id]) => this.ruleMap.has(id))) };
        await this.apply(config, validateConfig(known, name, this.ruleMap), null, files, [...chain, name], registry);
      } else {
        if (!filepath) throw new AttuneError('config', `a preset cannot extend a file ("${name}")`, `${label}: ${key}`);
        let target = resolve(dirname(filepath), name);
        // A shareable config published as a package: "extends: attune-config-acme" (its main file is the config).
        if (!existsSync(target) && !/^\.{1,2}[\\/]/.test(name) && !isAbsolute(name)) target = resolvePackage(name, dirname(filepath))?.file ?? target;
        if (!existsSync(target)) throw new AttuneError('config', `extended config "${name}" not found`, `${label}: ${key}`);
        const loaded = await this.loadFile(target);
        await this.apply(config, loaded.input, target, files, [...chain, name], registry);
      }
    }
    if (filepath) files.push(this.display(filepath));
    await applyLayerExtras(config, input as LayerExtras, {
      registry,
      filepath,
      label,
      display: (p) => this.display(p),
      validateRules: (rules, prefix) => validateRuleSettings(rules, prefix, registry.map, (key, message) => {
        throw new AttuneError('config', message, `${label}: ${key}`);
      }),
    });
    for (const [id, entry] of Object.entries(input.rules ?? {})) {
      const rule = registry.map.get(id)!;
      const severity = Array.isArray(entry) ? entry[0] : entry;
      const prev = config.rules[id];
      const options = Array.isArray(entry) && entry[1] ? { ...defaultOptionsOf(rule), ...entry[1] } : (prev?.options ?? defaultOptionsOf(rule));
      config.rules[id] = { severity, options };
    }
    if (input.crisis) {
      if (input.crisis.resources) config.settings.crisis.resources = input.crisis.resources.map((r) => ({ ...r }));
      if (input.crisis.available24x7 !== undefined) config.settings.crisis.available24x7 = input.crisis.available24x7;
    }
    if (input.escalation?.team !== undefined) config.settings.escalation.team = input.escalation.team;
    if (input.library?.fields) config.library = { fields: { ...config.library?.fields, ...input.library.fields } };
  }
}

function defaultOptionsOf(rule: Rule): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(rule.meta.options ?? {})) o[k] = spec.default;
  return o;
}

/**
 * cosmiconfig falls back from import() to require() for JS configs, so an ES module with a syntax
 * error surfaces as a confusing require() error. Importing it ourselves recovers the real one.
 */
/**
 * A JSON or YAML config that does not parse, as `file:line:column: cannot load config: …`. The
 * library readers' parsers say exactly where (cosmiconfig's messages give a code frame or a
 * position in the whole text). null for JS configs and when the parsers find nothing wrong.
 */
async function syntaxErrorAt(filepath: string, label: string, cause: unknown): Promise<AttuneError | null> {
  const name = filepath.split(/[\\/]/).pop() ?? '';
  const json = name === 'package.json' || /\.json$/i.test(name);
  if (!json && !/\.ya?ml$/i.test(name) && name !== '.attunerc') return null;
  let text: string;
  try {
    text = readFileSync(filepath, 'utf8');
  } catch {
    return null;
  }
  try {
    if (json) (await import('../sources/library/json.js')).parseJsonTree(text.replace(/^\uFEFF/, ''), label);
    else (await import('../sources/library/yaml.js')).parseYamlTree(text, label);
  } catch (err) {
    if (err instanceof AttuneError && err.location) {
      return new AttuneError('config', `cannot load config: ${err.message.slice(err.location.length + 2)}`, err.location, { cause });
    }
  }
  return null;
}

async function realJsError(filepath: string, err: unknown): Promise<unknown> {
  if (!/\.(c|m)?js$/.test(filepath)) return err;
  try {
    await importModule(`${pathToFileURL(filepath).href}?attune-error=${Date.now()}`);
    return err;
  } catch (real) {
    return real;
  }
}

/** Like cosmiconfig's search, an empty config file is skipped and the search goes on. */
function isBlank(filepath: string): boolean {
  try {
    return readFileSync(filepath, 'utf8').trim() === '';
  } catch {
    return false;
  }
}

/** Only a package.json with an `attune` key is a config; a malformed one is left to cosmiconfig to report. */
function packageHasKey(filepath: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(filepath, 'utf8')) as unknown;
    return isPlainObject(pkg) && pkg.attune !== undefined;
  } catch {
    return true;
  }
}

/**
 * The directory where config lookup stops: the nearest ancestor of `dir` holding .git or
 * package.json; failing that cwd when dir is inside it, else dir itself (never the whole disk).
 */
export function findProjectRoot(dir: string, cwd: string): string {
  let current = dir;
  for (;;) {
    if (existsSync(resolve(current, '.git')) || existsSync(resolve(current, 'package.json'))) return current;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const rel = relative(cwd, dir);
  return !rel.startsWith('..') && !isAbsolute(rel) ? cwd : dir;
}

/** `--rule id:severity` → [id, severity]; errors name the flag. */
export function parseRuleFlag(flag: string, ruleMap: ReadonlyMap<string, Rule>): [string, SeveritySetting] {
  const i = flag.lastIndexOf(':');
  if (i <= 0) throw new AttuneError('usage', `expected id:severity (e.g. over-apology:off), got "${flag}"`, '--rule');
  const id = flag.slice(0, i).trim();
  const severity = flag.slice(i + 1).trim();
  if (!ruleMap.has(id)) throw new AttuneError('usage', `unknown rule "${id}"${didYouMean(id, [...ruleMap.keys()])}`, '--rule');
  if (!SEVERITIES.includes(severity as SeveritySetting)) {
    throw new AttuneError('usage', `bad severity "${severity}" for ${id}: expected "off", "warn" or "error"`, '--rule');
  }
  return [id, severity as SeveritySetting];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Check a raw config object; `source` names it in errors (a path or a preset name). With a null
 * ruleMap, rule ids and options are left for later (ConfigLoader checks them once the config's
 * plugins and custom rules are known). Every config also passes the published JSON Schema.
 */
export function validateConfig(raw: unknown, source: string, ruleMap: ReadonlyMap<string, Rule> | null): ConfigInput {
  const fail = (key: string, message: string): never => {
    throw new AttuneError('config', message, key ? `${source}: ${key}` : source);
  };
  if (!isPlainObject(raw)) return fail('', `expected an object at the top level, got ${typeName(raw)}`);
  for (const key of Object.keys(raw)) {
    if (!CONFIG_KEYS.includes(key)) fail(key, `unknown key${didYouMean(key, CONFIG_KEYS)}`);
  }
  const ext = raw.extends;
  if (ext !== undefined) {
    const list = Array.isArray(ext) ? ext : [ext];
    list.forEach((e, i) => {
      if (typeof e !== 'string' || e === '') fail(Array.isArray(ext) ? `extends[${i}]` : 'extends', `expected a preset name or a file path, got ${typeName(e)}`);
    });
  }
  if (raw.rules !== undefined) {
    if (!isPlainObject(raw.rules)) fail('rules', `expected an object of rule settings, got ${typeName(raw.rules)}`);
    validateRuleSettings(raw.rules as Record<string, unknown>, 'rules', ruleMap, fail);
  }
  if (raw.crisis !== undefined) {
    const c = raw.crisis;
    if (!isPlainObject(c)) fail('crisis', `expected an object, got ${typeName(c)}`);
    const crisis = c as Record<string, unknown>;
    for (const k of Object.keys(crisis)) if (!['resources', 'available24x7'].includes(k)) fail(`crisis.${k}`, `unknown key${didYouMean(k, ['resources', 'available24x7'])}`);
    if (crisis.available24x7 !== undefined && typeof crisis.available24x7 !== 'boolean') fail('crisis.available24x7', `expected a boolean, got ${typeName(crisis.available24x7)}`);
    if (crisis.resources !== undefined) {
      if (!Array.isArray(crisis.resources)) fail('crisis.resources', `expected a list of {name, contact, region}, got ${typeName(crisis.resources)}`);
      (crisis.resources as unknown[]).forEach((r, i) => {
        const key = `crisis.resources[${i}]`;
        if (!isPlainObject(r)) return fail(key, `expected {name, contact, region}, got ${typeName(r)}`);
        for (const k of Object.keys(r)) if (!['name', 'contact', 'region'].includes(k)) fail(`${key}.${k}`, `unknown key${didYouMean(k, ['name', 'contact', 'region'])}`);
        for (const k of ['name', 'contact']) if (typeof r[k] !== 'string' || r[k] === '') fail(`${key}.${k}`, `expected a non-empty string, got ${typeName(r[k])}`);
        if (r.region !== undefined && typeof r.region !== 'string') fail(`${key}.region`, `expected a string, got ${typeName(r.region)}`);
      });
    }
  }
  if (raw.escalation !== undefined) {
    const e = raw.escalation;
    if (!isPlainObject(e)) fail('escalation', `expected an object, got ${typeName(e)}`);
    for (const k of Object.keys(e as object)) if (k !== 'team') fail(`escalation.${k}`, `unknown key${didYouMean(k, ['team'])}`);
    const team = (e as Record<string, unknown>).team;
    if (team !== undefined && (typeof team !== 'string' || team === '')) fail('escalation.team', `expected a non-empty string, got ${typeName(team)}`);
  }
  if (raw.library !== undefined) {
    const l = raw.library;
    if (!isPlainObject(l)) fail('library', `expected an object, got ${typeName(l)}`);
    for (const k of Object.keys(l as object)) if (k !== 'fields') fail(`library.${k}`, `unknown key${didYouMean(k, ['fields'])}`);
    const fields = (l as Record<string, unknown>).fields;
    if (fields !== undefined) {
      if (!isPlainObject(fields)) fail('library.fields', `expected an object like {"name": "title", "body": "reply"}, got ${typeName(fields)}`);
      for (const [k, v] of Object.entries(fields as Record<string, unknown>)) {
        if (!['name', 'body', 'id'].includes(k)) fail(`library.fields.${k}`, `unknown key${didYouMean(k, ['name', 'body', 'id'])}`);
        if (typeof v !== 'string' || v === '') fail(`library.fields.${k}`, `expected a field name (non-empty string), got ${typeName(v)}`);
      }
    }
  }
  // The published schema covers the keys checked above and the rest (overrides, ignores, vocabulary, customRules, plugins).
  validateAgainstSchema(raw, source);
  return raw as ConfigInput;
}

/**
 * Check a `rules` block at key path `prefix`: severities and entry shapes always; with a ruleMap,
 * also that each id exists (with a "did you mean") and its options fit the rule's option specs.
 */
export function validateRuleSettings(rules: Record<string, unknown>, prefix: string, ruleMap: ReadonlyMap<string, Rule> | null, fail: (key: string, message: string) => never): void {
  for (const [id, entry] of Object.entries(rules)) {
    const key = `${prefix}.${id}`;
    const rule = ruleMap?.get(id);
    if (ruleMap && !rule) fail(key, `unknown rule "${id}"${didYouMean(id, [...ruleMap.keys()])}`);
    const severity = Array.isArray(entry) ? entry[0] : entry;
    if (!SEVERITIES.includes(severity as SeveritySetting)) {
      fail(key, `expected "off", "warn" or "error" (or [severity, options]), got ${JSON.stringify(severity) ?? typeName(severity)}`);
    }
    if (Array.isArray(entry)) {
      if (entry.length > 2) fail(key, `expected [severity, options], got an array of ${entry.length}`);
      if (entry.length === 2) {
        if (rule) validateOptions(entry[1], rule, key, fail);
        else if (!isPlainObject(entry[1])) fail(key, `expected options object as the second element, got ${typeName(entry[1])}`);
      }
    }
  }
}

function validateOptions(opts: unknown, rule: Rule, key: string, fail: (key: string, message: string) => never): void {
  if (!isPlainObject(opts)) fail(key, `expected options object as the second element, got ${typeName(opts)}`);
  const specs = rule.meta.options ?? {};
  for (const [name, value] of Object.entries(opts as Record<string, unknown>)) {
    const spec = specs[name];
    const k = `${key}.${name}`;
    if (!spec) {
      const known = Object.keys(specs);
      fail(k, known.length ? `unknown option${didYouMean(name, known)} (options: ${known.join(', ')})` : `unknown option: ${rule.meta.id} takes no options`);
    }
    const problem = checkOption(value, spec!);
    if (problem) fail(k, problem);
  }
}

function checkOption(value: unknown, spec: RuleOptionSpec): string | null {
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number, got ${typeName(value)}`;
      if (spec.min !== undefined && value < spec.min) return `expected a number >= ${spec.min}, got ${value}`;
      if (spec.max !== undefined && value > spec.max) return `expected a number <= ${spec.max}, got ${value}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected a boolean, got ${typeName(value)}`;
    case 'string':
      return typeof value === 'string' ? null : `expected a string, got ${typeName(value)}`;
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : `expected a list of strings, got ${typeName(value)}`;
  }
}

/** ` (did you mean "x"?)` for a close known name, else empty. */
export function didYouMean(input: string, known: readonly string[]): string {
  let best: string | null = null;
  let bestDist = Infinity;
  for (const k of known) {
    const d = levenshtein(input.toLowerCase(), k.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = k;
    }
  }
  return best !== null && bestDist <= Math.max(2, Math.floor(input.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

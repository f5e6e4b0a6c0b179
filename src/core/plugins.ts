// Plugins: ES modules exporting rules with the built-in Rule interface (meta + check), listed in a
// config as `plugins: ["./my-rules.js", "attune-plugin-x"]`. Paths resolve from the config file's
// directory; names from node_modules folders walking up from there, through the package's
// "exports" (import condition), "module" or "main". Rule ids are namespaced like ESLint's:
// `<plugin>/<rule>`, where <plugin> is the package name without its "attune-plugin-" prefix
// ("attune-plugin-x" → "x", "@acme/attune-plugin-tone" → "@acme/tone", "@acme/attune-plugin" →
// "@acme") or, for a file, its base name without extension (and without that prefix). A plugin
// whose export has the wrong shape fails the run (exit 2) with its name and the broken key.
// Loading a plugin runs its code: the README says so, and --no-config-lookup / --config control
// which configs (and so which plugins) load.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AttuneError } from './errors.js';
import { CATEGORIES, type Rule, type RuleOptionSpec } from './types.js';
import type { RuleWithExamples } from './custom-rules.js';
import { importModule } from './import-module.js';

const SEVERITIES = ['off', 'warn', 'error'];
const OPTION_TYPES = ['number', 'boolean', 'string', 'string[]'];
const RULE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export interface LoadedPlugin {
  /** As written in the config. */
  name: string;
  /** The id prefix of its rules. */
  namespace: string;
  /** Resolved module file. */
  file: string;
  version: string | null;
  rules: RuleWithExamples[];
}

function isPathSpecifier(name: string): boolean {
  return name.startsWith('./') || name.startsWith('../') || name.startsWith('/') || isAbsolute(name) || name === '.' || name === '..';
}

/** "attune-plugin-x" → "x", "@acme/attune-plugin-tone" → "@acme/tone", "@acme/attune-plugin" → "@acme", "./team-rules.mjs" → "team-rules". */
export function pluginNamespace(name: string): string {
  if (isPathSpecifier(name)) {
    const base = basename(name, extname(name));
    return base === 'index' ? basename(dirname(resolve(name))).replace(/^attune-plugin-/, '') : base.replace(/^attune-plugin-/, '');
  }
  const m = /^(@[^/]+)\/(.+)$/.exec(name);
  if (m) {
    const rest = m[2]!.replace(/^attune-plugin-?/, '');
    return rest ? `${m[1]}/${rest}` : m[1]!;
  }
  return name.replace(/^attune-plugin-/, '');
}

/** The entry file of a package: exports["."] (import/default condition) → module → main → index.js. */
function packageEntry(dir: string): { file: string; version: string | null } {
  const pkgPath = join(dir, 'package.json');
  let pkg: Record<string, unknown> = {};
  if (existsSync(pkgPath)) pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as Record<string, unknown>;
  const pick = (e: unknown): string | undefined => {
    if (typeof e === 'string') return e;
    if (Array.isArray(e)) return e.map(pick).find(Boolean);
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      if ('.' in o) return pick(o['.']);
      return pick(o.import) ?? pick(o.node) ?? pick(o.default);
    }
    return undefined;
  };
  const entry = pick(pkg.exports) ?? (typeof pkg.module === 'string' ? pkg.module : undefined) ?? (typeof pkg.main === 'string' ? pkg.main : undefined) ?? 'index.js';
  return { file: resolve(dir, entry), version: typeof pkg.version === 'string' ? pkg.version : null };
}

/** The entry file of package `name` installed in a node_modules folder at or above `fromDir`, or null. */
export function resolvePackage(name: string, fromDir: string): { file: string; version: string | null } | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return packageEntry(candidate);
    if (dirname(dir) === dir) return null;
  }
}

function resolvePlugin(name: string, configDir: string): { file: string; version: string | null } | null {
  if (isPathSpecifier(name)) {
    const p = resolve(configDir, name);
    if (!existsSync(p)) return null;
    return statSync(p).isDirectory() ? packageEntry(p) : { file: p, version: null };
  }
  return resolvePackage(name, configDir);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Check one exported rule against the Rule contract; returns the first problem, or null. */
export function ruleShapeProblem(rule: unknown): string | null {
  if (typeof rule !== 'object' || rule === null) return `expected a rule object {meta, check}, got ${typeName(rule)}`;
  const r = rule as Record<string, unknown>;
  if (typeof r.check !== 'function') return `check: expected a function, got ${typeName(r.check)}`;
  const meta = r.meta as Record<string, unknown> | undefined;
  if (typeof meta !== 'object' || meta === null) return `meta: expected an object, got ${typeName(meta)}`;
  if (typeof meta.id !== 'string' || meta.id === '') return `meta.id: expected a non-empty string, got ${typeName(meta.id)}`;
  if (!CATEGORIES.includes(meta.category as never)) return `meta.category: expected ${CATEGORIES.map((c) => `"${c}"`).join(', ')}, got ${JSON.stringify(meta.category) ?? 'undefined'}`;
  if (!SEVERITIES.includes(meta.defaultSeverity as string)) return `meta.defaultSeverity: expected "off", "warn" or "error", got ${JSON.stringify(meta.defaultSeverity) ?? 'undefined'}`;
  if (typeof meta.description !== 'string' || meta.description === '') return `meta.description: expected a non-empty string, got ${typeName(meta.description)}`;
  if (typeof meta.messages !== 'object' || meta.messages === null || Array.isArray(meta.messages)) return `meta.messages: expected an object of messageId → template, got ${typeName(meta.messages)}`;
  for (const [k, v] of Object.entries(meta.messages)) if (typeof v !== 'string') return `meta.messages.${k}: expected a string, got ${typeName(v)}`;
  for (const k of ['fixable', 'hasSuggestions', 'requiresContext']) {
    if (meta[k] !== undefined && typeof meta[k] !== 'boolean') return `meta.${k}: expected a boolean, got ${typeName(meta[k])}`;
  }
  if (meta.docs !== undefined && typeof meta.docs !== 'string') return `meta.docs: expected a string, got ${typeName(meta.docs)}`;
  if (meta.options !== undefined) {
    if (typeof meta.options !== 'object' || meta.options === null) return `meta.options: expected an object, got ${typeName(meta.options)}`;
    for (const [k, spec] of Object.entries(meta.options as Record<string, RuleOptionSpec>)) {
      if (typeof spec !== 'object' || spec === null || !OPTION_TYPES.includes(spec.type)) return `meta.options.${k}.type: expected ${OPTION_TYPES.map((t) => `"${t}"`).join(', ')}`;
      if (!('default' in spec)) return `meta.options.${k}.default: missing`;
    }
  }
  if (r.examples !== undefined) {
    const ex = r.examples as Record<string, unknown>;
    for (const k of ['flag', 'pass']) {
      if (ex?.[k] !== undefined && !(Array.isArray(ex[k]) && (ex[k] as unknown[]).every((t) => typeof t === 'string'))) return `examples.${k}: expected a list of strings`;
    }
  }
  return null;
}

/**
 * Load the `plugins` of one config file. `where(i)` names the key for errors (`.attunerc.yaml:
 * plugins[0]`); `reserved` maps ids already taken to what took them.
 */
export async function loadPlugins(
  names: readonly string[],
  configFile: string,
  where: (i: number) => string,
  reserved: ReadonlyMap<string, string>,
  opts: {
    display?: (absPath: string) => string;
    /** Already resolved module files (rebuilding rules in a worker). */
    files?: readonly string[];
    /** Module files already loaded for this config (via another extended file): skipped, not an id clash. */
    seen?: Set<string>;
  } = {},
): Promise<LoadedPlugin[]> {
  const display = opts.display ?? ((p: string) => p);
  const taken = new Map(reserved);
  const out: LoadedPlugin[] = [];
  for (const [i, name] of names.entries()) {
    const fail = (message: string, cause?: unknown): never => {
      throw new AttuneError('config', `plugin "${name}": ${message}`, where(i), cause ? { cause } : undefined);
    };
    const given = opts.files?.[i];
    const found = given ? { file: given, version: null } : resolvePlugin(name, dirname(configFile));
    if (!found) fail(isPathSpecifier(name) ? `file not found (relative to ${dirname(configFile)})` : 'not found in node_modules (install it next to the config, or give a path like "./my-rules.js")');
    const { file, version } = found!;
    if (opts.seen?.has(file)) continue;
    opts.seen?.add(file);
    let mod: Record<string, unknown>;
    try {
      mod = await importModule(pathToFileURL(file).href);
    } catch (err) {
      return fail(`cannot load ${file}: ${(err as Error).message?.split('\n')[0] ?? String(err)}`, err);
    }
    const exported = (mod.rules ?? (mod.default as Record<string, unknown> | undefined)?.rules) as unknown;
    if (exported === undefined) fail('expected the module to export `rules` (an array of rules, or an object of rule name → rule)');
    const namespace = pluginNamespace(name);
    const list: Array<[string, unknown]> = Array.isArray(exported)
      ? exported.map((r, j) => [`rules[${j}]`, r])
      : typeof exported === 'object' && exported !== null
        ? Object.entries(exported).map(([k, r]) => [`rules.${k}`, r])
        : fail(`rules: expected an array or an object, got ${typeName(exported)}`);
    const rules: RuleWithExamples[] = [];
    for (const [key, r] of list) {
      const problem = ruleShapeProblem(r);
      if (problem) fail(`${key}: ${problem}`);
      const rule = r as RuleWithExamples;
      // Map form: the key is the rule's name; array form: meta.id is. Either may already carry the namespace.
      const short = Array.isArray(exported) ? rule.meta.id : key.slice('rules.'.length);
      const bare = short.startsWith(`${namespace}/`) ? short.slice(namespace.length + 1) : short;
      if (!RULE_NAME.test(bare)) fail(`${key}: rule name "${bare}" must be lowercase letters, digits and hyphens`);
      const id = `${namespace}/${bare}`;
      const owner = taken.get(id);
      if (owner) fail(`${key}: rule id "${id}" is already used by ${owner}`);
      taken.set(id, `plugin "${name}"`);
      rules.push({
        meta: { ...rule.meta, id, docs: rule.meta.docs ?? display(file), fixable: rule.meta.fixable ?? false, hasSuggestions: rule.meta.hasSuggestions ?? false },
        check: (ctx) => rule.check(ctx),
        ...(rule.examples ? { examples: rule.examples } : {}),
      } satisfies Rule & { examples?: RuleWithExamples['examples'] });
    }
    out.push({ name, namespace, file, version, rules });
  }
  return out;
}

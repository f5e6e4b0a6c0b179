// Per-folder settings: `overrides: [{ files: "billing/**", rules: {…} }]`. Globs are matched with
// picomatch against the file's path relative to the directory of the config file in use (also
// for overrides that come from a file it extends, as ESLint does: a shared base config's
// "billing/**" means the billing folder of the project using it); a glob without a slash matches
// the file name at any depth, as in ESLint's overrides.
// Every matching override applies, in order, so later entries win.

import { isAbsolute, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { defaultOptions, type ResolvedConfig } from './linter.js';
import { mergeVocabulary, type VocabularySettings } from './vocabulary.js';
import type { CrisisResource, Rule, SeveritySetting } from './types.js';

export type RuleEntryInput = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];

export interface ResolvedOverride {
  /** Absolute directory the globs are relative to (the directory of the config file in use). */
  base: string;
  files: string[];
  excludedFiles: string[];
  rules?: Record<string, RuleEntryInput>;
  vocabulary?: VocabularySettings;
  crisis?: { resources?: CrisisResource[]; available24x7?: boolean };
  escalation?: { team?: string };
  /** `config.yaml: overrides[1]`, for --debug. */
  source: string;
}

const matcherCache = new WeakMap<ResolvedOverride, (rel: string) => boolean>();

function matcher(o: ResolvedOverride): (rel: string) => boolean {
  let m = matcherCache.get(o);
  if (!m) {
    // picomatch's own `basename` option also reroutes patterns with slashes; anchor by hand instead.
    const anchored = (globs: string[]) => globs.map((g) => (g.includes('/') ? g.replace(/^\.\//, '') : `**/${g}`));
    const opts = { dot: true };
    const include = picomatch(anchored(o.files), opts);
    const exclude = o.excludedFiles.length ? picomatch(anchored(o.excludedFiles), opts) : () => false;
    m = (rel) => include(rel) && !exclude(rel);
    matcherCache.set(o, m);
  }
  return m;
}

export function overrideMatches(o: ResolvedOverride, absPath: string): boolean {
  const rel = relative(o.base, absPath);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
  return matcher(o)(rel.split(sep).join('/'));
}

/** Apply a `rules` block onto config.rules with the same merge as a config layer. */
export function applyRuleEntries(config: ResolvedConfig, entries: Record<string, RuleEntryInput>, ruleMap: ReadonlyMap<string, Rule>): void {
  for (const [id, entry] of Object.entries(entries)) {
    const rule = ruleMap.get(id);
    if (!rule) continue; // validated when the layer was loaded
    const severity = Array.isArray(entry) ? entry[0] : entry;
    const prev = config.rules[id];
    const options = Array.isArray(entry) && entry[1] ? { ...defaultOptions(rule), ...entry[1] } : (prev?.options ?? defaultOptions(rule));
    config.rules[id] = { severity, options };
  }
}

const perConfig = new WeakMap<ResolvedConfig, Map<string, ResolvedConfig>>();

/**
 * The config for one file: `config` with every matching override applied. Files matching the same
 * overrides share one object, so caches keyed by config identity keep working.
 */
export function configForFile(config: ResolvedConfig, absPath: string | null, ruleMap: ReadonlyMap<string, Rule>): ResolvedConfig {
  const overrides = (config as { overrides?: ResolvedOverride[] }).overrides;
  if (!overrides?.length || !absPath) return config;
  const matched = overrides.map((o, i) => (overrideMatches(o, absPath) ? i : -1)).filter((i) => i >= 0);
  const key = matched.join(',');
  let cache = perConfig.get(config);
  if (!cache) perConfig.set(config, (cache = new Map()));
  let out = cache.get(key);
  if (!out) {
    out = structuredClone({ ...config, overrides: undefined }) as ResolvedConfig;
    delete (out as { overrides?: unknown }).overrides;
    for (const i of matched) {
      const o = overrides[i]!;
      if (o.rules) applyRuleEntries(out, o.rules, ruleMap);
      if (o.vocabulary) (out.settings as { vocabulary?: VocabularySettings }).vocabulary = mergeVocabulary((out.settings as { vocabulary?: VocabularySettings }).vocabulary, o.vocabulary);
      if (o.crisis?.resources) out.settings.crisis.resources = o.crisis.resources.map((r) => ({ ...r }));
      if (o.crisis?.available24x7 !== undefined) out.settings.crisis.available24x7 = o.crisis.available24x7;
      if (o.escalation?.team !== undefined) out.settings.escalation.team = o.escalation.team;
    }
    cache.set(key, out);
  }
  return out;
}

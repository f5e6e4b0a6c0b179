// The config keys that make attune a team's own — plugins, customRules, vocabulary, overrides and
// ignores — applied for one config layer. ConfigLoader.apply calls applyLayerExtras after a
// layer's `extends` are applied and before its `rules`, so a file can configure the rules it (or
// what it extends) defines, and every id is checked against the rules that exist at that point.

import { dirname } from 'node:path';
import { AttuneError } from './errors.js';
import { defaultOptions, type ResolvedConfig } from './linter.js';
import { compileCustomRule, loadCustomRules, type CustomRuleSpec } from './custom-rules.js';
import { loadPlugins } from './plugins.js';
import { mergeVocabulary, normalizeVocabulary, vocabularyRule, type VocabularySettings } from './vocabulary.js';
import type { IgnoreLayer } from './ignore.js';
import type { ResolvedOverride, RuleEntryInput } from './overrides.js';
import type { CrisisResource, Rule } from './types.js';

/** The rules that exist while one config is resolved: the base rules, then plugin and custom rules as layers add them. */
export class RuleRegistry {
  readonly rules: Rule[] = [];
  readonly map = new Map<string, Rule>();
  /** id → what defined it, for collision messages. */
  readonly owners = new Map<string, string>();
  /**
   * What `overrides` and `ignores` globs are relative to: the directory of the config file in use,
   * also for the files it extends (as ESLint does), so a shared base config's "billing/**" means
   * the billing folder of the project that uses it.
   */
  baseDir: string | null = null;
  /** Plugin modules and rule files already loaded: a diamond of extends loads each once. */
  readonly seenFiles = new Set<string>();

  constructor(base: readonly Rule[]) {
    for (const r of base) this.add(r, r.meta.id === vocabularyRule.meta.id ? 'the vocabulary rule' : 'a built-in rule');
    if (!this.map.has(vocabularyRule.meta.id)) this.add(vocabularyRule, 'the vocabulary rule');
  }

  add(rule: Rule, owner: string): void {
    this.rules.push(rule);
    this.map.set(rule.meta.id, rule);
    this.owners.set(rule.meta.id, owner);
  }
}

export interface LayerExtras {
  rules?: Record<string, unknown>;
  overrides?: Array<{
    files: string | string[];
    excludedFiles?: string | string[];
    rules?: Record<string, RuleEntryInput>;
    vocabulary?: { accept?: string[]; reject?: Array<string | { phrase?: string; pattern?: string; suggestion?: string; message?: string }> };
    crisis?: { resources?: CrisisResource[]; available24x7?: boolean };
    escalation?: { team?: string };
  }>;
  ignores?: string[];
  vocabulary?: { accept?: string[]; reject?: Array<string | { phrase?: string; pattern?: string; suggestion?: string; message?: string }> };
  customRules?: unknown[];
  plugins?: string[];
}

export interface LayerContext {
  registry: RuleRegistry;
  /** Absolute path of the config file, or null for a preset. */
  filepath: string | null;
  /** How the layer is named in errors (a display path or a preset name). */
  label: string;
  display(absPath: string): string;
  /** Checks a rules block (ids and options) against the registry; `prefix` is its key path. */
  validateRules(rules: Record<string, unknown>, prefix: string): void;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export async function applyLayerExtras(config: ResolvedConfig, input: LayerExtras, ctx: LayerContext): Promise<void> {
  const { registry, filepath, label } = ctx;
  const needsFile = (key: string) => {
    if (!filepath) throw new AttuneError('config', `${key} can only be set in a config file`, `${label}: ${key}`);
    return filepath;
  };
  const enable = (rule: Rule) => {
    config.rules[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: defaultOptions(rule) };
  };
  if (input.plugins?.length) {
    const file = needsFile('plugins');
    const plugins = await loadPlugins(input.plugins, file, (i) => `${label}: plugins[${i}]`, registry.owners, { display: ctx.display, seen: registry.seenFiles });
    for (const p of plugins) {
      for (const rule of p.rules) {
        registry.add(rule, `plugin "${p.name}"`);
        enable(rule);
      }
    }
    // Part of what shapes results (the --cache key hashes the resolved config).
    config.plugins = [...(config.plugins ?? []), ...plugins.map((p) => ({ name: p.name, file: p.file, version: p.version, rules: p.rules.map((r) => r.meta.id) }))];
  }
  if (input.customRules?.length) {
    const file = needsFile('customRules');
    const rules = await loadCustomRules({ entries: input.customRules, configFile: file, display: ctx.display, reserved: registry.owners, seen: registry.seenFiles });
    for (const rule of rules) {
      registry.add(rule, `the custom rule defined in ${rule.meta.docs}`);
      enable(rule);
    }
    config.customRules = [...(config.customRules ?? []), ...rules.map((r) => ({ id: r.meta.id, definedIn: r.meta.docs, definition: r.spec }))];
  }
  if (input.rules !== undefined) ctx.validateRules(input.rules as Record<string, unknown>, 'rules');
  if (input.vocabulary) {
    const vocab = normalizeVocabulary(input.vocabulary, `${label}: vocabulary`);
    (config.settings as { vocabulary?: VocabularySettings }).vocabulary = mergeVocabulary((config.settings as { vocabulary?: VocabularySettings }).vocabulary, vocab);
  }
  if (input.ignores?.length) {
    const file = needsFile('ignores');
    config.ignores = [...(config.ignores ?? []), { base: registry.baseDir ?? dirname(file), patterns: [...input.ignores], source: `${label}: ignores` }];
  }
  if (input.overrides?.length) {
    const file = needsFile('overrides');
    const resolved: ResolvedOverride[] = input.overrides.map((o, i) => {
      if (o.rules) ctx.validateRules(o.rules, `overrides[${i}].rules`);
      return {
        base: registry.baseDir ?? dirname(file),
        files: list(o.files),
        excludedFiles: list(o.excludedFiles),
        ...(o.rules ? { rules: o.rules } : {}),
        ...(o.vocabulary ? { vocabulary: normalizeVocabulary(o.vocabulary, `${label}: overrides[${i}].vocabulary`) } : {}),
        ...(o.crisis ? { crisis: o.crisis } : {}),
        ...(o.escalation ? { escalation: o.escalation } : {}),
        source: `${label}: overrides[${i}]`,
      };
    });
    config.overrides = [...(config.overrides ?? []), ...resolved];
  }
}

/** .attuneignore files: the one at the project root and the one beside the config file in use. */
export function ignoreFileLayers(projectRoot: string, configFile: string | null, read: (dir: string) => IgnoreLayer | null): IgnoreLayer[] {
  const dirs = [projectRoot];
  if (configFile && dirname(configFile) !== projectRoot) dirs.push(dirname(configFile));
  return dirs.map(read).filter((l): l is IgnoreLayer => l !== null);
}

/**
 * The rules a resolved config runs, rebuilt from the config's JSON alone: the base rules,
 * `vocabulary`, its plugins (from their resolved files) and its custom rules (from their
 * definitions). For worker threads, which receive configs as plain data: without this they would
 * silently run the built-ins only.
 */
export async function rulesFromConfig(config: ResolvedConfig, base: readonly Rule[]): Promise<Rule[]> {
  const registry = new RuleRegistry(base);
  for (const p of config.plugins ?? []) {
    const [loaded] = await loadPlugins([p.name], p.file, () => `plugin ${p.name}`, registry.owners, { files: [p.file] });
    for (const rule of loaded!.rules) registry.add(rule, `plugin "${p.name}"`);
  }
  for (const c of config.customRules ?? []) {
    registry.add(compileCustomRule(c.definition as CustomRuleSpec, c.definedIn, [], () => c.definedIn, registry.owners), c.definedIn);
  }
  return registry.rules;
}

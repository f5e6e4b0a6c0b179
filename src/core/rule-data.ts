// Rule data lives in rules/<id>.yaml beside the package so team leads can read and extend it.
// It is parsed once per process and only for rules that run.

import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { RuleData } from './types.js';
import { primeRequirements } from '../checks/prefilter.js';

/** The package root (where rules/ and package.json live), from dist/core or src/core. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RULES_DIR = join(PACKAGE_ROOT, 'rules');

const loaded = new Map<string, RuleData>();

export function ruleDataPath(id: string): string {
  return join(RULES_DIR, `${id}.yaml`);
}

export function loadRuleData(id: string): RuleData {
  let data = loaded.get(id);
  if (data) return data;
  const path = ruleDataPath(id);
  if (!existsSync(path)) {
    data = {};
  } else {
    const text = readFileSync(path, 'utf8');
    // `npm run build` parses the YAML ahead of time (scripts/build.mjs); an entry counts only
    // while the YAML is unchanged, so edited rule data is always read from the YAML itself.
    const pre = precompiled()?.[id];
    if (pre && pre.yaml === text) {
      loaded.set(id, pre.data);
      return pre.data;
    }
    const { parse } = requireHere('yaml') as typeof import('yaml');
    const doc = parse(text, { prettyErrors: true });
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new Error(`${path}: expected a mapping at the top level`);
    }
    data = doc as RuleData;
  }
  loaded.set(id, data);
  return data;
}

const requireHere = createRequire(import.meta.url);
let precompiledData: Record<string, { yaml: string; data: RuleData }> | null | undefined;

interface PrecompiledFile {
  rules: Record<string, { yaml: string; data: RuleData }>;
  /** Literal prefilters of the shipped phrase patterns (see src/checks/prefilter.ts). */
  prefilter?: { version: number; needs: Record<string, string> };
}

function precompiled(): Record<string, { yaml: string; data: RuleData }> | null {
  if (precompiledData === undefined) {
    try {
      const file = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist', 'rule-data.json'), 'utf8')) as PrecompiledFile;
      precompiledData = file.rules;
      primeRequirements(file.prefilter?.version, file.prefilter?.needs);
    } catch {
      precompiledData = null;
    }
  }
  return precompiledData;
}

// Rule data lives in rules/<id>.yaml beside the package so team leads can read and extend it.
// It is parsed once per process and only for rules that run.

import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { RuleData } from './types.js';

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
    const doc = parse(readFileSync(path, 'utf8'), { prettyErrors: true });
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new Error(`${path}: expected a mapping at the top level`);
    }
    data = doc as RuleData;
  }
  loaded.set(id, data);
  return data;
}

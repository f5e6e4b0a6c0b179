// Runs every fixture under fixtures/<rule-id>/ and demands exact agreement with its carets:
// no missing finding, no extra one, same span, same messageId when the caret names one.
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { lintUnit, defaultConfig, builtinRules } from '../src/index.js';
import { formatFromPath } from '../src/core/document.js';
import { listFixtures, parseFixture } from './helpers/fixtures.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures');

describe('fixtures', () => {
  const ids = builtinRules.map((r) => r.meta.id);
  for (const id of ids) {
    const dir = join(ROOT, id);
    if (!existsSync(dir)) continue;
    describe(id, () => {
      for (const path of listFixtures(dir)) {
        const fx = parseFixture(path);
        it(basename(path), () => {
          const config = defaultConfig();
          const enabled = fx.rules ?? [basename(dirname(path))];
          for (const [rid, setting] of Object.entries(config.rules)) {
            if (!enabled.includes(rid)) setting.severity = 'off';
            else if (setting.severity === 'off') setting.severity = 'warn';
          }
          if (fx.config) Object.assign(config.settings, fx.config);
          const result = lintUnit(
            { text: fx.text, file: path, format: formatFromPath(path) },
            { config, context: fx.context ? { text: fx.context, file: 'context' } : null },
          );
          const actual = result.findings.map((f) => ({
            rule: f.rule,
            messageId: f.messageId,
            range: f.range,
            text: f.text,
          }));
          const expected = fx.expectations.map((e) => ({
            rule: e.rule,
            messageId: e.messageId ?? actual.find((a) => a.rule === e.rule && a.range[0] === e.range[0] && a.range[1] === e.range[1])?.messageId ?? '(any)',
            range: e.range,
            text: fx.text.slice(e.range[0], e.range[1]),
          }));
          if (fx.kind === 'ok') expect(fx.expectations, 'ok-* fixtures carry no carets').toEqual([]);
          if (fx.kind === 'not-ok') expect(fx.expectations.length, 'not-ok-* fixtures carry a caret').toBeGreaterThan(0);
          expect(actual).toEqual(expected);
        });
      }
    });
  }
});

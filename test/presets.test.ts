// The shipped presets resolve through the real config loader, the way a user's `extends` does.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigLoader, validateConfig } from '../src/core/config.js';
import { presets } from '../src/core/presets.js';
import { builtinRules, builtinRuleMap } from '../src/rules/index.js';
import { lint } from '../src/index.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function resolveWith(config: object) {
  const root = mkdtempSync(join(tmpdir(), 'attune-presets-'));
  roots.push(root);
  writeFileSync(join(root, '.attunerc.json'), JSON.stringify(config));
  const loader = new ConfigLoader({ cwd: root });
  return (await loader.forFile(join(root, 'draft.txt'))).config;
}

describe('presets', () => {
  it('all validate against the built-in rules', () => {
    for (const [name, preset] of Object.entries(presets)) expect(() => validateConfig(preset, name, builtinRuleMap)).not.toThrow();
  });

  it('attune:strict turns every warning into an error and leaves off rules off', async () => {
    const config = await resolveWith({ extends: 'attune:strict' });
    for (const r of builtinRules) {
      const expected = r.meta.defaultSeverity === 'off' ? 'off' : 'error';
      expect(config.rules[r.meta.id]?.severity, r.meta.id).toBe(expected);
    }
  });

  it('a user rule after attune:strict still wins', async () => {
    const config = await resolveWith({ extends: 'attune:strict', rules: { 'over-apology': 'warn' } });
    expect(config.rules['over-apology']?.severity).toBe('warn');
  });

  it('attune:mental-health makes the care-critical rules errors and escalates to the clinical team', async () => {
    const config = await resolveWith({ extends: 'attune:mental-health' });
    expect(config.rules['surrogate-therapist']?.severity).toBe('error');
    expect(config.rules['prying-question']?.severity).toBe('error');
    expect(config.rules['crisis-response']?.severity).toBe('error');
    expect(config.rules['over-apology']?.severity).toBe(builtinRuleMap.get('over-apology')!.meta.defaultSeverity);
    expect(config.settings.escalation.team).toBe('our clinical team');
  });

  it('attune:crisis ships crisis lines for several regions and combines with a rule preset', async () => {
    const config = await resolveWith({ extends: ['attune:mental-health', 'attune:crisis'] });
    const regions = new Set(config.settings.crisis.resources.map((r) => r.region));
    for (const region of ['US', 'UK/IE', 'AU', 'international']) expect(regions.has(region), region).toBe(true);
    expect(config.settings.crisis.resources.some((r) => /988/.test(r.contact))).toBe(true);
    expect(config.settings.crisis.available24x7).toBe(false);
    expect(config.settings.escalation.team).toBe('our clinical team');
  });

  it('the mental-health escalation team shows up in crisis-response suggestions', async () => {
    const config = await resolveWith({ extends: ['attune:mental-health', 'attune:crisis'] });
    const result = lint({ draft: 'Hi Sam,\n\nYour plan is cancelled.', context: "I won't be around much longer." }, { config });
    const escalation = result.findings.find((f) => f.messageId === 'noEscalation');
    expect(escalation?.severity).toBe('error');
    expect(escalation?.suggestions[0]?.text).toContain('our clinical team');
    const resource = result.findings.find((f) => f.messageId === 'noResource');
    expect(resource?.suggestions[0]?.text).toContain('911');
  });

  it('a configured resource from attune:crisis counts as a resource', async () => {
    const config = await resolveWith({ extends: ['attune:mental-health', 'attune:crisis'] });
    const result = lint(
      { draft: 'Hi Sam,\n\nPlease text SHOUT to 85258 now. Our clinical team will call you today.', context: 'Everyone would be better off without me.' },
      { config },
    );
    expect(result.findings.filter((f) => f.rule === 'crisis-response')).toEqual([]);
  });
});

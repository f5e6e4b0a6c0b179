// `attune init`: a starter `.attunerc.yaml` from two or three answers: the kind of team (general
// support, or a mental-health service, which gets attune:mental-health and may add the regional
// crisis lines of attune:crisis) and the strictness (attune:recommended, or attune:strict where
// warnings become errors for CI gates). Flags answer the questions (`--team`, `--strictness`,
// `--crisis-lines`) and `--yes` takes the default for anything not given, so it runs unattended.
// An existing config is never overwritten without --force. Answers are read with node:readline
// from stdin (see stdinLines in fix.ts), so piping them in works the same as typing them.

import { Option, type Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AttuneError } from '../../core/errors.js';
import type { CommandIO } from '../io.js';

type Team = 'general' | 'mental-health';
type Strictness = 'recommended' | 'strict';

interface InitFlags {
  team?: Team;
  strictness?: Strictness;
  crisisLines?: boolean;
  yes?: boolean;
  force?: boolean;
}

export const INIT_FILE = '.attunerc.yaml';

export function register(program: Command, io: CommandIO): void {
  program
    .command('init')
    .description(`write a starter ${INIT_FILE} after asking about your team and how strict to be`)
    .addOption(new Option('--team <type>', 'general support or a mental-health service').choices(['general', 'mental-health']))
    .addOption(new Option('--strictness <level>', 'recommended (warnings) or strict (warnings become errors, for CI)').choices(['recommended', 'strict']))
    .option('--crisis-lines', 'mental-health teams: add crisis lines for several regions (attune:crisis)')
    .option('--no-crisis-lines', 'mental-health teams: keep the short built-in crisis list')
    .option('-y, --yes', 'do not ask: use the defaults for anything not given (general, recommended)')
    .option('--force', `overwrite an existing ${INIT_FILE}`)
    .action(async (flags: InitFlags) => {
      await init(flags, io);
    });
}

export interface InitAnswers {
  team: Team;
  strictness: Strictness;
  crisisLines: boolean;
}

/** The config text for a set of answers: presets, plus comments that show where to go next. */
export async function configFor(answers: InitAnswers): Promise<{ text: string; extends: string[]; rules: Record<string, string> }> {
  const { builtinRules } = await import('../../rules/index.js');
  const ext: string[] = [];
  const rules: Record<string, string> = {};
  if (answers.team === 'mental-health') {
    ext.push('attune:mental-health');
    if (answers.crisisLines) ext.push('attune:crisis');
    // attune:strict extends attune:recommended, which would reset the mental-health errors; so the
    // strict part is written out instead: every rule that warns by default becomes an error.
    if (answers.strictness === 'strict') for (const r of builtinRules) if (r.meta.defaultSeverity === 'warn') rules[r.meta.id] = 'error';
  } else {
    ext.push(answers.strictness === 'strict' ? 'attune:strict' : 'attune:recommended');
  }
  const example = builtinRules[0]?.meta.id ?? 'over-apology';
  const lines = [
    `# attune config, written by \`attune init\` (${answers.team === 'mental-health' ? 'mental-health service' : 'general support'}, ${answers.strictness}).`,
    '# Every key is described in the README ("Configuration"); `attune rules` shows what is enabled.',
    ext.length === 1 ? `extends: ${ext[0]}` : `extends:\n${ext.map((e) => `  - ${e}`).join('\n')}`,
  ];
  const entries = Object.entries(rules);
  if (entries.length) {
    lines.push('# strict: rules that warn by default are errors, so a CI run fails on them', 'rules:');
    for (const [id, sev] of entries) lines.push(`  ${id}: ${sev}`);
  } else {
    lines.push('# rules:', `#   ${example}: error      # "off" | "warn" | "error"`);
  }
  if (answers.team === 'mental-health') {
    lines.push(
      '# Who takes over when a reply hands off (attune:mental-health says "our clinical team"):',
      '# escalation:',
      '#   team: our clinical team',
    );
  }
  lines.push(
    '# Crisis lines offered when a customer may be at risk; check them for the regions you serve:',
    '# crisis:',
    '#   available24x7: false',
    '#   resources:',
    '#     - { name: 988 Suicide & Crisis Lifeline, contact: call or text 988, region: US }',
  );
  return { text: `${lines.join('\n')}\n`, extends: ext, rules };
}

async function init(flags: InitFlags, io: CommandIO): Promise<void> {
  const { SEARCH_PLACES, validateConfig } = await import('../../core/config.js');
  const { builtinRuleMap } = await import('../../rules/index.js');
  const target = join(io.cwd, INIT_FILE);
  // Any config in this directory would already apply; a second one would silently lose or win.
  const existing = SEARCH_PLACES.filter((place) => {
    const p = join(io.cwd, place);
    if (!existsSync(p)) return false;
    if (place !== 'package.json') return true;
    try {
      return (JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>).attune !== undefined;
    } catch {
      return false;
    }
  });
  if (existing.length && !flags.force) {
    throw new AttuneError('usage', `a config already exists here (${existing.join(', ')}); use --force to write ${INIT_FILE} anyway`, 'init');
  }

  const answers = await ask(flags, io);
  const { text, extends: ext, rules } = await configFor(answers);
  // What init writes must load: validate it like any config file before it reaches the disk.
  validateConfig({ extends: ext, rules }, INIT_FILE, builtinRuleMap);
  const { writeFileAtomic } = await import('../../core/atomic-write.js');
  try {
    await writeFileAtomic(target, text);
  } catch (err) {
    throw new AttuneError('input', `cannot write the config (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, INIT_FILE);
  }
  io.stdout.write(`Wrote ${INIT_FILE} (extends ${ext.join(', ')}${Object.keys(rules).length ? `, ${Object.keys(rules).length} rules set to error` : ''}).\n`);
  const before = SEARCH_PLACES.indexOf(INIT_FILE);
  const shadowing = existing.filter((p) => p !== INIT_FILE && SEARCH_PLACES.indexOf(p) < before);
  if (shadowing.length) io.stderr.write(`attune: note: ${shadowing.join(', ')} takes precedence over ${INIT_FILE}; remove it for the new config to apply\n`);
  io.stdout.write('Next: attune rules (what is enabled), attune reply.txt (lint a draft), attune explain <rule>.\n');
}

async function ask(flags: InitFlags, io: CommandIO): Promise<InitAnswers> {
  let team = flags.team;
  let strictness = flags.strictness;
  let crisisLines = flags.crisisLines;
  const needed = !team || !strictness || (team === 'mental-health' && crisisLines === undefined);
  if (flags.yes || !needed) {
    team ??= 'general';
    return { team, strictness: strictness ?? 'recommended', crisisLines: team === 'mental-health' ? (crisisLines ?? true) : false };
  }
  const { stdinLines } = await import('./fix.js');
  const { lines, close } = await stdinLines(io);
  const question = async <T>(prompt: string, choices: Array<[T, string]>, fallback: T): Promise<T> => {
    io.stdout.write(`${prompt}\n${choices.map(([, label], i) => `  ${i + 1}) ${label}`).join('\n')}\n`);
    for (;;) {
      io.stdout.write(`Choose 1-${choices.length} [${choices.findIndex(([v]) => v === fallback) + 1}]: `);
      const next = await lines.next();
      if (next.done) {
        io.stdout.write('\n');
        throw new AttuneError('usage', 'no answer on stdin; give --team and --strictness, or --yes for the defaults', 'init');
      }
      // Piped answers are not echoed by a terminal; show them so the transcript reads like a session.
      if (!io.isTTY.stdin) io.stdout.write(`${next.value}\n`);
      const a = next.value.trim().toLowerCase();
      if (a === '') return fallback;
      const n = Number(a);
      if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1]![0];
      const byName = choices.find(([v, label]) => String(v) === a || label.toLowerCase().startsWith(a));
      if (byName) return byName[0];
      io.stdout.write(`  please answer with a number from 1 to ${choices.length}\n`);
    }
  };
  try {
    team ??= await question<Team>('Which team will use attune?', [['general', 'general customer support'], ['mental-health', 'a mental-health or care service']], 'general');
    strictness ??= await question<Strictness>('How strict should it be?', [['recommended', 'recommended: findings are mostly warnings'], ['strict', 'strict: warnings become errors (fails CI)']], 'recommended');
    if (team === 'mental-health' && crisisLines === undefined) {
      crisisLines = await question<boolean>('Offer crisis lines for several regions (US, CA, UK/IE, AU, NZ, DE) rather than a short default list?', [[true, 'yes, several regions'], [false, 'no, I will list ours in the config']], true);
    }
  } finally {
    close();
  }
  return { team, strictness, crisisLines: team === 'mental-health' ? (crisisLines ?? true) : false };
}

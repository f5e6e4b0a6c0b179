// Runs attune over corpus records and keeps only what the measures need: per-rule finding counts,
// the score and the context signals. Finding text is kept only when asked (--hits, terminal only).

import { lint, builtinRules, defaultConfig, scoreFindings } from '../index.js';
import type { ResolvedConfig, Rule } from '../index.js';
import { parseDocument } from '../core/document.js';
import { acknowledgementSpans } from '../checks/acknowledgement.js';
import { analyzeContext } from '../core/linter.js';
import type { SignalType } from '../core/types.js';
import type { CorpusRecord } from './corpus.js';

export type TaskKind = 'lint' | 'signals';

export interface Task {
  /** Index of the record in the corpus (outcomes come back keyed by it). */
  index: number;
  kind: TaskKind;
  id: string;
  text: string;
  context: string;
}

export interface Hit {
  /** Rule id, or `signal:<type>` for a signal in a customer's message (messageId then holds the cue). */
  rule: string;
  messageId: string;
  message: string;
  /** The source text the finding covers; never written to a file. */
  text: string;
  line: number;
  column: number;
}

export interface Outcome {
  index: number;
  kind: TaskKind;
  /** Reply score (lint tasks only). */
  score: number | null;
  /** Rule id -> number of findings. */
  fired: Record<string, number>;
  /** `rule/messageId` -> number of findings (which kind of finding drives a rate). */
  messages?: Record<string, number>;
  /** Signal types found in the customer's message (the record itself for signals tasks, its context for lint tasks). */
  signals: SignalType[];
  /** The reply acknowledges the customer's situation or feelings (the check empathy rules share); lint tasks only. */
  acknowledges: boolean | null;
  hits?: Hit[];
  /** A rule or the detector crashed on this record. */
  error?: string;
}

export function toTask(r: CorpusRecord, index: number, kind: TaskKind): Task {
  return { index, kind, id: r.id, text: r.text, context: r.context };
}

function uniqueTypes(signals: readonly { type: SignalType }[]): SignalType[] {
  return [...new Set(signals.map((s) => s.type))].sort();
}

export interface RunOptions {
  /** Keep each finding's text and position (for --hits). */
  keepHits?: boolean;
  /** Run only these rules (faster when a developer looks at one rule); all built-ins when absent. */
  ruleIds?: readonly string[];
  /** Rules to measure instead of the built-ins (plugins, or rules under test). */
  rules?: readonly Rule[];
  /** Filled with milliseconds spent in each rule's check, and in everything else under `(total)`. */
  timings?: Record<string, number>;
}

/** Wrap each rule so the time spent in its check is added to `timings` (rule meta stays the same object). */
function timed(rules: readonly Rule[], timings: Record<string, number>): Rule[] {
  return rules.map((rule) => ({
    meta: rule.meta,
    check(ctx) {
      const t0 = performance.now();
      try {
        rule.check(ctx);
      } finally {
        timings[rule.meta.id] = (timings[rule.meta.id] ?? 0) + performance.now() - t0;
      }
    },
  }));
}

interface Setup {
  rules: readonly Rule[];
  /** Every selected rule switched on, so rules that are off by default are measured too. */
  config: ResolvedConfig;
  /** Rules on by default: the score is computed from their findings only, as a user would see it. */
  scored: ReadonlySet<string>;
}

function setup(options: RunOptions): Setup {
  const { ruleIds } = options;
  let rules: readonly Rule[] = options.rules ?? builtinRules;
  if (ruleIds) {
    const all = rules;
    const unknown = ruleIds.filter((id) => !all.some((r) => r.meta.id === id));
    if (unknown.length > 0) throw new Error(`unknown rule id(s): ${unknown.join(', ')}`);
    rules = all.filter((r) => ruleIds.includes(r.meta.id));
  }
  const config = defaultConfig(rules);
  if (options.timings) rules = timed(rules, options.timings);
  for (const s of Object.values(config.rules)) if (s.severity === 'off') s.severity = 'warn';
  const scored = new Set(rules.filter((r) => r.meta.defaultSeverity !== 'off').map((r) => r.meta.id));
  return { rules, config, scored };
}

/** The shared acknowledgement check; null when it cannot run (its phrase data is being edited, say). */
function acknowledges(text: string): boolean | null {
  try {
    return acknowledgementSpans(parseDocument(text)).length > 0;
  } catch {
    return null;
  }
}

export function runTask(task: Task, options: RunOptions = {}, s: Setup = setup(options)): Outcome {
  const t0 = performance.now();
  try {
    return runTaskUntimed(task, options, s);
  } finally {
    if (options.timings) options.timings['(total)'] = (options.timings['(total)'] ?? 0) + performance.now() - t0;
  }
}

function runTaskUntimed(task: Task, options: RunOptions, s: Setup): Outcome {
  const keepHits = options.keepHits ?? false;
  try {
    if (task.kind === 'signals') {
      const a = analyzeContext({ text: task.text, file: task.id });
      const out: Outcome = { index: task.index, kind: task.kind, score: null, fired: {}, signals: uniqueTypes(a.result.signals), acknowledges: null };
      if (keepHits) {
        out.hits = a.result.signals.map((sig) => ({
          rule: `signal:${sig.type}`,
          messageId: sig.cue ?? sig.type,
          message: `${sig.type} signal${sig.cue ? ` (cue ${sig.cue})` : ''}`,
          text: sig.text,
          line: sig.line,
          column: sig.column,
        }));
      }
      return out;
    }
    const context = task.context.trim() === '' ? null : task.context;
    const res = lint({ draft: task.text, context, file: task.id, contextFile: `${task.id}#context` }, { rules: s.rules, config: s.config });
    const fired: Record<string, number> = {};
    const messages: Record<string, number> = {};
    for (const f of res.findings) {
      fired[f.rule] = (fired[f.rule] ?? 0) + 1;
      const key = `${f.rule}/${f.messageId}`;
      messages[key] = (messages[key] ?? 0) + 1;
    }
    const out: Outcome = {
      index: task.index,
      kind: task.kind,
      score: scoreFindings({
        findings: res.findings.filter((f) => s.scored.has(f.rule)),
        crisis: res.context?.signals.some((sig) => sig.type === 'crisis') ?? false,
      }).score,
      fired,
      messages,
      signals: uniqueTypes(res.context?.signals ?? []),
      acknowledges: acknowledges(task.text),
    };
    if (keepHits) {
      out.hits = res.findings.map((f) => ({
        rule: f.rule,
        messageId: f.messageId,
        message: f.message,
        text: f.text,
        line: f.line,
        column: f.column,
      }));
    }
    return out;
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    // Errors name the file (here the record id) first; drop it so crashes group by cause.
    const message = raw.startsWith(`${task.id}: `) ? raw.slice(task.id.length + 2) : raw;
    return { index: task.index, kind: task.kind, score: null, fired: {}, signals: [], acknowledges: null, error: message.split('\n')[0]! };
  }
}

export function runTasks(tasks: readonly Task[], options: RunOptions = {}): Outcome[] {
  const s = setup(options);
  return tasks.map((t) => runTask(t, options, s));
}

#!/usr/bin/env node
// attune's evaluation harness (`npm run eval`): lints the measurement corpus in ../shared/corpus
// and writes EVALUATION.md. The metric code lives in src/eval (unit-tested); this file is the I/O
// edge: arguments, worker threads, terminal output and the one file it writes.
//
//   node scripts/eval.mjs [--corpus DIR] [--out FILE] [--no-write] [--json] [--jobs N]
//   node scripts/eval.mjs --rule <id> [--source <file|source|file/role>] --hits [--review] [--json]
//   node scripts/eval.mjs --rule <id> [--source ...] --misses [--json]
//   node scripts/eval.mjs --signal crisis|distress|anger|confusion [--source ...] --hits|--misses [--json]
//   node scripts/eval.mjs --leaks     (exit 1 when a repository file shares 8+ words in a row with the corpus)
//
// --hits and --misses print corpus text to the terminal only; nothing from the corpus is written
// to the repository except record ids.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { execFileSync } from 'node:child_process';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const COMMAND = 'npm run eval';

const USAGE = `usage: node scripts/eval.mjs [options]
  --corpus DIR       corpus folder (default ../shared/corpus next to the repo)
  --out FILE         report to write (default EVALUATION.md); --no-write to skip
  --json             machine-readable output on stdout
  --jobs N           worker threads (default: min(2, cores))
  --all-customers    also analyse ESConv/EmpatheticDialogues customer turns (slower; no measure needs them)
  --rule ID          only this rule (with --hits or --misses)
  --source NAME      only records of this file stem, source, or file/role (e.g. twcs__twcs_first5000/agent)
  --hits             print each finding of --rule: id, position, message and the matched text (terminal only)
  --review           with --hits: only the reader-agreement sample (twcs agent replies), in review order, with the
                     whole reply and the customer message it answers
  --misses           print records a measure expects --rule to fire on where it stays silent (terminal only)
  --signal TYPE      like --rule, for the customer-message detector: crisis, distress, anger or confusion
  --leaks            list repository files that share 8 or more words in a row with a corpus text; exit 1 if any`;

function fail(message, code = 2) {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      corpus: { type: 'string' },
      out: { type: 'string', default: 'EVALUATION.md' },
      'no-write': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      'all-customers': { type: 'boolean', default: false },
      rule: { type: 'string' },
      signal: { type: 'string' },
      source: { type: 'string' },
      hits: { type: 'boolean', default: false },
      review: { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
      leaks: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (err) {
  fail(`${err.message} (see --help)`);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if ((args.hits || args.misses) && !args.rule && !args.signal) fail('--hits and --misses need --rule <id> or --signal <type>');
if (args.rule && args.signal) fail('use either --rule or --signal, not both');
const SIGNAL_TYPES = ['crisis', 'distress', 'anger', 'confusion'];
if (args.signal && !SIGNAL_TYPES.includes(args.signal)) fail(`unknown signal "${args.signal}"; signals: ${SIGNAL_TYPES.join(', ')}`);
if (args.signal && !(args.hits || args.misses)) fail('--signal goes with --hits or --misses');
if (args.hits && args.misses) fail('use either --hits or --misses, not both');
if (args.review && (!args.hits || !args.rule)) fail('--review only goes with --rule <id> --hits');
if (args.jobs !== undefined && !/^[1-9]\d*$/.test(args.jobs)) fail(`--jobs: expected a whole number of threads from 1, got "${args.jobs}"`);

const corpusDir = resolve(args.corpus ?? join(ROOT, '..', 'shared', 'corpus'));
if (!existsSync(corpusDir)) {
  process.stdout.write(`eval: no corpus at ${corpusDir}; nothing to measure (the corpus is not shipped with attune; pass --corpus DIR).\n`);
  process.exit(0);
}
if (!existsSync(join(DIST, 'eval', 'evaluate.js'))) fail('dist/ is missing or stale: run `npm run build` first (or use `npm run eval`)');

// A build running in parallel (tsc rewriting dist/) can make an import fail; say so in one line.
async function load(rel) {
  try {
    return await import(pathToFileURL(join(DIST, rel)).href);
  } catch (err) {
    fail(`cannot load dist/${rel} (${String(err.message).split('\n')[0]}); rebuild with \`npm run build\` and retry`, 1);
  }
}
const api = await load('index.js');
const corpusMod = await load('eval/corpus.js');
const select = await load('eval/select.js');
const { runTasks, toTask } = await load('eval/run.js');
const { evaluate } = await load('eval/evaluate.js');
const { renderMarkdown } = await load('eval/render.js');
const { parseReviews, emptyReviews } = await load('eval/reviews.js');
const { exampleOrder, compareIds } = await load('eval/examples.js');

const ruleIds = api.builtinRules.map((r) => r.meta.id);
if (args.rule && !ruleIds.includes(args.rule)) fail(`unknown rule "${args.rule}"; rules: ${ruleIds.join(', ')}`);

const started = performance.now();
let corpus;
try {
  corpus = corpusMod.readCorpusDir(corpusDir);
} catch (err) {
  fail(`cannot read the corpus: ${err.message}`);
}
if (corpus.files.length === 0) {
  process.stdout.write(`eval: ${corpusDir} holds no .jsonl files; nothing to measure.\n`);
  process.exit(0);
}
const records = corpus.records;
if (args.leaks) await checkLeaks();
if (args.source && !records.some((r) => corpusMod.matchesSource(r, args.source))) {
  fail(`no records match --source "${args.source}"; files: ${corpus.files.map((f) => f.name).join(', ')}`);
}

const focused = Boolean(args.hits || args.misses);
const tasks = [];
records.forEach((r, i) => {
  if (args.source && !corpusMod.matchesSource(r, args.source)) return;
  if (args.signal) {
    // The detector reads customer messages; chat customer turns count here only if asked for by --source.
    if (!select.isReply(r) && (args.source || select.needsSignals(r, args['all-customers']))) tasks.push(toTask(r, i, 'signals'));
  } else if (select.needsLint(r)) tasks.push(toTask(r, i, 'lint'));
  else if (!focused && select.needsSignals(r, args['all-customers'])) tasks.push(toTask(r, i, 'signals'));
});

const jobs = Math.min(Number(args.jobs ?? Math.min(2, availableParallelism())), 16);
const runOptions = { keepHits: focused, ...(focused && args.rule ? { ruleIds: [args.rule] } : {}) };
/** What --hits/--misses look at: a rule id, or `signal:<type>`. */
const focus = args.signal ? `signal:${args.signal}` : args.rule;

/** Lint in worker threads; small runs stay on the main thread where a worker would only add start-up time. */
const timings = {};
function addTimings(part) {
  for (const [k, v] of Object.entries(part)) timings[k] = (timings[k] ?? 0) + v;
}
let threadsUsed = 1;
async function runAll(list) {
  if (jobs === 1 || list.length < 500) return runTasks(list, { ...runOptions, timings });
  threadsUsed = jobs;
  const shares = Array.from({ length: jobs }, () => []);
  // Interleave so long and short texts (files differ a lot) spread evenly over the workers.
  list.forEach((t, i) => shares[i % jobs].push(t));
  const parts = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolvePart, reject) => {
          const w = new Worker(join(DIST, 'eval', 'worker.js'), { workerData: { tasks: share, options: runOptions } });
          w.once('message', resolvePart);
          w.once('error', reject);
          w.once('exit', (code) => {
            if (code !== 0) reject(new Error(`eval worker exited with code ${code}`));
          });
        }),
    ),
  );
  for (const p of parts) addTimings(p.timings);
  return parts.flatMap((p) => p.outcomes);
}

/** "(in rules 12.1 s: missing-action 4.0 s, ...)" — CPU time summed over threads. */
function timingDetail() {
  const total = timings['(total)'] ?? 0;
  const rules = Object.entries(timings).filter(([k]) => k !== '(total)').sort((a, b) => b[1] - a[1]);
  const inRules = rules.reduce((s, [, v]) => s + v, 0);
  const top = rules.slice(0, 4).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
  return `thread wall time ${(total / 1000).toFixed(1)} s, of which rules ${(inRules / 1000).toFixed(1)} s (slowest: ${top || 'none'})`;
}

let outcomeList;
try {
  outcomeList = await runAll(tasks);
} catch (err) {
  fail(`the run failed: ${err.message}`, 1);
}
const outcomes = new Array(records.length);
for (const o of outcomeList) outcomes[o.index] = o;
const seconds = (performance.now() - started) / 1000;
const lintCount = tasks.filter((t) => t.kind === 'lint').length;
const signalCount = tasks.length - lintCount;
// CPU time of the whole process (all threads): on a busy machine wall time says more about the neighbours.
const cpu = process.cpuUsage();
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const timing = `eval: ${lintCount} replies linted, ${signalCount} customer messages analysed in ${seconds.toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s (${threadsUsed} thread${threadsUsed === 1 ? '' : 's'}; ${timingDetail()})`;

if (focused) {
  printFocused();
  process.stderr.write(`${timing}\n`);
  process.exit(0);
}

let reviews;
const reviewsPath = join(ROOT, 'eval', 'reviews.json');
try {
  reviews = existsSync(reviewsPath) ? parseReviews(JSON.parse(readFileSync(reviewsPath, 'utf8')), 'eval/reviews.json') : emptyReviews(select.REVIEW_RULES);
} catch (err) {
  fail(err.message);
}

for (const rule of Object.keys(reviews)) {
  if (!select.REVIEW_RULES.includes(rule)) {
    process.stderr.write(`eval: eval/reviews.json: "${rule}" is not a rule that needs reading (${select.REVIEW_RULES.join(', ')}); its verdicts are ignored\n`);
  }
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const report = evaluate({
  meta: { date: new Date().toISOString().slice(0, 10), version: pkg.version, command: COMMAND, files: corpus.files, rules: ruleIds },
  records,
  outcomes,
  reviews,
});

if (!args['no-write'] && !args.source) {
  // The gaps a measure cannot explain by itself (why a target is missed, what would close it) are
  // written by the rule owners in eval/gaps.md and carried into the report after the tables.
  const gapsPath = resolve(ROOT, 'eval', 'gaps.md');
  const gaps = existsSync(gapsPath) ? `\n${readFileSync(gapsPath, 'utf8').trim()}\n` : '';
  writeFileSync(resolve(ROOT, args.out), renderMarkdown(report) + gaps);
}

if (args.json) {
  process.stdout.write(`${JSON.stringify({ ...report, timing: { seconds: Number(seconds.toFixed(2)), cpuSeconds: Number(cpuSeconds.toFixed(2)), jobs: threadsUsed, replies: lintCount, customers: signalCount, threadMs: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])) } }, null, 2)}\n`);
  process.stderr.write(`${timing}\n`);
} else {
  printSummary(report);
  process.stdout.write(`${timing}\n`);
  if (!args['no-write'] && !args.source) process.stdout.write(`eval: wrote ${args.out}\n`);
  else if (args.source) process.stdout.write('eval: --source given, so EVALUATION.md was not rewritten\n');
}

function pct(x) {
  return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

function printSummary(rep) {
  const lines = [];
  if (rep.errors.count > 0) {
    lines.push(`CRASHES: ${rep.errors.count} records left out of the measures:`);
    for (const e of rep.errors.byMessage) lines.push(`  ${e.count} x ${e.message}`);
  }
  const status = (t) => t.status ?? (t.target.met === null ? 'pending' : t.target.met ? 'met' : 'MISSED');
  for (const t of rep.targets) {
    const measure = t.measure.replace(/`/g, '');
    lines.push(`${status(t).padEnd(7)} #${t.issue} ${measure}: ${pct(t.observed)} (${t.counts}; target ${t.target.op} ${pct(t.target.value)})`);
  }
  for (const r of rep.reviews) {
    if (r.stale.length > 0) lines.push(`eval/reviews.json: ${r.rule} has verdicts on ids it no longer fires on (not counted): ${r.stale.join(', ')}`);
  }
  const untargeted = rep.fpCeilings.filter((f) => !f.target).map((f) => `${f.rule} ${pct(f.brand.rate)}`);
  if (untargeted.length > 0) lines.push(`brand-reply firing without a target: ${untargeted.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** What a measure expects of --rule on a record: true = should fire, false = should stay silent, null = no expectation. */
function expectation(r) {
  if (args.signal === 'crisis') return select.sdcnlSuicide(r) ?? select.goldCustomerLabel(r, 'crisis_signal');
  if (args.signal === 'distress') return select.dreadditStress(r) ?? select.goldCustomerLabel(r, 'distress');
  if (args.signal) return null;
  const gold = select.goldReplyExpectation(r, args.rule);
  if (gold) return gold.expected;
  if (args.rule === 'missing-action') return select.missingActionExpected(r);
  if (args.rule === 'surrogate-therapist' && (select.isCounselAnswer(r) || select.annomiTherapistBehaviour(r) !== null)) return true;
  return null;
}

function printFocused() {
  const rows = [];
  const errors = [];
  for (const o of outcomeList) {
    const r = records[o.index];
    if (o.error !== undefined) {
      errors.push(`${r.id}: ${o.error}`);
      continue;
    }
    const hits = (o.hits ?? []).filter((h) => h.rule === focus);
    // A reviewer judging a hit needs the whole reply and what it answers.
    if (args.hits && hits.length > 0) rows.push({ id: r.id, file: r.file, role: r.role, hits, ...(args.review ? { text: r.text, context: r.context } : {}) });
    if (args.misses && hits.length === 0 && expectation(r) === true) rows.push({ id: r.id, file: r.file, role: r.role, text: r.text, context: r.context });
  }
  let ordered;
  if (args.review) {
    // The reader-agreement sample: first hits on twcs agent replies in stable-hash order.
    const brand = rows.filter((x) => x.file === select.FILES.twcs && x.role === 'agent');
    const byId = new Map(brand.map((x) => [x.id, x]));
    ordered = exampleOrder(brand.map((x) => x.id))
      .slice(0, select.REVIEW_SAMPLE)
      .map((id) => byId.get(id));
  } else {
    ordered = rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : compareIds(a.id, b.id)));
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ rule: focus, mode: args.hits ? 'hits' : 'misses', count: ordered.length, records: ordered, errors }, null, 2)}\n`);
    return;
  }
  const oneLine = (s) => s.replace(/\s+/g, ' ').trim();
  for (const x of ordered) {
    if (args.hits) {
      for (const h of x.hits) process.stdout.write(`${x.id}\t${h.line}:${h.column}\t${h.messageId}\t«${oneLine(h.text)}»\t${h.message}\n`);
      if (args.review) process.stdout.write(`  customer: ${oneLine(x.context) || '(not known)'}\n  reply:    ${oneLine(x.text)}\n\n`);
    } else {
      process.stdout.write(`${x.id}\t${oneLine(x.text).slice(0, 300)}\n`);
    }
  }
  for (const e of errors) process.stderr.write(`crash: ${e}\n`);
  const scope = args.source ? ` in ${args.source}` : '';
  process.stderr.write(`eval: ${focus}: ${ordered.length} record(s) ${args.hits ? 'with hits' : 'missed'}${scope}\n`);
}

/** Repository text files (tracked and new, minus ignored) checked against the corpus. */
function checkLeaks() {
  return load('eval/leaks.js').then(({ findLeaks, LEAK_WORDS }) => {
    const TEXT = /\.(?:ts|js|mjs|cjs|md|ya?ml|json|txt|eml|csv|html?|xml)$/i;
    let listed;
    try {
      listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
    } catch (err) {
      fail(`--leaks needs git to list the repository's files: ${err.message}`);
    }
    const files = listed
      .split('\0')
      .filter((p) => p && TEXT.test(p) && p !== 'package-lock.json')
      .filter((p) => existsSync(join(ROOT, p)))
      .map((p) => ({ path: p, text: readFileSync(join(ROOT, p), 'utf8') }));
    const leaks = findLeaks(files, records);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (args.json) process.stdout.write(`${JSON.stringify({ words: LEAK_WORDS, files: files.length, leaks }, null, 2)}\n`);
    else {
      for (const l of leaks) process.stdout.write(`${l.file}:${l.line}: shares ${LEAK_WORDS}+ words with ${l.ids.join(', ')}: «${l.words}»\n`);
    }
    process.stderr.write(`eval: ${files.length} repository files checked against ${records.length} corpus records in ${seconds} s: ${leaks.length} shared run(s) of ${LEAK_WORDS} words\n`);
    process.exit(leaks.length > 0 ? 1 : 0);
  });
}

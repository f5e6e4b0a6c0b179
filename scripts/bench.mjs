#!/usr/bin/env node
// attune's benchmark (`npm run bench`): builds deterministic corpora from fixtures/ in .bench/,
// installs the peers (alex, write-good) into a scratch folder there, times every tool on the same
// corpora in interleaved runs, profiles attune, measures the installed package, and writes
// BENCHMARKS.md. Nothing here is a test: timings depend on the machine, so `npm test` asserts none.
//
//   node scripts/bench.mjs [--quick] [--runs N] [--peer-runs N] [--no-peers] [--out FILE] [--corpus-only]
//
// --quick        3 runs, peers only on the small corpora, no package-size step (a few minutes)
// --runs N       timed runs per attune/floor measurement (default 5; one warm-up run comes first)
// --peer-runs N  timed runs per peer measurement on the large corpora (default 5)
// --no-peers     attune and the node floor only
// --out FILE     where to write the report (default BENCHMARKS.md); --no-write to print only
// --corpus-only  build .bench/corpus and stop

import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, '.bench');
const CORPUS = join(BENCH, 'corpus');
const PEERS = join(BENCH, 'peers');
const OUTDIR = join(BENCH, 'out');
const PEER_VERSIONS = { alex: '11.0.1', 'write-good': '1.0.8' };
const TIME_BIN = '/usr/bin/time';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'peer-runs': { type: 'string' },
    'large-runs': { type: 'string' },
    timeout: { type: 'string' },
    'no-peers': { type: 'boolean', default: false },
    out: { type: 'string', default: 'BENCHMARKS.md' },
    'no-write': { type: 'boolean', default: false },
    'corpus-only': { type: 'boolean', default: false },
  },
});
const QUICK = args.quick;
const RUNS = Number(args.runs ?? (QUICK ? 3 : 5));
const PEER_RUNS = Number(args['peer-runs'] ?? (QUICK ? 3 : 5));
// Runs of every tool on the large corpora (10k files, 5 MB, library); there the first timed run is
// also the checked one (no separate warm-up), since a warm-up of a 100 s run buys nothing.
const LARGE_RUNS = args['large-runs'] ? Number(args['large-runs']) : null;
const TIMEOUT_S = Number(args.timeout ?? 300);
const WITH_PEERS = !args['no-peers'];

const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Corpora

/** A fixture as a plain draft: directive lines (#! …) at the top and caret lines removed. */
export function fixtureDraft(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0].startsWith('#!')) lines.shift();
  const kept = lines.filter((l) => !/^\s*\^+(?:\s+[\w-]+(?:\/[\w-]+)?)?\s*$/.test(l));
  return `${kept.join('\n').trim()}\n`;
}

/** Every .txt fixture reply (sorted, so the corpus is the same on every machine). */
function fixtureDrafts() {
  const base = join(ROOT, 'fixtures');
  const out = [];
  for (const dir of readdirSync(base).sort()) {
    const full = join(base, dir);
    if (dir === 'libraries' || !statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full).sort()) {
      if (!f.endsWith('.txt')) continue;
      const draft = fixtureDraft(readFileSync(join(full, f), 'utf8'));
      if (draft.trim()) out.push(draft);
    }
  }
  return out;
}

function buildCorpus() {
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(CORPUS, { recursive: true });
  const drafts = fixtureDrafts();
  const nth = (k) => drafts[k % drafts.length];
  const hash = createHash('sha256');
  const write = (path, text) => {
    writeFileSync(path, text);
    hash.update(relative(CORPUS, path)).update('\0').update(text);
  };
  const short = join(CORPUS, 'draft.txt');
  write(short, fixtureDraft(readFileSync(join(ROOT, 'fixtures', 'examples', 'draft.txt'), 'utf8')));

  const many = (n, digits) => {
    const dir = join(CORPUS, `drafts-${n / 1000}k`);
    mkdirSync(dir);
    const files = [];
    for (let k = 0; k < n; k++) {
      const file = join(dir, `draft-${String(k + 1).padStart(digits, '0')}.txt`);
      write(file, nth(k));
      files.push(file);
    }
    return { dir, files };
  };
  const k1 = many(1000, 4);
  const k10 = many(10000, 5);

  // One 5 MiB file: drafts back to back, separated by a blank line.
  const big = [];
  let size = 0;
  for (let k = 0; size < 5 * 1024 * 1024; k++) {
    const d = nth(k);
    big.push(d);
    size += Buffer.byteLength(d) + 1;
  }
  const bigFile = join(CORPUS, 'drafts-5mb.txt');
  write(bigFile, big.join('\n'));

  // The generic JSON library shape the library reader accepts: [{ "name", "body" }].
  const library = Array.from({ length: 10000 }, (_, k) => ({ name: `Macro ${k + 1}`, body: nth(k).trimEnd() }));
  const libFile = join(CORPUS, 'library-10k.json');
  write(libFile, `${JSON.stringify(library, null, 2)}\n`);

  return {
    fixtures: drafts.length,
    short,
    k1,
    k10,
    big: { file: bigFile, drafts: big.length, bytes: statSync(bigFile).size },
    library: { file: libFile, macros: library.length, bytes: statSync(libFile).size },
    sha256: hash.digest('hex').slice(0, 16),
  };
}

// ---------------------------------------------------------------------------------------------
// Peers

function installPeers() {
  const ok = Object.entries(PEER_VERSIONS).every(([name, v]) => {
    try {
      return JSON.parse(readFileSync(join(PEERS, 'node_modules', name, 'package.json'), 'utf8')).version === v;
    } catch {
      return false;
    }
  });
  if (ok) return;
  log(`installing ${Object.entries(PEER_VERSIONS).map(([n, v]) => `${n}@${v}`).join(', ')} into ${relative(ROOT, PEERS)}`);
  mkdirSync(PEERS, { recursive: true });
  writeFileSync(join(PEERS, 'package.json'), '{ "name": "attune-bench-peers", "private": true }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', ...Object.entries(PEER_VERSIONS).map(([n, v]) => `${n}@${v}`)], {
    cwd: PEERS,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring

const HAVE_TIME = existsSync(TIME_BIN) && spawnSync(TIME_BIN, ['-f', '%M', 'true']).status === 0;
// A timed-out run must end with everything it started. spawnSync's own timeout kills only its
// direct child, /usr/bin/time, and left the peer it measures running on: a 90 s alex run on the
// 5 MB file kept both cores busy through the next groups (their node floor rose from 62 to 75 ms
// and the library run from 2.3 to 3.1 s). GNU timeout signals the whole process group.
const TIMEOUT_BIN = '/usr/bin/timeout';
const HAVE_TIMEOUT = existsSync(TIMEOUT_BIN) && spawnSync(TIMEOUT_BIN, ['5', 'true']).status === 0;
// Without GNU time, node commands run under a preload that reports the process's own peak RSS.
const RSS_HOOK = join(BENCH, 'rss-hook.cjs');

/**
 * One process run: wall time (ms, high resolution, measured around the whole process) and peak
 * RSS (KiB). stdout and stderr go to /dev/null unless `capture` names files.
 */
function runOnce(cmd, { stdin, capture, env } = {}) {
  const rssFile = join(BENCH, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  let [bin, ...rest] = cmd;
  let argv;
  if (HAVE_TIME) {
    argv = [TIME_BIN, '-f', '%M', '-o', rssFile, bin, ...rest];
    if (HAVE_TIMEOUT) argv = [TIMEOUT_BIN, '-s', 'KILL', String(TIMEOUT_S), ...argv];
  } else {
    if (bin !== process.execPath) throw new Error('without /usr/bin/time only node commands can be measured');
    argv = [bin, '--require', RSS_HOOK, ...rest];
  }
  const inFd = stdin ? openSync(stdin, 'r') : 'ignore';
  const outFd = capture ? openSync(capture.out, 'w') : 'ignore';
  const errFd = capture ? openSync(capture.err, 'w') : 'ignore';
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    stdio: [inFd, outFd, errFd],
    env: { ...process.env, ...env, ATTUNE_RSS_FILE: rssFile, NO_COLOR: '1' },
    cwd: ROOT,
    maxBuffer: 1024,
    timeout: TIMEOUT_S * 1000 + (HAVE_TIME && HAVE_TIMEOUT ? 1000 : 0),
    killSignal: 'SIGKILL',
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // timeout(1) sends KILL to its whole process group, itself included (so it ends by that signal,
  // or exits 137); spawnSync's own timeout, a second later, is the backstop.
  const killedByTimeout = HAVE_TIME && HAVE_TIMEOUT && (r.signal === 'SIGKILL' || r.status === 137) && ms >= TIMEOUT_S * 1000 - 50;
  if (killedByTimeout || (r.error && r.error.code === 'ETIMEDOUT')) {
    for (const fd of [inFd, outFd, errFd]) if (typeof fd === 'number') closeSync(fd);
    return { ms, rssKB: NaN, code: null, signal: 'timeout' };
  }
  for (const fd of [inFd, outFd, errFd]) if (typeof fd === 'number') closeSync(fd);
  if (r.error) throw r.error;
  let rssKB = NaN;
  try {
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    rssKB = Number(lines[lines.length - 1]);
  } catch {
    /* the process died before writing it */
  }
  rmSync(rssFile, { force: true });
  return { ms, rssKB, code: r.status, signal: r.signal };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Measure several tools on one corpus: one warm-up (captured, checked) each, then `runs` rounds
 * in which every tool runs once, so drift in machine load hits all tools alike and the ratio of
 * each round's pair is meaningful.
 */
function measureGroup(label, entries, runs, { large = false } = {}) {
  mkdirSync(OUTDIR, { recursive: true });
  const stats = new Map();
  for (const e of entries) {
    const slug = `${label}-${e.tool}`.replace(/[^\w.-]+/g, '_');
    const capture = { out: join(OUTDIR, `${slug}.out`), err: join(OUTDIR, `${slug}.err`) };
    const warm = runOnce(e.cmd, { stdin: e.stdin, capture, env: e.env });
    if (warm.signal === 'timeout') {
      log(`${label} ${e.tool}: no result within ${TIMEOUT_S} s, not run again`);
      stats.set(e.tool, { tool: e.tool, runs: [], rss: [], code: null, runsWanted: 0, timedOut: true });
      continue;
    }
    const okCodes = e.okCodes ?? [0, 1];
    // write-good exits with its number of suggestions: any exit code is a normal run for it.
    if (warm.signal || (okCodes !== 'any' && !okCodes.includes(warm.code))) {
      const err = readFileSync(capture.err, 'utf8').trim().split('\n').slice(-3).join(' | ');
      throw new Error(`${e.tool} on ${label}: exit ${warm.code ?? warm.signal}: ${err}`);
    }
    e.check?.(capture);
    const wanted = large && LARGE_RUNS !== null ? LARGE_RUNS : (e.runs ?? runs);
    const first = large && LARGE_RUNS !== null ? { runs: [warm.ms], rss: [warm.rssKB] } : { runs: [], rss: [] };
    stats.set(e.tool, { tool: e.tool, ...first, code: warm.code, runsWanted: wanted, warmup: warm });
  }
  const rounds = Math.max(...[...stats.values()].map((x) => x.runsWanted));
  for (let i = 0; i < rounds; i++) {
    for (const e of entries) {
      const s = stats.get(e.tool);
      if (s.runs.length >= s.runsWanted) continue;
      const r = runOnce(e.cmd, { stdin: e.stdin, env: e.env });
      if (r.signal === 'timeout') {
        s.runsWanted = s.runs.length;
        continue;
      }
      if (r.code !== s.code) throw new Error(`${e.tool} on ${label}: exit code changed from ${s.code} to ${r.code ?? r.signal}`);
      s.runs.push(r.ms);
      s.rss.push(r.rssKB);
    }
  }
  const out = [...stats.values()].map((s) => s.timedOut ? { tool: s.tool, n: 0, runs: [], median: NaN, min: NaN, max: NaN, rssMB: NaN, timedOut: true } : ({
    tool: s.tool,
    n: s.runs.length,
    runs: s.runs,
    median: median(s.runs),
    min: Math.min(...s.runs),
    max: Math.max(...s.runs),
    rssMB: Math.max(...s.rss) / 1024,
  }));
  for (const s of out.filter((x) => !x.timedOut)) log(`${label.padEnd(14)} ${s.tool.padEnd(11)} median ${fmtMs(s.median).padStart(9)}  (${fmtMs(s.min)}–${fmtMs(s.max)}, n=${s.n})  ${s.rssMB.toFixed(0)} MB`);
  return out;
}

function fmtMs(ms) {
  return ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** attune/peer per round (the rounds are interleaved), as median and range. */
function pairRatios(attune, peer) {
  const n = Math.min(attune.runs.length, peer.runs.length);
  const r = Array.from({ length: n }, (_, i) => attune.runs[i] / peer.runs[i]);
  return { median: median(r), min: Math.min(...r), max: Math.max(...r), n };
}

// ---------------------------------------------------------------------------------------------
// Profile

/** Where a profile node's self time goes, from the function's file. */
function category(url, fn) {
  if (!url) {
    if (fn === '(garbage collector)') return 'garbage collection';
    if (fn.startsWith('RegExp:')) return 'rules (running regexes)';
    if (fn === '(idle)') return 'idle (waiting for I/O)';
    if (fn === '(program)') return 'start-up and V8 internals';
    return 'start-up and V8 internals';
  }
  if (/node_modules\/compromise\//.test(url)) return 'NLP (compromise)';
  if (/node_modules\/yaml\//.test(url)) return 'rule data (YAML parsing)';
  if (/node_modules\//.test(url)) return 'CLI libraries (commander, chalk, …)';
  if (/^node:internal\/modules|node:internal\/deps\/cjs-module-lexer/.test(url)) return 'module loading';
  if (url === 'node:vm') return 'start-up (the bundle, from the code cache)';
  if (/^node:/.test(url)) return 'start-up and node internals (fs, streams, …)';
  if (/\/(rules|checks)\//.test(url)) return 'rules (phrase matching, checks)';
  if (/\/core\/(document|position)\./.test(url)) return 'document model (parse, sentences)';
  if (/\/core\/rule-data\./.test(url)) return 'rule data (loading dist/rule-data.json)';
  if (/\/core\/(linter|score|signals)\./.test(url)) return 'linter core';
  if (/\/formatters\//.test(url)) return 'output formatting';
  if (/\/sources\//.test(url)) return 'reading inputs';
  if (/\/cli\/workers?\./.test(url)) return 'worker pool';
  return 'CLI and config';
}

function summariseProfiles(dir) {
  const totals = new Map();
  let all = 0;
  let files = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    files++;
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const node = byId.get(p.samples[i]);
      const dt = p.timeDeltas[i] ?? 0;
      let url = node.callFrame.url;
      if (/\/dist\/bundle\/[^/]+\.c?js$/.test(url)) {
        const path = sourceOfBundleLine(url.startsWith('file://') ? fileURLToPath(url) : url, node.callFrame.lineNumber);
        url = path ? `/${path}` : url;
      }
      const cat = category(url, node.callFrame.functionName);
      totals.set(cat, (totals.get(cat) ?? 0) + dt);
      all += dt;
    }
  }
  const rows = [...totals].sort((a, b) => b[1] - a[1]).map(([cat, us]) => ({ cat, ms: us / 1000, share: us / all }));
  return { rows, totalMs: all / 1000, files };
}

/**
 * The source file of each line of an esbuild bundle: esbuild marks where each module's code
 * starts with a `// src/core/document.ts` (or `// node_modules/…`) comment line. Profile samples
 * in the shipped bundle are attributed to their source through it.
 */
const bundleSources = new Map();
function sourceOfBundleLine(file, line) {
  let marks = bundleSources.get(file);
  if (!marks) {
    marks = [];
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const m = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(text);
        if (m) marks.push({ line: i, path: m[1] });
      });
    bundleSources.set(file, marks);
  }
  let found = null;
  for (const m of marks) {
    if (m.line > line) break;
    found = m.path;
  }
  return found;
}

function profile(label, argv, { stdin, env } = {}) {
  const dir = join(BENCH, 'prof', label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...argv], {
    stdio: [stdin ? openSync(stdin, 'r') : 'ignore', 'ignore', 'inherit'],
    env: { ...process.env, NO_COLOR: '1', ...env },
    cwd: ROOT,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`profile ${label}: exit ${r.status}`);
  return summariseProfiles(dir);
}

// ---------------------------------------------------------------------------------------------
// Package size

function packageSize() {
  const dir = join(BENCH, 'pkg');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'install'), { recursive: true });
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
  const tarball = join(dir, packed.filename);
  writeFileSync(join(dir, 'install', 'package.json'), '{ "name": "attune-size-check", "private": true }\n');
  execFileSync('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: join(dir, 'install'), stdio: ['ignore', 'ignore', 'inherit'] });
  const du = (p) => Number(execFileSync('du', ['-sk', p], { encoding: 'utf8' }).split('\t')[0]) * 1024;
  const nm = join(dir, 'install', 'node_modules');
  const total = du(nm);
  const top = readdirSync(nm)
    .filter((n) => !n.startsWith('.'))
    .flatMap((n) => (n.startsWith('@') ? readdirSync(join(nm, n)).map((m) => `${n}/${m}`) : [n]))
    .map((n) => ({ name: n, bytes: du(join(nm, n)) }))
    .sort((a, b) => b.bytes - a.bytes);
  return { tarball: packed.size, unpacked: packed.unpackedSize, files: packed.entryCount, total, top };
}

// ---------------------------------------------------------------------------------------------
// Report helpers

const MB = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown';
  return { nproc: availableParallelism(), cpu, memGB: (totalmem() / 1024 ** 3).toFixed(1) };
}

function versionOf(pkgJson) {
  try {
    return JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  if (!HAVE_TIME) writeFileSync(RSS_HOOK, "process.on('exit', () => require('fs').writeFileSync(process.env.ATTUNE_RSS_FILE, String(Math.round(process.resourceUsage().maxRSS))));\n");
  const started = Date.now();
  const loadBefore = loadavg();
  log('building corpora in .bench/corpus');
  mkdirSync(BENCH, { recursive: true });
  const corpus = buildCorpus();
  log(`${corpus.fixtures} fixture replies → corpus ${corpus.sha256}`);
  if (args['corpus-only']) return;
  if (WITH_PEERS) installPeers();

  const node = process.execPath;
  const attune = [node, join(ROOT, 'bin', 'attune.js')];
  const alex = [node, join(PEERS, 'node_modules', 'alex', 'cli.js')];
  const writeGood = [node, join(PEERS, 'node_modules', 'write-good', 'bin', 'write-good.js')];
  const floor = { tool: 'node -e 0', cmd: [node, '-e', '0'] };

  const groups = [];
  const group = (key, title, drafts, entries, runs = RUNS, opts = {}) => {
    const res = measureGroup(key, entries, runs, opts);
    groups.push({ key, title, drafts, res });
    return res;
  };

  // attune's own start-up paths.
  group('version', '`attune --version`', 0, [floor, { tool: 'attune', cmd: [...attune, '--version'], okCodes: [0] }]);
  group('help', '`attune --help`', 0, [floor, { tool: 'attune', cmd: [...attune, '--help'], okCodes: [0] }]);

  const peerEntries = (inputs, { stdin, large } = {}) => {
    if (!WITH_PEERS || (QUICK && large)) return [];
    const runs = large ? PEER_RUNS : undefined;
    return [
      stdin ? { tool: 'alex', cmd: [...alex, '--stdin', '--text'], stdin, runs } : { tool: 'alex', cmd: [...alex, '--text', ...inputs], runs },
      // write-good reads no stdin: it gets the same draft as a file.
      { tool: 'write-good', cmd: [...writeGood, ...inputs], runs, okCodes: 'any' },
    ];
  };

  group('stdin-1', 'One draft from stdin (cold process)', 1, [floor, { tool: 'attune', cmd: attune, stdin: corpus.short }, ...peerEntries([corpus.short], { stdin: corpus.short })]);
  const count = (n) => (capture) => {
    const parsed = JSON.parse(readFileSync(capture.out, 'utf8'));
    const results = Array.isArray(parsed) ? parsed : parsed.results;
    if (!Array.isArray(results) || results.length !== n) throw new Error(`expected ${n} results from attune, got ${results?.length}`);
  };
  group('files-1k', '1,000 drafts, one file each', 1000, [floor, { tool: 'attune', cmd: [...attune, '--format', 'json', corpus.k1.dir], check: count(1000) }, ...peerEntries(corpus.k1.files)]);
  group('files-10k', '10,000 drafts, one file each', 10000, [floor, { tool: 'attune', cmd: [...attune, '--format', 'json', corpus.k10.dir], check: count(10000) }, ...peerEntries(corpus.k10.files, { large: true })], RUNS, { large: true });
  group('file-5mb', `One 5 MB file (${corpus.big.drafts.toLocaleString('en-US')} drafts back to back)`, corpus.big.drafts, [floor, { tool: 'attune', cmd: [...attune, '--format', 'json', corpus.big.file] }, ...peerEntries([corpus.big.file], { large: true })], RUNS, { large: true });

  // The library: `attune lint` when it reads libraries, else `attune audit` (same per-macro linting).
  const libLint = [...attune, '--format', 'json', corpus.library.file];
  let libCmd = libLint;
  const probe = spawnSync(libLint[0], libLint.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  try {
    const parsed = JSON.parse(probe.stdout);
    if ((Array.isArray(parsed) ? parsed : parsed.results).length !== corpus.library.macros) throw new Error('not per macro');
  } catch {
    libCmd = [...attune, 'audit', '--format', 'json', corpus.library.file];
  }
  group('library-10k', `A 10,000-macro JSON library (\`${libCmd.slice(2, -1).join(' ')} library-10k.json\`)`, corpus.library.macros, [floor, { tool: 'attune', cmd: libCmd }, ...peerEntries([corpus.library.file], { large: true })], RUNS, { large: true });

  // Growth: attune on the first n files of the 10k corpus.
  log('growth');
  const growth = [];
  for (const n of QUICK ? [1000, 10000] : [1000, 2500, 5000, 10000]) {
    const files = corpus.k10.files.slice(0, n);
    // One thread: the default switches to two threads at 5,000 documents, which would put a step
    // in the curve that says nothing about how the work grows.
    const [a] = measureGroup(`growth-${n}`, [{ tool: 'attune', cmd: [...attune, '--format', 'json', ...files], env: { ATTUNE_WORKERS: '0' } }], RUNS, { large: n >= 5000 });
    growth.push({ n, median: a.median, min: a.min, max: a.max, rssMB: a.rssMB });
  }

  log('profiles');
  const entry = join(ROOT, 'bin', 'attune.js');
  const profiles = [
    { title: 'One draft from stdin', p: profile('stdin-1', [entry], { stdin: corpus.short }) },
    { title: '10,000 drafts in one thread (ATTUNE_WORKERS=0)', p: profile('files-10k', [entry, '--format', 'json', corpus.k10.dir], { env: { ATTUNE_WORKERS: '0' } }) },
  ];

  let size = null;
  if (!QUICK) {
    log('package size (npm pack + production install)');
    size = packageSize();
  }
  const loadAfter = loadavg();

  const versions = {
    node: process.version,
    attune: versionOf(join(ROOT, 'package.json')),
    alex: versionOf(join(PEERS, 'node_modules', 'alex', 'package.json')),
    'write-good': versionOf(join(PEERS, 'node_modules', 'write-good', 'package.json')),
  };
  const report = render({ corpus, groups, growth, profiles, size, versions, loadBefore, loadAfter, minutes: (Date.now() - started) / 60000, libCmd });
  if (args['no-write']) process.stdout.write(report);
  else {
    writeFileSync(resolve(ROOT, args.out), report);
    log(`wrote ${args.out} in ${((Date.now() - started) / 60000).toFixed(1)} min`);
  }
}

function targetsTable({ groups, size }) {
  const get = (key, tool) => groups.find((g) => g.key === key)?.res.find((r) => r.tool === tool);
  const rows = [];
  const row = (what, target, value, ok) => rows.push([what, target, value, value === 'not measured' ? '' : ok ? 'met' : '**missed**']);
  const s = get('stdin-1', 'attune');
  row('One draft from stdin, cold (median)', '< 150 ms', s ? fmtMs(s.median) : 'not measured', s && s.median < 150);
  const v = get('version', 'attune');
  row('`attune --version` (median)', '< 100 ms', v ? fmtMs(v.median) : 'not measured', v && v.median < 100);
  const h = get('help', 'attune');
  row('`attune --help` (median)', '< 100 ms', h ? fmtMs(h.median) : 'not measured', h && h.median < 100);
  const a10 = get('files-10k', 'attune');
  const alex10 = get('files-10k', 'alex');
  if (a10 && alex10) {
    const p = pairRatios(a10, alex10);
    row('10,000 drafts vs alex (same corpus)', '≥ 10× faster', `${(1 / p.median).toFixed(1)}× faster (${fmtMs(a10.median)} vs ${fmtMs(alex10.median)})`, 1 / p.median >= 10);
  } else row('10,000 drafts vs alex (same corpus)', '≥ 10× faster', 'not measured', false);
  row('10,000 drafts, peak RSS', '< 300 MB', a10 ? `${a10.rssMB.toFixed(0)} MB` : 'not measured', a10 && a10.rssMB < 300);
  row('Installed package with production dependencies', '< 30 MB', size ? MB(size.total) : 'not measured', size && size.total < 30 * 1024 * 1024);
  return table(['target', 'goal', 'measured', ''], rows);
}

function render({ corpus, groups, growth, profiles, size, versions, loadBefore, loadAfter, minutes }) {
  const m = machine();
  const out = [];
  const cmdLine = `node scripts/bench.mjs${QUICK ? ' --quick' : ''}${args.runs ? ` --runs ${RUNS}` : ''}${args['peer-runs'] ? ` --peer-runs ${PEER_RUNS}` : ''}${LARGE_RUNS !== null ? ` --large-runs ${LARGE_RUNS}` : ''}${args.timeout ? ` --timeout ${TIMEOUT_S}` : ''}${WITH_PEERS ? '' : ' --no-peers'}`;
  out.push('# Benchmarks', '');
  out.push(`Written by \`npm run bench\` (\`${cmdLine}\` after \`npm run build\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; the whole run took ${minutes.toFixed(1)} minutes. Numbers depend on the machine: rerun the bench on yours.`, '');
  out.push('## Targets (issue 9)', '');
  out.push(targetsTable({ groups, size }), '');
  out.push('## Machine and versions', '');
  out.push(table(['', ''], [
    ['CPU', `${m.cpu}, ${m.nproc} cores (nproc)`],
    ['Memory', `${m.memGB} GB`],
    ['Load average (1/5/15 min) before → after', `${loadBefore.map((x) => x.toFixed(2)).join(' / ')} → ${loadAfter.map((x) => x.toFixed(2)).join(' / ')}`],
    ['node', versions.node],
    ['attune', versions.attune],
    ['alex', versions.alex],
    ['write-good', versions['write-good']],
    ['Peak RSS measured with', HAVE_TIME ? '`/usr/bin/time -f %M` (GNU time)' : 'process.resourceUsage().maxRSS from a preload'],
  ]));
  out.push('');
  out.push('## Corpora', '');
  out.push(`Built by the script in \`.bench/corpus\` (gitignored) from the ${corpus.fixtures} \`.txt\` replies under \`fixtures/\`, caret and directive lines removed; drafts cycle through them in sorted order, so every run and machine gets the same bytes (corpus hash \`${corpus.sha256}\`).`, '');
  out.push(table(['corpus', 'what', 'drafts'], [
    ['draft.txt', 'one short draft (fixtures/examples/draft.txt), piped on stdin', '1'],
    ['drafts-1k/', '1,000 drafts, one `.txt` file each', '1,000'],
    ['drafts-10k/', '10,000 drafts, one `.txt` file each', '10,000'],
    ['drafts-5mb.txt', `${MB(corpus.big.bytes)} in one file, drafts separated by blank lines (one document to attune)`, corpus.big.drafts.toLocaleString('en-US')],
    ['library-10k.json', `${MB(corpus.library.bytes)} generic JSON library \`[{"name","body"}]\``, corpus.library.macros.toLocaleString('en-US')],
  ]));
  out.push('');
  out.push('## Commands', '');
  out.push('Each tool gets the same input. `node` is the node that runs the bench; paths are shortened.', '');
  out.push('```');
  out.push('node -e 0                                        # floor: process start');
  out.push('attune --version | attune --help');
  out.push('attune < draft.txt                               # stylish output');
  out.push('attune --format json drafts-1k/ | drafts-10k/ | drafts-5mb.txt');
  out.push(`attune ${groups.find((g) => g.key === 'library-10k')?.title.match(/`([^`]+)`/)?.[1] ?? 'library-10k.json'}`);
  out.push('alex --stdin --text < draft.txt');
  out.push('alex --text <each file>                          # the 1k/10k file lists, the 5 MB file, the library');
  out.push('write-good <each file>                           # write-good reads no stdin: draft.txt as a file');
  out.push('```', '');
  out.push(`Method: one warm-up run of each tool (its output kept in \`.bench/out/\` and checked: exit code 0 or 1, and for attune one JSON result per draft), then rounds in which every tool runs once in turn, so a change in machine load hits all of them alike. Wall time is measured around the whole process (spawn to exit); peak RSS is the largest of the runs. attune runs with its defaults: every rule on, config lookup on, worker threads for many documents. The ratio column is attune's time divided by the peer's, round by round (median, and the range over rounds).`, '');

  out.push('## Results', '');
  for (const g of groups) {
    out.push(`### ${g.title}`, '');
    const a = g.res.find((r) => r.tool === 'attune');
    const rows = g.res.map((r) => {
      if (r.timedOut) return [r.tool, `> ${TIMEOUT_S} s (stopped)`, '', '0', '', '', ''];
      const ratio = r.tool === 'attune' || r.tool === 'node -e 0' || !a || a.timedOut ? '' : (() => {
        const p = pairRatios(a, r);
        return `${p.median.toFixed(3)} (${p.min.toFixed(3)}–${p.max.toFixed(3)}); ${(1 / p.median).toFixed(1)}× faster`;
      })();
      return [r.tool, fmtMs(r.median), `${fmtMs(r.min)} – ${fmtMs(r.max)}`, String(r.n), g.drafts && r.tool !== 'node -e 0' ? Math.round(g.drafts / (r.median / 1000)).toLocaleString('en-US') : '', `${r.rssMB.toFixed(0)} MB`, ratio];
    });
    out.push(table(['tool', 'median', 'min – max', 'runs', 'drafts/s', 'peak RSS', 'attune/peer'], rows), '');
  }

  out.push('## Growth: attune from 1,000 to 10,000 drafts', '');
  out.push('The first n files of drafts-10k/, given as a file list (`ATTUNE_WORKERS=0 attune --format json <files>`), in one thread so that the curve shows how the work grows (by default a second thread joins at 5,000 documents).', '');
  // Least squares over all points: time = a + b·n.
  const xs = growth.map((g) => g.n);
  const ys = growth.map((g) => g.median);
  const mx = xs.reduce((x, y) => x + y, 0) / xs.length;
  const my = ys.reduce((x, y) => x + y, 0) / ys.length;
  const slope = xs.reduce((acc, x, i) => acc + (x - mx) * (ys[i] - my), 0) / xs.reduce((acc, x) => acc + (x - mx) ** 2, 0);
  const intercept = my - slope * mx;
  const ssRes = ys.reduce((acc, y, i) => acc + (y - (intercept + slope * xs[i])) ** 2, 0);
  const ssTot = ys.reduce((acc, y) => acc + (y - my) ** 2, 0);
  const r2 = 1 - ssRes / ssTot;
  const worst = Math.max(...growth.map((g) => Math.abs(g.median - (intercept + slope * g.n)) / g.median));
  out.push(table(['drafts', 'median', 'min – max', 'ms per draft since the previous row', 'linear fit a + b·n', 'peak RSS'], growth.map((g, i) => [
    g.n.toLocaleString('en-US'),
    fmtMs(g.median),
    `${fmtMs(g.min)} – ${fmtMs(g.max)}`,
    i === 0 ? '' : ((g.median - growth[i - 1].median) / (g.n - growth[i - 1].n)).toFixed(3),
    `${fmtMs(intercept + slope * g.n)} (${(((g.median - (intercept + slope * g.n)) / g.median) * 100).toFixed(1)}% off)`,
    `${g.rssMB.toFixed(0)} MB`,
  ])), '');
  const marginal = growth.slice(1).map((g, i) => (g.median - growth[i].median) / (g.n - growth[i].n));
  const later = marginal.slice(1);
  const rising = later.some((m) => m > marginal[0] * 1.1);
  const [g0, gN] = [growth[0], growth[growth.length - 1]];
  const spread = later.length ? `${Math.min(...later).toFixed(3)}–${Math.max(...later).toFixed(3)} ms` : '';
  out.push(`Linear: the fit a + b·n (a ≈ ${fmtMs(Math.max(0, intercept))} of start-up and warm-up, b ≈ ${slope.toFixed(3)} ms per draft) explains the medians with R² = ${r2.toFixed(4)}, every point within ${(worst * 100).toFixed(1)}%. 10× the drafts took ${(gN.median / g0.median).toFixed(2)}× the time. ${rising ? '**The cost per further draft grows with n above: look for work that grows faster than the corpus.**' : `The cost per further draft does not grow with n: ${marginal[0].toFixed(3)} ms in the first interval, ${spread} after it (run-to-run noise is a few percent); the first interval is dearer because it still pays the one-time warm-up (each phrase regex compiled on first need). Nothing grows faster than the corpus.`} Peak memory grows with the results held for the report.`, '');

  out.push('## Where the time goes (CPU profile)', '');
  out.push('`node --cpu-prof bin/attune.js …`, the shipped CLI: samples in the bundle are attributed to their source file through the module markers esbuild writes (`// src/core/document.ts`). Self time per category, summed over the main thread. The profiler makes a run slower, so these totals are above the timings. There is no NLP load to show: attune loads no NLP library (no compromise, no natural; the README says why), and the rules decide from phrase data, so the per-document share is the rules\' own work:', '');
  for (const { title, p } of profiles) {
    out.push(`### ${title} (${p.totalMs.toFixed(0)} ms of samples)`, '');
    out.push(table(['category', 'self time', 'share'], p.rows.filter((r) => r.share >= 0.005).map((r) => [r.cat, `${r.ms.toFixed(1)} ms`, `${(r.share * 100).toFixed(1)}%`])), '');
  }

  if (size) {
    out.push('## Installed package size', '');
    out.push('`npm pack`, then `npm install --omit=dev <tarball>` into an empty folder; `du -sk node_modules`.', '');
    out.push(table(['', ''], [
      ['tarball', MB(size.tarball)],
      ['attune unpacked', `${MB(size.unpacked)} (${size.files} files)`],
      ['installed with production dependencies', `**${MB(size.total)}**`],
    ]), '');
    out.push('Largest installed packages:', '');
    out.push(table(['package', 'on disk'], size.top.slice(0, 8).map((t) => [t.name, MB(t.bytes)])), '');
  }
  return `${out.join('\n')}\n`;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  process.exit(1);
});

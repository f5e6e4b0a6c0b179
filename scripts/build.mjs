#!/usr/bin/env node
// The second half of `npm run build` (after tsc): what makes the CLI start fast.
//
// 1. dist/rule-data.json: rules/*.yaml parsed once at build time, each with the YAML text it
//    came from. rules/*.yaml stay the source of truth: src/core/rule-data.ts uses an entry only when
//    the YAML it came from is unchanged, and parses the YAML otherwise (a team lead's edit in
//    node_modules/attune/rules counts at once). Loading the `yaml` package and parsing was ~15%
//    of a one-draft run. The file also holds the literal prefilter of every phrase pattern
//    (src/checks/prefilter.ts), versioned so a stale analysis is never used.
// 2. dist/bundle/main.cjs: the CLI bundled by esbuild into one CommonJS script, so a run reads one
//    file instead of resolving and compiling ~100 modules (or ~30 chunks, one await after another).
//    bin/attune.js compiles it through node:vm with V8's code cache (3., below). cosmiconfig stays
//    external (loaded only when a config file exists; it requires its loaders dynamically).
//    dist/bundle/worker.js is the worker thread's entry, one ES module. bin/attune.js prefers the
//    bundle unless tsc output is newer.
// 3. dist/bundle/main.cjs.<build id>.cache: the code cache, made by one lint of an example draft.
//    Measured on one draft: ~200 ms → ~150 ms; most of it was parsing and compiling JavaScript.

import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const { requiredLiterals, encodeRequirement, PREFILTER_VERSION } = await import(new URL('../dist/checks/prefilter.js', import.meta.url).href);

function precompileRuleData() {
  const rules = {};
  const dir = join(ROOT, 'rules');
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.yaml')) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    const data = parse(text, { prettyErrors: true });
    // Only data JSON holds exactly (no Infinity, dates, …); anything else keeps the YAML path.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data)) continue;
    // The YAML text itself is kept for the comparison: exact, and one string is cheap to parse.
    rules[f.slice(0, -'.yaml'.length)] = { yaml: text, data };
  }
  // The prefilter analysis of every shipped phrase pattern, so a run does not redo it.
  const needs = {};
  const analyse = (x) => {
    // Only strings that compile as patterns: a stored one is built unchecked when it first runs
    // (src/checks/phrase.ts), and one that does not compile must fail at load, with its name.
    try {
      new RegExp(x, 'giu');
    } catch {
      return;
    }
    needs[x] = encodeRequirement(requiredLiterals(x));
  };
  const walk = (v) => {
    // Every string in a list may be a pattern (phrases' `patterns`, rules' cue lists); analysing
    // a string that is not one costs nothing at run time.
    if (Array.isArray(v)) for (const x of v) typeof x === 'string' ? analyse(x) : walk(x);
    else if (v && typeof v === 'object') {
      // Example texts and suggestions are never compiled.
      for (const [k, x] of Object.entries(v)) if (!['examples', 'suggestions', 'note'].includes(k)) walk(x);
    }
  };
  for (const { data } of Object.values(rules)) walk(data);
  mkdirSync(DIST, { recursive: true });
  writeFileSync(join(DIST, 'rule-data.json'), JSON.stringify({ version: 1, rules, prefilter: { version: PREFILTER_VERSION, needs } }));
  return Object.keys(rules).length;
}

// commander requires node:child_process at load time for executable subcommands, which attune
// does not use; loading it (with net, dgram, streams) cost every run a few ms. Deferred instead.
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// The bundle is compiled through node:vm (bin/attune.js), and V8 cannot import() from code compiled
// that way: the one import() of user code goes through the loader's own (src/core/import-module.ts).
const importThroughLoader = {
  name: 'import-through-loader',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]import-module\.ts$/ }, () => ({
      contents: 'export function importModule(specifier) { return __attuneImport(specifier); }',
      loader: 'js',
    }));
  },
};

// chalk's default instance detects color support at import, loading node:tty (and with it net
// and streams): ~4 ms of every run. attune never uses that instance: every Chalk it makes gets
// its level from attune's own --color/NO_COLOR/FORCE_COLOR/TTY logic (useColor in src/cli/io.ts).
const noColorDetection = {
  name: 'no-color-detection-in-chalk',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]node_modules[\\/]chalk[\\/]/.test(args.importer) ? { path: 'supports-color', namespace: 'chalk-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'chalk-stub' }, () => ({
      contents: 'export function createSupportsColor() { return false; }\nexport default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

async function bundle() {
  const outdir = join(DIST, 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Loaded only when a config file exists; it requires its loaders dynamically.
    external: ['cosmiconfig'],
    legalComments: 'none',
    plugins: [lazyChildProcessForCommander, noColorDetection],
    logLevel: 'warning',
  };
  // The CLI: one CommonJS script (no chunks to resolve and read one after another), which
  // bin/attune.js compiles with V8's code cache. import() of built-ins and cosmiconfig become
  // require(); import.meta.url is the script's own URL, so paths relative to it still hold.
  const main = join(outdir, 'main.cjs');
  await build({
    ...common,
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    outfile: main,
    format: 'cjs',
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__attuneUrl' },
    banner: { js: "var __attuneUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [...common.plugins, importThroughLoader],
  });
  // Only ASCII, so bin/attune.js can read it as Latin-1 (no UTF-8 decoding): the few characters
  // esbuild leaves as they are (in regex literals and comments) become \u escapes, which mean
  // the same there.
  const body = readFileSync(main, 'utf8').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // The build id names the code cache made for this exact script: V8 itself checks only the
  // source's length, so a cache left from another build of the same length would be accepted.
  const id = createHash('sha256').update(body).digest('hex').slice(0, 16);
  writeFileSync(main, `// attune-bundle ${id}\n${body}`);
  // The worker thread: one ES module (workers start once per run, in parallel with the main thread).
  await build({
    ...common,
    entryPoints: [join(ROOT, 'src/cli/worker.ts')],
    outfile: join(outdir, 'worker.js'),
    format: 'esm',
    // Bundled CommonJS dependencies call require() for node built-ins.
    banner: { js: "import { createRequire as __attuneCreateRequire } from 'node:module'; const require = __attuneCreateRequire(import.meta.url);" },
  });
  return id;
}

/**
 * V8's code cache for the bundle, made by one run over an example draft, so it holds the
 * functions a lint compiles (bytecode), not only the top level. bin/attune.js uses it when V8
 * accepts it (same V8 version and flags) and compiles from source otherwise.
 */
function codeCache() {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'attune.js'), '--no-config-lookup', join(ROOT, 'fixtures', 'examples', 'draft.txt')], {
    cwd: ROOT,
    env: { ...process.env, ATTUNE_CODE_CACHE: 'write', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  // Without the cache attune is only slower: say so, but do not fail the build (or npm install).
  if (r.status !== 0 && r.status !== 1) process.stderr.write(`build: warning: no code cache (the example run exited ${r.status ?? r.signal}): ${(r.stderr ?? '').trim().split('\n')[0]}\n`);
  return readdirSync(join(DIST, 'bundle')).some((f) => f.endsWith('.cache'));
}

const started = Date.now();
const n = precompileRuleData();
await bundle();
const cached = codeCache();
process.stderr.write(`build: ${n} rule data files precompiled, CLI bundled${cached ? ' with its code cache' : ''} in ${Date.now() - started} ms\n`);

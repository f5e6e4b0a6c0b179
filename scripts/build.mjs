#!/usr/bin/env node
// The second half of `npm run build` (after tsc): what makes the CLI start fast.
//
// 1. dist/rule-data.json: rules/*.yaml parsed once at build time, each with the YAML text it
//    came from. rules/*.yaml stay the source of truth: src/core/rule-data.ts uses an entry only when
//    the YAML it came from is unchanged, and parses the YAML otherwise (a team lead's edit in
//    node_modules/attune/rules counts at once). Loading the `yaml` package and parsing was ~15%
//    of a one-draft run. The file also holds the literal prefilter of every phrase pattern
//    (src/checks/prefilter.ts), versioned so a stale analysis is never used.
// 2. dist/bundle/: the CLI (and its worker) bundled by esbuild, so a run reads a few files instead
//    of resolving and compiling ~100 modules. Dynamic imports stay separate chunks (splitting), so
//    `--version` and `--help` load little. cosmiconfig stays external (loaded only when a config
//    file exists; it requires its loaders dynamically). bin/attune.js prefers the bundle unless tsc output is newer.

import { build } from 'esbuild';
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
  const walk = (v) => {
    // Every string in a list may be a pattern (phrases' `patterns`, rules' cue lists); analysing
    // a string that is not one costs nothing at run time.
    if (Array.isArray(v)) for (const x of v) typeof x === 'string' ? (needs[x] = encodeRequirement(requiredLiterals(x))) : walk(x);
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

async function bundle() {
  const outdir = join(DIST, 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(ROOT, 'src/cli/main.ts'), worker: join(ROOT, 'src/cli/worker.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['cosmiconfig'],
    // Bundled CommonJS dependencies call require() for node built-ins.
    banner: { js: "import { createRequire as __attuneCreateRequire } from 'node:module'; const require = __attuneCreateRequire(import.meta.url);" },
    // Chunks beside the entries: modules find the package root as import.meta.url/../..
    chunkNames: '[name]-[hash]',
    legalComments: 'none',
    plugins: [lazyChildProcessForCommander],
    logLevel: 'warning',
  });
}

const started = Date.now();
const n = precompileRuleData();
await bundle();
process.stderr.write(`build: ${n} rule data files precompiled, CLI bundled in ${Date.now() - started} ms\n`);

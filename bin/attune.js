#!/usr/bin/env node
// Thin entry: all behaviour lives in the CLI's run() (returns the exit code, never throws).
if (typeof process.getBuiltinModule !== 'function') {
  // package.json's engines says so too, but npm only warns about it.
  process.stderr.write(`attune: needs Node.js 20.19 or newer; this is ${process.version}\n`);
  process.exit(2);
}
// Built-ins through process.getBuiltinModule: an `import` of node:fs builds its ES-module facade,
// which loads every lazy export (streams among them), a few ms of every run.
const { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const { dirname } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const vm = process.getBuiltinModule('node:vm');
const { crc32 } = process.getBuiltinModule('node:zlib');

// No V8 flags are changed at run time: Node documents that changing them after start-up may crash
// (a 10,000-file benchmark run with --no-regexp-tier-up set that way ended in a segfault).

const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

/**
 * The esbuild bundle (scripts/build.mjs): one CommonJS script, compiled here with V8's code cache
 * so that a run neither parses ~750 kB of JavaScript nor compiles the functions a lint needs.
 * The cache belongs to one build (its id is the script's first line) and one V8 version and set
 * of flags; V8 rejects it otherwise and the script compiles from source as usual. A missing or
 * rejected cache is written anew after the run, beside the script, when that folder is writable
 * (ATTUNE_CODE_CACHE=off: neither read nor written). The cache holds compiled attune code only,
 * never anything from the text linted.
 */
async function loadBundle(file) {
  // The build makes the script pure ASCII: Latin-1 reads it without decoding UTF-8.
  const source = readFileSync(file, 'latin1');
  const id = /^\/\/ attune-bundle ([0-9a-f]+)\n/.exec(source)?.[1];
  const mode = process.env.ATTUNE_CODE_CACHE;
  const cacheFile = id && mode !== 'off' ? `${file}.${id}.cache` : null;
  let cachedData;
  if (cacheFile && mode !== 'write') {
    try {
      // V8 checks version, flags and source length, but not (in release builds) the data itself:
      // a damaged cache would crash the process. The file starts with the CRC-32 of the rest.
      const bytes = readFileSync(cacheFile);
      if (bytes.length > 4 && bytes.readUInt32BE(0) === crc32(bytes.subarray(4))) cachedData = bytes.subarray(4);
    } catch {
      // none yet: compile from source
    }
  }
  // The CommonJS wrapper, on the script's first line so line numbers in stack traces hold.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __attuneImport) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), (specifier) => import(specifier));
  const writeCache = () => {
    if (!cacheFile || (cachedData && !script.cachedDataRejected)) return;
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      const data = script.createCachedData();
      const head = Buffer.alloc(4);
      head.writeUInt32BE(crc32(data));
      writeFileSync(tmp, Buffer.concat([head, data]));
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only install: the next run compiles from source again, which is only slower.
      try {
        unlinkSync(tmp);
      } catch {
        // nothing was written
      }
    }
  };
  return { main: module.exports, writeCache };
}

// A later bare `tsc` makes dist/cli newer than the bundle: then run what tsc built.
const bundle = here('../dist/bundle/main.cjs');
let main;
let writeCache = () => {};
try {
  if (mtime(bundle) >= 0 && mtime(bundle) >= mtime(here('../dist/cli/main.js'))) ({ main, writeCache } = await loadBundle(bundle));
  else main = await import('../dist/cli/main.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
    process.stderr.write('attune: dist/ is missing; run `npm run build` (npm install does it for you)\n');
    process.exit(2);
  }
  throw err;
}
// A closed pipe (attune … | head) is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
process.exitCode = await main.run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  isTTY: { stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY) },
});
// A cache written after --version or --help would hold little of the code a lint needs, and
// would be used from then on: only a run that did some work writes one.
const args = process.argv.slice(2);
if (!args.some((a) => ['--version', '-v', '--help', '-h'].includes(a))) writeCache();

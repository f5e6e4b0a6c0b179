#!/usr/bin/env node
// Thin entry: all behaviour lives in dist/cli/main.js (run() returns the exit code, never throws).
import { statSync } from 'node:fs';

// No V8 flags are changed at run time: `--no-regexp-tier-up` set through v8.setFlagsFromString
// made start-up faster, but a 10,000-file benchmark run ended in a segfault (exit 139) with it,
// and Node documents that changing V8 flags after start-up may crash. Correctness first.

// `npm run build` also writes an esbuild bundle (dist/bundle/, see scripts/build.mjs) that starts
// much faster. A later bare `tsc` makes dist/cli newer than the bundle: then run what tsc built.
const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('../dist/bundle/main.js') >= mtime('../dist/cli/main.js') && mtime('../dist/bundle/main.js') >= 0;
let main;
try {
  main = await import(bundled ? '../dist/bundle/main.js' : '../dist/cli/main.js');
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

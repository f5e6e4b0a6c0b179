#!/usr/bin/env node
// Thin entry: all behaviour lives in dist/cli/main.js (run() returns the exit code, never throws).
let main;
try {
  main = await import('../dist/cli/main.js');
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

// The README is assembled from docs/readme/*.md and the rules' tested examples; a change to either
// without `npm run readme` would let the README drift from what attune does.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('README', () => {
  it('is up to date with docs/readme and the rules (npm run readme)', () => {
    const root = join(import.meta.dirname, '..');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'readme.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

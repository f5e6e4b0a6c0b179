// The HTML audit report in a real browser (Debian's chromium, driven by playwright-core): the charts,
// the macro table and the highlights render, nothing is fetched, there are no console errors,
// sorting and filtering work, it fits a laptop screen and hides its controls in print.
// Leaves test-artifacts/audit-report.html and audit-report.png for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { run } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import { builtinRules } from '../src/rules/index.js';
import { readLibrary } from '../src/sources/library/index.js';
import type { Rule } from '../src/core/types.js';

const ROOT = join(import.meta.dirname, '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const REPORT = join(ARTIFACTS, 'audit-report.html');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// A marker rule guarantees highlights whatever the built-in rules' wording is today.
const marker: Rule = {
  meta: { id: 'test-marker', category: 'tone', defaultSeverity: 'error', description: 'marker', docs: 'rules/test-marker.md', messages: { found: 'Marker found.' }, fixable: false, hasSuggestions: false },
  check({ doc, report }) {
    for (const m of doc.text.matchAll(/MARKER/g)) report({ messageId: 'found', start: m.index, end: m.index + 6 });
  },
};

let macros = 0;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The sample exports plus a few marked copies, as one library (the report a README shows).
  const lib = join(ARTIFACTS, 'audit-browser-library.json');
  const entries: Array<{ name: string; body: string }> = [];
  const dir = join(ROOT, 'fixtures', 'libraries');
  for (const f of readdirSync(dir).filter((n) => /\.(json|ya?ml|csv|md)$/.test(n)).sort()) {
    for (const u of readLibrary({ file: f, absPath: null, text: readFileSync(join(dir, f), 'utf8') }).units) {
      entries.push({ name: `${u.document?.name ?? f}`, body: u.text });
    }
  }
  entries.push({ name: 'Marked <draft> & "quoted"', body: 'Hi there, this MARKER draft has <b>markup</b> and a MARKER twice.' });
  macros = entries.length;
  writeFileSync(lib, JSON.stringify(entries, null, 2));
  let err = '';
  const io: CliIO = {
    stdout: { write: () => undefined },
    stderr: { write: (s: string) => void (err += s) },
    stdin: (async function* () {})(),
    env: {},
    cwd: ROOT,
    isTTY: { stdin: true, stdout: false },
  };
  const code = await run(['audit', 'test-artifacts/audit-browser-library.json', '--format', 'html', '-o', REPORT, '--title', 'sample library'], io, { rules: [...builtinRules, marker] });
  expect(err).toBe('');
  expect(code).toBe(1);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await page.goto(pathToFileURL(REPORT).href);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('audit report in Chromium', () => {
  it('renders the three charts as SVG with visible bars', async () => {
    expect(await page.locator('#chart-histogram rect.bar').count()).toBe(10);
    expect(await page.locator('#chart-categories rect.bar').count()).toBe(5);
    expect(await page.locator('#chart-rules rect.bar').count()).toBeGreaterThanOrEqual(1);
    for (const id of ['#chart-histogram', '#chart-rules', '#chart-categories']) {
      const box = await page.locator(id).boundingBox();
      expect(box!.width).toBeGreaterThan(250);
      expect(box!.height).toBeGreaterThan(60);
    }
    const tallest = await page.locator('#chart-histogram rect.bar').evaluateAll((rs) => Math.max(...rs.map((r) => r.getBoundingClientRect().height)));
    expect(tallest).toBeGreaterThan(50);
  });

  it('lists every macro in the table and highlights findings in place', async () => {
    expect(await page.locator('#macro-table tbody tr').count()).toBe(macros);
    const marks = page.locator('mark.hl');
    expect(await marks.count()).toBeGreaterThanOrEqual(2);
    const markerTexts = await page.locator('mark.hl.sev-error', { hasText: 'MARKER' }).allTextContents();
    expect(markerTexts).toEqual(['MARKER', 'MARKER']);
    expect(await page.locator('mark.hl.sev-error', { hasText: 'MARKER' }).first().isVisible()).toBe(true);
    // Macro text is shown as text: the <b> inside it is not markup.
    expect(await page.getByText('Marked <draft> & "quoted"').first().isVisible()).toBe(true);
    expect(await page.locator('.text b').count()).toBe(0);
  });

  it('has no console errors and fetches nothing', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('sorts the table when a column header is clicked', async () => {
    const scores = () => page.locator('#macro-table tbody tr td:nth-child(4)').allTextContents().then((t) => t.map(Number));
    const scoreHeader = page.locator('#macro-table th', { hasText: 'Score' });
    await scoreHeader.locator('button').click();
    expect(await scoreHeader.getAttribute('aria-sort')).toBe('ascending');
    const asc = await scores();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBeLessThan(asc.at(-1)!);
    await scoreHeader.locator('button').click();
    expect(await scoreHeader.getAttribute('aria-sort')).toBe('descending');
    const desc = await scores();
    expect(desc).toEqual([...desc].sort((a, b) => b - a));

    await page.locator('#macro-table th', { hasText: 'Macro' }).locator('button').click();
    const names = await page.locator('#macro-table tbody tr td:nth-child(2)').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
  });

  it('filters the table as the user types', async () => {
    await page.fill('#macro-filter', 'zzz-no-such-macro');
    expect(await page.locator('#macro-table tbody tr:visible').count()).toBe(0);
    await page.fill('#macro-filter', 'marked');
    expect(await page.locator('#macro-table tbody tr:visible').count()).toBe(1);
    await page.fill('#macro-filter', '');
    expect(await page.locator('#macro-table tbody tr:visible').count()).toBe(macros);
  });

  it('fits a 1280px laptop screen without horizontal scrolling, and hides controls in print', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'audit-report.png') });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#macro-filter').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });
});

// The audit as one self-contained HTML page a team lead can open, share or print: inline CSS, inline
// SVG charts and a few lines of inline JS for sorting, nothing fetched (a Content-Security-Policy
// forbids any network request, so a stray URL in a macro can never load). Every piece of macro
// text and every name is escaped; nothing from the library is ever put into the script.

import { topFinding, type AuditMacro, type AuditReport } from '../audit/aggregate.js';
import { CATEGORIES, type Category } from '../core/types.js';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const SCORE_BANDS = [
  { below: 50, color: '#c0392b', label: 'poor' },
  { below: 80, color: '#c77c02', label: 'fair' },
  { below: 101, color: '#2e7d4f', label: 'good' },
];
const scoreColor = (s: number) => SCORE_BANDS.find((b) => s < b.below)!.color;

const CATEGORY_COLORS: Record<Category, string> = {
  empathy: '#7b4fa6',
  action: '#2866b3',
  boundaries: '#b3412a',
  tone: '#a0712b',
  safety: '#b0233f',
};

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

// ---------------------------------------------------------------------------------------------
// Charts

function histogramSvg(report: AuditReport): string {
  const W = 400;
  const H = 210;
  const left = 30;
  const bottom = 34;
  const top = 18;
  const plotW = W - left - 8;
  const plotH = H - bottom - top;
  const max = Math.max(1, ...report.histogram.map((h) => h.count));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const bw = plotW / report.histogram.length;
  const parts: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    const y = top + plotH - (v / yMax) * plotH;
    parts.push(`<line class="grid" x1="${left}" x2="${W - 8}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}"/>`);
    parts.push(`<text class="axis" x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${v}</text>`);
  }
  report.histogram.forEach((h, i) => {
    const bh = (h.count / yMax) * plotH;
    const x = left + i * bw + 3;
    const y = top + plotH - bh;
    parts.push(
      `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(bw - 6).toFixed(1)}" height="${Math.max(bh, h.count ? 1 : 0).toFixed(1)}" fill="${scoreColor(h.from)}"><title>Score ${h.from}–${h.to}: ${h.count} ${h.count === 1 ? 'macro' : 'macros'}</title></rect>`,
    );
    if (h.count) parts.push(`<text class="value" x="${(x + (bw - 6) / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${h.count}</text>`);
    parts.push(`<text class="axis" x="${(x + (bw - 6) / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${h.from}${i === report.histogram.length - 1 ? '+' : ''}</text>`);
  });
  parts.push(`<text class="axis" x="${left + plotW / 2}" y="${H - 4}" text-anchor="middle">score</text>`);
  return `<svg class="chart" id="chart-histogram" viewBox="0 0 ${W} ${H}" role="img" aria-label="Histogram of macro scores">${parts.join('')}</svg>`;
}

function niceStep(max: number): number {
  const rough = max / 4;
  const pow = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  for (const m of [1, 2, 5, 10]) if (m * pow >= rough) return Math.max(1, m * pow);
  return Math.max(1, 10 * pow);
}

function hbarSvg(id: string, label: string, rows: Array<{ name: string; value: number; max: number; color: string; text: string; title: string }>): string {
  const W = 400;
  const rowH = 26;
  const labelW = 150;
  const valueW = 52;
  const H = Math.max(rowH, rows.length * rowH) + 8;
  const plotW = W - labelW - valueW;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const w = r.max > 0 ? (r.value / r.max) * plotW : 0;
    parts.push(`<text class="label" x="${labelW - 8}" y="${y + 17}" text-anchor="end">${esc(r.name)}</text>`);
    parts.push(`<rect class="track" x="${labelW}" y="${y + 5}" width="${plotW}" height="16" rx="3"/>`);
    parts.push(`<rect class="bar" x="${labelW}" y="${y + 5}" width="${Math.max(w, r.value > 0 ? 2 : 0).toFixed(1)}" height="16" rx="3" fill="${r.color}"><title>${esc(r.title)}</title></rect>`);
    parts.push(`<text class="value" x="${labelW + plotW + 6}" y="${y + 17}">${esc(r.text)}</text>`);
  });
  if (rows.length === 0) parts.push(`<text class="label" x="8" y="20">No findings</text>`);
  return `<svg class="chart" id="${id}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">${parts.join('')}</svg>`;
}

function rulesSvg(report: AuditReport): string {
  const fired = report.rules.filter((r) => r.findings > 0).slice(0, 14);
  const max = Math.max(1, ...fired.map((r) => r.findings));
  return hbarSvg('chart-rules', 'Findings per rule', fired.map((r) => ({
    name: r.rule,
    value: r.findings,
    max,
    color: CATEGORY_COLORS[r.category] ?? '#555',
    text: String(r.findings),
    title: `${r.rule}: ${r.findings} findings in ${r.macros} macros (${r.errors} errors)`,
  })));
}

function categoriesSvg(report: AuditReport): string {
  const rows = CATEGORIES.filter((c) => report.categories[c] !== null).map((c) => ({
    name: c,
    value: report.categories[c]!,
    max: 100,
    color: scoreColor(report.categories[c]!),
    text: report.categories[c]!.toFixed(1),
    title: `${c}: mean category score ${report.categories[c]!.toFixed(1)} of 100`,
  }));
  return hbarSvg('chart-categories', 'Mean score per category', rows);
}

// ---------------------------------------------------------------------------------------------
// Macro text with findings in place

export function highlightText(m: AuditMacro): string {
  const text = m.text ?? '';
  const hs = m.highlights.filter((h) => h.end > h.start);
  const cuts = new Set<number>([0, text.length]);
  for (const h of hs) {
    cuts.add(h.start);
    cuts.add(h.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const active = hs.filter((h) => h.start <= a && h.end >= b);
    const seg = esc(text.slice(a, b));
    if (active.length === 0) out.push(seg);
    else {
      const fs = active.map((h) => m.findings[h.finding]!);
      const sev = fs.some((f) => f.severity === 'error') ? 'error' : 'warning';
      const title = fs.map((f) => `${f.rule}: ${f.message}`).join('\n');
      out.push(`<mark class="hl sev-${sev}" data-findings="${active.map((h) => h.finding + 1).join(' ')}" title="${esc(title)}">${seg}</mark>`);
    }
    for (const h of hs) if (h.end === b) out.push(`<sup class="fn sev-${m.findings[h.finding]!.severity}">${h.finding + 1}</sup>`);
  }
  return out.join('');
}

function macroArticle(m: AuditMacro, index: number): string {
  const where = m.document ? `${m.file} · entry ${m.document.index + 1}${m.document.id ? ` · id ${m.document.id}` : ''}` : m.file;
  const cats = CATEGORIES.map((c) => `<span class="cat" title="${c} score">${c} <b>${m.categories[c] ?? '–'}</b></span>`).join('');
  const findings = m.findings.map((f, i) => {
    const sugg = f.suggestions.length
      ? `<div class="sugg">Try: ${f.suggestions.slice(0, 2).map((s) => `<q>${esc(s.text)}</q>`).join(' or ')}</div>`
      : '';
    return `<li class="finding sev-${f.severity}"><span class="num">${i + 1}</span> <span class="badge sev-${f.severity}">${f.severity}</span> <code>${esc(f.rule)}</code> ${esc(f.message)} <span class="loc">line ${f.line}, column ${f.column}</span>${sugg}</li>`;
  }).join('');
  const body = m.text === null ? '<p class="muted">Text not available.</p>' : `<div class="text">${highlightText(m)}</div>`;
  return `<details class="macro" id="m-${index}"${m.findings.length ? ' open' : ''}>
<summary><span class="score" style="background:${scoreColor(m.score)}">${m.score}</span> <span class="mname">${esc(m.name)}</span> <span class="muted">${esc(where)}</span> <span class="counts">${m.findings.length ? `${m.findings.length} ${m.findings.length === 1 ? 'finding' : 'findings'}` : 'no findings'}</span></summary>
<div class="cats">${cats}</div>
${body}
${findings ? `<ol class="findings">${findings}</ol>` : ''}
</details>`;
}

// ---------------------------------------------------------------------------------------------

const CSS = `
:root{--fg:#1d2330;--muted:#5f6878;--line:#dde1e8;--bg:#f6f7f9;--card:#fff;--err:#b42318;--warn:#a15c00;--accent:#2866b3}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1240px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 12px}h3{font-size:15px;margin:0 0 8px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(128px,1fr));gap:12px;margin:18px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .k{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.card .v{font-size:26px;font-weight:650}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:14px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;overflow:hidden}
.chart{width:100%;height:auto;display:block}
.chart .grid{stroke:#e8eaef}.chart .axis{font-size:12px;fill:var(--muted)}.chart .value{font-size:13px;fill:var(--fg);font-weight:600}
.chart .label{font-size:13px;fill:var(--fg)}.chart .track{fill:#eef0f4}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef1f5;font-size:13px;white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
th button{all:unset;cursor:pointer;font-weight:650}th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
tbody tr:hover{background:#f8fafc}
td a{color:var(--accent);text-decoration:none}td a:hover{text-decoration:underline}
.score{display:inline-block;min-width:34px;text-align:center;color:#fff;border-radius:12px;padding:1px 8px;font-weight:650;font-variant-numeric:tabular-nums}
.badge{font-size:11px;border-radius:4px;padding:1px 6px;color:#fff;text-transform:uppercase;letter-spacing:.03em}
.badge.sev-error{background:var(--err)}.badge.sev-warning{background:var(--warn)}
.gaps li{margin:6px 0}.gap-miss{color:var(--err);font-weight:650}.gap-ok{color:#2e7d4f;font-weight:650}
.filter{margin:0 0 10px;padding:7px 10px;border:1px solid var(--line);border-radius:6px;width:min(420px,100%);font:inherit}
.macro{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:10px 0;padding:0 16px}
.macro>summary{cursor:pointer;padding:12px 0;list-style-position:outside}
.macro .mname{font-weight:650}.macro .counts{float:right;color:var(--muted);font-size:13px}
.cats{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:12.5px;color:var(--muted);margin:0 0 8px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fbfbfc;border:1px solid var(--line);border-radius:6px;padding:12px 14px;font-size:14.5px}
mark.hl{border-radius:2px;padding:0 1px;color:inherit}
mark.sev-warning{background:#ffe9b3;box-shadow:inset 0 -2px 0 #d69a00}mark.sev-error{background:#ffd5d0;box-shadow:inset 0 -2px 0 #c0392b}
sup.fn{font-size:10px;font-weight:700;margin-left:1px}sup.fn.sev-error{color:var(--err)}sup.fn.sev-warning{color:var(--warn)}
.findings{padding-left:0;list-style:none;margin:10px 0 14px}.finding{margin:6px 0}.finding .num{display:inline-block;min-width:18px;font-weight:700;color:var(--muted)}
.finding .loc{color:var(--muted);font-size:12.5px}.sugg{margin:2px 0 0 24px;color:var(--muted);font-size:13.5px}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef0f4;border-radius:4px;padding:1px 4px}
footer{margin-top:40px;color:var(--muted);font-size:12.5px}
@media (max-width:720px){main{padding:14px}.charts{grid-template-columns:1fr}th.opt,td.opt{display:none}}
@media print{
  body{background:#fff;font-size:11pt}main{max-width:none;padding:0}
  .filter,th button::after{display:none}
  .panel,.card,table,.macro{border-color:#bbb;box-shadow:none}
  .charts{grid-template-columns:1fr 1fr}.panel,.macro,tr{break-inside:avoid}
  h2{break-after:avoid}.macro>summary{list-style:none}
  mark.hl{-webkit-print-color-adjust:exact;print-color-adjust:exact}.score,.badge,.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}`;

// Sorting and filtering read only the DOM; no library text is ever inlined here.
const JS = `
(function(){
  var table=document.getElementById('macro-table');if(!table)return;
  var tbody=table.tBodies[0];
  var heads=table.tHead.rows[0].cells;
  function key(row,i){var c=row.cells[i];var v=c.getAttribute('data-sort');return v===null?c.textContent.trim().toLowerCase():v;}
  Array.prototype.forEach.call(heads,function(th,i){
    var b=th.querySelector('button');if(!b)return;
    b.addEventListener('click',function(){
      var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir);
      var numeric=th.classList.contains('n');
      var rows=Array.prototype.slice.call(tbody.rows);
      rows.sort(function(a,b){var x=key(a,i),y=key(b,i);var r=numeric?(parseFloat(x)-parseFloat(y)):(x<y?-1:x>y?1:0);if(r===0)r=parseFloat(a.getAttribute('data-order'))-parseFloat(b.getAttribute('data-order'));return dir==='ascending'?r:-r;});
      rows.forEach(function(r){tbody.appendChild(r);});
    });
  });
  var f=document.getElementById('macro-filter');
  if(f)f.addEventListener('input',function(){var q=f.value.trim().toLowerCase();Array.prototype.forEach.call(tbody.rows,function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)===-1;});});
  window.addEventListener('beforeprint',function(){Array.prototype.forEach.call(document.querySelectorAll('details.macro'),function(d){d.open=true;});});
})();`;

export interface AuditHtmlOptions {
  /** Shown in the title, e.g. the paths audited. */
  title?: string;
  /** Fixed for reproducible reports and tests; defaults to none. */
  generatedAt?: string;
}

export function auditHtml(report: AuditReport, options: AuditHtmlOptions = {}): string {
  const s = report.summary;
  const title = options.title ? `attune audit: ${options.title}` : 'attune audit';
  const gaps = report.coverage.filter((c) => !c.covered);
  const card = (k: string, v: string, extra = '') => `<div class="card"${extra}><div class="k">${k}</div><div class="v">${v}</div></div>`;

  const order = report.macros.map((_, i) => i).sort((a, b) => report.macros[a]!.score - report.macros[b]!.score || a - b);
  const rows = report.macros.map((m, i) => {
    const errors = m.findings.filter((f) => f.severity === 'error').length;
    const top = m.findings.length ? topOf(m) : '';
    const where = m.document ? `${m.file} #${m.document.index + 1}` : m.file;
    return `<tr data-order="${i}"><td class="n" data-sort="${i}">${i + 1}</td><td data-sort="${esc(m.name.toLowerCase())}"><a href="#m-${i}">${esc(m.name)}</a></td><td class="opt muted">${esc(where)}</td><td class="n" data-sort="${m.score}"><span class="score" style="background:${scoreColor(m.score)}">${m.score}</span></td><td class="n" data-sort="${errors}">${errors}</td><td class="n" data-sort="${m.findings.length - errors}">${m.findings.length - errors}</td><td class="opt">${top}</td></tr>`;
  }).join('\n');

  const lowest = report.lowest.map((l) => {
    const t = l.topFinding;
    return `<tr><td class="n"><span class="score" style="background:${scoreColor(l.score)}">${l.score}</span></td><td><a href="#m-${l.macro}">${esc(l.name)}</a></td><td>${t ? `<span class="badge sev-${t.severity}">${t.severity}</span> <code>${esc(t.rule)}</code> ${esc(t.message)}` : ''}</td><td class="opt muted">${t ? esc(`${l.file}:${t.line}:${t.column}`) : ''}</td></tr>`;
  }).join('\n');

  const coverage = report.coverage.map((c) => c.covered
    ? `<li><span class="gap-ok">✔ ${esc(c.title)}</span> <span class="muted">(${c.macros.length} ${c.macros.length === 1 ? 'macro' : 'macros'}, e.g. ${c.macros.slice(0, 3).map((m) => `<a href="#m-${m.macro}">${esc(m.name)}</a>`).join(', ')})</span></li>`
    : `<li><span class="gap-miss">✖ ${esc(c.title)}: no macro does this.</span> <span class="muted">${esc(c.why)}</span></li>`).join('\n');

  const dups = report.duplicates.groups.map((g) => `<li><b>${g.similarity.toFixed(2)}</b> ${g.macros.map((m) => `<a href="#m-${m.macro}">${esc(m.name)}</a>`).join(' ≈ ')}</li>`).join('\n');

  const problems = report.problems.length
    ? `<h2>Macros that could not be read</h2><ul>${report.problems.map((p) => `<li><code>${esc(p.location ?? '')}</code> ${esc(p.message)}</li>`).join('')}</ul>`
    : '';
  const skipped = report.skipped.length
    ? `<p class="muted">${report.skipped.length} ${report.skipped.length === 1 ? 'entry holds' : 'entries hold'} no reply text and ${report.skipped.length === 1 ? 'was' : 'were'} skipped: ${report.skipped.slice(0, 8).map((k) => esc(k.document.name ?? `#${k.document.index + 1}`)).join(', ')}${report.skipped.length > 8 ? ', …' : ''}.</p>`
    : '';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${esc(title)}</h1>
<div class="muted">${s.macros} ${s.macros === 1 ? 'macro' : 'macros'} in ${s.files} ${s.files === 1 ? 'file' : 'files'} · attune ${esc(report.version)}${options.generatedAt ? ` · ${esc(options.generatedAt)}` : ''}</div>
</header>
<section class="cards" aria-label="Summary">
${card('Macros', String(s.macros))}
${card('Mean score', s.meanScore === null ? '–' : num(s.meanScore))}
${card('Median', s.medianScore === null ? '–' : num(s.medianScore))}
${card('Errors', String(s.errors), s.errors ? ' style="color:var(--err)"' : '')}
${card('Warnings', String(s.warnings))}
${card('Clean', String(s.clean))}
${card('Duplicates', String(report.duplicates.groups.length))}
${card('Gaps', String(gaps.length), gaps.length ? ' style="color:var(--err)"' : '')}
</section>
<section class="charts" aria-label="Charts">
<div class="panel"><h3>Score distribution</h3>${histogramSvg(report)}</div>
<div class="panel"><h3>Findings per rule</h3>${rulesSvg(report)}</div>
<div class="panel"><h3>Category averages</h3>${categoriesSvg(report)}</div>
</section>
${report.lowest.length ? `<h2>Lowest-scoring macros</h2>
<div class="scroll"><table class="lowest"><thead><tr><th class="n">Score</th><th>Macro</th><th>Top finding</th><th class="opt">Where</th></tr></thead><tbody>
${lowest}
</tbody></table></div>` : ''}
<h2>Coverage</h2>
<ul class="gaps">${coverage}</ul>
<h2>Near-duplicate macros <span class="muted">(similarity ≥ ${report.duplicates.threshold})</span></h2>
${dups ? `<ul class="dups">${dups}</ul>` : '<p class="muted">None.</p>'}
${problems}
<h2>All macros</h2>
${skipped}
<input class="filter" id="macro-filter" type="search" placeholder="Filter macros by name, file or rule" aria-label="Filter macros">
<div class="scroll"><table id="macro-table"><thead><tr><th class="n"><button type="button">#</button></th><th><button type="button">Macro</button></th><th class="opt"><button type="button">File</button></th><th class="n"><button type="button">Score</button></th><th class="n"><button type="button">Errors</button></th><th class="n"><button type="button">Warnings</button></th><th class="opt"><button type="button">Top finding</button></th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<h2>Macros, worst first</h2>
${order.map((i) => macroArticle(report.macros[i]!, i)).join('\n')}
<footer>Generated by attune ${esc(report.version)}. Scores run from 0 to 100; findings are highlighted in each macro's text (hover a highlight for its message).</footer>
</main>
<script>${JS}</script>
</body>
</html>
`;
}

function topOf(m: AuditMacro): string {
  const f = topFinding(m.findings)!;
  return `<code>${esc(f.rule)}</code> <span class="muted">${esc(f.message.length > 70 ? `${f.message.slice(0, 69)}…` : f.message)}</span>`;
}

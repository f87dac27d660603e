#!/usr/bin/env node
// Renders job summaries (Markdown) the way GitHub shows them — GitHub-flavoured Markdown,
// alerts, <details>, Mermaid charts — and screenshots each in headless Chromium, so a person
// reviewing a change can look at what users will see.
//
//   node scripts/render-summary.mjs --out DIR SUMMARY.md [SUMMARY.md …]
//
// For each file it writes DIR/NAME.html and DIR/NAME.png and prints one JSON line:
// {"file", "html", "png", "blocks", "rendered", "errors", "charts", "pies"}; "charts" is what each
// xychart drew, in pixels: per plot, bars (x, y, width, height), line points (x, y), and the
// x axis' extent, so a test can compare the drawing with the data; "pies" is each pie's
// legend (label and colour) and its slices' colours. It exits 1 when a Mermaid block did
// not render (Mermaid's error diagram) or a screenshot is missing. No network: Mermaid's
// bundle is copied from node_modules next to the pages.
// CHROMIUM names the browser (default: chromium, Debian's package; scripts/setup.sh installs it).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marked } from 'marked';

const require = createRequire(import.meta.url);
const WIDTH = 1012; // GitHub's job summary column
const MAX_HEIGHT = 20_000;

function usage(message) {
  console.error(
    `${message}\nusage: node scripts/render-summary.mjs --out DIR SUMMARY.md [SUMMARY.md …]`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const at = args.indexOf('--out');
if (at < 0 || !args[at + 1]) usage('--out DIR is required');
const outDir = resolve(args[at + 1]);
const files = args.filter((_, i) => i !== at && i !== at + 1);
if (!files.length) usage('name at least one summary');
const browser = process.env.CHROMIUM || 'chromium';

const escapeHtml = (s) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const ALERTS = {
  NOTE: '#0969da',
  TIP: '#1a7f37',
  IMPORTANT: '#8250df',
  WARNING: '#9a6700',
  CAUTION: '#d1242f',
};

/** GitHub-flavoured Markdown as GitHub renders a summary: Mermaid blocks become diagrams, alerts get their colour. */
export function markdownToHtml(markdown) {
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      code({ text, lang }) {
        if (lang === 'mermaid') return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
        return false;
      },
      blockquote({ tokens }) {
        const body = this.parser.parse(tokens);
        const m = /^<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/.exec(body);
        if (!m) return `<blockquote>\n${body}</blockquote>\n`;
        const kind = m[1];
        const rest = body.slice(m[0].length);
        return `<div class="alert" style="border-color:${ALERTS[kind]}"><p class="alert-title" style="color:${ALERTS[kind]}">${kind[0]}${kind.slice(1).toLowerCase()}</p><p>${rest}</div>\n`;
      },
    },
  });
  return marked.parse(markdown);
}

const CSS = `
body { font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji";
  font-size: 14px; line-height: 1.5; color: #1f2328; background: #fff; margin: 0; }
main { box-sizing: border-box; width: ${WIDTH}px; padding: 24px 32px; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin: 0 0 16px; }
h3 { font-size: 1.25em; margin: 24px 0 16px; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; background: #f6f8fa; }
tr:nth-child(2n) td { background: #f6f8fa; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 85%; background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; padding: 16px; border-radius: 6px; overflow: auto; }
pre code { background: none; padding: 0; }
pre.mermaid { background: none; text-align: center; }
blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.alert { border-left: .25em solid; padding: 8px 16px; margin: 0 0 16px; }
.alert-title { font-weight: 600; margin: 0 0 4px; }
.alert p { margin: 0; }
details { margin: 0 0 16px; }
summary { cursor: pointer; }
sub { color: #59636e; }
a { color: #0969da; }
`;

function page(title, body) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><main>
${body}
</main>
<script src="mermaid.min.js"></script>
<script>
(async () => {
  const status = { blocks: 0, rendered: 0, errors: [], height: 0, charts: [], pies: [] };
  try {
    const nodes = [...document.querySelectorAll('pre.mermaid')];
    status.blocks = nodes.length;
    // Folded sections open, as a reader would open them.
    for (const d of document.querySelectorAll('details')) d.open = true;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    await mermaid.run({ nodes, suppressErrors: true });
    for (const n of nodes) {
      const svg = n.querySelector('svg');
      if (!svg) status.errors.push('no diagram: ' + n.textContent.slice(0, 200));
      else if (svg.getAttribute('aria-roledescription') === 'error' || /Syntax error/.test(svg.textContent))
        status.errors.push('error diagram: ' + (n.getAttribute('data-processed') ? '' : '') + svg.textContent.slice(0, 200));
      else status.rendered++;
    }
    status.charts = [...document.querySelectorAll('pre.mermaid svg')]
      .filter((svg) => svg.querySelector('g.plot'))
      .map((svg) => {
        const num = (el, a) => Number(el.getAttribute(a));
        const bars = [...svg.querySelectorAll('g.plot > g[class^="bar-plot-"]')].map((g) =>
          [...g.querySelectorAll('rect')].map((r) => ({
            x: num(r, 'x'), y: num(r, 'y'), width: num(r, 'width'), height: num(r, 'height'),
          })),
        );
        const lines = [...svg.querySelectorAll('g.plot > g[class^="line-plot-"] > path')].map((p) =>
          [...p.getAttribute('d').matchAll(/(-?[\\d.]+),(-?[\\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
        );
        const axis = svg.querySelector('g.bottom-axis g.axis-line path, g.bottom-axis > g.axis-line > path');
        const xs = axis ? [...axis.getAttribute('d').matchAll(/(-?[\\d.]+),/g)].map((m) => Number(m[1])) : [];
        const labels = [...svg.querySelectorAll('g.bottom-axis g.label text')].map((t) => t.textContent);
        return { bars, lines, axis: xs.length ? { from: Math.min(...xs), to: Math.max(...xs) } : null, labels };
      });
    status.pies = [...document.querySelectorAll('pre.mermaid svg')]
      .filter((svg) => svg.querySelector('path.pieCircle'))
      .map((svg) => ({
        slices: [...svg.querySelectorAll('path.pieCircle')].map((p) => p.getAttribute('fill')),
        legend: [...svg.querySelectorAll('g.legend')].map((g) => ({
          label: g.querySelector('text')?.textContent ?? '',
          fill: g.querySelector('rect')?.style.fill ?? '',
        })),
      }));
  } catch (e) {
    status.errors.push(String(e && e.message || e));
  }
  status.height = Math.ceil(document.documentElement.scrollHeight);
  const out = document.createElement('script');
  out.type = 'application/json';
  out.id = 'render-status';
  out.textContent = JSON.stringify(status);
  document.body.appendChild(out);
})();
</script>
</body></html>
`;
}

function chromium(extra, url) {
  const profile = mkdtempSync(join(tmpdir(), 'render-summary-'));
  try {
    const r = spawnSync(
      browser,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=20000',
        ...extra,
        url,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
    );
    if (r.error)
      throw new Error(
        `${browser}: ${r.error.message} (install Debian's chromium: scripts/setup.sh)`,
      );
    return r;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

mkdirSync(outDir, { recursive: true });
const mermaidJs = join(require.resolve('mermaid/package.json'), '..', 'dist', 'mermaid.min.js');
copyFileSync(mermaidJs, join(outDir, 'mermaid.min.js'));

let failed = false;
for (const file of files) {
  const name = basename(file).replace(/\.md$/, '');
  const html = join(outDir, `${name}.html`);
  const png = join(outDir, `${name}.png`);
  writeFileSync(html, page(name, markdownToHtml(readFileSync(file, 'utf8'))));
  const url = pathToFileURL(html).href;
  // First pass: render, then read what the page says about its diagrams and its height.
  const dom = chromium(['--dump-dom'], url);
  const m = /<script type="application\/json" id="render-status">([^<]*)<\/script>/.exec(
    dom.stdout,
  );
  const status = m
    ? JSON.parse(m[1])
    : { blocks: -1, rendered: 0, errors: ['the page did not finish rendering'], height: 0 };
  // Second pass: a screenshot as tall as the page.
  rmSync(png, { force: true });
  const height = Math.min(MAX_HEIGHT, Math.max(200, status.height || 2000));
  chromium([`--screenshot=${png}`, `--window-size=${WIDTH},${height}`], url);
  if (!existsSync(png)) status.errors.push('no screenshot was written');
  if (status.errors.length) failed = true;
  console.log(JSON.stringify({ file, html, png, ...status }));
}
process.exit(failed ? 1 : 0);

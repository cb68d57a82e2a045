// Page weight and start-up time in headless Chromium, through Playwright:
//
//   node bench/peers/browser.mjs [--runs N] NAME=URL[|SELECTOR] ...
//
// For each page, N runs (5 by default), interleaved across the pages. A run opens a fresh browser
// context (empty cache) and loads the page (cold), then loads it again in a new tab of the same
// context (warm). Each load records, from navigation start (performance.now() in the page):
//   first_input_ms  when the first `input` (not type=hidden), `select` or `textarea` is in the DOM;
//   ready_ms        when SELECTOR is in the DOM; without one, when the page marks itself ready with
//                   <html data-ready> (it also sets window.benchReady, kept as bench_ready_ms). Both
//                   times come from one MutationObserver, so they have the same resolution: the end
//                   of the task that changed the DOM;
//   wire_bytes      bytes received on the network for every response (headers included), until the
//                   page is ready and the network has been idle for 0.5 s (CDP loadingFinished);
//   body_bytes      the response bodies alone, as sent (brotli where the server compresses);
//   requests        responses that came over the network (a 304 counts, a cache hit does not).
// One unmeasured load of each page comes first, so that servers have compressed and cached what
// they serve. Medians go to stdout as JSON, and a table to stderr.
//
// Playwright comes from $PLAYWRIGHT_MODULE, the tools directory (~/.cache/forms-tools) or
// tests/e2e; Chromium from $CHROMIUM_PATH or /usr/bin/chromium.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function loadPlaywright() {
  const tools = process.env.FORMS_TOOLS_DIR || path.join(os.homedir(), '.cache/forms-tools');
  const candidates = [
    process.env.PLAYWRIGHT_MODULE,
    ...['playwright-core', 'playwright'].map((m) => path.join(tools, 'node_modules', m)),
    ...['playwright-core', 'playwright'].map((m) => path.join(repo, 'tests/e2e/node_modules', m)),
  ].filter(Boolean);
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return require(dir);
  }
  throw new Error(`no Playwright found in: ${candidates.join(', ')}`);
}

// ---------- arguments ----------
let runs = 5;
const pages = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number.parseInt(argv[++i], 10);
  else {
    const m = /^([^=]+)=([^|]+)(?:\|(.+))?$/.exec(argv[i]);
    if (!m) usage(`not NAME=URL[|SELECTOR]: ${argv[i]}`);
    pages.push({ name: m[1], url: m[2], selector: m[3] || 'html[data-ready]', own: !m[3] });
  }
}
if (!pages.length || !(runs > 0)) usage('give at least one page and a positive --runs');

function usage(msg) {
  console.error(`browser.mjs: ${msg}`);
  console.error('usage: node bench/peers/browser.mjs [--runs N] NAME=URL[|SELECTOR] ...');
  process.exit(2);
}

// ---------- in the page ----------
// Runs before any script of the page: watches the DOM for the first input and the ready selector.
function observe(selector) {
  const marks = (window.__bench = {});
  const inputs = 'input:not([type=hidden]), select, textarea';
  const check = () => {
    if (marks.firstInput === undefined && document.querySelector(inputs)) marks.firstInput = performance.now();
    if (marks.ready === undefined && document.querySelector(selector)) marks.ready = performance.now();
    if (marks.firstInput !== undefined && marks.ready !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

const TIMEOUT = 60_000;
const failures = new Set(); // requests that failed: a page that reaches for another host, say

async function load(context, page) {
  const tab = await context.newPage();
  tab.on('requestfailed', (r) => failures.add(`${page.name}: ${r.url()} (${r.failure()?.errorText})`));
  await tab.addInitScript(observe, page.selector);
  const cdp = await context.newCDPSession(tab);
  // Per response: the bytes of its headers (responseReceived) and of everything, headers and
  // body as sent, when it finished (loadingFinished); the body is the difference.
  const requests = new Map(); // requestId -> { headers, wire, network }
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId) || { wire: 0 };
    r.headers = e.response.encodedDataLength;
    r.network = !e.response.fromDiskCache && !e.response.fromPrefetchCache && !e.response.fromServiceWorker;
    requests.set(e.requestId, r);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId) || { headers: 0 };
    r.wire = e.encodedDataLength;
    requests.set(e.requestId, r);
  });
  await cdp.send('Network.enable');
  await tab.goto(page.url, { waitUntil: 'commit', timeout: TIMEOUT });
  const marks = await tab
    .waitForFunction(
      () => {
        const m = window.__bench || {};
        return m.firstInput !== undefined && m.ready !== undefined
          ? { firstInput: m.firstInput, ready: m.ready, own: window.benchReady ?? null }
          : null;
      },
      undefined,
      { timeout: TIMEOUT, polling: 50 },
    )
    .then((h) => h.jsonValue());
  await tab.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  await cdp.detach();
  await tab.close();
  const all = [...requests.values()];
  const net = all.filter((r) => r.network && r.wire > 0);
  return {
    first_input_ms: marks.firstInput,
    ready_ms: marks.ready,
    ...(page.own ? { bench_ready_ms: marks.own } : {}),
    wire_bytes: net.reduce((s, r) => s + r.wire, 0),
    body_bytes: net.reduce((s, r) => s + r.wire - r.headers, 0),
    requests: net.length,
  };
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------- main ----------
const { chromium } = loadPlaywright();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
});
const version = browser.version();
const samples = {};
try {
  for (const page of pages) {
    const context = await browser.newContext();
    await load(context, page); // priming, not measured
    await context.close();
  }
  for (let r = 0; r < runs; r++) {
    for (const page of pages) {
      const context = await browser.newContext();
      const cold = await load(context, page);
      const warm = await load(context, page);
      await context.close();
      const s = (samples[page.name] ??= { cold: [], warm: [] });
      s.cold.push(cold);
      s.warm.push(warm);
    }
  }
} finally {
  await browser.close();
}

const result = { chromium: version, runs, pages: {}, failed_requests: [...failures] };
for (const page of pages) {
  const entry = { url: page.url, ready_selector: page.selector };
  for (const mode of ['cold', 'warm']) {
    const list = samples[page.name][mode];
    entry[mode] = {};
    for (const key of Object.keys(list[0])) {
      const xs = list.map((x) => x[key]).filter((x) => typeof x === 'number');
      const v = xs.length ? median(xs) : null;
      entry[mode][key] = v === null ? null : key.endsWith('_ms') ? Math.round(v * 10) / 10 : Math.round(v);
    }
  }
  entry.samples = samples[page.name];
  result.pages[page.name] = entry;
}

const kb = (b) => (b / 1024).toFixed(1);
const rows = [['page', 'mode', 'first input ms', 'ready ms', 'wire KiB', 'body KiB', 'requests']];
for (const [name, e] of Object.entries(result.pages)) {
  for (const mode of ['cold', 'warm']) {
    const m = e[mode];
    rows.push([name, mode, m.first_input_ms.toFixed(1), m.ready_ms.toFixed(1), kb(m.wire_bytes), kb(m.body_bytes), String(m.requests)]);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
console.error(`medians of ${runs} runs, Chromium ${result.chromium}:`);
for (const row of rows) console.error('  ' + row.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
for (const f of failures) console.error(`  warning: request failed: ${f}`);
console.log(JSON.stringify(result));

// The tables of docs/PERFORMANCE.md, in Markdown, from what `make bench` left in bench/results/
// (parts that were not run are left out). `bench/run.sh` ends with it; by hand:
//   node bench/report.mjs > /tmp/tables.md
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const read = (name) => {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
};
const out = [];
const table = (header, rows) => {
  out.push(`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i ? '---:' : '---')).join('|')}|`);
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  out.push('');
};
const int = (x) => Math.round(x).toLocaleString('en-US');
const times = (x, y) => {
  const r = x / y;
  return r >= 10 ? `${int(r)}×` : r >= 0.1 ? `${r.toFixed(2)}×` : `${r.toPrecision(2)}×`;
};

const cpu = os.cpus()[0]?.model?.trim() || 'unknown CPU';
let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  if (execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8' }).trim()) commit += ' with uncommitted changes';
} catch {}
out.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ` +
  `${Math.round(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}, at commit ${commit}.`, '');

const validate = read('validate.json');
if (validate) {
  const v = JSON.parse(validate);
  const ajv = v.engines.ajv;
  out.push(`### Server-side validation (node ${v.node}; medians of ${v.settings.rounds} interleaved rounds of ${v.settings.seconds_per_round} s)`, '');
  const names = { ours: 'ours (native, forms-server)', ajv: `ajv ${v.versions.ajv}`, formio: `Form.io (@formio/core ${v.versions['@formio/core']})`, surveyjs: `SurveyJS (survey-core ${v.versions['survey-core']}), new model each`, surveyjs_reused: 'SurveyJS, one model reused', json_parse: 'JSON.parse alone (Node)' };
  const rows = Object.entries({ ...v.engines, ...v.baseline }).map(([k, e]) => [
    names[k] || k, int(e.valid_per_s), times(e.valid_per_s, ajv.valid_per_s), int(e.invalid_per_s), times(e.invalid_per_s, ajv.invalid_per_s),
  ]);
  table(['engine', 'valid /s', '× ajv', 'invalid /s', '× ajv'], rows);
  const ours = v.engines.ours;
  if (ours) {
    for (const peer of ['formio', 'surveyjs']) {
      out.push(`- ours ÷ ${peer}: ${times(ours.valid_per_s, v.engines[peer].valid_per_s)} (valid), ${times(ours.invalid_per_s, v.engines[peer].invalid_per_s)} (invalid)`);
    }
    out.push('');
  }
}

const browser = read('browser.json');
if (browser) {
  const b = JSON.parse(browser);
  out.push(`### The browser (Chromium ${b.chromium}, headless; medians of ${b.runs})`, '');
  const rows = [];
  for (const [name, e] of Object.entries(b.pages)) {
    for (const mode of ['cold', 'warm']) {
      const m = e[mode];
      rows.push([name, mode, (m.body_bytes / 1000).toFixed(1), (m.wire_bytes / 1000).toFixed(1), String(m.requests), m.first_input_ms.toFixed(0), m.ready_ms.toFixed(0)]);
    }
  }
  table(['page', 'load', 'body kB', 'wire kB', 'requests', 'first input ms', 'ready ms'], rows);
  const ours = b.pages.ours;
  const formio = b.pages.formio;
  if (ours && formio) {
    out.push(`- ours' first input ÷ Form.io's: ${(ours.cold.first_input_ms / formio.cold.first_input_ms).toFixed(2)} cold, ${(ours.warm.first_input_ms / formio.warm.first_input_ms).toFixed(2)} warm`, '');
  }
  if (b.failed_requests?.length) out.push(`- failed requests: ${b.failed_requests.join(', ')}`, '');
}

const keystroke = read('keystroke.txt');
if (keystroke) {
  out.push('### A keystroke (one full evaluation of a generated 300-field form)', '');
  for (const line of keystroke.trim().split('\n')) out.push(`- ${line}`);
  out.push('');
}

const load = read('load.jsonl');
if (load) {
  const runs = load.trim().split('\n').map((l) => JSON.parse(l));
  out.push('### Server load (wrk on loopback, one thread)', '');
  const mb = (kb) => (kb / 1024).toFixed(1);
  table(['server', 'run', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'max ms', 'not 2xx', 'socket errors', 'RSS idle MB', 'RSS peak MB'],
    runs.map((r) => [r.backend, r.run, String(r.connections), int(r.per_s), r.p50_ms.toFixed(2), r.p99_ms.toFixed(2), r.max_ms.toFixed(1),
      String(Object.entries(r.statuses).filter(([s]) => !s.startsWith('2')).reduce((n, [, c]) => n + c, 0)), String(r.socket_errors), mb(r.rss_idle_kb), mb(r.rss_peak_kb)]));
}

const parity = read('parity.txt');
if (parity) out.push('### Parity', '', `- ${parity.trim().split('\n').pop()}`, '');

process.stdout.write(out.join('\n') + '\n');

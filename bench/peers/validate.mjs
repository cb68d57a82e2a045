// Server-side validation throughput of the peer engines in Node, on the same form and data as ours.
//
//   node bench/peers/validate.mjs [--seconds S] [--rounds R] [--forms-bin PATH] [--ours-cmd CMD]
//
// 1. Sanity: every engine judges forms/examples/bench-company-registration/valid.json valid and invalid.json invalid, with the
//    faulty fields listed in invalid.expected.json. Any disagreement exits with status 1.
//    With a `forms` binary (--forms-bin, $FORMS_BIN, ../target/{release,debug}/forms), ours is
//    checked the same way through `forms validate`.
// 2. Throughput: R interleaved rounds (ajv, formio, surveyjs, [ours,] ajv, ...) of S seconds per
//    engine and data file; each engine's median round, in validations per second.
//    --ours-cmd CMD runs once per round in the interleaving, through the shell, with BENCH_DEFINITION,
//    BENCH_DATA (absolute paths), BENCH_CASE (valid|invalid) and BENCH_SECONDS set; it must measure
//    ours natively for about BENCH_SECONDS and print its validations per second as the last line.
//
// A table goes to stderr and one JSON object to stdout.

import { createRequire } from 'node:module';
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const peersDir = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.dirname(peersDir);
const require = createRequire(import.meta.url);

// ---------- arguments ----------
const args = { seconds: 0.5, rounds: 7, formsBin: process.env.FORMS_BIN || '', oursCmd: '' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const next = () => {
    if (i + 1 >= process.argv.length) usage(`${a} needs a value`);
    return process.argv[++i];
  };
  if (a === '--seconds') args.seconds = Number(next());
  else if (a === '--rounds') args.rounds = Number.parseInt(next(), 10);
  else if (a === '--forms-bin') args.formsBin = next();
  else if (a === '--ours-cmd') args.oursCmd = next();
  else usage(`unknown argument ${a}`);
}
if (!(args.seconds > 0) || !(args.rounds > 0)) usage('--seconds and --rounds must be positive');

function usage(msg) {
  console.error(`validate.mjs: ${msg}`);
  console.error('usage: node bench/peers/validate.mjs [--seconds S] [--rounds R] [--forms-bin PATH] [--ours-cmd CMD]');
  process.exit(2);
}

// ---------- inputs ----------
const readJson = (p) => JSON.parse(fs.readFileSync(path.join(benchDir, p), 'utf8'));
const definitionPath = path.join(benchDir, 'forms/registration.json');
const cases = {
  valid: { file: path.join(benchDir, 'forms/examples/bench-company-registration/valid.json'), expect: true },
  invalid: { file: path.join(benchDir, 'forms/examples/bench-company-registration/invalid.json'), expect: false },
};
for (const c of Object.values(cases)) c.data = JSON.parse(fs.readFileSync(c.file, 'utf8'));
const expectedFaults = readJson('forms/examples/bench-company-registration/invalid.expected.json').map((e) => e.path).sort();

const versionOf = (pkg) => JSON.parse(fs.readFileSync(path.join(benchDir, 'node_modules', pkg, 'package.json'), 'utf8')).version;

// ---------- engines ----------
// Each engine: body(data) gives the request body a server would receive, as a string (prepared
// once, outside the timing); check(body) parses it and validates, returning {valid, faults?}.
// Parsing the body is timed for every engine alike (json_parse below measures it alone).

function ajvEngine() {
  const Ajv2020 = require('ajv/dist/2020').default;
  const addFormats = require('ajv-formats').default;
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(readJson('peers/schema.json')); // compiled once, reused
  return {
    name: 'ajv',
    body: (data) => JSON.stringify(data),
    check(body, withFaults) {
      const valid = validate(JSON.parse(body));
      if (!withFaults) return { valid };
      const faults = [];
      for (const e of validate.errors || []) {
        if (e.keyword === 'if') continue; // the wrapper of a failed `then`, reported by itself
        const at = e.keyword === 'required' ? `${e.instancePath}/${e.params.missingProperty}` : e.instancePath;
        faults.push({ path: at, code: e.keyword === 'format' ? `format:${e.params.format}` : e.keyword });
      }
      return { valid, faults };
    },
  };
}

function formioEngine() {
  const { processSync, Processors } = require('@formio/core');
  const form = readJson('peers/formio.json'); // the form JSON is reused, as a server caches it
  const selectBoxes = [];
  const walk = (cs) => cs.forEach((c) => (c.type === 'selectboxes' ? selectBoxes.push(c) : walk(c.components || [])));
  walk(form.components);
  return {
    name: 'formio',
    // Form.io's submission is {data: ...}, and a selectboxes answer is {value: boolean, ...}
    // (top-level selectboxes: the only kind this form has).
    body(data) {
      const d = structuredClone(data);
      for (const c of selectBoxes) {
        if (Array.isArray(d[c.key])) d[c.key] = Object.fromEntries(c.values.map((v) => [v.value, d[c.key].includes(v.value)]));
      }
      return JSON.stringify({ data: d });
    },
    check(body, withFaults) {
      const submission = JSON.parse(body);
      const context = {
        form,
        submission,
        data: submission.data,
        components: form.components,
        processors: Processors,
        scope: { errors: [] },
        config: { server: true },
      };
      processSync(context);
      const errors = context.scope.errors;
      const valid = errors.length === 0;
      if (!withFaults) return { valid };
      const faults = errors.map((e) => ({
        path: '/' + String(e.context.path).replace(/\[(\d+)\]/g, '.$1').split('.').join('/'),
        code: e.ruleName,
      }));
      return { valid, faults };
    },
  };
}

// reuse = false: a new Model per submission, the realistic server case (a Model holds one
// respondent's state). reuse = true: one Model per process, cleared before each submission.
async function surveyEngine(reuse) {
  const { Model } = await import('survey-core');
  const json = readJson('peers/survey.json'); // the survey JSON is reused
  const kept = reuse ? new Model(json) : null;
  return {
    name: reuse ? 'surveyjs_reused' : 'surveyjs',
    body: (data) => JSON.stringify(data),
    check(body, withFaults) {
      let survey = kept;
      if (survey) survey.clear(true, true);
      else survey = new Model(json);
      survey.data = JSON.parse(body);
      // fireCallback = true: SurveyJS then keeps the errors on the questions, as a server needs them.
      const valid = survey.validate(true, false);
      if (!withFaults) return { valid };
      const faults = [];
      // Validators' errors are all of type "custom": their text says which rule failed.
      const code = (e) => (e.getErrorType() === 'custom' ? JSON.stringify(e.getText()) : e.getErrorType());
      const add = (at, q) => q.errors.length && faults.push({ path: at, code: code(q.errors[0]) });
      for (const q of survey.getAllQuestions()) {
        add(`/${q.name}`, q);
        if (q.getType() === 'paneldynamic') q.panels.forEach((p, i) => p.questions.forEach((r) => add(`/${q.name}/${i}/${r.name}`, r)));
      }
      return { valid, faults };
    },
  };
}

function jsonParseBaseline() {
  // Not an engine: its "verdict" only follows the case, so that the timing loop can check it.
  return { name: 'json_parse', body: (data) => JSON.stringify(data), check: (body) => ({ valid: JSON.parse(body).email.includes('@') }) };
}

function oursEngine(cmd) {
  return {
    name: 'ours',
    round(caseName, seconds) {
      const out = execSync(cmd, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          BENCH_DEFINITION: definitionPath,
          BENCH_DATA: cases[caseName].file,
          BENCH_CASE: caseName,
          BENCH_SECONDS: String(seconds),
        },
      });
      const rate = Number(out.trim().split('\n').pop());
      if (!(rate > 0)) throw new Error(`--ours-cmd printed no rate: ${JSON.stringify(out)}`);
      return rate;
    },
  };
}

function findFormsBin() {
  const candidates = args.formsBin
    ? [args.formsBin]
    : ['target/release/forms', 'target/debug/forms'].map((p) => path.join(benchDir, '..', p));
  return candidates.find((p) => fs.existsSync(p)) || '';
}

function oursSanity(bin, file) {
  let out;
  try {
    out = execFileSync(bin, ['validate', definitionPath, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status !== 1) throw e; // 1 = invalid data, anything else is a failure to run
    out = e.stdout;
  }
  const result = JSON.parse(out);
  return { valid: result.valid, faults: result.errors.map((e) => ({ path: e.path, code: e.code })) };
}

// ---------- sanity ----------
const engines = [ajvEngine(), formioEngine(), await surveyEngine(false), await surveyEngine(true)];
const baseline = jsonParseBaseline();
for (const e of [...engines, baseline]) for (const [k, c] of Object.entries(cases)) (e.bodies ??= {})[k] = e.body(c.data);

const sameSet = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
let disagree = false;
const verdicts = {};
function judge(name, caseName, r) {
  const c = cases[caseName];
  const faults = (r.faults || []).slice().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const paths = faults.map((f) => f.path);
  const okVerdict = r.valid === c.expect;
  const okFaults = c.expect ? paths.length === 0 : sameSet(paths, expectedFaults);
  if (!okVerdict || !okFaults) disagree = true;
  (verdicts[name] ??= {})[caseName] = { valid: r.valid, faults };
  const mark = okVerdict && okFaults ? 'ok  ' : 'FAIL';
  const listed = faults.map((f) => `${f.path} (${f.code})`).join(' ');
  console.error(`  ${mark} ${name.padEnd(15)} ${caseName.padEnd(8)} -> ${r.valid ? 'valid' : 'invalid'}${listed ? '  ' + listed : ''}`);
  if (okVerdict && !okFaults) console.error(`       expected faults: ${expectedFaults.join(' ')}`);
}

function sanity(label) {
  console.error(`sanity (${label}):`);
  for (const e of engines) for (const k of Object.keys(cases)) judge(e.name, k, e.check(e.bodies[k], true));
}

sanity('before the timing');
const formsBin = findFormsBin();
if (formsBin) {
  for (const [k, c] of Object.entries(cases)) judge('ours', k, oursSanity(formsBin, c.file));
} else {
  console.error('  skip ours            (no forms binary: build it or pass --forms-bin)');
}
if (disagree) {
  console.error('validate.mjs: the engines disagree on the data; no timing');
  process.exit(1);
}

// ---------- timing ----------
function timeRound(e, caseName, seconds) {
  const body = e.bodies[caseName];
  const expect = cases[caseName].expect;
  const limit = seconds * 1000;
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    if (e.check(body, false).valid !== expect) throw new Error(`${e.name} changed its verdict on ${caseName}`);
    n++;
    t = performance.now();
  } while (t - t0 < limit);
  return (n * 1000) / (t - t0);
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const timed = [...engines, baseline];
if (args.oursCmd) timed.push(oursEngine(args.oursCmd));
const rounds = {};
// Warm-up: one short round of each, so that the JIT has settled before the first measured round.
for (const e of timed) if (!e.round) for (const k of Object.keys(cases)) timeRound(e, k, Math.min(0.3, args.seconds));
for (let r = 0; r < args.rounds; r++) {
  for (const k of Object.keys(cases)) {
    for (const e of timed) {
      const rate = e.round ? e.round(k, args.seconds) : timeRound(e, k, args.seconds);
      ((rounds[e.name] ??= {})[k] ??= []).push(rate);
    }
  }
}

sanity('after the timing'); // the reused form JSON and compiled validator still judge the same
if (disagree) {
  console.error('validate.mjs: an engine changed its verdicts during the timing');
  process.exit(1);
}

// ---------- report ----------
const result = { engines: {}, baseline: {}, versions: {}, node: process.version, settings: {} };
for (const [name, rs] of Object.entries(rounds)) {
  const entry = {
    valid_per_s: Math.round(median(rs.valid)),
    invalid_per_s: Math.round(median(rs.invalid)),
    valid_rounds: rs.valid.map(Math.round),
    invalid_rounds: rs.invalid.map(Math.round),
  };
  if (name === 'json_parse') result.baseline[name] = entry;
  else result.engines[name] = entry;
}
for (const pkg of ['ajv', 'ajv-formats', '@formio/core', '@formio/js', 'survey-core', 'survey-js-ui']) {
  result.versions[pkg] = versionOf(pkg);
}
result.settings = { rounds: args.rounds, seconds_per_round: args.seconds, sanity: verdicts };

const ajvRates = result.engines.ajv;
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const ratio = (x, y) => (x / y >= 0.1 ? (x / y).toFixed(2) : (x / y).toPrecision(2));
const rows = [
  ['engine', 'valid/s', 'x ajv', 'invalid/s', 'x ajv'],
  ...Object.entries({ ...result.engines, ...result.baseline }).map(([name, e]) => [
    name,
    fmt(e.valid_per_s),
    ratio(e.valid_per_s, ajvRates.valid_per_s),
    fmt(e.invalid_per_s),
    ratio(e.invalid_per_s, ajvRates.invalid_per_s),
  ]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.error(`\nvalidations per second, median of ${args.rounds} interleaved rounds of ${args.seconds} s (node ${process.version}):`);
for (const r of rows) console.error('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
console.error('  (each includes JSON.parse of the body; json_parse is that alone)');
console.log(JSON.stringify(result));

#!/usr/bin/env node
'use strict';
// The `plan` benchmark (issues #17, #28 and #29): the real `cdk8s-spark-eci plan` command, one
// fresh process per measurement. Prints progress on stderr and one JSON line on stdout (bench/run.js
// adds it to results.json):
//   {"plan":{"jobs10000policies1000":{"cpuS","maxRssMiB","wallS","outputMB"},...,"scaling1000to10000"}}
//
// Cases (BENCH_PLAN_CASES=a,b selects some; default all):
//   jobs   the YAML of N SparkApplications (the workload's SparkPi: 1 driver + 5 executors) with one
//          ResourcePolicy and one ImageCache per 10 jobs, or one policy for all, planned to JSON:
//          1,000 jobs / 100 policies, 10,000 / 1,000 and 10,000 / 1.
//   formats  10,000 jobs / 1,000 policies in each of the four formats (table, json, markdown, html),
//          written with --output: issue #29's target is per format (json is measured once, by `jobs`
//          when both run).
//   keys   a ConfigMap of 100,000 keys (1.2 MB, issue #28): YAML loading must be linear in the
//          keys of a mapping (duplicate keys found with a hash, not by scanning the keys before).
//
// The job input is the library's own output: 10 jobs synthesized by the built package (lib/), then
// copied block by block with their names renumbered (synthesizing 10,000 jobs would time the
// library's synth, not the plan). Scratch files go to bench/tmp/ (git-ignored).
// Environment: BENCH_QUICK=1 runs each case once (default: the median of 3).
// `node bench/plan.js --record` also writes the figures it measured into bench/results.json (its
// `plan` section and the plan targets), leaving every other figure of the last full run as it is:
// a way to run only the plan cases.

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const w = require('./workload');

const ROOT = path.resolve(__dirname, '..');
const TMP = path.join(__dirname, 'tmp');
const RESULTS = path.join(__dirname, 'results.json');
const BIN = path.join(ROOT, 'bin', 'cdk8s-spark-eci');
const REPS = process.env.BENCH_QUICK === '1' ? 1 : 3;
const BLOCK = w.JOBS_PER_POLICY;
const FORMATS = ['table', 'json', 'markdown', 'html'];
const CASES = ['jobs', 'formats', 'keys'];

/** The plan command's targets (issue #29 for CPU and memory in every format, #28 for the 100,000 keys, #17 for scaling). */
const TARGETS = {
  planCpuS: { max: 10, what: 'CPU seconds of `cdk8s-spark-eci plan` over 10,000 SparkApplications and 1,000 ResourcePolicies, the worst of the four formats and of the CPU and wall clocks (bench/plan.js)' },
  planMaxRssMiB: { max: 256, what: 'peak RSS of that plan, MiB, the worst of the four formats' },
  planScaling1000to10000: { max: 11, what: 'plan CPU at 10,000 jobs / at 1,000 jobs (10 is linear)' },
  planManyKeysS: { max: 2, what: 'seconds of `plan` on a 1.2 MB ConfigMap of 100,000 keys, the worse of the CPU and wall clocks' },
};

const LOAD_AT_START = os.loadavg().map(x => Number(x.toFixed(2)));

function log(msg) { process.stderr.write(`[plan] ${msg}\n`); }
function median(xs) { const s = xs.slice().sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; }
function round(x, d = 2) { return Number(x.toFixed(d)); }

/** The YAML of `jobs` jobs; one policy per block of 10, or (onePolicy) one for all. */
function jobsInput(jobs, onePolicy) {
  const block = w.synthSpark(BLOCK).split(/^---$/m).map(d => d.trim());
  const out = [];
  for (let b = 0; b < jobs / BLOCK; b++) {
    for (const doc of block) {
      const policyDoc = /^kind: ResourcePolicy$/m.test(doc);
      if (policyDoc && onePolicy && b > 0) { continue; }
      out.push(doc
        .replace(/spark-policy-0/g, onePolicy ? 'spark-policy-0' : `spark-policy-${b}`)
        .replace(/spark-image-cache-0/g, `spark-image-cache-${b}`)
        .replace(/\bgroup: g0\b/g, `group: g${b}`)
        .replace(/\bspark-pi-(\d+)\b/g, (_, i) => `spark-pi-${b * BLOCK + Number(i)}`));
    }
  }
  const file = path.join(TMP, `plan-${jobs}-${onePolicy ? 1 : jobs / BLOCK}.yaml`);
  fs.writeFileSync(file, out.join('\n---\n') + '\n');
  return file;
}

/** A ConfigMap of `keys` keys, `  k00000: v` a line: 12 bytes a key, 1.2 MB for 100,000. */
function keysInput(keys) {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: many-keys', 'data:'];
  for (let i = 0; i < keys; i++) { lines.push(`  k${String(i).padStart(5, '0')}: v`); }
  const file = path.join(TMP, `plan-keys-${keys}.yaml`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** One cold `plan --format F --output FILE` process: its CPU, peak RSS and wall time, and the output's size. */
function runPlan(file, format) {
  const out = path.join(TMP, `plan-out.${format === 'markdown' ? 'md' : format}`);
  const wrapper = `
    process.on('exit', () => {
      const u = process.resourceUsage();
      require('fs').writeSync(2, '\\n' + JSON.stringify({ cpuUs: u.userCPUTime + u.systemCPUTime, maxRssKb: u.maxRSS }) + '\\n');
    });
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, 'plan', '--format', ${JSON.stringify(format)}, '--output', ${JSON.stringify(out)}, ${JSON.stringify(file)}];
    require(${JSON.stringify(BIN)});`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', wrapper], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) { throw new Error(`plan failed (${r.status}): ${r.stderr.slice(-2000)}`); }
  const figures = JSON.parse(r.stderr.trim().split('\n').pop());
  return { cpuS: figures.cpuUs / 1e6, maxRssMiB: figures.maxRssKb / 1024, wallS, outputMB: fs.statSync(out).size / 1e6 };
}

function measure(label, file, format) {
  const runs = [];
  for (let i = 0; i < REPS; i++) { runs.push(runPlan(file, format)); }
  const m = key => round(median(runs.map(r => r[key])));
  const result = {
    format, cpuS: m('cpuS'), maxRssMiB: m('maxRssMiB'), wallS: m('wallS'), outputMB: m('outputMB'), inputMB: round(fs.statSync(file).size / 1e6),
    runs: runs.length,
  };
  log(`${label}, ${format}: ${result.cpuS} s cpu, ${result.maxRssMiB} MiB peak RSS, ${result.wallS} s wall; ${result.inputMB} MB in, ${result.outputMB} MB out`);
  return result;
}

/** The cases BENCH_PLAN_CASES names (all by default). */
function selectedCases() {
  const asked = (process.env.BENCH_PLAN_CASES ?? CASES.join(',')).split(',').map(s => s.trim()).filter(Boolean);
  const unknown = asked.filter(c => !CASES.includes(c));
  if (unknown.length > 0) { throw new Error(`BENCH_PLAN_CASES: unknown case ${unknown.join(', ')} (the cases are ${CASES.join(', ')})`); }
  return new Set(asked);
}

/** The plan targets, from the figures of `plan` (those not measured say so). */
function planTargets(plan) {
  const targets = {};
  const formats = plan.jobs10000policies1000ByFormat;
  const worst = clocks => (formats ? Math.max(...Object.values(formats).map(f => Math.max(...clocks.map(c => f[c])))) : undefined);
  const value = (v, extra = {}) => ({ value: v === undefined ? 'not measured' : v, ...extra });
  targets.planCpuS = { ...TARGETS.planCpuS, ...value(worst(['cpuS', 'wallS']), formats ? { perFormat: Object.fromEntries(Object.entries(formats).map(([f, x]) => [f, { cpuS: x.cpuS, wallS: x.wallS }])) } : {}) };
  targets.planMaxRssMiB = { ...TARGETS.planMaxRssMiB, ...value(worst(['maxRssMiB']), formats ? { perFormat: Object.fromEntries(Object.entries(formats).map(([f, x]) => [f, x.maxRssMiB])) } : {}) };
  targets.planScaling1000to10000 = { ...TARGETS.planScaling1000to10000, ...value(plan.scaling1000to10000) };
  const keys = plan.configMapKeys100000;
  targets.planManyKeysS = { ...TARGETS.planManyKeysS, ...value(keys ? Math.max(keys.cpuS, keys.wallS) : undefined) };
  for (const t of Object.values(targets)) { t.met = typeof t.value === 'number' && t.value <= t.max; }
  return targets;
}

/** Writes the figures measured now into bench/results.json: its `plan` section and plan targets. */
function record(plan) {
  const results = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
  const previous = typeof results.plan === 'object' ? results.plan : {};
  results.plan = {
    ...previous, ...plan, recordedAt: new Date().toISOString(), recordedBy: 'node bench/plan.js --record',
    // The machine is shared: the load during the run says how far wall times are inflated.
    loadAverageDuringRecord: { start: LOAD_AT_START, end: os.loadavg().map(x => round(x)) },
  };
  const targets = planTargets(results.plan);
  results.targets = { ...Object.fromEntries(Object.entries(results.targets ?? {}).filter(([k]) => !k.startsWith('plan'))), ...targets };
  results.allTargetsMet = Object.values(results.targets).every(t => t.met);
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  log(`recorded in ${path.relative(ROOT, RESULTS)}: ${Object.entries(targets).map(([k, t]) => `${k} ${t.value} (${t.met ? 'met' : 'MISSED'} <= ${t.max})`).join('; ')}`);
}

function main() {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'cli.js'))) { throw new Error('lib/ is missing: run `npx projen compile` first'); }
  fs.mkdirSync(TMP, { recursive: true });
  const cases = selectedCases();
  const plan = {};
  if (cases.has('jobs')) {
    plan.jobs1000policies100 = measure('1000 jobs, 100 policies', jobsInput(1000, false), 'json');
    plan.jobs10000policies1000 = measure('10000 jobs, 1000 policies', jobsInput(10000, false), 'json');
    plan.jobs10000policies1 = measure('10000 jobs, 1 policy', jobsInput(10000, true), 'json');
    plan.scaling1000to10000 = round(plan.jobs10000policies1000.cpuS / plan.jobs1000policies100.cpuS);
  }
  if (cases.has('formats')) {
    const file = jobsInput(10000, false);
    plan.jobs10000policies1000ByFormat = Object.fromEntries(FORMATS.map(format => [format,
      format === 'json' && plan.jobs10000policies1000 ? plan.jobs10000policies1000 : measure('10000 jobs, 1000 policies', file, format)]));
  }
  if (cases.has('keys')) {
    plan.configMapKeys100000 = measure('a ConfigMap of 100,000 keys', keysInput(100000), 'table');
  }
  if (process.argv.includes('--record')) { record(plan); }
  process.stdout.write(JSON.stringify({ plan }) + '\n');
}

if (require.main === module) { main(); }

module.exports = { TARGETS, planTargets };

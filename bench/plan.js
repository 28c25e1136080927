#!/usr/bin/env node
'use strict';
// The `plan` benchmark (issue #17): the real `cdk8s-spark-eci plan` command, one fresh process
// per measurement, over the YAML of N SparkApplications (the workload's SparkPi: 1 driver + 5
// executors) with one ResourcePolicy and one ImageCache per 10 jobs, or one policy for all.
// Prints progress on stderr and one JSON line on stdout (bench/run.js adds it to results.json):
//   {"plan":{"jobs10000policies1000":{"cpuS","maxRssMiB","wallS","outputMB"},...,"scaling1000to10000"}}
//
// The input is the library's own output: 10 jobs synthesized by the built package (lib/), then
// copied block by block with their names renumbered (synthesizing 10,000 jobs would time the
// library's synth, not the plan). Scratch files go to bench/tmp/ (git-ignored).
// Environment: BENCH_QUICK=1 runs each case once (default: the median of 3).

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const w = require('./workload');

const ROOT = path.resolve(__dirname, '..');
const TMP = path.join(__dirname, 'tmp');
const BIN = path.join(ROOT, 'bin', 'cdk8s-spark-eci');
const REPS = process.env.BENCH_QUICK === '1' ? 1 : 3;
const BLOCK = w.JOBS_PER_POLICY;

function log(msg) { process.stderr.write(`[plan] ${msg}\n`); }
function median(xs) { const s = xs.slice().sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; }
function round(x, d = 2) { return Number(x.toFixed(d)); }

/** The YAML of `jobs` jobs; one policy per block of 10, or (onePolicy) one for all. */
function input(jobs, onePolicy) {
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

/** One cold `plan --json` process: its CPU, peak RSS and wall time, and the output's size. */
function runPlan(file) {
  const out = path.join(TMP, 'plan-out.json');
  const wrapper = `
    process.on('exit', () => {
      const u = process.resourceUsage();
      require('fs').writeSync(2, '\\n' + JSON.stringify({ cpuUs: u.userCPUTime + u.systemCPUTime, maxRssKb: u.maxRSS }) + '\\n');
    });
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, 'plan', '--json', '--output', ${JSON.stringify(out)}, ${JSON.stringify(file)}];
    require(${JSON.stringify(BIN)});`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', wrapper], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) { throw new Error(`plan failed (${r.status}): ${r.stderr.slice(-2000)}`); }
  const figures = JSON.parse(r.stderr.trim().split('\n').pop());
  return { cpuS: figures.cpuUs / 1e6, maxRssMiB: figures.maxRssKb / 1024, wallS, outputMB: fs.statSync(out).size / 1e6 };
}

function measure(jobs, onePolicy) {
  const file = input(jobs, onePolicy);
  const runs = [];
  for (let i = 0; i < REPS; i++) { runs.push(runPlan(file)); }
  const m = key => round(median(runs.map(r => r[key])));
  const result = { cpuS: m('cpuS'), maxRssMiB: m('maxRssMiB'), wallS: m('wallS'), outputMB: m('outputMB'), inputMB: round(fs.statSync(file).size / 1e6) };
  log(`${jobs} jobs, ${onePolicy ? 1 : jobs / BLOCK} policies: ${result.cpuS} s cpu, ${result.maxRssMiB} MiB peak RSS, ${result.wallS} s wall; ${result.inputMB} MB in, ${result.outputMB} MB of JSON out`);
  return result;
}

function main() {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'cli.js'))) { throw new Error('lib/ is missing: run `npx projen compile` first'); }
  fs.mkdirSync(TMP, { recursive: true });
  const plan = {
    jobs1000policies100: measure(1000, false),
    jobs10000policies1000: measure(10000, false),
    jobs10000policies1: measure(10000, true),
  };
  plan.scaling1000to10000 = round(plan.jobs10000policies1000.cpuS / plan.jobs1000policies100.cpuS);
  process.stdout.write(JSON.stringify({ plan }) + '\n');
}

main();

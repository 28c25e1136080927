'use strict';
// One measurement in a fresh process, started by run.js; prints one JSON line on stdout.
//
//   node --expose-gc bench/child.js time <variant> <n> <warmup> <reps> [objects.json]
//     synth `n` jobs (or objects) `warmup` times untimed, then `reps` times timed, with a full GC
//     before each; prints { times: { wall, cpu, main }: [ms...], bytes }.
//   node bench/child.js rss <variant> <n> [objects.json]
//     synth once and print { maxRssKb, bytes, ms... } (`process.resourceUsage().maxRSS` at the end).
//   node bench/child.js rss none 0 [objects.json]
//     only load what the variant loads (and the objects file): the process' own floor.
//
//   node bench/child.js cold <variant> <n> [objects.json]
//     what one `cdk8s synth` process does: require the variant's modules, construct and synthesize
//     once; prints { cpuMs, mainMs, ms } of the whole process (node's start included) at exit.
//
//   node bench/child.js require <module>
//     time `require(module)` in this fresh process; prints { ms, cpuMs, mainMs }.
//   node bench/child.js tsc <tsconfig>
//     run `tsc --noEmit -p <tsconfig>` in this process; prints { ms, cpuMs, mainMs, code } for the whole
//     process (node's start included) when it exits.
//
// Variants: spark (the library), floor (plain ApiObjects), yaml (the yaml library alone),
// plus (cdk8s-plus-28 Deployments). floor and yaml read the precomputed objects from the file.

const t0Process = process.hrtime.bigint();
const fs = require('fs');
const { performance } = require('perf_hooks');
const w = require('./workload');

const [mode, variant, nArg, ...rest] = process.argv.slice(2);
const n = Number(nArg);

function loadObjects(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A function that runs the variant once and returns the YAML; its inputs prepared outside. */
function prepare(objectsFile) {
  switch (variant) {
    case 'spark': return () => w.synthSpark(n);
    case 'plus': return () => w.synthPlus(n);
    case 'floor': {
      const objects = loadObjects(objectsFile);
      require('cdk8s');
      // ApiObject keeps references to its props: each run gets its own copy, made untimed.
      return { objects, run: copy => w.synthFloor(copy) };
    }
    case 'yaml': {
      const objects = loadObjects(objectsFile);
      require('yaml');
      return () => w.stringifyYaml(objects);
    }
    default: throw new Error(`unknown variant ${variant}`);
  }
}

function gc() {
  if (global.gc) { global.gc(); }
}

/**
 * CPU time of this process' main thread in ms, from Linux' schedstat (ns); undefined elsewhere.
 * The JavaScript runs on this thread; GC helpers and the JIT's background threads do not count.
 */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
function mainThreadMs() {
  try {
    return Number(fs.readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Wall, process CPU (user + system, every thread) and main-thread CPU time of `fn()`, in ms. */
function clocks(fn) {
  const m0 = mainThreadMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const m1 = mainThreadMs();
  return { out, ms, cpuMs: (c.user + c.system) / 1000, mainMs: m0 === undefined || m1 === undefined ? undefined : m1 - m0 };
}

/** One run of the variant: its clocks and the YAML's length. */
function once(prepared) {
  let run = prepared;
  if (typeof prepared !== 'function') {
    const copy = structuredClone(prepared.objects);
    gc();
    run = () => prepared.run(copy);
  }
  const { out, ...times } = clocks(run);
  return { ...times, bytes: out.length };
}

if (mode === 'require') {
  // Only builtins are loaded before this point (fs, perf_hooks, path via workload.js).
  const { out, ...times } = clocks(() => require(variant));
  void out;
  process.stdout.write(JSON.stringify({ ...times, sinceStartMs: Number(process.hrtime.bigint() - t0Process) / 1e6 }) + '\n');
} else if (mode === 'tsc') {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [require('path').resolve(__dirname, '..')] });
  process.on('exit', code => {
    const c = process.cpuUsage();
    process.stdout.write('\n' + JSON.stringify({
      ms: performance.now(), cpuMs: (c.user + c.system) / 1000, mainMs: mainThreadMs(), code,
    }) + '\n');
  });
  process.argv = [process.argv[0], tsc, '--noEmit', '-p', variant];
  require(tsc);
} else if (mode === 'time') {
  const [warmup, reps, objectsFile] = [Number(rest[0]), Number(rest[1]), rest[2]];
  const prepared = prepare(objectsFile);
  for (let i = 0; i < warmup; i++) { gc(); once(prepared); }
  const times = { wall: [], cpu: [], main: [] };
  let bytes = 0;
  for (let i = 0; i < reps; i++) {
    gc();
    const r = once(prepared);
    times.wall.push(r.ms);
    times.cpu.push(r.cpuMs);
    times.main.push(r.mainMs);
    bytes = r.bytes;
  }
  process.stdout.write(JSON.stringify({ times, bytes }) + '\n');
} else if (mode === 'cold') {
  // Nothing of cdk8s or the library is loaded yet: the require is part of the figure.
  const prepared = prepare(rest[0]);
  const r = typeof prepared === 'function' ? prepared() : prepared.run(prepared.objects);
  const c = process.cpuUsage();
  process.stdout.write(JSON.stringify({
    cpuMs: (c.user + c.system) / 1000, mainMs: mainThreadMs(), ms: Number(process.hrtime.bigint() - t0Process) / 1e6, bytes: r.length,
  }) + '\n');
} else if (mode === 'rss') {
  const objectsFile = rest[0];
  let result = { ms: 0, bytes: 0 };
  if (variant === 'none') {
    // The process floor: node plus the modules and the objects file the floor variants load.
    require('cdk8s');
    require('yaml');
    if (objectsFile) { loadObjects(objectsFile); }
  } else {
    const prepared = prepare(objectsFile);
    // The floor's objects are not copied here: one run, and a copy would count against it.
    result = once(typeof prepared === 'function' ? prepared : () => prepared.run(prepared.objects));
  }
  process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, ...result }) + '\n');
} else {
  throw new Error(`unknown mode ${mode}`);
}

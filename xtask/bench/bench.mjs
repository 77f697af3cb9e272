// The wasm half of `cargo xtask bench` (Node 20, ES module).
//
//   node xtask/bench/bench.mjs [--pkg DIR] [--seconds S] [--runs N] [--only w1|w2|w3|w4] [--mnist FILE]
//
// Loads the `--target web` package (default www/pkg, the SIMD128 build) with initSync, then times the three
// workloads of `ninestep_core::experiment::WorkloadRun` through the `Bench` class of
// crates/web/src/bench.rs with performance.now(): warm up for S seconds, then N timed runs
// of at least S seconds each (defaults 2 s, 5 runs). Prints exactly one line per workload,
//   W1 spiral-mlp wasm | epochs/s | median N | min N | max N
// on stdout, in the same format as `ninestep bench`; notes go to stderr.

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const a = {
    pkg: join(root, 'www', 'pkg'),
    seconds: 2,
    runs: 5,
    only: null,
    mnist: join(root, 'www', 'data', 'mnist-10k.bin'),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    switch (flag) {
      case '--pkg': a.pkg = resolve(value); break;
      case '--mnist': a.mnist = resolve(value); break;
      case '--seconds':
        a.seconds = Number(value);
        if (!(a.seconds > 0 && a.seconds <= 600)) throw new Error(`--seconds needs a number in (0, 600], not “${value}”`);
        break;
      case '--runs':
        a.runs = Number(value);
        if (!(Number.isInteger(a.runs) && a.runs >= 1 && a.runs <= 100)) throw new Error(`--runs needs a whole number from 1 to 100, not “${value}”`);
        break;
      case '--only':
        a.only = value.toLowerCase();
        if (!['w1', 'w2', 'w3', 'w4', 'spiral-mlp', 'mnist-mlp', 'mnist-cnn', 'digits-lstm'].includes(a.only)) throw new Error(`--only takes w1, w2, w3 or w4, not “${value}”`);
        if (a.only === 'spiral-mlp') a.only = 'w1';
        if (a.only === 'mnist-mlp') a.only = 'w2';
        if (a.only === 'mnist-cnn') a.only = 'w3';
        if (a.only === 'digits-lstm') a.only = 'w4';
        break;
      default:
        throw new Error(`unknown option “${flag}” (--pkg DIR, --seconds S, --runs N, --only w1|w2|w3|w4, --mnist FILE)`);
    }
  }
  return a;
}

// Same rules as `fmt_rate` in crates/cli/src/bench.rs.
function fmtRate(v) {
  if (v >= 100) return v.toFixed(0);
  return v.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}

function stats(rates) {
  const s = [...rates].sort((x, y) => x - y);
  const n = s.length;
  const median = n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, min: s[0], max: s[n - 1] };
}

let sink = 0;

// Calls run(chunk) until at least `seconds` have passed; returns units per second.
function timed(bench, seconds) {
  const chunk = bench.chunk();
  const before = bench.done();
  const start = performance.now();
  let t;
  do {
    sink += bench.run(chunk);
    t = (performance.now() - start) / 1000;
  } while (t < seconds);
  return (bench.done() - before) / t;
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const glue = join(a.pkg, 'ninestep_web.js');
  const wasm = join(a.pkg, 'ninestep_web_bg.wasm');
  if (!existsSync(glue) || !existsSync(wasm)) {
    throw new Error(`no wasm package in ${a.pkg} (run \`cargo xtask build\`)`);
  }
  const web = await import(pathToFileURL(glue).href);
  web.initSync({ module: readFileSync(wasm) });
  for (const id of ['w1', 'w2', 'w3', 'w4']) {
    if (a.only && a.only !== id) continue;
    let data;
    if (id !== 'w1') {
      if (existsSync(a.mnist)) {
        data = new Uint8Array(readFileSync(a.mnist));
      } else {
        console.error(`bench.mjs: note: ${a.mnist} not found; ${id.toUpperCase()} runs on 10,000 synthetic digits`);
      }
    }
    const bench = new web.Bench(id, data, 1);
    console.error(`bench.mjs: ${bench.id()} ${bench.name()} on ${bench.source()}: warm-up ${a.seconds} s, ${a.runs} runs of ≥ ${a.seconds} s (${a.pkg})`);
    timed(bench, a.seconds);
    const rates = [];
    for (let r = 0; r < a.runs; r++) rates.push(timed(bench, a.seconds));
    const s = stats(rates);
    console.log(`${bench.id()} ${bench.name()} wasm | ${bench.unit()} | median ${fmtRate(s.median)} | min ${fmtRate(s.min)} | max ${fmtRate(s.max)}`);
    bench.free();
  }
  if (!Number.isFinite(sink)) console.error('bench.mjs: note: a loss was not finite');
}

main().catch((e) => {
  console.error(`bench.mjs: ${e && e.message ? e.message : e}`);
  process.exit(1);
});

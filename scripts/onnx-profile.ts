// npm run models:onnx-profile [-- --variant B0 | --phi 1.5] [--runs 3]
//
// Where the time goes on wasm: the own network (tfjs wasm backend, tf.profile per kernel) and
// ONNX Runtime Web (wasm EP, its own profiler) on the same exported network and input, both
// single-threaded SIMD in Node, summed per op type over `runs` steady runs. Synthetic or random
// weights (the time does not depend on the values). WebGPU needs a browser: see the bench.
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { bindArtifacts } from '../src/model/bind.ts';
import { createEfficientNet } from '../src/model/network.ts';
import { exportOnnx } from '../src/model/onnx-export.ts';
import { randomWeights } from '../src/model/random-weights.ts';
import { FORMULA_SEED } from '../src/model/synthetic-init.ts';
import { formulaNetwork, officialNetwork, parseVariantName } from '../src/scaling/index.ts';
import { ortSessionProfiled } from './lib/ort-profile.ts';
import { useFastBackend } from '../src/model/test-support/node-backend.ts';
import { syntheticArtifacts } from '../src/model/test-support/parity-models.ts';

type Totals = Map<string, number>;
const add = (m: Totals, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

function table(title: string, totals: Totals, runs: number, wallMs: number): string {
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  const sum = rows.reduce((s, [, v]) => s + v, 0);
  const lines = [`${title}: ${(wallMs / runs).toFixed(1)} ms per run (wall), ops ${(sum / runs).toFixed(1)} ms`];
  for (const [op, ms] of rows) lines.push(`  ${op.padEnd(28)} ${(ms / runs).toFixed(2).padStart(9)} ms  ${((100 * ms) / sum).toFixed(1).padStart(5)}%`);
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({ options: { variant: { type: 'string', default: 'B0' }, phi: { type: 'string' }, runs: { type: 'string', default: '3' } } });
  const runs = Math.max(1, Number(values.runs) || 3);
  const backend = await useFastBackend();
  if (backend !== 'wasm') throw new Error(`tfjs wasm backend unavailable (got ${backend})`);
  let net;
  if (values.phi !== undefined) {
    const config = formulaNetwork(Number(values.phi));
    net = createEfficientNet(config, randomWeights(config, FORMULA_SEED));
  } else {
    const k = parseVariantName(values.variant.toUpperCase(), { bare: true });
    if (k === null) throw new Error(`unknown variant ${values.variant}`);
    const a = await syntheticArtifacts(k);
    if (!a) throw new Error(`no synthetic B${k} (../shared absent?)`);
    const config = officialNetwork(k);
    net = createEfficientNet(config, bindArtifacts(a, config));
  }
  const size = net.config.resolution;
  const input = new Float32Array(size * size * 3).map((_, i) => (i % 251) / 250);
  const x = tf.tensor4d(input, [1, size, size, 3]);

  // Own: one warm run (XNNPACK packs weights), then profiled runs.
  tf.dispose(net.predict(x));
  const own: Totals = new Map();
  let ownWall = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const info = await tf.profile(() => net.predict(x));
    ownWall += performance.now() - t0;
    // `x__op` entries are op wrappers around the kernels listed beside them: count kernels once.
    for (const k of info.kernels) if (!k.name.endsWith('__op')) add(own, k.name, Number(k.kernelTimeMs) || 0);
  }

  const onnx = await exportOnnx(net.config, net.weights);
  const ort = await ortSessionProfiled(onnx.bytes, input, size, runs + 1);
  const ortOps: Totals = new Map();
  // The first run is the warm-up: skip its events.
  const perRun = ort.events.filter((e) => e.run > 0);
  for (const e of perRun) add(ortOps, `${e.op} (${e.provider})`, e.ms);
  console.log(`${net.config.name} at ${size} px, single-threaded wasm SIMD in Node (${runs} runs)`);
  console.log(table('own (tfjs wasm, tf.profile per kernel)', own, runs, ownWall));
  console.log(
    table(
      'ONNX Runtime Web (wasm EP, session profiler per node)',
      ortOps,
      runs,
      ort.wallMs.slice(1).reduce((a, b) => a + b, 0),
    ),
  );
  console.log('Note: tf.profile and ORT profiling both add overhead; compare shares, and the bench for totals.');
  tf.dispose(x);
  net.dispose();
}

main().catch((e: unknown) => {
  console.error(`onnx-profile: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

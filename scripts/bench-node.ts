// npm run bench:node -- [--backend webgpu|wasm|cpu] [--variants B0,B3] [--batch 1,8] [--runs 5]
//                       [--modes barrier-free,tiled,stock,auto,graph] [--matmul 4096] [--json]
//
// The benchmark in Node, outside any browser: tfjs-backend-webgpu on Dawn's Node binding (npm
// package `webgpu`, installed on demand into a cache, see lib/node-webgpu.ts), synthetic
// weights from the TF Hub topologies. Prints the adapter; refuses clearly when there is none.
// On a CPU-only machine: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json XDG_RUNTIME_DIR=/tmp
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { benchMatmul } from '../src/model/bench.ts';
import { isEmulatedAdapter } from '../src/model/kernels/gpu-state.ts';
import { parseVariantName } from '../src/scaling/index.ts';
import { entries } from './lib/bench-args.ts';
import { benchNodeVariant, NODE_MODES, type NodeBenchResult, type NodeMode } from './lib/node-bench-run.ts';
import { useFastBackend } from '../src/model/test-support/node-backend.ts';
import { syntheticArtifacts } from '../src/model/test-support/parity-models.ts';
import { NoAdapterError, rerunWithVulkanLoader, useDawnWebGPU } from './lib/node-webgpu.ts';

const USAGE = `Usage: npm run bench:node -- [options]
  --backend NAME   webgpu (Dawn, default), wasm or cpu
  --variants LIST  B0…B7 (default B0)
  --batch LIST     batch sizes (default 1)
  --runs N         timed runs per mode (default 5)
  --modes LIST     any of ${NODE_MODES.join(',')} (default all)
  --matmul N       N² float32 matMul for the GFLOP/s reference (default 4096 on a GPU, 1024 on a CPU or SwiftShader)
  --json           JSON only on stdout (logs on stderr)`;

const log = (s: string) => process.stderr.write(`bench:node: ${s}\n`);

function parse(argv: string[]) {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      backend: { type: 'string', default: 'webgpu' },
      variants: { type: 'string', default: 'B0' },
      batch: { type: 'string', default: '1' },
      runs: { type: 'string', default: '5' },
      modes: { type: 'string', default: NODE_MODES.join(',') },
      matmul: { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
    },
  });
  const o = {
    backend: v.backend,
    variants: entries(v.variants).map((s) => parseVariantName(s, { bare: true }) ?? NaN),
    batches: entries(v.batch).map(Number),
    runs: Number(v.runs),
    modes: entries(v.modes) as NodeMode[],
    matmul: Number(v.matmul),
    json: v.json,
  };
  if (!['webgpu', 'wasm', 'cpu'].includes(o.backend)) throw new Error(`bad --backend ${o.backend}`);
  if (o.variants.some((k) => !Number.isInteger(k))) throw new Error('bad --variants; use B0…B7');
  if (o.batches.some((b) => !Number.isInteger(b) || b < 1 || b > 64)) throw new Error('bad --batch; integers 1…64');
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('bad --runs');
  if (o.modes.some((m) => !NODE_MODES.includes(m))) throw new Error(`bad --modes; use ${NODE_MODES.join(',')}`);
  return o;
}

async function main(): Promise<number> {
  const rerun = rerunWithVulkanLoader();
  if (rerun !== null) return rerun;
  let o: ReturnType<typeof parse>;
  try {
    o = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`bench:node: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let adapter: string | null = null;
  if (o.backend === 'webgpu') {
    try {
      adapter = await useDawnWebGPU(log);
    } catch (e) {
      if (e instanceof NoAdapterError) {
        console.error(`bench:node: refusing to run: ${e.message}`);
        if (o.json) process.stdout.write(JSON.stringify({ error: `no WebGPU adapter: ${e.message}` }) + '\n');
        return 3;
      }
      throw e;
    }
    log(`adapter: ${adapter}`);
  } else if (o.backend === 'wasm') await useFastBackend();
  else await tf.setBackend('cpu');
  // A real GPU's reference is 4096²; a CPU (or an emulated adapter) would spend minutes on it.
  o.matmul ||= adapter !== null && !isEmulatedAdapter(adapter) ? 4096 : 1024;
  log(`tfjs ${tf.version.tfjs} on ${tf.getBackend()}; ${o.matmul}² matMul`);
  const matmul = await benchMatmul(o.matmul, 5);
  const results: NodeBenchResult[] = [];
  const errors: string[] = [];
  for (const k of o.variants) {
    const artifacts = await syntheticArtifacts(k);
    if (!artifacts) {
      errors.push(`B${k}: no synthetic export and no TF Hub topologies (EFFNET_FIXTURES, ../shared or npm run fixtures) to build one`);
      continue;
    }
    for (const batch of o.batches) {
      try {
        const r = await benchNodeVariant(k, batch, o.runs, artifacts, o.modes, log);
        results.push(r);
        log(
          `B${k} ×${batch}: ${Object.entries(r.medianMs)
            .map(([m, ms]) => `${m} ${ms.toFixed(1)} ms`)
            .join(', ')}`,
        );
      } catch (e) {
        errors.push(`B${k} ×${batch}: ${(e as Error).message}`);
      }
    }
  }
  const report = {
    machine: { adapter, backend: tf.getBackend(), tfjs: tf.version.tfjs, node: process.version },
    matmul: { size: o.matmul, ...matmul },
    results: results.map((r) => ({ ...r, gflopsRatio: r.gflops.auto !== undefined ? r.gflops.auto / matmul.gflops : null })),
    errors,
  };
  if (o.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    process.stdout.write(`adapter: ${adapter ?? tf.getBackend()}  ${o.matmul}² matMul ${matmul.gflops.toFixed(1)} GFLOP/s\n`);
    for (const r of report.results) {
      const m = Object.entries(r.medianMs)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(' · ');
      process.stdout.write(
        `${r.variant} ×${r.batch}: ${m} ms; own/graph ${r.ownOverGraph?.toFixed(2) ?? '—'}; pipelines ${r.pipelines ? `${r.pipelines.own}/${r.pipelines.total}` : '—'}\n`,
      );
    }
  }
  return errors.length || !results.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench:node: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);

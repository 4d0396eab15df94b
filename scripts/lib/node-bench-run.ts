/** One variant × batch of `npm run bench:node`: compile, tune, then every kernel mode and the
 *  stock graph executor timed interleaved (round-robin, so drift hits all alike). */
import * as tf from '@tensorflow/tfjs';
import { officialNetwork } from '../../src/scaling/index.ts';
import { gflopsFor } from '../../src/model/bench.ts';
import { bindArtifacts } from '../../src/model/bind.ts';
import { readBack } from '../../src/model/classifier.ts';
import { compileOnly, enterCompileOnly } from '../../src/model/compile-only.ts';
import { countPipelines, type PipelineCount } from '../../src/model/kernels/gpu-state.ts';
import { planFor, type KernelPlan, type KernelReport } from '../../src/model/kernels/plan.ts';
import { tuneKernels } from '../../src/model/kernels/tune-network.ts';
import { createEfficientNet } from '../../src/model/network.ts';
import { testPattern } from '../../src/model/preprocess.ts';
import { measureInterleaved } from '../../src/model/timing.ts';
import { median } from '../../src/model/timing.ts';
import { graphModelFromMemory } from '../../src/model/graph-model.ts';
import type { ParityArtifacts } from '../../src/model/test-support/parity-models.ts';

export const NODE_MODES = ['barrier-free', 'tiled', 'stock', 'auto', 'graph'] as const;
export type NodeMode = (typeof NODE_MODES)[number];

export interface NodeBenchResult {
  variant: string;
  batch: number;
  resolution: number;
  /** Compile-only pass plus the tuner (the app's warm-up). */
  warmUpMs: number;
  /** First real inference after the warm-up, on the tuned plan. */
  firstMs: number;
  medianMs: Partial<Record<NodeMode, number>>;
  gflops: Partial<Record<NodeMode, number>>;
  /** auto / graph median. */
  ownOverGraph: number | null;
  /** Largest |Δp| between the tuned own network and the graph executor. */
  graphMaxAbsDiff: number | null;
  kernels: KernelReport | null;
  pipelines: PipelineCount | null;
  leakedTensors: number;
}

export async function benchNodeVariant(
  k: number,
  batch: number,
  runs: number,
  artifacts: ParityArtifacts,
  modes: readonly NodeMode[],
  log: (s: string) => void,
): Promise<NodeBenchResult> {
  const config = officialNetwork(k);
  const size = config.resolution;
  const net = createEfficientNet(config, bindArtifacts(artifacts, config), { kernels: { mode: 'auto', asked: true } });
  const one = testPattern(size);
  const input = new Float32Array(one.length * batch);
  for (let b = 0; b < batch; b++) input.set(one, b * one.length);
  const x = tf.tensor4d(input, [batch, size, size, 3]);
  const graph = modes.includes('graph') ? await graphModelFromMemory(artifacts.modelJson, artifacts.weightData) : null;
  const before = tf.memory().numTensors;
  try {
    const now = () => performance.now();
    const runOwn = () => readBack(net.predict(x));
    const runGraph = () => readBack(graph!.predict(x) as tf.Tensor);
    log(`B${k} ×${batch}: warm-up (compile + tune)`);
    net.kernelPlan = planFor('barrier-free');
    const w0 = now();
    await compileOnly(() => net.predict(x));
    const kernels = await tuneKernels(net, batch);
    const warmUpMs = now() - w0;
    const tuned: KernelPlan | null = net.kernelPlan;
    const f0 = now();
    const ownOut = await runOwn();
    const firstMs = now() - f0;
    const pipelines = tf.getBackend() === 'webgpu' ? await countPipelines(() => enterCompileOnly(() => net.predict(x))) : null;
    const plans: Partial<Record<NodeMode, KernelPlan | null>> = { 'barrier-free': planFor('barrier-free'), tiled: planFor('tiled'), stock: null, auto: tuned };
    const timed = modes.filter((m) => m === 'graph' || tf.getBackend() === 'webgpu' || m === 'stock');
    // One untimed pass per mode compiles its pipelines; then the lab's interleaved rounds.
    const runners = timed.map((m) =>
      m === 'graph'
        ? runGraph
        : async () => {
            net.kernelPlan = plans[m] ?? null;
            return runOwn();
          },
    );
    const series = await measureInterleaved(runners, {
      runs,
      warmup: 1,
      onRun: (who, i) => {
        if (who === (i % 2 ? timed.length - 1 : 0)) log(`B${k} ×${batch}: run ${i + 1}/${runs}`);
      },
    });
    const times: Partial<Record<NodeMode, number[]>> = Object.fromEntries(timed.map((m, j) => [m, series[j].times]));
    net.kernelPlan = tuned;
    let graphMaxAbsDiff: number | null = null;
    if (graph) {
      const ref = await runGraph();
      graphMaxAbsDiff = Array.from(ref).reduce((m, v, i) => Math.max(m, Math.abs(v - ownOut[i])), 0);
    }
    const medianMs: Partial<Record<NodeMode, number>> = {};
    const gflops: Partial<Record<NodeMode, number>> = {};
    for (const [m, list] of Object.entries(times) as [NodeMode, number[]][]) {
      medianMs[m] = median(list) as number;
      gflops[m] = gflopsFor(config.flops * batch, medianMs[m]);
    }
    const ownOverGraph = medianMs.auto !== undefined && medianMs.graph ? medianMs.auto / medianMs.graph : null;
    const leakedTensors = tf.memory().numTensors - before;
    return { variant: `B${k}`, batch, resolution: size, warmUpMs, firstMs, medianMs, gflops, ownOverGraph, graphMaxAbsDiff, kernels, pipelines, leakedTensors };
  } finally {
    x.dispose();
    graph?.dispose();
    net.dispose();
  }
}

/** The benchmark itself, on whatever tfjs backend is active: a matMul roofline probe and one
 *  variant's load / warm-up / first / steady timings, own network vs tf.loadGraphModel
 *  interleaved, leaks and GPU memory. No worker or DOM here: the bench worker calls it with
 *  Cache Storage loaders, tests call it in Node with in-memory artifacts. */
import * as tf from '@tensorflow/tfjs-core';
import { officialNetwork } from '../scaling';
import { measureInterleaved, percentile, timed } from './timing';
import type { BackendName } from './backend-name';
import type { KernelReport } from './kernels/plan';
import type { LoadedArtifacts } from './model-json';
import { classifierFromArtifacts, randomClassifier, readBack, type Classifier } from './classifier';
import type { NetworkOptions } from './network';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { graphModelFromMemory, graphProbabilities } from './graph-model';
import { maxAbsDiff } from './max-abs-diff';
import { ORT_EP_FOR, startOrtPeer } from './ort-runner';
import { testPattern } from './preprocess';

/** Idle time before each timed run when ORT's wasm EP is the peer: its threads stay busy for
 *  20–50 ms after its run ends (measured on 2 cores) and slowed the run right after it up to 1.8×.
 *  A pause before every run, on every side, charges neither side for the other. */
const ORT_SETTLE_MS = 100;

/** What the benchmark measures for one backend × variant (benchVariant fills it; the bench protocol
 *  carries it; the view, CSV and the CLI's markdown show it). Times in ms; GFLOP/s counts 2 FLOPs
 *  per multiply-add. */
export interface BenchResult {
  backend: BackendName;
  variant: string;
  resolution: number;
  /** A download past the cache + cache store + weights bound to the backend (classifier ready). */
  loadNetworkMs: number | null;
  /** Same from the Cache Storage entry: the cached variant-switch time. */
  loadCacheMs: number | null;
  /** Classifier.warmUp() after load (parallel pipeline compilation where the backend has it). */
  warmUpMs: number;
  /** First inference after warm-up, until the probabilities are read back. */
  firstMs: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
  gflops: number;
  /** A 1024² float32 matMul on the same backend in the same worker (wasm: at ownThreads). */
  matmulGflops: number | null;
  gflopsRatio: number | null;
  /** numTensors after the N timed runs minus before them. */
  leakedTensors: number;
  /** numTensors after disposing this variant minus before it was loaded (a variant switch). */
  leakedAfterSwitch: number;
  /** Largest backend GPU allocation seen after a run (buffer/texture pools included); null on CPU backends. */
  peakGpuBytes: number | null;
  /** tf.loadGraphModel on the same weights, timed interleaved with the own network. */
  graphFirstMs?: number;
  graphMedianMs?: number;
  ownOverGraph?: number;
  /** Largest |Δ probability| between the two on the bench input (a correctness check). */
  graphMaxAbsDiff?: number;
  /** WebGPU: the kernel per class and the timings that chose it (kernels/plan.ts). */
  kernels?: KernelReport | null;
  /** WebGPU: pipelines one inference needs (own kernels / all), counted from an empty cache. */
  pipelines?: { own: number; total: number } | null;
  /** ONNX Runtime Web on the exported model (src/model/ort-runner.ts), timed interleaved too. */
  ortEp?: 'wasm' | 'webgpu';
  /** wasm threads ORT used (the own network's on the wasm backend; 0 on the webgpu EP). */
  ortThreads?: number;
  /** wasm backend: XNNPACK threads the own network (and the matMul probe) ran with. */
  ownThreads?: number;
  /** wasm backend: the thread count the run asked for (`npm run bench -- --threads 1,2`); absent:
   *  the app's rule, min(cores, 8). ownThreads differs from it when threads were unusable. */
  threadsAsked?: number;
  /** ONNX export + session creation. */
  ortSessionMs?: number;
  ortFirstMs?: number;
  ortMedianMs?: number;
  ownOverOrt?: number;
  ortMaxAbsDiff?: number;
  /** 'random': random-weights mode, official Bk built with seeded weights in memory (load time
   *  is the build; no graph model, which needs the converted topology). */
  weights?: 'random';
  /** Evaluate's batch size on this backend (batch-plan.ts) and images/s at batch 1 and at it. */
  evalBatch?: number;
  imagesPerSecAlone?: number;
  imagesPerSecBatch?: number;
  /** Why ORT could not be measured (the own/graph numbers still stand). */
  ortError?: string;
}

/** GFLOP/s with 2 FLOPs per multiply-add. */
export function gflopsFor(macs: number, ms: number): number {
  return ms > 0 ? (2 * macs) / (ms * 1e6) : 0;
}

/** Bytes the backend holds on the GPU (its pool included), or null for CPU backends. */
function gpuBytes(): number | null {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesInGPUAllocated?: number; numBytesAllocatedInGPU?: number };
  return m.numBytesAllocatedInGPU ?? m.numBytesInGPUAllocated ?? m.numBytesInGPU ?? null;
}

/** A size² float32 matMul: one warm-up, then the median of `runs`, each read back. */
export async function benchMatmul(size: number, runs: number): Promise<{ gflops: number; medianMs: number }> {
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  try {
    const ms = (await measureInterleaved([() => readBack(tf.matMul(a, b))], { runs }))[0].spread.medianMs;
    return { gflops: gflopsFor(size * size * size, ms), medianMs: ms };
  } finally {
    tf.dispose([a, b]);
  }
}

export interface VariantBenchOptions {
  backend: BackendName;
  variant: number;
  runs: number;
  /** Also time tf.loadGraphModel on the same weights, interleaved with the own network. */
  graph: boolean;
  /** Also time ONNX Runtime Web on the exported network (ort-runner.ts), interleaved too. */
  ort?: boolean;
  /** Downloads past the cache (omit to skip the network measurement). */
  loadNetwork?: () => Promise<LoadedArtifacts>;
  /** Loads from the cache (or, in tests, from anywhere). */
  loadCache: () => Promise<LoadedArtifacts>;
  /** Random-weights mode: build official Bk in memory with this seed instead of loading
   *  (nothing is downloaded; no graph model, which needs the converted topology). */
  seed?: number;
  matmulGflops: number | null;
  /** Also time Evaluate's batch of this many images (one batch tensor) for images/s. */
  evalBatch?: number;
  onStage?: (stage: string) => void;
  /** How the networks are built (their kernel setting). */
  network?: NetworkOptions;
  /** wasm backend: XNNPACK's thread count, as the backend started (BackendChoice.threads). */
  threads?: number;
}

/** Loads + binds (weights ready to run), or in random-weights mode builds official Bk in memory
 *  with seeded weights (the build is the load); with the elapsed time. */
async function timedLoad(load: (() => Promise<LoadedArtifacts>) | number, variant: number, options?: NetworkOptions) {
  const t0 = performance.now();
  const artifacts = typeof load === 'number' ? null : await load();
  const classifier = artifacts ? classifierFromArtifacts(artifacts, variant, options) : randomClassifier({ variant }, load as number, options);
  return { artifacts, classifier, ms: performance.now() - t0 };
}

/** Benchmarks one variant on the active backend; everything it creates is disposed again. */
export async function benchVariant(o: VariantBenchOptions): Promise<BenchResult> {
  const stage = o.onStage ?? (() => undefined);
  const config = officialNetwork(o.variant);
  const name = `B${o.variant}`;
  const tensorsAtStart = tf.memory().numTensors;
  let loadNetworkMs: number | null = null;
  if (o.loadNetwork && o.seed === undefined) {
    stage(`${name}: loading from the network`);
    const net = await timedLoad(o.loadNetwork, o.variant, o.network);
    net.classifier.dispose();
    loadNetworkMs = net.ms;
  }
  stage(o.seed === undefined ? `${name}: loading from the cache` : `${name}: building with seeded random weights`);
  const { artifacts, classifier, ms: loadCacheMs } = await timedLoad(o.seed ?? o.loadCache, o.variant, o.network);
  let graph: GraphModel | null = null;
  let result: BenchResult;
  try {
    const input = testPattern(config.resolution);
    const own = () => classifier.probabilities(input);
    const runGraph = () => graphProbabilities(graph!, input, config.resolution);

    stage(`${name}: warm-up (compiling)`);
    const warmUpMs = await timed(() => classifier.warmUp());
    const pipelines = await classifier.countPipelines();
    stage(`${name}: first inference`);
    const firstMs = await timed(own);
    let peak = gpuBytes();
    const sample = () => {
      const g = gpuBytes();
      if (g !== null) peak = Math.max(peak ?? 0, g);
    };

    let graphFirstMs: number | undefined;
    let graphMaxAbsDiff: number | undefined;
    if (o.graph && artifacts) {
      stage(`${name}: loading tf.loadGraphModel`);
      graph = await graphModelFromMemory(artifacts.modelJson, artifacts.weightData);
      stage(`${name}: graph model first inference`);
      graphFirstMs = await timed(runGraph);
      graphMaxAbsDiff = maxAbsDiff(await own(), await runGraph());
    }
    const ortEp = o.ort ? ORT_EP_FOR[o.backend] : undefined;
    if (ortEp) stage(`${name}: ONNX Runtime Web (${ortEp}) session and first inference`);
    // On wasm, ORT gets the own network's thread count: the comparison is at equal threads.
    const ort = ortEp ? await startOrtPeer(ortEp, classifier, input, await own(), o.threads ?? 1) : null;
    sample();

    // The lab's one timing loop (timing.ts), with no extra warm-up (warm-up and first runs were
    // timed above).
    const sides: { name: string; run: () => Promise<unknown> }[] = [{ name: 'own', run: own }];
    if (graph) sides.push({ name: 'graph', run: runGraph });
    if (ort?.peer) sides.push({ name: 'ORT', run: ort.peer.run });
    const before = tf.memory().numTensors;
    const series = await measureInterleaved(
      sides.map((side) => side.run),
      {
        runs: o.runs,
        warmup: 0,
        settleMs: ort?.peer && ortEp === 'wasm' ? ORT_SETTLE_MS : 0,
        onRun: (who, i) => {
          sample(); // GPU bytes after the previous run, outside the timed span
          const order = i % 2 === 0 ? sides : [...sides].reverse();
          if (order[0] === sides[who]) stage(`${name}: run ${i + 1}/${o.runs}${sides.length > 1 ? ` (${order.map((p) => p.name).join(', ')})` : ''}`);
        },
      },
    );
    sample();
    const ownTimes = series[0].times;

    const medianMs = series[0].spread.medianMs;
    const gflops = gflopsFor(config.flops, medianMs);
    result = {
      backend: o.backend,
      variant: name,
      resolution: config.resolution,
      loadNetworkMs,
      loadCacheMs,
      warmUpMs,
      firstMs,
      medianMs,
      p95Ms: percentile(ownTimes, 95) as number,
      runs: ownTimes.length,
      gflops,
      matmulGflops: o.matmulGflops,
      gflopsRatio: o.matmulGflops ? gflops / o.matmulGflops : null,
      leakedTensors: tf.memory().numTensors - before,
      leakedAfterSwitch: 0,
      peakGpuBytes: peak,
      kernels: classifier.kernels,
      pipelines,
    };
    if (o.threads !== undefined) result.ownThreads = o.threads;
    if (o.evalBatch) Object.assign(result, await batchThroughput(classifier, input, o.evalBatch, medianMs, (m) => stage(`${name}: ${m}`)));
    if (!artifacts) result.weights = 'random';
    if (graph) {
      const graphMedianMs = series[1].spread.medianMs;
      Object.assign(result, { graphFirstMs, graphMedianMs, ownOverGraph: medianMs / graphMedianMs, graphMaxAbsDiff });
    }
    if (ort) Object.assign(result, ort.peer ? ort.peer.fields(medianMs, series.at(-1)!.spread.medianMs) : ort.error);
    await ort?.peer?.release();
  } finally {
    classifier.dispose();
    graph?.dispose();
  }
  result.leakedAfterSwitch = tf.memory().numTensors - tensorsAtStart;
  return result;
}

/** Images/s one at a time (from the median above) and in Evaluate's batch: one untimed batch
 *  (new shapes compile), then the median of three. */
async function batchThroughput(c: Classifier, input: Float32Array, batch: number, aloneMs: number, stage: (m: string) => void) {
  const inputs = new Float32Array(batch * input.length);
  for (let i = 0; i < batch; i++) inputs.set(input, i * input.length);
  stage(`batch of ${batch} (first)`);
  const [{ spread }] = await measureInterleaved([() => c.probabilitiesBatch(inputs, batch)], {
    runs: 3,
    onRun: (_, i) => stage(`batch of ${batch}, run ${i + 1}/3`),
  });
  return { evalBatch: batch, imagesPerSecAlone: 1000 / aloneMs, imagesPerSecBatch: (1000 * batch) / spread.medianMs };
}

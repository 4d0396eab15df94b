/** What the benchmark measures for one backend × variant (src/model/bench.ts fills it; the bench
 *  protocol carries it; the view, CSV and the CLI's markdown show it). */
import type { BackendName } from './backend-name';
import type { KernelReport } from './kernels/plan';

/** One backend × variant. Times in ms; GFLOP/s counts 2 FLOPs per multiply-add. */
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

/** Messages between the bench view (main thread) and a bench worker. One worker per backend:
 *  `init` picks exactly that backend (no fallback), then `matmul` and `variant` requests run one
 *  at a time. Pure types plus a few helpers; no tfjs. */
import type { BackendName } from '../model/backend-name';
import type { KernelMode, KernelReport } from '../model/kernels/plan';

/** tfjs environment flags to set before the backend initialises (tuning experiments). */
export type BenchFlags = Record<string, number | boolean>;

export interface BenchMachine {
  userAgent: string;
  hardwareConcurrency: number | null;
  /** WebGPU adapter as the webgpu worker described it (null when webgpu was not run). */
  adapter: string | null;
  tfjs: string;
  /** Whether the page could use SharedArrayBuffer (wasm threads need it and a document). */
  crossOriginIsolated: boolean;
}

/** One backend × variant. Times in ms; GFLOP/s counts 2 FLOPs per multiply-add. */
export interface BenchResult {
  backend: BackendName;
  variant: string;
  resolution: number;
  /** Cache cleared, then fetch + cache store + weights bound to the backend (classifier ready). */
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
  /** 2 · multiply-adds of one image / median time. */
  gflops: number;
  /** A 1024² float32 matMul on the same backend in the same worker. */
  matmulGflops: number | null;
  /** gflops / matmulGflops. */
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
  /** ONNX Runtime Web on the exported model (src/model/bench-ort.ts), timed interleaved too. */
  ortEp?: 'wasm' | 'webgpu';
  /** wasm threads ORT used (1 unless cross-origin isolated; 0 on the webgpu EP). */
  ortThreads?: number;
  /** ONNX export + session creation. */
  ortSessionMs?: number;
  ortFirstMs?: number;
  ortMedianMs?: number;
  ownOverOrt?: number;
  ortMaxAbsDiff?: number;
  /** Why ORT could not be measured (the own/graph numbers still stand). */
  ortError?: string;
}

export interface BenchReport {
  machine: BenchMachine;
  results: BenchResult[];
  /** Settings the run used (for the record). */
  settings?: { backends: BackendName[]; variants: string[]; runs: number; flags?: BenchFlags; kernels?: KernelMode };
  errors?: string[];
}

export interface VariantJob {
  baseUrl: string;
  /** 0–7 */
  variant: number;
  runs: number;
  /** Also time tf.loadGraphModel interleaved with the own network. */
  graph: boolean;
  /** Also time ONNX Runtime Web (the EP matching the backend) interleaved with it. */
  ort?: boolean;
  /** Measure the network load (clears the model cache first) and the cached load. */
  measureLoad: boolean;
  matmulGflops: number | null;
}

export type BenchRequest =
  | { type: 'init'; id: number; backend: BackendName; flags?: BenchFlags; kernels?: KernelMode }
  | { type: 'matmul'; id: number; size: number; runs: number }
  | { type: 'variant'; id: number; job: VariantJob };

export type BenchResponse =
  | { type: 'ready'; id: number; backend: BackendName; adapter: string | null; tfjs: string; numTensors: number }
  | { type: 'progress'; id: number; stage: string }
  | { type: 'matmul'; id: number; gflops: number; medianMs: number }
  | { type: 'result'; id: number; result: BenchResult }
  | { type: 'error'; id: number; message: string };

/** The flag (registered by src/model/kernels/mode.ts) that switches the own network between its
 *  fused WebGPU kernels (default) and stock tfjs kernels. */
export const OWN_KERNELS_FLAG = 'EFFNET_WEBGPU_KERNELS';

export const BENCH_BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'webgl'];
/** Backends where the own network is also timed against tf.loadGraphModel. */
export const GRAPH_BACKENDS: readonly BackendName[] = ['webgpu', 'wasm'];

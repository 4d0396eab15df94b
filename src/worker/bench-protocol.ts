/** Messages between the bench view (main thread) and a bench worker. One worker per backend:
 *  `init` picks exactly that backend (no fallback), then `matmul` and `variant` requests run one
 *  at a time. Pure types plus a few helpers; no tfjs. */
import type { BackendName } from '../model/backend-name';
import type { BenchResult } from '../model/bench-result';

export type { BenchResult };
import type { KernelMode } from '../model/kernels/plan';

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
  /** Measure the network load (a download past the cache, which deletes nothing) and the cached load. */
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

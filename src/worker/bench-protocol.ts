/** Messages between the bench view (main thread) and a bench worker (bench.worker.ts). Pure
 *  types plus a few helpers; no tfjs. */
import type { BackendName } from '../model/backend-name';
import type { BenchResult, VariantBenchOptions } from '../model/bench';

export type { BenchResult };
import type { KernelMode } from '../model/kernels/plan';

/** tfjs environment flags to set before the backend initialises (tuning experiments). */
export type BenchFlags = Record<string, number | boolean>;

export interface BenchReport {
  machine: {
    userAgent: string;
    hardwareConcurrency: number | null;
    /** WebGPU adapter as the webgpu worker described it (null when webgpu was not run). */
    adapter: string | null;
    tfjs: string;
    /** Whether the page could use SharedArrayBuffer (wasm threads need it and a document). */
    crossOriginIsolated: boolean;
  };
  results: BenchResult[];
  /** Settings the run used (for the record). */
  settings?: { backends: BackendName[]; variants: string[]; runs: number; flags?: BenchFlags; kernels?: KernelMode; threads?: number[] };
  errors?: string[];
}

/** One variant on the worker's backend: the network load (a download past the cache, which deletes
 *  nothing), the cached load, and on GRAPH_BACKENDS the graph model and ONNX Runtime beside it. */
export interface VariantJob extends Pick<VariantBenchOptions, 'variant' | 'runs' | 'matmulGflops'> {
  baseUrl: string;
}

export type BenchRequest =
  /** `threads`: wasm only, XNNPACK's thread count (1: the single-threaded SIMD build); absent: the
   *  app's rule, min(cores, 8). */
  | { type: 'init'; id: number; backend: BackendName; flags?: BenchFlags; kernels?: KernelMode; threads?: number }
  | { type: 'matmul'; id: number; size: number; runs: number }
  | { type: 'variant'; id: number; job: VariantJob };

export type BenchResponse =
  | { type: 'ready'; id: number; backend: BackendName; adapter: string | null; tfjs: string; numTensors: number }
  | { type: 'progress'; id: number; stage: string }
  | { type: 'matmul'; id: number; gflops: number; medianMs: number }
  | { type: 'result'; id: number; result: BenchResult }
  | { type: 'error'; id: number; message: string };

export const BENCH_BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'webgl'];
/** Backends where the own network is also timed against tf.loadGraphModel. */
export const GRAPH_BACKENDS: readonly BackendName[] = ['webgpu', 'wasm'];

/** Most wasm threads a bench run may ask for (tfjs-wasm's pool is sized when the module starts). */
export const MAX_BENCH_THREADS = 16;

/** A wasm thread count from text ("2"), or null when it is not a whole number in 1…MAX_BENCH_THREADS. */
export function benchThreadsOf(s: string): number | null {
  const n = Number(s);
  return s.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= MAX_BENCH_THREADS ? n : null;
}

/** One bench worker each: the backends in order, wasm once per asked thread count (none asked:
 *  once, at the app's rule). Other backends ignore thread counts. */
export function benchPasses(backends: readonly BackendName[], threads: readonly number[] = []): { backend: BackendName; threads?: number }[] {
  return backends.flatMap((backend) => (backend === 'wasm' && threads.length ? threads.map((t) => ({ backend, threads: t })) : [{ backend }]));
}

/** Main-thread driver of the benchmark: a fresh bench worker per backend (so backends never
 *  share GPU state or pools), a 1024² matMul, then each variant. A backend that fails is
 *  recorded in `errors` and the rest still run. Never imports tfjs. */
import type { BenchFlags, BenchReport, BenchRequest, BenchResponse, BenchResult } from '../../worker/bench-protocol';
import { benchPasses, GRAPH_BACKENDS } from '../../worker/bench-protocol';
import type { BackendName } from '../../model/backend-name';
import type { KernelMode } from '../../model/kernels/plan';

export interface BenchSettings {
  baseUrl: string;
  backends: BackendName[];
  /** 0–7 */
  variants: number[];
  runs: number;
  flags?: BenchFlags;
  kernels?: KernelMode;
  /** wasm thread counts, one worker (and one row per variant) each; empty or absent: the app's rule. */
  threads?: number[];
}

export interface BenchProgress {
  backend: BackendName;
  stage: string;
}

type Body = BenchRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export const spawnBenchWorker = () => new Worker(new URL('../../worker/bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });

/** A tiny request/answer wrapper around one bench worker. */
class BenchWorker {
  private nextId = 1;
  private waiting = new Map<number, { resolve: (r: BenchResponse) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly worker: Worker,
    private readonly onStage: (stage: string) => void,
  ) {
    worker.onmessage = (ev: MessageEvent<BenchResponse>) => {
      const msg = ev.data;
      if (msg.type === 'progress') return this.onStage(msg.stage);
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.type === 'error') w.reject(new Error(msg.message));
      else w.resolve(msg);
    };
    worker.onerror = (ev) => {
      ev.preventDefault?.();
      this.failAll(`the bench worker crashed${ev.message ? `: ${ev.message}` : ''}`);
    };
  }

  private failAll(reason: string) {
    for (const w of this.waiting.values()) w.reject(new Error(reason));
    this.waiting.clear();
  }

  request<T extends BenchResponse['type']>(body: Body): Promise<Extract<BenchResponse, { type: T }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (r: BenchResponse) => void, reject });
      this.worker.postMessage({ ...body, id });
    });
  }

  terminate() {
    this.failAll('terminated');
    this.worker.terminate();
  }
}

export async function runBench(
  s: BenchSettings,
  onProgress: (p: BenchProgress) => void = () => undefined,
  onResult: (r: BenchResult) => void = () => undefined,
  spawn: () => Worker = spawnBenchWorker,
): Promise<BenchReport> {
  const results: BenchResult[] = [];
  const errors: string[] = [];
  let adapter: string | null = null;
  let tfjs = '';
  for (const { backend, threads } of benchPasses(s.backends, s.threads)) {
    const pass = threads ? `${backend} ×${threads} threads` : backend;
    const w = new BenchWorker(spawn(), (stage) => onProgress({ backend, stage: threads ? `×${threads} threads: ${stage}` : stage }));
    try {
      onProgress({ backend, stage: 'initialising' });
      const ready = await w.request<'ready'>({ type: 'init', backend, flags: s.flags, kernels: s.kernels, threads });
      if (ready.adapter) adapter = ready.adapter;
      tfjs = ready.tfjs;
      const mm = await w.request<'matmul'>({ type: 'matmul', size: 1024, runs: Math.max(3, Math.min(s.runs, 10)) });
      for (const variant of s.variants) {
        try {
          const job = {
            baseUrl: s.baseUrl,
            variant,
            runs: s.runs,
            graph: GRAPH_BACKENDS.includes(backend),
            ort: GRAPH_BACKENDS.includes(backend),
            measureLoad: true,
            matmulGflops: mm.gflops,
          };
          const { result } = await w.request<'result'>({ type: 'variant', job });
          const r = threads ? { ...result, threadsAsked: threads } : result;
          results.push(r);
          onResult(r);
        } catch (e) {
          errors.push(`${pass} B${variant}: ${(e as Error).message}`);
        }
      }
    } catch (e) {
      errors.push(`${pass}: ${(e as Error).message}`);
    } finally {
      w.terminate();
    }
  }
  const nav = globalThis.navigator as Navigator | undefined;
  return {
    machine: {
      userAgent: nav?.userAgent ?? '',
      hardwareConcurrency: nav?.hardwareConcurrency ?? null,
      adapter,
      tfjs,
      crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    },
    results,
    settings: {
      backends: s.backends,
      variants: s.variants.map((k) => `B${k}`),
      runs: s.runs,
      ...(s.flags ? { flags: s.flags } : {}),
      ...(s.kernels ? { kernels: s.kernels } : {}),
      ...(s.threads?.length ? { threads: s.threads } : {}),
    },
    ...(errors.length ? { errors } : {}),
  };
}

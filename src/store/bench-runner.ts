/** The benchmark's driver: a fresh bench worker per backend (so backends never share GPU state or
 *  pools), a 1024² matMul, then each variant. A backend that fails is recorded in `errors`. */
import { benchPasses, type BenchReport, type BenchResult } from '../worker/bench-protocol';
import { benchClient } from '../worker/client';

/** The report's settings with the variants as indices, and the weights' base URL. `threads`: wasm
 *  thread counts, one worker (and one row per variant) each; empty or absent: the app's rule. */
export type BenchSettings = Omit<NonNullable<BenchReport['settings']>, 'variants'> & { baseUrl: string; variants: number[] };

export async function runBench(
  s: BenchSettings,
  /** Each stage as a line for the view ("webgpu: 1024² matMul"). */
  onProgress: (line: string) => void,
  onResult: (r: BenchResult) => void,
  spawn?: () => Worker,
): Promise<BenchReport> {
  const { baseUrl, ...asked } = s;
  const results: BenchResult[] = [];
  const errors: string[] = [];
  let adapter: string | null = null;
  let tfjs = '';
  for (const { backend, threads } of benchPasses(s.backends, s.threads)) {
    const pass = threads ? `${backend} ×${threads} threads` : backend;
    const w = benchClient(spawn);
    const hooks = { onProgress: ({ stage }: { stage: string }) => onProgress(`${backend}: ${threads ? `×${threads} threads: ` : ''}${stage}`) };
    try {
      onProgress(`${backend}: initialising`);
      const ready = await w.send({ type: 'init', backend, flags: s.flags, kernels: s.kernels, threads }, ['ready']).done;
      if (ready.adapter) adapter = ready.adapter;
      tfjs = ready.tfjs;
      const mm = await w.send({ type: 'matmul', size: 1024, runs: Math.max(3, Math.min(s.runs, 10)) }, ['matmul'], hooks).done;
      for (const variant of s.variants) {
        try {
          const job = { baseUrl, variant, runs: s.runs, matmulGflops: mm.gflops };
          const { result } = await w.send({ type: 'variant', job }, ['result'], hooks).done;
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
    settings: { ...asked, variants: s.variants.map((k) => `B${k}`) },
    ...(errors.length ? { errors } : {}),
  };
}

/** Thin requests to the inference worker: Evaluate's batches, and for scripting and tests
 *  (window.phiLab) fault drills, memory, a soak run, and the worker's own request log. */
import type { KernelParityJob, KernelParityReport } from '../model/kernels/parity';
import { FORMULA_SEED } from '../model/synthetic-init';
import type { InferenceClient } from '../worker/client';
import type { Answer, DebugAction, MemoryInfo, ModelSpec, RequestLogEntry } from '../worker/protocol';

export function workerTools(client: Pick<InferenceClient, 'send'>) {
  return {
    /** Evaluate: one batch of files through the networks (decoded in the worker). */
    classifyBatch: (models: ModelSpec[], files: File[], onProgress: (p: Answer<'progress'>) => void) =>
      client.send({ type: 'classifyBatch', models, files }, ['batch'], { onProgress }).done,

    /** The worker's own log of the requests it handled (for tests). */
    requestLog: async (): Promise<RequestLogEntry[]> => (await client.send({ type: 'log' }, ['log']).done).entries,

    /** Fault injection: lose the GPU device, crash the worker, fail the next build. */
    async debug(action: DebugAction): Promise<void> {
      await client.send({ type: 'debug', action }, ['debugDone']).done;
    },

    /** Every WebGPU kernel path against stock ops in the worker (window.phiLab, e2e). */
    kernelParity: async (job: KernelParityJob): Promise<KernelParityReport> => (await client.send({ type: 'kernelParity', job }, ['kernelParity']).done).report,

    /** The worker's tfjs memory (tensor count, bytes, GPU bytes where known). */
    memory: async (): Promise<MemoryInfo> => (await client.send({ type: 'memory' }, ['memory']).done).memory,

    /** Soak: `runs` timed inferences in a row of the φ=0 network on small inputs (a series without
     *  warm-up; a new network runs once untimed first); the run count and the worker's memory after. */
    async soak(runs: number, resolution = 96): Promise<{ steadyRuns: number; memory: MemoryInfo }> {
      const model: ModelSpec = { kind: 'random', scaling: { phi: 0, resolution }, seed: FORMULA_SEED };
      const [e] = (await client.send({ type: 'measure', models: [model], runs, warmup: 0 }, ['series']).done).entries;
      if (!e.ok) throw new Error(e.error);
      return { steadyRuns: e.latency.steadyRuns, memory: e.memory };
    },
  };
}

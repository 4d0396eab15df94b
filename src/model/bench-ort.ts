/** The benchmark's ONNX Runtime Web side: the network being benchmarked is exported to ONNX
 *  (same weights), loaded into ORT-web on the EP matching the tfjs backend, run on the same input
 *  and timed in the same interleaved loop as the own network (bench.ts). A failure here is
 *  recorded in the result, never fails the variant. */
import type { BenchResult } from './bench-result';
import type { BackendName } from './backend-name';
import type { Classifier } from './classifier';
import { maxAbsDiff } from './max-abs-diff';
import { createOrtRunner, type OrtEp, type OrtRunner } from './ort-runner';

/** The tfjs backends ORT is measured beside, and the EP used for each. */
export const ORT_EP_FOR: Partial<Record<BackendName, OrtEp>> = { webgpu: 'webgpu', wasm: 'wasm' };

export type OrtFields = Pick<BenchResult, 'ortEp' | 'ortThreads' | 'ortSessionMs' | 'ortFirstMs' | 'ortMedianMs' | 'ownOverOrt' | 'ortMaxAbsDiff' | 'ortError'>;

/** Exports the classifier's network, opens an ORT session, times its first run and checks its
 *  probabilities against `ownProbs`. `threads`: ORT's wasm threads. No peer when ORT could not
 *  start (the reason is in `error`). */
export async function startOrtPeer(ep: OrtEp, classifier: Classifier, input: Float32Array, ownProbs: Float32Array, threads: number) {
  let runner: OrtRunner | null = null;
  try {
    const t0 = performance.now();
    const { bytes } = await classifier.exportOnnx();
    runner = await createOrtRunner(bytes, ep, classifier.config.resolution, threads);
    const t1 = performance.now();
    const first = await runner.run(input);
    const ortFirstMs = performance.now() - t1;
    const r = runner;
    const known = { ortEp: ep, ortThreads: r.threads, ortSessionMs: t1 - t0, ortFirstMs, ortMaxAbsDiff: maxAbsDiff(first, ownProbs) };
    return {
      peer: {
        /** One inference on the bench input, read back (bench.ts times it in its loop). */
        run: () => r.run(input),
        /** The result fields, given the own network's median and ORT's (ms). */
        fields: (ownMs: number, ortMs: number): OrtFields => ({ ...known, ortMedianMs: ortMs, ownOverOrt: ownMs / ortMs }),
        release: () => r.release(),
      },
    };
  } catch (e) {
    await runner?.release().catch(() => undefined);
    return { peer: null, error: { ortEp: ep, ortError: e instanceof Error ? e.message : String(e) } satisfies OrtFields };
  }
}

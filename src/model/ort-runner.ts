/**
 * ONNX Runtime Web as the benchmark's peer: the network being benchmarked is exported to ONNX
 * (onnx-export.ts, same weights), loaded into ORT-web on the EP matching the tfjs backend, run on
 * the same input and timed in the same interleaved loop as the own network (bench.ts). A failure
 * here is recorded in the result, never fails the variant.
 * Sessions run on the wasm EP (`onnxruntime-web/wasm`: SIMD, threads when cross-origin isolated) or
 * the webgpu EP (`onnxruntime-web/webgpu`), each build loaded on demand, its .wasm from the app's origin (the
 * bench worker passes the bundled URLs to configureOrtWasm; no CDN). CSP: script-src
 * 'wasm-unsafe-eval' compiles the .wasm, worker-src 'self' starts the threaded builds' pthreads.
 * The webgpu build's embind glue holds a `new Function` path the CSP would refuse; the bench does
 * not reach it. Should it ever, `import('onnxruntime-web')` (the JSEP build) is the alternative.
 */
import type * as Ort from 'onnxruntime-web';
import type { BenchResult } from './bench';
import type { BackendName } from './backend-name';
import type { Classifier } from './classifier';
import { maxAbsDiff } from './max-abs-diff';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-export';

type OrtEp = NonNullable<BenchResult['ortEp']>;

/** The tfjs backends ORT is measured beside, and the EP used for each. */
export const ORT_EP_FOR: Partial<Record<BackendName, OrtEp>> = { webgpu: 'webgpu', wasm: 'wasm' };

type OrtFields = Pick<BenchResult, 'ortEp' | 'ortThreads' | 'ortSessionMs' | 'ortFirstMs' | 'ortMedianMs' | 'ownOverOrt' | 'ortMaxAbsDiff' | 'ortError'>;

/** URL of each EP's .wasm file (from `?url` imports in the worker). */
let wasmUrls: Partial<Record<OrtEp, string>> = {};

export function configureOrtWasm(urls: Partial<Record<OrtEp, string>>): void {
  wasmUrls = urls;
}

/** Exports the classifier's network, opens an ORT session, times its first run and checks its
 *  probabilities against `ownProbs`. `threads`: the wasm EP's thread count (the webgpu EP runs on
 *  one). No peer when ORT could not start (the reason is in `error`). */
export async function startOrtPeer(ep: OrtEp, classifier: Classifier, input: Float32Array, ownProbs: Float32Array, threads: number) {
  let session: Ort.InferenceSession | null = null;
  try {
    const t0 = performance.now();
    const { bytes } = await classifier.exportOnnx();
    const ort: typeof Ort = await (ep === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm'));
    ort.env.wasm.numThreads = ep === 'wasm' ? threads : 1;
    ort.env.wasm.proxy = false;
    const url = wasmUrls[ep];
    if (url) ort.env.wasm.wasmPaths = { wasm: url };
    const s = (session = await ort.InferenceSession.create(bytes, { executionProviders: [ep], graphOptimizationLevel: 'all' }));
    const size = classifier.config.resolution;
    /** One inference on the bench input, read back to the CPU (bench.ts times it in its loop). */
    const run = async () => {
      const x = new ort.Tensor('float32', input, [1, size, size, 3]);
      try {
        const y = (await s.run({ [ONNX_INPUT_NAME]: x }))[ONNX_OUTPUT_NAME];
        const data = (await y.getData()) as Float32Array;
        y.dispose();
        return data;
      } finally {
        x.dispose();
      }
    };
    const t1 = performance.now();
    const first = await run();
    const ortFirstMs = performance.now() - t1;
    const known = { ortEp: ep, ortThreads: ep === 'wasm' ? threads : 0, ortSessionMs: t1 - t0, ortFirstMs, ortMaxAbsDiff: maxAbsDiff(first, ownProbs) };
    return {
      peer: {
        run,
        /** The result fields, given the own network's median and ORT's (ms). */
        fields: (ownMs: number, ortMs: number): OrtFields => ({ ...known, ortMedianMs: ortMs, ownOverOrt: ownMs / ortMs }),
        release: () => s.release(),
      },
    };
  } catch (e) {
    await session?.release().catch(() => undefined);
    return { peer: null, error: { ortEp: ep, ortError: e instanceof Error ? e.message : String(e) } satisfies OrtFields };
  }
}

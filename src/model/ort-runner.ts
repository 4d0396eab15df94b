/**
 * ONNX Runtime Web as the benchmark's peer: a session on an exported model (onnx-export.ts) for
 * the wasm EP (`onnxruntime-web/wasm`: SIMD, threads when cross-origin isolated) or the webgpu EP
 * (`onnxruntime-web/webgpu`), each build loaded on demand, its .wasm from the app's origin (the
 * bench worker passes the bundled URLs to configureOrtWasm; no CDN). CSP: script-src
 * 'wasm-unsafe-eval' compiles the .wasm, worker-src 'self' starts the threaded builds' pthreads.
 * The webgpu build's embind glue holds a `new Function` path the CSP would refuse; the bench does
 * not reach it. Should it ever, `import('onnxruntime-web')` (the JSEP build) is the alternative.
 */
import type * as Ort from 'onnxruntime-web';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-export';

export type OrtEp = 'wasm' | 'webgpu';

/** URL of each EP's .wasm file (from `?url` imports in the worker). */
let wasmUrls: Partial<Record<OrtEp, string>> = {};

export function configureOrtWasm(urls: Partial<Record<OrtEp, string>>): void {
  wasmUrls = urls;
}

/** `wasmThreads`: the wasm EP's thread count (the webgpu EP runs on one). */
export async function createOrtRunner(model: Uint8Array, ep: OrtEp, size: number, wasmThreads: number) {
  const ort: typeof Ort = await (ep === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm'));
  const threads = ep === 'wasm' ? wasmThreads : 1;
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false;
  const url = wasmUrls[ep];
  if (url) ort.env.wasm.wasmPaths = { wasm: url };
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [ep],
    graphOptimizationLevel: 'all',
  });
  return {
    /** wasm threads in use (0 for the webgpu EP). */
    threads: ep === 'wasm' ? threads : 0,
    /** Probabilities for one NHWC image, read back to the CPU. */
    run: async (input: Float32Array) => {
      const x = new ort.Tensor('float32', input, [1, size, size, 3]);
      try {
        const out = await session.run({ [ONNX_INPUT_NAME]: x });
        const y = out[ONNX_OUTPUT_NAME];
        const data = (await y.getData()) as Float32Array;
        y.dispose();
        return data;
      } finally {
        x.dispose();
      }
    },
    release: () => session.release(),
  };
}
export type OrtRunner = Awaited<ReturnType<typeof createOrtRunner>>;

/** tfjs-wasm's bundled .wasm files and pthread script, the same for both workers (the inference
 *  and the bench worker); served from the app's origin, never a CDN. Imported at the worker's
 *  start, before any backend is selected: importing it configures them. */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasm } from '../model/backend';

configureWasm(
  { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded },
  // tfjs-wasm's pthread script, served as a file (scripts/lib/wasm-threads.ts).
  new URL(`${import.meta.env.BASE_URL}tfjs-wasm-pthread.js`, self.location.origin).href,
);

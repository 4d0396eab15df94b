/** Test support for parity runs in Node (model tests and scripts): the fastest available tfjs
 *  backend (wasm, ~15× faster than cpu here) and where the synthetic exports live (topologies:
 *  test-support/fixtures.ts). */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const syntheticModelDir = (k: number): string => join(REPO_ROOT, 'synthetic-models', `B${k}`);

let chosen: Promise<string> | null = null;

/** Switches to wasm (falling back to cpu) once per process; resolves to the backend name.
 *  Set TFJS_BACKEND=cpu to force the reference backend. */
export function useFastBackend(): Promise<string> {
  chosen ??= (async () => {
    if (process.env.TFJS_BACKEND !== 'cpu') {
      try {
        setWasmPaths(join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
        if (await tf.setBackend('wasm')) {
          await tf.ready();
          return tf.getBackend();
        }
      } catch (e) {
        console.warn(`wasm backend unavailable in Node, using cpu: ${(e as Error).message}`);
      }
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return tf.getBackend();
  })();
  return chosen;
}

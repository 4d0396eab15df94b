/** Shader compilation without execution on the GPU backends (warm-up, the kernel tuner, pipeline
 *  counts): ops create their pipelines asynchronously, so they compile in parallel, and dispatch nothing. */
import * as tf from '@tensorflow/tfjs-core';

const COMPILE_ONLY_FLAG: Record<string, string> = { webgpu: 'WEBGPU_ENGINE_COMPILE_ONLY', webgl: 'ENGINE_COMPILE_ONLY' };

type ParallelCompiling = { checkCompileCompletionAsync?: () => Promise<unknown>; getUniformLocations?: () => void };

/** Runs `forward` in compile-only mode and waits for every pipeline; false where the active
 *  backend has no such mode (wasm, cpu: nothing to compile). */
export async function compileOnly(forward: () => tf.TensorContainer): Promise<boolean> {
  const name = tf.getBackend();
  const flag = COMPILE_ONLY_FLAG[name];
  const backend = tf.backend() as unknown as ParallelCompiling;
  if (!flag || typeof backend.checkCompileCompletionAsync !== 'function') return false;
  enterCompileOnly(forward);
  await backend.checkCompileCompletionAsync();
  if (name === 'webgl') backend.getUniformLocations?.();
  return true;
}

/** Only the synchronous half: creates the pipelines' promises, does not wait for them. */
export function enterCompileOnly(forward: () => tf.TensorContainer): void {
  const flag = COMPILE_ONLY_FLAG[tf.getBackend()];
  if (!flag) throw new Error(`${tf.getBackend()} has no compile-only mode`);
  tf.env().set(flag, true);
  try {
    tf.dispose(tf.tidy(forward));
  } finally {
    tf.env().set(flag, false);
  }
}

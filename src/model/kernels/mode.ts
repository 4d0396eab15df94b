/** The worker-wide kernel mode (`?kernels=`, sent with the worker's init) and the tfjs flag
 *  that turns the own WebGPU kernels off altogether (bench A/B: EFFNET_WEBGPU_KERNELS=false). */
import * as tf from '@tensorflow/tfjs-core';
import { planFor, type KernelMode, type KernelPlan } from './plan';

export const WEBGPU_KERNELS_FLAG = 'EFFNET_WEBGPU_KERNELS';
tf.env().registerFlag(WEBGPU_KERNELS_FLAG, () => true);

let mode: KernelMode = 'auto';
/** Whether auto was asked for (?kernels=auto) rather than defaulted to. */
let explicit = false;

export function setKernelMode(m: KernelMode, asked = true): void {
  mode = m;
  explicit = asked;
}

export const kernelModeAsked = (): boolean => explicit;

/** The mode as set (not as the kernels flag reads it) and whether it was asked for: what a
 *  caller that switches modes for a while must put back. */
export const kernelModeState = (): { mode: KernelMode; asked: boolean } => ({ mode, asked: explicit });

export function kernelMode(): KernelMode {
  return tf.env().getBool(WEBGPU_KERNELS_FLAG) ? mode : 'stock';
}

/** The plan a new network starts with: the fixed mode's, or barrier-free until the tuner decides;
 *  null means the plain stock pass (identical to the other backends' ops). */
export function initialPlan(): KernelPlan | null {
  const m = kernelMode();
  if (m === 'stock') return null;
  return planFor(m === 'auto' ? 'barrier-free' : m);
}

export function webgpuActive(): boolean {
  return tf.getBackend() === 'webgpu';
}

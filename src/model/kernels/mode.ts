/** The kernel setting a network is built with (`?kernels=`, sent with the worker's init) and the
 *  tfjs flag that turns the own WebGPU kernels off altogether (bench A/B: EFFNET_WEBGPU_KERNELS=false). */
import * as tf from '@tensorflow/tfjs-core';
import { planFor, WEBGPU_KERNELS_FLAG, type KernelMode, type KernelPlan } from './plan';

tf.env().registerFlag(WEBGPU_KERNELS_FLAG, () => true);

/** A network's kernel option: the mode, and whether it was asked for (an explicit ?kernels=auto
 *  tunes even on a CPU-emulated adapter) rather than defaulted to. */
export const DEFAULT_KERNELS = { mode: 'auto' as KernelMode, asked: false };
export type KernelSetting = typeof DEFAULT_KERNELS;

/** The mode as the kernels flag lets it run: stock when the own kernels are off. */
export function effectiveMode(s: KernelSetting): KernelMode {
  return tf.env().getBool(WEBGPU_KERNELS_FLAG) ? s.mode : 'stock';
}

/** The plan a new network starts with: the fixed mode's, or barrier-free until the tuner decides;
 *  null means the plain stock pass (identical to the other backends' ops). */
export function initialPlan(s: KernelSetting): KernelPlan | null {
  const m = effectiveMode(s);
  if (m === 'stock') return null;
  return planFor(m === 'auto' ? 'barrier-free' : m);
}

export const webgpuActive = (): boolean => tf.getBackend() === 'webgpu';

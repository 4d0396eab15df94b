/**
 * Seeded random weights for the own builder at any φ, built in memory (no files). Values come
 * from src/model/synthetic-init.ts — the same roles, gains and per-tensor seeds as the
 * `npm run models:synth` exports — so an in-between φ behaves numerically like the exported
 * synthetic B0–B7 (activations O(1), softmax neither flat nor one-hot).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayerSpec, NetworkConfig } from '../scaling';
import { assembleWeights, REFERENCE_NORMALIZATION, type EfficientNetWeights } from './network';
import { DEFAULT_SYNTHETIC_SEED, initWeightSeeded, type InitOptions } from './synthetic-init';
import { roleForLayer } from './weight-roles';

/** Init options for a config: residual branches scaled by its number of identity skips. */
export function randomInitOptions(config: NetworkConfig): InitOptions {
  return { residualDepth: config.blocks.filter((b) => b.residual).length };
}

/** Per-tensor seed key: the prefix-free layer name plus the part, stable across variants. */
export const randomWeightKey = (layer: LayerSpec, part: 'kernel' | 'bias'): string => `${layer.name}/${part}`;

/** Values of one layer's kernel and bias (plain arrays: usable without tfjs, e.g. in tests). */
export function randomLayerValues(
  config: NetworkConfig,
  layer: LayerSpec,
  seed: number,
  options: InitOptions = randomInitOptions(config),
): { kernel: Float32Array; bias: Float32Array } {
  const block = config.blocks.find((b) => b.stage === layer.stage && b.block === layer.block);
  const residual = layer.kind === 'project' && Boolean(block?.residual);
  const values = (part: 'kernel' | 'bias', shape: number[]) =>
    initWeightSeeded(roleForLayer(layer.kind, part, residual), shape, seed, randomWeightKey(layer, part), options);
  return { kernel: values('kernel', layer.kernelShape), bias: values('bias', layer.biasShape) };
}

/** Weights for `config` with seeded random values and the reference input normalisation. */
export function randomWeights(config: NetworkConfig, seed: number = DEFAULT_SYNTHETIC_SEED): EfficientNetWeights {
  const options = randomInitOptions(config);
  const created: tf.Tensor[] = [];
  try {
    const { scale, mean, std } = REFERENCE_NORMALIZATION;
    return assembleWeights(config, { scale, mean: [...mean], std: [...std] }, (layer) => {
      const v = randomLayerValues(config, layer, seed, options);
      const kernel = tf.tensor(v.kernel, layer.kernelShape, 'float32');
      created.push(kernel);
      const bias = tf.tensor1d(v.bias, 'float32');
      created.push(bias);
      return { kernel, bias };
    });
  } catch (e) {
    tf.dispose(created);
    throw e;
  }
}

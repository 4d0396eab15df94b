/** Seeded random weights for the own builder at any φ, in memory: synthetic-init.ts's roles, gains
 *  and per-tensor seeds, as the `npm run models:synth` exports use, so an in-between φ behaves
 *  numerically like the synthetic B0–B7 (activations O(1), softmax neither flat nor one-hot). */
import * as tf from '@tensorflow/tfjs-core';
import type { LayerSpec, NetworkConfig } from '../scaling';
import { REFERENCE_NORMALIZATION } from './model-json';
import { assembleWeights } from './network';
import type { EfficientNetWeights } from './weights';
import { initWeightSeeded, roleForLayer } from './synthetic-init';

/** Weights for `config` with seeded random values and the reference input normalisation. Each
 *  tensor is seeded by (seed, `${layer name}/${part}`), stable across variants; residual branches
 *  are scaled by the number of identity skips. */
export function randomWeights(config: NetworkConfig, seed: number): EfficientNetWeights {
  const skips = new Set(config.blocks.filter((b) => b.residual).map((b) => `${b.stage}/${b.block}`));
  const options = { residualDepth: skips.size };
  const created: tf.Tensor[] = [];
  const values = (layer: LayerSpec, part: 'kernel' | 'bias', shape: number[]) => {
    const role = roleForLayer(layer.kind, part, layer.kind === 'project' && skips.has(`${layer.stage}/${layer.block}`));
    const t = tf.tensor(initWeightSeeded(role, shape, seed, `${layer.name}/${part}`, options), shape, 'float32');
    created.push(t);
    return t;
  };
  try {
    return assembleWeights(config, structuredClone(REFERENCE_NORMALIZATION), (layer) => ({
      kernel: values(layer, 'kernel', layer.kernelShape),
      bias: values(layer, 'bias', layer.biasShape) as tf.Tensor1D,
    }));
  } catch (e) {
    tf.dispose(created);
    throw e;
  }
}

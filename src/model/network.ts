/** EfficientNet inference built from a NetworkConfig and a weights object. The pass mirrors the
 *  converted TF Hub graphs op for op (fused kernels, SAME padding, swish as x·sigmoid(x)), the stock
 *  stem's input normalisation folded into one per-channel affine, so bound converted weights reproduce
 *  tf.loadGraphModel to float rounding, and any φ runs with
 *  random weights. Every shape is static (no runtime shape tensors): shader caches stay warm. */
import * as tf from '@tensorflow/tfjs-core';
import type { LayerSpec, NetworkConfig } from '../scaling';
import { forward } from './kernels/forward';
import { DEFAULT_KERNELS, initialPlan, webgpuActive, type KernelSetting } from './kernels/mode';
import { planFor } from './kernels/plan';
import { normalizationConstants } from './stock-ops';
import { layerWeights, type EfficientNetWeights, type InputNormalization, type LayerWeights } from './weights';

export interface NetworkOptions {
  /** Which WebGPU kernels run (default: auto, not asked for). */
  kernels?: KernelSetting;
}

/** The weights of `config`, `tensorsFor` giving each `config.layers` entry its (checked) tensors:
 *  binding and random init both go through here, so `config.layers` alone says what a network holds. */
export function assembleWeights(config: NetworkConfig, normalization: InputNormalization, tensorsFor: (layer: LayerSpec) => LayerWeights): EfficientNetWeights {
  return { normalization, layers: new Map(config.layers.map((l) => [l.name, tensorsFor(l)])) };
}

/** The plan of the plain pass: stock tfjs ops for every class (every backend but WebGPU). */
const STOCK_PLAN = planFor('stock');

export function createEfficientNet(config: NetworkConfig, weights: EfficientNetWeights, options: NetworkOptions = {}) {
  const kernels = options.kernels ?? DEFAULT_KERNELS;
  const norm = normalizationConstants(weights.normalization);
  let disposed = false;

  const forwardLogits = (x: tf.Tensor4D, keep?: { features?: tf.Tensor4D }): tf.Tensor2D => {
    if (disposed) throw new Error(`EfficientNet ${config.name} used after dispose()`);
    if (x.rank !== 4 || x.shape[3] !== 3) throw new Error(`Expected input [b,H,W,3], got [${x.shape.join(',')}]`);
    return forward(net.kernelPlan && webgpuActive() ? net.kernelPlan : STOCK_PLAN, x, config, weights, norm, keep);
  };

  const net = {
    config,
    /** The kernel option it was built with (tuneKernels reads it). */
    kernels,
    /** On WebGPU: the kernel per class (kernels/plan.ts); null runs the stock ops everywhere. */
    kernelPlan: initialPlan(kernels),
    /** The bound weights (owned by the network; read them, e.g. for ONNX export, never dispose). */
    weights,
    /** [b, H, W, 3] RGB in [0, 1] → [b, classes] softmax probabilities. Caller disposes both. */
    predict: (x: tf.Tensor4D) => tf.tidy(() => tf.softmax(forwardLogits(x))),
    /** Same as predict but stops before the softmax. */
    logits: (x: tf.Tensor4D) => tf.tidy(() => forwardLogits(x)),
    /** predict plus the top-1 class activation map [h, w] of the first image, from the same
     *  forward pass (the head's feature map is kept for it). Caller disposes both. */
    predictWithCam: (x: tf.Tensor4D) =>
      tf.tidy(() => {
        const keep: { features?: tf.Tensor4D } = {};
        const logits = forwardLogits(x, keep);
        const first = tf.slice(keep.features as tf.Tensor4D, [0, 0, 0, 0], [1, -1, -1, -1]);
        const top = tf.argMax(tf.slice(logits, [0, 0], [1, -1]), 1) as tf.Tensor1D;
        return { probs: tf.softmax(logits), cam: classActivation(first, layerWeights(weights, 'logits').kernel as tf.Tensor2D, top) };
      }),
    /** Releases every weight tensor (the network owns them once created). */
    dispose: () => {
      if (disposed) return;
      disposed = true;
      tf.dispose([norm.filter, norm.bias]);
      tf.dispose(weightTensors(weights));
    },
  };
  return net;
}
export type EfficientNet = ReturnType<typeof createEfficientNet>;

/** Class activation map on the device: one [h·w, C] × [C, 1] product over the head's feature map,
 *  picked for the top-1 class without leaving the backend (no readback in between). features
 *  [1, h, w, C] (after the head conv's swish), dense kernel [C, classes], class index [1] (int32) →
 *  the raw map [h, w] = Σ_c kernel[c, cls] · features[·, ·, c]. */
export function classActivation(features: tf.Tensor4D, denseKernel: tf.Tensor2D, cls: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const [, h, w, c] = features.shape;
    const column = tf.gather(denseKernel, cls, 1) as tf.Tensor2D; // [C, 1]
    return tf.reshape(tf.matMul(tf.reshape(features, [h * w, c]), column), [h, w]) as tf.Tensor2D;
  });
}

/** Every tensor held by a weights object (for disposal and counting). */
export function weightTensors(w: EfficientNetWeights): tf.Tensor[] {
  return [...w.layers.values()].flatMap((l) => [l.kernel, l.bias]);
}

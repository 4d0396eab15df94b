/**
 * EfficientNet inference built directly from a NetworkConfig and a typed weights object.
 *
 * The forward pass mirrors the converted TF Hub graphs op for op (same fused kernels, same
 * SAME padding, swish as x·sigmoid(x)), so bound converted weights reproduce tf.loadGraphModel
 * outputs to float rounding, while any φ can be run with random weights. No op depends on a
 * runtime shape tensor: every shape is static, which keeps WebGPU/WebGL shader caches warm.
 *
 * Speed: each block runs in its own tidy and swish frees its input at once, so backends reuse
 * memory layer to layer (the graph executor frees eagerly too); on wasm the squeeze uses
 * XNNPACK's average pool instead of a transposing mean; on WebGPU the pass runs on the
 * kernels of kernels/ (per class: barrier-free, tiled or stock, tuned per device; kernels/plan.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BlockConfig, LayerSpec, NetworkConfig } from '../scaling';
import { classActivation } from './cam-ops';
import { forwardWebGPU } from './kernels/forward';
import { DEFAULT_KERNELS, initialPlan, webgpuActive, type KernelSetting } from './kernels/mode';
import type { KernelPlan } from './kernels/plan';
import { conv, depthwise, normalize, spatialMean, swish } from './stock-ops';
import type { BlockWeights, EfficientNetWeights, InputNormalization } from './weights';

export type { ConvWeights, EfficientNetWeights, InputNormalization } from './weights';

export interface EfficientNet {
  readonly config: NetworkConfig;
  readonly inputNormalization: InputNormalization;
  /** The bound weights (owned by the network; read them, e.g. for ONNX export, never dispose). */
  readonly weights: EfficientNetWeights;
  /** [b, H, W, 3] RGB in [0, 1] → [b, classes] softmax probabilities. Caller disposes both. */
  predict(x: tf.Tensor4D): tf.Tensor2D;
  /** Same as predict but stops before the softmax. */
  logits(x: tf.Tensor4D): tf.Tensor2D;
  /** predict plus the top-1 class activation map [h, w] of the first image, from the same
   *  forward pass (the head's feature map is kept for it). Caller disposes both. */
  predictWithCam(x: tf.Tensor4D): { probs: tf.Tensor2D; cam: tf.Tensor2D };
  /** Releases every weight tensor (the network owns them once created). */
  dispose(): void;
  /** The kernel option it was built with (tuneKernels reads it). */
  readonly kernels: KernelSetting;
  /** On WebGPU: the kernel per class (kernels/plan.ts); null runs the stock ops everywhere. */
  kernelPlan: KernelPlan | null;
}

export interface NetworkOptions {
  /** Which WebGPU kernels run (default: auto, not asked for). */
  kernels?: KernelSetting;
}

export { REFERENCE_NORMALIZATION } from './model-json';

/** A kernel/bias pair for one LayerSpec of the config (already shape-checked by the caller). */
export type LayerTensors = { kernel: tf.Tensor; bias: tf.Tensor };

/** Which BlockWeights slot holds each block layer kind. */
export const BLOCK_SLOTS = { expand: 'expand', depthwise: 'depthwise', se_reduce: 'seReduce', se_expand: 'seExpand', project: 'project' } as const;

/**
 * Places one tensor pair per `config.layers` entry into the typed weights object. Binding and
 * random init both go through here, so `config.layers` (names and shapes from src/scaling) is
 * the single description of what a network holds.
 */
export function assembleWeights(config: NetworkConfig, normalization: InputNormalization, tensorsFor: (layer: LayerSpec) => LayerTensors): EfficientNetWeights {
  const blocks: Partial<BlockWeights>[] = config.blocks.map(() => ({}));
  const index = new Map(config.blocks.map((b, i) => [`${b.stage}/${b.block}`, i]));
  const top: Partial<Omit<EfficientNetWeights, 'blocks' | 'normalization'>> = {};
  for (const layer of config.layers) {
    const t = tensorsFor(layer);
    const conv = { kernel: t.kernel as tf.Tensor4D, bias: t.bias as tf.Tensor1D };
    if (layer.kind === 'stem') top.stem = conv;
    else if (layer.kind === 'head') top.head = conv;
    else if (layer.kind === 'dense') top.logits = { kernel: t.kernel as tf.Tensor2D, bias: conv.bias };
    else {
      const i = index.get(`${layer.stage}/${layer.block}`);
      if (i === undefined) throw new Error(`Layer ${layer.name} belongs to no block of ${config.name}`);
      blocks[i][BLOCK_SLOTS[layer.kind]] = conv;
    }
  }
  if (!top.stem || !top.head || !top.logits) throw new Error(`${config.name}: config.layers lacks stem, head or dense`);
  return { normalization, stem: top.stem, head: top.head, logits: top.logits, blocks: blocks as BlockWeights[] };
}

/** Runs the blocks, each in its own tidy, freeing each block's input once the next is built
 *  (but never the network's input). Peak memory is then a block's, not the whole pass's. */
function runBlocks(x: tf.Tensor4D, input: tf.Tensor, config: NetworkConfig, weights: EfficientNetWeights, block: typeof mbConv): tf.Tensor4D {
  let h = x;
  config.blocks.forEach((b, i) => {
    const out = tf.tidy(() => block(h, b, weights.blocks[i]));
    if (h !== input) h.dispose();
    h = out;
  });
  return h;
}

function mbConv(x: tf.Tensor4D, b: BlockConfig, w: BlockWeights): tf.Tensor4D {
  let h = x;
  if (w.expand) h = swish(conv(h, w.expand, 1));
  h = swish(depthwise(h, w.depthwise, b.stride));
  // Squeeze-excite on a [b,1,1,C] tensor: keepDims avoids the graph's Shape→Reshape round trip.
  const squeezed = spatialMean(h);
  const reduced = swish(conv(squeezed, w.seReduce, 1));
  const gate = tf.sigmoid(conv(reduced, w.seExpand, 1));
  h = tf.mul(h, gate);
  h = conv(h, w.project, 1);
  return b.residual ? tf.add(x, h) : h;
}

/** Throws if the weights do not fit the config (a cheap guard; bind.ts gives named errors). */
function assertFits(config: NetworkConfig, weights: EfficientNetWeights): void {
  if (weights.blocks.length !== config.blocks.length) {
    throw new Error(`Weights have ${weights.blocks.length} blocks, config ${config.name} has ${config.blocks.length}`);
  }
  config.blocks.forEach((b, i) => {
    const w = weights.blocks[i];
    const where = `stack_${b.stage}/block_${b.block}`;
    if ((b.expand !== 1) !== Boolean(w.expand)) throw new Error(`${where}: expand conv presence does not match config`);
    if (!w.depthwise || !w.seReduce || !w.seExpand || !w.project) throw new Error(`${where}: incomplete weights`);
  });
}

export function createEfficientNet(config: NetworkConfig, weights: EfficientNetWeights, options: NetworkOptions = {}): EfficientNet {
  const kernels = options.kernels ?? DEFAULT_KERNELS;
  assertFits(config, weights);
  const n = weights.normalization;
  // Constants live on the active backend once, not re-uploaded per call.
  const scale = tf.scalar(n.scale);
  const mean = tf.tensor4d(n.mean, [1, 1, 1, 3]);
  const std = tf.tensor4d(n.std, [1, 1, 1, 3]);
  let disposed = false;

  /** `keep.features` receives the head's feature map (for class activation maps). */
  const forwardLogits = (x: tf.Tensor4D, keep?: { features?: tf.Tensor4D }): tf.Tensor2D => {
    if (disposed) throw new Error(`EfficientNet ${config.name} used after dispose()`);
    if (x.rank !== 4 || x.shape[3] !== 3) throw new Error(`Expected input [b,H,W,3], got [${x.shape.join(',')}]`);
    if (net.kernelPlan && webgpuActive()) return forwardWebGPU(net.kernelPlan, x, config, weights, { scale, mean, std }, keep);
    let h = normalize(x, { scale, mean, std });
    h = swish(conv(h, weights.stem, 2));
    h = runBlocks(h, x, config, weights, mbConv);
    h = swish(conv(h, weights.head, 1));
    if (keep) keep.features = h;
    const pooled = tf.reshape(spatialMean(h), [h.shape[0], h.shape[3]]) as tf.Tensor2D;
    return tf.fused.matMul({ a: pooled, b: weights.logits.kernel, bias: weights.logits.bias }) as tf.Tensor2D;
  };

  const net: EfficientNet = {
    config,
    kernels,
    kernelPlan: initialPlan(kernels),
    inputNormalization: { scale: n.scale, mean: [...n.mean], std: [...n.std] },
    weights,
    predict: (x) => tf.tidy(() => tf.softmax(forwardLogits(x))),
    logits: (x) => tf.tidy(() => forwardLogits(x)),
    predictWithCam: (x) =>
      tf.tidy(() => {
        const keep: { features?: tf.Tensor4D } = {};
        const logits = forwardLogits(x, keep);
        const first = tf.slice(keep.features as tf.Tensor4D, [0, 0, 0, 0], [1, -1, -1, -1]);
        const top = tf.argMax(tf.slice(logits, [0, 0], [1, -1]), 1) as tf.Tensor1D;
        return { probs: tf.softmax(logits), cam: classActivation(first, weights.logits.kernel, top) };
      }),
    dispose: () => {
      if (disposed) return;
      disposed = true;
      tf.dispose([scale, mean, std]);
      tf.dispose(weightTensors(weights));
    },
  };
  return net;
}

/** Every tensor held by a weights object (for disposal and counting). */
export function weightTensors(w: EfficientNetWeights): tf.Tensor[] {
  const out: tf.Tensor[] = [w.stem.kernel, w.stem.bias, w.head.kernel, w.head.bias, w.logits.kernel, w.logits.bias];
  for (const b of w.blocks) {
    for (const c of [b.expand, b.depthwise, b.seReduce, b.seExpand, b.project]) {
      if (c) out.push(c.kernel, c.bias);
    }
  }
  return out;
}

/** Number of learned float parameters in a weights object. */
export function countParameters(w: EfficientNetWeights): number {
  return weightTensors(w).reduce((s, t) => s + t.size, 0);
}

/** The own network's forward pass on WebGPU: each layer through its kernel class's chosen
 *  kernel (kernels/ops.ts). Mirrors network.ts's stock pass op for op; the SE gate and the
 *  residual add ride on the project conv, bias + swish on every conv. */
import * as tf from '@tensorflow/tfjs-core';
import type { BlockConfig, NetworkConfig } from '../../scaling';
import * as stock from '../stock-ops';
import type { BlockWeights, EfficientNetWeights } from '../weights';
import { denseOp, depthwiseOp, pointwiseOp, poolOp } from './ops';
import type { KernelPlan } from './plan';
import { stem, stemFits } from './spatial';

function block(plan: KernelPlan, x: tf.Tensor4D, b: BlockConfig, w: BlockWeights): tf.Tensor4D {
  let h = x;
  if (w.expand) h = pointwiseOp(plan.pointwise, { x: h, w: w.expand, act: 'swish' });
  h = depthwiseOp(plan.depthwise, h, w.depthwise, b.stride);
  const squeezed = poolOp(plan.pool, h);
  const reduced = denseOp(plan.dense, squeezed, w.seReduce.kernel, w.seReduce.bias, 'swish');
  const gate = denseOp(plan.dense, reduced, w.seExpand.kernel, w.seExpand.bias, 'sigmoid');
  return pointwiseOp(plan.pointwise, { x: h, w: w.project, act: 'none', gate, residual: b.residual ? x : undefined });
}

export interface StemConstants {
  scale: tf.Scalar;
  mean: tf.Tensor;
  std: tf.Tensor;
}

/** Logits for x [b, H, W, 3] in [0, 1]; each block in its own tidy, freeing its input as soon as
 *  the next exists (but never the network's input). */
export function forwardWebGPU(
  plan: KernelPlan,
  x: tf.Tensor4D,
  config: NetworkConfig,
  weights: EfficientNetWeights,
  c: StemConstants,
  keep?: { features?: tf.Tensor4D },
): tf.Tensor2D {
  const n = weights.normalization;
  let h =
    plan.depthwise !== 'stock' && stemFits(weights.stem.kernel.shape[3])
      ? stem(x, weights.stem, 2, n)
      : stock.swish(stock.conv(stock.normalize(x, c), weights.stem, 2));
  config.blocks.forEach((b, i) => {
    const out = tf.tidy(() => block(plan, h, b, weights.blocks[i]));
    if (h !== x) h.dispose();
    h = out;
  });
  h = pointwiseOp(plan.pointwise, { x: h, w: weights.head, act: 'swish' });
  if (keep) keep.features = h; // the head's feature map, for class activation maps
  const pooled = poolOp(plan.pool, h);
  return denseOp(plan.dense, pooled, weights.logits.kernel, weights.logits.bias, 'none');
}

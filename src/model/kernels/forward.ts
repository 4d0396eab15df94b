/** The own network's forward pass in tfjs: the walk of network-walk.ts with each layer through
 *  its kernel class's choice (kernels/ops.ts), stock tfjs ops included, so the plain pass on every
 *  backend is the all-stock plan. The SE gate and the residual add ride on the project conv,
 *  bias + swish on every conv. */
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkConfig } from '../../scaling';
import { walkNetwork, type LayerStep, type NetworkOps } from '../network-walk';
import * as stock from '../stock-ops';
import { layerWeights, type ConvWeights, type EfficientNetWeights } from '../weights';
import { denseOp, depthwiseOp, pointwiseOp, poolOp } from './ops';
import type { KernelPlan } from './plan';
import { fitsVec4, stem } from './spatial';

/** Logits for x [b, H, W, 3] in [0, 1]; each block in its own tidy, freeing its input as soon as
 *  the next exists (but never the network's input). `keep.features` receives the head's feature
 *  map (for class activation maps). */
export function forward(
  plan: KernelPlan,
  x: tf.Tensor4D,
  config: NetworkConfig,
  weights: EfficientNetWeights,
  c: stock.NormalizationConstants,
  keep?: { features?: tf.Tensor4D },
): tf.Tensor2D {
  const conv = (s: LayerStep) => layerWeights(weights, s.layer.name) as ConvWeights;
  const ops: NetworkOps<tf.Tensor> = {
    stem: (input, s) =>
      plan.depthwise !== 'stock' && fitsVec4(s.layer.kernelShape[3])
        ? stem(input as tf.Tensor4D, conv(s), s.stride, weights.normalization)
        : stock.swish(stock.conv(stock.normalize(input as tf.Tensor4D, c), conv(s), s.stride)),
    pointwise: (h, s) => pointwiseOp(plan.pointwise, { x: h as tf.Tensor4D, w: conv(s), act: 'swish' }),
    depthwise: (h, s) => depthwiseOp(plan.depthwise, h as tf.Tensor4D, conv(s), s.stride),
    gate: (h, reduce, expand) => {
      const [r, e] = [conv(reduce), conv(expand)];
      const reduced = denseOp(plan.dense, poolOp(plan.pool, h as tf.Tensor4D), r.kernel, r.bias, 'swish');
      return denseOp(plan.dense, reduced, e.kernel, e.bias, 'sigmoid');
    },
    project: (h, gate, s, residual) =>
      pointwiseOp(plan.pointwise, { x: h as tf.Tensor4D, w: conv(s), act: 'none', gate, residual: residual as tf.Tensor4D | undefined }),
    classify: (features, s) => {
      if (keep) keep.features = features as tf.Tensor4D;
      const w = layerWeights(weights, s.layer.name);
      return denseOp(plan.dense, poolOp(plan.pool, features as tf.Tensor4D), w.kernel, w.bias, 'none') as tf.Tensor2D;
    },
    block: (input, run) => {
      const out = tf.tidy(() => run(input));
      if (input !== x) input.dispose();
      return out;
    },
  };
  return walkNetwork<tf.Tensor>(config, x, ops) as tf.Tensor2D;
}

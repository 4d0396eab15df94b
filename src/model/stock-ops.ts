/** The stock tfjs ops the own network is made of: the 'stock' choice of every kernel class
 *  (kernels/ops.ts), so the plain pass on every backend is the all-stock kernel plan. */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvWeights, InputNormalization } from './weights';

export function swish<T extends tf.Tensor>(x: T): T {
  // Same op order as the graph (Sigmoid, then Mul) so results match bit for bit per backend. `x` is
  // always a fresh temporary: freeing it and the sigmoid at once lets the next layer reuse their memory.
  const s = tf.sigmoid(x);
  const y = tf.mul(s, x) as T;
  s.dispose();
  x.dispose();
  return y;
}

export function conv(x: tf.Tensor4D, w: ConvWeights, stride: number): tf.Tensor4D {
  return tf.fused.conv2d({ x, filter: w.kernel, bias: w.bias, strides: stride, pad: 'same' });
}

export function depthwise(x: tf.Tensor4D, w: ConvWeights, stride: number): tf.Tensor4D {
  return tf.fused.depthwiseConv2d({ x, filter: w.kernel, bias: w.bias, strides: stride, pad: 'same' });
}

/** Mean over height and width, kept as [b,1,1,C]. On wasm a full-window average pool (XNNPACK,
 *  NHWC) is ~5–40× faster than tf.mean, which transposes the whole tensor first. */
export function spatialMean(h: tf.Tensor4D): tf.Tensor4D {
  if (tf.getBackend() === 'wasm') return tf.avgPool(h, [h.shape[1], h.shape[2]], 1, 'valid');
  return tf.mean(h, [1, 2], true) as tf.Tensor4D;
}

/** The input normalisation (x·scale − mean) / std as one per-channel affine map, a 1×1 depthwise
 *  conv with bias: one pass where three broadcast ops took ~4× as long on wasm. On the backend once
 *  per network. */
export function normalizationConstants(n: InputNormalization) {
  return {
    filter: tf.tensor4d(
      n.std.map((s) => n.scale / s),
      [1, 1, 3, 1],
    ),
    bias: tf.tensor1d(n.mean.map((m, i) => -m / n.std[i])),
  };
}

export type NormalizationConstants = ReturnType<typeof normalizationConstants>;

export function normalize(x: tf.Tensor4D, c: NormalizationConstants): tf.Tensor4D {
  return tf.fused.depthwiseConv2d({ x, filter: c.filter, bias: c.bias, strides: 1, pad: 'valid' });
}

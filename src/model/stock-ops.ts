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

/** The input normalisation's constants, on the backend once per network. */
export type NormalizationConstants = Record<keyof InputNormalization, tf.Tensor>;

export function normalize(x: tf.Tensor4D, c: NormalizationConstants): tf.Tensor4D {
  return tf.div(tf.sub(tf.mul(x, c.scale), c.mean), c.std) as tf.Tensor4D;
}

/** Class activation map on the device: one [h·w, C] × [C, 1] product over the head's feature
 *  map, picked for the top-1 class without leaving the backend (no readback in between). */
import * as tf from '@tensorflow/tfjs-core';

/** features [1, h, w, C] (after the head conv's swish), dense kernel [C, classes], class index
 *  [1] (int32) → the raw map [h, w] = Σ_c kernel[c, cls] · features[·, ·, c]. */
export function classActivation(features: tf.Tensor4D, denseKernel: tf.Tensor2D, cls: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const [, h, w, c] = features.shape;
    const column = tf.gather(denseKernel, cls, 1) as tf.Tensor2D; // [C, 1]
    return tf.reshape(tf.matMul(tf.reshape(features, [h * w, c]), column), [h, w]) as tf.Tensor2D;
  });
}

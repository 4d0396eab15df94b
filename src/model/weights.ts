/** The typed weights of the own EfficientNet (no tfjs ops here, only tensor types): shared by
 *  network.ts and the WebGPU kernels, so neither imports the other's module for a type. */
import type * as tf from '@tensorflow/tfjs-core';

/** A conv with batch norm folded in: kernel plus bias (TF's `bn_offset`). */
export interface ConvWeights {
  /** [kh, kw, in, out] for convs, [kh, kw, channels, 1] for depthwise convs. */
  kernel: tf.Tensor4D;
  bias: tf.Tensor1D;
}

export interface DenseWeights {
  /** [features, classes] */
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

export interface BlockWeights {
  /** Absent exactly when the block's expand ratio is 1. */
  expand?: ConvWeights;
  depthwise: ConvWeights;
  seReduce: ConvWeights;
  seExpand: ConvWeights;
  project: ConvWeights;
}

/** `(x·scale − mean) / std`, per RGB channel, in the 0–255 space of the reference models. */
export interface InputNormalization {
  scale: number;
  mean: [number, number, number];
  std: [number, number, number];
}

export interface EfficientNetWeights {
  normalization: InputNormalization;
  stem: ConvWeights;
  /** One entry per config.blocks entry, same order. */
  blocks: BlockWeights[];
  head: ConvWeights;
  logits: DenseWeights;
}

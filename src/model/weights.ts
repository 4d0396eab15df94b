/** The weights of the own EfficientNet, a flat map from each `config.layers` name to its tensors (types
 *  only): network.ts, the WebGPU kernels and the ONNX export share them, none importing another's module. */
import type * as tf from '@tensorflow/tfjs-core';

/** One learned layer in the TF layout of its LayerSpec: a conv's ConvWeights, or the dense
 *  layer's kernel [features, classes] and bias. */
export interface LayerWeights {
  kernel: tf.Tensor;
  bias: tf.Tensor1D;
}

/** A conv with batch norm folded in (bias: TF's `bn_offset`); kernel [kh, kw, in, out], or
 *  [kh, kw, channels, 1] for depthwise convs. */
export interface ConvWeights extends LayerWeights {
  kernel: tf.Tensor4D;
}

/** `(x·scale − mean) / std`, per RGB channel, in the 0–255 space of the reference models. */
export interface InputNormalization {
  scale: number;
  mean: [number, number, number];
  std: [number, number, number];
}

export interface EfficientNetWeights {
  normalization: InputNormalization;
  /** One entry per `config.layers` entry, keyed by its name (`stem_conv2d`, `stack_1/block_0/expand_conv2d`, … `logits`). */
  layers: ReadonlyMap<string, LayerWeights>;
}

/** The tensors of the layer named `name`; throws for a layer the weights lack. */
export function layerWeights(w: EfficientNetWeights, name: string): LayerWeights {
  const t = w.layers.get(name);
  if (!t) throw new Error(`No weights for layer ${name}`);
  return t;
}

/**
 * Binds the tensors of a converted TF Hub EfficientNet (tfjs graph model) to the weights of the
 * own builder, by layer, as the graph reader (converted-graph.ts) finds them in the topology.
 */
import * as tf from '@tensorflow/tfjs-core';
import { officialNetwork, VARIANT_COUNT, type LayerSpec, type NetworkConfig } from '../scaling';
import { allSpecs, type ConvertedModelJson } from './model-json';
import { assembleWeights } from './network';
import type { EfficientNetWeights, InputNormalization } from './weights';
import { layerTensorNames, normalizationTensorNames, type ConvertedModelLike } from './converted-graph';

const fmt = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/** Strips the `StatefulPartitionedCall/model_N/` prefix for readable messages. */
const short = (name: string): string => name.replace(/^StatefulPartitionedCall\/model(?:_\d+)?\//, '');

function readNormalization(refs: ReturnType<typeof normalizationTensorNames>, get: (name: string) => tf.Tensor): InputNormalization {
  // The sizes are checked here, so the RGB triples are exactly three values.
  const values = (name: string, size: number) => {
    const t = get(name);
    if (t.size !== size) throw new Error(`Shape mismatch for ${short(name)}: expected ${size} value(s), found ${fmt(t.shape)}`);
    return Array.from(t.dataSync()) as InputNormalization['mean'];
  };
  return { scale: values(refs.scale, 1)[0], mean: values(refs.mean, 3), std: values(refs.std, 3) };
}

/**
 * Binds decoded weights (`tf.io.decodeWeights(weightData, weightSpecs)`) to `config`. Every
 * kernel and bias is shape-checked against `config.layers`; all problems are thrown as one
 * Error: shape mismatches first, then missing layers, then topology layers the config lacks.
 * On success the bound tensors belong to the returned weights and the rest (normalisation
 * values, now plain numbers, and the graph's constants) are disposed here; on error, none is.
 */
export function bindConvertedWeights(json: ConvertedModelLike, tensors: tf.NamedTensorMap, config: NetworkConfig): EfficientNetWeights {
  const refs = layerTensorNames(json);
  const mismatches: string[] = [];
  const missing: string[] = [];
  const get = (name: string): tf.Tensor => {
    const t = tensors[name];
    if (!t) throw new Error(`Missing tensor ${name}: named in the topology but not among the decoded weights`);
    return t;
  };
  const check = (name: string, expected: number[]) => {
    const t = tensors[name];
    if (!t) missing.push(`Missing tensor ${name}: named in the topology but not among the decoded weights`);
    else if (!tf.util.arraysEqual(t.shape, expected)) {
      mismatches.push(`Shape mismatch for ${short(name)}: expected ${fmt(expected)}, found ${fmt(t.shape)}`);
    }
  };
  for (const layer of config.layers) {
    const ref = refs.get(layer.name);
    if (!ref) {
      missing.push(`Missing layer ${layer.name} (${layer.kind}, kernel ${fmt(layer.kernelShape)}) in the topology`);
      continue;
    }
    check(ref.kernel, layer.kernelShape);
    check(ref.bias, layer.biasShape);
  }
  const known = new Set(config.layers.map((l) => l.name));
  const extra = [...refs.keys()].filter((l) => !known.has(l)).map((l) => `Layer ${l} of the topology is not in ${config.name}`);
  const problems = [...mismatches, ...missing, ...extra];
  if (problems.length > 0) {
    const more = problems.length > 5 ? ` (+${problems.length - 5} more)` : '';
    throw new Error(`Weights do not fit ${config.name}: ${problems.slice(0, 5).join('; ')}${more}`);
  }

  const bound = new Set<string>();
  const weights = assembleWeights(config, readNormalization(normalizationTensorNames(json), get), (layer: LayerSpec) => {
    const ref = refs.get(layer.name)!;
    bound.add(ref.kernel).add(ref.bias);
    return { kernel: get(ref.kernel), bias: get(ref.bias) as tf.Tensor1D };
  });
  for (const [name, t] of Object.entries(tensors)) if (!bound.has(name)) t.dispose();
  return weights;
}

/** A converted model's weight bytes decoded (in manifest order) and bound to `config`; on error the
 *  decoded tensors are freed before it is thrown. */
export function bindArtifacts(artifacts: { modelJson: ConvertedModelJson; weightData: ArrayBuffer }, config: NetworkConfig): EfficientNetWeights {
  const tensors = tf.io.decodeWeights(artifacts.weightData, allSpecs(artifacts.modelJson) as tf.io.WeightsManifestEntry[]);
  try {
    return bindConvertedWeights(artifacts.modelJson, tensors, config);
  } catch (e) {
    tf.dispose(Object.values(tensors));
    throw e;
  }
}

/** Shape summary of a converted model, read from its manifest (no weights needed). */
export function describeConvertedModel(json: ConvertedModelLike) {
  const shapes = new Map<string, number[]>();
  for (const group of json.weightsManifest ?? []) for (const w of group.weights) shapes.set(w.name, w.shape);
  const refs = layerTensorNames(json);
  const dim = (layer: string, axis: number): number => {
    const shape = shapes.get(refs.get(layer)?.kernel ?? '');
    if (!shape) throw new Error(`Cannot read the ${layer} kernel shape from the manifest`);
    return shape[axis];
  };
  return {
    stemChannels: dim('stem_conv2d', 3),
    headChannels: dim('top_conv2d', 3),
    blocks: [...refs.keys()].filter((l) => l.endsWith('/depthwise_conv2d')).length,
    classes: dim('logits', 1),
  };
}

/** Which official variant Bk a converted model is (by stem/head widths and block count). */
export function inferOfficialVariant(json: ConvertedModelLike): number {
  const d = describeConvertedModel(json);
  for (let k = 0; k < VARIANT_COUNT; k++) {
    const c = officialNetwork(k);
    if (c.stemChannels === d.stemChannels && c.headChannels === d.headChannels && c.totalBlocks === d.blocks && c.numClasses === d.classes) {
      return k;
    }
  }
  throw new Error(`Not an official EfficientNet B0–B7: stem ${d.stemChannels}, head ${d.headChannels}, ${d.blocks} blocks, ${d.classes} classes`);
}

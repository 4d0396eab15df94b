// Binding against the genuine TF Hub topologies (found by test-support/fixtures.ts): every layer found by role, shapes
// equal to src/scaling's, normalisation located, variants inferred, and wrong configs rejected
// with messages naming the tensor. Weights are zeros of the manifest shapes (no shards needed).
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFastBackend } from './test-support/node-backend';
import { fixtureSkipReason, topologyDir } from '../../test-support/fixtures';
import { officialNetwork } from '../scaling';
import { bindConvertedWeights, describeConvertedModel, inferOfficialVariant } from './bind';
import { layerTensorNames, normalizationTensorNames, type ConvertedModelLike } from './converted-graph';
import { weightTensors } from './network';

const missing = fixtureSkipReason({ topologies: true });
const dir = topologyDir();
if (missing) console.warn(`bind.test: topology tests skipped, ${missing}`);

interface ModelJson extends ConvertedModelLike {
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
}
const loadJson = (k: number): ModelJson => JSON.parse(readFileSync(join(dir!, `B${k}`, 'model.json'), 'utf8')) as ModelJson;

/** Decoded-weights stand-in: zeros with the manifest shapes, the reference normalisation values. */
function fakeTensors(json: ModelJson): tf.NamedTensorMap {
  const norm = normalizationTensorNames(json);
  const values: Record<string, number[]> = { [norm.scale]: [255], [norm.mean]: [123.675, 116.28, 103.53], [norm.std]: [58.395, 57.12, 57.375] };
  const out: tf.NamedTensorMap = {};
  for (const w of json.weightsManifest.flatMap((g) => g.weights)) {
    const v = values[w.name];
    out[w.name] = v ? tf.tensor(v, w.shape, 'float32') : tf.zeros(w.shape, w.dtype === 'int32' ? 'int32' : 'float32');
  }
  return out;
}

describe.skipIf(!dir)('bind: TF Hub topologies B0–B7', () => {
  beforeAll(async () => void (await useFastBackend()));

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('B%i: every layer found by role, with the config shapes', (k) => {
    const json = loadJson(k);
    const config = officialNetwork(k);
    const refs = layerTensorNames(json);
    const shapes = new Map(json.weightsManifest.flatMap((g) => g.weights).map((w) => [w.name, w.shape]));
    expect([...refs.keys()].sort()).toEqual(config.layers.map((l) => l.name).sort());
    for (const layer of config.layers) {
      const ref = refs.get(layer.name)!;
      expect(shapes.get(ref.kernel), layer.name).toEqual(layer.kernelShape);
      expect(shapes.get(ref.bias), layer.name).toEqual(layer.biasShape);
    }
    const norm = normalizationTensorNames(json);
    expect(shapes.get(norm.scale)).toEqual([]);
    expect(shapes.get(norm.mean)).toEqual([1, 1, 3]);
    expect(shapes.get(norm.std)).toEqual([1, 1, 3]);
    expect(inferOfficialVariant(json)).toBe(k);
  });

  it('binds B0, disposes what it does not bind, and reads the normalisation constants', () => {
    const json = loadJson(0);
    const before = tf.memory().numTensors;
    const tensors = fakeTensors(json);
    const weights = bindConvertedWeights(json, tensors, officialNetwork(0));
    expect(weights.normalization).toEqual({
      scale: 255,
      mean: [Math.fround(123.675), Math.fround(116.28), Math.fround(103.53)],
      std: [Math.fround(58.395), Math.fround(57.12), Math.fround(57.375)],
    });
    const bound = weightTensors(weights);
    expect(bound.reduce((s, t) => s + t.size, 0)).toBe(officialNetwork(0).params);
    expect(tf.memory().numTensors - before).toBe(bound.length);
    tf.dispose(bound);
  });

  it('rejects B0 weights bound as B2 with the tensor, expected and found shapes', () => {
    const json = loadJson(0);
    const tensors = fakeTensors(json);
    let message = '';
    try {
      bindConvertedWeights(json, tensors, officialNetwork(2));
    } catch (e) {
      message = (e as Error).message;
    }
    console.log(`B0 weights as B2 → ${message.slice(0, 200)}…`);
    // B2's width 1.1 rounds stage 2 to 48 channels; B0 has 40.
    expect(message).toContain('Shape mismatch for stack_2/block_0/project_conv2d/Conv2D_weights: expected [1,1,144,48], found [1,1,144,40]');
    expect(message).toMatch(/^Weights do not fit B2: Shape mismatch/);
    expect(message).not.toContain('StatefulPartitionedCall/model/');
    tf.dispose(Object.values(tensors)); // nothing is disposed on error
  });

  it('rejects B0 weights bound as B1 by naming the missing layers', () => {
    const json = loadJson(0);
    const tensors = fakeTensors(json);
    // Same widths as B0, deeper: stage 0 gets a second block that B0 lacks.
    expect(() => bindConvertedWeights(json, tensors, officialNetwork(1))).toThrow(/Missing layer stack_0\/block_1\/depthwise_conv2d/);
    tf.dispose(Object.values(tensors));
  });

  it('names an anonymous squeeze-excite tensor whose shape is wrong', () => {
    const json = loadJson(0);
    const tensors = fakeTensors(json);
    const kernel = layerTensorNames(json).get('stack_1/block_0/se_reduce_conv2d')!.kernel;
    tensors[kernel].dispose();
    tensors[kernel] = tf.zeros([1, 1, 96, 5]);
    expect(() => bindConvertedWeights(json, tensors, officialNetwork(0))).toThrow(`Shape mismatch for ${kernel}: expected [1,1,96,4], found [1,1,96,5]`);
    const topBias = layerTensorNames(json).get('top_conv2d')!.bias;
    tensors[topBias].dispose();
    delete tensors[topBias];
    expect(() => bindConvertedWeights(json, tensors, officialNetwork(0))).toThrow(/Missing tensor .*top_conv2d\/Conv2D_bn_offset/);
    tf.dispose(Object.values(tensors));
  });

  it('describes a converted model from its manifest', () => {
    expect(describeConvertedModel(loadJson(7))).toEqual({ stemChannels: 64, headChannels: 2560, blocks: 55, classes: 1000 });
  });

  afterAll(() => expect(tf.memory().numTensors).toBe(0));
});

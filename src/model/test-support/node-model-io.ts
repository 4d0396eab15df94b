// Converted TF.js graph models on disk, for Node (model tests, scripts/ tests and CLIs): read a
// model.json and its weight shards, and run a graph model on one image.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { concat, parseModelJson, type ConvertedModelJson } from '../model-json';

export function readModelJson(path: string): ConvertedModelJson {
  return parseModelJson(readFileSync(path, 'utf8'), path);
}

/** The shards of `dir` that `modelJson` lists, concatenated in manifest order. Throws naming
 *  the missing file. */
export function readWeightData(dir: string, modelJson: ConvertedModelJson): ArrayBuffer {
  const parts = modelJson.weightsManifest
    .flatMap((g) => g.paths)
    .map((p) => {
      try {
        return readFileSync(join(dir, p));
      } catch (err) {
        throw new Error(`cannot read weight shard ${join(dir, p)} of ${join(dir, 'model.json')}: ${String(err)}`, { cause: err });
      }
    });
  return concat(parts);
}

/** `dir/model.json` and its weights. */
export function readModelDir(dir: string): { modelJson: ConvertedModelJson; weightData: ArrayBuffer } {
  const modelJson = readModelJson(join(dir, 'model.json'));
  return { modelJson, weightData: readWeightData(dir, modelJson) };
}

/** Run a graph model on one NHWC float image and return the probabilities of the first output
 *  (disposes every intermediate). */
export async function predictProbabilities(model: tf.GraphModel, pixels: Float32Array, size: number): Promise<Float32Array> {
  const input = tf.tensor4d(pixels, [1, size, size, 3], 'float32');
  try {
    const out = model.predict(input) as tf.Tensor;
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  } finally {
    input.dispose();
  }
}

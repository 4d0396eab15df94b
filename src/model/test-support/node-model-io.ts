// Converted TF.js graph models on disk, for Node (model tests, scripts/ tests and CLIs): read a
// model.json and its weight shards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

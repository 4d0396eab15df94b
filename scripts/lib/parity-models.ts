/** Synthetic converted models for parity runs: read from `synthetic-models/B{k}` when the
 *  generator has written them, else built in memory from the TF Hub topology (same bytes). */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyDir } from '../../test-support/fixtures';
import { syntheticModelDir } from '../../src/model/test-support/node-backend';
import { readModelJson, type ModelJson } from './synth-model-json';
import { buildSyntheticModel } from './synth-weights';

export interface ParityArtifacts {
  modelJson: ModelJson;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
  source: 'disk' | 'memory';
}

/** Seed of the default `npm run models:synth` exports. */
export const PARITY_SEED = 1234;

function readFromDir(dir: string): Omit<ParityArtifacts, 'source'> {
  const modelJson = readModelJson(join(dir, 'model.json'));
  const parts = modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => readFileSync(join(dir, p)));
  const total = parts.reduce((s, b) => s + b.length, 0);
  const data = new Uint8Array(total);
  let off = 0;
  for (const b of parts) {
    data.set(b, off);
    off += b.length;
  }
  const weightSpecs = modelJson.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  return { modelJson, weightSpecs, weightData: data.buffer };
}

/** Synthetic Bk, or null when neither the export nor the TF Hub topology is available. */
export async function syntheticArtifacts(k: number): Promise<ParityArtifacts | null> {
  const dir = syntheticModelDir(k);
  if (existsSync(join(dir, 'model.json'))) return { ...readFromDir(dir), source: 'disk' };
  const topo = topologyDir();
  if (!topo) return null;
  const built = await buildSyntheticModel(readModelJson(join(topo, `B${k}`, 'model.json')), { seed: PARITY_SEED });
  const weightSpecs = built.modelJson.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  return { modelJson: built.modelJson, weightSpecs, weightData: built.weightData, source: 'memory' };
}

/** The stock graph executor on these artifacts. */
export function loadGraphModel(a: ParityArtifacts): Promise<tf.GraphModel> {
  return tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: a.modelJson.modelTopology as unknown as tf.io.ModelJSON['modelTopology'],
      weightSpecs: a.weightSpecs,
      weightData: a.weightData,
    }),
  );
}

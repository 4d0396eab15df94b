/** Synthetic converted models for parity runs: read from `synthetic-models/B{k}` when the
 *  generator has written them, else built in memory from the TF Hub topology (same bytes). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { topologyDir } from '../../../test-support/fixtures';
import type { ConvertedModelJson, LoadedArtifacts } from '../model-json';
import { buildSyntheticModel } from './synthetic-export';
import { DEFAULT_SYNTHETIC_SEED } from '../synthetic-init';
import { readModelDir, readModelJson } from './node-model-io';
import { syntheticModelDir } from './node-backend';

export interface ParityArtifacts extends LoadedArtifacts {
  source: 'disk' | 'memory';
}

function artifacts(modelJson: ConvertedModelJson, weightData: ArrayBuffer, source: ParityArtifacts['source']): ParityArtifacts {
  return { modelJson, weightData, fromCache: false, source };
}

/** Synthetic Bk (seed of the default `npm run models:synth` exports), or null when neither the
 *  export nor the TF Hub topology is available. */
export async function syntheticArtifacts(k: number): Promise<ParityArtifacts | null> {
  const dir = syntheticModelDir(k);
  if (existsSync(join(dir, 'model.json'))) {
    const { modelJson, weightData } = readModelDir(dir);
    return artifacts(modelJson, weightData, 'disk');
  }
  const topo = topologyDir();
  if (!topo) return null;
  const built = await buildSyntheticModel(readModelJson(join(topo, `B${k}`, 'model.json')), { seed: DEFAULT_SYNTHETIC_SEED });
  return artifacts(built.modelJson, built.weightData, 'memory');
}

/** The stock tfjs graph executor on the same weights as the own network (benchmark, parity).
 *  Kept apart from classifier.ts so that only the bench worker and tests bundle the converter. */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { LoadedArtifacts } from './model-json';

export type { GraphModel };

/** tf.loadGraphModel for a converted model held in memory. */
export async function graphModelFromArtifacts(artifacts: LoadedArtifacts): Promise<GraphModel> {
  return loadGraphModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelJson.modelTopology as unknown as tf.io.ModelJSON['modelTopology'],
      weightSpecs: artifacts.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: artifacts.weightData,
    }),
  );
}

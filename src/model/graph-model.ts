/** The stock tfjs graph executor on the same weights as the own network (benchmark, parity).
 *  Kept apart from classifier.ts so that only the bench worker and tests bundle the converter. */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { readBack } from './classifier';
import { allSpecs, type ConvertedModelJson } from './model-json';

/** tf.loadGraphModel for a converted model in memory (its model.json as the converter wrote it, its
 *  weight bytes in manifest order): the one way the app, the tests and the CLIs build it. */
export async function graphModelFromMemory(modelJson: ConvertedModelJson, weightData: ArrayBuffer): Promise<GraphModel> {
  const artifacts = tf.io.getModelArtifactsForJSONSync(
    modelJson as unknown as tf.io.ModelJSON,
    allSpecs(modelJson) as tf.io.WeightsManifestEntry[],
    weightData,
  );
  return loadGraphModel(tf.io.fromMemory(artifacts));
}

/** The first output of `graph` for one NHWC float image of side `size`, read back (every
 *  intermediate disposed). */
export function graphProbabilities(graph: GraphModel, pixels: Float32Array, size: number): Promise<Float32Array> {
  return readBack(tf.tidy(() => graph.predict(tf.tensor4d(pixels, [1, size, size, 3])) as tf.Tensor));
}

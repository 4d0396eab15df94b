// Load converted TF.js graph models from disk in Node with the pure-JS @tensorflow/tfjs package
// (which has no tf.io.fileSystem): a tiny IOHandler that reads model.json and its shards.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** The parts of a model.json this module reads. */
export interface ModelJsonFile {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: Record<string, object>;
  modelInitializer?: object;
  initializerSignature?: object;
  trainingConfig?: tf.io.TrainingConfig;
}

/** A Node Buffer's bytes as an ArrayBuffer of its own (Buffers may share a pooled one). */
export function toArrayBuffer(buf: Uint8Array): ArrayBuffer {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer) {
    return buf.buffer;
  }
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** ModelArtifacts from a parsed model.json and its weight bytes (one buffer, or one per shard
 *  in manifest order). */
export function artifactsFromModelJson(
  json: ModelJsonFile,
  weightData: tf.io.WeightData,
): tf.io.ModelArtifacts {
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
  };
  if (json.signature) artifacts.signature = json.signature;
  if (json.userDefinedMetadata) artifacts.userDefinedMetadata = json.userDefinedMetadata;
  if (json.modelInitializer) artifacts.modelInitializer = json.modelInitializer;
  if (json.initializerSignature) artifacts.initializerSignature = json.initializerSignature;
  if (json.trainingConfig) artifacts.trainingConfig = json.trainingConfig;
  return artifacts;
}

/** Read `dir/model.json` and every shard its manifest lists; weightData is one ArrayBuffer per
 *  shard, in manifest order. Throws naming the missing file. */
export async function readModelArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const jsonPath = join(dir, 'model.json');
  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as ModelJsonFile;
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  const shards = await Promise.all(
    paths.map(async (p) => {
      try {
        return toArrayBuffer(await readFile(join(dir, p)));
      } catch (err) {
        throw new Error(`cannot read weight shard ${join(dir, p)} of ${jsonPath}: ${String(err)}`);
      }
    }),
  );
  return artifactsFromModelJson(json, shards);
}

/** An IOHandler that loads fixed artifacts (e.g. built in memory). */
export function artifactsIOHandler(artifacts: tf.io.ModelArtifacts): tf.io.IOHandler {
  return { load: async () => artifacts };
}

/** An IOHandler reading a converted model folder (model.json + shards) from disk. */
export function dirIOHandler(dir: string): tf.io.IOHandler {
  return { load: () => readModelArtifacts(dir) };
}

/** tf.loadGraphModel for a folder on disk. */
export async function loadGraphModelFromDir(dir: string): Promise<tf.GraphModel> {
  return tf.loadGraphModel(dirIOHandler(dir));
}

/** tf.loadGraphModel for a parsed model.json and its weights held in memory. */
export async function loadGraphModelFromMemory(
  json: ModelJsonFile,
  weightData: tf.io.WeightData,
): Promise<tf.GraphModel> {
  return tf.loadGraphModel(artifactsIOHandler(artifactsFromModelJson(json, weightData)));
}

/** Run a graph model on one NHWC float image and return the probabilities of the first output
 *  (disposes every intermediate). */
export async function predictProbabilities(
  model: tf.GraphModel,
  pixels: Float32Array,
  size: number,
): Promise<Float32Array> {
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

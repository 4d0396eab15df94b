/** A small load → classify API over the own EfficientNet builder (in the spirit of
 *  tfjs-models/mobilenet): no UI, no worker; the worker, the benchmark and tests all use it. */
import * as tf from '@tensorflow/tfjs-core';
import { officialNetwork, scalingNetwork, type Scaling } from '../scaling';
import { weightPrecision, type LoadedArtifacts, type WeightPrecision } from './model-json';
import { compileOnly, enterCompileOnly } from './compile-only';
import type { KernelReport } from './kernels/plan';
import { tuneKernels } from './kernels/tune-network';
import { countPipelines } from './kernels/gpu-state';
import { bindArtifacts, inferOfficialVariant } from './bind';
import { createEfficientNet, type EfficientNet, type NetworkOptions } from './network';
import { randomWeights } from './random-weights';

/** `t`'s values read back to the CPU; `t` is disposed either way. */
export async function readBack(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

function wrap(net: EfficientNet, synthetic: boolean, precision: WeightPrecision = 'float32') {
  const size = net.config.resolution;
  const checkInput = (inputs: Float32Array, count = 1) => {
    if (!Number.isInteger(count) || count < 1 || inputs.length !== count * size * size * 3) {
      throw new Error(`Input has ${inputs.length} values; ${net.config.name} expects ${count === 1 ? '' : `${count} × `}${size}×${size}×3`);
    }
  };
  /** Probabilities for `count` images in one batch tensor: `inputs` holds them one after another
   *  ([count, size, size, 3]); the answer is [count, classes], row by row. */
  const probabilitiesBatch = async (inputs: Float32Array, count: number) => {
    checkInput(inputs, count);
    return readBack(tf.tidy(() => net.predict(tf.tensor4d(inputs, [count, size, size, 3]))));
  };
  /** Probabilities for one [size, size, 3] image in [0, 1], read back to the CPU. */
  const probabilities = (input: Float32Array) => probabilitiesBatch(input, 1);
  let kernels: KernelReport | null = null;
  /** Probabilities plus the raw top-1 class activation map, from one forward pass and one
   *  readback (the map is a few dozen floats packed behind the probabilities). */
  const probabilitiesWithCam = async (input: Float32Array) => {
    checkInput(input);
    let camShape: number[] = [];
    const packed = tf.tidy(() => {
      const { probs, cam } = net.predictWithCam(tf.tensor4d(input, [1, size, size, 3]));
      camShape = cam.shape;
      return tf.concat([tf.reshape(probs, [-1]), tf.reshape(cam, [-1])]);
    });
    const all = await readBack(packed);
    const classes = net.config.numClasses;
    const [height, width] = camShape;
    return { probs: all.slice(0, classes), cam: { width, height, data: all.slice(classes) } };
  };
  return {
    config: net.config,
    /** Seeded random weights (synthetic exports or in-between φ): predictions are meaningless. */
    synthetic,
    /** How the weights were stored: float16 exports are dequantized to float32 on load. */
    precision,
    probabilities,
    probabilitiesBatch,
    /** On WebGPU after warmUp: the kernel per class and, in auto mode, the timings that chose it. */
    get kernels() {
      return kernels;
    },
    probabilitiesWithCam,
    /** Compiles every shader/pipeline once, so the first user-visible run is a steady one: on
     *  WebGPU a compile-only pass (pipelines compile in parallel, nothing runs), on WebGL the same
     *  plus one inference, on WASM/CPU one inference (XNNPACK packs its weights on first use). */
    warmUp: async () => {
      const compiled = await compileOnly(() => net.predict(tf.zeros([1, size, size, 3])));
      if (compiled && tf.getBackend() === 'webgpu') {
        kernels = await tuneKernels(net);
        return;
      }
      // Elsewhere one real run: WebGL drivers may finish a program only at its first draw (ANGLE on
      // SwiftShader does); wasm and cpu pack weights on first use.
      await probabilities(new Float32Array(size * size * 3).fill(0.5));
    },
    /** WebGPU: pipelines one inference needs, counted from an empty cache; null elsewhere. */
    countPipelines: async () => (tf.getBackend() === 'webgpu' ? countPipelines(() => enterCompileOnly(() => net.predict(tf.zeros([1, size, size, 3])))) : null),
    /** The network and its weights as an ONNX model (see onnx-export.ts). The ONNX writer
     *  (protobuf) loads on first export, outside the worker's first chunk. */
    exportOnnx: async () => (await import('./onnx-export')).exportOnnx(net.config, net.weights),
    dispose: () => net.dispose(),
  };
}
export type Classifier = Readonly<ReturnType<typeof wrap>>;

/** Binds converted weights (official variant `variant`, or inferred from the shapes) to the own
 *  builder. The decoded tensors are owned by the returned classifier. */
export function classifierFromArtifacts(artifacts: LoadedArtifacts, variant?: number, options?: NetworkOptions): Classifier {
  const config = officialNetwork(variant ?? inferOfficialVariant(artifacts.modelJson));
  const net = createEfficientNet(config, bindArtifacts(artifacts, config), options);
  return wrap(net, artifacts.modelJson.userDefinedMetadata?.synthetic === true, weightPrecision(artifacts.modelJson));
}

/** The network `scaling` describes, with seeded random weights in memory (no download): formula
 *  networks at any φ, the race's and own-coefficient networks, official Bk in random-weights mode. */
export function randomClassifier(scaling: Scaling, seed: number, options?: NetworkOptions): Classifier {
  const config = scalingNetwork(scaling);
  return wrap(createEfficientNet(config, randomWeights(config, seed), options), true);
}

// Class activation maps: the formula on a hand-built example, the device computation against
// it, and a whole network's map against its own logits (mean of the map + bias = top-1 logit).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFastBackend } from './test-support/node-backend';
import { officialCoefficients, scaleNetwork } from '../scaling';
import { camPixels, normaliseCam, upsampleBilinear } from './cam';
import { camFormula } from './test-support/cam-formula';
import { classActivation, createEfficientNet } from './network';
import { randomWeights } from './random-weights';

// A 2×2 map with 2 channels (HWC): A_0 = [[1, 2], [3, 4]], A_1 = [[0, 1], [-1, 2]].
const FEATURES = new Float32Array([1, 0, 2, 1, 3, -1, 4, 2]);
// Dense kernel [C = 2, classes = 3]: class 1's column is w = [0.5, -2].
const KERNEL = new Float32Array([9, 0.5, 7, 9, -2, 7]);
// CAM for class 1 = 0.5·A_0 − 2·A_1 = [[0.5, −1], [3.5, −2]].
const EXPECTED = [0.5, -1, 3.5, -2];

describe('class activation map', () => {
  beforeAll(async () => {
    await useFastBackend();
  });

  it('equals Σ_c w[c, top1]·A_c on a hand-built 2-channel example', () => {
    const cam = camFormula(FEATURES, 2, 2, 2, KERNEL, 3, 1);
    expect([...cam.data]).toEqual(EXPECTED);
    const onDevice = tf.tidy(() => classActivation(tf.tensor4d(FEATURES, [1, 2, 2, 2]), tf.tensor2d(KERNEL, [2, 3]), tf.tensor1d([1], 'int32')).arraySync());
    expect(onDevice).toEqual([
      [0.5, -1],
      [3.5, -2],
    ]);
  });

  it('ReLU then normalise by the maximum; upsampling keeps corners and interpolates between', () => {
    const n = normaliseCam({ width: 2, height: 2, data: new Float32Array(EXPECTED) });
    expect([...n.data]).toEqual([Math.fround(0.5 / 3.5), 0, 1, 0]);
    expect([...normaliseCam({ width: 1, height: 2, data: new Float32Array([-1, -2]) }).data]).toEqual([0, 0]);
    const up = upsampleBilinear({ width: 2, height: 1, data: new Float32Array([0, 1]) }, 4, 1);
    expect([...up.data]).toEqual([0, 0.25, 0.75, 1]);
    const px = camPixels({ width: 2, height: 1, data: new Float32Array([0, 1]) }, 2, 1, 0.5);
    expect([...px]).toEqual([0, 0, 128, 128, 128, 0, 0, 128]);
  });

  it("a network's map averages to its top-1 logit minus the bias (global pooling is linear)", () => {
    const config = scaleNetwork({ ...officialCoefficients(0), resolution: 64 });
    const weights = randomWeights(config, 3);
    const net = createEfficientNet(config, weights);
    const x = tf.randomUniform([1, 64, 64, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const { probs, cam } = net.predictWithCam(x);
    const logits = net.logits(x);
    const top = tf.argMax(probs, 1).dataSync()[0];
    expect(cam.shape).toEqual([2, 2]);
    const mean = tf.mean(cam).dataSync()[0];
    const bias = weights.layers.get('logits')!.bias.dataSync()[top];
    expect(mean + bias).toBeCloseTo(logits.dataSync()[top], 3);
    tf.dispose([x, probs, cam, logits]);
    net.dispose();
  });
});

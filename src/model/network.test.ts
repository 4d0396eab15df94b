// The own builder with in-memory random weights: any φ runs, outputs are probabilities, the
// normalisation constants come from the weights, and no tensor leaks.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFastBackend } from './test-support/node-backend';
import { formulaNetwork, officialNetwork } from '../scaling';
import { REFERENCE_NORMALIZATION } from './model-json';
import { createEfficientNet, weightTensors } from './network';
import { randomWeights } from './random-weights';

/** A smooth deterministic test image in [0, 1]. */
function testImage(size: number, batch = 1): tf.Tensor4D {
  return tf.tidy(() => {
    const ramp = tf.linspace(0, 1, size);
    const xy = tf.add(tf.reshape(ramp, [1, size, 1, 1]), tf.reshape(ramp, [1, 1, size, 1]));
    const rgb = tf.mul(xy, tf.tensor4d([0.3, 0.5, 0.2], [1, 1, 1, 3]));
    return tf.tile(tf.sin(tf.mul(rgb, 7)).mul(0.5).add(0.5), [batch, 1, 1, 1]) as tf.Tensor4D;
  });
}

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('EfficientNet builder with random weights', () => {
  let backend = '';
  beforeAll(async () => {
    backend = await useFastBackend();
  });

  it.each([0.5, 2.5])('φ=%f runs: [b,1000] probabilities, finite, summing to 1', (phi) => {
    const config = formulaNetwork(phi);
    const net = createEfficientNet(config, randomWeights(config, 7));
    const size = 64;
    const x = testImage(size, 2);
    const t0 = performance.now();
    const probs = net.predict(x);
    const p = probs.dataSync();
    console.log(`φ=${phi} (${config.totalBlocks} blocks, ${config.params} params) at ${size}px on ${backend}: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(probs.shape).toEqual([2, 1000]);
    for (let b = 0; b < 2; b++) {
      const row = Array.from(p.subarray(b * 1000, (b + 1) * 1000));
      expect(row.every(Number.isFinite)).toBe(true);
      expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-5);
      if (b === 0) console.log(`  top-1 probability ${Math.max(...row).toFixed(4)}`);
    }
    expect(net.weights.normalization).toEqual(REFERENCE_NORMALIZATION);
    tf.dispose([x, probs]);
    net.dispose();
  });

  it('holds exactly config.params learned values; same seed gives the same output', () => {
    const config = formulaNetwork(1.5);
    const a = randomWeights(config, 3);
    expect(weightTensors(a).reduce((s, t) => s + t.size, 0)).toBe(config.params);
    const b = randomWeights(config, 3);
    const c = randomWeights(config, 4);
    const x = testImage(48);
    const [na, nb, nc] = [a, b, c].map((w) => createEfficientNet(config, w));
    const [pa, pb, pc] = [na, nb, nc].map((n) => n.predict(x));
    expect(maxDiff(pa, pb)).toBe(0);
    expect(maxDiff(pa, pc)).toBeGreaterThan(1e-4);
    tf.dispose([x, pa, pb, pc]);
    [na, nb, nc].forEach((n) => n.dispose());
  });

  it('takes the normalisation constants from the weights object', () => {
    const config = officialNetwork(0);
    const x = testImage(32);
    const weights = randomWeights(config, 1);
    const net = createEfficientNet(config, weights);
    // Same kernels (shared tensors), input scaled ×2 in the network: equals feeding x·2.
    const scaled = createEfficientNet(config, { ...weights, normalization: { ...weights.normalization, scale: 510 } });
    const x2 = tf.mul(x, 2) as tf.Tensor4D;
    const [p1, p2] = [scaled.predict(x), net.predict(x2)];
    expect(maxDiff(p1, p2)).toBeLessThan(1e-6);
    tf.dispose([x, x2, p1, p2]);
    scaled.dispose();
    net.dispose(); // the shared weights are already gone: disposing twice is harmless
    expect(() => net.predict(x)).toThrow(/after dispose/);
  });

  it('leaks no tensors over 50 predictions nor over create/dispose cycles', () => {
    const start = tf.memory().numTensors;
    const config = formulaNetwork(0.5);
    const net = createEfficientNet(config, randomWeights(config, 1));
    const held = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const x = tf.fill([1, 32, 32, 3], (i % 10) / 10) as tf.Tensor4D;
      const p = net.predict(x);
      p.dataSync();
      tf.dispose([x, p]);
    }
    expect(tf.memory().numTensors).toBe(held);
    net.dispose();
    expect(tf.memory().numTensors).toBe(start);
    for (const phi of [0, 1.2, 0, 2, 0.5]) {
      const c = formulaNetwork(phi);
      const n = createEfficientNet(c, randomWeights(c, 2));
      const x = tf.zeros([1, 32, 32, 3]) as tf.Tensor4D;
      tf.dispose([x, n.predict(x)]);
      n.dispose();
      n.dispose(); // idempotent
      expect(tf.memory().numTensors).toBe(start);
    }
  });

  it('takes its kernel mode as an option: networks with different modes coexist', () => {
    const config = formulaNetwork(0);
    const stockNet = createEfficientNet(config, randomWeights(config, 1), { kernels: { mode: 'stock', asked: true } });
    const tiledNet = createEfficientNet(config, randomWeights(config, 1), { kernels: { mode: 'tiled', asked: true } });
    const defaultNet = createEfficientNet(config, randomWeights(config, 1));
    expect(stockNet.kernelPlan).toBeNull();
    expect(tiledNet.kernelPlan).toEqual({ pointwise: 'tiled', depthwise: 'barrier-free', pool: 'tiled', dense: 'tiled' });
    expect(defaultNet.kernels).toEqual({ mode: 'auto', asked: false });
    expect(defaultNet.kernelPlan).toEqual({ pointwise: 'barrier-free', depthwise: 'barrier-free', pool: 'barrier-free', dense: 'barrier-free' });
    [stockNet, tiledNet, defaultNet].forEach((n) => n.dispose());
  });

  it('rejects inputs that are not [b,H,W,3]', () => {
    const config = formulaNetwork(0);
    const net = createEfficientNet(config, randomWeights(config, 1));
    const x = tf.zeros([1, 32, 32, 4]) as tf.Tensor4D;
    expect(() => net.predict(x)).toThrow(/\[b,H,W,3\]/);
    x.dispose();
    net.dispose();
  });

  afterAll(() => expect(tf.memory().numTensors).toBe(0));
});

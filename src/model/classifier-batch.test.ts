// Batching changes no answer: an image's probabilities in a batch tensor equal those of the same
// image classified alone, within 1e-5, on a small seeded network (Node: wasm, else cpu).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { maxAbsDiff } from './max-abs-diff';
import { useFastBackend } from './test-support/node-backend';
import { randomClassifier } from './classifier';

/** Image k: smooth, distinct per k, in [0, 1]. */
function image(size: number, k: number): Float32Array {
  const out = new Float32Array(size * size * 3);
  for (let i = 0; i < out.length; i++)
    out[i] = 0.5 + 0.5 * Math.sin((i % (size * 3)) * (0.01 + 0.013 * k) + Math.floor(i / (size * 3)) * 0.07 * (k + 1) + (i % 3) * k);
  return out;
}

describe('batched classify', () => {
  beforeAll(async () => {
    await useFastBackend();
  });

  it('gives each image the probabilities it gets alone (≤ 1e-5), rows in order, no leak', async () => {
    const size = 64;
    const c = randomClassifier({ phi: 0, resolution: size }, 5);
    const per = size * size * 3;
    const n = 4;
    const alone: Float32Array[] = [];
    for (let k = 0; k < n; k++) alone.push(await c.probabilities(image(size, k)));
    const before = tf.memory().numTensors;
    const all = new Float32Array(n * per);
    for (let k = 0; k < n; k++) all.set(image(size, k), k * per);
    const batched = await c.probabilitiesBatch(all, n);
    expect(tf.memory().numTensors).toBe(before);
    expect(batched).toHaveLength(n * 1000);
    let worst = 0;
    for (let k = 0; k < n; k++) worst = Math.max(worst, maxAbsDiff(batched.subarray(k * 1000, (k + 1) * 1000), alone[k]));
    console.log(`batch of ${n} vs alone: max |Δp| = ${worst.toExponential(2)} on ${tf.getBackend()}`);
    expect(worst).toBeLessThanOrEqual(1e-5);
    // The images differ enough that a mixed-up row would be caught at that tolerance.
    expect(maxAbsDiff(alone[0], alone[1])).toBeGreaterThan(1e-4);
    await expect(c.probabilitiesBatch(all, 3)).rejects.toThrow(/expects 3 × 64×64×3/);
    c.dispose();
  });
});

// Half-size weights: the float16 bits against known values, and synthetic B0 in float16 through
// tfjs's own dequantizing decoder against float32 (size, logits, top-1).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { officialNetwork } from '../../src/scaling/index.ts';
import { bindArtifacts } from '../../src/model/bind.ts';
import { float16Bits, halveWeights } from './half-weights.ts';
import { concat, expectedShardSizes, weightPrecision } from '../../src/model/model-json.ts';
import { createEfficientNet } from '../../src/model/network.ts';
import { maxAbsDiff } from '../../src/model/max-abs-diff.ts';
import { useFastBackend } from '../../src/model/test-support/node-backend.ts';
import { syntheticArtifacts } from '../../src/model/test-support/parity-models.ts';
import { fixtureSkipReason } from '../../test-support/fixtures.ts';

describe('float16Bits', () => {
  it('rounds to nearest even, keeps signs, subnormals, infinities and NaN', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff],
      [65520, 0x7c00],
      [1e6, 0x7c00],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -24, 0x0001],
      [2 ** -14, 0x0400],
      [2 ** -26, 0x0000],
      [1 + 2 ** -11, 0x3c00], // a tie: to even (down)
      [1 + 3 * 2 ** -11, 0x3c02], // a tie: to even (up)
      [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just above the tie
      [0.1, 0x2e66],
      [-3.14159, 0xc248],
    ];
    for (const [x, bits] of cases) expect([x, float16Bits(x)]).toEqual([x, bits]);
    expect(float16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(float16Bits(NaN) & 0x3ff).not.toBe(0);
  });
});

const missing = fixtureSkipReason({ topologies: true });

describe.skipIf(missing !== null)('synthetic B0 in float16', () => {
  beforeAll(async () => {
    await useFastBackend();
  });

  it('halves the shards, stays a valid manifest, and answers as float32 does', async () => {
    const a = (await syntheticArtifacts(0))!;
    const half = halveWeights(a.modelJson, a.weightData);
    const bytes16 = half.shards.reduce((s, x) => s + x.bytes.length, 0);
    const ratio = bytes16 / a.weightData.byteLength;
    expect(ratio).toBeLessThanOrEqual(0.55);
    expect(weightPrecision(half.modelJson)).toBe('float16');
    expect(weightPrecision(a.modelJson)).toBe('float32');
    // The loader's size checks agree with what was written, shard by shard.
    expect(expectedShardSizes(half.modelJson)).toEqual(half.shards.map((s) => ({ path: s.path, bytes: s.bytes.length })));

    const config = officialNetwork(0);
    const net32 = createEfficientNet(config, bindArtifacts(a, config));
    const net16 = createEfficientNet(config, bindArtifacts({ modelJson: half.modelJson, weightData: concat(half.shards.map((s) => s.bytes)) }, config));
    const x = tf.randomUniform([2, 224, 224, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
    const [l32, l16] = [net32.logits(x), net16.logits(x)];
    const scale = tf.tidy(() => tf.max(tf.abs(l32)).dataSync()[0]);
    const rel = maxAbsDiff(l32.dataSync(), l16.dataSync()) / scale;
    const top = (l: tf.Tensor) => Array.from(tf.tidy(() => tf.argMax(l, 1)).dataSync());
    console.log(
      `B0 float16: ${(bytes16 / 1e6).toFixed(1)} MB vs ${(a.weightData.byteLength / 1e6).toFixed(1)} MB (${(100 * ratio).toFixed(1)}%), max|Δlogit|/max|logit| = ${rel.toExponential(2)}`,
    );
    expect(top(l16)).toEqual(top(l32));
    expect(rel).toBeLessThan(5e-3);
    tf.dispose([x, l32, l16]);
    net32.dispose();
    net16.dispose();
  });
});

// ONNX export parity: the own network (tfjs) against onnxruntime-web's wasm build on the exported
// file, same weights, same input. B0 at 224 px with synthetic converted weights (the genuine
// topology) and the formula network at φ = 1.5 with seeded random weights.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from './max-abs-diff';
import { useFastBackend } from './test-support/node-backend';
import { expectedOpCounts, ortProbabilities, ortSession, summarizeOnnx } from './test-support/onnx-node';
import { syntheticArtifacts } from './test-support/parity-models';
import { fixtureSkipReason } from '../../test-support/fixtures';
import { formulaNetwork, officialNetwork } from '../scaling';
import { bindArtifacts } from './bind';
import { createEfficientNet, type EfficientNet } from './network';
import { exportOnnx } from './onnx-export';
import { randomWeights } from './random-weights';

const TOLERANCE = 1e-5;

/** Deterministic photo-like input [batch, size, size, 3] in [0, 1]. */
function testInput(size: number, batch: number): Float32Array {
  const v = new Float32Array(batch * size * size * 3);
  for (let i = 0; i < v.length; i++) {
    const p = Math.floor(i / 3) % (size * size);
    const y = Math.floor(p / size) / size;
    const x = (p % size) / size;
    const c = i % 3;
    v[i] = Math.min(1, Math.max(0, [y, x, 0.5 + 0.5 * Math.sin(6 * (x + y))][c] + 0.08 * Math.sin(i * 12.9898 + Math.floor(i / (size * size * 3)))));
  }
  return v;
}

/** Own probabilities, ORT probabilities, the exported file's op counts and the builder's node count. */
async function compare(net: EfficientNet, batch: number) {
  const size = net.config.resolution;
  const input = testInput(size, batch);
  const own = tf.tidy(() => net.predict(tf.tensor4d(input, [batch, size, size, 3])));
  const ownProbs = (await own.data()) as Float32Array;
  own.dispose();
  const onnx = await exportOnnx(net.config, net.weights);
  const session = await ortSession(onnx.bytes);
  const ortProbs = await ortProbabilities(session, input, size);
  await session.release();
  const summary = summarizeOnnx(onnx.bytes);
  return { ownProbs, ortProbs, opCounts: summary.opCounts, nodes: onnx.nodes, bytes: onnx.bytes.length, summary };
}

const lines: string[] = [];
const missing = fixtureSkipReason({ topologies: true });

describe('ONNX export runs on onnxruntime-web (wasm, Node) like the own network', () => {
  beforeAll(async () => {
    await useFastBackend();
  });

  it.skipIf(missing !== null)('B0 at 224 px, synthetic converted weights', async () => {
    const artifacts = await syntheticArtifacts(0);
    if (!artifacts) throw new Error('no synthetic B0');
    const config = officialNetwork(0);
    const net = createEfficientNet(config, bindArtifacts(artifacts, config));
    const r = await compare(net, 1);
    net.dispose();
    const d = maxAbsDiff(r.ownProbs, r.ortProbs);
    lines.push(`B0 224px: max|Δp| own vs ORT = ${d.toExponential(2)}, top-1 p ${Math.max(...r.ownProbs).toFixed(3)}, ${(r.bytes / 1e6).toFixed(1)} MB`);
    expect(r.ortProbs.length).toBe(1000);
    expect(d).toBeLessThanOrEqual(TOLERANCE);
    expect(r.opCounts).toEqual(expectedOpCounts(config));
    expect(r.nodes).toBe(Object.values(r.opCounts).reduce((a, b) => a + b, 0));
    expect(r.opCounts.Conv).toBe(81);
    expect(r.summary).toEqual({
      irVersion: 8,
      opset: 17,
      inputs: [{ name: 'input', dims: ['batch', 224, 224, 3] }],
      outputs: [{ name: 'probabilities', dims: ['batch', 1000] }],
      opCounts: r.opCounts,
    });
  });

  it('formula network at φ = 1.5, seeded random weights, batch 2', async () => {
    const config = formulaNetwork(1.5);
    const net = createEfficientNet(config, randomWeights(config, 7));
    const r = await compare(net, 2);
    net.dispose();
    const d = maxAbsDiff(r.ownProbs, r.ortProbs);
    lines.push(`phi=1.5 ${config.resolution}px ×2: max|Δp| own vs ORT = ${d.toExponential(2)}, top-1 p ${Math.max(...r.ownProbs).toFixed(3)}`);
    expect(r.ortProbs.length).toBe(2000);
    // The two images differ, so a broadcast or batch mix-up would show.
    expect(maxAbsDiff(r.ortProbs.subarray(0, 1000), r.ortProbs.subarray(1000))).toBeGreaterThan(1e-4);
    expect(d).toBeLessThanOrEqual(TOLERANCE);
    expect(r.opCounts).toEqual(expectedOpCounts(config));
    expect(r.nodes).toBe(Object.values(r.opCounts).reduce((a, b) => a + b, 0));
  });

  afterAll(() => {
    if (lines.length) console.log(`ONNX parity:\n${lines.join('\n')}`);
  });
});

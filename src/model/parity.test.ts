// Parity of the own builder against tf.loadGraphModel on the genuine converted topologies with
// synthetic weights: B0 at its own 224 px, B1–B7 at smaller (partly odd, to exercise TF's
// asymmetric SAME padding) sizes. Both probabilities and logits are compared, since a peaked
// softmax alone could hide logit differences.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from './max-abs-diff';
import { useFastBackend } from './test-support/node-backend';
import { fixtureSkipReason, topologyDir } from '../../test-support/fixtures';
import { syntheticArtifacts } from './test-support/parity-models';
import { officialNetwork } from '../scaling';
import { bindArtifacts, inferOfficialVariant } from './bind';
import { graphModelFromMemory } from './graph-model';
import { createEfficientNet } from './network';

const missing = fixtureSkipReason({ topologies: true });
const topo = topologyDir();
if (missing) console.warn(`parity.test: parity tests skipped, ${missing}`);

/** Input side per variant (B0 at its official resolution). */
const SIZES = [224, 120, 115, 100, 97, 96, 77, 128];
const TOLERANCE = 1e-5;

/** A photo-like deterministic input: smooth colour gradients plus mild seeded noise. */
function testImage(size: number, batch: number): tf.Tensor4D {
  return tf.tidy(() => {
    const r = tf.linspace(0, 1, size);
    const yy = tf.reshape(r, [1, size, 1, 1]);
    const xx = tf.reshape(r, [1, 1, size, 1]);
    const base = tf.concat(
      [
        tf.mul(yy, tf.onesLike(xx)),
        tf.mul(xx, tf.onesLike(yy)),
        tf
          .sin(tf.mul(tf.add(xx, yy), 6))
          .mul(0.5)
          .add(0.5),
      ],
      3,
    );
    const noise = tf.randomUniform([batch, size, size, 3], -0.1, 0.1, 'float32', 42);
    return tf.clipByValue(tf.add(base, noise), 0, 1) as tf.Tensor4D;
  });
}

const results: string[] = [];

describe.skipIf(!topo)('parity with tf.loadGraphModel on synthetic exports', () => {
  let backend = '';
  beforeAll(async () => {
    backend = await useFastBackend();
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('B%i', async (k) => {
    const t0 = performance.now();
    const artifacts = await syntheticArtifacts(k);
    if (!artifacts) throw new Error(`no synthetic B${k}`);
    const before = tf.memory().numTensors;
    const graph = await graphModelFromMemory(artifacts.modelJson, artifacts.weightData);
    const config = officialNetwork(k);
    expect(inferOfficialVariant(artifacts.modelJson)).toBe(k);
    const net = createEfficientNet(config, bindArtifacts(artifacts, config));
    const tLoad = performance.now();

    const size = SIZES[k];
    const batch = k === 0 ? 1 : 2;
    const x = testImage(size, batch);
    // Logits node of the graph, found by role (the prefix differs per variant).
    const logitsNode = artifacts.modelJson.modelTopology.node.find((n) => n.op === '_FusedMatMul')!.name;
    const [gProbs, gLogits] = graph.execute(x, ['Identity:0', `${logitsNode}:0`]) as tf.Tensor[];
    const tGraph = performance.now();
    const probs = net.predict(x);
    const logits = net.logits(x);
    const tOwn = performance.now();

    const p = probs.dataSync();
    const dProbs = maxAbsDiff(p, gProbs.dataSync());
    const dLogits = maxAbsDiff(logits.dataSync(), gLogits.dataSync());
    const logitScale = tf.tidy(() => tf.max(tf.abs(gLogits)).dataSync()[0]);
    const top1 = Math.max(...Array.from(p.subarray(0, 1000)));
    const line =
      `B${k} ${size}px ×${batch} [${backend}, ${artifacts.source}]: max|Δp| = ${dProbs.toExponential(2)}, ` +
      `max|Δlogit| = ${dLogits.toExponential(2)} (|logit| ≤ ${logitScale.toFixed(1)}), top-1 p ${top1.toFixed(3)}; ` +
      `load ${((tLoad - t0) / 1000).toFixed(1)} s, graph ${(tGraph - tLoad).toFixed(0)} ms, own ×2 ${(tOwn - tGraph).toFixed(0)} ms`;
    console.log(line);
    results.push(line);

    expect(probs.shape).toEqual([batch, 1000]);
    expect(dProbs).toBeLessThanOrEqual(TOLERANCE);
    // Logits are O(10–100): allow float32 rounding relative to their scale.
    expect(dLogits).toBeLessThanOrEqual(TOLERANCE * Math.max(1, logitScale));

    tf.dispose([x, gProbs, gLogits, probs, logits]);
    graph.dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  afterAll(() => {
    if (results.length) console.log(`Parity summary:\n${results.join('\n')}`);
  });
});

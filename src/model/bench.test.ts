// The benchmark core on the Node backend (wasm, else cpu): every field measured and finite, the
// graph model and ONNX Runtime Web interleaved, nothing leaked, and the GFLOP/s convention.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFastBackend } from './test-support/node-backend';
import { syntheticArtifacts } from './test-support/parity-models';
import { fixtureSkipReason } from '../../test-support/fixtures';
import { officialNetwork } from '../scaling';
import { benchMatmul, benchVariant, gflopsFor, type VariantBenchOptions } from './bench';

const missing = fixtureSkipReason({ topologies: true });

/** B0, two runs, with the graph model asked for, on the backend in use. */
const benchB0 = (o: Omit<VariantBenchOptions, 'backend' | 'variant' | 'runs' | 'graph'>) =>
  benchVariant({ backend: tf.getBackend() as 'wasm', variant: 0, runs: 2, graph: true, ...o });

describe('bench core', () => {
  beforeAll(async () => {
    await useFastBackend();
  });

  it('counts 2 FLOPs per multiply-add', () => {
    expect(gflopsFor(1e9, 1000)).toBeCloseTo(2);
    expect(gflopsFor(officialNetwork(0).flops, 100)).toBeCloseTo((2 * officialNetwork(0).flops) / 1e8);
    expect(gflopsFor(5, 0)).toBe(0);
  });

  it('times a matMul without leaking', async () => {
    const before = tf.memory().numTensors;
    const m = await benchMatmul(128, 3);
    expect(m.gflops).toBeGreaterThan(0);
    expect(m.medianMs).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('random-weights mode builds B0 with seeded weights: no load, no graph model, nothing leaked', async () => {
    const before = tf.memory().numTensors;
    const r = await benchB0({
      seed: 7,
      loadNetwork: async () => {
        throw new Error('random-weights mode must not download');
      },
      loadCache: async () => {
        throw new Error('random-weights mode must not load');
      },
      matmulGflops: null,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r).toMatchObject({ variant: 'B0', resolution: 224, runs: 2, weights: 'random', loadNetworkMs: null, leakedTensors: 0, leakedAfterSwitch: 0 });
    expect(r.loadCacheMs as number).toBeGreaterThan(0);
    expect(r.medianMs).toBeGreaterThan(0);
    expect(r.graphMedianMs).toBeUndefined();
  });

  it.skipIf(missing !== null)('benchmarks B0 against tf.loadGraphModel, interleaved, leaking nothing', async () => {
    const artifacts = await syntheticArtifacts(0);
    if (!artifacts) throw new Error('no synthetic B0 although the topologies are found');
    const stages: string[] = [];
    const before = tf.memory().numTensors;
    const r = await benchB0({
      ort: true,
      loadNetwork: async () => artifacts,
      loadCache: async () => ({ ...artifacts, fromCache: true }),
      matmulGflops: 10,
      onStage: (s) => stages.push(s),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r).toMatchObject({ variant: 'B0', resolution: 224, runs: 2, leakedTensors: 0, leakedAfterSwitch: 0 });
    for (const k of ['loadNetworkMs', 'loadCacheMs', 'warmUpMs', 'firstMs', 'medianMs', 'p95Ms', 'gflops', 'graphMedianMs', 'ownOverGraph'] as const) {
      expect(Number.isFinite(r[k]), k).toBe(true);
      expect(r[k] as number, k).toBeGreaterThan(0);
    }
    expect(r.p95Ms).toBeGreaterThanOrEqual(r.medianMs);
    expect(r.gflopsRatio).toBeCloseTo(r.gflops / 10);
    expect(r.ownOverGraph).toBeCloseTo(r.medianMs / (r.graphMedianMs as number));
    expect(stages.some((s) => s.includes('run 1/2 (own, graph, ORT)'))).toBe(true);
    expect(stages.some((s) => s.includes('run 2/2 (ORT, graph, own)'))).toBe(true);
    // ONNX Runtime Web's wasm EP on the exported network, same input, same answers.
    expect(r.ortError).toBeUndefined();
    expect(r).toMatchObject({ ortEp: 'wasm', ortThreads: 1 });
    for (const k of ['ortSessionMs', 'ortFirstMs', 'ortMedianMs', 'ownOverOrt'] as const) expect(r[k] as number, k).toBeGreaterThan(0);
    expect(r.ownOverOrt).toBeCloseTo(r.medianMs / (r.ortMedianMs as number));
    expect(r.ortMaxAbsDiff as number).toBeLessThanOrEqual(1e-5);
  });
});

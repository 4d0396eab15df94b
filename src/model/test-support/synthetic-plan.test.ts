// The synthetic-weight plan on the genuine TF Hub topologies of B0–B7 (found by
// test-support/fixtures.ts): every manifest tensor classified through the graph, learned
// (role, layer) or a constant with its reference value. Topologies only, no shards.
import { describe, expect, it } from 'vitest';
import { fixtureSkipReason, topologyDir, topologyPath } from '../../../test-support/fixtures';
import { VARIANT_NAMES } from '../../scaling';
import type { ConvertedModelJson } from '../model-json';
import { planModel } from './synthetic-plan';
import { readModelJson } from './node-model-io';

const missing = fixtureSkipReason({ topologies: true });
const topologies = topologyDir() ?? '';
if (missing) console.warn(`synthetic-plan.test: skipped, ${missing}`);

/** Learned float parameters after BN folding, from the README. */
const LEARNED_PARAMS: Record<string, number> = {
  B0: 5_267_540,
  B1: 7_763_160,
  B2: 9_076_210,
  B3: 12_189_584,
  B4: 19_279_016,
  B5: 30_303_416,
  B6: 42_928_488,
  B7: 66_192_600,
};

const nodeNamed = (m: ConvertedModelJson, re: RegExp) => m.modelTopology.node.filter((n) => re.test(n.name));
const sources = new Map<string, ConvertedModelJson>();
const source = (v: string): ConvertedModelJson => {
  if (!sources.has(v)) sources.set(v, readModelJson(topologyPath(topologies, v)));
  return sources.get(v)!;
};

describe.skipIf(missing !== null)('classification of every variant (topology only)', () => {
  it.each([...VARIANT_NAMES])('%s: every weight gets a role or a reference value', (v) => {
    const src = source(v);
    const plan = planModel(src);
    const manifest = src.weightsManifest.flatMap((g) => g.weights);
    expect(plan.entries.map((e) => e.spec.name)).toEqual(manifest.map((w) => w.name));
    const learned = plan.entries.filter((e) => e.kind === 'learned');
    expect(learned.reduce((a, e) => a + e.spec.shape.reduce((x, y) => x * y, 1), 0)).toBe(LEARNED_PARAMS[v]);
    // Residual blocks = AddV2 nodes; one residual project conv each.
    const adds = src.modelTopology.node.filter((n) => n.op === 'AddV2').length;
    expect(plan.residualDepth).toBe(adds);
    expect(learned.filter((e) => e.role === 'residual_project_kernel').length).toBe(adds);
    // SE and dense tensors are the anonymous ones.
    for (const e of learned) {
      const anonymous = e.spec.name.startsWith('Func/StatefulPartitionedCall/input/_');
      expect(anonymous, e.spec.name).toBe(e.layer === 'se_reduce' || e.layer === 'se_expand' || e.layer === 'dense');
    }
    const blocks = nodeNamed(src, /se_reduce_conv2d\/BiasAdd$/).length;
    const count = (role: string) => learned.filter((e) => e.role === role).length;
    expect(count('se_reduce_kernel')).toBe(blocks);
    expect(count('se_expand_kernel')).toBe(blocks);
    expect(count('depthwise_kernel')).toBe(blocks);
    expect(count('project_kernel') + count('residual_project_kernel')).toBe(blocks);
    expect(count('stem_kernel')).toBe(1);
    expect(count('head_kernel')).toBe(1);
    expect(count('dense_kernel')).toBe(1);
    // Every se_reshape channel constant equals the SE input channels of every block using it.
    for (const e of plan.entries) {
      if (e.kind !== 'constant' || e.what !== 'se_reshape channels') continue;
      const packs = src.modelTopology.node.filter((n) => n.op === 'Pack' && n.input?.[3] === e.spec.name);
      expect(packs.length).toBeGreaterThan(0);
      for (const pack of packs) {
        const block = pack.name.replace(/se_reshape\/Reshape\/shape$/, '');
        const reduce = src.modelTopology.node.find((n) => n.name === `${block}se_reduce_conv2d/BiasAdd`)!;
        const kernel = manifest.find((w) => w.name === reduce.input![1])!;
        expect(e.values[0]).toBe(kernel.shape[2]);
      }
    }
  });
});

// Cross-checks the computed networks against the genuine converted TF Hub graphs (topology +
// weight manifest, no shards) found by test-support/fixtures.ts. Without them: skipped with the
// fixtures line, or a failure under CI.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureSkipReason, topologyDir, topologyPath } from '../../test-support/fixtures';
import { OFFICIAL_VARIANTS, officialNetwork, type LayerSpec } from './index';

const missing = fixtureSkipReason({ topologies: true });
const MODELS_DIR = topologyDir() ?? '';
const modelPath = (k: number) => topologyPath(MODELS_DIR, `B${k}`);
const available = missing === null;

interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: string;
}
interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: { strides?: { list?: { i?: string[] } } };
}
interface ModelJson {
  modelTopology: { node: GraphNode[] };
  weightsManifest: { weights: ManifestWeight[] }[];
}

const load = (k: number) => JSON.parse(readFileSync(modelPath(k), 'utf8')) as ModelJson;
const product = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
/** Node names carry `StatefulPartitionedCall/model/` (B0) or `…/model_N/`: drop it. */
const stripPrefix = (name: string) => name.replace(/^StatefulPartitionedCall\/model(_\d+)?\//, '');

/** Learned floats: rank ≥ 1, not the input-normalisation constants (tf_op_layer_*, [1,1,3]). */
function learnedParams(m: ModelJson): number {
  return m.weightsManifest
    .flatMap((g) => g.weights)
    .filter((w) => w.dtype === 'float32' && w.shape.length >= 1 && !w.name.includes('tf_op_layer'))
    .filter((w) => !(w.shape.length === 3 && w.shape.join() === '1,1,3'))
    .reduce((s, w) => s + product(w.shape), 0);
}

/** The graph op that consumes a layer's kernel (input 1) and bias (input 2). */
function opName(l: LayerSpec): string {
  switch (l.kind) {
    case 'stem':
      return 'stem_bn/FusedBatchNormV3';
    case 'head':
      return 'top_bn/FusedBatchNormV3';
    case 'dense':
      return 'logits/BiasAdd';
    case 'expand':
      return l.name.replace(/_conv2d$/, '_bn/FusedBatchNormV3');
    case 'project':
      return l.name.replace(/_conv2d$/, '_bn/FusedBatchNormV3');
    case 'depthwise':
      return `${l.name}/depthwise`;
    case 'se_reduce':
    case 'se_expand':
      return `${l.name}/BiasAdd`;
  }
}

const LAYER_OPS = new Set(['_FusedConv2D', 'FusedDepthwiseConv2dNative', '_FusedMatMul', 'Conv2D', 'DepthwiseConv2dNative', 'MatMul']);

describe.skipIf(!available)('converted TF Hub models', () => {
  it.each(OFFICIAL_VARIANTS.map((v) => ({ name: v.name, k: v.index })))('$name: manifest learned floats = scaleNetwork params', ({ k }) => {
    expect(officialNetwork(k).params).toBe(learnedParams(load(k)));
  });

  it.each(OFFICIAL_VARIANTS.map((v) => ({ name: v.name, k: v.index })))(
    '$name: every layer kernel/bias shape, stride and residual add matches the graph',
    ({ k }) => {
      const m = load(k);
      const net = officialNetwork(k);
      const shapes = new Map(m.weightsManifest.flatMap((g) => g.weights).map((w) => [w.name, w.shape]));
      const nodes = new Map(m.modelTopology.node.map((n) => [stripPrefix(n.name), n]));

      // Same number of learned layers in the graph as in our description.
      const graphLayers = m.modelTopology.node.filter((n) => LAYER_OPS.has(n.op));
      expect(graphLayers).toHaveLength(net.layers.length);

      for (const l of net.layers) {
        const node = nodes.get(opName(l));
        expect(node, `graph op for ${l.name}`).toBeDefined();
        const [, kernel, bias] = node?.input ?? [];
        expect(shapes.get(kernel ?? ''), `${l.name} kernel`).toEqual(l.kernelShape);
        expect(shapes.get(bias ?? ''), `${l.name} bias`).toEqual(l.biasShape);
      }

      for (const b of net.blocks) {
        const prefix = `stack_${b.stage}/block_${b.block}`;
        const dw = nodes.get(`${prefix}/depthwise_conv2d/depthwise`);
        expect(dw?.attr?.strides?.list?.i, `${prefix} stride`).toEqual(['1', String(b.stride), String(b.stride), '1']);
        expect(nodes.has(`${prefix}/add/add`), `${prefix} residual`).toBe(b.residual);
      }
    },
  );
});

// Only registered when the fixtures are missing, so the reason shows up in the report as a skip.
if (!available) {
  describe('converted TF Hub models', () => {
    it.skip(`skipped: ${missing}`, () => {});
  });
}

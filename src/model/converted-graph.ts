/**
 * The one reader of a converted TF Hub EfficientNet's graph (for bind.ts and the synthetic plan):
 * which learned layer each weighted node and tensor belongs to, and where the input
 * normalisation constants are. Pure: no tfjs. Names carry a per-variant prefix (`model`,
 * `model_2`, … `model_14`) and the squeeze-excite and dense tensors are anonymous
 * (`Func/StatefulPartitionedCall/input/_N`), so nothing is matched by full name: each conv node
 * by its own name or its kernel's name suffix, the normalisation constants by their role
 * (Placeholder → Mul → Sub → RealDiv).
 */
import { nodeOf, type ConvertedModelJson, type WeightSpec } from './model-json';

/** The parts of a graph model.json read here (structural, so any model.json fits). */
export type ConvertedModelLike = Pick<ConvertedModelJson, 'modelTopology'> & { weightsManifest?: { weights: Pick<WeightSpec, 'name' | 'shape'>[] }[] };

/** A named weight (`…/stem_conv2d/Conv2D_weights`, `…/stack_i/block_j/{expand,project}_conv2d/
 *  Conv2D_{weights,bn_offset}`, `…/depthwise_conv2d/depthwise_{weights,bn_offset}`, `…/top_conv2d/…`). */
const NAMED_WEIGHT =
  /(?:^|\/)((?:stem|top)_conv2d|stack_\d+\/block_\d+\/(?:expand|project)_conv2d)\/Conv2D_(weights|bn_offset)$|(?:^|\/)(stack_\d+\/block_\d+\/depthwise_conv2d)\/depthwise_(weights|bn_offset)$/;
/** The nodes of the anonymous tensors' layers. */
const ANONYMOUS_NODE = /(?:^|\/)(stack_\d+\/block_\d+\/se_(?:reduce|expand)_conv2d|logits)\/BiasAdd$/;
const WEIGHTED_OPS = new Set(['_FusedConv2D', 'FusedDepthwiseConv2dNative', '_FusedMatMul', 'Conv2D', 'DepthwiseConv2dNative', 'MatMul']);

/** The layer (as in LayerSpec.name) and part of a named weight; null for any other tensor. */
export function namedWeight(name: string): { layer: string; part: 'kernel' | 'bias' } | null {
  const m = NAMED_WEIGHT.exec(nodeOf(name));
  if (!m) return null;
  return { layer: m[1] ?? m[3], part: (m[2] ?? m[4]) === 'weights' ? 'kernel' : 'bias' };
}

/** Layer name (as in LayerSpec.name) → kernel and bias tensor names and the node that consumes
 *  them, from the topology. */
export function layerTensorNames(json: ConvertedModelLike) {
  const refs = new Map<string, { kernel: string; bias: string; node: string }>();
  for (const node of json.modelTopology.node) {
    if (!WEIGHTED_OPS.has(node.op)) continue;
    const [, kernel, bias] = (node.input ?? []).map(nodeOf);
    const named = kernel ? namedWeight(kernel) : null;
    const layer = ANONYMOUS_NODE.exec(node.name)?.[1] ?? (named?.part === 'kernel' ? named.layer : undefined);
    if (!layer) throw new Error(`Unrecognised weighted node ${node.name} (${node.op}, kernel ${kernel ?? 'none'})`);
    if (!kernel || !bias) throw new Error(`Node ${node.name} (${layer}) has no fused bias input`);
    if (refs.has(layer)) throw new Error(`Layer ${layer} appears twice in the topology (${node.name})`);
    refs.set(layer, { kernel, bias, node: node.name });
  }
  return refs;
}

/** Finds the scale, mean and std constants by role: Placeholder → Mul → Sub → RealDiv. */
export function normalizationTensorNames(json: ConvertedModelLike) {
  const nodes = json.modelTopology.node;
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const consumers = (name: string, op: string) => nodes.filter((n) => n.op === op && (n.input ?? []).map(nodeOf).includes(name));
  // Constant behind an input, looking through BroadcastTo (whose input 0 is the value).
  const constOf = (name: string): string | undefined => {
    const n = byName.get(name);
    if (n?.op === 'Const') return n.name;
    if (n?.op === 'BroadcastTo' && n.input?.[0]) return constOf(nodeOf(n.input[0]));
    return undefined;
  };
  const inputs = nodes.filter((n) => n.op === 'Placeholder');
  if (inputs.length !== 1) throw new Error(`Expected one Placeholder input, found ${inputs.length}`);
  const mul = consumers(inputs[0].name, 'Mul')[0];
  const scale = mul && (mul.input ?? []).map(nodeOf).map(constOf).find(Boolean);
  const sub = mul && consumers(mul.name, 'Sub').find((n) => nodeOf(n.input?.[0] ?? '') === mul.name);
  const mean = sub && constOf(nodeOf(sub.input?.[1] ?? ''));
  const div = sub && consumers(sub.name, 'RealDiv').find((n) => nodeOf(n.input?.[0] ?? '') === sub.name);
  const std = div && constOf(nodeOf(div.input?.[1] ?? ''));
  if (!scale || !mean || !std) {
    throw new Error(
      `Input normalisation not found (Placeholder → Mul(scale) → Sub(mean) → RealDiv(std)): ` +
        `scale ${scale ?? 'missing'}, mean ${mean ?? 'missing'}, std ${std ?? 'missing'}`,
    );
  }
  return { scale, mean, std };
}

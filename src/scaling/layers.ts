// Every learned layer of a scaled network with its kernel shape, parameter count and
// multiply-adds. params and flops of a NetworkConfig are sums over this list, so the counts can
// be checked layer by layer against the converted models' weight manifests.
//
// Counting conventions:
// - Params: batch norm is folded into the preceding conv, so every conv (depthwise too), SE conv
//   and the dense layer is a kernel plus ONE bias per output channel — exactly what the
//   converted graphs store.
// - FLOPs are multiply-adds (the paper's "FLOPs"): one per kernel weight per output position
//   (SE convs and the dense layer have one position). Bias adds, BN, swish, the SE gating
//   multiply, residual adds and the pooling sums are elementwise and NOT counted (together < 1 %
//   of the total).
import { NUM_CLASSES, B0_STEM } from './constants';
import type { BlockConfig } from './network';

export type LayerKind = 'stem' | 'expand' | 'depthwise' | 'se_reduce' | 'se_expand' | 'project' | 'head' | 'dense';

/** One learned layer after batch-norm folding, a kernel plus one bias per output channel, writing `out`
 *  channels on a side×side map (b: null for stem, head and dense). `name`: as in the converted TF Hub
 *  graphs, minus the `StatefulPartitionedCall/model_N/` prefix (`stem_conv2d`, `stack_i/block_j/{expand_conv2d,
 *  depthwise_conv2d,se_reduce_conv2d,se_expand_conv2d,project_conv2d}`, `top_conv2d`, `logits`); `stage`/`block`:
 *  the block's indices, -1 for stem, head and dense; `kernelShape` in TF layout: conv [kh, kw, in, out], depthwise
 *  [kh, kw, C, 1], dense [in, out]; `macs`: multiply-adds of this layer for one image at the network's resolution. */
function layer(name: string, kind: LayerKind, b: { stage: number; block: number } | null, kernelShape: number[], out: number, side: number) {
  const kernel = kernelShape.reduce((a, x) => a * x, 1);
  return { name, kind, stage: b?.stage ?? -1, block: b?.block ?? -1, kernelShape, biasShape: [out], params: kernel + out, macs: side * side * kernel };
}

export type LayerSpec = ReturnType<typeof layer>;

const pointwise = (name: string, kind: LayerKind, b: BlockConfig | null, cin: number, cout: number, side: number) =>
  layer(name, kind, b, [1, 1, cin, cout], cout, side);

/** The layers of one MBConv block: [expand] → depthwise → SE reduce/expand → project. */
function blockLayers(b: BlockConfig): LayerSpec[] {
  const prefix = `stack_${b.stage}/block_${b.block}`;
  const exp = b.expandedChannels;
  // Expand ratio 1 (stage 0) has no expand conv; the reference skips it entirely.
  const expand = b.expand !== 1 ? [pointwise(`${prefix}/expand_conv2d`, 'expand', b, b.inChannels, exp, b.inputSize)] : [];
  return [
    ...expand,
    layer(`${prefix}/depthwise_conv2d`, 'depthwise', b, [b.kernel, b.kernel, exp, 1], exp, b.outputSize),
    // SE convs run on the globally pooled 1×1 map.
    pointwise(`${prefix}/se_reduce_conv2d`, 'se_reduce', b, exp, b.seChannels, 1),
    pointwise(`${prefix}/se_expand_conv2d`, 'se_expand', b, b.seChannels, exp, 1),
    pointwise(`${prefix}/project_conv2d`, 'project', b, exp, b.outChannels, b.outputSize),
  ];
}

/** All learned layers in graph order: stem, blocks, head, dense. */
export function networkLayers(stemChannels: number, headChannels: number, blocks: readonly BlockConfig[]): LayerSpec[] {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (!first || !last) throw new Error('a network needs at least one block');
  return [
    // The stem's output feeds block 0.
    layer('stem_conv2d', 'stem', null, [B0_STEM.kernel, B0_STEM.kernel, 3, stemChannels], stemChannels, first.inputSize),
    ...blocks.flatMap(blockLayers),
    pointwise('top_conv2d', 'head', null, last.outChannels, headChannels, last.outputSize),
    layer('logits', 'dense', null, [headChannels, NUM_CLASSES], NUM_CLASSES, 1),
  ];
}

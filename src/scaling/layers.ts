// Every learned layer of a scaled network with its kernel shape, parameter count and
// multiply-adds. params and flops of a NetworkConfig are sums over this list, so the counts can
// be checked layer by layer against the converted models' weight manifests.
//
// Counting conventions:
// - Params: batch norm is folded into the preceding conv, so every conv (depthwise too), SE conv
//   and the dense layer is a kernel plus ONE bias per output channel — exactly what the
//   converted graphs store.
// - FLOPs are multiply-adds (the paper's "FLOPs"): out_h·out_w·kernel-volume for each conv,
//   1×1 on the pooled vector for SE convs, head·classes for the dense layer. Bias adds, BN,
//   swish, the SE gating multiply, residual adds and the pooling sums are elementwise and NOT
//   counted (together < 1 % of the total).
import { NUM_CLASSES, B0_STEM } from './constants';
import type { BlockConfig, LayerKind, LayerSpec } from './types';

interface LayerInput {
  name: string;
  kind: LayerKind;
  stage?: number;
  block?: number;
  kernelShape: number[];
  outChannels: number;
  /** Output positions (h·w); 1 for SE convs and dense. */
  positions: number;
  /** Multiply-adds per output position. */
  macsPerPosition: number;
}

function layer(l: LayerInput): LayerSpec {
  const kernel = l.kernelShape.reduce((a, b) => a * b, 1);
  return {
    name: l.name,
    kind: l.kind,
    stage: l.stage ?? -1,
    block: l.block ?? -1,
    kernelShape: l.kernelShape,
    biasShape: [l.outChannels],
    params: kernel + l.outChannels,
    macs: l.positions * l.macsPerPosition,
  };
}

/** 1×1 conv (pointwise) on a side×side map. */
function pointwise(name: string, kind: LayerKind, b: BlockConfig | null, cin: number, cout: number, side: number): LayerSpec {
  return layer({
    name,
    kind,
    stage: b?.stage,
    block: b?.block,
    kernelShape: [1, 1, cin, cout],
    outChannels: cout,
    positions: side * side,
    macsPerPosition: cin * cout,
  });
}

/** The layers of one MBConv block: [expand] → depthwise → SE reduce/expand → project. */
export function blockLayers(b: BlockConfig): LayerSpec[] {
  const prefix = `stack_${b.stage}/block_${b.block}`;
  const exp = b.expandedChannels;
  const out: LayerSpec[] = [];
  // Expand ratio 1 (stage 0) has no expand conv; the reference skips it entirely.
  if (b.expand !== 1) {
    out.push(pointwise(`${prefix}/expand_conv2d`, 'expand', b, b.inChannels, exp, b.inputSize));
  }
  out.push(
    layer({
      name: `${prefix}/depthwise_conv2d`,
      kind: 'depthwise',
      stage: b.stage,
      block: b.block,
      kernelShape: [b.kernel, b.kernel, exp, 1],
      outChannels: exp,
      positions: b.outputSize * b.outputSize,
      macsPerPosition: b.kernel * b.kernel * exp,
    }),
  );
  // SE convs run on the globally pooled 1×1 map.
  out.push(pointwise(`${prefix}/se_reduce_conv2d`, 'se_reduce', b, exp, b.seChannels, 1));
  out.push(pointwise(`${prefix}/se_expand_conv2d`, 'se_expand', b, b.seChannels, exp, 1));
  out.push(pointwise(`${prefix}/project_conv2d`, 'project', b, exp, b.outChannels, b.outputSize));
  return out;
}

export interface NetworkShape {
  stemChannels: number;
  headChannels: number;
  numClasses?: number;
  blocks: readonly BlockConfig[];
}

/** All learned layers in graph order: stem, blocks, head, dense. */
export function networkLayers(n: NetworkShape): LayerSpec[] {
  const first = n.blocks[0];
  const last = n.blocks[n.blocks.length - 1];
  if (!first || !last) throw new Error('a network needs at least one block');
  const classes = n.numClasses ?? NUM_CLASSES;
  const stemSide = first.inputSize; // the stem's output feeds block 0
  const stem = layer({
    name: 'stem_conv2d',
    kind: 'stem',
    kernelShape: [B0_STEM.kernel, B0_STEM.kernel, 3, n.stemChannels],
    outChannels: n.stemChannels,
    positions: stemSide * stemSide,
    macsPerPosition: B0_STEM.kernel * B0_STEM.kernel * 3 * n.stemChannels,
  });
  const head = pointwise('top_conv2d', 'head', null, last.outChannels, n.headChannels, last.outputSize);
  const dense = layer({
    name: 'logits',
    kind: 'dense',
    kernelShape: [n.headChannels, classes],
    outChannels: classes,
    positions: 1,
    macsPerPosition: n.headChannels * classes,
  });
  return [stem, ...n.blocks.flatMap(blockLayers), head, dense];
}

// Shapes of every description this module hands out. Pure data: no tfjs, no React, so the UI,
// the worker, the CLI and the tests can all share one set of numbers.

import type { OfficialName } from './variants';

/** How far a network is scaled from B0, whichever way it was obtained. */
export interface ScalingCoefficients {
  /** "B3" for official variants, "phi=3" / "phi=0.5" for formula networks. */
  name: string;
  /** Official variant index k for "Bk"; the (clamped) φ for formula networks. */
  phi: number;
  width: number;
  depth: number;
  /** Input side length in pixels (square input). */
  resolution: number;
  /** Dropout before the classifier (informational for formula networks). */
  dropout: number;
  official: boolean;
}

/** One row of the paper's Table 1 (B0), before scaling. */
export interface BaseStage {
  expand: number;
  kernel: number;
  /** Stride of the stage's first block; the other blocks use stride 1. */
  stride: number;
  repeats: number;
  channels: number;
}

/** A stage of a scaled network: B0's row with its repeats and channels scaled. */
export interface StageConfig extends BaseStage {
  index: number;
  inChannels: number;
  /** Side length of the feature map entering the stage. */
  inputSize: number;
  /** Side length of the feature map leaving the stage. */
  featureSize: number;
}

export interface BlockConfig extends Pick<BaseStage, 'expand' | 'kernel'> {
  stage: number;
  /** Index within the stage. */
  block: number;
  inChannels: number;
  outChannels: number;
  /** inChannels × expand (equal to inChannels when expand is 1: no expand conv). */
  expandedChannels: number;
  stride: number;
  seChannels: number;
  /** Identity skip: stride 1 and inChannels === outChannels. */
  residual: boolean;
  inputSize: number;
  outputSize: number;
}

export type LayerKind = 'stem' | 'expand' | 'depthwise' | 'se_reduce' | 'se_expand' | 'project' | 'head' | 'dense';

/** One learned layer after batch-norm folding: a kernel plus one bias per output channel. */
export interface LayerSpec {
  /** Name as in the converted TF Hub graphs, minus the `StatefulPartitionedCall/model_N/` prefix:
   *  `stem_conv2d`, `stack_i/block_j/{expand_conv2d,depthwise_conv2d,se_reduce_conv2d,
   *  se_expand_conv2d,project_conv2d}`, `top_conv2d`, `logits`. */
  name: string;
  kind: LayerKind;
  /** Stage/block indices for block layers, -1 for stem, head and dense. */
  stage: number;
  block: number;
  /** TF layout: conv [kh, kw, in, out], depthwise [kh, kw, C, 1], dense [in, out]. */
  kernelShape: number[];
  biasShape: number[];
  params: number;
  /** Multiply-adds of this layer for one image at the network's resolution. */
  macs: number;
}

export interface NetworkConfig extends ScalingCoefficients {
  stemChannels: number;
  headChannels: number;
  numClasses: number;
  stages: StageConfig[];
  blocks: BlockConfig[];
  totalBlocks: number;
  /** Learned float parameters after BN folding (= the converted models' manifests). */
  params: number;
  /** Multiply-adds for one image (convs incl. depthwise, SE convs, dense; no elementwise ops). */
  flops: number;
  /** Every learned layer in graph order; params and flops are their sums. */
  layers: LayerSpec[];
}

export interface OfficialVariant extends Pick<ScalingCoefficients, 'width' | 'depth' | 'resolution' | 'dropout'> {
  name: OfficialName;
  index: number;
  /** ImageNet top-1 accuracy in percent, paper Table 2. */
  paperTop1: number;
  /** Paper FLOPs as a plain count of multiply-adds (0.39e9 for B0). */
  paperFlops: number;
  /** Paper parameter count as a plain count (5.3e6 for B0). */
  paperParams: number;
}

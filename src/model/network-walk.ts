/** The forward pass of an EfficientNet, once: a walk over `config.layers`, block by block, for every
 *  executor (the tfjs pass of kernels/forward.ts, the ONNX writer of onnx-export.ts). Pure: no tfjs. */
import { sameOutputSize, type LayerKind, type LayerSpec, type NetworkConfig } from '../scaling';

/** One layer as the walk meets it: its spec, the side of its input map and its stride. */
export interface LayerStep {
  layer: LayerSpec;
  size: number;
  stride: number;
}

/** What an executor does per step; T is its value (a tensor, an ONNX value name). */
export interface NetworkOps<T> {
  /** Input normalisation, then the stem conv and swish. */
  stem(x: T, s: LayerStep): T;
  /** A 1×1 conv and swish (expand, head). */
  pointwise(x: T, s: LayerStep): T;
  /** A depthwise conv and swish. */
  depthwise(x: T, s: LayerStep): T;
  /** The squeeze-excite gate of x: global average pool, reduce conv and swish, expand conv, sigmoid. */
  gate(x: T, reduce: LayerStep, expand: LayerStep): T;
  /** x scaled by the gate, the project conv, plus `residual` (the block's input) where given. */
  project(x: T, gate: T, s: LayerStep, residual: T | undefined): T;
  /** The head's feature map, pooled, through the dense layer: the logits. */
  classify(features: T, s: LayerStep): T;
  /** Runs one block on its input (tfjs: in its own tidy, freeing the input after). */
  block(input: T, run: (input: T) => T): T;
}

/** TF's SAME padding of a k×k window at `stride` on a `size` side: the output side and the pads
 *  before and after (the extra pixel of an odd total goes after, as TF does at stride 2 on even
 *  sizes). The own kernels and the ONNX writer both pad by it. */
export function samePadding(size: number, kernel: number, stride: number): { out: number; before: number; after: number } {
  const out = sameOutputSize(size, stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/** The logits of x (in T) through `ops`, layer by layer in the order `config.layers` lists them
 *  (graph order: stem, each block's [expand], depthwise, SE reduce and expand, project, then head
 *  and dense), each step checked against the kind the walk expects there. */
export function walkNetwork<T>(config: NetworkConfig, x: T, ops: NetworkOps<T>): T {
  let next = 0;
  const step = (kind: LayerKind, size: number, stride = 1): LayerStep => {
    const layer = config.layers[next++];
    if (layer?.kind !== kind) throw new Error(`${config.name}: config.layers lacks a ${kind} layer at position ${next - 1}`);
    return { layer, size, stride };
  };
  let h = ops.stem(x, step('stem', config.resolution, 2));
  for (const b of config.blocks) {
    h = ops.block(h, (input) => {
      let y = b.expand !== 1 ? ops.pointwise(input, step('expand', b.inputSize)) : input;
      y = ops.depthwise(y, step('depthwise', b.inputSize, b.stride));
      const gate = ops.gate(y, step('se_reduce', 1), step('se_expand', 1));
      return ops.project(y, gate, step('project', b.outputSize), b.residual ? input : undefined);
    });
  }
  const features = ops.pointwise(h, step('head', config.blocks[config.blocks.length - 1].outputSize));
  return ops.classify(features, step('dense', 1));
}

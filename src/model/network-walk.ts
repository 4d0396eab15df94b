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

type Slot = Partial<Record<LayerKind, LayerSpec>>;
const groupedLayers = new WeakMap<NetworkConfig, { top: Slot; blockLayers: Map<string, Slot> }>();

/** `config.layers` grouped by block, once per (immutable) config, not on every inference. */
function layersOf(config: NetworkConfig): { top: Slot; blockLayers: Map<string, Slot> } {
  let g = groupedLayers.get(config);
  if (!g) {
    g = { top: {}, blockLayers: new Map() };
    for (const l of config.layers) {
      const key = `${l.stage}/${l.block}`;
      const slot = l.stage < 0 ? g.top : (g.blockLayers.get(key) ?? g.blockLayers.set(key, {}).get(key)!);
      slot[l.kind] = l;
    }
    groupedLayers.set(config, g);
  }
  return g;
}

/** The logits of x (in T) through `ops`, layer by layer as `config.layers` lists them. */
export function walkNetwork<T>(config: NetworkConfig, x: T, ops: NetworkOps<T>): T {
  const { top, blockLayers } = layersOf(config);
  const step = (of: Slot, kind: LayerKind, size: number, stride = 1): LayerStep => {
    const layer = of[kind];
    if (!layer) throw new Error(`${config.name}: config.layers lacks a ${kind} layer`);
    return { layer, size, stride };
  };
  let h = ops.stem(x, step(top, 'stem', config.resolution, 2));
  for (const b of config.blocks) {
    const layers = blockLayers.get(`${b.stage}/${b.block}`) ?? {};
    h = ops.block(h, (input) => {
      let y = b.expand !== 1 ? ops.pointwise(input, step(layers, 'expand', b.inputSize)) : input;
      y = ops.depthwise(y, step(layers, 'depthwise', b.inputSize, b.stride));
      const gate = ops.gate(y, step(layers, 'se_reduce', 1), step(layers, 'se_expand', 1));
      return ops.project(y, gate, step(layers, 'project', b.outputSize), b.residual ? input : undefined);
    });
  }
  const features = ops.pointwise(h, step(top, 'head', config.blocks[config.blocks.length - 1].outputSize));
  return ops.classify(features, step(top, 'dense', 1));
}

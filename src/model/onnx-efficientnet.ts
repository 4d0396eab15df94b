/**
 * EfficientNet as an ONNX graph, op for op like the own forward pass (network.ts):
 *
 *   input [batch, H, W, 3] RGB in [0, 1] (NHWC, like the app's tensors)
 *   → Transpose to NCHW → Mul(scale) → Sub(mean) → Div(std)        (the reference normalisation)
 *   → stem Conv (BN folded into its bias) → Sigmoid·Mul (swish)
 *   → per block: [expand Conv → swish] → depthwise as grouped Conv → swish
 *                → SE: GlobalAveragePool → Conv → swish → Conv → Sigmoid → Mul
 *                → project Conv → [Add the block input]
 *   → head Conv → swish → GlobalAveragePool → Flatten → Gemm → Softmax
 *   → output [batch, classes] probabilities
 *
 * TF's SAME padding is written as explicit pads (asymmetric at stride 2 on even sizes), so the
 * file does not depend on a runtime's auto_pad rules. Pure: no tfjs, weights come in as arrays.
 */
import type { BlockConfig, LayerSpec, NetworkConfig } from '../scaling';
import type { InputNormalization } from './network';
import { hwioToOihw, OnnxGraphBuilder, samePads } from './onnx-graph';

/** Name of the graph input: float32 [batch, H, W, 3], RGB in [0, 1], NHWC. */
export const ONNX_INPUT_NAME = 'input';
/** Name of the graph output: float32 [batch, classes], softmax probabilities. */
export const ONNX_OUTPUT_NAME = 'probabilities';

/** One learned layer's values in TF layout (`LayerSpec.kernelShape`, `.biasShape`). */
export interface LayerValues {
  kernel: Float32Array;
  bias: Float32Array;
}

export interface OnnxNetwork {
  bytes: Uint8Array;
  /** Nodes per ONNX op type (e.g. { Conv: 82, Sigmoid: 65, … }). */
  opCounts: Record<string, number>;
}

type ValuesFor = (layer: LayerSpec) => LayerValues;

/** Emits conv layers: weights converted to OIHW, SAME pads computed from the static size. */
class Emitter {
  readonly g = new OnnxGraphBuilder();
  private readonly layers: Map<string, LayerSpec>;

  constructor(
    config: NetworkConfig,
    private readonly valuesFor: ValuesFor,
  ) {
    this.layers = new Map(config.layers.map((l) => [l.name, l]));
  }

  private weights(name: string): { layer: LayerSpec; w: string; b: string } {
    const layer = this.layers.get(name);
    if (!layer) throw new Error(`ONNX export: the config has no layer ${name}`);
    const v = this.valuesFor(layer);
    const k = layer.kernelShape;
    const dims = layer.kind === 'dense' ? k : layer.kind === 'depthwise' ? [k[2], 1, k[0], k[1]] : [k[3], k[2], k[0], k[1]];
    const kernel = layer.kind === 'dense' ? v.kernel : hwioToOihw(v.kernel, k);
    return { layer, w: this.g.initializer(`${name}/kernel`, dims, kernel), b: this.g.initializer(`${name}/bias`, layer.biasShape, v.bias) };
  }

  /** Conv (bias = folded BN) at `stride` on a `size`×`size` map; depthwise layers are grouped. */
  conv(x: string, name: string, size: number, stride = 1): string {
    const { layer, w, b } = this.weights(name);
    const [kh, kw, channels] = layer.kernelShape;
    const attrs = {
      kernel_shape: [kh, kw],
      strides: [stride, stride],
      pads: samePads(size, kh, stride),
      group: layer.kind === 'depthwise' ? channels : 1,
      dilations: [1, 1],
    };
    return this.g.node('Conv', [x, w, b], name, attrs);
  }

  swish(x: string): string {
    return this.g.node('Mul', [x, this.g.node('Sigmoid', [x], `${x}/sigmoid`)], `${x}/swish`);
  }

  dense(x: string, name: string): string {
    const { w, b } = this.weights(name);
    return this.g.node('Gemm', [x, w, b], name);
  }
}

function normalise(e: Emitter, n: InputNormalization): string {
  const g = e.g;
  const nchw = g.node('Transpose', [ONNX_INPUT_NAME], 'input_nchw', { perm: [0, 3, 1, 2] });
  // Same arithmetic as the own network ((x·scale − mean) / std), so results agree to rounding.
  const scaled = g.node('Mul', [nchw, g.initializer('normalization/scale', [], new Float32Array([n.scale]))], 'normalization/scaled');
  const centred = g.node('Sub', [scaled, g.initializer('normalization/mean', [1, 3, 1, 1], new Float32Array(n.mean))], 'normalization/centred');
  return g.node('Div', [centred, g.initializer('normalization/std', [1, 3, 1, 1], new Float32Array(n.std))], 'normalization/normalized');
}

function block(e: Emitter, x: string, b: BlockConfig): string {
  const p = `stack_${b.stage}/block_${b.block}`;
  let h = x;
  if (b.expand !== 1) h = e.swish(e.conv(h, `${p}/expand_conv2d`, b.inputSize));
  h = e.swish(e.conv(h, `${p}/depthwise_conv2d`, b.inputSize, b.stride));
  const squeezed = e.g.node('GlobalAveragePool', [h], `${p}/se_squeeze`);
  const reduced = e.swish(e.conv(squeezed, `${p}/se_reduce_conv2d`, 1));
  const gate = e.g.node('Sigmoid', [e.conv(reduced, `${p}/se_expand_conv2d`, 1)], `${p}/se_gate`);
  h = e.g.node('Mul', [h, gate], `${p}/se_excite`);
  h = e.conv(h, `${p}/project_conv2d`, b.outputSize);
  return b.residual ? e.g.node('Add', [x, h], `${p}/residual`) : h;
}

/**
 * The ONNX model of `config` with the given weights. `valuesFor` returns each `config.layers`
 * entry's kernel and bias in TF layout (bound converted weights or seeded random ones).
 */
export function efficientNetToOnnx(config: NetworkConfig, normalization: InputNormalization, valuesFor: ValuesFor): OnnxNetwork {
  const e = new Emitter(config, valuesFor);
  let h = normalise(e, normalization);
  h = e.swish(e.conv(h, 'stem_conv2d', config.resolution, 2));
  for (const b of config.blocks) h = block(e, h, b);
  const head = e.swish(e.conv(h, 'top_conv2d', config.blocks[config.blocks.length - 1].outputSize));
  const pooled = e.g.node('Flatten', [e.g.node('GlobalAveragePool', [head], 'top_pool')], 'top_flatten', { axis: 1 });
  const probs = e.g.node('Softmax', [e.dense(pooled, 'logits')], ONNX_OUTPUT_NAME, { axis: -1 });
  const size = config.resolution;
  const bytes = e.g.encode(
    `efficientnet-${config.name}`,
    { name: ONNX_INPUT_NAME, dims: ['batch', size, size, 3] },
    { name: probs, dims: ['batch', config.numClasses] },
    `EfficientNet ${config.name} (${size} px). Input "${ONNX_INPUT_NAME}": float32 [batch, ${size}, ${size}, 3], RGB in [0, 1], NHWC. ` +
      `Output "${ONNX_OUTPUT_NAME}": float32 [batch, ${config.numClasses}] softmax probabilities.`,
  );
  return { bytes, opCounts: e.g.opCounts() };
}

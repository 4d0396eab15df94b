/** ONNX export of any network the lab builds (official B0–B7 with converted weights, formula
 *  networks at any φ with random ones) on the walk of the own forward pass (network-walk.ts); the
 *  graph, its input and output: README, "ONNX export". TF's SAME padding is written as explicit
 *  pads (asymmetric at stride 2 on even sizes), so the file does not depend on a runtime's auto_pad. */
import type { LayerSpec, NetworkConfig } from '../scaling';
import { samePadding, walkNetwork, type LayerStep, type NetworkOps } from './network-walk';
import { hwioToOihw, OnnxGraphBuilder } from './onnx-graph';
import { layerWeights, type EfficientNetWeights, type InputNormalization, type LayerWeights } from './weights';

/** The graph's input (float32 NHWC RGB in [0, 1]) and output (softmax probabilities). */
export const ONNX_INPUT_NAME = 'input';
export const ONNX_OUTPUT_NAME = 'probabilities';

/** One learned layer's values in TF layout (`LayerSpec.kernelShape`, `.biasShape`). */
type LayerValues = Record<keyof LayerWeights, Float32Array>;

/** The walk's steps as ONNX nodes into `g`: conv weights converted to OIHW, SAME pads from the static size. */
function onnxOps(g: OnnxGraphBuilder, values: ReadonlyMap<string, LayerValues>, n: InputNormalization): NetworkOps<string> {
  const weights = (layer: LayerSpec): { w: string; b: string } => {
    const v = values.get(layer.name)!;
    const k = layer.kernelShape;
    const dims = layer.kind === 'dense' ? k : layer.kind === 'depthwise' ? [k[2], 1, k[0], k[1]] : [k[3], k[2], k[0], k[1]];
    const kernel = layer.kind === 'dense' ? v.kernel : hwioToOihw(v.kernel, k);
    return { w: g.initializer(`${layer.name}/kernel`, dims, kernel), b: g.initializer(`${layer.name}/bias`, layer.biasShape, v.bias) };
  };

  /** Conv (bias = folded BN) at the step's stride on its size×size map; depthwise layers are grouped. */
  const conv = (x: string, { layer, size, stride }: LayerStep): string => {
    const { w, b } = weights(layer);
    const [kh, kw, channels] = layer.kernelShape;
    const { before, after } = samePadding(size, kh, stride);
    return g.node('Conv', [x, w, b], layer.name, {
      kernel_shape: [kh, kw],
      strides: [stride, stride],
      pads: [before, before, after, after], // [top, left, bottom, right]
      group: layer.kind === 'depthwise' ? channels : 1,
      dilations: [1, 1],
    });
  };

  const swish = (x: string): string => g.node('Mul', [x, g.node('Sigmoid', [x], `${x}/sigmoid`)], `${x}/swish`);

  /** A 1×1 or a depthwise conv and swish: one Conv node either way. */
  const convSwish = (x: string, s: LayerStep): string => swish(conv(x, s));

  return {
    stem: (x, s) => {
      const nchw = g.node('Transpose', [x], 'input_nchw', { perm: [0, 3, 1, 2] });
      // The graph's arithmetic, (x·scale − mean) / std (the own network's stock stem folds it into one
      // per-channel affine; the two agree to rounding).
      const scaled = g.node('Mul', [nchw, g.initializer('normalization/scale', [], new Float32Array([n.scale]))], 'normalization/scaled');
      const centred = g.node('Sub', [scaled, g.initializer('normalization/mean', [1, 3, 1, 1], new Float32Array(n.mean))], 'normalization/centred');
      const normalized = g.node('Div', [centred, g.initializer('normalization/std', [1, 3, 1, 1], new Float32Array(n.std))], 'normalization/normalized');
      return convSwish(normalized, s);
    },
    pointwise: convSwish,
    depthwise: convSwish,
    gate: (x, reduce, expand) => {
      const p = blockPrefix(reduce.layer);
      const squeezed = g.node('GlobalAveragePool', [x], `${p}/se_squeeze`);
      const reduced = swish(conv(squeezed, reduce));
      return g.node('Sigmoid', [conv(reduced, expand)], `${p}/se_gate`);
    },
    project: (x, gate, s, residual) => {
      const p = blockPrefix(s.layer);
      const h = conv(g.node('Mul', [x, gate], `${p}/se_excite`), s);
      return residual ? g.node('Add', [residual, h], `${p}/residual`) : h;
    },
    classify: (features, { layer }) => {
      const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [features], 'top_pool')], 'top_flatten', { axis: 1 });
      const { w, b } = weights(layer);
      return g.node('Softmax', [g.node('Gemm', [pooled, w, b], layer.name)], ONNX_OUTPUT_NAME, { axis: -1 });
    },
    block: (input, run) => run(input),
  };
}

const blockPrefix = (l: LayerSpec): string => `stack_${l.stage}/block_${l.block}`;

/** `effnet-B3.onnx` for official variants, `effnet-phi2.50.onnx` for formula networks. */
export function onnxFileName(config: Pick<NetworkConfig, 'official' | 'name' | 'phi'>): string {
  return config.official ? `effnet-${config.name}.onnx` : `effnet-phi${config.phi.toFixed(2)}.onnx`;
}

/** The ONNX model of `config` with bound tfjs weights (reads every weight back from the backend). */
export async function exportOnnx(config: NetworkConfig, weights: EfficientNetWeights) {
  const values = new Map<string, LayerValues>();
  for (const layer of config.layers) {
    const w = layerWeights(weights, layer.name);
    const [kernel, bias] = (await Promise.all([w.kernel.data(), w.bias.data()])) as Float32Array[];
    values.set(layer.name, { kernel, bias });
  }
  const g = new OnnxGraphBuilder();
  const probs = walkNetwork(config, ONNX_INPUT_NAME, onnxOps(g, values, weights.normalization));
  const size = config.resolution;
  const bytes = g.encode(
    `efficientnet-${config.name}`,
    { name: ONNX_INPUT_NAME, dims: ['batch', size, size, 3] },
    { name: probs, dims: ['batch', config.numClasses] },
    `EfficientNet ${config.name} (${size} px). Input "${ONNX_INPUT_NAME}": float32 [batch, ${size}, ${size}, 3], RGB in [0, 1], NHWC. ` +
      `Output "${ONNX_OUTPUT_NAME}": float32 [batch, ${config.numClasses}] softmax probabilities.`,
  );
  return { bytes, nodes: g.nodes.length };
}

/**
 * ONNX export of any network the lab builds: the official B0–B7 with converted (real or
 * synthetic) weights and formula networks at any φ with random weights.
 *
 * Graph input `input`: float32 [batch, H, W, 3], RGB in [0, 1], NHWC (H = W = the network's
 * resolution). Graph output `probabilities`: float32 [batch, 1000] softmax probabilities.
 * IR 8, opset 17, float32 throughout; see onnx-efficientnet.ts for the op sequence.
 */
import type { LayerSpec, NetworkConfig } from '../scaling';
import { BLOCK_SLOTS, type ConvWeights, type EfficientNetWeights } from './network';
import { efficientNetToOnnx, type LayerValues, type OnnxNetwork } from './onnx-efficientnet';

export { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, efficientNetToOnnx, type LayerValues, type OnnxNetwork } from './onnx-efficientnet';
export { ONNX_IR_VERSION, ONNX_OPSET } from './onnx-graph';

/** `effnet-B3.onnx` for official variants, `effnet-phi2.50.onnx` for formula networks. */
export function onnxFileName(config: Pick<NetworkConfig, 'official' | 'name' | 'phi'>): string {
  return config.official ? `effnet-${config.name}.onnx` : `effnet-phi${config.phi.toFixed(2)}.onnx`;
}

/** The tensors that hold one config layer in a weights object. */
function layerWeights(config: NetworkConfig, weights: EfficientNetWeights, layer: LayerSpec): ConvWeights | EfficientNetWeights['logits'] {
  if (layer.kind === 'stem') return weights.stem;
  if (layer.kind === 'head') return weights.head;
  if (layer.kind === 'dense') return weights.logits;
  const i = config.blocks.findIndex((b) => b.stage === layer.stage && b.block === layer.block);
  const w = i < 0 ? undefined : weights.blocks[i][BLOCK_SLOTS[layer.kind]];
  if (!w) throw new Error(`ONNX export: no weights for ${layer.name}`);
  return w;
}

/** Exports a network with bound tfjs weights (reads every weight back from the backend). */
export async function exportOnnx(config: NetworkConfig, weights: EfficientNetWeights): Promise<OnnxNetwork> {
  const values = new Map<string, LayerValues>();
  for (const layer of config.layers) {
    const w = layerWeights(config, weights, layer);
    const [kernel, bias] = (await Promise.all([w.kernel.data(), w.bias.data()])) as Float32Array[];
    values.set(layer.name, { kernel, bias });
  }
  return efficientNetToOnnx(config, weights.normalization, (layer) => values.get(layer.name) as LayerValues);
}

/**
 * ONNX export of any network the lab builds: the official B0–B7 with converted (real or
 * synthetic) weights and formula networks at any φ with random weights.
 *
 * Graph input `input`: float32 [batch, H, W, 3], RGB in [0, 1], NHWC (H = W = the network's
 * resolution). Graph output `probabilities`: float32 [batch, 1000] softmax probabilities.
 * IR 8, opset 17, float32 throughout; see onnx-efficientnet.ts for the op sequence.
 */
import type { NetworkConfig } from '../scaling';
import { layerWeights, type EfficientNetWeights } from './weights';
import { efficientNetToOnnx, type LayerValues, type OnnxNetwork } from './onnx-efficientnet';

export { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, efficientNetToOnnx, type LayerValues, type OnnxNetwork } from './onnx-efficientnet';
export { ONNX_IR_VERSION, ONNX_OPSET } from './onnx-graph';

/** `effnet-B3.onnx` for official variants, `effnet-phi2.50.onnx` for formula networks. */
export function onnxFileName(config: Pick<NetworkConfig, 'official' | 'name' | 'phi'>): string {
  return config.official ? `effnet-${config.name}.onnx` : `effnet-phi${config.phi.toFixed(2)}.onnx`;
}

/** Exports a network with bound tfjs weights (reads every weight back from the backend). */
export async function exportOnnx(config: NetworkConfig, weights: EfficientNetWeights): Promise<OnnxNetwork> {
  const values = new Map<string, LayerValues>();
  for (const layer of config.layers) {
    const w = layerWeights(weights, layer.name);
    const [kernel, bias] = (await Promise.all([w.kernel.data(), w.bias.data()])) as Float32Array[];
    values.set(layer.name, { kernel, bias });
  }
  return efficientNetToOnnx(config, weights.normalization, (layer) => values.get(layer.name) as LayerValues);
}

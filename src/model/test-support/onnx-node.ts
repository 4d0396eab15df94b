/** ONNX helpers for Node (model tests, the e2e spec, the profiling CLI): onnxruntime-web's wasm
 *  build (single-threaded, wasm files read from node_modules, nothing downloaded), a reader of
 *  the graph's interface, and the node counts an export of a config must have. */
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-web';
import type { NetworkConfig } from '../../scaling';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from '../onnx-export';

export type OrtSession = ort.InferenceSession;

export async function ortSession(bytes: Uint8Array): Promise<OrtSession> {
  ort.env.wasm.numThreads = 1;
  return ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
}

/** Probabilities for a [batch, size, size, 3] NHWC input in [0, 1]. */
export async function ortProbabilities(session: OrtSession, input: Float32Array, size: number): Promise<Float32Array> {
  const batch = input.length / (size * size * 3);
  const x = new ort.Tensor('float32', input, [batch, size, size, 3]);
  const out = await session.run({ [ONNX_INPUT_NAME]: x });
  const y = out[ONNX_OUTPUT_NAME];
  const data = y.data as Float32Array;
  x.dispose();
  y.dispose();
  return data;
}

export interface OnnxSummary {
  irVersion: number;
  opset: number;
  inputs: { name: string; dims: (number | string)[] }[];
  outputs: { name: string; dims: (number | string)[] }[];
  opCounts: Record<string, number>;
}

/** Decodes a model file and summarises its interface and node counts. */
export function summarizeOnnx(bytes: Uint8Array): OnnxSummary {
  const m = onnxProto.onnx.ModelProto.decode(bytes);
  const io = (v: onnxProto.onnx.IValueInfoProto) => ({
    name: v.name ?? '',
    dims: (v.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue))),
  });
  const opCounts: Record<string, number> = {};
  for (const n of m.graph?.node ?? []) opCounts[n.opType ?? ''] = (opCounts[n.opType ?? ''] ?? 0) + 1;
  return {
    irVersion: Number(m.irVersion),
    opset: Number(m.opsetImport.find((o) => !o.domain)?.version),
    inputs: (m.graph?.input ?? []).map(io),
    outputs: (m.graph?.output ?? []).map(io),
    opCounts,
  };
}

/** Node counts an export of `config` must have, worked out from the config alone. */
export function expectedOpCounts(config: NetworkConfig): Record<string, number> {
  const blocks = config.blocks.length;
  const expands = config.blocks.filter((b) => b.expand !== 1).length;
  const residuals = config.blocks.filter((b) => b.residual).length;
  // swish: stem, head, per block depthwise + SE reduce (+ expand); gates: one per block.
  const swishes = 2 + 2 * blocks + expands;
  return {
    Transpose: 1,
    Sub: 1,
    Div: 1,
    Mul: 1 + swishes + blocks,
    Conv: config.layers.filter((l) => l.kind !== 'dense').length,
    Sigmoid: swishes + blocks,
    GlobalAveragePool: blocks + 1,
    ...(residuals ? { Add: residuals } : {}),
    Flatten: 1,
    Gemm: 1,
    Softmax: 1,
  };
}

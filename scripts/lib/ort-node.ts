/** onnxruntime-web's wasm build in Node (tests and the CLI): single-threaded, wasm files read
 *  from node_modules (nothing is downloaded). */
import * as ort from 'onnxruntime-web';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from '../../src/model/onnx-export';

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

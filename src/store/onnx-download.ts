/** "Export ONNX": which network is current and its ONNX file, built by the inference worker
 *  (which owns the weights). At an official φ (formula toggle off) that is Bk with its converted
 *  weights, or the user's dropped model; anywhere else the formula network at exactly φ with the
 *  app's seeded random weights, the network the readouts describe. */
import type { InferenceClient } from '../worker/client';
import type { LabState } from './lab-store';
import { exactSpecFor } from './lab-spec';

export interface OnnxFile {
  fileName: string;
  bytes: ArrayBuffer;
  opCounts: Record<string, number>;
}

/** Asks the worker for the current network's ONNX file. */
export async function requestOnnx(client: Pick<InferenceClient, 'send'>, s: Pick<LabState, 'phi' | 'formula' | 'custom' | 'source'>): Promise<OnnxFile> {
  const r = await client.send({ type: 'exportOnnx', model: exactSpecFor(s) }, ['onnx']).done;
  return { fileName: r.fileName, bytes: r.bytes, opCounts: r.opCounts };
}

/** "Export ONNX": the current network (exactSpecFor) as an ONNX file, built by the inference worker,
 *  which owns the weights. */
import type { InferenceClient } from '../worker/client';
import type { LabState } from './lab-store';
import { exactSpecFor } from './lab-spec';

export interface OnnxFile {
  fileName: string;
  bytes: ArrayBuffer;
  opCounts: Record<string, number>;
}

export async function requestOnnx(client: Pick<InferenceClient, 'send'>, s: Pick<LabState, 'phi' | 'formula' | 'custom' | 'source'>): Promise<OnnxFile> {
  const r = await client.send({ type: 'exportOnnx', model: exactSpecFor(s) }, ['onnx']).done;
  return { fileName: r.fileName, bytes: r.bytes, opCounts: r.opCounts };
}

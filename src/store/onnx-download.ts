/** "Export ONNX": which network is current and its ONNX file, built by the inference worker
 *  (which owns the weights). At an official φ (formula toggle off) that is Bk with its converted
 *  weights, or the user's dropped model; anywhere else the formula network at exactly φ with the
 *  app's seeded random weights, the network the readouts describe. */
import { nearestOfficial } from '../scaling';
import type { InferenceClient } from '../worker/client';
import type { ModelSpec } from '../worker/protocol';
import type { LabState } from './lab-store';
import { officialSpec } from './source';
import { formulaSpec } from './lab-spec';

export function exportSpec(s: Pick<LabState, 'phi' | 'formula' | 'custom' | 'source'>): ModelSpec {
  const k = nearestOfficial(s.phi);
  const official = !s.formula && Math.abs(s.phi - k) < 1e-9;
  if (official && s.custom) return { kind: 'custom', name: s.custom.name, files: s.custom.files };
  if (official && s.source) return officialSpec(k, s.source.baseUrl); // converted, or seeded in random-weights mode
  return formulaSpec(s.phi);
}

export interface OnnxFile {
  fileName: string;
  bytes: ArrayBuffer;
  opCounts: Record<string, number>;
}

/** Asks the worker for the current network's ONNX file. */
export async function requestOnnx(client: Pick<InferenceClient, 'send'>, s: Pick<LabState, 'phi' | 'formula' | 'custom' | 'source'>): Promise<OnnxFile> {
  const r = await client.send({ type: 'exportOnnx', model: exportSpec(s) }, ['onnx']).done;
  return { fileName: r.fileName, bytes: r.bytes, opCounts: r.opCounts };
}

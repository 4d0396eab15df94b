// The converted model.json as the synthetic-weight generator sees it: its types, the
// metadata a synthetic model carries, and byte sizes of weights. Node only (fs); no tfjs.

import { readFileSync } from 'node:fs';
import { SYNTHETIC_INIT_VERSION } from '../../src/model/synthetic-init.ts';
import type { ConvertedModelJson, WeightSpec } from '../../src/model/model-json.ts';

// ---------------------------------------------------------------------------------------------
// model.json types (the subset used here)

export type { GraphNode, WeightGroup, WeightSpec } from '../../src/model/model-json.ts';
export type ModelJson = ConvertedModelJson;

export interface SyntheticMetadata {
  synthetic: true;
  seed: number;
  generator: string;
  note: string;
  initVersion: number;
}



export const GENERATOR_NAME = 'efficientnet-phi-lab models:synth';
export const SYNTHETIC_NOTE = 'seeded random weights: predictions meaningless, latency real';

export function syntheticMetadata(seed: number): SyntheticMetadata {
  return {
    synthetic: true,
    seed,
    generator: GENERATOR_NAME,
    note: SYNTHETIC_NOTE,
    initVersion: SYNTHETIC_INIT_VERSION,
  };
}

export function readModelJson(path: string): ModelJson {
  const json = JSON.parse(readFileSync(path, 'utf8')) as ModelJson;
  if (!json.modelTopology?.node || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${path} is not a TF.js graph model.json (no modelTopology.node / weightsManifest)`);
  }
  return json;
}

/** Strip the `^` control prefix and the `:N` output suffix of a node input. */
export function nodeOf(input: string): string {
  return input.replace(/^\^/, '').replace(/:\d+$/, '');
}

function bytesPerElement(dtype: string): number {
  if (dtype === 'float32' || dtype === 'int32') return 4;
  throw new Error(`unsupported dtype ${dtype}`);
}

export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function weightBytes(spec: WeightSpec): number {
  return sizeOfShape(spec.shape) * bytesPerElement(spec.dtype);
}

/** The converted tfjs graph-model format: the model.json type, the shard layout the converter
 *  writes, the input normalisation its graphs hold, and parsing/validating a manifest. No I/O
 *  and no tfjs here. */
import { hashString } from './seeded-rng';
import type { InputNormalization } from './weights';

/** The one model.json type of the project (app, scripts and tests): the fields this code reads
 *  or writes; anything else the converter put there is carried along untouched. */
export interface WeightSpec {
  name: string;
  shape: number[];
  /** 'float32' or 'int32' in the exports; other converter dtypes are refused where read. */
  dtype: string;
  /** tfjs's quantization record; the lab writes and reads only float16 (half-weights.ts). */
  quantization?: { dtype: string; original_dtype?: string; scale?: number; min?: number };
}
export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}
export interface WeightGroup {
  paths: string[];
  weights: WeightSpec[];
}
export interface ConvertedModelJson {
  format?: string;
  signature?: unknown;
  modelTopology: { node: GraphNode[] };
  weightsManifest: WeightGroup[];
  userDefinedMetadata?: Record<string, unknown>;
}
export type ProgressFn = (loaded: number, total: number, phase: 'download' | 'cache') => void;

/** Reference constants of the TF Hub exports' input normalisation (also what random and
 *  synthetic weights use). */
export const REFERENCE_NORMALIZATION: InputNormalization = { scale: 255, mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] };

/** The converter splits each group into 4 MiB shards, all but the last full. */
export const SHARD_BYTES = 4 * 1024 * 1024;

/** `^ctrl` and `name:0` both refer to node `name`. */
export const nodeOf = (input: string): string => input.replace(/^\^/, '').replace(/:\d+$/, '');

export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A model.json that cannot be used: not JSON, not a graph model, or a manifest that does not add
 *  up. The only error parsing and shard planning throw (property-tested: src/model/fuzz.test.ts). */
export class ModelJsonError extends Error {}

/** All weights of one model, at most: B7's are 265 MB, so a manifest asking for more is refused
 *  before a byte of it is downloaded or allocated. */
export const MAX_MODEL_BYTES = 1024 * 1024 * 1024;

export function weightBytes(spec: WeightSpec): number {
  if (spec.dtype !== 'float32' && spec.dtype !== 'int32') {
    throw new ModelJsonError(`Unsupported weight dtype ${spec.dtype} for ${spec.name}`);
  }
  if (spec.quantization === undefined) return 4 * sizeOfShape(spec.shape);
  if (spec.quantization.dtype === 'float16' && spec.dtype === 'float32') return 2 * sizeOfShape(spec.shape);
  throw new Error(`Unsupported quantization ${spec.quantization.dtype} for ${spec.name} (the lab reads float16 only)`);
}

export type WeightPrecision = 'float32' | 'float16';

/** 'float16' when any weight is stored at half size. */
export function weightPrecision(json: ConvertedModelJson): WeightPrecision {
  return json.weightsManifest.some((g) => g.weights.some((w) => w.quantization?.dtype === 'float16')) ? 'float16' : 'float32';
}

/** A shard's path is a plain file name beside model.json (the converter's "group1-shard1of6.bin"):
 *  no folders, "..", queries or other hosts. */
const SHARD_NAME = /^(?!\.\.?$)[\w.-]+$/;
const isDim = (d: unknown) => Number.isSafeInteger(d) && (d as number) >= 0;

function manifestProblem(groups: unknown[]): string | null {
  for (const g of groups) {
    const { paths, weights } = (g ?? {}) as Partial<WeightGroup>;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && SHARD_NAME.test(p))) return 'a shard path is not a plain file name';
    if (!Array.isArray(weights)) return 'a weight group lists no weights';
    for (const w of weights as unknown[]) {
      const { name, shape, dtype } = (w ?? {}) as Partial<WeightSpec>;
      if (typeof name !== 'string' || typeof dtype !== 'string' || !Array.isArray(shape) || !shape.every(isDim)) return 'a weight has no name, dtype or shape';
    }
  }
  return null;
}

/** Every shard's byte size, in manifest order. */
export function expectedShardSizes(json: ConvertedModelJson): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  let all = 0;
  for (const group of json.weightsManifest) {
    let left = group.weights.reduce((s, w) => s + weightBytes(w), 0);
    all += left;
    if (!(all <= MAX_MODEL_BYTES)) throw new ModelJsonError(`The manifest's weights need ${all} bytes; the limit is ${MAX_MODEL_BYTES / 2 ** 30} GB`);
    const need = Math.ceil(left / SHARD_BYTES);
    if (need !== group.paths.length) throw new ModelJsonError(`Manifest lists ${group.paths.length} shards but its weights need ${need}`);
    for (const path of group.paths) {
      const bytes = Math.min(SHARD_BYTES, left);
      out.push({ path, bytes });
      left -= bytes;
    }
  }
  return out;
}

export function parseModelJson(text: string, where: string): ConvertedModelJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelJsonError(`${where} is not valid JSON`);
  }
  const j = json as Partial<ConvertedModelJson>;
  if (!j || typeof j !== 'object' || !j.modelTopology || !Array.isArray(j.modelTopology.node) || !Array.isArray(j.weightsManifest)) {
    throw new ModelJsonError(`${where} is not a converted TensorFlow.js graph model (no modelTopology/weightsManifest)`);
  }
  const problem = manifestProblem(j.weightsManifest);
  if (problem) throw new ModelJsonError(`${where} is not a converted TensorFlow.js graph model (${problem})`);
  return j as ConvertedModelJson;
}

/** FNV-1a of the model.json text: the cache version of its shards. */
export function manifestHash(text: string): string {
  return hashString(text).toString(16).padStart(8, '0');
}

/** model.json's text parsed, with its shards' sizes, their total and its cache version. */
export function manifestOf(text: string, where: string) {
  const modelJson = parseModelJson(text, where);
  const shards = expectedShardSizes(modelJson);
  return { modelJson, shards, total: shards.reduce((s, x) => s + x.bytes, 0), version: manifestHash(text) };
}

export function concat(parts: readonly (ArrayBuffer | Uint8Array)[], total = parts.reduce((s, p) => s + p.byteLength, 0)): ArrayBuffer {
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p instanceof Uint8Array ? p : new Uint8Array(p), off);
    off += p.byteLength;
  }
  return out.buffer;
}

export function allSpecs(json: ConvertedModelJson): WeightSpec[] {
  return json.weightsManifest.flatMap((g) => g.weights);
}

/** A model's artifacts from its shards' bytes, in manifest order. */
export function artifactsOf(modelJson: ConvertedModelJson, shards: readonly ArrayBuffer[], fromCache: boolean) {
  return { modelJson, weightData: concat(shards), fromCache };
}
/** stored, downloads only: whether the entry was written to the cache (false: no cache, or no room). */
export type LoadedArtifacts = ReturnType<typeof artifactsOf> & { stored?: boolean };

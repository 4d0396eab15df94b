/** Reading converted tfjs graph models (model.json + shards): from a URL with byte progress,
 *  size checks and a versioned Cache Storage entry, or from user-dropped files. No tfjs here. */

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | string;
}
export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
}
export interface ConvertedModelJson {
  format?: string;
  modelTopology: { node: GraphNode[] };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  userDefinedMetadata?: Record<string, unknown>;
}
export interface LoadedArtifacts {
  modelJson: ConvertedModelJson;
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
  fromCache: boolean;
  bytes: number;
}
export type ProgressFn = (loaded: number, total: number, phase: 'download' | 'cache') => void;

/** The converter splits each group into 4 MiB shards, all but the last full. */
export const SHARD_BYTES = 4 * 1024 * 1024;
/** Bump when the cache layout changes; entries are also keyed by the manifest's hash. */
export const CACHE_NAME = 'efficientnet-models-v1';

export function weightBytes(spec: WeightSpec): number {
  if (spec.dtype !== 'float32' && spec.dtype !== 'int32') {
    throw new Error(`Unsupported weight dtype ${spec.dtype} for ${spec.name}`);
  }
  return 4 * spec.shape.reduce((a, b) => a * b, 1);
}

/** Expected byte size of every shard, in manifest order, for each group. */
export function expectedShardSizes(json: ConvertedModelJson): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  for (const group of json.weightsManifest) {
    let left = group.weights.reduce((s, w) => s + weightBytes(w), 0);
    const n = group.paths.length;
    if (Math.ceil(left / SHARD_BYTES) !== n) {
      throw new Error(`Manifest lists ${n} shards but its weights need ${Math.ceil(left / SHARD_BYTES)}`);
    }
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
    throw new Error(`${where} is not valid JSON`);
  }
  const j = json as Partial<ConvertedModelJson>;
  if (!j || !j.modelTopology || !Array.isArray(j.modelTopology.node) || !Array.isArray(j.weightsManifest)) {
    throw new Error(`${where} is not a converted TensorFlow.js graph model (no modelTopology/weightsManifest)`);
  }
  return j as ConvertedModelJson;
}

export function isSynthetic(json: ConvertedModelJson): boolean {
  return json.userDefinedMetadata?.synthetic === true;
}

/** FNV-1a of the model.json text: the cache version of its shards. */
export function manifestHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function concat(buffers: ArrayBuffer[], total: number): ArrayBuffer {
  const out = new Uint8Array(total);
  let off = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), off);
    off += b.byteLength;
  }
  return out.buffer;
}

function allSpecs(json: ConvertedModelJson): WeightSpec[] {
  return json.weightsManifest.flatMap((g) => g.weights);
}

const joinUrl = (base: string, path: string) => base.replace(/\/?$/, '/') + path;
const versioned = (url: string, version: string) => `${url}${url.includes('?') ? '&' : '?'}v=${version}`;

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE_NAME);
  } catch {
    return null; // opaque origins and some private modes have no Cache Storage
  }
}

async function readBody(res: Response, onChunk: (n: number) => void): Promise<ArrayBuffer> {
  if (!res.body) {
    const buf = await res.arrayBuffer();
    onChunk(buf.byteLength);
    return buf;
  }
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.byteLength;
    onChunk(value.byteLength);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out.buffer;
}

async function fetchOk(url: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { signal, cache: 'no-store' });
  } catch (e) {
    if (signal?.aborted) throw new Error(`Download aborted: ${url}`);
    throw new Error(`Network error while downloading ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new Error(`Download failed: ${url} answered HTTP ${res.status}`);
  return res;
}

/** Loads model.json + shards from `baseUrl`: from the cache when a complete entry of the same
 *  manifest version is there (no network request), else downloads, checks every shard's size
 *  and only then stores the whole set, so a failed download leaves nothing behind. */
export async function loadFromUrl(baseUrl: string, onProgress: ProgressFn, signal?: AbortSignal): Promise<LoadedArtifacts> {
  const modelUrl = joinUrl(baseUrl, 'model.json');
  const cache = await openCache();
  const cached = cache ? await fromCache(cache, baseUrl, modelUrl, onProgress) : null;
  if (cached) return cached;

  const text = await (await fetchOk(modelUrl, signal)).text();
  const modelJson = parseModelJson(text, modelUrl);
  const shards = expectedShardSizes(modelJson);
  const total = shards.reduce((s, x) => s + x.bytes, 0);
  let loaded = 0;
  onProgress(0, total, 'download');
  const buffers: ArrayBuffer[] = [];
  for (const shard of shards) {
    const url = joinUrl(baseUrl, shard.path);
    const res = await fetchOk(url, signal);
    const buf = await readBody(res, (n) => onProgress((loaded += n), total, 'download'));
    if (buf.byteLength !== shard.bytes) {
      throw new Error(`Shard ${shard.path} is ${buf.byteLength} bytes; the manifest expects ${shard.bytes}`);
    }
    buffers.push(buf);
  }
  if (cache) await store(cache, baseUrl, modelUrl, text, shards, buffers);
  return { modelJson, weightSpecs: allSpecs(modelJson), weightData: concat(buffers, total), fromCache: false, bytes: total };
}

async function fromCache(cache: Cache, baseUrl: string, modelUrl: string, onProgress: ProgressFn): Promise<LoadedArtifacts | null> {
  const hit = await cache.match(modelUrl);
  if (!hit) return null;
  const text = await hit.text();
  try {
    const modelJson = parseModelJson(text, modelUrl);
    const version = manifestHash(text);
    const shards = expectedShardSizes(modelJson);
    const total = shards.reduce((s, x) => s + x.bytes, 0);
    const buffers: ArrayBuffer[] = [];
    let loaded = 0;
    for (const shard of shards) {
      const res = await cache.match(versioned(joinUrl(baseUrl, shard.path), version));
      const buf = res ? await res.arrayBuffer() : null;
      if (!buf || buf.byteLength !== shard.bytes) throw new Error('incomplete cache entry');
      buffers.push(buf);
      onProgress((loaded += buf.byteLength), total, 'cache');
    }
    return { modelJson, weightSpecs: allSpecs(modelJson), weightData: concat(buffers, total), fromCache: true, bytes: total };
  } catch {
    await cache.delete(modelUrl); // a broken entry is dropped and downloaded afresh
    return null;
  }
}

async function store(cache: Cache, baseUrl: string, modelUrl: string, text: string, shards: { path: string }[], buffers: ArrayBuffer[]) {
  const version = manifestHash(text);
  try {
    for (let i = 0; i < shards.length; i++) {
      await cache.put(versioned(joinUrl(baseUrl, shards[i].path), version), new Response(buffers[i]));
    }
    // model.json last: its presence marks a complete entry.
    await cache.put(modelUrl, new Response(text, { headers: { 'Content-Type': 'application/json' } }));
  } catch {
    await cache.delete(modelUrl); // quota exceeded: run uncached rather than fail
  }
}

/** Removes every cached model (the UI's "clear cache"). */
export async function clearModelCache(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(CACHE_NAME);
}

/** A user-dropped converted folder: model.json plus the shards its manifest names. */
export async function loadFromFiles(files: File[]): Promise<LoadedArtifacts> {
  const jsonFile = files.find((f) => f.name === 'model.json');
  if (!jsonFile) throw new Error('The dropped files hold no model.json');
  const modelJson = parseModelJson(await jsonFile.text(), jsonFile.name);
  const shards = expectedShardSizes(modelJson);
  const buffers: ArrayBuffer[] = [];
  for (const shard of shards) {
    const f = files.find((x) => x.name === shard.path);
    if (!f) throw new Error(`The dropped files miss the shard ${shard.path} that model.json lists`);
    if (f.size !== shard.bytes) throw new Error(`Shard ${shard.path} is ${f.size} bytes; the manifest expects ${shard.bytes}`);
    buffers.push(await f.arrayBuffer());
  }
  const total = shards.reduce((s, x) => s + x.bytes, 0);
  return { modelJson, weightSpecs: allSpecs(modelJson), weightData: concat(buffers, total), fromCache: false, bytes: total };
}

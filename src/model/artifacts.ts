/** Reading converted tfjs graph models (model.json + shards): from a URL with byte progress,
 *  size checks, integrity checks for the pinned source (integrity.ts: every file's git blob id,
 *  before anything is cached) and a versioned Cache Storage entry, or from user-dropped files.
 *  No tfjs here.
 *  Every failure names the file: `Download failed: <url> answered HTTP 404`, `Shard <name> is
 *  1000 bytes; the manifest expects 4194304`, `Network error while downloading <url>: …`. */

import { verifyPinnedDownload } from './integrity';

/** The one model.json type of the project (app, scripts and tests): the fields this code reads
 *  or writes; anything else the converter put there is carried along untouched. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | string;
  quantization?: unknown;
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
  generatedBy?: string;
  convertedBy?: string;
  signature?: unknown;
  modelTopology: { node: GraphNode[]; library?: unknown; versions?: unknown };
  weightsManifest: WeightGroup[];
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

/** Matches the messages of a download that failed (network, HTTP, size, integrity, not a model),
 *  the ones worded below; an abort is not a failure. */
export const WEIGHT_FETCH_FAILURE =
  /^(Download failed: |Network error while downloading |Shard \S+ is .+ bytes; the manifest expects |Integrity check failed for |\S+ is not (valid JSON|a converted TensorFlow\.js graph model))/;

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
const fileName = (url: string) => url.split('?')[0].split('/').pop() ?? url;
/** Cache keys come back absolute; a relative base is resolved the same way. */
const absolute = (url: string) => (typeof location === 'undefined' ? url : new URL(url, location.href).href);

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE_NAME);
  } catch {
    return null; // opaque origins and some private modes have no Cache Storage
  }
}

const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** The one wording of a failed request, whatever step (headers or body) it failed in. */
function networkError(url: string, e: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted) return new Error(`Download aborted: ${url}`);
  const why = isOffline() ? 'the browser is offline' : e instanceof Error ? e.message : String(e);
  return new Error(`Network error while downloading ${url}: ${why}`);
}

class SizeError extends Error {}
const sizeError = (name: string, got: string | number, expected: number) =>
  new SizeError(`Shard ${name} is ${got} bytes; the manifest expects ${expected}`);

async function fetchOk(url: string, signal: AbortSignal | undefined, cache: RequestCache): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { signal, cache });
  } catch (e) {
    throw networkError(url, e, signal);
  }
  if (!res.ok) {
    void res.body?.cancel().catch(() => undefined);
    throw new Error(`Download failed: ${url} answered HTTP ${res.status}`);
  }
  return res;
}

/** Reads a body chunk by chunk. With `expected`, a body that is, or turns out to be, of another
 *  size fails as soon as that is known (Content-Length first, so a wrong shard is not read). */
async function readBody(url: string, res: Response, expected: number | null, signal: AbortSignal | undefined, onChunk: (n: number) => void): Promise<ArrayBuffer> {
  const name = fileName(url);
  const declared = res.headers.get('Content-Length');
  // Content-Length is the encoded size, so it is trusted only where Content-Encoding can be read
  // and is absent: not for CORS responses, whose Content-Encoding is hidden (those are checked
  // while reading).
  const headersVisible = res.type === 'basic' || res.type === 'default';
  if (expected !== null && declared !== null && headersVisible && !res.headers.get('Content-Encoding') && Number(declared) !== expected) {
    void res.body?.cancel().catch(() => undefined);
    throw sizeError(name, Number(declared), expected);
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    if (!res.body) {
      const buf = new Uint8Array(await res.arrayBuffer());
      parts.push(buf);
      size = buf.byteLength;
      onChunk(size);
    } else {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        size += value.byteLength;
        if (expected !== null && size > expected) {
          void reader.cancel().catch(() => undefined);
          throw sizeError(name, `at least ${size}`, expected);
        }
        onChunk(value.byteLength);
      }
    }
  } catch (e) {
    if (e instanceof SizeError) throw e;
    throw networkError(url, e, signal);
  }
  if (expected !== null && size !== expected) throw sizeError(name, size, expected);
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out.buffer;
}

/** model.json's text; its bytes are verified first when it comes from the pinned source. */
async function fetchText(url: string, signal: AbortSignal | undefined, cache: RequestCache): Promise<string> {
  const res = await fetchOk(url, signal, cache);
  const bytes = await readBody(url, res, null, signal, () => undefined);
  await verifyPinnedDownload(url, bytes);
  return new TextDecoder().decode(bytes);
}

export interface LoadOptions {
  /** Check model.json with the server before a cached entry is used (default true). */
  revalidate?: boolean;
  /** How long that check may take before the cached entry is used anyway (default 5 s). */
  revalidateTimeoutMs?: number;
}

/** model.json as the server has it now, or null when it cannot say (offline, slow, an HTTP
 *  error, not a model): then the cached entry is used (stale-if-error). `cache: 'no-cache'` lets
 *  the browser revalidate with ETag/Last-Modified, so an unchanged file is a small 304. */
async function currentManifest(url: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<string | null> {
  const ctl = new AbortController();
  const stop = () => ctl.abort();
  signal?.addEventListener('abort', stop);
  const timer = setTimeout(stop, timeoutMs);
  try {
    const text = await fetchText(url, ctl.signal, 'no-cache');
    parseModelJson(text, url);
    return text;
  } catch {
    if (signal?.aborted) throw new Error(`Download aborted: ${url}`);
    return null;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}

/** Loads model.json + shards from `baseUrl`, each shard's size checked against the manifest.
 *
 *  Cache design (Cache Storage `CACHE_NAME`): shards are keyed by URL + `?v=<manifestHash>`,
 *  model.json by its plain URL, written last: its presence marks a complete entry. Nothing is
 *  written until every shard has arrived with the right size, so a failed or aborted download
 *  leaves nothing behind and the next attempt downloads afresh; an entry found incomplete is
 *  dropped. Writing a version deletes the shards of any other version of the same URL.
 *
 *  Versioning: a cached entry is used only after model.json has been revalidated — one small
 *  request (`cache: 'no-cache'`, so a 304 when the server sends validators), made while the
 *  cached shards are read. A changed manifest has another hash: the old entry is dropped and the
 *  shards are downloaded again on this very load, never served stale. A load from the cache
 *  therefore requests model.json and no shard. When the check cannot answer (offline, timeout,
 *  HTTP error) the complete cached entry is used. We chose this over serving the cache with no
 *  request and revalidating in the background, which would show a changed model one load late;
 *  `revalidate: false` gives the no-request behaviour (e.g. for benchmarks of cache loads). */
export async function loadFromUrl(baseUrl: string, onProgress: ProgressFn, signal?: AbortSignal, options: LoadOptions = {}): Promise<LoadedArtifacts> {
  const { revalidate = true, revalidateTimeoutMs = 5000 } = options;
  const modelUrl = joinUrl(baseUrl, 'model.json');
  const cache = await openCache();
  const cachedText = cache ? await cachedManifest(cache, modelUrl) : null;
  let text: string | null = null;
  if (cache && cachedText !== null) {
    const [fromCacheResult, latest] = await Promise.all([
      fromCache(cache, baseUrl, modelUrl, cachedText, onProgress),
      revalidate ? currentManifest(modelUrl, signal, revalidateTimeoutMs) : Promise.resolve(null),
    ]);
    if (signal?.aborted) throw new Error(`Download aborted: ${modelUrl}`);
    if (latest === null || latest === cachedText) {
      if (fromCacheResult) return fromCacheResult;
    } else {
      await dropEntry(cache, baseUrl, modelUrl); // the server has a new version
    }
    text = latest;
  }

  text ??= await fetchText(modelUrl, signal, 'no-cache');
  const modelJson = parseModelJson(text, modelUrl);
  const shards = expectedShardSizes(modelJson);
  const total = shards.reduce((s, x) => s + x.bytes, 0);
  let loaded = 0;
  onProgress(0, total, 'download');
  const buffers: ArrayBuffer[] = [];
  for (const shard of shards) {
    const url = joinUrl(baseUrl, shard.path);
    const res = await fetchOk(url, signal, 'no-store');
    const bytes = await readBody(url, res, shard.bytes, signal, (n) => onProgress((loaded += n), total, 'download'));
    await verifyPinnedDownload(url, bytes); // a mismatch throws: nothing below is cached
    buffers.push(bytes);
  }
  if (signal?.aborted) throw new Error(`Download aborted: ${modelUrl}`);
  if (cache) await store(cache, baseUrl, modelUrl, text, shards, buffers);
  return { modelJson, weightSpecs: allSpecs(modelJson), weightData: concat(buffers, total), fromCache: false, bytes: total };
}

async function cachedManifest(cache: Cache, modelUrl: string): Promise<string | null> {
  try {
    const hit = await cache.match(modelUrl);
    return hit ? await hit.text() : null;
  } catch {
    return null;
  }
}

/** The complete entry of `text`'s version, or null (an incomplete or unreadable entry is dropped). */
async function fromCache(cache: Cache, baseUrl: string, modelUrl: string, text: string, onProgress: ProgressFn): Promise<LoadedArtifacts | null> {
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
    await dropEntry(cache, baseUrl, modelUrl); // a broken entry is dropped and downloaded afresh
    return null;
  }
}

/** Deletes model.json (the marker) first, then every cached shard under `baseUrl` except those
 *  of `keep`'s version. */
async function dropEntry(cache: Cache, baseUrl: string, modelUrl: string, keep?: string): Promise<void> {
  try {
    await cache.delete(modelUrl);
    const prefix = absolute(joinUrl(baseUrl, ''));
    const marker = absolute(modelUrl);
    for (const req of await cache.keys()) {
      if (!req.url.startsWith(prefix) || req.url === marker) continue;
      const rest = req.url.slice(prefix.length);
      if (rest.includes('/')) continue; // another model below this one
      if (keep && new URL(req.url).searchParams.get('v') === keep) continue;
      await cache.delete(req);
    }
  } catch {
    // nothing to do: an entry without its model.json is never used
  }
}

async function store(cache: Cache, baseUrl: string, modelUrl: string, text: string, shards: { path: string }[], buffers: ArrayBuffer[]) {
  const version = manifestHash(text);
  try {
    await dropEntry(cache, baseUrl, modelUrl, version); // no marker while writing; old versions go
    for (let i = 0; i < shards.length; i++) {
      await cache.put(versioned(joinUrl(baseUrl, shards[i].path), version), new Response(buffers[i]));
    }
    // model.json last: its presence marks a complete entry.
    await cache.put(modelUrl, new Response(text, { headers: { 'Content-Type': 'application/json' } }));
  } catch {
    await dropEntry(cache, baseUrl, modelUrl); // quota exceeded: run uncached rather than fail
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

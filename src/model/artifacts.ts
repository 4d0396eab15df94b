/** Reading converted tfjs graph models (model.json + shards), no tfjs here: from a URL with byte
 *  progress, size checks, the pinned source's integrity checks (integrity.ts, before anything is
 *  cached) and a versioned Cache Storage entry (weight-cache.ts), or from user-dropped files.
 *  Every failure names the file (`Download failed: <url> answered HTTP 404`). */

import { pinnedWeightPath, verifyPinnedDownload } from './integrity';
import { cachedManifest, completeEntry, dropEntry, fromCache, joinUrl, keepShard, keptShard, modelJsonUrl, openCache } from './weight-cache';
import { baseName } from '../image/dropped-entries';
import { artifactsOf, concat, manifestOf, parseModelJson, type LoadedArtifacts, type ProgressFn } from './model-json';

/** Matches the messages of a download that failed (network, HTTP, size, integrity, not a model),
 *  the ones worded below; an abort is not a failure. */
export const WEIGHT_FETCH_FAILURE =
  /^(Download failed: |Network error while downloading |Shard \S+ is .+ bytes; the manifest expects |Integrity check failed for |\S+ is not (valid JSON|a converted TensorFlow\.js graph model))/;

/** The browser says it is offline (false where there is no navigator, as in Node). */
export const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/** The one wording of a failed request, whatever step (headers or body) it failed in. */
function networkError(url: string, e: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted) return new Error(`Download aborted: ${url}`);
  const why = isOffline() ? 'the browser is offline' : e instanceof Error ? e.message : String(e);
  return new Error(`Network error while downloading ${url}: ${why}`);
}

class SizeError extends Error {}
/** A converted EfficientNet's model.json is well under 1 MB (B7: ~0.4 MB): a bigger one is not a
 *  model this lab can use, and is not read into memory, whatever its source. */
export const MAX_MODEL_JSON_BYTES = 10 * 1024 * 1024;
const tooBig = (where: string, got: string | number) =>
  new SizeError(`${where} is ${got} bytes; a model.json may be at most ${MAX_MODEL_JSON_BYTES / 1048576} MB`);
const sizeError = (name: string, got: string | number, expected: number) => new SizeError(`Shard ${name} is ${got} bytes; the manifest expects ${expected}`);

/** `e`, once `res`'s body is cancelled (not read). */
const refuse = (res: Response, e: Error) => {
  void res.body?.cancel().catch(() => undefined);
  return e;
};

async function fetchOk(url: string, signal: AbortSignal | undefined, cache: RequestCache): Promise<Response> {
  // A source whose files cannot be verified is used for its own bytes only: a redirect (an open
  // redirect on a trusted host, say) is not followed. The pinned source's files are checked
  // against their ids, wherever they are served from.
  const redirect: RequestRedirect = pinnedWeightPath(url) === null ? 'manual' : 'follow';
  let res: Response;
  try {
    res = await fetch(url, { signal, cache, redirect });
  } catch (e) {
    throw networkError(url, e, signal);
  }
  if (res.type === 'opaqueredirect' || (redirect === 'manual' && res.redirected)) {
    throw new Error(`Download failed: ${url} answered with a redirect, which is not followed for weights that cannot be verified`);
  }
  if (!res.ok) throw refuse(res, new Error(`Download failed: ${url} answered HTTP ${res.status}`));
  return res;
}

/** Fetches `url` and reads its body chunk by chunk. With `expected`, a body that is, or turns out
 *  to be, of another size fails as soon as that is known (Content-Length first, so a wrong shard
 *  is not read). A file of the pinned source is verified before it is returned (so never kept). */
async function download(url: string, o: { signal?: AbortSignal; cache: RequestCache; expected?: number; max?: number; onChunk?: (n: number) => void }) {
  const { signal, expected = null, max = Infinity, onChunk = () => undefined } = o;
  const res = await fetchOk(url, signal, o.cache);
  const name = baseName(url.split('?')[0]);
  const declared = res.headers.get('Content-Length');
  if (declared !== null && Number(declared) > max) throw refuse(res, tooBig(url, Number(declared)));
  // Content-Length is the encoded size, so it is trusted only where Content-Encoding can be read
  // and is absent: not for CORS responses, whose Content-Encoding is hidden (those are checked
  // while reading).
  const headersVisible = res.type === 'basic' || res.type === 'default';
  if (expected !== null && declared !== null && headersVisible && !res.headers.get('Content-Encoding') && Number(declared) !== expected) {
    throw refuse(res, sizeError(name, Number(declared), expected));
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    // A null body (a response that has none) reads as no bytes.
    const reader = res.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.byteLength;
      const wrong = expected !== null && size > expected ? sizeError(name, `at least ${size}`, expected) : size > max ? tooBig(url, `at least ${size}`) : null;
      if (wrong) {
        void reader.cancel().catch(() => undefined);
        throw wrong;
      }
      onChunk(value.byteLength);
    }
  } catch (e) {
    if (e instanceof SizeError) throw e;
    throw networkError(url, e, signal);
  }
  if (expected !== null && size !== expected) throw sizeError(name, size, expected);
  const bytes = concat(parts, size);
  await verifyPinnedDownload(url, bytes);
  return bytes;
}

async function fetchText(url: string, signal: AbortSignal | undefined, cache: RequestCache): Promise<string> {
  return new TextDecoder().decode(await download(url, { signal, cache, max: MAX_MODEL_JSON_BYTES }));
}

export interface LoadOptions {
  /** Check model.json with the server before a cached entry is used (default true). */
  revalidate?: boolean;
  /** Download even when a complete entry is cached (the bench's network timing), then store what
   *  arrived as usual: no other model's entry is touched, and none is deleted beforehand. */
  network?: boolean;
}

/** model.json as the server has it now, or null when it cannot say (offline, slow, an HTTP
 *  error, not a model): then the cached entry is used (stale-if-error). `cache: 'no-cache'` lets
 *  the browser revalidate with ETag/Last-Modified, so an unchanged file is a small 304. */
async function currentManifest(url: string, signal: AbortSignal | undefined): Promise<string | null> {
  const ctl = new AbortController();
  const stop = () => ctl.abort();
  signal?.addEventListener('abort', stop);
  const timer = setTimeout(stop, 5000);
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
 *  Cache entries and per-file resume: weight-cache.ts; an aborted download (nobody waits for it)
 *  leaves nothing.
 *
 *  Versioning: a cached entry is used only after model.json has been revalidated (one small
 *  `no-cache` request, made while the cached shards are read); a changed manifest has another
 *  hash, so the old entry is dropped and the shards are downloaded again on this very load,
 *  never served stale. When the check cannot answer (offline, timeout, HTTP error) the cached
 *  entry is used. Revalidating in the background instead would show a changed model one load
 *  late; `revalidate: false` gives the no-request behaviour. */
export async function loadFromUrl(baseUrl: string, onProgress: ProgressFn, signal?: AbortSignal, options: LoadOptions = {}): Promise<LoadedArtifacts> {
  const { network = false } = options;
  // Offline (a prepared classroom), a cached entry is used without even a model.json request.
  const revalidate = (options.revalidate ?? true) && !isOffline();
  const modelUrl = modelJsonUrl(baseUrl);
  const cache = await openCache();
  const cachedText = cache && !network ? await cachedManifest(cache, baseUrl) : null;
  let text: string | null = null;
  if (cache && cachedText !== null) {
    const [fromCacheResult, latest] = await Promise.all([
      fromCache(cache, baseUrl, cachedText, onProgress),
      revalidate ? currentManifest(modelUrl, signal) : Promise.resolve(null),
    ]);
    if (signal?.aborted) throw new Error(`Download aborted: ${modelUrl}`);
    const changed = latest !== null && latest !== cachedText;
    if (!changed && fromCacheResult) return fromCacheResult;
    if (changed) await dropEntry(cache, baseUrl); // the server has a new version
    text = latest;
  }

  text ??= await fetchText(modelUrl, signal, 'no-cache');
  const { modelJson, shards, total, version } = manifestOf(text, modelUrl);
  // Per-file resume (weight-cache.ts): each verified shard is kept at once and a kept one is not
  // fetched again; the bench's network timing downloads every shard and replaces the entry at the end.
  let keeping = cache;
  if (keeping && !network) await dropEntry(keeping, baseUrl, version); // no marker while writing; other versions go
  let loaded = 0;
  onProgress(0, total, 'download');
  const buffers: ArrayBuffer[] = [];
  try {
    for (const shard of shards) {
      let bytes = keeping && !network && (await keptShard(keeping, baseUrl, shard, version));
      if (bytes) onProgress((loaded += bytes.byteLength), total, 'download');
      else {
        const url = joinUrl(baseUrl, shard.path);
        bytes = await download(url, { signal, cache: 'no-store', expected: shard.bytes, onChunk: (n) => onProgress((loaded += n), total, 'download') });
        if (keeping && !(await keepShard(keeping, baseUrl, shard.path, version, bytes))) keeping = null;
      }
      buffers.push(bytes);
    }
    if (signal?.aborted) throw new Error(`Download aborted: ${modelUrl}`);
  } catch (e) {
    // A download nobody waits for any more leaves nothing; one cut off by the network keeps its
    // verified files for the next attempt.
    if (signal?.aborted && cache && !network) await dropEntry(cache, baseUrl);
    throw e;
  }
  if (keeping && network) await dropEntry(keeping, baseUrl, version); // model.json first, then other versions
  const stored = keeping ? await completeEntry(keeping, baseUrl, text) : false;
  return { ...artifactsOf(modelJson, buffers, false), stored };
}

/** A user-dropped converted folder: model.json plus the shards its manifest names. */
export async function loadFromFiles(files: File[]): Promise<LoadedArtifacts> {
  const jsonFile = files.find((f) => f.name === 'model.json');
  if (!jsonFile) throw new Error('The dropped files hold no model.json');
  if (jsonFile.size > MAX_MODEL_JSON_BYTES) throw tooBig(`The dropped ${jsonFile.webkitRelativePath || jsonFile.name}`, jsonFile.size);
  const { modelJson, shards } = manifestOf(await jsonFile.text(), jsonFile.name);
  const buffers: ArrayBuffer[] = [];
  for (const shard of shards) {
    const f = files.find((x) => x.name === shard.path);
    if (!f) throw new Error(`The dropped files miss the shard ${shard.path} that model.json lists`);
    if (f.size !== shard.bytes) throw sizeError(shard.path, f.size, shard.bytes);
    buffers.push(await f.arrayBuffer());
  }
  return artifactsOf(modelJson, buffers, false);
}

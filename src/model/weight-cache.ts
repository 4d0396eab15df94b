/** The Cache Storage side of loading a model from a URL: one versioned entry per model folder
 *  (shards keyed by URL + `?v=<manifestHash>`, model.json written last as the completeness
 *  marker); see loadFromUrl in artifacts.ts for the design.
 *
 *  Per-file resume: a download writes each shard as soon as it is verified, model.json only after
 *  the last one. So a partial entry ("shards of a version without its model.json") is never used
 *  to run (every reader starts from the marker), is picked up by the next download of the same
 *  version (only the missing files are fetched), and goes with the rest in dropEntry. */

import { openNamedCache, orElse } from './cache-storage';
import { verifyPinnedDownload } from './integrity';
import { artifactsOf, manifestOf, type LoadedArtifacts, type ProgressFn } from './model-json';

/** Bump when the cache layout changes; entries are also keyed by the manifest's hash. */
export const CACHE_NAME = 'efficientnet-models-v1';

export const joinUrl = (base: string, path: string) => base.replace(/\/?$/, '/') + path;
/** A model folder's model.json: the entry's completeness marker. */
export const modelJsonUrl = (baseUrl: string) => joinUrl(baseUrl, 'model.json');
/** The folder of official variant k under a weights base URL (`<base>B3/`). */
export const variantUrl = (base: string, k: number) => joinUrl(base, `B${k}/`);
const versioned = (url: string, version: string) => `${url}${url.includes('?') ? '&' : '?'}v=${version}`;
/** Cache keys come back absolute; a relative base is resolved the same way. */
const absolute = (url: string) => (typeof location === 'undefined' ? url : new URL(url, location.href).href);

export const openCache = (): Promise<Cache | null> => openNamedCache(CACHE_NAME);

export const cachedManifest = (cache: Cache, baseUrl: string): Promise<string | null> =>
  orElse(async () => (await (await cache.match(modelJsonUrl(baseUrl)))?.text()) ?? null, null);

/** A cached shard of `version`: its bytes when present, of the manifest's size and (pinned
 *  source) verified again, else null. Anything on the same origin (every project page of a
 *  github.io user shares one) can write this cache, so a right-sized planted shard must not pass
 *  for the published one. */
export const keptShard = (cache: Cache, baseUrl: string, shard: { path: string; bytes: number }, version: string): Promise<ArrayBuffer | null> =>
  orElse(async () => {
    const buf = await (await cache.match(versioned(joinUrl(baseUrl, shard.path), version)))?.arrayBuffer();
    if (!buf || buf.byteLength !== shard.bytes) return null;
    await verifyPinnedDownload(joinUrl(baseUrl, shard.path), buf);
    return buf;
  }, null);

/** The complete entry of `text`'s version, or null (an incomplete, unreadable or, for the pinned
 *  source, unverifiable entry is dropped, to be downloaded afresh). */
export async function fromCache(cache: Cache, baseUrl: string, text: string, onProgress: ProgressFn): Promise<LoadedArtifacts | null> {
  const modelUrl = modelJsonUrl(baseUrl);
  const entry = await orElse(async () => {
    await verifyPinnedDownload(modelUrl, new TextEncoder().encode(text));
    const { modelJson, shards, total, version } = manifestOf(text, modelUrl);
    const buffers: ArrayBuffer[] = [];
    let loaded = 0;
    for (const shard of shards) {
      const buf = await keptShard(cache, baseUrl, shard, version);
      if (!buf) return null;
      buffers.push(buf);
      onProgress((loaded += buf.byteLength), total, 'cache');
    }
    return artifactsOf(modelJson, buffers, true);
  }, null);
  if (!entry) await dropEntry(cache, baseUrl);
  return entry;
}

/** Deletes model.json (the marker) first, then every cached shard under `baseUrl` except those
 *  of `keep`'s version (a download of `keep` about to resume). Never throws: an entry without its
 *  model.json is never used. */
export const dropEntry = (cache: Cache, baseUrl: string, keep?: string): Promise<void> =>
  orElse(async () => {
    const modelUrl = modelJsonUrl(baseUrl);
    await cache.delete(modelUrl);
    const prefix = absolute(joinUrl(baseUrl, ''));
    const marker = absolute(modelUrl);
    for (const req of await cache.keys()) {
      const rest = req.url.slice(prefix.length);
      // Not this model's, its marker, another model below this one, or the kept version.
      if (!req.url.startsWith(prefix) || req.url === marker || rest.includes('/')) continue;
      if (keep && new URL(req.url).searchParams.get('v') === keep) continue;
      await cache.delete(req);
    }
  }, undefined);

/** Stores under `key`; false when the cache refused (quota): then nothing of the entry is kept,
 *  so no half-stored variant survives. */
async function put(cache: Cache, baseUrl: string, key: string, body: Response): Promise<boolean> {
  const kept = await orElse(() => cache.put(key, body).then(() => true), false);
  if (!kept) await dropEntry(cache, baseUrl);
  return kept;
}

export const keepShard = (cache: Cache, baseUrl: string, path: string, version: string, buf: ArrayBuffer): Promise<boolean> =>
  put(cache, baseUrl, versioned(joinUrl(baseUrl, path), version), new Response(buf));

/** Writes the marker once every shard is kept: from now on the variant is complete ("ready"). */
export const completeEntry = (cache: Cache, baseUrl: string, text: string): Promise<boolean> =>
  put(cache, baseUrl, modelJsonUrl(baseUrl), new Response(text, { headers: { 'Content-Type': 'application/json' } }));

/** The bytes of official variant k's complete entry under `base` (model.json and every shard of
 *  its version present, each of the manifest's size), or null. Reads sizes, not contents. */
export async function cachedVariantBytes(base: string, k: number): Promise<number | null> {
  const cache = await openCache();
  const baseUrl = variantUrl(base, k);
  const text = cache && (await cachedManifest(cache, baseUrl));
  if (!cache || text === null) return null;
  return orElse(async () => {
    const { shards, total, version } = manifestOf(text, modelJsonUrl(baseUrl));
    for (const shard of shards) {
      const res = await cache.match(versioned(joinUrl(baseUrl, shard.path), version));
      if (!res || (await res.blob()).size !== shard.bytes) return null;
    }
    return total;
  }, null);
}

/** Removes official variant k's cached entry under `base` (model.json first: never half there),
 *  partial files of an interrupted download included. */
export async function uncacheVariant(base: string, k: number): Promise<void> {
  const cache = await openCache();
  if (cache) await dropEntry(cache, variantUrl(base, k));
}

/** The Cache Storage side of loading a model from a URL: one versioned entry per model folder
 *  (shards keyed by URL + `?v=<manifestHash>`, model.json written last as the completeness
 *  marker); see loadFromUrl in artifacts.ts for the design. */

import { verifyPinnedDownload } from './integrity';
import { allSpecs, concat, expectedShardSizes, manifestHash, parseModelJson, type LoadedArtifacts, type ProgressFn } from './model-json';

/** Bump when the cache layout changes; entries are also keyed by the manifest's hash. */
export const CACHE_NAME = 'efficientnet-models-v1';

export const joinUrl = (base: string, path: string) => base.replace(/\/?$/, '/') + path;
const versioned = (url: string, version: string) => `${url}${url.includes('?') ? '&' : '?'}v=${version}`;
/** Cache keys come back absolute; a relative base is resolved the same way. */
const absolute = (url: string) => (typeof location === 'undefined' ? url : new URL(url, location.href).href);

export async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE_NAME);
  } catch {
    return null; // opaque origins and some private modes have no Cache Storage
  }
}

export async function cachedManifest(cache: Cache, modelUrl: string): Promise<string | null> {
  try {
    const hit = await cache.match(modelUrl);
    return hit ? await hit.text() : null;
  } catch {
    return null;
  }
}

/** The complete entry of `text`'s version, or null (an incomplete, unreadable or, for the pinned
 *  source, unverifiable entry is dropped). Files of the pinned source are verified again as they
 *  are read: anything on the same origin (every project page of a github.io user shares one) can
 *  write this cache, so a right-sized planted shard must not pass for the published one. */
export async function fromCache(cache: Cache, baseUrl: string, modelUrl: string, text: string, onProgress: ProgressFn): Promise<LoadedArtifacts | null> {
  try {
    await verifyPinnedDownload(modelUrl, new TextEncoder().encode(text));
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
      await verifyPinnedDownload(joinUrl(baseUrl, shard.path), buf);
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
export async function dropEntry(cache: Cache, baseUrl: string, modelUrl: string, keep?: string): Promise<void> {
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

export async function storeEntry(cache: Cache, baseUrl: string, modelUrl: string, text: string, shards: { path: string }[], buffers: ArrayBuffer[]) {
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

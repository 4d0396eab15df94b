/** The Cache Storage side of loading a model from a URL: one versioned entry per model folder
 *  (shards keyed by URL + `?v=<manifestHash>`, model.json written last as the completeness
 *  marker); see loadFromUrl in artifacts.ts for the design. */

import { verifyPinnedDownload } from './integrity';
import { allSpecs, concat, expectedShardSizes, manifestHash, parseModelJson, type LoadedArtifacts, type ProgressFn } from './model-json';

/** Bump when the cache layout changes; entries are also keyed by the manifest's hash. */
export const CACHE_NAME = 'efficientnet-models-v1';

export const joinUrl = (base: string, path: string) => base.replace(/\/?$/, '/') + path;
/** The folder of official variant k under a weights base URL (`<base>B3/`). */
export const variantUrl = (base: string, k: number) => joinUrl(base, `B${k}/`);
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

/** Per-file resume. A download writes each shard as soon as it is verified, under its version
 *  (`<shard>?v=<manifestHash>`); model.json, the marker, comes only after the last one. So a
 *  partial entry is exactly "shards of a version without its model.json": never used to run (every
 *  reader starts from the marker), picked up by the next download of the same version (only the
 *  missing files are fetched), and removed with the rest by dropEntry (remove, a new version, a
 *  quota failure, an abandoned download). */
export async function beginEntry(cache: Cache, baseUrl: string, modelUrl: string, version: string): Promise<boolean> {
  try {
    await dropEntry(cache, baseUrl, modelUrl, version); // no marker while writing; other versions go
    return true;
  } catch {
    return false;
  }
}

/** A shard kept by an earlier, interrupted download of `version`: its bytes when present, of the
 *  manifest's size and (pinned source) verified again; else null. */
export async function keptShard(cache: Cache, baseUrl: string, shard: { path: string; bytes: number }, version: string): Promise<ArrayBuffer | null> {
  try {
    const res = await cache.match(versioned(joinUrl(baseUrl, shard.path), version));
    const buf = res ? await res.arrayBuffer() : null;
    if (!buf || buf.byteLength !== shard.bytes) return null;
    await verifyPinnedDownload(joinUrl(baseUrl, shard.path), buf);
    return buf;
  } catch {
    return null; // downloaded again, and overwritten
  }
}

/** Keeps one verified shard; false when the cache refused it (quota): then nothing of the entry is
 *  kept, so no half-stored variant survives. */
export async function keepShard(cache: Cache, baseUrl: string, modelUrl: string, path: string, version: string, buf: ArrayBuffer): Promise<boolean> {
  try {
    await cache.put(versioned(joinUrl(baseUrl, path), version), new Response(buf));
    return true;
  } catch {
    await dropEntry(cache, baseUrl, modelUrl);
    return false;
  }
}

/** Writes the marker once every shard is kept: from now on the variant is complete ("ready"). */
export async function completeEntry(cache: Cache, baseUrl: string, modelUrl: string, text: string): Promise<boolean> {
  try {
    await cache.put(modelUrl, new Response(text, { headers: { 'Content-Type': 'application/json' } }));
    return true;
  } catch {
    await dropEntry(cache, baseUrl, modelUrl);
    return false;
  }
}

/** Writes a complete entry at once (a download that does not resume: the bench's); false when it
 *  could not (quota): then nothing of it is kept. */
export async function storeEntry(
  cache: Cache,
  baseUrl: string,
  modelUrl: string,
  text: string,
  shards: { path: string }[],
  buffers: ArrayBuffer[],
): Promise<boolean> {
  const version = manifestHash(text);
  if (!(await beginEntry(cache, baseUrl, modelUrl, version))) return false;
  for (let i = 0; i < shards.length; i++) if (!(await keepShard(cache, baseUrl, modelUrl, shards[i].path, version, buffers[i]))) return false;
  return completeEntry(cache, baseUrl, modelUrl, text); // model.json last: its presence marks a complete entry
}

/** The bytes of the complete entry under `baseUrl` (model.json and every shard of its version
 *  present, each of the manifest's size), or null. Reads sizes, not contents. */
export async function completeEntryBytes(cache: Cache, baseUrl: string): Promise<number | null> {
  const modelUrl = joinUrl(baseUrl, 'model.json');
  const text = await cachedManifest(cache, modelUrl);
  if (text === null) return null;
  try {
    const version = manifestHash(text);
    let bytes = 0;
    for (const shard of expectedShardSizes(parseModelJson(text, modelUrl))) {
      const res = await cache.match(versioned(joinUrl(baseUrl, shard.path), version));
      if (!res || (await res.blob()).size !== shard.bytes) return null;
      bytes += shard.bytes;
    }
    return bytes;
  } catch {
    return null;
  }
}

/** The bytes of official variant k's complete cached entry under `base`, or null. */
export async function cachedVariantBytes(base: string, k: number): Promise<number | null> {
  const cache = await openCache();
  return cache ? completeEntryBytes(cache, variantUrl(base, k)) : null;
}

/** Removes official variant k's cached entry under `base` (model.json first: never half there),
 *  partial files of an interrupted download included. */
export async function uncacheVariant(base: string, k: number): Promise<void> {
  const cache = await openCache();
  const url = variantUrl(base, k);
  if (cache) await dropEntry(cache, url, joinUrl(url, 'model.json'));
}

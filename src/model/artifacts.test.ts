import { describe, expect, it, vi } from 'vitest';
import { MAX_MODEL_JSON_BYTES, loadFromFiles, loadFromUrl } from './artifacts';
import { SHARD_BYTES, expectedShardSizes, manifestHash } from './model-json';
import {
  BASE,
  EXTRA,
  cache,
  faults,
  files,
  installFakeModelServer,
  keys,
  manifest,
  noProgress,
  requests,
  serve,
  serveModel,
  shardRequests,
} from './test-support/fake-model-server';

installFakeModelServer();

describe('expectedShardSizes', () => {
  it('gives full 4 MiB shards and the remainder last, per group', () => {
    const json = manifest();
    json.weightsManifest.push({ paths: ['group2-shard1of1.bin'], weights: [{ name: 'c', shape: [2, 3], dtype: 'float32' }] });
    expect(expectedShardSizes(json)).toEqual([
      { path: 'group1-shard1of2.bin', bytes: SHARD_BYTES },
      { path: 'group1-shard2of2.bin', bytes: EXTRA },
      { path: 'group2-shard1of1.bin', bytes: 24 },
    ]);
  });

  it('rejects a manifest whose shard count does not fit its weights, and unknown dtypes', () => {
    const json = manifest();
    json.weightsManifest[0].paths.push('group1-shard3of3.bin');
    expect(() => expectedShardSizes(json)).toThrow('Manifest lists 3 shards but its weights need 2');
    json.weightsManifest[0].paths.pop();
    json.weightsManifest[0].weights[1].dtype = 'float16';
    expect(() => expectedShardSizes(json)).toThrow('Unsupported weight dtype float16 for b');
  });
});

describe('loadFromUrl: downloads and the cache', () => {
  it('downloads, checks sizes and stores a versioned entry with model.json as the marker', async () => {
    serveModel();
    const phases = new Set<string>();
    const a = await loadFromUrl(BASE, (_l, _t, p) => phases.add(p));
    expect(a.fromCache).toBe(false);
    expect(a.weightData.byteLength).toBe(SHARD_BYTES + EXTRA);
    expect(new Uint8Array(a.weightData)[SHARD_BYTES]).toBe(2);
    expect([...phases]).toEqual(['download']);
    const v = manifestHash(files.get('model.json') as string);
    expect(keys()).toEqual([`group1-shard1of2.bin?v=${v}`, `group1-shard2of2.bin?v=${v}`, 'model.json']);
    expect([...cache.entries.keys()].pop()).toBe(`${BASE}model.json`); // written last
  });

  it('a cached load revalidates model.json with one request and fetches no shard', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    requests.length = 0;
    const phases = new Set<string>();
    const a = await loadFromUrl(BASE, (_l, _t, p) => phases.add(p));
    expect(a.fromCache).toBe(true);
    expect(new Uint8Array(a.weightData)[0]).toBe(1);
    expect(requests).toEqual(['model.json']);
    expect([...phases]).toEqual(['cache']);
  });

  it('revalidate: false makes no request at all', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    requests.length = 0;
    const a = await loadFromUrl(BASE, noProgress, undefined, { revalidate: false });
    expect(a.fromCache).toBe(true);
    expect(requests).toEqual([]);
  });

  it('offline, a cached load makes no request at all', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    requests.length = 0;
    vi.stubGlobal('navigator', { onLine: false });
    try {
      const a = await loadFromUrl(BASE, noProgress);
      expect(a.fromCache).toBe(true);
      expect(requests).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a changed manifest is a new version: shards are fetched again and the old version is dropped', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    const oldV = manifestHash(files.get('model.json') as string);
    serve('model.json', JSON.stringify(manifest({ revision: 2 })));
    const newV = manifestHash(files.get('model.json') as string);
    expect(newV).not.toBe(oldV);
    requests.length = 0;
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.fromCache).toBe(false);
    expect(a.modelJson.userDefinedMetadata).toEqual({ revision: 2 });
    expect(requests).toEqual(['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(keys()).toEqual([`group1-shard1of2.bin?v=${newV}`, `group1-shard2of2.bin?v=${newV}`, 'model.json']);
    requests.length = 0;
    expect((await loadFromUrl(BASE, noProgress)).fromCache).toBe(true);
    expect(shardRequests()).toEqual([]);
  });

  it('offline, or a check that times out or fails, still serves the complete cached entry', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    faults.set('model.json', () => Promise.reject(new TypeError('Failed to fetch')));
    expect((await loadFromUrl(BASE, noProgress)).fromCache).toBe(true);
    faults.set('model.json', () => new Response('oops', { status: 503 }));
    expect((await loadFromUrl(BASE, noProgress)).fromCache).toBe(true);
    faults.set(
      'model.json',
      (_u, init) => new Promise((_res, rej) => init?.signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError')))),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const slow = loadFromUrl(BASE, noProgress);
      await vi.advanceTimersByTimeAsync(5000);
      expect((await slow).fromCache).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(shardRequests()).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']); // the first download only
  });

  it('an incomplete cache entry is dropped and downloaded afresh', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    const shardKey = [...cache.entries.keys()].find((k) => k.includes('shard2of2'))!;
    cache.entries.delete(shardKey);
    requests.length = 0;
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.fromCache).toBe(false);
    expect(shardRequests()).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(keys()).toHaveLength(3);
  });

  it('network: true (the bench) downloads past a complete entry and deletes no other cached model', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    const other = 'http://lab.test/models/B3/model.json'; // e.g. the user's offline copy of B3
    cache.entries.set(other, { body: new ArrayBuffer(2), headers: [] });
    requests.length = 0;
    const a = await loadFromUrl(BASE, noProgress, undefined, { network: true });
    expect(a.fromCache).toBe(false);
    expect(requests).toEqual(['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(cache.entries.has(other)).toBe(true);
    expect(keys()).toHaveLength(4); // B0's three files again, and B3's
    expect((await loadFromUrl(BASE, noProgress)).fromCache).toBe(true);
  });

  it('when the cache cannot hold the model (quota) it runs uncached and leaves no partial entry', async () => {
    serveModel();
    cache.failPutAfter = 1;
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.weightData.byteLength).toBe(SHARD_BYTES + EXTRA);
    expect(keys()).toEqual([]);
  });
});

describe('loadFromFiles', () => {
  const file = (name: string, body: BlobPart) => new File([body], name);

  it('names a dropped shard of the wrong size', async () => {
    const files = [
      file('model.json', JSON.stringify(manifest())),
      file('group1-shard1of2.bin', new Uint8Array(SHARD_BYTES)),
      file('group1-shard2of2.bin', new Uint8Array(7)),
    ];
    await expect(loadFromFiles(files)).rejects.toThrow('Shard group1-shard2of2.bin is 7 bytes; the manifest expects 40');
    files[2] = file('group1-shard2of2.bin', new Uint8Array(EXTRA));
    expect((await loadFromFiles(files)).weightData.byteLength).toBe(SHARD_BYTES + EXTRA);
    await expect(loadFromFiles(files.slice(0, 2))).rejects.toThrow('miss the shard group1-shard2of2.bin');
  });

  it('refuses a dropped model.json over 10 MB before reading it', async () => {
    const big = file('model.json', new Uint8Array(MAX_MODEL_JSON_BYTES + 1));
    await expect(loadFromFiles([big])).rejects.toThrow(`The dropped model.json is ${MAX_MODEL_JSON_BYTES + 1} bytes; a model.json may be at most 10 MB`);
  });
});

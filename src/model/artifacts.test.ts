import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_MODEL_JSON_BYTES, loadFromFiles, loadFromUrl } from './artifacts';
import { CACHE_NAME } from './model-cache';
import { SHARD_BYTES, expectedShardSizes, manifestHash, type ConvertedModelJson, type ProgressFn } from './model-json';

const BASE = 'http://lab.test/models/B0/';
const EXTRA = 40;
/** One group of two shards: a full 4 MiB one and a 40-byte one. */
const manifest = (meta: Record<string, unknown> = {}): ConvertedModelJson => ({
  format: 'graph-model',
  modelTopology: { node: [] },
  weightsManifest: [
    {
      paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
      weights: [
        { name: 'a', shape: [SHARD_BYTES / 4], dtype: 'float32' },
        { name: 'b', shape: [EXTRA / 4], dtype: 'int32' },
      ],
    },
  ],
  userDefinedMetadata: meta,
});

/** Cache Storage in memory: just what artifacts.ts uses. */
class MemoryCache {
  entries = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>();
  failPutAfter = Infinity;
  private key = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);
  async match(r: RequestInfo | URL) {
    const e = this.entries.get(this.key(r));
    return e ? new Response(e.body.slice(0), { headers: e.headers }) : undefined;
  }
  async put(r: RequestInfo | URL, res: Response) {
    if (this.entries.size >= this.failPutAfter) throw new DOMException('quota', 'QuotaExceededError');
    this.entries.set(this.key(r), { body: await res.arrayBuffer(), headers: [...res.headers] });
  }
  async delete(r: RequestInfo | URL) {
    return this.entries.delete(this.key(r));
  }
  async keys() {
    return [...this.entries.keys()].map((u) => new Request(u));
  }
}

let cache: MemoryCache;
/** What the fake server answers: path → body, or a fault. */
let files: Map<string, Uint8Array<ArrayBuffer> | string>;
let faults: Map<string, (url: string, init?: RequestInit) => Promise<Response> | Response>;
let requests: string[];

function serve(path: string, body: Uint8Array<ArrayBuffer> | string) {
  files.set(path, body);
}

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = String(input);
  const path = url.slice(BASE.length);
  requests.push(path);
  if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
  const fault = faults.get(path);
  if (fault) return fault(url, init);
  const body = files.get(path);
  if (body === undefined) return new Response('not found', { status: 404 });
  const len = typeof body === 'string' ? new TextEncoder().encode(body).byteLength : body.byteLength;
  return new Response(body, { headers: { 'Content-Length': String(len) } });
}

function serveModel(json: ConvertedModelJson = manifest()) {
  serve('model.json', JSON.stringify(json));
  serve('group1-shard1of2.bin', new Uint8Array(SHARD_BYTES).fill(1));
  serve('group1-shard2of2.bin', new Uint8Array(EXTRA).fill(2));
}

const noProgress: ProgressFn = () => undefined;
const keys = () => [...cache.entries.keys()].map((k) => k.slice(BASE.length)).sort();
const shardRequests = () => requests.filter((r) => r.endsWith('.bin'));

beforeEach(() => {
  cache = new MemoryCache();
  files = new Map();
  faults = new Map();
  requests = [];
  vi.stubGlobal('fetch', fakeFetch);
  vi.stubGlobal('caches', {
    open: async (name: string) => {
      expect(name).toBe(CACHE_NAME);
      return cache;
    },
    delete: async () => true,
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

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
    expect(a.bytes).toBe(SHARD_BYTES + EXTRA);
    expect(new Uint8Array(a.weightData)[SHARD_BYTES]).toBe(2);
    expect([...phases]).toEqual(['download']);
    const v = manifestHash(files.get('model.json') as string);
    expect(keys()).toEqual([`group1-shard1of2.bin?v=${v}`, `group1-shard2of2.bin?v=${v}`, 'model.json']);
    expect([...cache.entries.keys()].pop()).toBe(`${BASE}model.json`); // written last
  });

  it('a cached load revalidates model.json with one request and fetches no shard', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    requests = [];
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
    requests = [];
    const a = await loadFromUrl(BASE, noProgress, undefined, { revalidate: false });
    expect(a.fromCache).toBe(true);
    expect(requests).toEqual([]);
  });

  it('a changed manifest is a new version: shards are fetched again and the old version is dropped', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    const oldV = manifestHash(files.get('model.json') as string);
    serve('model.json', JSON.stringify(manifest({ revision: 2 })));
    const newV = manifestHash(files.get('model.json') as string);
    expect(newV).not.toBe(oldV);
    requests = [];
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.fromCache).toBe(false);
    expect(a.modelJson.userDefinedMetadata).toEqual({ revision: 2 });
    expect(requests).toEqual(['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(keys()).toEqual([`group1-shard1of2.bin?v=${newV}`, `group1-shard2of2.bin?v=${newV}`, 'model.json']);
    requests = [];
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
    faults.set('model.json', (_u, init) => new Promise((_res, rej) => init?.signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError')))));
    const t0 = Date.now();
    expect((await loadFromUrl(BASE, noProgress, undefined, { revalidateTimeoutMs: 50 })).fromCache).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(shardRequests()).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']); // the first download only
  });

  it('an incomplete cache entry is dropped and downloaded afresh', async () => {
    serveModel();
    await loadFromUrl(BASE, noProgress);
    const shardKey = [...cache.entries.keys()].find((k) => k.includes('shard2of2'))!;
    cache.entries.delete(shardKey);
    requests = [];
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.fromCache).toBe(false);
    expect(shardRequests()).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(keys()).toHaveLength(3);
  });

  it('when the cache cannot hold the model (quota) it runs uncached and leaves no partial entry', async () => {
    serveModel();
    cache.failPutAfter = 1;
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.bytes).toBe(SHARD_BYTES + EXTRA);
    expect(keys()).toEqual([]);
  });
});

describe('loadFromUrl: faults name the file, leave nothing cached, and the next attempt works', () => {
  async function failsThenWorks(message: string | RegExp) {
    await expect(loadFromUrl(BASE, noProgress)).rejects.toThrow(message);
    expect(keys()).toEqual([]);
    faults.clear();
    serveModel();
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.fromCache).toBe(false);
    expect(keys()).toHaveLength(3);
  }

  it('404 on model.json', async () => {
    await failsThenWorks(`Download failed: ${BASE}model.json answered HTTP 404`);
  });

  it('404 on a shard', async () => {
    serveModel();
    files.delete('group1-shard2of2.bin');
    await failsThenWorks(`Download failed: ${BASE}group1-shard2of2.bin answered HTTP 404`);
  });

  it('a truncated shard', async () => {
    serveModel();
    serve('group1-shard1of2.bin', new Uint8Array(1000));
    await failsThenWorks('Shard group1-shard1of2.bin is 1000 bytes; the manifest expects 4194304');
  });

  it('a shard longer than the manifest says', async () => {
    serveModel();
    serve('group1-shard2of2.bin', new Uint8Array(EXTRA + 1));
    await failsThenWorks('Shard group1-shard2of2.bin is 41 bytes; the manifest expects 40');
  });

  it('a wrong size without Content-Length is caught while reading', async () => {
    serveModel();
    const stream = (n: number) => new Response(new Blob([new Uint8Array(n)]).stream());
    faults.set('group1-shard2of2.bin', () => stream(10));
    await expect(loadFromUrl(BASE, noProgress)).rejects.toThrow('Shard group1-shard2of2.bin is 10 bytes; the manifest expects 40');
    faults.set('group1-shard1of2.bin', () => stream(SHARD_BYTES * 2));
    await failsThenWorks(/^Shard group1-shard1of2\.bin is at least \d+ bytes; the manifest expects 4194304$/);
  });

  it('a CORS response’s Content-Length (maybe of a compressed body) is not taken for the shard size', async () => {
    serveModel();
    faults.set('group1-shard2of2.bin', () => {
      const res = new Response(new Uint8Array(EXTRA), { headers: { 'Content-Length': '12' } });
      Object.defineProperty(res, 'type', { value: 'cors' }); // Content-Encoding would be hidden
      return res;
    });
    expect((await loadFromUrl(BASE, noProgress)).bytes).toBe(SHARD_BYTES + EXTRA);
  });

  it('a body cut off by the network (Content-Length mismatch, connection lost)', async () => {
    serveModel();
    faults.set('group1-shard1of2.bin', () => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new Uint8Array(1000));
          c.error(new TypeError('network error'));
        },
      });
      return new Response(body, { headers: { 'Content-Length': String(SHARD_BYTES) } });
    });
    await failsThenWorks(`Network error while downloading ${BASE}group1-shard1of2.bin: network error`);
  });

  it('the network going away before a request', async () => {
    serveModel();
    faults.set('group1-shard2of2.bin', () => Promise.reject(new TypeError('Failed to fetch')));
    await failsThenWorks(`Network error while downloading ${BASE}group1-shard2of2.bin: Failed to fetch`);
  });

  it('an abort midway stores nothing; the next load downloads everything', async () => {
    serveModel();
    const ctl = new AbortController();
    faults.set('group1-shard2of2.bin', (_u, init) => {
      ctl.abort();
      if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      return new Response(new Uint8Array(EXTRA));
    });
    await expect(loadFromUrl(BASE, noProgress, ctl.signal)).rejects.toThrow(`Download aborted: ${BASE}group1-shard2of2.bin`);
    expect(keys()).toEqual([]);
    faults.clear();
    requests = [];
    expect((await loadFromUrl(BASE, noProgress)).fromCache).toBe(false);
    expect(requests).toEqual(['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin']);
  });

  it('a model.json that is not a model', async () => {
    serve('model.json', '<html>captive portal</html>');
    await failsThenWorks(`${BASE}model.json is not valid JSON`);
  });

  it('a model.json over 10 MB is refused, not read into memory', async () => {
    serve('model.json', new Uint8Array(MAX_MODEL_JSON_BYTES + 1));
    await failsThenWorks(new RegExp(`^${BASE}model.json is (at least )?${MAX_MODEL_JSON_BYTES + 1} bytes; a model.json may be at most 10 MB$`));
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
    expect((await loadFromFiles(files)).bytes).toBe(SHARD_BYTES + EXTRA);
    await expect(loadFromFiles(files.slice(0, 2))).rejects.toThrow('miss the shard group1-shard2of2.bin');
  });

  it('refuses a dropped model.json over 10 MB before reading it', async () => {
    const big = file('model.json', new Uint8Array(MAX_MODEL_JSON_BYTES + 1));
    await expect(loadFromFiles([big])).rejects.toThrow(`The dropped model.json is ${MAX_MODEL_JSON_BYTES + 1} bytes; a model.json may be at most 10 MB`);
  });
});

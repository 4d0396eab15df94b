// A fake model server and an in-memory Cache Storage for the artifacts tests: the converted
// files of a two-shard model served from BASE, every request recorded, faults injectable.

import { afterEach, beforeEach, expect, vi } from 'vitest';
import { CACHE_NAME } from '../weight-cache';
import { SHARD_BYTES, type ConvertedModelJson, type ProgressFn } from '../model-json';

export const BASE = 'http://lab.test/models/B0/';
export const EXTRA = 40;
/** One group of two shards: a full 4 MiB one and a 40-byte one. */
export const manifest = (meta: Record<string, unknown> = {}): ConvertedModelJson => ({
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

/** Cache Storage in memory: just what weight-cache.ts uses. */
export class MemoryCache {
  entries = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>();
  failPutAfter = Infinity;
  reset() {
    this.entries.clear();
    this.failPutAfter = Infinity;
  }
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

// Constants reset before each test (not reassigned), so importers share the live objects.
export const cache = new MemoryCache();
/** What the fake server answers: path → body, or a fault. */
export const files = new Map<string, Uint8Array<ArrayBuffer> | string>();
export const faults = new Map<string, (url: string, init?: RequestInit) => Promise<Response> | Response>();
/** Paths requested since the last reset, in order. */
export const requests: string[] = [];

export function serve(path: string, body: Uint8Array<ArrayBuffer> | string) {
  files.set(path, body);
}

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
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

export function serveModel(json: ConvertedModelJson = manifest()) {
  serve('model.json', JSON.stringify(json));
  serve('group1-shard1of2.bin', new Uint8Array(SHARD_BYTES).fill(1));
  serve('group1-shard2of2.bin', new Uint8Array(EXTRA).fill(2));
}

export const noProgress: ProgressFn = () => undefined;
export const keys = () => [...cache.entries.keys()].map((k) => k.slice(BASE.length)).sort();
export const shardRequests = () => requests.filter((r) => r.endsWith('.bin'));

/** Stubs fetch and caches with the fake server for every test of the calling file. */
export function installFakeModelServer() {
  beforeEach(() => {
    cache.reset();
    files.clear();
    faults.clear();
    requests.length = 0;
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
}

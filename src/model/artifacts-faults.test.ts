// loadFromUrl's failures, one test per fault: each names the file, caches nothing usable (no
// model.json marker; verified shards may stay for a resume, see resume.test.ts), and the next
// attempt (with the fault gone) downloads the model.

import { describe, expect, it } from 'vitest';
import { MAX_MODEL_JSON_BYTES, loadFromUrl } from './artifacts';
import { SHARD_BYTES } from './model-json';
import { BASE, EXTRA, cache, faults, files, installFakeModelServer, keys, noProgress, requests, serve, serveModel } from './test-support/fake-model-server';

installFakeModelServer();

describe('loadFromUrl: faults name the file, leave nothing usable cached, and the next attempt works', () => {
  async function failsThenWorks(message: string | RegExp) {
    await expect(loadFromUrl(BASE, noProgress)).rejects.toThrow(message);
    expect(keys()).not.toContain('model.json');
    faults.clear();
    serveModel();
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.fromCache).toBe(false);
    expect(keys()).toHaveLength(3);
  }

  it('404 on model.json', async () => {
    await failsThenWorks(`Download failed: ${BASE}model.json answered HTTP 404`);
  });

  it('a redirect from an unverified source is not followed', async () => {
    serveModel();
    const seen: (RequestRedirect | undefined)[] = [];
    // As a browser answers redirect: 'manual' (an opaque redirect); followed, it would be other bytes.
    faults.set('group1-shard1of2.bin', (_url, init) => {
      seen.push(init?.redirect);
      if (init?.redirect === 'follow' || init?.redirect === undefined) return new Response(new Uint8Array(SHARD_BYTES).fill(9));
      return Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' });
    });
    await failsThenWorks(`Download failed: ${BASE}group1-shard1of2.bin answered with a redirect, which is not followed for weights that cannot be verified`);
    expect(seen).toEqual(['manual']);
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
    cache.reset(); // shard 1 was kept for a resume: downloaded again here, to meet its fault
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
    expect((await loadFromUrl(BASE, noProgress)).weightData.byteLength).toBe(SHARD_BYTES + EXTRA);
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
    requests.length = 0;
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

// Per-file resume of a weight download: every verified shard is kept at once, a download cut off
// after file k fetches only the files after k next time, and the variant counts as cached (and is
// used) only once model.json, written last, marks it complete.

import { describe, expect, it } from 'vitest';
import { loadFromUrl } from './artifacts';
import { SHARD_BYTES, manifestHash } from './model-json';
import { cachedVariantBytes, uncacheVariant } from './weight-cache';
import { BASE, EXTRA, cache, faults, files, installFakeModelServer, keys, manifest, noProgress, requests, serve } from './test-support/fake-model-server';

installFakeModelServer();

/** Three shards: two full 4 MiB ones and a 40-byte one, each filled with its number. */
function serveThree() {
  const json = manifest();
  json.weightsManifest[0].paths = ['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin'];
  json.weightsManifest[0].weights[0].shape = [(2 * SHARD_BYTES) / 4];
  serve('model.json', JSON.stringify(json));
  json.weightsManifest[0].paths.forEach((p, i) => serve(p, new Uint8Array(i < 2 ? SHARD_BYTES : EXTRA).fill(i + 1)));
}
const cutOff = () => Promise.reject(new TypeError('Failed to fetch'));

describe('loadFromUrl: per-file resume', () => {
  it('interrupted after file 1, the next load fetches only files 2 and 3; the variant is complete only then', async () => {
    serveThree();
    faults.set('group1-shard2of3.bin', cutOff);
    await expect(loadFromUrl(BASE, noProgress)).rejects.toThrow(`Network error while downloading ${BASE}group1-shard2of3.bin: Failed to fetch`);
    const v = manifestHash(files.get('model.json') as string);
    expect(keys()).toEqual([`group1-shard1of3.bin?v=${v}`]); // kept, but no marker: not usable
    expect(await cachedVariantBytes('http://lab.test/models/', 0)).toBeNull();

    faults.clear();
    requests.length = 0;
    const progress: number[] = [];
    const a = await loadFromUrl(BASE, (loaded) => progress.push(loaded));
    expect(requests).toEqual(['model.json', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    expect(a.fromCache).toBe(false);
    expect(a.stored).toBe(true);
    expect(a.weightData.byteLength).toBe(2 * SHARD_BYTES + EXTRA);
    const w = new Uint8Array(a.weightData);
    expect([w[0], w[SHARD_BYTES], w[2 * SHARD_BYTES]]).toEqual([1, 2, 3]); // the kept file's bytes in place
    expect(progress[1]).toBe(SHARD_BYTES); // the kept file counts at once
    expect(keys()).toEqual([`group1-shard1of3.bin?v=${v}`, `group1-shard2of3.bin?v=${v}`, `group1-shard3of3.bin?v=${v}`, 'model.json']);
    expect(await cachedVariantBytes('http://lab.test/models/', 0)).toBe(2 * SHARD_BYTES + EXTRA);
  });

  it('a kept file of the wrong size is fetched again; a new manifest version discards the kept files', async () => {
    serveThree();
    faults.set('group1-shard3of3.bin', cutOff);
    await expect(loadFromUrl(BASE, noProgress)).rejects.toThrow('group1-shard3of3.bin');
    const v = manifestHash(files.get('model.json') as string);
    cache.entries.set(`${BASE}group1-shard2of3.bin?v=${v}`, { body: new ArrayBuffer(7), headers: [] });
    faults.clear();
    requests.length = 0;
    await loadFromUrl(BASE, noProgress);
    expect(requests).toEqual(['model.json', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);

    const json = JSON.parse(files.get('model.json') as string) as ReturnType<typeof manifest>;
    json.userDefinedMetadata = { revision: 2 };
    serve('model.json', JSON.stringify(json));
    cache.entries.delete(`${BASE}model.json`); // as if the first download had been cut off
    faults.set('group1-shard2of3.bin', cutOff);
    requests.length = 0;
    await expect(loadFromUrl(BASE, noProgress)).rejects.toThrow('group1-shard2of3.bin');
    expect(requests).toEqual(['model.json', 'group1-shard1of3.bin', 'group1-shard2of3.bin']);
    expect(keys()).toEqual([`group1-shard1of3.bin?v=${manifestHash(files.get('model.json') as string)}`]);
  });

  it('removing the variant takes its partial files too; a quota failure midway keeps nothing', async () => {
    serveThree();
    faults.set('group1-shard3of3.bin', cutOff);
    await expect(loadFromUrl(BASE, noProgress)).rejects.toThrow('group1-shard3of3.bin');
    expect(keys()).toHaveLength(2);
    await uncacheVariant('http://lab.test/models/', 0);
    expect(keys()).toEqual([]);

    faults.clear();
    cache.failPutAfter = 2;
    const a = await loadFromUrl(BASE, noProgress);
    expect(a.stored).toBe(false);
    expect(a.weightData.byteLength).toBe(2 * SHARD_BYTES + EXTRA);
    expect(keys()).toEqual([]);
  });
});

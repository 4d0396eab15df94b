// Keeping the ImageNet sample photos for a class offline (the Prepare panel's row): the genuine
// photos of ../shared, served by a fake fetch, kept in an in-memory Cache Storage.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findImagenetSample, fixtureSkipReason } from '../../test-support/fixtures';
import { IMAGENET_SAMPLE, samplePhotoUrl } from '../model/imagenet-sample';
import { IMAGENET_SAMPLE_BASE } from '../model/pinned-sources';
import { MemoryCache } from '../model/test-support/fake-model-server';
import { PHOTO_CACHE, countKeptPhotos, dropPhotos, fetchImagenetPhoto, keepPhotos } from './imagenet-photos';

const dir = findImagenetSample();
// Without the sample photos these skip locally; under CI=true a missing fixture fails instead.
if (!dir) fixtureSkipReason({ photos: ['imagenet-sample/INDEX.json'] });
const here = dir ? IMAGENET_SAMPLE.filter((p) => existsSync(join(dir, p.file))).slice(0, 20) : [];
const cache = new MemoryCache();
const fetched: string[] = [];
/** Serves the photos from ../shared; `failAt`: the n-th request (1-based) fails like a lost network. */
const server = (failAt = Infinity): typeof fetch =>
  (async (url: string) => {
    const name = decodeURIComponent(String(url).slice(IMAGENET_SAMPLE_BASE.length));
    fetched.push(name);
    if (fetched.length === failAt) throw new TypeError('Failed to fetch');
    return new Response(new Uint8Array(readFileSync(join(dir!, name))));
  }) as typeof fetch;
const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;

beforeEach(() => {
  cache.reset();
  fetched.length = 0;
  vi.stubGlobal('caches', {
    open: async (name: string) => {
      expect(name).toBe(PHOTO_CACHE);
      return cache;
    },
    delete: async () => (cache.reset(), true),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe.skipIf(!dir)('keeping the ImageNet sample photos', () => {
  it('keeps every photo verified; Evaluate then reads them with no network', async () => {
    const counts: number[] = [];
    await keepPhotos(here, (n) => counts.push(n), server());
    expect(counts).toEqual(here.map((_, i) => i + 1));
    expect(fetched).toHaveLength(20);
    expect(await countKeptPhotos(here)).toBe(20);
    for (const p of here) {
      const f = await fetchImagenetPhoto(p, offline);
      expect([f.name, f.size, f.type]).toEqual([p.file, readFileSync(join(dir!, p.file)).length, 'image/jpeg']);
    }
    await dropPhotos();
    expect(await countKeptPhotos(here)).toBe(0);
    await expect(fetchImagenetPhoto(here[0], offline)).rejects.toThrow(`The sample photo ${here[0].file} could not be downloaded (Failed to fetch)`);
  });

  it('interrupted at photo 8, the next run fetches only the photos not kept', async () => {
    await expect(keepPhotos(here, () => undefined, server(8))).rejects.toThrow(`The sample photo ${here[7].file} could not be downloaded (Failed to fetch)`);
    expect(await countKeptPhotos(here)).toBe(7);
    fetched.length = 0;
    await keepPhotos(here, () => undefined, server());
    expect(fetched).toEqual(here.slice(7).map((p) => p.file));
    expect(await countKeptPhotos(here)).toBe(20);
  });

  it('a kept photo with a wrong byte is not used: fetched again; a full cache keeps none', async () => {
    await keepPhotos(here.slice(0, 3), () => undefined, server());
    const url = samplePhotoUrl(here[1]);
    const planted = new Uint8Array(cache.entries.get(url)!.body.slice(0));
    planted[700] ^= 1;
    cache.entries.set(url, { body: planted.buffer, headers: [] });
    expect(await countKeptPhotos(here.slice(0, 3))).toBe(2);
    fetched.length = 0;
    expect((await fetchImagenetPhoto(here[1], server())).size).toBe(planted.byteLength);
    expect(fetched).toEqual([here[1].file]);

    cache.reset();
    cache.failPutAfter = 5;
    await expect(keepPhotos(here, () => undefined, server())).rejects.toThrow('The browser would not store the sample photos (storage full): none were kept.');
    expect(cache.entries.size).toBe(0);
  });
});

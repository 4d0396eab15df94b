// The sample gallery's download on local bytes (this machine is offline): the genuine photos
// match their pinned ids, a flipped byte is refused, a failed fetch names the file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImagenetSample, findPhoto, fixtureSkipReason } from '../../test-support/fixtures';
import { IMAGENET_SAMPLE } from '../model/imagenet-sample';
import { GALLERY, GALLERY_BASE, IMAGENET_SAMPLE_BASE } from '../model/pinned-sources';
import { fetchSample } from './samples';
import { fetchImagenetPhoto } from './imagenet-photos';

const missing = fixtureSkipReason({ photos: GALLERY.map((s) => s.file) });
const serve = (alter: (b: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => b): typeof fetch =>
  (async (url: string) => new Response(alter(new Uint8Array(readFileSync(findPhoto(String(url).slice(GALLERY_BASE.length))!))))) as typeof fetch;

describe('sample gallery', () => {
  it.skipIf(missing !== null).each(GALLERY.map((s) => s.file))('%s arrives verified as a JPEG file', async (file) => {
    const f = await fetchSample(
      GALLERY.find((s) => s.file === file)!,
      serve(),
    );
    expect(f.name).toBe(file);
    expect(f.type).toBe('image/jpeg');
    expect(f.size).toBe(readFileSync(findPhoto(file)!).length);
  });

  it.skipIf(missing !== null)('refuses a flipped byte', async () => {
    const flip = (b: Uint8Array<ArrayBuffer>) => {
      const c = b.slice();
      c[500] ^= 1;
      return c;
    };
    await expect(fetchSample(GALLERY[0], serve(flip))).rejects.toThrow(
      /^Integrity check failed for samples\/panda\.jpg: expected git blob e7a44cae2c2b091095ba6b5f7ce659cce55651ed, got [0-9a-f]{40}$/,
    );
  });

  it('names the file when the download fails', async () => {
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(fetchSample(GALLERY[2], offline)).rejects.toThrow('The sample photo car.jpg could not be downloaded (Failed to fetch)');
    const missingFile = (async () => new Response('no', { status: 404 })) as typeof fetch;
    await expect(fetchSample(GALLERY[3], missingFile)).rejects.toThrow('The sample photo gun.jpg could not be downloaded (HTTP 404)');
  });
});

describe('ImageNet sample photos', () => {
  const dir = findImagenetSample();
  // Without the sample photos these skip locally; under CI=true a missing fixture fails instead.
  if (!dir) fixtureSkipReason({ photos: ['imagenet-sample/INDEX.json'] });
  const here = dir ? IMAGENET_SAMPLE.filter((p) => existsSync(join(dir, p.file))) : [];
  const serveSample = (alter: (b: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => b): typeof fetch =>
    (async (url: string) =>
      new Response(alter(new Uint8Array(readFileSync(join(dir!, decodeURIComponent(String(url).slice(IMAGENET_SAMPLE_BASE.length)))))))) as typeof fetch;

  it.skipIf(!dir)('every photo kept in ../shared arrives verified from its pinned URL', async () => {
    expect(here.length).toBe(62);
    for (const p of here) {
      const f = await fetchImagenetPhoto(p, serveSample());
      expect([f.name, f.size]).toEqual([p.file, statSync(join(dir!, p.file)).size]);
    }
  });

  it.skipIf(!dir)('refuses a flipped byte, naming the photo and both ids', async () => {
    const flip = (b: Uint8Array<ArrayBuffer>) => {
      const c = b.slice();
      c[900] ^= 4;
      return c;
    };
    const p = here[0];
    await expect(fetchImagenetPhoto(p, serveSample(flip))).rejects.toThrow(
      new RegExp(`^Integrity check failed for ${p.file}: expected git blob ${p.blob}, got [0-9a-f]{40}$`),
    );
  });
});

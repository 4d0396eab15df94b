// The sample gallery's download on local bytes (this machine is offline): the genuine photos
// match their pinned ids, a flipped byte is refused, a failed fetch names the file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPhoto, fixtureSkipReason } from '../../test-support/fixtures';
import { GALLERY, GALLERY_BASE } from '../model/pinned-sources';
import { fetchSample } from './samples';

const missing = fixtureSkipReason({ photos: GALLERY.map((s) => s.file) });
const serve = (alter: (b: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => b): typeof fetch =>
  (async (url: string) => new Response(alter(new Uint8Array(readFileSync(findPhoto(String(url).slice(GALLERY_BASE.length))!))))) as typeof fetch;

describe('sample gallery', () => {
  it.skipIf(missing !== null).each(GALLERY.map((s) => s.file))('%s arrives verified as a JPEG file', async (file) => {
    const f = await fetchSample(GALLERY.find((s) => s.file === file)!, serve());
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

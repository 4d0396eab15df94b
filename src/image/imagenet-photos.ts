/** One photo of the ImageNet sample (the Evaluate view's), downloaded from the pinned commit and
 *  verified by its git blob id. Its own module: the lab's gallery does not carry the 1,000 ids.
 *  A class prepared for offline use keeps the photos in Cache Storage (`PHOTO_CACHE`): a kept
 *  photo is read from there (and verified again: anything on the same origin can write that
 *  cache), else it is fetched (the browser's HTTP cache may still answer). */
import { openNamedCache, orElse } from '../model/cache-storage';
import { verifyBlob } from '../model/integrity';
import { samplePhotoUrl, type SamplePhoto } from '../model/imagenet-sample';
import { fetchVerified } from './samples';

export const PHOTO_CACHE = 'imagenet-sample-v1';

/** The kept photo's verified bytes, or null (not kept, unreadable or not the published file). */
const keptBytes = (cache: Cache, photo: SamplePhoto): Promise<Uint8Array<ArrayBuffer> | null> =>
  orElse(async () => {
    const hit = await cache.match(samplePhotoUrl(photo));
    if (!hit) return null;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    await verifyBlob(photo.file, bytes, photo.blob);
    return bytes;
  }, null);

export async function fetchImagenetPhoto(photo: SamplePhoto, fetcher: typeof fetch = fetch): Promise<File> {
  const cache = await openNamedCache(PHOTO_CACHE);
  const kept = cache && (await keptBytes(cache, photo));
  if (kept) return new File([kept], photo.file, { type: 'image/jpeg' });
  return fetchVerified(samplePhotoUrl(photo), photo.file, photo.file, photo.blob, fetcher);
}

/** How many of `photos` are kept (and verified). */
export async function countKeptPhotos(photos: readonly SamplePhoto[]): Promise<number> {
  const cache = await openNamedCache(PHOTO_CACHE);
  if (!cache) return 0;
  let n = 0;
  for (const p of photos) if (await keptBytes(cache, p)) n++;
  return n;
}

/** Downloads, verifies and keeps the photos not kept yet, one after another; `onPhoto` hears the
 *  count kept so far. Throws naming the photo that failed; a cache that refuses one (storage full)
 *  drops them all, so Evaluate never finds a prepared sample half there. */
export async function keepPhotos(photos: readonly SamplePhoto[], onPhoto: (kept: number) => void, fetcher: typeof fetch = fetch): Promise<void> {
  const cache = await openNamedCache(PHOTO_CACHE);
  if (!cache) throw new Error('This browser gives the page no Cache Storage: the sample photos cannot be kept');
  let n = 0;
  for (const p of photos) {
    if (!(await keptBytes(cache, p))) {
      const file = await fetchVerified(samplePhotoUrl(p), p.file, p.file, p.blob, fetcher);
      try {
        await cache.put(samplePhotoUrl(p), new Response(file, { headers: { 'Content-Type': 'image/jpeg' } }));
      } catch (e) {
        await dropPhotos();
        throw new Error('The browser would not store the sample photos (storage full): none were kept.', { cause: e });
      }
    }
    onPhoto(++n);
  }
}

export async function dropPhotos(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(PHOTO_CACHE).catch(() => false);
}

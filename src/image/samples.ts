/** Pinned sample photos: the gallery's (ntedgi/node-efficientnet) and, through fetchVerified,
 *  the ImageNet sample's (eval-inputs.ts), each checked against its git blob id before it is used
 *  (a wrong byte is refused, never shown). The browser's HTTP cache keeps them (force-cache). */
import { isOffline } from '../model/artifacts';
import { verifyBlob } from '../model/integrity';
import { GALLERY_BASE, type GallerySample } from '../model/pinned-sources';

/** Downloads `url` and verifies it as `path` (the name in messages); throws naming the file. */
export async function fetchVerified(url: string, path: string, name: string, blobId: string, fetcher: typeof fetch): Promise<File> {
  let res: Response;
  try {
    res = await fetcher(url, { cache: 'force-cache' });
  } catch (e) {
    throw new Error(`The sample photo ${name} could not be downloaded (${isOffline() ? 'the browser is offline' : (e as Error).message})`, { cause: e });
  }
  if (!res.ok) throw new Error(`The sample photo ${name} could not be downloaded (HTTP ${res.status})`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  await verifyBlob(path, bytes, blobId);
  return new File([bytes], name, { type: 'image/jpeg' });
}

export const fetchSample = (sample: GallerySample, fetcher: typeof fetch = fetch): Promise<File> =>
  fetchVerified(`${GALLERY_BASE}${sample.file}`, `samples/${sample.file}`, sample.file, sample.blobId, fetcher);

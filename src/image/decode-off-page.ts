/** A user's file as an ImageBitmap where there is no DOM (the inference worker, for Evaluate):
 *  sniffed, size-checked from the header, huge JPEGs decoded at reduced size (decodeBigJpeg), the
 *  rest through createImageBitmap, which workers have. Formats only an <img> renders (SVG) are
 *  refused with the same words as on the page. */
import { ImageInputError, whyUndecodable } from './decode-file';
import { fitWithin } from './fit-within';
import { decodeBigJpeg } from './jpeg-scaled';
import { MAX_FILE_BYTES, MAX_SIDE, sizeRefusal } from './limits';
import { sniffImage } from './sniff';

/** Enough of the head for the sniffer (JPEG frame headers behind a big EXIF block are the rare
 *  miss: then the size is learnt from the decode). */
const HEAD_BYTES = 64 * 1024;
const BITMAP_KINDS = new Set(['jpeg', 'png', 'gif', 'webp', 'bmp', 'ico']);

export async function decodeOffPage(file: File): Promise<ImageBitmap> {
  const fail = (why: string) => new ImageInputError(`Could not use "${file.name}": ${why}`);
  if (file.size === 0) throw fail('the file is empty (0 bytes)');
  if (file.size > MAX_FILE_BYTES) throw fail(`the file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`);
  const info = sniffImage(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  if (!BITMAP_KINDS.has(info.kind)) throw fail(await whyUndecodable(file, info));
  const { width: w, height: h } = info;
  const refused = w && h ? sizeRefusal(w, h) : null;
  if (refused) throw fail(refused);
  const target = w && h ? fitWithin(w, h, MAX_SIDE) : null;
  let bitmap = target && info.kind === 'jpeg' ? await decodeBigJpeg(file, { width: w!, height: h! }, target) : null;
  try {
    bitmap ??= await createImageBitmap(file, target ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' } : {});
  } catch {
    throw fail(await whyUndecodable(file, info));
  }
  return bitmap;
}

/** Huge JPEGs decoded at reduced size through WebCodecs' ImageDecoder (libjpeg's DCT scaling), not in full. */

import { fitWithin, resizeTo, type Size } from './fit-within';
import { MAX_SIDE } from './limits';

/** A huge JPEG through WebCodecs' ImageDecoder, which decodes at n/8 scale (libjpeg's DCT scaling)
 *  when asked for a smaller size, and applies EXIF orientation. Chromium picks the largest n/8 whose
 *  area fits the desired one, so we ask for the smallest n/8 at or above the target, then resize.
 *  null where unavailable or failing. */
export async function decodeBigJpeg(file: File, size: Size, target: Size): Promise<ImageBitmap | null> {
  if (typeof ImageDecoder === 'undefined') return null;
  const eighths = Math.min(8, Math.ceil((8 * target.width) / size.width - 1e-9));
  const desiredWidth = Math.ceil((size.width * eighths) / 8);
  const desiredHeight = Math.ceil((size.height * eighths) / 8);
  let decoder: ImageDecoder | null = null;
  try {
    decoder = new ImageDecoder({ data: file.stream(), type: 'image/jpeg', desiredWidth, desiredHeight });
    const { image } = await decoder.decode();
    try {
      return await createImageBitmap(image, resizeTo(fitWithin(image.displayWidth, image.displayHeight, MAX_SIDE)));
    } finally {
      image.close();
    }
  } catch {
    return null;
  } finally {
    decoder?.close();
  }
}

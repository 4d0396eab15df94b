/** Decoding with the browser's own decoders (createImageBitmap, or an <img> for SVG and the like; WebCodecs'
 *  ImageDecoder for huge JPEGs), and small display copies. */

import { DISPLAY_SIDE, MAX_SIDE, fitWithin, resizeTo } from './limits';
import type { ImageKind, Size } from './sniff';

/** Neither createImageBitmap nor an <img> could decode the file. */
export class Undecodable extends Error {}

/** An SVG, which createImageBitmap does not take from a Blob, met where there is no <img> (a
 *  worker): the page must rasterise it. */
export class NeedsImageElement extends Error {}

/** An <img> renders SVG only when the Blob says image/svg+xml (there is no sniffing for SVG), and a
 *  File's type comes from its name's extension, or is empty. */
export const asSvg = (file: File, kind: ImageKind): Blob =>
  kind === 'svg' && file.type !== 'image/svg+xml' ? new Blob([file], { type: 'image/svg+xml' }) : file;

/** createImageBitmap, or for SVG (which it cannot take from a Blob) an <img> that rasterises it.
 *  Nothing else goes through an <img>: for raster data createImageBitmap rejected it would show at
 *  most a partial picture, and Chromium answers an <img> of undecodable bytes (HEIC, text) by
 *  "connecting" to the blob: URL, a connect-src violation under the app's CSP. Throws Undecodable
 *  when the file cannot be decoded. */
export async function decodeWithBrowser(file: File, kind: ImageKind, target: Size | null): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image', ...resizeTo(target) });
  } catch {
    if (kind !== 'svg') throw new Undecodable();
    if (typeof Image === 'undefined') throw new NeedsImageElement();
    const src = URL.createObjectURL(asSvg(file, kind));
    try {
      const img = new Image();
      img.decoding = 'async';
      img.src = src;
      await img.decode();
      const w = img.naturalWidth || 512;
      const h = img.naturalHeight || 512;
      return await createImageBitmap(img, resizeTo(fitWithin(w, h, MAX_SIDE) ?? { width: w, height: h }));
    } catch {
      throw new Undecodable();
    } finally {
      URL.revokeObjectURL(src);
    }
  }
}

/** A small re-encoded copy of `bitmap` to show instead of a huge original (OffscreenCanvas: works
 *  in a worker). */
export async function displayCopy(bitmap: ImageBitmap): Promise<Blob> {
  const fit = fitWithin(bitmap.width, bitmap.height, DISPLAY_SIDE) ?? { width: bitmap.width, height: bitmap.height };
  const canvas = new OffscreenCanvas(fit.width, fit.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, fit.width, fit.height);
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.9 });
}

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

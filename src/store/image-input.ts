/** Turning a user's file into an ImageBitmap the worker can use, with clear messages for what the
 *  browser cannot read. EXIF orientation is honoured (imageOrientation "from-image"). */

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Larger images are downscaled while decoding, so a 12000² PNG does not hold 576 MB of pixels. */
export const MAX_SIDE = 4096;

export class ImageInputError extends Error {}

const fail = (file: File, why: string) => new ImageInputError(`Could not use "${file.name}": ${why}`);

function fitWithin(w: number, h: number, max: number): { width: number; height: number } | null {
  if (w <= max && h <= max) return null;
  const s = max / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

async function viaImageElement(url: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  await img.decode();
  return img;
}

/** Decodes `file`; returns the bitmap (for the worker) and an object URL (for display). */
export async function decodeImageFile(file: File): Promise<{ bitmap: ImageBitmap; url: string }> {
  if (file.size === 0) throw fail(file, 'the file is empty (0 bytes)');
  if (file.size > MAX_FILE_BYTES) {
    throw fail(file, `the file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`);
  }
  const url = URL.createObjectURL(file);
  try {
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      // SVG (and some other types) decode only through an <img>; it rasterises them.
      let img: HTMLImageElement;
      try {
        img = await viaImageElement(url);
      } catch {
        const kind = file.type || file.name.split('.').pop() || 'unknown type';
        throw fail(file, `this browser cannot decode it as an image (${kind}); try JPEG, PNG, WebP or GIF`);
      }
      const w = img.naturalWidth || 512;
      const h = img.naturalHeight || 512;
      const size = fitWithin(w, h, MAX_SIDE) ?? { width: w, height: h };
      bitmap = await createImageBitmap(img, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' });
    }
    const shrink = fitWithin(bitmap.width, bitmap.height, MAX_SIDE);
    if (shrink) {
      const big = bitmap;
      bitmap = await createImageBitmap(big, { resizeWidth: shrink.width, resizeHeight: shrink.height, resizeQuality: 'high' });
      big.close();
    }
    return { bitmap, url };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e instanceof ImageInputError ? e : fail(file, (e as Error).message);
  }
}

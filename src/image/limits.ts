/** Size limits for user images, shared by the orchestrator (decode-file.ts) and the decoders, and
 *  scaling a size down to one. */

import { KIND_NAME, type ImageKind, type Size, type Sniffed } from './sniff';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Larger images are downscaled while decoding, so a 12000² PNG does not hold 576 MB of pixels. */
export const MAX_SIDE = 4096;
/** Refused before decoding (a 200 MP camera's 16320×12240 still passes): beyond this a tiny
 *  compressed file can unpack to gigabytes. */
export const MAX_PIXELS = 200_000_000;
/** Refused from the header, per side: Chromium and Firefox cannot hold a canvas or ImageBitmap
 *  wider or taller than 32,767 px, and a 200,000,000×1 strip would pass MAX_PIXELS yet need
 *  600 MB per row. */
export const MAX_IMAGE_SIDE = 32_767;

/** Why an image of w×h pixels (from its header) is refused, or null when it may be decoded. */
export function sizeRefusal(w: number, h: number): string | null {
  if (Math.max(w, h) > MAX_IMAGE_SIDE) {
    return `the image is ${w}×${h} pixels; the limit is ${MAX_IMAGE_SIDE.toLocaleString('en-US')} pixels per side`;
  }
  const pixels = w * h;
  if (pixels > MAX_PIXELS) {
    return `the image is ${w}×${h} pixels (${Math.round(pixels / 1e6)} megapixels); the limit is ${MAX_PIXELS / 1e6} megapixels`;
  }
  return null;
}

/** PNGs over this many pixels are streamed (decodePngDownscaled) rather than decoded whole by the
 *  browser: slower (JS; ~3 s for 12000² on a busy 2-core machine, where Chromium takes 0.5 s) but a
 *  fraction of the memory. Below it, the full decode costs at most 200 MB, briefly. */
export const STREAM_PNG_PIXELS = 50_000_000;
/** Side of the re-encoded copy shown in place of a huge original. */
export const DISPLAY_SIDE = 2048;

/** Raster formats the browser decodes at whatever size the data says: without a size read from
 *  the header they are refused, since nothing else would bound the pixel buffer. (SVG is vector
 *  and rasterised at a chosen size; HEIC/TIFF/text are not decoded at all.) */
const NEEDS_SIZE: ReadonlySet<ImageKind> = new Set(['jpeg', 'png', 'gif', 'webp', 'bmp', 'ico', 'avif']);

/** Why a sniffed file is refused before decoding (size unreadable, over a limit, or an interlaced
 *  PNG too big for the browser's full decode), or null when it may be decoded. */
export function headerRefusal(info: Sniffed): string | null {
  const { kind, width: w, height: h } = info;
  if (!w || !h) {
    if (!NEEDS_SIZE.has(kind)) return null;
    return (
      `the size of the image cannot be read from its ${KIND_NAME[kind]} header (missing, cut short or corrupt), ` +
      'and an image of unknown size is not decoded: it could unpack to any size'
    );
  }
  const refused = sizeRefusal(w, h);
  if (refused) return refused;
  if (info.png?.interlaced && w * h > STREAM_PNG_PIXELS) {
    return (
      `it is an interlaced PNG of ${Math.round((w * h) / 1e6)} megapixels; only non-interlaced PNGs over ` +
      `${STREAM_PNG_PIXELS / 1e6} megapixels can be decoded in little memory; re-save it without interlacing`
    );
  }
  return null;
}

/** `w`×`h` scaled down to fit `max` per side, keeping the aspect ratio; null when it fits already. */
export function fitWithin(w: number, h: number, max: number): Size | null {
  if (w <= max && h <= max) return null;
  const s = max / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

/** createImageBitmap's options for a high-quality resize to `size`; none for null. */
export const resizeTo = (size: Size | null): ImageBitmapOptions => (size ? { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' } : {});

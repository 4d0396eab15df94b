/** Image preprocessing shared by the worker (network input) and the UI (showing the exact crop).
 *  No tfjs here: canvas in, Float32Array out.
 *
 *  Reference (tensorflow/tpu efficientnet eval): centre crop of side size/(size+32)·min(h,w), then
 *  bicubic resize to size×size. We crop the same box and let the browser's canvas resample with
 *  imageSmoothingQuality "high" (Chromium: mipmapped, area-averaging-like downscale with a cubic
 *  filter). That differs from TF's plain bicubic (no antialias) by a few grey levels per pixel on
 *  strong downscales; for real weights the top-1 is unaffected in practice, and it avoids the
 *  aliasing a plain bicubic shows when a 4000 px photo is shrunk to 224 px. */

export const CROP_PADDING = 32;

export interface CropBox {
  sx: number;
  sy: number;
  side: number;
}

/** The centred square the network sees, in source-image pixels. */
export function centerCropBox(width: number, height: number, size: number): CropBox {
  const side = (size / (size + CROP_PADDING)) * Math.min(width, height);
  return { sx: (width - side) / 2, sy: (height - side) / 2, side };
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Draws the crop of `source` into a size×size canvas, composited on white (transparent PNGs
 *  would otherwise turn black). */
export function drawCrop(
  ctx: Canvas2D,
  source: CanvasImageSource,
  width: number,
  height: number,
  size: number,
): void {
  const { sx, sy, side } = centerCropBox(width, height, size);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, sx, sy, side, side, 0, 0, size, size);
}

/** RGB float32 in [0, 1], HWC, from RGBA bytes. */
export function rgbaToRgbFloat(rgba: Uint8ClampedArray, pixels: number): Float32Array {
  const out = new Float32Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    out[i * 3] = rgba[j] / 255;
    out[i * 3 + 1] = rgba[j + 1] / 255;
    out[i * 3 + 2] = rgba[j + 2] / 255;
  }
  return out;
}

/** The network input for one image at `size`: [size, size, 3] floats in [0, 1]. */
export function imageToInput(bitmap: ImageBitmap, size: number): Float32Array {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable for preprocessing');
  drawCrop(ctx, bitmap, bitmap.width, bitmap.height, size);
  return rgbaToRgbFloat(ctx.getImageData(0, 0, size, size).data, size * size);
}

/** A deterministic, image-like test pattern (smooth gradients + stripes) for random-weight
 *  networks run before any image is given. */
export function testPattern(size: number): Float32Array {
  const out = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      out[i] = x / size;
      out[i + 1] = y / size;
      out[i + 2] = 0.5 + 0.5 * Math.sin((x + y) / 6);
    }
  }
  return out;
}

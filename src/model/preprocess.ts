/** Image preprocessing shared by the worker (network input) and the UI (showing the exact crop);
 *  no tfjs. It is the reference evaluation step for step (README, "Preprocessing"): tensorflow/tpu
 *  preprocessing.py's `preprocess_for_eval` with `CROP_PADDING = 32`, as the released B0–B7 were
 *  evaluated (e.g. commit b3293eb4c54518ca40799b42b5150347db76a453; a later revision derives the
 *  padding from CROP_FRACTION = 0.875, the same 32 at 224 only). Where we differ: the browser
 *  decodes, oversized images shrink before the crop, a crop under 1 px is 1 px (TF would fail),
 *  and transparent pixels are composited on white. */
import { resizeBicubicToRgb } from './resize-bicubic';

export const CROP_PADDING = 32;

/** The centred square the network sees, in whole source-image pixels (the reference's rounding). */
export function centerCropBox(width: number, height: number, size: number) {
  const fraction = Math.fround(size / (size + CROP_PADDING));
  const side = Math.max(1, Math.trunc(Math.fround(fraction * Math.min(width, height))));
  return { sx: Math.floor((width - side + 1) / 2), sy: Math.floor((height - side + 1) / 2), side };
}
export type CropBox = ReturnType<typeof centerCropBox>;

/** Copies the crop box of `source` pixel for pixel (no resampling) into a side×side canvas,
 *  composited on white (transparent PNGs would otherwise turn black). */
export function drawCrop(ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D, source: CanvasImageSource, box: CropBox): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, box.side, box.side);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(source, box.sx, box.sy, box.side, box.side, 0, 0, box.side, box.side);
}

/** The network input for one image at `size`: [size, size, 3] floats, the reference values / 255. */
export function imageToInput(bitmap: ImageBitmap, size: number): Float32Array {
  const box = centerCropBox(bitmap.width, bitmap.height, size);
  const ctx = new OffscreenCanvas(box.side, box.side).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable for preprocessing');
  drawCrop(ctx, bitmap, box);
  return resizeBicubicToRgb(ctx.getImageData(0, 0, box.side, box.side).data, box.side, size);
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

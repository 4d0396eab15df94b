/** Scaling a size down to fit a maximum side, keeping the aspect ratio. */

export type Size = { width: number; height: number };

export function fitWithin(w: number, h: number, max: number): Size | null {
  if (w <= max && h <= max) return null;
  const s = max / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

/** createImageBitmap's options for a high-quality resize to `size`; none for null. */
export const resizeTo = (size: Size | null): ImageBitmapOptions => (size ? { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' } : {});

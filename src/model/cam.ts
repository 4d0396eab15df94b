/** Class activation maps (Zhou et al. 2016; the EfficientNet paper's Figure 7), the pure part:
 *  ReLU + normalisation, bilinear upsampling, a colour map. No tfjs, so the UI draws maps without
 *  loading it; the worker computes the weighted sum on the device (network.ts, classActivation). */

/** A small map of the last conv's spatial grid (e.g. 7×7 for B0 at 224), row-major. */
export interface CamMap {
  width: number;
  height: number;
  data: Float32Array;
}

/** ReLU, then divide by the maximum so the map spans [0, 1]; an all-negative map stays zero. */
export function normaliseCam(map: CamMap): CamMap {
  let max = 0;
  for (const v of map.data) if (v > max) max = v;
  const data = map.data.map((v) => (max > 0 && v > 0 ? v / max : 0));
  return { width: map.width, height: map.height, data };
}

/** Bilinear upsampling with pixel centres aligned (like the image resize the crop uses): output
 *  pixel x samples the map at (x + 0.5)·w/outW − 0.5, clamped at the borders. */
export function upsampleBilinear(map: CamMap, outWidth: number, outHeight: number): CamMap {
  const { width: w, height: h, data: src } = map;
  const out = new Float32Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    const fy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / outHeight - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(h - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < outWidth; x++) {
      const fx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / outWidth - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(w - 1, x0 + 1);
      const tx = fx - x0;
      const top = src[y0 * w + x0] * (1 - tx) + src[y0 * w + x1] * tx;
      const bottom = src[y1 * w + x0] * (1 - tx) + src[y1 * w + x1] * tx;
      out[y * outWidth + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return { width: outWidth, height: outHeight, data: out };
}

/** A "jet"-style colour for v in [0, 1]: blue (cold) → cyan → yellow → red (hot). */
export function camColour(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, v));
  const channel = (centre: number) => Math.round(255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * t - centre))));
  return [channel(3), channel(2), channel(1)];
}

/** RGBA pixels of a normalised map upsampled to outW×outH, alpha = opacity·255. */
export function camPixels(map: CamMap, outWidth: number, outHeight: number, opacity: number): Uint8ClampedArray {
  const up = upsampleBilinear(map, outWidth, outHeight);
  const px = new Uint8ClampedArray(outWidth * outHeight * 4);
  const alpha = Math.round(255 * Math.min(1, Math.max(0, opacity)));
  up.data.forEach((v, i) => px.set([...camColour(v), alpha], i * 4));
  return px;
}

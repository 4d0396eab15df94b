/** TensorFlow's `tf.image.resize_bicubic` with its defaults (align_corners=False,
 *  half_pixel_centers=False) in plain TS, as tensorflow/core/kernels/image/resize_bicubic_op.cc
 *  does it (README, "Preprocessing"): A = −0.75 (TF's value without half-pixel centres; PIL and
 *  half-pixel TF use −0.5), the weights read from a table of 1024 steps as TF rounds them. */

const A = -0.75;
const TABLE_SIZE = 1024;

/** The four weights of Keys' kernel for a sample at fraction `t` past the second tap. */
export function bicubicWeights(t: number): [number, number, number, number] {
  const u = Math.round(t * TABLE_SIZE) / TABLE_SIZE;
  const far = (d: number) => ((A * d - 5 * A) * d + 8 * A) * d - 4 * A; // 1 ≤ d ≤ 2
  const near = (d: number) => ((A + 2) * d - (A + 3)) * d * d + 1; // 0 ≤ d ≤ 1
  return [far(u + 1), near(u), near(1 - u), far(2 - u)];
}

/** For each of `outSize` outputs: the four clamped source indices and their weights. */
function taps(inSize: number, outSize: number) {
  const scale = inSize / outSize;
  const index = new Int32Array(outSize * 4);
  const weight = new Float64Array(outSize * 4);
  for (let o = 0; o < outSize; o++) {
    const at = Math.fround(o * Math.fround(scale));
    const base = Math.floor(at);
    const w = bicubicWeights(at - base);
    for (let k = 0; k < 4; k++) {
      index[o * 4 + k] = Math.min(inSize - 1, Math.max(0, base - 1 + k));
      weight[o * 4 + k] = w[k];
    }
  }
  return { index, weight };
}

/** A square RGBA crop (`side`×`side` bytes, alpha ignored) resized to `size`×`size`: RGB float32,
 *  HWC, in the 0–255 scale divided by 255 (the converted graph multiplies by 255 itself). */
export function resizeBicubicToRgb(rgba: Uint8ClampedArray, side: number, size: number): Float32Array {
  const { index, weight } = taps(side, size);
  const out = new Float32Array(size * size * 3);
  // Rows first (like TF: the four source rows of an output row, then along x).
  const rowMix = new Float64Array(side * 3);
  for (let y = 0; y < size; y++) {
    rowMix.fill(0);
    for (let ky = 0; ky < 4; ky++) {
      const wy = weight[y * 4 + ky];
      const row = index[y * 4 + ky] * side * 4;
      // Channels spelled out: this runs for every input pixel of every classify.
      for (let x = 0; x < side; x++) {
        const p = row + x * 4;
        rowMix[x * 3] += wy * rgba[p];
        rowMix[x * 3 + 1] += wy * rgba[p + 1];
        rowMix[x * 3 + 2] += wy * rgba[p + 2];
      }
    }
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let kx = 0; kx < 4; kx++) {
        const wx = weight[x * 4 + kx];
        const q = index[x * 4 + kx] * 3;
        r += wx * rowMix[q];
        g += wx * rowMix[q + 1];
        b += wx * rowMix[q + 2];
      }
      const o = (y * size + x) * 3;
      out[o] = r / 255;
      out[o + 1] = g / 255;
      out[o + 2] = b / 255;
    }
  }
  return out;
}

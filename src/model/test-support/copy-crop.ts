import type { CropBox } from '../preprocess';

/** The crop box of RGBA pixels already in memory (Node scripts, tests), copied as drawCrop copies
 *  it (alpha left as it is). */
export function copyCrop(rgba: Uint8Array | Uint8ClampedArray, width: number, box: CropBox): Uint8ClampedArray {
  const out = new Uint8ClampedArray(box.side * box.side * 4);
  for (let y = 0; y < box.side; y++) {
    const row = ((box.sy + y) * width + box.sx) * 4;
    out.set(rgba.subarray(row, row + box.side * 4), y * box.side * 4);
  }
  return out;
}

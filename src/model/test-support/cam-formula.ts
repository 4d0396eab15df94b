import type { CamMap } from '../cam';

/** CAM = Σ_c w[c, cls] · A_c for a [height, width, C] feature map (HWC, row-major) and a dense
 *  kernel [C, classes] (row-major): the reference the device computation is tested against. */
export function camFormula(
  features: Float32Array,
  height: number,
  width: number,
  channels: number,
  kernel: Float32Array,
  classes: number,
  cls: number,
): CamMap {
  if (features.length !== height * width * channels) throw new Error(`features hold ${features.length} values, expected ${height}×${width}×${channels}`);
  if (kernel.length !== channels * classes) throw new Error(`kernel holds ${kernel.length} values, expected ${channels}×${classes}`);
  const data = new Float32Array(height * width);
  for (let p = 0; p < height * width; p++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += kernel[c * classes + cls] * features[p * channels + c];
    data[p] = s;
  }
  return { width, height, data };
}

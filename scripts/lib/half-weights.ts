/** Half-size weights for self-hosting: a converted model's float32 weights rewritten as float16
 *  in TensorFlow.js's own quantization format (`quantization: { dtype: 'float16' }`, the layout
 *  `tensorflowjs_converter --quantize_float16` writes), so any tfjs loader dequantizes them; int32
 *  constants stay as they are. Shards are cut again at the converter's 4 MiB. Pure: no tfjs, no I/O. */
import { SHARD_BYTES, sizeOfShape, weightBytes, type ConvertedModelJson, type WeightGroup } from '../../src/model/model-json.ts';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits of `x`, rounded to nearest even; overflow to ±∞, NaN kept. */
export function float16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign; // below half the smallest subnormal
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let v = mant >>> shift;
    if (rest > half || (rest === half && v & 1)) v++;
    return sign | v;
  }
  const rest = mant & 0x1fff;
  mant >>>= 13;
  if (rest > 0x1000 || (rest === 0x1000 && mant & 1)) {
    mant++;
    if (mant === 0x400) {
      mant = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | mant;
}

export interface HalvedModel {
  modelJson: ConvertedModelJson;
  /** Each group's shards, in manifest order, named as the converter names them. */
  shards: { path: string; bytes: Uint8Array }[];
}

/** Rewrites `modelJson` + its weight bytes (all groups, manifest order, float32/int32) as float16. */
export function halveWeights(modelJson: ConvertedModelJson, weightData: ArrayBuffer): HalvedModel {
  const src = new DataView(weightData);
  let off = 0;
  const shards: HalvedModel['shards'] = [];
  const groups: WeightGroup[] = modelJson.weightsManifest.map((group, g) => {
    const weights = group.weights.map((w) =>
      w.dtype === 'float32' && !w.quantization ? { ...w, quantization: { dtype: 'float16', original_dtype: 'float32' } } : w,
    );
    const out = new Uint8Array(weights.reduce((a, w) => a + weightBytes(w), 0));
    const dst = new DataView(out.buffer);
    let o = 0;
    group.weights.forEach((w, i) => {
      const n = sizeOfShape(w.shape);
      if (weights[i] === w) {
        const bytes = weightBytes(w);
        out.set(new Uint8Array(weightData, off, bytes), o);
        off += bytes;
        o += bytes;
        return;
      }
      for (let j = 0; j < n; j++, off += 4, o += 2) dst.setUint16(o, float16Bits(src.getFloat32(off, true)), true);
    });
    const count = Math.max(1, Math.ceil(out.length / SHARD_BYTES));
    const paths = Array.from({ length: count }, (_, s) => `group${g + 1}-shard${s + 1}of${count}.bin`);
    paths.forEach((path, s) => shards.push({ path, bytes: out.subarray(s * SHARD_BYTES, Math.min(out.length, (s + 1) * SHARD_BYTES)) }));
    return { ...group, paths, weights };
  });
  if (off !== weightData.byteLength) throw new Error(`the manifest covers ${off} of ${weightData.byteLength} weight bytes`);
  return { modelJson: { ...modelJson, weightsManifest: groups }, shards };
}

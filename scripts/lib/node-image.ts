// Decode photos in Node (JPEG via jpeg-js, PNG via pngjs) and turn them into EfficientNet input:
// centre crop of side size/(size+32)·min(h, w) (the reference eval crop), bilinear resize to
// size × size, RGB floats in [0, 1], NHWC order.
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** Decoded image, 4 bytes per pixel (RGBA), row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8;
}

/** Decode JPEG or PNG bytes (detected from the signature) to RGBA. */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  if (isJpeg(bytes)) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return { width: img.width, height: img.height, data: img.data };
  }
  if (isPng(bytes)) {
    const img = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: img.width, height: img.height, data: new Uint8Array(img.data) };
  }
  throw new Error('unsupported image format (JPEG and PNG are)');
}

export function decodeImageFile(path: string): RgbaImage {
  try {
    return decodeImage(readFileSync(path));
  } catch (err) {
    throw new Error(`cannot decode ${path}: ${String(err)}`, { cause: err });
  }
}

/** Side of the reference eval centre crop: size/(size+32) · min(h, w). */
export function centreCropSide(width: number, height: number, size: number): number {
  return (size / (size + 32)) * Math.min(width, height);
}

/**
 * Centre-crop `img` to a square of side `cropSide` (default: the reference eval crop) and
 * resize it bilinearly (pixel centres aligned) to size × size. Returns RGB floats in [0, 1],
 * NHWC (length size·size·3).
 */
export function cropResizeToTensorData(img: RgbaImage, size: number, cropSide?: number): Float32Array {
  const side = cropSide ?? centreCropSide(img.width, img.height, size);
  const x0 = (img.width - side) / 2;
  const y0 = (img.height - side) / 2;
  const scale = side / size;
  const out = new Float32Array(size * size * 3);
  const { width: w, height: h, data } = img;
  for (let oy = 0; oy < size; oy++) {
    const sy = Math.min(Math.max(y0 + (oy + 0.5) * scale - 0.5, 0), h - 1);
    const ya = Math.floor(sy);
    const yb = Math.min(ya + 1, h - 1);
    const fy = sy - ya;
    for (let ox = 0; ox < size; ox++) {
      const sx = Math.min(Math.max(x0 + (ox + 0.5) * scale - 0.5, 0), w - 1);
      const xa = Math.floor(sx);
      const xb = Math.min(xa + 1, w - 1);
      const fx = sx - xa;
      const i00 = (ya * w + xa) * 4;
      const i01 = (ya * w + xb) * 4;
      const i10 = (yb * w + xa) * 4;
      const i11 = (yb * w + xb) * 4;
      const o = (oy * size + ox) * 3;
      for (let c = 0; c < 3; c++) {
        const top = data[i00 + c] * (1 - fx) + data[i01 + c] * fx;
        const bottom = data[i10 + c] * (1 - fx) + data[i11 + c] * fx;
        out[o + c] = (top * (1 - fy) + bottom * fy) / 255;
      }
    }
  }
  return out;
}

/** Decode a photo file and prepare it as a [1, size, size, 3] input (returned flat). */
export function loadPhotoTensorData(path: string, size: number): Float32Array {
  return cropResizeToTensorData(decodeImageFile(path), size);
}

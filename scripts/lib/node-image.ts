// Decode photos in Node (JPEG via jpeg-js, PNG via pngjs) and turn them into EfficientNet input
// exactly as the app does (src/model/preprocess.ts: the reference eval's crop and bicubic resize),
// RGB floats, NHWC order.
import { readFileSync } from 'node:fs';
import { centerCropBox } from '../../src/model/preprocess.ts';
import { copyCrop } from '../../src/model/test-support/copy-crop.ts';
import { resizeBicubicToRgb } from '../../src/model/resize-bicubic.ts';
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

/** The app's network input for `img` at `size` (alpha ignored: these photos are opaque). */
export function cropResizeToTensorData(img: RgbaImage, size: number): Float32Array {
  const box = centerCropBox(img.width, img.height, size);
  return resizeBicubicToRgb(copyCrop(img.data, img.width, box), box.side, size);
}

/** Decode a photo file and prepare it as a [1, size, size, 3] input (returned flat). */
export function loadPhotoTensorData(path: string, size: number): Float32Array {
  return cropResizeToTensorData(decodeImageFile(path), size);
}

import { describe, expect, it } from 'vitest';
import { formulaResolution } from '../scaling/coefficients';
import { OFFICIAL_VARIANTS } from '../scaling/constants';
import { centerCropBox, CROP_PADDING, type CropBox } from './preprocess';
import { copyCrop } from './test-support/copy-crop';
import { bicubicWeights, resizeBicubicToRgb } from './resize-bicubic';

// The reference: tensorflow/tpu models/official/efficientnet/preprocessing.py, _decode_and_center_crop
// (see preprocess.ts). Every expected box below was worked out by hand from
//   side = trunc(size / (size + 32) · min(w, h)),  offset = (extent − side + 1) // 2.

describe('centerCropBox (the reference crop)', () => {
  it('pads by 32 like the reference', () => expect(CROP_PADDING).toBe(32));

  it('a 1000×750 photo at every B0–B7 resolution and a formula one', () => {
    // e.g. B1: 240/272 · 750 = 661.76 → 661; (1000 − 661 + 1) // 2 = 170; (750 − 661 + 1) // 2 = 45
    const expected: Record<number, CropBox> = {
      224: { sx: 172, sy: 47, side: 656 },
      240: { sx: 170, sy: 45, side: 661 },
      260: { sx: 167, sy: 42, side: 667 },
      300: { sx: 162, sy: 37, side: 677 },
      380: { sx: 155, sy: 30, side: 691 },
      456: { sx: 150, sy: 25, side: 700 },
      528: { sx: 147, sy: 22, side: 707 },
      600: { sx: 144, sy: 19, side: 712 },
      318: { sx: 160, sy: 35, side: 681 }, // φ = 2.5 by the formula: round(224 · 1.15^2.5) = 318
    };
    expect(OFFICIAL_VARIANTS.map((v) => v.resolution)).toEqual([224, 240, 260, 300, 380, 456, 528, 600]);
    expect(formulaResolution(2.5)).toBe(318);
    for (const [size, box] of Object.entries(expected)) expect(centerCropBox(1000, 750, Number(size))).toEqual(box);
  });

  it('portrait, landscape and odd sizes: whole pixels, the odd pixel left of / above the centre', () => {
    expect(centerCropBox(375, 500, 224)).toEqual({ sx: 24, sy: 86, side: 328 }); // 328.125 → 328
    expect(centerCropBox(500, 375, 224)).toEqual({ sx: 86, sy: 24, side: 328 });
    expect(centerCropBox(301, 225, 224)).toEqual({ sx: 53, sy: 15, side: 196 }); // 196.875 → 196
    expect(centerCropBox(256, 256, 224)).toEqual({ sx: 16, sy: 16, side: 224 });
  });

  it('tiny images: at least one pixel', () => {
    expect(centerCropBox(7, 5, 224)).toEqual({ sx: 2, sy: 1, side: 4 }); // 4.375 → 4
    expect(centerCropBox(2, 2, 224)).toEqual({ sx: 1, sy: 1, side: 1 }); // 1.75 → 1
    expect(centerCropBox(1, 1, 224)).toEqual({ sx: 0, sy: 0, side: 1 }); // 0.875 → 0: TF fails, we keep 1
  });
});

// ---- the pixel path: crop (a pixel copy, as drawCrop's canvas does) then the reference bicubic resize ----

/** An opaque test image: R and G hash the column and the row, B is constant (channel order). */
function patternImage(width: number, height: number) {
  const R = (x: number, y: number) => (x * 37 + y * 11) % 256;
  const G = (x: number, y: number) => (x * 5 + y * 23) % 256;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgba.set([R(x, y), G(x, y), 7, 255], (y * width + x) * 4);
  return { rgba, R, G };
}

function networkInput(width: number, height: number, size: number) {
  const img = patternImage(width, height);
  const box = centerCropBox(width, height, size);
  return { ...img, box, input: resizeBicubicToRgb(copyCrop(img.rgba, width, box), box.side, size) };
}

const px = (input: Float32Array, size: number, x: number, y: number) => Array.from(input.subarray((y * size + x) * 3, (y * size + x) * 3 + 3));

describe('the pixel path against hand-computed values', () => {
  it("Keys' weights with A = −0.75", () => {
    expect(bicubicWeights(0)).toEqual([0, 1, 0, 0]);
    // far(1.5) = A(1.5³ − 5·1.5² + 8·1.5 − 4) = −0.75 · 0.125; near(0.5) = 1.25·0.125 − 2.25·0.25 + 1
    expect(bicubicWeights(0.5)).toEqual([-0.09375, 0.59375, 0.59375, -0.09375]);
  });

  it('same size: the crop itself, RGB order, divided by 255', () => {
    const { input, R, G } = networkInput(300, 256, 224); // box (38, 16), side 224
    for (const [x, y] of [
      [0, 0],
      [223, 0],
      [0, 223],
      [100, 57],
      [223, 223],
    ])
      expect(px(input, 224, x, y)).toEqual([R(38 + x, 16 + y), G(38 + x, 16 + y), 7].map((v) => Math.fround(v / 255)));
  });

  it('an exact 2× shrink point-samples every second pixel (no antialias, no half-pixel shift)', () => {
    const { box, input, R, G } = networkInput(512, 600, 224); // box (32, 76), side 448
    expect(box).toEqual({ sx: 32, sy: 76, side: 448 });
    for (const [x, y] of [
      [0, 0],
      [1, 1],
      [111, 5],
      [223, 223],
    ])
      expect(px(input, 224, x, y)).toEqual([R(32 + 2 * x, 76 + 2 * y), G(32 + 2 * x, 76 + 2 * y), 7].map((v) => Math.fround(v / 255)));
  });

  it('a 1.5× shrink mixes four pixels with weights (−3, 19, 19, −3)/32', () => {
    const { box, input } = networkInput(400, 384, 224); // box (32, 24), side 336
    expect(box).toEqual({ sx: 32, sy: 24, side: 336 });
    // Output (1, 0) samples x = 1.5 of the crop on crop row 0 (image row 24): image columns 32…35.
    // R = (37x + 11·24) % 256 over x = 32…35: 168, 205, 242, 23 (wrapped);  G = (5x + 552) % 256: 200, 205, 210, 215.
    const mix = (a: number, b: number, c: number, d: number) => (-3 * a + 19 * b + 19 * c - 3 * d) / 32 / 255;
    const [r, g, b] = px(input, 224, 1, 0);
    expect(r).toBeCloseTo(mix(168, 205, 242, 23), 6); // 247.5 / 255
    expect(g).toBeCloseTo(mix(200, 205, 210, 215), 6); // 207.5 / 255
    expect(b).toBeCloseTo(7 / 255, 6);
    // Output (1, 1) samples (1.5, 1.5): the same weights on rows 24…27 too. Row 25, columns 32…35
    // of R: 179, 216, 253, 34; row 26: 190, 227, 8, 45; row 27: 201, 238, 19, 56.
    const rows = [mix(168, 205, 242, 23), mix(179, 216, 253, 34), mix(190, 227, 8, 45), mix(201, 238, 19, 56)];
    expect(px(input, 224, 1, 1)[0]).toBeCloseTo((-3 * rows[0] + 19 * rows[1] + 19 * rows[2] - 3 * rows[3]) / 32, 6);
  });

  it('overshoots past 0–255 at a hard edge, like TF (no clamp)', () => {
    const side = 3;
    const crop = new Uint8ClampedArray(side * side * 4);
    for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) crop.set(x === 0 ? [0, 0, 0, 255] : [255, 255, 255, 255], (y * side + x) * 4);
    const out = resizeBicubicToRgb(crop, side, 2); // output x = 1 samples 1.5: taps 0, 1, 2, 2(clamped)
    expect(out[3]).toBeCloseTo((255 * (0.59375 + 0.59375 - 0.09375)) / 255, 6); // 1.09375 > 1
  });

  it('a one-pixel image fills the whole input with that pixel', () => {
    const { input } = networkInput(1, 1, 224);
    expect(input.length).toBe(224 * 224 * 3);
    expect(px(input, 224, 0, 0)).toEqual([0, 0, 7].map((v) => Math.fround(v / 255)));
    expect(px(input, 224, 223, 223)).toEqual(px(input, 224, 0, 0));
  });
});

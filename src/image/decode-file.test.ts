import { describe, expect, it } from 'vitest';
import { drawCrop } from '../model/preprocess';
import { whyUndecodable } from './decode-file';
import { fitWithin } from './limits';

// Decoder and sniffer tests: png-stream.test.ts, sniff.test.ts.

describe('messages for what the browser cannot decode', () => {
  it('name the format, the file name and the way out', async () => {
    const heic = await whyUndecodable(new File([new Uint8Array(4)], 'IMG_0001.HEIC'), { kind: 'heic' });
    expect(heic).toContain('HEIC');
    expect(heic).toContain('JPEG or PNG');
    const text = await whyUndecodable(new File(['just text'], 'photo.jpg'), { kind: 'text' });
    expect(text).toBe('it is not an image: the file contains text, not image data (the name ends in .jpg)');
    const cut = await whyUndecodable(new File([Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'a.jpg'), { kind: 'jpeg' });
    expect(cut).toContain('cut short');
    const corrupt = await whyUndecodable(new File([Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 0xff, 0xd9])], 'a.jpg'), { kind: 'jpeg' });
    expect(corrupt).toContain('corrupt');
  });
});

describe('fitWithin', () => {
  it('keeps the aspect ratio, never below 1 px', () => {
    expect(fitWithin(100, 50, 4096)).toBeNull();
    expect(fitWithin(12000, 12000, 4096)).toEqual({ width: 4096, height: 4096 });
    expect(fitWithin(8064, 6048, 4096)).toEqual({ width: 4096, height: 3072 });
    expect(fitWithin(100000, 3, 4096)).toEqual({ width: 4096, height: 1 });
  });
});

// ---- transparency: the network input is composited on white -----------------------------------

/** Just enough of a 2D context to composite: fillRect and an unscaled drawImage, source-over. */
class CompositingContext {
  px: number[];
  fillStyle = '#000000';
  imageSmoothingEnabled = false;
  imageSmoothingQuality = 'low';
  constructor(readonly size: number) {
    this.px = new Array(size * size * 4).fill(0); // transparent black, like a fresh canvas
  }
  fillRect(x: number, y: number, w: number, h: number) {
    const hex = this.fillStyle.replace('#', '');
    const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) this.px.splice((j * this.size + i) * 4, 4, ...rgb, 255);
  }
  drawImage(src: { rgba: number[] }) {
    for (let i = 0; i < this.size * this.size; i++) {
      const a = src.rgba[i * 4 + 3] / 255;
      for (let c = 0; c < 3; c++) this.px[i * 4 + c] = Math.round(src.rgba[i * 4 + c] * a + this.px[i * 4 + c] * (1 - a));
      this.px[i * 4 + 3] = Math.round(255 * (a + (this.px[i * 4 + 3] / 255) * (1 - a)));
    }
  }
}

describe('drawCrop', () => {
  it('composites transparent pixels on white (not the black of an empty canvas)', () => {
    const size = 2;
    const ctx = new CompositingContext(size);
    // transparent black, half-transparent red, opaque blue, transparent "green" (hidden colour)
    const rgba = [0, 0, 0, 0, 255, 0, 0, 128, 0, 0, 255, 255, 0, 255, 0, 0];
    drawCrop(ctx as unknown as CanvasRenderingContext2D, { rgba } as unknown as CanvasImageSource, { sx: 0, sy: 0, side: size });
    expect(ctx.px).toEqual([255, 255, 255, 255, 255, 127, 127, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
  });
});

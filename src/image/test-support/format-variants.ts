/** Test support (Node only, not used by the app): the format variants the browser tests give the
 *  app, made from a photo at test time instead of read from ../shared: an animated GIF (the first
 *  frame is the photo), a large 8-bit RGBA PNG (the case of hotdog.png: 2328×1722), an SVG drawn
 *  in points and a HEIC file's header. WebP needs an encoder Node lacks: the browser test makes it
 *  with a canvas. */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface Rgba {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row by row. */
  data: Uint8Array;
}

export function decodeJpeg(bytes: Uint8Array): Rgba {
  const { width, height, data } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { width, height, data };
}

/** `src` scaled to width × height (nearest neighbour), alpha as `alpha(x, y)` gives it. */
export function rescaled(src: Rgba, width: number, height: number, alpha: (x: number, y: number) => number = () => 255): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.floor((y * src.height) / height);
    for (let x = 0; x < width; x++) {
      const s = (sy * src.width + Math.floor((x * src.width) / width)) * 4;
      const d = (y * width + x) * 4;
      data.set(src.data.subarray(s, s + 3), d);
      data[d + 3] = alpha(x, y);
    }
  }
  return { width, height, data };
}

/** An 8-bit RGBA PNG (colour type 6) of `img`. */
export function rgbaPng(img: Rgba): Buffer {
  return PNG.sync.write({ width: img.width, height: img.height, data: Buffer.from(img.data) } as PNG, { colorType: 6 });
}

/** hotdog.png's case: a 2328×1722 8-bit RGBA PNG of `photo` (a JPEG), its top rows half transparent. */
export function largeRgbaPng(photo: Uint8Array): Buffer {
  return rgbaPng(rescaled(decodeJpeg(photo), 2328, 1722, (_x, y) => (y < 64 ? 128 : 255)));
}

// ---- GIF ----------------------------------------------------------------------------------------

/** The 3-3-2 palette index of a colour: 256 colours, no search. */
const index332 = (r: number, g: number, b: number) => (r & 0xe0) | ((g & 0xe0) >> 3) | (b >> 6);

function palette332(): Buffer {
  const p = Buffer.alloc(256 * 3);
  for (let i = 0; i < 256; i++) p.set([Math.round((((i >> 5) & 7) * 255) / 7), Math.round((((i >> 2) & 7) * 255) / 7), Math.round(((i & 3) * 255) / 3)], i * 3);
  return p;
}

/** LZW data of 8-bit indices as 9-bit literal codes, a clear code every 250 (before the table
 *  would need 10-bit codes): larger than real LZW, valid for every decoder. Packed into sub-blocks. */
function literalLzw(indices: Uint8Array): Buffer {
  const CLEAR = 256;
  const END = 257;
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  const put = (code: number) => {
    acc |= code << bits;
    bits += 9;
    while (bits >= 8) {
      bytes.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  };
  for (let i = 0; i < indices.length; i++) {
    if (i % 250 === 0) put(CLEAR);
    put(indices[i]);
  }
  put(END);
  if (bits > 0) bytes.push(acc & 0xff);
  const blocks: Buffer[] = [Buffer.from([8])]; // minimum code size
  for (let i = 0; i < bytes.length; i += 255) {
    const part = bytes.slice(i, i + 255);
    blocks.push(Buffer.from([part.length, ...part]));
  }
  blocks.push(Buffer.from([0]));
  return Buffer.concat(blocks);
}

const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);

function gifFrame(img: Rgba): Buffer {
  const indices = new Uint8Array(img.width * img.height);
  for (let i = 0; i < indices.length; i++) indices[i] = index332(img.data[i * 4], img.data[i * 4 + 1], img.data[i * 4 + 2]);
  const control = Buffer.from([0x21, 0xf9, 4, 0, ...u16(50), 0, 0]); // half a second a frame
  const descriptor = Buffer.concat([Buffer.from([0x2c]), u16(0), u16(0), u16(img.width), u16(img.height), Buffer.from([0])]);
  return Buffer.concat([control, descriptor, literalLzw(indices)]);
}

/** An animated, looping GIF89a: `frames` (all of the first one's size), 256 colours. */
export function animatedGif(frames: Rgba[]): Buffer {
  const { width, height } = frames[0];
  const screen = Buffer.concat([Buffer.from('GIF89a', 'latin1'), u16(width), u16(height), Buffer.from([0xf7, 0, 0]), palette332()]);
  const loop = Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from('NETSCAPE2.0', 'latin1'), Buffer.from([3, 1, 0, 0, 0])]);
  return Buffer.concat([screen, loop, ...frames.map(gifFrame), Buffer.from([0x3b])]);
}

/** A two-frame GIF: `photo` (a JPEG), then the same photo upside down. */
export function photoGif(photo: Uint8Array): Buffer {
  const first = decodeJpeg(photo);
  const flipped = new Uint8Array(first.data.length);
  const row = first.width * 4;
  for (let y = 0; y < first.height; y++) flipped.set(first.data.subarray(y * row, (y + 1) * row), (first.height - 1 - y) * row);
  return animatedGif([first, { ...first, data: flipped }]);
}

// ---- SVG and HEIC -------------------------------------------------------------------------------

/** A goldfish drawn in an SVG sized in points (1200pt × 585pt = 1600 × 780 CSS px). */
export function fishSvg(): Buffer {
  return Buffer.from(
    `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="1200pt" height="585pt" viewBox="0 0 1200 585">
  <rect width="1200" height="585" fill="#2a6f97"/>
  <polygon points="330,292 150,150 150,435" fill="#f08a24"/>
  <ellipse cx="620" cy="292" rx="330" ry="190" fill="#f4a259"/>
  <path d="M520 120 Q620 20 720 120 Z" fill="#e76f24"/>
  <circle cx="830" cy="250" r="34" fill="#fff"/>
  <circle cx="840" cy="250" r="16" fill="#111"/>
</svg>
`,
    'utf8',
  );
}

/** The start of a HEIC file: its ftyp box (brand heic, compatible mif1 and heic) and an empty
 *  meta box; enough for a sniffer, nothing any browser can decode. */
export function heicHeader(): Buffer {
  const box = (type: string, body: Buffer) => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(8 + body.length);
    return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
  };
  return Buffer.concat([box('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1')), box('meta', Buffer.alloc(64))]);
}

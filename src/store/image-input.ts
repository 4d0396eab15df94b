/** Turning a user's file into an ImageBitmap the worker can use, with clear messages for what the
 *  browser cannot read. EXIF orientation is honoured (imageOrientation "from-image").
 *
 *  The first bytes are sniffed before decoding: the real format (whatever the name says), the
 *  dimensions, and for JPEG the EXIF orientation. Images larger than MAX_SIDE are decoded at reduced
 *  size where the browser's own decoder would hold every pixel: Chromium's createImageBitmap
 *  decodes at full size even with resizeWidth/resizeHeight (measured: a 12000² PNG costs ~600 MB
 *  either way), so
 *   - PNG is streamed through DecompressionStream and box-averaged row by row (memory: the output
 *     plus a few rows), and shown through a small re-encoded copy, since an <img> of the original
 *     would decode all of it again;
 *   - JPEG goes through WebCodecs' ImageDecoder with desiredWidth/desiredHeight, which decodes
 *     with libjpeg's DCT scaling (an 11000² JPEG: +12 MB instead of +460 MB).
 *  Anything else (or where those are unavailable) falls back to a full decode and a resize. */

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Larger images are downscaled while decoding, so a 12000² PNG does not hold 576 MB of pixels. */
export const MAX_SIDE = 4096;
/** Refused before decoding (a 200 MP camera's 16320×12240 still passes): beyond this a tiny
 *  compressed file can unpack to gigabytes. */
export const MAX_PIXELS = 200_000_000;
/** PNGs over this many pixels are streamed (decodePngDownscaled) rather than decoded whole by the
 *  browser: slower (JS; ~3 s for 12000² on a busy 2-core machine, where Chromium takes 0.5 s) but a
 *  fraction of the memory. Below it, the full decode costs at most 200 MB, briefly. */
export const STREAM_PNG_PIXELS = 50_000_000;
/** Side of the re-encoded copy shown in place of a huge original. */
export const DISPLAY_SIDE = 2048;
/** How much of the file is read to sniff its format, size and orientation. */
const HEAD_BYTES = 256 * 1024;

export class ImageInputError extends Error {}

const fail = (file: File, why: string) => new ImageInputError(`Could not use "${file.name}": ${why}`);

export type ImageKind =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'bmp'
  | 'avif'
  | 'heic'
  | 'tiff'
  | 'ico'
  | 'svg'
  | 'text'
  | 'unknown';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

export interface Sniffed {
  kind: ImageKind;
  /** Displayed size (after EXIF orientation), when the header was readable. */
  width?: number;
  height?: number;
  /** EXIF orientation 1–8 (JPEG). */
  orientation?: number;
  png?: PngHeader;
}

const KIND_NAME: Record<ImageKind, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  avif: 'AVIF',
  heic: 'HEIC/HEIF',
  tiff: 'TIFF',
  ico: 'ICO',
  svg: 'SVG',
  text: 'text',
  unknown: 'unknown',
};

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const i32le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);

/** EXIF orientation from an APP1 payload ("Exif\0\0" + TIFF), or undefined. */
function exifOrientation(b: Uint8Array, start: number, end: number): number | undefined {
  if (end - start < 14 || ascii(b, start, 6) !== 'Exif\0\0') return undefined;
  const t = start + 6;
  const le = ascii(b, t, 2) === 'II';
  const r16 = (at: number) => (le ? u16le(b, at) : u16be(b, at));
  const r32 = (at: number) => (le ? (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0 : u32be(b, at));
  if (r16(t + 2) !== 42) return undefined;
  const ifd = t + r32(t + 4);
  if (ifd + 2 > end) return undefined;
  const n = r16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > end) return undefined;
    if (r16(e) === 0x0112) {
      const v = r16(e + 8);
      return v >= 1 && v <= 8 ? v : undefined;
    }
  }
  return undefined;
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function sniffJpeg(b: Uint8Array): Sniffed {
  let orientation: number | undefined;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) break;
    const m = b[i + 1];
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    if (m === 0xd9 || m === 0xda) break; // end of image, or entropy-coded data before any frame header
    const len = u16be(b, i + 2);
    if (len < 2) break;
    if (m === 0xe1 && orientation === undefined) orientation = exifOrientation(b, i + 4, Math.min(b.length, i + 2 + len));
    if (SOF.has(m) && i + 9 <= b.length) {
      const h = u16be(b, i + 5);
      const w = u16be(b, i + 7);
      if (!w || !h) break;
      const swap = orientation !== undefined && orientation >= 5;
      return { kind: 'jpeg', width: swap ? h : w, height: swap ? w : h, orientation };
    }
    i += 2 + len;
  }
  return { kind: 'jpeg', orientation };
}

function sniffWebp(b: Uint8Array): Sniffed {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return { kind: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    return {
      kind: 'webp',
      width: 1 + (b[21] | ((b[22] & 0x3f) << 8)),
      height: 1 + ((b[22] >> 6) | (b[23] << 2) | ((b[24] & 0x0f) << 10)),
    };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { kind: 'webp', width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return { kind: 'webp' };
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

function sniffIsoBmff(b: Uint8Array): Sniffed | null {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return null;
  const size = Math.min(u32be(b, 0), b.length);
  const brands = [ascii(b, 8, 4)];
  for (let at = 16; at + 4 <= Math.min(size, 256); at += 4) brands.push(ascii(b, at, 4));
  if (brands.some((x) => x === 'avif' || x === 'avis')) return { kind: 'avif' };
  if (brands.some((x) => HEIF_BRANDS.has(x))) return { kind: 'heic' };
  return null;
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0x7f || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b)) return false;
  }
  return n > 0;
}

/** What the first bytes of a file say it is, whatever its name or MIME type claims. */
export function sniffImage(b: Uint8Array): Sniffed {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return sniffJpeg(b);
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') {
    if (b.length < 29 || ascii(b, 12, 4) !== 'IHDR') return { kind: 'png' };
    const png: PngHeader = {
      width: u32be(b, 16),
      height: u32be(b, 20),
      bitDepth: b[24],
      colorType: b[25],
      interlaced: b[28] === 1,
    };
    return { kind: 'png', width: png.width, height: png.height, png };
  }
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    return { kind: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  }
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return sniffWebp(b);
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return { kind: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  const iso = sniffIsoBmff(b);
  if (iso) return iso;
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return { kind: 'tiff' };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0) return { kind: 'ico' };
  if (looksLikeText(b)) {
    const text = new TextDecoder().decode(b.subarray(0, 4096));
    return { kind: /<svg[\s>]/i.test(text) ? 'svg' : 'text' };
  }
  return { kind: 'unknown' };
}

export function fitWithin(w: number, h: number, max: number): { width: number; height: number } | null {
  if (w <= max && h <= max) return null;
  const s = max / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

// ---------------------------------------------------------------------------------------------
// Streaming PNG decode with box downscaling

export interface RgbaImage {
  width: number;
  height: number;
  /** Non-premultiplied RGBA, as ImageData holds it. */
  data: Uint8ClampedArray<ArrayBuffer>;
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Bytes of compressed data handed to the inflater at a time (≤ ~4 MB of output each). */
const INFLATE_PIECE = 4096;

class PngError extends Error {}
/** Neither createImageBitmap nor an <img> could decode the file. */
class Undecodable extends Error {}

/** Decodes a (non-interlaced) PNG from a byte stream, averaging k×k blocks of pixels into one
 *  (k = the smallest integer bringing both sides to ≤ maxSide; 1 decodes at full size). Averages
 *  are alpha-weighted, so transparent pixels' hidden colours do not bleed. Memory: the output
 *  plus a few rows. Colour-space chunks (gAMA, iCCP) are ignored. */
export async function decodePngDownscaled(stream: ReadableStream<Uint8Array<ArrayBuffer>>, maxSide: number): Promise<RgbaImage> {
  const inflate = new DecompressionStream('deflate');
  const writer = inflate.writable.getWriter();
  let header: PngHeader | null = null;
  let palette: Uint8Array | null = null;
  let trns: Uint8Array | null = null;
  let resolveHeader!: (h: PngHeader) => void;
  let rejectHeader!: (e: unknown) => void;
  const headerReady = new Promise<PngHeader>((res, rej) => {
    resolveHeader = res;
    rejectHeader = rej;
  });

  // Producer: split the file into chunks, feed IDAT payloads to the inflater.
  const produce = async () => {
    const reader = stream.getReader();
    const SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    let sigSeen = 0;
    const head = new Uint8Array(8); // length + type of the chunk being read
    let headSeen = 0;
    let type = '';
    let left = 0; // bytes of the current chunk's data (then of its CRC) still to come
    let inCrc = false;
    let small: Uint8Array | null = null; // IHDR / PLTE / tRNS data being collected
    let smallAt = 0;
    let ended = false;
    const dataDone = () => {
      if (type === 'IHDR' && small) {
        if (smallAt < 13) throw new PngError('short IHDR');
        header = {
          width: u32be(small, 0),
          height: u32be(small, 4),
          bitDepth: small[8],
          colorType: small[9],
          interlaced: small[12] === 1,
        };
        resolveHeader(header);
      } else if (type === 'PLTE' && small) palette = small.slice(0, smallAt);
      else if (type === 'tRNS' && small) trns = small.slice(0, smallAt);
      else if (type === 'IEND') ended = true;
      inCrc = true;
      left = 4;
    };
    try {
      while (!ended) {
        const { value, done } = await reader.read();
        if (done) break;
        let i = 0;
        while (i < value.length && !ended) {
          if (sigSeen < 8) {
            if (value[i++] !== SIG[sigSeen++]) throw new PngError('not a PNG');
            continue;
          }
          if (headSeen < 8) {
            head[headSeen++] = value[i++];
            if (headSeen === 8) {
              left = u32be(head, 0);
              type = ascii(head, 4, 4);
              inCrc = false;
              if (!header && type !== 'IHDR') throw new PngError('the first chunk is not IHDR');
              small = type === 'IHDR' || type === 'PLTE' || type === 'tRNS' ? new Uint8Array(Math.min(left, 1024)) : null;
              smallAt = 0;
              if (left === 0) dataDone();
            }
            continue;
          }
          const n = Math.min(left, value.length - i);
          if (!inCrc) {
            if (type === 'IDAT') {
              // Small pieces: the inflater queues all the output of one write (deflate reaches
              // ~1000:1, so 64 KB of a blank image is 64 MB); backpressure only acts between writes.
              for (let at = i; at < i + n; at += INFLATE_PIECE) await writer.write(value.subarray(at, Math.min(i + n, at + INFLATE_PIECE)));
            } else if (small) {
              const take = Math.min(n, small.length - smallAt);
              small.set(value.subarray(i, i + take), smallAt);
              smallAt += take;
            }
          }
          i += n;
          left -= n;
          if (left > 0) continue;
          if (!inCrc) dataDone();
          else headSeen = 0;
        }
      }
      if (!header) throw new PngError('the file ends before the PNG header');
      await writer.close();
    } catch (e) {
      rejectHeader(e);
      await writer.abort(e).catch(() => undefined);
      throw e;
    } finally {
      void reader.cancel().catch(() => undefined);
    }
  };

  // Consumer: undo the row filters, convert to RGBA and box-average.
  const consume = async (): Promise<RgbaImage> => {
    const reader = inflate.readable.getReader();
    try {
      return await rows(reader, await headerReady);
    } catch (e) {
      void reader.cancel().catch(() => undefined);
      throw e;
    }
  };

  const rows = async (reader: ReadableStreamDefaultReader<Uint8Array>, h: PngHeader): Promise<RgbaImage> => {
    const { width: W, height: H, bitDepth: depth, colorType } = h;
    const channels = PNG_CHANNELS[colorType];
    if (!channels || !PNG_DEPTHS[colorType].includes(depth)) throw new PngError(`unsupported PNG format (colour type ${colorType}, ${depth}-bit)`);
    if (h.interlaced) throw new PngError('interlaced PNG');
    if (!W || !H) throw new PngError('zero-sized PNG');
    const k = Math.max(1, Math.ceil(Math.max(W, H) / maxSide));
    const outW = Math.ceil(W / k);
    const outH = Math.ceil(H / k);
    const out = new Uint8ClampedArray(outW * outH * 4);
    const stride = Math.ceil((W * channels * depth) / 8);
    const bpp = Math.max(1, (channels * depth) >> 3);
    let prev = new Uint8Array(stride);
    let cur = new Uint8Array(stride);
    const rgba = new Uint8Array(W * 4);
    const acc = new Float64Array(outW * 4);
    let rowsInAcc = 0;
    let outRow = 0;
    let filter = -1; // filter byte of the row being filled; -1: not read yet
    let filled = 0;
    let done = 0; // rows decoded

    // PLTE and tRNS precede IDAT, so they are known once image data arrives.
    let pal: Uint8Array = new Uint8Array(0);
    let tGrey = -1; // tRNS for grey / RGB: the one transparent colour, at full sample precision
    let tRgb: number[] | null = null;
    const chunkTables = () => {
      pal = palette ?? pal;
      if (colorType === 0 && trns && trns.length >= 2) tGrey = u16be(trns, 0);
      if (colorType === 2 && trns && trns.length >= 6) tRgb = [u16be(trns, 0), u16be(trns, 2), u16be(trns, 4)];
    };

    const toRgba = () => {
      if (colorType === 6 && depth === 8) {
        rgba.set(cur.subarray(0, W * 4));
        return;
      }
      if (colorType === 2 && depth === 8) {
        for (let x = 0, s = 0, d = 0; x < W; x++, s += 3, d += 4) {
          rgba[d] = cur[s];
          rgba[d + 1] = cur[s + 1];
          rgba[d + 2] = cur[s + 2];
          rgba[d + 3] = tRgb && cur[s] === tRgb[0] && cur[s + 1] === tRgb[1] && cur[s + 2] === tRgb[2] ? 0 : 255;
        }
        return;
      }
      const bytes = depth >> 3; // 0 for sub-byte depths
      for (let x = 0, d = 0; x < W; x++, d += 4) {
        if (depth < 8) {
          const bit = x * depth;
          const v = (cur[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
          if (colorType === 3) {
            rgba[d] = pal[v * 3] ?? 0;
            rgba[d + 1] = pal[v * 3 + 1] ?? 0;
            rgba[d + 2] = pal[v * 3 + 2] ?? 0;
            rgba[d + 3] = trns && v < trns.length ? trns[v] : 255;
          } else {
            const g = (v * 255) / ((1 << depth) - 1);
            rgba[d] = rgba[d + 1] = rgba[d + 2] = g;
            rgba[d + 3] = v === tGrey ? 0 : 255;
          }
          continue;
        }
        const s = x * channels * bytes;
        const sample = (c: number) => (bytes === 2 ? u16be(cur, s + c * 2) : cur[s + c]);
        // 8 bits of each sample (16-bit ones rounded: v·255/65535)
        const hi = (c: number) => (bytes === 2 ? Math.floor((u16be(cur, s + c * 2) * 255) / 65535 + 0.5) : cur[s + c]);
        switch (colorType) {
          case 0:
            rgba[d] = rgba[d + 1] = rgba[d + 2] = hi(0);
            rgba[d + 3] = sample(0) === tGrey ? 0 : 255;
            break;
          case 2:
            rgba[d] = hi(0);
            rgba[d + 1] = hi(1);
            rgba[d + 2] = hi(2);
            rgba[d + 3] = tRgb && sample(0) === tRgb[0] && sample(1) === tRgb[1] && sample(2) === tRgb[2] ? 0 : 255;
            break;
          case 3: {
            const v = cur[s];
            rgba[d] = pal[v * 3] ?? 0;
            rgba[d + 1] = pal[v * 3 + 1] ?? 0;
            rgba[d + 2] = pal[v * 3 + 2] ?? 0;
            rgba[d + 3] = trns && v < trns.length ? trns[v] : 255;
            break;
          }
          case 4:
            rgba[d] = rgba[d + 1] = rgba[d + 2] = hi(0);
            rgba[d + 3] = hi(1);
            break;
          default:
            rgba[d] = hi(0);
            rgba[d + 1] = hi(1);
            rgba[d + 2] = hi(2);
            rgba[d + 3] = hi(3);
        }
      }
    };

    const flush = () => {
      const o = outRow * outW * 4;
      for (let ox = 0; ox < outW; ox++) {
        const a4 = ox * 4;
        const count = rowsInAcc * Math.min(k, W - ox * k);
        const A = acc[a4 + 3];
        if (A > 0) {
          out[o + a4] = Math.round(acc[a4] / A);
          out[o + a4 + 1] = Math.round(acc[a4 + 1] / A);
          out[o + a4 + 2] = Math.round(acc[a4 + 2] / A);
        }
        out[o + a4 + 3] = Math.round(A / count);
      }
      acc.fill(0);
      rowsInAcc = 0;
      outRow++;
    };

    const finishRow = () => {
      if (filter > 4) throw new PngError(`bad row filter ${filter}`);
      unfilter(filter, cur, prev, bpp);
      if (depth === 8 && (colorType === 6 || (colorType === 2 && !tRgb))) accumulate(cur, channels, acc, k);
      else {
        toRgba();
        accumulate(rgba, 4, acc, k);
      }
      rowsInAcc++;
      done++;
      if (rowsInAcc === k || done === H) flush();
      const t = prev;
      prev = cur;
      cur = t;
      filter = -1;
      filled = 0;
    };

    let first = true;
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      if (first) {
        chunkTables();
        first = false;
      }
      let i = 0;
      while (i < value.length && done < H) {
        if (filter < 0) {
          filter = value[i++];
          continue;
        }
        const n = Math.min(stride - filled, value.length - i);
        cur.set(value.subarray(i, i + n), filled);
        filled += n;
        i += n;
        if (filled === stride) finishRow();
      }
    }
    if (done < H) throw new PngError(`the image data ends after ${done} of ${H} rows`);
    return { width: outW, height: outH, data: out };
  };

  const [, image] = await Promise.all([produce(), consume()]);
  return image;
}

// Hot loops as plain functions of typed arrays (monomorphic, no closure slots): a 12000² PNG runs
// 432 M bytes through them.

function unfilter(filter: number, cur: Uint8Array, prev: Uint8Array, bpp: number): void {
  const n = cur.length;
  switch (filter) {
    case 1:
      for (let i = bpp; i < n; i++) cur[i] = (cur[i] + cur[i - bpp]) & 255;
      return;
    case 2:
      for (let i = 0; i < n; i++) cur[i] = (cur[i] + prev[i]) & 255;
      return;
    case 3:
      for (let i = 0; i < bpp; i++) cur[i] = (cur[i] + (prev[i] >> 1)) & 255;
      for (let i = bpp; i < n; i++) cur[i] = (cur[i] + ((cur[i - bpp] + prev[i]) >> 1)) & 255;
      return;
    case 4:
      for (let i = 0; i < bpp; i++) cur[i] = (cur[i] + prev[i]) & 255;
      for (let i = bpp; i < n; i++) {
        const a = cur[i - bpp];
        const b = prev[i];
        const c = prev[i - bpp];
        const p = a + b - c;
        const pa = p > a ? p - a : a - p;
        const pb = p > b ? p - b : b - p;
        const pc = p > c ? p - c : c - p;
        cur[i] = (cur[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 255;
      }
      return;
  }
}

/** Adds one row of 8-bit RGB (3) or RGBA (4) pixels into `acc` (per output column: Σr·a, Σg·a,
 *  Σb·a, Σa), k columns per output column. */
function accumulate(px: Uint8Array, channels: number, acc: Float64Array, k: number): void {
  if (channels === 3) {
    for (let d = 0, o = 0, run = 0, n = px.length - 2; d < n; d += 3) {
      acc[o] += px[d] * 255;
      acc[o + 1] += px[d + 1] * 255;
      acc[o + 2] += px[d + 2] * 255;
      acc[o + 3] += 255;
      if (++run === k) {
        run = 0;
        o += 4;
      }
    }
    return;
  }
  const rgba = px;
  const n = rgba.length - 3;
  for (let d = 0, o = 0, run = 0; d < n; d += 4) {
    const a = rgba[d + 3];
    if (a === 255) {
      acc[o] += rgba[d] * 255;
      acc[o + 1] += rgba[d + 1] * 255;
      acc[o + 2] += rgba[d + 2] * 255;
      acc[o + 3] += 255;
    } else if (a !== 0) {
      acc[o] += rgba[d] * a;
      acc[o + 1] += rgba[d + 1] * a;
      acc[o + 2] += rgba[d + 2] * a;
      acc[o + 3] += a;
    }
    if (++run === k) {
      run = 0;
      o += 4;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding in the browser

async function viaImageElement(url: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.decoding = 'async';
  img.src = url;
  await img.decode();
  return img;
}

/** A huge PNG, decoded at reduced size by decodePngDownscaled. */
async function decodeBigPng(file: File): Promise<ImageBitmap> {
  const img = await decodePngDownscaled(file.stream(), MAX_SIDE);
  return createImageBitmap(new ImageData(img.data, img.width, img.height));
}

/** A huge JPEG through WebCodecs' ImageDecoder, which decodes at n/8 scale (libjpeg's DCT scaling)
 *  when asked for a smaller size, and applies EXIF orientation. Chromium picks the largest n/8 whose
 *  area fits the desired one, so we ask for the smallest n/8 at or above the target, then resize.
 *  null where unavailable or failing. */
async function decodeBigJpeg(file: File, size: { width: number; height: number }, target: { width: number; height: number }): Promise<ImageBitmap | null> {
  if (typeof ImageDecoder === 'undefined') return null;
  const eighths = Math.min(8, Math.ceil((8 * target.width) / size.width - 1e-9));
  const desiredWidth = Math.ceil((size.width * eighths) / 8);
  const desiredHeight = Math.ceil((size.height * eighths) / 8);
  let decoder: ImageDecoder | null = null;
  try {
    decoder = new ImageDecoder({ data: file.stream(), type: 'image/jpeg', desiredWidth, desiredHeight });
    const { image } = await decoder.decode();
    try {
      const fit = fitWithin(image.displayWidth, image.displayHeight, MAX_SIDE);
      return await createImageBitmap(image, fit ? { resizeWidth: fit.width, resizeHeight: fit.height, resizeQuality: 'high' } : {});
    } finally {
      image.close();
    }
  } catch {
    return null;
  } finally {
    decoder?.close();
  }
}

/** An <img> renders SVG only when the Blob says image/svg+xml (there is no sniffing for SVG), and a
 *  File's type comes from its name's extension, or is empty. */
const asSvg = (file: File, kind: ImageKind): Blob => (kind === 'svg' && file.type !== 'image/svg+xml' ? new Blob([file], { type: 'image/svg+xml' }) : file);

/** Formats createImageBitmap takes from a Blob: when it fails on one, the data is bad, and an <img>
 *  (which shows partial images, e.g. a cut-short JPEG's top) is no way out. */
const BITMAP_KINDS = new Set<ImageKind>(['jpeg', 'png', 'gif', 'webp', 'bmp', 'ico']);

/** createImageBitmap, or an <img> for what it cannot take from a Blob (SVG, which the <img>
 *  rasterises; formats some browsers show only through <img>). Throws Undecodable when neither can
 *  decode the file. */
async function decodeWithBrowser(file: File, kind: ImageKind, target: { width: number; height: number } | null): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(
      file,
      target
        ? { imageOrientation: 'from-image', resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' }
        : { imageOrientation: 'from-image' },
    );
  } catch {
    if (BITMAP_KINDS.has(kind)) throw new Undecodable();
    const src = URL.createObjectURL(asSvg(file, kind));
    try {
      let img: HTMLImageElement;
      try {
        img = await viaImageElement(src);
      } catch {
        throw new Undecodable();
      }
      const w = img.naturalWidth || 512;
      const h = img.naturalHeight || 512;
      const size = fitWithin(w, h, MAX_SIDE) ?? { width: w, height: h };
      try {
        return await createImageBitmap(img, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' });
      } catch {
        throw new Undecodable();
      }
    } finally {
      URL.revokeObjectURL(src);
    }
  }
}

/** A small re-encoded copy of `bitmap` to show instead of a huge original. */
async function displayUrl(bitmap: ImageBitmap): Promise<string> {
  const fit = fitWithin(bitmap.width, bitmap.height, DISPLAY_SIDE) ?? { width: bitmap.width, height: bitmap.height };
  const canvas = new OffscreenCanvas(fit.width, fit.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, fit.width, fit.height);
  return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 }));
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

async function endsWithJpegEoi(file: File): Promise<boolean> {
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 4096)).arrayBuffer());
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
  return false;
}

/** Why a file the browser could not decode failed, in the user's terms. */
export async function whyUndecodable(file: File, info: Sniffed): Promise<string> {
  const ext = extension(file.name);
  const named = ext ? ` (the name ends in .${ext})` : '';
  switch (info.kind) {
    case 'heic':
      return 'it is a HEIC/HEIF image (the iPhone camera format), which this browser cannot decode; convert it to JPEG or PNG first (on an iPhone: Settings › Camera › Formats › Most Compatible)';
    case 'avif':
    case 'tiff':
      return `it is a ${KIND_NAME[info.kind]} image, which this browser cannot decode; convert it to JPEG or PNG first`;
    case 'text':
      return `it is not an image: the file contains text, not image data${named}`;
    case 'unknown':
      return `it is not an image this browser can read: the contents are not JPEG, PNG, GIF, WebP, BMP or SVG data${named}`;
    case 'jpeg':
      return (await endsWithJpegEoi(file))
        ? 'the JPEG data is corrupt and cannot be decoded; re-save it as JPEG or PNG'
        : 'the JPEG data is cut short (the file ends before the image does) and cannot be decoded; was the download or copy interrupted?';
    case 'svg':
      return 'the SVG could not be rendered (invalid SVG, or it has no size); re-save it or export it as PNG';
    default:
      return `the ${KIND_NAME[info.kind]} data is corrupt or cut short and cannot be decoded; re-save it as JPEG or PNG`;
  }
}

/** Decodes `file`; returns the bitmap (for the worker) and an object URL (for display). */
export async function decodeImageFile(file: File): Promise<{ bitmap: ImageBitmap; url: string }> {
  if (file.size === 0) throw fail(file, 'the file is empty (0 bytes)');
  if (file.size > MAX_FILE_BYTES) {
    throw fail(file, `the file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`);
  }
  const info = sniffImage(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  const { width: w, height: h } = info;
  const pixels = w && h ? w * h : 0;
  if (w && h && pixels > MAX_PIXELS) {
    throw fail(file, `the image is ${w}×${h} pixels (${Math.round(pixels / 1e6)} megapixels); the limit is ${MAX_PIXELS / 1e6} megapixels`);
  }
  const target = w && h ? fitWithin(w, h, MAX_SIDE) : null;
  let bitmap: ImageBitmap | null = null;
  let url: string | null = null;
  try {
    if (target && info.png && !info.png.interlaced && pixels > STREAM_PNG_PIXELS) {
      try {
        bitmap = await decodeBigPng(file);
      } catch (e) {
        // PngError: our decoder's finding; TypeError: the inflater's (bad or cut-short zlib data).
        if (e instanceof PngError || e instanceof TypeError) {
          throw fail(file, `the PNG data is corrupt or cut short and cannot be decoded (${e.message})`);
        }
        throw e;
      }
    } else if (target && info.kind === 'jpeg') {
      bitmap = await decodeBigJpeg(file, { width: w!, height: h! }, target);
    }
    if (!bitmap) {
      try {
        bitmap = await decodeWithBrowser(file, info.kind, target);
      } catch (e) {
        if (e instanceof Undecodable) throw fail(file, await whyUndecodable(file, info));
        throw e;
      }
    }
    const shrink = fitWithin(bitmap.width, bitmap.height, MAX_SIDE);
    if (shrink) {
      const big = bitmap;
      bitmap = await createImageBitmap(big, { resizeWidth: shrink.width, resizeHeight: shrink.height, resizeQuality: 'high' });
      big.close();
    }
    // An <img> of a huge original would decode all of it again (Chromium scales JPEG decodes for
    // display, and SVG is vector): show a small copy instead.
    const hugeRaster = (target !== null || shrink !== null) && info.kind !== 'jpeg' && info.kind !== 'svg';
    url = hugeRaster ? await displayUrl(bitmap) : URL.createObjectURL(asSvg(file, info.kind));
    return { bitmap, url };
  } catch (e) {
    bitmap?.close();
    if (url) URL.revokeObjectURL(url);
    throw e instanceof ImageInputError ? e : fail(file, (e as Error).message);
  }
}

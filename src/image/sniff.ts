/** What a file really is (format, size, EXIF orientation), read from its first bytes (a JPEG's
 *  further, where its frame header lies deeper), whatever its name says. */

import { ascii, i32le, u16be, u16le, u24le, u32be } from './bytes';

/** The IHDR chunk's data at `at` (the sniffer and the streaming decoder both read it). */
export const readIhdr = (b: Uint8Array, at: number) => ({
  width: u32be(b, at),
  height: u32be(b, at + 4),
  bitDepth: b[at + 8],
  colorType: b[at + 9],
  interlaced: b[at + 12] === 1,
});
export type PngHeader = ReturnType<typeof readIhdr>;

export type Size = { width: number; height: number };

export interface Sniffed {
  kind: ImageKind;
  /** Displayed size (after EXIF orientation), when the header was readable. */
  width?: number;
  height?: number;
  /** EXIF orientation 1–8 (JPEG). */
  orientation?: number;
  png?: PngHeader;
}

/** Format names as the user knows them, for messages. */
export const KIND_NAME = {
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
export type ImageKind = keyof typeof KIND_NAME;

/** EXIF orientation from an APP1 payload ("Exif\0\0" + TIFF), or undefined. */
function exifOrientation(b: Uint8Array, start: number, end: number): number | undefined {
  if (end - start < 14 || ascii(b, start, 6) !== 'Exif\0\0') return undefined;
  const t = start + 6;
  const le = ascii(b, t, 2) === 'II';
  const r16 = (at: number) => (le ? u16le(b, at) : u16be(b, at));
  const r32 = (at: number) => (le ? i32le(b, at) >>> 0 : u32be(b, at));
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

/** Where a JPEG segment walk over a window of the file stopped: the result, or where to resume. */
type JpegWalk = { done: Sniffed } | { more: number; orientation?: number };

/** Walks JPEG segments in `b` from `i` (a marker). Stops with `more` where the window runs out, so
 *  a caller holding only part of the file (probeJpeg) can read on from there. */
function walkJpeg(b: Uint8Array, i: number, orientation?: number): JpegWalk {
  while (i + 4 <= b.length) {
    // As libjpeg's next_marker: stray bytes before a marker, fill bytes (FF FF…) and stuffed
    // zeros (FF 00) are skipped, so a stray byte cannot hide the frame header from this walk.
    const m = b[i + 1];
    if (b[i] !== 0xff || m === 0xff) {
      i++;
      continue;
    }
    // stuffed zero, and the markers without a length (SOI, TEM, RSTn)
    if (m === 0x00 || m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = u16be(b, i + 2);
    // end of image, entropy-coded data before any frame header, or a segment length under 2
    if (m === 0xd9 || m === 0xda || len < 2) return { done: { kind: 'jpeg', orientation } };
    if (m === 0xe1 && orientation === undefined) orientation = exifOrientation(b, i + 4, Math.min(b.length, i + 2 + len));
    if (SOF.has(m)) {
      if (i + 9 > b.length) break; // frame header cut by the window: resume at it
      const h = u16be(b, i + 5);
      const w = u16be(b, i + 7);
      if (!w || !h) return { done: { kind: 'jpeg', orientation } };
      const swap = orientation !== undefined && orientation >= 5;
      return { done: { kind: 'jpeg', width: swap ? h : w, height: swap ? w : h, orientation } };
    }
    i += 2 + len;
  }
  return { more: i, orientation };
}

/** Bytes read per step; a step skips whole segments without reading them. */
const WINDOW = 64 * 1024;

/** A JPEG's size when its frame header (SOF) lies beyond the sniffed head: cameras and editors put
 *  EXIF thumbnails, ICC profiles (APP2) or XMP before it, sometimes hundreds of KB. Walks the
 *  segment chain of `file` from its start, reading windows via Blob.slice as needed.
 *  There is no limit on the number of segments or reads, only the file's own span (≤ the file
 *  size limit): libjpeg walks every one of them, so a frame header behind thousands of segments
 *  still sets the size. Every read moves forward (a window holds at least one marker step). */
export async function probeJpeg(file: Blob): Promise<Sniffed> {
  let pos = 0;
  let at = 2; // after SOI
  let orientation: number | undefined;
  while (pos + at < file.size) {
    pos += at;
    const b = new Uint8Array(await file.slice(pos, pos + WINDOW).arrayBuffer());
    const r = walkJpeg(b, 0, orientation);
    if ('done' in r) return r.done;
    if (r.more === 0) break; // the file ends inside a segment header
    at = r.more;
    orientation = r.orientation;
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

/** A GIF's size as Chromium decodes it: the logical screen grown to hold the first frame (its
 *  image descriptor), so a "1×1" screen cannot hide a huge frame. No descriptor in `b`: no size. */
function sniffGif(b: Uint8Array): Sniffed {
  const flags = b.length > 10 ? b[10] : 0;
  let i = 13 + (flags & 0x80 ? 3 * (2 << (flags & 7)) : 0); // after the global colour table
  while (i < b.length) {
    if (b[i] === 0x2c) {
      if (i + 9 > b.length) break;
      const width = Math.max(u16le(b, 6), u16le(b, i + 1) + u16le(b, i + 5));
      const height = Math.max(u16le(b, 8), u16le(b, i + 3) + u16le(b, i + 7));
      return { kind: 'gif', width, height };
    }
    if (b[i] !== 0x21) break; // the trailer, or bytes Chromium takes as the end
    i += 2; // introducer and label, then sub-blocks up to a zero length
    while (i < b.length && b[i] !== 0) i += b[i] + 1;
    i++;
  }
  return { kind: 'gif' };
}

/** BMP size from the info header; OS/2's 12-byte core header holds 16-bit sides. */
function sniffBmp(b: Uint8Array): Sniffed {
  if (u16le(b, 14) === 12 && b[16] === 0 && b[17] === 0) return { kind: 'bmp', width: u16le(b, 18), height: u16le(b, 20) };
  return { kind: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
}

/** ICO/CUR: the largest directory entry (0 means 256). Chromium fails an entry whose embedded PNG
 *  or BMP disagrees with its directory size, so no icon decodes larger than 256×256. */
function sniffIco(b: Uint8Array): Sniffed {
  const n = b.length >= 6 ? u16le(b, 4) : 0;
  let width = 0;
  let height = 0;
  for (let e = 6, k = 0; k < n && e + 16 <= b.length; k++, e += 16) {
    width = Math.max(width, b[e] || 256);
    height = Math.max(height, b[e + 1] || 256);
  }
  return width ? { kind: 'ico', width, height } : { kind: 'ico' };
}

/** AVIF: the largest 'ispe' (image spatial extents) property in `b`; a grid's own is its full size. */
function avifSize(b: Uint8Array): Size | null {
  let best: Size | null = null;
  for (let i = 4; i + 16 <= b.length; i++) {
    if (b[i] !== 0x69 || ascii(b, i, 4) !== 'ispe') continue;
    const width = u32be(b, i + 8);
    const height = u32be(b, i + 12);
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

function sniffIsoBmff(b: Uint8Array): Sniffed | null {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return null;
  const size = Math.min(u32be(b, 0), b.length);
  const brands = [ascii(b, 8, 4)];
  for (let at = 16; at + 4 <= Math.min(size, 256); at += 4) brands.push(ascii(b, at, 4));
  if (brands.some((x) => x === 'avif' || x === 'avis')) return { kind: 'avif', ...avifSize(b) };
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
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const r = walkJpeg(b, 2);
    return 'done' in r ? r.done : { kind: 'jpeg', orientation: r.orientation };
  }
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') {
    if (b.length < 29 || ascii(b, 12, 4) !== 'IHDR') return { kind: 'png' };
    const png = readIhdr(b, 16);
    return { kind: 'png', width: png.width, height: png.height, png };
  }
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return sniffGif(b);
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return sniffWebp(b);
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return sniffBmp(b);
  const iso = sniffIsoBmff(b);
  if (iso) return iso;
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return { kind: 'tiff' };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && (b[2] === 1 || b[2] === 2) && b[3] === 0) return sniffIco(b);
  if (looksLikeText(b)) {
    const text = new TextDecoder().decode(b.subarray(0, 4096));
    return { kind: /<svg[\s>]/i.test(text) ? 'svg' : 'text' };
  }
  return { kind: 'unknown' };
}

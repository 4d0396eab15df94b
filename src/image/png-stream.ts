/** Huge PNGs decoded in JS from a stream and box-downscaled row by row, where the browser would hold every pixel:
 *  the chunks read (png-chunks.ts), the rows inflated, unfiltered, converted to RGBA and box-averaged. */

import { u16be } from './bytes';
import { sizeRefusal } from './limits';
import { PngError, readPngChunks, type PngParts } from './png-chunks';

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Turns the inflated rows from `reader` into an RGBA image, averaging k×k blocks of pixels into one
 *  (k = the smallest integer bringing both sides to ≤ maxSide). Reads no further than the last row. */
async function decodePngRows(reader: ReadableStreamDefaultReader<Uint8Array>, png: PngParts, maxSide: number) {
  const { header: h, palette: pal, trns } = png;
  const { width: W, height: H, bitDepth: depth, colorType } = h;
  const channels = PNG_CHANNELS[colorType];
  if (!channels || !PNG_DEPTHS[colorType].includes(depth)) throw new PngError(`unsupported PNG format (colour type ${colorType}, ${depth}-bit)`);
  if (h.interlaced) throw new PngError('interlaced PNG');
  if (!W || !H) throw new PngError('zero-sized PNG');
  // The stream's own IHDR is checked too (not only the sniffed one): no row or output buffer past the limits.
  const tooBig = sizeRefusal(W, H);
  if (tooBig) throw new PngError(tooBig);
  const k = Math.max(1, Math.ceil(Math.max(W, H) / maxSide));
  const outW = Math.ceil(W / k);
  const outH = Math.ceil(H / k);
  /** Non-premultiplied RGBA, as ImageData holds it. */
  const out = new Uint8ClampedArray(outW * outH * 4);
  const stride = Math.ceil((W * channels * depth) / 8);
  const bpp = Math.max(1, (channels * depth) >> 3);
  // A row as it arrives: its filter byte, then `stride` bytes; `px`, the view past that byte, is the row.
  let prev = new Uint8Array(stride + 1);
  let cur = new Uint8Array(stride + 1);
  let px = cur.subarray(1);
  const rgba = new Uint8Array(W * 4);
  const acc = new Float64Array(outW * 4);
  let rowsInAcc = 0;
  let outRow = 0;
  let filled = 0;
  let done = 0; // rows decoded

  const max = (1 << depth) - 1;
  /** Sample c of pixel x at full precision (sub-byte samples: one per pixel, grey or palette). */
  const sample = (x: number, c: number): number => {
    const i = x * channels + c;
    if (depth === 16) return u16be(px, i * 2);
    if (depth === 8) return px[i];
    const bit = i * depth;
    return (px[bit >> 3] >> (8 - depth - (bit & 7))) & max;
  };
  /** 8 bits of a sample (other depths rounded: v·255/max). */
  const to8 = (v: number) => (depth === 8 ? v : Math.floor((v * 255) / max + 0.5));

  // tRNS for grey / RGB: the one transparent colour, at full sample precision
  const tGrey = colorType === 0 && trns && trns.length >= 2 ? u16be(trns, 0) : -1;
  const tRgb = colorType === 2 && trns && trns.length >= 6 ? [u16be(trns, 0), u16be(trns, 2), u16be(trns, 4)] : null;
  const toRgba = () => {
    for (let x = 0, d = 0; x < W; x++, d += 4) {
      const v = sample(x, 0);
      if (colorType === 3) {
        rgba[d] = pal?.[v * 3] ?? 0;
        rgba[d + 1] = pal?.[v * 3 + 1] ?? 0;
        rgba[d + 2] = pal?.[v * 3 + 2] ?? 0;
        rgba[d + 3] = trns && v < trns.length ? trns[v] : 255;
      } else if (colorType === 0 || colorType === 4) {
        rgba[d] = rgba[d + 1] = rgba[d + 2] = to8(v);
        rgba[d + 3] = colorType === 4 ? to8(sample(x, 1)) : v === tGrey ? 0 : 255;
      } else {
        const g = sample(x, 1);
        const b = sample(x, 2);
        rgba[d] = to8(v);
        rgba[d + 1] = to8(g);
        rgba[d + 2] = to8(b);
        rgba[d + 3] = colorType === 6 ? to8(sample(x, 3)) : tRgb && v === tRgb[0] && g === tRgb[1] && b === tRgb[2] ? 0 : 255;
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
    if (cur[0] > 4) throw new PngError(`bad row filter ${cur[0]}`);
    px = cur.subarray(1);
    unfilter(cur[0], px, prev.subarray(1), bpp);
    // RGB without tRNS: every pixel opaque, so the rows skip toRgba (a short tRNS takes the slow path
    // and keys no colour: the same pixels).
    if (depth === 8 && (colorType === 6 || (colorType === 2 && !trns))) accumulate(px, channels, acc, k);
    else {
      toRgba();
      accumulate(rgba, 4, acc, k);
    }
    rowsInAcc++;
    done++;
    if (rowsInAcc === k || done === H) flush();
    [prev, cur] = [cur, prev];
    filled = 0;
  };

  while (done < H) {
    const { value, done: end } = await reader.read();
    if (end) break;
    for (let i = 0; i < value.length && done < H;) {
      const n = Math.min(cur.length - filled, value.length - i);
      cur.set(value.subarray(i, i + n), filled);
      filled += n;
      i += n;
      if (filled === cur.length) finishRow();
    }
  }
  if (done < H) throw new PngError(`the image data ends after ${done} of ${H} rows`);
  return { width: outW, height: outH, data: out };
}

/** Decodes a (non-interlaced) PNG from a byte stream, averaging k×k blocks of pixels into one
 *  (k = the smallest integer bringing both sides to ≤ maxSide; 1 decodes at full size). Averages
 *  are alpha-weighted, so transparent pixels' hidden colours do not bleed. Memory: the output
 *  plus a few rows. Colour-space chunks (gAMA, iCCP) are ignored.
 *  Time is bounded too: inflating stops at the last row (at most H·(stride+1) bytes come out),
 *  so zlib data that goes on after the image costs nothing; `signal` stops it at once. */
export async function decodePngDownscaled(stream: ReadableStream<Uint8Array<ArrayBuffer>>, maxSide: number, signal?: AbortSignal) {
  const png = await readPngChunks(stream);
  const inflate = new DecompressionStream('deflate');
  const writer = inflate.writable.getWriter();
  const rows = inflate.readable.getReader();
  const stop = () => void rows.cancel().catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  // Each write awaited, not a pipe (which writes on while the inflater's queue has room: in Node,
  // thousands of pieces), so the file is read only as rows are. Once the rows are done (or
  // cancelled) writes fail and the feeding stops; a failed read of the file fails the rows.
  void (async () => {
    for await (const piece of png.idat) await writer.write(piece);
    await writer.close();
  })().catch((e: unknown) => writer.abort(e).catch(() => undefined));
  try {
    signal?.throwIfAborted(); // while the header was read
    return await decodePngRows(rows, png, maxSide);
  } catch (e) {
    signal?.throwIfAborted();
    // The browser's inflater reports bad or cut-short zlib data as a TypeError.
    throw e instanceof TypeError ? new PngError(e.message) : e;
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
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
  for (let d = 0, o = 0, run = 0; d + channels <= px.length; d += channels) {
    const a = channels === 4 ? px[d + 3] : 255;
    acc[o] += px[d] * a;
    acc[o + 1] += px[d + 1] * a;
    acc[o + 2] += px[d + 2] * a;
    acc[o + 3] += a;
    if (++run === k) {
      run = 0;
      o += 4;
    }
  }
}

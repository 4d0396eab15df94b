/** Huge PNGs decoded in JS from a stream and box-downscaled row by row, where the browser would hold every pixel. */

import { PngError, readPngChunks } from './png-chunks';
import { decodePngRows, type RgbaImage } from './png-rows';

/** Decodes a (non-interlaced) PNG from a byte stream, averaging k×k blocks of pixels into one
 *  (k = the smallest integer bringing both sides to ≤ maxSide; 1 decodes at full size). Averages
 *  are alpha-weighted, so transparent pixels' hidden colours do not bleed. Memory: the output
 *  plus a few rows. Colour-space chunks (gAMA, iCCP) are ignored.
 *  Time is bounded too: inflating stops at the last row (at most H·(stride+1) bytes come out),
 *  so zlib data that goes on after the image costs nothing; `signal` stops it at once. */
export async function decodePngDownscaled(stream: ReadableStream<Uint8Array<ArrayBuffer>>, maxSide: number, signal?: AbortSignal): Promise<RgbaImage> {
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

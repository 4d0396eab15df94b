/** Huge PNGs decoded in JS from a stream and box-downscaled row by row, where the browser would hold every pixel. */

import { feedPngChunks, type PngTables } from './png-chunks';
import { decodePngRows, type RgbaImage } from './png-rows';
import type { PngHeader } from './sniff';

export { PngError } from './png-chunks';
export type { RgbaImage } from './png-rows';

/** Decodes a (non-interlaced) PNG from a byte stream, averaging k×k blocks of pixels into one
 *  (k = the smallest integer bringing both sides to ≤ maxSide; 1 decodes at full size). Averages
 *  are alpha-weighted, so transparent pixels' hidden colours do not bleed. Memory: the output
 *  plus a few rows. Colour-space chunks (gAMA, iCCP) are ignored. */
export async function decodePngDownscaled(stream: ReadableStream<Uint8Array<ArrayBuffer>>, maxSide: number): Promise<RgbaImage> {
  const inflate = new DecompressionStream('deflate');
  const writer = inflate.writable.getWriter();
  const tables: PngTables = { palette: null, trns: null };
  let resolveHeader!: (h: PngHeader) => void;
  let rejectHeader!: (e: unknown) => void;
  const headerReady = new Promise<PngHeader>((res, rej) => {
    resolveHeader = res;
    rejectHeader = rej;
  });

  // Producer: split the file into chunks, feed IDAT payloads to the inflater.
  const produce = () => feedPngChunks(stream, writer, tables, resolveHeader, rejectHeader);

  // Consumer: undo the row filters, convert to RGBA and box-average.
  const consume = async (): Promise<RgbaImage> => {
    const reader = inflate.readable.getReader();
    try {
      return await decodePngRows(reader, await headerReady, tables, maxSide);
    } catch (e) {
      void reader.cancel().catch(() => undefined);
      throw e;
    }
  };

  const [, image] = await Promise.all([produce(), consume()]);
  return image;
}

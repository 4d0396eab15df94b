/** Turning a user's file into an ImageBitmap the worker can use, with clear messages for what the
 *  browser cannot read; EXIF orientation is honoured. Runs in the inference worker (the Lab, and
 *  Evaluate's batches), and on the page for SVG, which only an <img> rasterises.
 *
 *  The first bytes are sniffed before decoding: the real format, the size, the JPEG orientation.
 *  Chromium's createImageBitmap decodes at full size even with resizeWidth/resizeHeight (measured:
 *  a 12000² PNG costs ~600 MB either way), so images over MAX_SIDE are decoded at reduced size:
 *   - PNG streamed through DecompressionStream and box-averaged row by row (memory: the output plus
 *     a few rows), shown through a small re-encoded copy (an <img> of it would decode it all again);
 *   - JPEG through WebCodecs' ImageDecoder, at libjpeg's DCT scaling (11000²: +12 MB, not +460 MB).
 *  Anything else (or where those are unavailable): a full decode and a resize. */

import { NeedsImageElement, Undecodable, asSvg, decodeBigJpeg, decodeWithBrowser, displayCopy } from './browser-decode';
import { MAX_FILE_BYTES, MAX_SIDE, STREAM_PNG_PIXELS, fitWithin, headerRefusal, resizeTo } from './limits';
import { PngError } from './png-chunks';
import { decodePngDownscaled } from './png-stream';
import { KIND_NAME, probeJpeg, sniffImage, type Sniffed } from './sniff';

/** How much of the file is read to sniff its format, size and orientation. */
const HEAD_BYTES = 256 * 1024;

const fail = (file: File, why: string) => new Error(`Could not use "${file.name}": ${why}`);

async function endsWithJpegEoi(file: File): Promise<boolean> {
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 4096)).arrayBuffer());
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
  return false;
}

/** Why a file the browser could not decode failed, in the user's terms. */
export async function whyUndecodable(file: File, info: Sniffed): Promise<string> {
  const ext = /^.+\.([^.]*)$/s.exec(file.name)?.[1].toLowerCase(); // none for ".png"
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

/** Decodes `file` into a bitmap (≤ MAX_SIDE) and what to show for it: the file itself, or a small
 *  copy. `signal` cancels it (a newer image): the streaming PNG decoder stops at once, with
 *  signal.reason. `show` false (Evaluate's decode): no display copy is made (`display` is the
 *  file), and an SVG met in a worker (where no <img> rasterises it) is refused in the same words
 *  as a bad one rather than handed to the page. */
export async function decodeImageFile(file: File, signal?: AbortSignal, show = true): Promise<{ bitmap: ImageBitmap; display: Blob }> {
  signal?.throwIfAborted();
  if (file.size === 0) throw fail(file, 'the file is empty (0 bytes)');
  if (file.size > MAX_FILE_BYTES) {
    throw fail(file, `the file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`);
  }
  let info = sniffImage(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  // The frame header lies past the head (big EXIF/ICC segments): walk the segments to it.
  if (info.kind === 'jpeg' && !info.width && file.size > HEAD_BYTES) info = await probeJpeg(file);
  const { width: w, height: h } = info;
  // From the header alone, before any pixel buffer exists.
  const refused = headerRefusal(info);
  if (refused) throw fail(file, refused);
  const target = w && h ? fitWithin(w, h, MAX_SIDE) : null;
  let bitmap: ImageBitmap | null = null;
  try {
    if (target && info.png && !info.png.interlaced && w! * h! > STREAM_PNG_PIXELS) {
      const img = await decodePngDownscaled(file.stream(), MAX_SIDE, signal);
      bitmap = await createImageBitmap(new ImageData(img.data, img.width, img.height));
    } else if (target && info.kind === 'jpeg') {
      bitmap = await decodeBigJpeg(file, { width: w!, height: h! }, target);
    }
    bitmap ??= await decodeWithBrowser(file, info.kind, target);
    const shrink = fitWithin(bitmap.width, bitmap.height, MAX_SIDE);
    if (shrink) {
      const big = bitmap;
      bitmap = await createImageBitmap(big, resizeTo(shrink));
      big.close();
    }
    // An <img> of a huge original would decode all of it again (Chromium scales JPEG decodes for
    // display, and SVG is vector): show a small copy instead.
    const hugeRaster = show && (target !== null || shrink !== null) && info.kind !== 'jpeg' && info.kind !== 'svg';
    const display = hugeRaster ? await displayCopy(bitmap) : asSvg(file, info.kind);
    signal?.throwIfAborted();
    return { bitmap, display };
  } catch (e) {
    bitmap?.close();
    if (signal?.aborted) throw signal.reason;
    if (e instanceof NeedsImageElement && show) throw e;
    if (e instanceof Undecodable || e instanceof NeedsImageElement) throw fail(file, await whyUndecodable(file, info));
    throw fail(file, e instanceof PngError ? `the PNG data is corrupt or cut short and cannot be decoded (${e.message})` : (e as Error).message);
  }
}

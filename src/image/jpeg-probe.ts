/** A JPEG's size when its frame header (SOF) lies beyond the sniffed head: cameras and editors put
 *  EXIF thumbnails, ICC profiles (APP2) or XMP before it, sometimes hundreds of KB. */

import { type Sniffed, walkJpeg } from './sniff';

/** Bytes read per step; a step skips whole segments without reading them. */
const WINDOW = 64 * 1024;

/** Walks the segment chain of `file` from its start, reading windows via Blob.slice as needed.
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

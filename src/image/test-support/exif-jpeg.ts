/** Test support (shared by sniff.test.ts and e2e/images.spec.ts): EXIF orientation for a JPEG. */

/** `jpg` with an EXIF APP1 segment carrying `orientation` (1–8) right after SOI: a big-endian TIFF
 *  header and one IFD entry, Orientation (0x0112), SHORT, one value. */
export function withOrientation(jpg: Uint8Array, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.from([0xff, 0xe1, 0, 0]);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpg.subarray(0, 2), app1, body, jpg.subarray(2)]);
}

/** `jpg` with about `bytes` of APP2 segments (an ICC profile is split like this, ≤ 64 KB each)
 *  right after SOI, pushing the frame header that far into the file. */
export function withBigAppSegments(jpg: Uint8Array, bytes: number): Buffer {
  const segments: Buffer[] = [];
  for (let left = bytes; left > 0;) {
    const body = Math.min(left, 65533);
    const seg = Buffer.alloc(4 + body, 0x20);
    seg.set([0xff, 0xe2]);
    seg.writeUInt16BE(body + 2, 2);
    segments.push(seg);
    left -= body + 4;
  }
  return Buffer.concat([jpg.subarray(0, 2), ...segments, jpg.subarray(2)]);
}

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

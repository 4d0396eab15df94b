/** A user's image into the inference worker, which decodes and keeps it (no long task on the page);
 *  the page gets its size and a small copy. An SVG, which only an <img> rasterises, is decoded here. */
import type { decodeImageFile } from '../image/decode-file';
import type { EngineClient } from './engine';

/** Returns keepFile: resolves once the worker holds `file`'s pixels, with its size and what the page
 *  shows (the file itself, or a small copy of a huge one), or with null when a newer image
 *  (`current()` false) superseded an SVG decoding on the page. */
export function imageInput(client: EngineClient, decodeOnPage: typeof decodeImageFile) {
  return async function keepFile(file: File, current: () => boolean) {
    const r = await client.send({ type: 'setImageFile', file }, ['imageSet', 'needsPage']).done;
    if (r.type === 'imageSet') return { width: r.width, height: r.height, display: r.display ?? file };
    const d = await decodeOnPage(file);
    if (!current()) {
      d.bitmap.close();
      return null;
    }
    const set = await client.send({ type: 'setImage', image: d.bitmap, name: file.name }, ['imageSet'], { transfer: [d.bitmap] }).done;
    return { width: set.width, height: set.height, display: d.display };
  };
}

/** The worker's current image (the Lab's, for classify and measure) and the decodes of user files
 *  that may replace it: sniffing, limits and decoding run here, off the page. */
import { NeedsImageElement } from '../image/browser-decode';
import { decodeImageFile } from '../image/decode-file';
import type { Answer, WorkerRequest } from './protocol';

const IMAGE_REQUESTS = ['setImage', 'setImageFile', 'clearImage'] as const;
type ImageRequest = Extract<WorkerRequest, { type: (typeof IMAGE_REQUESTS)[number] }>;
export const isImageRequest = (req: WorkerRequest): req is ImageRequest => (IMAGE_REQUESTS as readonly string[]).includes(req.type);

export class ImageSlot {
  current: { bitmap: ImageBitmap; name: string } | null = null;
  /** By request id; aborted when a newer image request arrives. */
  private readonly decodes = new Map<number, AbortController>();

  /** On arrival, before the queue: the newest image wins, so older decodes (running or queued)
   *  stop now rather than after their turn. */
  arrived(req: WorkerRequest): void {
    if (!isImageRequest(req)) return;
    for (const c of this.decodes.values()) c.abort(new DOMException('a newer image replaced it', 'AbortError'));
    if (req.type === 'setImageFile') this.decodes.set(req.id, new AbortController());
  }

  finished(id: number): void {
    this.decodes.delete(id);
  }

  /** Answers with the kept image's size (and what the page shows), or 'needsPage' for an SVG. */
  async handle(req: ImageRequest): Promise<Answer<'imageSet' | 'needsPage'>> {
    if (req.type === 'setImage') return this.keep(req.id, req.image, req.name);
    if (req.type === 'clearImage') {
      this.current?.bitmap.close();
      this.current = null;
      return { type: 'imageSet', id: req.id, width: 0, height: 0 };
    }
    const decoded = await decodeImageFile(req.file, this.decodes.get(req.id)?.signal).catch((e: unknown) => {
      if (e instanceof NeedsImageElement) return null;
      throw e;
    });
    return decoded ? this.keep(req.id, decoded.bitmap, req.file.name, decoded.display) : { type: 'needsPage', id: req.id };
  }

  private keep(id: number, bitmap: ImageBitmap, name: string, display?: Blob): Answer<'imageSet'> {
    this.current?.bitmap.close();
    this.current = { bitmap, name };
    return { type: 'imageSet', id, width: bitmap.width, height: bitmap.height, display };
  }
}

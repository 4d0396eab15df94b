/** The worker's side of Evaluate: a batch of the user's files through each network, as one batch
 *  tensor. Decoded here one at a time, each image is drawn into every network's batch buffer and
 *  closed at once, so at most one decoded image is held; only top-5s and thumbnails go back. */
import type { Classifier } from '../model/classifier';
import { topK } from '../model/labels';
import { centerCropBox, imageToInput } from '../model/preprocess';
import { decodeImageFile } from '../image/decode-file';
import { explainError, memoryInfo } from '../model/backend';
import type { RequestContext } from './classify-image';
import { describeModel, type BatchModelResult, type ModelSpec, type WorkerRequest, type Answer } from './protocol';

/** A small JPEG of what the network sees (the centre crop), for the result rows; `side` pixels square. */
async function thumbnail(bitmap: ImageBitmap, side = 56): Promise<Blob | null> {
  const canvas = new OffscreenCanvas(side, side);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  // The crop a 224 px network sees, scaled down (a picture for people, not a network input).
  const box = centerCropBox(bitmap.width, bitmap.height, 224);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, side, side);
  ctx.drawImage(bitmap, box.sx, box.sy, box.side, box.side, 0, 0, side, side);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
}

export async function classifyBatch(req: Extract<WorkerRequest, { type: 'classifyBatch' }>, c: RequestContext): Promise<Answer<'batch'>> {
  const loaded: { spec: ModelSpec; classifier: Classifier | null; error: string | null }[] = [];
  for (const spec of req.models) {
    try {
      loaded.push({ spec, classifier: (await c.ensure(spec)).classifier, error: null });
    } catch (e) {
      loaded.push({ spec, classifier: null, error: explainError(e, describeModel(spec)) });
    }
  }
  const sizes = [...new Set(loaded.flatMap((l) => (l.classifier ? [l.classifier.config.resolution] : [])))];
  const inputs = new Map(sizes.map((s) => [s, new Float32Array(req.files.length * s * s * 3)]));
  const images: Answer<'batch'>['images'] = [];
  /** Positions of the decoded images in the batch buffers, by file index. */
  const slot: (number | null)[] = [];
  let used = 0;
  for (const file of req.files) {
    let bitmap: ImageBitmap | null = null;
    try {
      bitmap = (await decodeImageFile(file, undefined, false)).bitmap;
      for (const [s, input] of inputs) input.set(imageToInput(bitmap, s), used * s * s * 3);
      images.push({ thumb: await thumbnail(bitmap), error: null });
      slot.push(used++);
    } catch (e) {
      images.push({ thumb: null, error: (e as Error).message });
      slot.push(null);
    } finally {
      bitmap?.close();
    }
  }
  const models: BatchModelResult[] = [];
  for (const { spec, classifier, error } of loaded) {
    const result: BatchModelResult = { ms: 0, top5: null, error, synthetic: classifier?.synthetic ?? false };
    models.push(result);
    if (!classifier || used === 0) continue;
    const size = classifier.config.resolution;
    try {
      const t0 = performance.now();
      const probs = await classifier.probabilitiesBatch(inputs.get(size)!.subarray(0, used * size * size * 3), used);
      result.ms = performance.now() - t0;
      const classes = probs.length / used;
      result.top5 = slot.map((k) => (k === null ? null : topK(probs.subarray(k * classes, (k + 1) * classes), 5).map(({ index, prob }) => ({ index, prob }))));
    } catch (e) {
      result.error = explainError(e, describeModel(spec));
    }
  }
  return { type: 'batch', id: req.id, images, models, memory: memoryInfo() };
}

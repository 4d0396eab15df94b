/** ImageNet class names from the npm package @tensorflow-models/mobilenet (never a hand-copied
 *  list). Index order is the usual 0 "tench" … 999 "toilet tissue", matching the converted
 *  EfficientNet exports (1000 classes, no background class). */
import { IMAGENET_CLASSES } from '@tensorflow-models/mobilenet/dist/imagenet_classes';

export function labelOf(index: number): string {
  const name = (IMAGENET_CLASSES as Record<number, string>)[index];
  if (name === undefined) throw new Error(`No ImageNet class ${index}`);
  return name;
}

/** The class's first name ("giant panda" of "giant panda, panda, …"); '' for no class. */
export const shortLabelOf = (i: number | null | undefined): string => (i === null || i === undefined ? '' : labelOf(i).split(',')[0]);

/** The k most probable classes, best first. */
export function topK(probs: ArrayLike<number>, k = 5) {
  const idx = Array.from({ length: probs.length }, (_, i) => i);
  idx.sort((a, b) => probs[b] - probs[a]);
  return idx.slice(0, k).map((i) => ({ index: i, label: labelOf(i), prob: probs[i] }));
}
export type Ranked = ReturnType<typeof topK>[number];

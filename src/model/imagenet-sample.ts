/** The ImageNet sample: one photo per ImageNet-1k class at a pinned commit (pinned-sources.ts).
 *  imagenet-sample.json holds file, wnid and git blob id per class, in sorted-wnid order, which is
 *  the label order; each photo is checked against its blob id before use. */
import sample from './imagenet-sample.json' with { type: 'json' };
import { IMAGENET_SAMPLE_BASE, IMAGENET_SAMPLE_COMMIT } from './pinned-sources';

if (sample.commit !== IMAGENET_SAMPLE_COMMIT) throw new Error('imagenet-sample.json is for another commit');

/** Each photo: its class index (0–999), file ('n01440764_tench.JPEG'), wnid and git blob id at the pinned commit. */
export const IMAGENET_SAMPLE = Object.freeze(sample.files.map(([file, wnid, blob], index) => ({ index, file, wnid, blob })));
export type SamplePhoto = (typeof IMAGENET_SAMPLE)[number];

export const samplePhotoUrl = (p: SamplePhoto): string => `${IMAGENET_SAMPLE_BASE}${encodeURIComponent(p.file)}`;

/** N photos spread evenly over the classes (N = 1000: all of them), in class order. */
export function sampleSubset(n: number): SamplePhoto[] {
  const count = Math.max(0, Math.min(IMAGENET_SAMPLE.length, Math.floor(n)));
  const step = IMAGENET_SAMPLE.length / Math.max(1, count);
  return Array.from({ length: count }, (_, i) => IMAGENET_SAMPLE[Math.floor(i * step)]);
}

/** What an evaluation runs on: dropped or picked images (labels from folder and file names or a
 *  labels file), or N photos of the ImageNet sample. An item fetches its file only when its batch
 *  runs, so 1,000 sample photos are never all in memory. */
import { isLabelFile, mapLabels, parseLabelFile, type LabelReport } from '../model/label-mapping';
import { sampleSubset } from '../model/imagenet-sample';
import type { DroppedFile } from '../image/dropped-entries';
import { fetchImagenetPhoto } from '../image/imagenet-photos';

/** Most images one evaluation takes. */
export const MAX_EVAL_FILES = 10_000;

export interface EvalInput {
  /** `path`: inside the drop ('/n01440764/a.jpg'), or the sample photo's file name. */
  items: { path: string; label: number | null; file: () => Promise<File> }[];
  /** null for the ImageNet sample (labelled by its index). */
  report: LabelReport | null;
  /** Files passed over: not images, or beyond the limit. */
  skipped: number;
  source: 'files' | 'sample';
}

const IMAGE_NAME = /\.(jpe?g|jfif|png|gif|webp|bmp|avif|heic|heif|tiff?|ico|svg)$/i;
const hidden = (path: string) => path.split('/').some((p) => p.startsWith('.'));

export async function inputFromFiles(dropped: readonly DroppedFile[]): Promise<EvalInput> {
  const tables = await Promise.all(dropped.filter((d) => isLabelFile(d.path)).map(async (d) => parseLabelFile(d.file.name, await d.file.text())));
  const images = dropped.filter((d) => !hidden(d.path) && IMAGE_NAME.test(d.file.name));
  const taken = images.slice(0, MAX_EVAL_FILES);
  const { labels, report } = mapLabels(
    taken.map((d) => d.path),
    tables,
  );
  const items = taken.map((d, i) => ({ path: d.path, label: labels[i], file: async () => d.file }));
  return { items, report, skipped: dropped.length - tables.length - taken.length, source: 'files' };
}

/** N photos of the ImageNet sample, spread over the classes, each fetched and verified on use. */
export function inputFromSample(n: number, fetcher: typeof fetch = (...a) => fetch(...a)): EvalInput {
  const items = sampleSubset(n).map((p) => ({ path: p.file, label: p.index, file: () => fetchImagenetPhoto(p, fetcher) }));
  return { items, report: null, skipped: 0, source: 'sample' };
}

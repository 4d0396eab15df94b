/** Ground-truth labels for a folder of images, from the first source that applies: the parent
 *  folder's name (an ImageNet wnid, a class index 0–999, or any comma-separated synonym of the
 *  label list, case-insensitive), the file name in the `n01440764_tench.JPEG` form, or a
 *  labels.csv / labels.json in the drop. Pure: no tfjs, no DOM. */
import { IMAGENET_SAMPLE } from './imagenet-sample';
import { labelOf } from './labels';
import { baseName } from '../image/dropped-entries';

const CLASS_COUNT = 1000;
const WNID = /^n\d{8}$/;

const normalise = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');

/** Built on first use. bySynonym: a synonym two classes share ('crane', 'maillot') maps to -1. */
let lookup: { byWnid: Map<string, number>; bySynonym: Map<string, number> } | null = null;

function tables() {
  if (lookup) return lookup;
  const bySynonym = new Map<string, number>();
  for (let i = 0; i < CLASS_COUNT; i++) {
    for (const syn of labelOf(i).split(',').map(normalise).filter(Boolean)) {
      const had = bySynonym.get(syn);
      bySynonym.set(syn, had === undefined || had === i ? i : -1);
    }
  }
  return (lookup = { byWnid: new Map(IMAGENET_SAMPLE.map((p) => [p.wnid, p.index])), bySynonym });
}

/** A class from a name: a wnid, an index 0–999, or an unambiguous synonym; else null. */
export function classFromName(name: string): number | null {
  const s = name.trim();
  const { byWnid: w, bySynonym: syn } = tables();
  if (WNID.test(s)) return w.get(s) ?? null;
  if (/^\d{1,3}$/.test(s)) return Number(s) < CLASS_COUNT ? Number(s) : null;
  const hit = syn.get(normalise(s));
  return hit === undefined || hit < 0 ? null : hit;
}

/** The class of a file named in the ImageNet form `n01440764_tench.JPEG` (or `n01440764.jpg`). */
export function classFromFileName(name: string): number | null {
  const m = /^(n\d{8})(?:[_.-]|$)/.exec(name);
  return m ? (tables().byWnid.get(m[1]) ?? null) : null;
}

const parentName = (path: string) => path.split('/').filter(Boolean).at(-2) ?? null;

export const isLabelFile = (path: string): boolean => /^labels\.(csv|json)$/i.test(baseName(path));

/** A labels.csv (`file,label` per line; a header line is skipped) or labels.json (an object
 *  `{ "file": label }` or an array of `{ file, label }`), as file name → class. Keys are matched
 *  against a file's path inside the drop or its base name; labels are wnids, indices or names. */
export function parseLabelFile(name: string, text: string): Map<string, number | null> {
  const out = new Map<string, number | null>();
  // A number reads as its digits: an index 0–999, or no class.
  const classOf = (label: unknown) => classFromName(typeof label === 'number' || typeof label === 'string' ? String(label) : '');
  const put = (file: unknown, label: unknown) => {
    if (typeof file === 'string' && file !== '') out.set(file.replace(/^\.?\//, ''), classOf(label));
  };
  if (/\.json$/i.test(name)) {
    const data: unknown = JSON.parse(text);
    if (Array.isArray(data)) for (const e of data) put((e as { file?: unknown })?.file, (e as { label?: unknown })?.label);
    else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) put(k, v);
    return out;
  }
  for (const line of text.split(/\r?\n/)) {
    const cells = splitCsvLine(line);
    if (cells.length < 2 || (out.size === 0 && /^(file|filename|path|image)$/i.test(cells[0].trim()))) continue;
    put(cells[0].trim(), cells[1].trim());
  }
  return out;
}

/** One CSV line's cells (quoted cells may hold commas and doubled quotes). */
function splitCsvLine(line: string): string[] {
  const cells = [''];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') cells[cells.length - 1] += line[i++];
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) cells.push('');
    else cells[cells.length - 1] += c;
  }
  return cells;
}

/** Labels for images at `paths` (paths inside the drop: '/n01440764/x.jpg', '/x.jpg'), with the
 *  label files' tables (parseLabelFile) as the last resort: per image, in order, the class index or
 *  null, and a report (`folders`: distinct parent folders; `unmatchedFolders`: those whose name is
 *  no class, by name, their images maybe labelled otherwise). */
export function mapLabels(paths: readonly string[], labelTables: readonly Map<string, number | null>[] = []) {
  const folderClass = new Map<string, number | null>();
  const bySource = { folder: 0, 'file name': 0, 'labels file': 0 };
  const fromTables = (path: string) => labelTables.map((t) => t.get(path.replace(/^\//, '')) ?? t.get(baseName(path))).find((c) => c != null) ?? null;
  const labels = paths.map((path) => {
    const folder = parentName(path);
    if (folder !== null) {
      if (!folderClass.has(folder)) folderClass.set(folder, classFromName(folder));
      const c = folderClass.get(folder);
      if (c !== null && c !== undefined) return (bySource.folder++, c);
    }
    const named = classFromFileName(baseName(path));
    if (named !== null) return (bySource['file name']++, named);
    const listed = fromTables(path);
    if (listed !== null) return (bySource['labels file']++, listed);
    return null;
  });
  const unmatchedFolders = [...folderClass].flatMap(([f, c]) => (c === null ? [f] : [])).sort();
  return {
    labels,
    report: {
      folders: folderClass.size,
      matchedFolders: folderClass.size - unmatchedFolders.length,
      unmatchedFolders,
      bySource,
      unlabelled: labels.filter((l) => l === null).length,
    },
  };
}
export type LabelReport = ReturnType<typeof mapLabels>['report'];

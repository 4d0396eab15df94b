/** What a drop (or a folder pick) holds: loose files, or whole folders read recursively through
 *  the File and Directory Entries API (DataTransferItem.webkitGetAsEntry), so that a converted
 *  model's folder (model.json + its shards) can be dropped as it is. Then which of the two it is:
 *  a model (the folder holding model.json, with its files) or an image (the first file). */

/** The parts of FileSystemEntry used here (fakes in tests implement only these). */
export type EntryLike = Pick<FileSystemEntry, 'name' | 'fullPath' | 'isFile' | 'isDirectory'>;
export type FileEntryLike = EntryLike & Pick<FileSystemFileEntry, 'file'>;
export interface DirectoryEntryLike extends EntryLike {
  createReader(): { readEntries(ok: (batch: EntryLike[]) => void, fail?: (err: DOMException) => void): void };
}

/** A file with its path inside the drop ('/B0/model.json'; '/photo.jpg' for a loose file). */
export interface DroppedFile {
  path: string;
  file: File;
}

/** A hostile or mistaken drop (a whole disk) stops being read here (Evaluate asks for more). */
export const MAX_DROPPED_FILES = 1000;
const MAX_DROP_DEPTH = 8;

const fileOf = (entry: FileEntryLike) => new Promise<File>((ok, fail) => entry.file(ok, fail));

/** One directory's entries: readEntries hands them out in batches until an empty one. */
async function readAll(dir: DirectoryEntryLike, limit: number): Promise<EntryLike[]> {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return all;
    all.push(...batch);
    if (all.length > limit) return all;
  }
}

/** The files of a drop, loose files at the top ('/name'), then every file under the entries
 *  (folders read recursively) in a stable path order. */
export async function readDrop(taken: readonly (EntryLike | File)[], limit = MAX_DROPPED_FILES): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  const visit = async (entry: EntryLike, depth: number): Promise<void> => {
    if (out.length >= limit) return;
    if (entry.isFile) {
      out.push({ path: entry.fullPath || `/${entry.name}`, file: await fileOf(entry as FileEntryLike) });
    } else if (entry.isDirectory && depth < MAX_DROP_DEPTH) {
      const children = await readAll(entry as DirectoryEntryLike, limit);
      for (const c of [...children].sort((a, b) => a.name.localeCompare(b.name))) await visit(c, depth + 1);
    }
  };
  for (const e of taken) if (!(e instanceof File)) await visit(e, 0);
  const loose = taken.filter((t): t is File => t instanceof File).map((file) => ({ path: `/${file.name}`, file }));
  return [...loose, ...out];
}

/** The drop's items, read while the drop event lasts (the items go dead after it): an entry where
 *  the browser gives one (a real drag from the desktop), else the plain file (a synthetic drop). */
export function takeDropItems(dt: DataTransfer): (EntryLike | File)[] {
  const items = [...(dt.items ?? [])].filter((i) => i.kind === 'file');
  if (items.length === 0) return [...dt.files];
  return items.flatMap((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null) ?? i.getAsFile() ?? []);
}

/** Files from a folder picker (<input webkitdirectory>): paths from webkitRelativePath. */
export function pickedFiles(files: readonly File[]): DroppedFile[] {
  return files.map((file) => ({ path: `/${file.webkitRelativePath || file.name}`, file }));
}

export type DropContent =
  { kind: 'model'; name: string; files: File[] } | { kind: 'image'; file: File } | { kind: 'error'; message: string } | { kind: 'empty' };

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/'));
/** The last segment of a slash-separated path (a file's name in a dropped folder). */
export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const isModelPart = (name: string) => name.endsWith('.json') || name.endsWith('.bin');

/** A model when the drop holds model.json (its folder's files: the shards sit beside it) or any
 *  .json/.bin (then without model.json, which the engine reports); else the first file, an image. */
export function classifyDrop(dropped: readonly DroppedFile[]): DropContent {
  const models = dropped.filter((d) => baseName(d.path) === 'model.json');
  if (models.length > 1) {
    const where = models
      .slice(0, 3)
      .map((m) => m.path.slice(1))
      .join(', ');
    return {
      kind: 'error',
      message: `The dropped folder holds ${models.length} converted models (${where}${models.length > 3 ? ', …' : ''}): drop one model's folder`,
    };
  }
  if (models.length === 1) {
    const dir = dirOf(models[0].path);
    const files = dropped.filter((d) => dirOf(d.path) === dir).map((d) => d.file);
    return { kind: 'model', name: baseName(dir) || 'dropped model', files };
  }
  const parts = dropped.filter((d) => isModelPart(d.file.name));
  if (parts.length > 0) return { kind: 'model', name: 'dropped model', files: parts.map((d) => d.file) };
  return dropped.length > 0 ? { kind: 'image', file: dropped[0].file } : { kind: 'empty' };
}

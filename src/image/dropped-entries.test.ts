import { describe, expect, it } from 'vitest';
import { MAX_DROPPED_FILES, classifyDrop, pickedFiles, readDrop, type DirectoryEntryLike, type EntryLike, type FileEntryLike } from './dropped-entries';

const file = (name: string, bytes = 1) => new File([new Uint8Array(bytes)], name);

function fileEntry(path: string, bytes = 1): FileEntryLike {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return { name, fullPath: path, isFile: true, isDirectory: false, file: (ok) => ok(file(name, bytes)) };
}

/** A folder whose reader hands out its children `batch` at a time, then an empty batch (as Chrome does, 100 at a time). */
function dirEntry(path: string, children: EntryLike[], batch = 2): DirectoryEntryLike & { reads: number } {
  const dir = {
    name: path.slice(path.lastIndexOf('/') + 1),
    fullPath: path,
    isFile: false,
    isDirectory: true,
    reads: 0,
    createReader() {
      let at = 0;
      return {
        readEntries(ok: (b: EntryLike[]) => void) {
          dir.reads++;
          const b = children.slice(at, at + batch);
          at += b.length;
          queueMicrotask(() => ok(b));
        },
      };
    },
  };
  return dir;
}

const shards = (dir: string, n: number) => Array.from({ length: n }, (_, i) => fileEntry(`${dir}/group1-shard${i + 1}of${n}.bin`, 4));

describe('readDrop of entries', () => {
  it('reads a model folder recursively, across readEntries batches, in path order', async () => {
    const b0 = dirEntry('/B0', [...shards('/B0', 5).reverse(), fileEntry('/B0/model.json')]);
    const out = await readDrop([b0]);
    expect(out.map((d) => d.path)).toEqual([
      '/B0/group1-shard1of5.bin',
      '/B0/group1-shard2of5.bin',
      '/B0/group1-shard3of5.bin',
      '/B0/group1-shard4of5.bin',
      '/B0/group1-shard5of5.bin',
      '/B0/model.json',
    ]);
    expect(out.map((d) => d.file.size)).toEqual([4, 4, 4, 4, 4, 1]);
    expect(b0.reads).toBe(4); // 6 children two at a time, then the empty batch
  });

  it('descends into nested folders and stops at the file limit', async () => {
    const nested = dirEntry('/export', [dirEntry('/export/tfjs', [dirEntry('/export/tfjs/B3', [fileEntry('/export/tfjs/B3/model.json')])])]);
    expect((await readDrop([nested])).map((d) => d.path)).toEqual(['/export/tfjs/B3/model.json']);
    const many = dirEntry(
      '/many',
      Array.from({ length: MAX_DROPPED_FILES + 50 }, (_, i) => fileEntry(`/many/f${i}.bin`)),
      100,
    );
    expect(await readDrop([many])).toHaveLength(MAX_DROPPED_FILES);
  });

  it('passes a failing read on', async () => {
    const bad: FileEntryLike = { ...fileEntry('/x.bin'), file: (_ok, fail) => fail?.(new DOMException('gone', 'NotFoundError')) };
    await expect(readDrop([bad])).rejects.toThrow('gone');
  });
});

describe('readDrop and pickedFiles', () => {
  it('keeps loose files (a synthetic drop) beside walked entries', async () => {
    const out = await readDrop([file('photo.jpg'), dirEntry('/B1', [fileEntry('/B1/model.json')])]);
    expect(out.map((d) => d.path)).toEqual(['/photo.jpg', '/B1/model.json']);
  });

  it('takes a folder pick’s paths from webkitRelativePath', () => {
    const f = file('model.json');
    Object.defineProperty(f, 'webkitRelativePath', { value: 'B2/model.json' });
    expect(pickedFiles([f, file('loose.bin')]).map((d) => d.path)).toEqual(['/B2/model.json', '/loose.bin']);
  });
});

describe('classifyDrop', () => {
  const dropped = async (entries: EntryLike[]) => readDrop(entries);

  it('a model folder: its name and the files beside model.json, not those of other folders', async () => {
    const root = dirEntry('/my-b0', [fileEntry('/my-b0/model.json'), ...shards('/my-b0', 2), dirEntry('/my-b0/notes', [fileEntry('/my-b0/notes/a.txt')])]);
    const c = classifyDrop(await dropped([root]));
    expect(c.kind).toBe('model');
    if (c.kind !== 'model') return;
    expect(c.name).toBe('my-b0');
    expect(c.files.map((f) => f.name)).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
  });

  it('loose model files are a "dropped model"; .bin without model.json still goes to the engine (which reports it)', async () => {
    const loose = classifyDrop(await dropped([fileEntry('/model.json'), ...shards('', 1)]));
    expect(loose).toMatchObject({ kind: 'model', name: 'dropped model' });
    const binOnly = classifyDrop(await dropped(shards('', 2)));
    expect(binOnly.kind).toBe('model');
    if (binOnly.kind === 'model') expect(binOnly.files.map((f) => f.name)).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
  });

  it('several models in one folder: an error naming them', async () => {
    const all = dirEntry(
      '/tfhub',
      ['B0', 'B1', 'B2', 'B3'].map((v) => dirEntry(`/tfhub/${v}`, [fileEntry(`/tfhub/${v}/model.json`)])),
    );
    expect(classifyDrop(await dropped([all]))).toEqual({
      kind: 'error',
      message: "The dropped folder holds 4 converted models (tfhub/B0/model.json, tfhub/B1/model.json, tfhub/B2/model.json, …): drop one model's folder",
    });
  });

  it('anything else: the first file is the image; nothing: empty', async () => {
    const c = classifyDrop(await dropped([fileEntry('/panda.jpg'), fileEntry('/fish.jpg')]));
    expect(c.kind === 'image' && c.file.name).toBe('panda.jpg');
    expect(classifyDrop([])).toEqual({ kind: 'empty' });
  });
});

// Writes a converted model folder (model.json + its shards) so that an interrupted run never looks
// complete: everything goes into a hidden sibling folder first, which then replaces `dir`.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ConvertedModelJson } from '../../src/model/model-json.ts';

export async function writeModelFolder(dir: string, modelJson: ConvertedModelJson, shards: readonly { path: string; bytes: Uint8Array }[]): Promise<number> {
  const tmp = join(dirname(dir), `.${basename(dir)}.partial`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  let bytes = 0;
  for (const s of shards) {
    await writeFile(join(tmp, s.path), s.bytes);
    bytes += s.bytes.length;
  }
  await writeFile(join(tmp, 'model.json'), JSON.stringify(modelJson));
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  return bytes;
}

/** `--dtype`: the weights' stored precision (float16 is tfjs's own quantization format). */
export type Dtype = 'float32' | 'float16';
export function parseDtype(v: string | undefined): Dtype {
  if (v === undefined || v === 'float32') return 'float32';
  if (v === 'float16') return 'float16';
  throw new Error(`--dtype must be float32 or float16, got ${v} (smaller types need an accuracy check with real weights first)`);
}

// Writes the synthetic converted models of src/model/test-support/synthetic-export.ts to disk (model.json
// plus shards, the converter's layout) and tells whether a folder already holds a complete one.
// Node only (fs); no tfjs.

import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectedShardSizes, sizeOfShape, type ConvertedModelJson } from '../../src/model/model-json.ts';
import { forEachShard, withSyntheticMetadata, type ValueOptions } from '../../src/model/test-support/synthetic-export.ts';
import { SYNTHETIC_INIT_VERSION } from '../../src/model/synthetic-init.ts';
import { planModel } from '../../src/model/test-support/synthetic-plan.ts';

/** Does `dir` already hold a complete synthetic model of this source, seed and init version? */
export function isCompleteSyntheticModel(dir: string, source: ConvertedModelJson, seed: number): boolean {
  const path = join(dir, 'model.json');
  if (!existsSync(path)) return false;
  let existing: ConvertedModelJson;
  try {
    existing = JSON.parse(readFileSync(path, 'utf8')) as ConvertedModelJson;
  } catch {
    return false;
  }
  const meta = existing.userDefinedMetadata ?? {};
  if (meta.synthetic !== true || meta.seed !== seed || meta.initVersion !== SYNTHETIC_INIT_VERSION) {
    return false;
  }
  if (JSON.stringify(existing.weightsManifest) !== JSON.stringify(source.weightsManifest)) return false;
  if (JSON.stringify(existing.modelTopology) !== JSON.stringify(source.modelTopology)) return false;
  for (const { path: p, bytes } of expectedShardSizes(source)) {
    const file = join(dir, p);
    if (!existsSync(file) || statSync(file).size !== bytes) return false;
  }
  return true;
}

export interface WriteResult {
  dir: string;
  shards: number;
  bytes: number;
  residualDepth: number;
  learnedParams: number;
  skipped: boolean;
}

/**
 * Write the synthetic model into `dir`: shards first (streamed, one 4 MiB buffer), model.json
 * last, so an interrupted run never looks complete. Skips when `dir` already holds a complete
 * matching model, unless `force`.
 */
export async function writeSyntheticModel(
  source: ConvertedModelJson,
  dir: string,
  options: ValueOptions & { force?: boolean; onShard?: (done: number, total: number) => void },
): Promise<WriteResult> {
  const plan = planModel(source);
  const bytes = plan.groupBytes.reduce((a, b) => a + b, 0);
  const shards = source.weightsManifest.reduce((a, g) => a + g.paths.length, 0);
  const learnedParams = plan.entries.filter((e) => e.kind === 'learned').reduce((a, e) => a + sizeOfShape(e.spec.shape), 0);
  const result = { dir, shards, bytes, residualDepth: plan.residualDepth, learnedParams };
  if (!options.force && !options.gains && isCompleteSyntheticModel(dir, source, options.seed)) {
    return { ...result, skipped: true };
  }
  mkdirSync(dir, { recursive: true });
  await rm(join(dir, 'model.json'), { force: true });
  let done = 0;
  await forEachShard(source, plan, options, async (g, s, data) => {
    const file = join(dir, source.weightsManifest[g].paths[s]);
    const tmp = `${file}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.write(data, 0, data.length, 0);
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    options.onShard?.(++done, shards);
  });
  const modelJson = withSyntheticMetadata(source, options.seed);
  await writeFile(join(dir, 'model.json.tmp'), JSON.stringify(modelJson));
  await rename(join(dir, 'model.json.tmp'), join(dir, 'model.json'));
  return { ...result, skipped: false };
}

// Synthetic weights for the converted EfficientNet graph models: with the plan of synth-plan.ts
// (every tensor of a genuine model.json classified through the topology), give each tensor
// seeded random values (learned parameters) or its reference value (non-learned constants), and
// write the shards in the converter's byte layout. Node only (fs); no tfjs.

import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng, deriveSeed } from '../../src/model/seeded-rng.ts';
import { initWeight, SYNTHETIC_INIT_VERSION, type InitGains } from '../../src/model/synthetic-init.ts';
import { SHARD_BYTES } from '../../src/model/model-json.ts';
import { sizeOfShape, syntheticMetadata, weightBytes, type ModelJson } from './synth-model-json.ts';
import { planModel } from './synth-plan.ts';
import type { ModelPlan, PlanEntry } from './synth-plan-types.ts';

// ---------------------------------------------------------------------------------------------
// Values and bytes

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface ValueOptions {
  seed: number;
  gains?: Partial<InitGains>;
}

/** The values of one plan entry. Learned tensors are seeded by (model seed, tensor name). */
export function entryValues(
  entry: PlanEntry,
  plan: ModelPlan,
  options: ValueOptions,
): Float32Array | Int32Array {
  if (entry.kind === 'constant') return entry.values;
  return initWeight(entry.role, entry.spec.shape, createRng(deriveSeed(options.seed, entry.spec.name)), {
    residualDepth: plan.residualDepth,
    gains: options.gains,
  });
}

function toBytes(values: Float32Array | Int32Array): Uint8Array {
  if (!LITTLE_ENDIAN) throw new Error('big-endian hosts are not supported');
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * Stream the bytes of each weight group, cut into SHARD_BYTES shards: calls `onShard` with
 * (group index, shard index, bytes) in order. The buffer handed to onShard is reused after the
 * returned promise resolves.
 */
export async function forEachShard(
  model: ModelJson,
  plan: ModelPlan,
  options: ValueOptions,
  onShard: (group: number, shard: number, bytes: Uint8Array) => Promise<void> | void,
): Promise<void> {
  const buffer = new Uint8Array(SHARD_BYTES);
  let e = 0;
  for (let g = 0; g < model.weightsManifest.length; g++) {
    const group = model.weightsManifest[g];
    const expectedShards = Math.ceil(plan.groupBytes[g] / SHARD_BYTES);
    if (expectedShards !== group.paths.length) {
      throw new Error(
        `group ${g}: ${plan.groupBytes[g]} bytes make ${expectedShards} shards of ${SHARD_BYTES}, manifest lists ${group.paths.length}`,
      );
    }
    let fill = 0;
    let shard = 0;
    for (let w = 0; w < group.weights.length; w++, e++) {
      const bytes = toBytes(entryValues(plan.entries[e], plan, options));
      let off = 0;
      while (off < bytes.length) {
        const n = Math.min(bytes.length - off, SHARD_BYTES - fill);
        buffer.set(bytes.subarray(off, off + n), fill);
        fill += n;
        off += n;
        if (fill === SHARD_BYTES) {
          await onShard(g, shard++, buffer);
          fill = 0;
        }
      }
    }
    if (fill > 0) await onShard(g, shard++, buffer.subarray(0, fill));
    if (shard !== group.paths.length) throw new Error(`group ${g}: wrote ${shard} shards`);
  }
}

/** The synthetic model in memory: model.json object and the concatenated weight bytes. */
export async function buildSyntheticModel(
  model: ModelJson,
  options: ValueOptions,
): Promise<{ modelJson: ModelJson; weightData: ArrayBuffer; plan: ModelPlan }> {
  const plan = planModel(model);
  const total = plan.groupBytes.reduce((a, b) => a + b, 0);
  const data = new Uint8Array(total);
  let off = 0;
  await forEachShard(model, plan, options, (_g, _s, bytes) => {
    data.set(bytes, off);
    off += bytes.length;
  });
  return { modelJson: withSyntheticMetadata(model, options.seed), weightData: data.buffer, plan };
}

export function withSyntheticMetadata(model: ModelJson, seed: number): ModelJson {
  return {
    ...model,
    userDefinedMetadata: { ...(model.userDefinedMetadata ?? {}), ...syntheticMetadata(seed) },
  };
}

// ---------------------------------------------------------------------------------------------
// On disk

/** Expected byte size of every shard file of the manifest, by path. */
export function expectedShardSizes(model: ModelJson): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const group of model.weightsManifest) {
    const bytes = group.weights.reduce((a, w) => a + weightBytes(w), 0);
    group.paths.forEach((p, i) => {
      sizes.set(p, i < group.paths.length - 1 ? SHARD_BYTES : bytes - SHARD_BYTES * i);
    });
  }
  return sizes;
}

/** Does `dir` already hold a complete synthetic model of this source, seed and init version? */
export function isCompleteSyntheticModel(dir: string, source: ModelJson, seed: number): boolean {
  const path = join(dir, 'model.json');
  if (!existsSync(path)) return false;
  let existing: ModelJson;
  try {
    existing = JSON.parse(readFileSync(path, 'utf8')) as ModelJson;
  } catch {
    return false;
  }
  const meta = existing.userDefinedMetadata ?? {};
  if (meta.synthetic !== true || meta.seed !== seed || meta.initVersion !== SYNTHETIC_INIT_VERSION) {
    return false;
  }
  if (JSON.stringify(existing.weightsManifest) !== JSON.stringify(source.weightsManifest)) return false;
  if (JSON.stringify(existing.modelTopology) !== JSON.stringify(source.modelTopology)) return false;
  for (const [p, size] of expectedShardSizes(source)) {
    const file = join(dir, p);
    if (!existsSync(file) || statSync(file).size !== size) return false;
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
  source: ModelJson,
  dir: string,
  options: ValueOptions & { force?: boolean; onShard?: (done: number, total: number) => void },
): Promise<WriteResult> {
  const plan = planModel(source);
  const bytes = plan.groupBytes.reduce((a, b) => a + b, 0);
  const shards = source.weightsManifest.reduce((a, g) => a + g.paths.length, 0);
  const learnedParams = plan.entries
    .filter((e) => e.kind === 'learned')
    .reduce((a, e) => a + sizeOfShape(e.spec.shape), 0);
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

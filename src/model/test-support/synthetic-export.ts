// Synthetic weights for the converted EfficientNet graph models, in memory: with the plan of
// synthetic-plan.ts (every tensor of a genuine model.json classified through the topology),
// give each tensor seeded random values (learned parameters, synthetic-init.ts — the same init
// the in-browser random-weight networks use) or its reference value (non-learned constants),
// in the converter's byte layout. Pure TypeScript: no tfjs, no fs (the writer is
// scripts/lib/synth-weights.ts).

import { SHARD_BYTES, type ConvertedModelJson } from '../model-json';
import { planModel, type ModelPlan, type PlanEntry } from './synthetic-plan';
import { initWeightSeeded, SYNTHETIC_INIT_VERSION, type InitGains } from '../synthetic-init';

/** The model.json of a synthetic export: the source's, marked synthetic with its seed, generator
 *  and init version (the app shows the mark; models:synth skips a complete folder by it). */
export function withSyntheticMetadata(model: ConvertedModelJson, seed: number): ConvertedModelJson {
  const mark = {
    synthetic: true,
    seed,
    generator: 'efficientnet-phi-lab models:synth',
    note: 'seeded random weights: predictions meaningless, latency real',
    initVersion: SYNTHETIC_INIT_VERSION,
  };
  return { ...model, userDefinedMetadata: { ...(model.userDefinedMetadata ?? {}), ...mark } };
}

// ---------------------------------------------------------------------------------------------
// Values and bytes

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface ValueOptions {
  seed: number;
  gains?: Partial<InitGains>;
}

/** The values of one plan entry. Learned tensors are seeded by (model seed, tensor name). */
export function entryValues(entry: PlanEntry, plan: ModelPlan, options: ValueOptions): Float32Array | Int32Array {
  if (entry.kind === 'constant') return entry.values;
  return initWeightSeeded(entry.role, entry.spec.shape, options.seed, entry.spec.name, {
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
  model: ConvertedModelJson,
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
      throw new Error(`group ${g}: ${plan.groupBytes[g]} bytes make ${expectedShards} shards of ${SHARD_BYTES}, manifest lists ${group.paths.length}`);
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
  model: ConvertedModelJson,
  options: ValueOptions,
): Promise<{ modelJson: ConvertedModelJson; weightData: ArrayBuffer; plan: ModelPlan }> {
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

// Synthetic weights for the converted EfficientNet graph models: classify every tensor of a
// genuine model.json's weightsManifest through the graph topology, give it seeded random values
// (learned parameters) or its reference value (non-learned constants), and write the shards in
// the converter's byte layout. Node only (fs); no tfjs.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng, deriveSeed } from '../../src/model/seeded-rng.ts';
import { initWeight, SYNTHETIC_INIT_VERSION, type InitGains } from '../../src/model/synthetic-init.ts';
import { roleForLayer, roleOfWeightName, type SyntheticLayerKind, type WeightRole } from '../../src/model/weight-roles.ts';
import { SHARD_BYTES, type ConvertedModelJson, type GraphNode, type WeightSpec } from '../../src/model/model-json.ts';

// ---------------------------------------------------------------------------------------------
// model.json types (the subset used here)

export type { GraphNode, WeightGroup, WeightSpec } from '../../src/model/model-json.ts';
export type ModelJson = ConvertedModelJson;

export interface SyntheticMetadata {
  synthetic: true;
  seed: number;
  generator: string;
  note: string;
  initVersion: number;
}



export const GENERATOR_NAME = 'efficientnet-phi-lab models:synth';
export const SYNTHETIC_NOTE = 'seeded random weights: predictions meaningless, latency real';

export function syntheticMetadata(seed: number): SyntheticMetadata {
  return {
    synthetic: true,
    seed,
    generator: GENERATOR_NAME,
    note: SYNTHETIC_NOTE,
    initVersion: SYNTHETIC_INIT_VERSION,
  };
}

export function readModelJson(path: string): ModelJson {
  const json = JSON.parse(readFileSync(path, 'utf8')) as ModelJson;
  if (!json.modelTopology?.node || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${path} is not a TF.js graph model.json (no modelTopology.node / weightsManifest)`);
  }
  return json;
}

// ---------------------------------------------------------------------------------------------
// Classification

/** A learned tensor and the layer it belongs to. */
export interface LearnedEntry {
  kind: 'learned';
  spec: WeightSpec;
  role: WeightRole;
  /** Layer kind found in the topology. */
  layer: SyntheticLayerKind;
  /** Name of the graph node that consumes it. */
  node: string;
}

/** A non-learned constant with its exact value. */
export interface ConstantEntry {
  kind: 'constant';
  spec: WeightSpec;
  /** What it is, e.g. 'input scale', 'input mean', 'se_reshape channels'. */
  what: string;
  values: Float32Array | Int32Array;
}

export type PlanEntry = LearnedEntry | ConstantEntry;

export interface ModelPlan {
  /** One entry per manifest weight, in manifest order (all groups concatenated). */
  entries: PlanEntry[];
  /** Number of identity-skip blocks (project convs consumed by AddV2). */
  residualDepth: number;
  /** Bytes of each weight group. */
  groupBytes: number[];
}

/** The reference values of the non-learned constants (README table). */
export const INPUT_SCALE = 255;
export const INPUT_MEAN = [123.675, 116.28, 103.53] as const;
export const INPUT_STD = [58.395, 57.12, 57.375] as const;

/** Strip the `^` control prefix and the `:N` output suffix of a node input. */
export function nodeOf(input: string): string {
  return input.replace(/^\^/, '').replace(/:\d+$/, '');
}

interface Use {
  node: GraphNode;
  index: number;
}

function bytesPerElement(dtype: string): number {
  if (dtype === 'float32' || dtype === 'int32') return 4;
  throw new Error(`unsupported dtype ${dtype}`);
}

export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function weightBytes(spec: WeightSpec): number {
  return sizeOfShape(spec.shape) * bytesPerElement(spec.dtype);
}

/**
 * Classify every weight of the manifest through the topology. Throws if any weight is
 * unclassified, used inconsistently, or has an unexpected shape or dtype.
 */
export function planModel(model: ModelJson): ModelPlan {
  const nodes = model.modelTopology.node;
  const byName = new Map<string, GraphNode>();
  for (const n of nodes) byName.set(n.name, n);
  const uses = new Map<string, Use[]>();
  for (const n of nodes) {
    (n.input ?? []).forEach((inp, index) => {
      if (inp.startsWith('^')) return; // control dependency: not a data use
      const src = nodeOf(inp);
      let list = uses.get(src);
      if (!list) uses.set(src, (list = []));
      list.push({ node: n, index });
    });
  }
  const usesOf = (name: string): Use[] => uses.get(name) ?? [];
  const input = (n: GraphNode, i: number): GraphNode | undefined => {
    const inp = n.input?.[i];
    return inp === undefined ? undefined : byName.get(nodeOf(inp));
  };

  // --- swish detection: x → Sigmoid(x), Mul(Sigmoid(x), x) ---------------------------------
  const swishOf = (x: GraphNode): GraphNode | undefined => {
    for (const u of usesOf(x.name)) {
      if (u.node.op !== 'Sigmoid') continue;
      for (const v of usesOf(u.node.name)) {
        if (v.node.op !== 'Mul') continue;
        const others = (v.node.input ?? []).map(nodeOf);
        if (others.includes(x.name) && others.includes(u.node.name)) return v.node;
      }
    }
    return undefined;
  };
  /** If n is swish(x) (a Mul of Sigmoid(x) and x), x. */
  const swishSource = (n: GraphNode | undefined): GraphNode | undefined => {
    if (!n || n.op !== 'Mul' || (n.input ?? []).length !== 2) return undefined;
    const [a, b] = (n.input ?? []).map((s) => byName.get(nodeOf(s)));
    if (a?.op === 'Sigmoid' && b && input(a, 0)?.name === b.name) return b;
    if (b?.op === 'Sigmoid' && a && input(b, 0)?.name === a.name) return a;
    return undefined;
  };

  /** Is `n` (a project conv) added to its own block's input, i.e. an identity-skip branch? The
   *  next block's AddV2 also consumes it (as the skip operand), so check that the other operand
   *  of the AddV2 is an ancestor of n. */
  const isResidualBranch = (n: GraphNode): boolean => {
    for (const u of usesOf(n.name)) {
      if (u.node.op !== 'AddV2' && u.node.op !== 'Add') continue;
      const others = (u.node.input ?? []).map(nodeOf).filter((x, i) => i !== u.index && x !== n.name);
      if (others.length !== 1) continue;
      const skip = others[0];
      // Bounded walk up the data inputs of n: a block spans ~20 nodes.
      const seen = new Set<string>();
      const stack = [n.name];
      while (stack.length > 0 && seen.size < 256) {
        const cur = byName.get(stack.pop()!);
        if (!cur || seen.has(cur.name)) continue;
        seen.add(cur.name);
        for (const inp of cur.input ?? []) {
          if (inp.startsWith('^')) continue;
          const src = nodeOf(inp);
          if (src === skip) return true;
          stack.push(src);
        }
      }
    }
    return false;
  };

  // --- layer kind of every conv / matmul node ----------------------------------------------
  const layerCache = new Map<string, SyntheticLayerKind>();
  const residualProject = new Set<string>();
  const layerOf = (c: GraphNode): SyntheticLayerKind => {
    const cached = layerCache.get(c.name);
    if (cached) return cached;
    let kind: SyntheticLayerKind | undefined;
    const data = input(c, 0);
    if (c.op === '_FusedMatMul') kind = 'dense';
    else if (c.op === 'FusedDepthwiseConv2dNative') kind = 'depthwise';
    else if (c.op === '_FusedConv2D') {
      const act = swishOf(c);
      const src = swishSource(data);
      if (data?.op === 'RealDiv') kind = 'stem';
      else if (data?.op === 'Reshape') kind = 'se_reduce';
      else if (src && src.op === '_FusedConv2D' && layerOf(src) === 'se_reduce') kind = 'se_expand';
      else if (act) {
        const next = usesOf(act.name).map((u) => u.node);
        if (next.some((n) => n.op === 'FusedDepthwiseConv2dNative')) kind = 'expand';
        else if (
          next.some(
            (n) => n.op === 'Mean' && usesOf(n.name).some((u) => u.node.op === '_FusedMatMul'),
          )
        ) {
          kind = 'head';
        }
      } else {
        // Linear conv after the SE excitation: the block's project conv.
        kind = 'project';
        if (isResidualBranch(c)) residualProject.add(c.name);
      }
    }
    if (!kind) throw new Error(`cannot tell the layer of ${c.op} node ${c.name}`);
    layerCache.set(c.name, kind);
    return kind;
  };

  // --- the input normalisation: image_input → Mul(s) → Sub(mean) → RealDiv(std) -------------
  const placeholders = nodes.filter((n) => n.op === 'Placeholder');
  if (placeholders.length !== 1) {
    throw new Error(`expected one Placeholder input, found ${placeholders.length}`);
  }
  const placeholder = placeholders[0];

  /** Values a constant must hold, from each of its uses; they must all agree. */
  const constValues = new Map<string, { what: string; values: number[]; dtype: string }>();
  const assign = (constName: string, what: string, values: number[], dtype = 'int32'): void => {
    const prev = constValues.get(constName);
    if (prev) {
      if (
        prev.dtype !== dtype ||
        prev.values.length !== values.length ||
        prev.values.some((v, i) => v !== values[i])
      ) {
        throw new Error(
          `constant ${constName} needs both [${prev.values}] (${prev.what}) and [${values}] (${what})`,
        );
      }
      return;
    }
    constValues.set(constName, { what, values, dtype });
  };
  const constInput = (n: GraphNode, i: number): GraphNode => {
    const c = input(n, i);
    if (!c || c.op !== 'Const') throw new Error(`input ${i} of ${n.name} is not a Const`);
    return c;
  };
  const broadcastSource = (n: GraphNode | undefined): GraphNode => {
    if (!n) throw new Error('missing normalisation input');
    if (n.op === 'Const') return n;
    if (n.op === 'BroadcastTo') return constInput(n, 0);
    throw new Error(`unexpected normalisation operand ${n.op} ${n.name}`);
  };

  const inputMuls = usesOf(placeholder.name).filter((u) => u.node.op === 'Mul');
  if (inputMuls.length !== 1) throw new Error('input Placeholder is not fed into exactly one Mul');
  const mul = inputMuls[0].node;
  assign(constInput(mul, 1 - inputMuls[0].index).name, 'input scale', [INPUT_SCALE], 'float32');
  const subs = usesOf(mul.name).filter((u) => u.node.op === 'Sub' && u.index === 0);
  if (subs.length !== 1) throw new Error(`input Mul ${mul.name} does not feed one Sub`);
  const sub = subs[0].node;
  assign(broadcastSource(input(sub, 1)).name, 'input mean', [...INPUT_MEAN], 'float32');
  const divs = usesOf(sub.name).filter((u) => u.node.op === 'RealDiv' && u.index === 0);
  if (divs.length !== 1) throw new Error(`input Sub ${sub.name} does not feed one RealDiv`);
  assign(broadcastSource(input(divs[0].node, 1)).name, 'input std', [...INPUT_STD], 'float32');
  const normalisationConsts = new Set(constValues.keys());

  // --- SE reshape / squeeze constants, learned kernels and biases -----------------------------
  const manifest = model.weightsManifest.flatMap((g) => g.weights);
  const specByName = new Map(manifest.map((w) => [w.name, w]));
  const learned = new Map<string, { role: WeightRole; layer: SyntheticLayerKind; node: string }>();
  const seInChannels = (pack: GraphNode): number => {
    for (const r of usesOf(pack.name)) {
      if (r.node.op !== 'Reshape' || r.index !== 1) continue;
      for (const c of usesOf(r.node.name)) {
        if (c.node.op === '_FusedConv2D' && c.index === 0) {
          const kernel = input(c.node, 1);
          const spec = kernel && specByName.get(kernel.name);
          if (spec && spec.shape.length === 4) return spec.shape[2];
        }
      }
    }
    throw new Error(`cannot find the se_reduce kernel after ${pack.name}`);
  };

  for (const spec of manifest) {
    const node = byName.get(spec.name);
    if (!node || node.op !== 'Const') {
      throw new Error(`manifest weight ${spec.name} is not a Const node of the topology`);
    }
    if (normalisationConsts.has(spec.name)) continue; // done above
    const nodeUses = usesOf(spec.name);
    if (nodeUses.length === 0) throw new Error(`weight ${spec.name} is not used by any node`);
    for (const { node: user, index } of nodeUses) {
      switch (user.op) {
        case '_FusedConv2D':
        case 'FusedDepthwiseConv2dNative':
        case '_FusedMatMul': {
          if (index !== 1 && index !== 2) {
            throw new Error(`weight ${spec.name} is input ${index} of ${user.name}`);
          }
          const layer = layerOf(user);
          const residual = residualProject.has(user.name);
          const role = roleForLayer(layer, index === 1 ? 'kernel' : 'bias', residual);
          const prev = learned.get(spec.name);
          if (prev && prev.role !== role) {
            throw new Error(`weight ${spec.name} used as both ${prev.role} and ${role}`);
          }
          learned.set(spec.name, { role, layer, node: user.name });
          break;
        }
        case 'StridedSlice':
          if (index === 1) assign(spec.name, 'se_reshape strided_slice begin', [0]);
          else if (index === 2 || index === 3) {
            assign(spec.name, 'se_reshape strided_slice end/strides', [1]);
          } else throw new Error(`weight ${spec.name} is input ${index} of ${user.name}`);
          break;
        case 'Pack':
          if (index === 1 || index === 2) assign(spec.name, 'se_reshape shape 1', [1]);
          else if (index === 3) {
            assign(spec.name, 'se_reshape channels', [seInChannels(user)]);
          } else throw new Error(`weight ${spec.name} is input ${index} of ${user.name}`);
          break;
        case 'Mean':
          if (index !== 1) throw new Error(`weight ${spec.name} is input ${index} of ${user.name}`);
          assign(spec.name, 'spatial mean reduction_indices', [1, 2]);
          break;
        default:
          throw new Error(`weight ${spec.name} is used by unexpected op ${user.op} (${user.name})`);
      }
    }
    if (learned.has(spec.name) && constValues.has(spec.name)) {
      throw new Error(`weight ${spec.name} is used both as a learned tensor and a constant`);
    }
  }

  const entries: PlanEntry[] = manifest.map((spec) => {
    if (spec.quantization) throw new Error(`quantized weight ${spec.name} is not supported`);
    const l = learned.get(spec.name);
    if (l) {
      if (spec.dtype !== 'float32') throw new Error(`learned ${spec.name} has dtype ${spec.dtype}`);
      const byName = roleOfWeightName(spec.name);
      if (byName !== null && byName !== l.role) {
        throw new Error(`${spec.name}: topology says ${l.role}, its name says ${byName}`);
      }
      checkLearnedShape(spec, l.role);
      return { kind: 'learned', spec, ...l };
    }
    const c = constValues.get(spec.name);
    if (!c) throw new Error(`unclassified weight ${spec.name}`);
    if (sizeOfShape(spec.shape) !== c.values.length) {
      throw new Error(`constant ${spec.name} (${c.what}) has shape [${spec.shape}], want ${c.values.length} values`);
    }
    if (spec.dtype !== c.dtype) {
      throw new Error(`constant ${spec.name} (${c.what}) has dtype ${spec.dtype}, want ${c.dtype}`);
    }
    const values = c.dtype === 'int32' ? Int32Array.from(c.values) : Float32Array.from(c.values);
    return { kind: 'constant', spec, what: c.what, values };
  });

  return {
    entries,
    residualDepth: residualProject.size,
    groupBytes: model.weightsManifest.map((g) => g.weights.reduce((a, w) => a + weightBytes(w), 0)),
  };
}

function checkLearnedShape(spec: WeightSpec, role: WeightRole): void {
  const rank = spec.shape.length;
  const ok = role.endsWith('_kernel')
    ? role === 'dense_kernel'
      ? rank === 2
      : rank === 4
    : rank === 1;
  if (!ok) throw new Error(`${spec.name}: role ${role} with shape [${spec.shape}]`);
}

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

// Classifies every tensor of a converted EfficientNet's weightsManifest through the graph
// topology: learned (with its role and layer, as the graph reader converted-graph.ts finds the
// layers) or a non-learned constant (with its reference
// value, REFERENCE_NORMALIZATION for the input normalisation). Pure TypeScript; no tfjs.

import type { LayerKind } from '../../scaling';
import { layerTensorNames, namedWeight, normalizationTensorNames } from '../converted-graph';
import { allSpecs, nodeOf, REFERENCE_NORMALIZATION, sizeOfShape, weightBytes, type ConvertedModelJson, type GraphNode, type WeightSpec } from '../model-json';
import { isKernelRole, roleForLayer, type WeightRole } from '../synthetic-init';

/** The kind of a layer by its name, and its block index within the stage (-1 outside blocks). */
export function layerKindOf(layer: string): { kind: LayerKind; block: number } {
  const inBlock = /(?:^|\/)stack_\d+\/block_(\d+)\/(expand|depthwise|se_reduce|se_expand|project)_conv2d$/.exec(layer);
  if (inBlock) return { kind: inBlock[2] as LayerKind, block: Number(inBlock[1]) };
  const kind = ({ stem_conv2d: 'stem', top_conv2d: 'head', logits: 'dense' } as const)[layer];
  if (!kind) throw new Error(`Not an EfficientNet layer name: ${layer}`);
  return { kind, block: -1 };
}

/**
 * Role of a NAMED weight of the converted TF Hub graphs (converted-graph.ts `namedWeight`: stem,
 * expand, depthwise, project and head convs, whatever the `StatefulPartitionedCall/model_N/`
 * prefix); null for anything else (the anonymous SE and dense tensors and the non-learned
 * constants are bound through the topology).
 *
 * Project convs: block 0 of every stage changes channels or stride (no identity skip) and gets
 * 'project_kernel', blocks j > 0 get 'residual_project_kernel': the EfficientNet rule.
 */
export function roleOfWeightName(name: string): WeightRole | null {
  const w = namedWeight(name);
  if (!w) return null;
  const { kind, block } = layerKindOf(w.layer);
  return roleForLayer(kind, w.part, block > 0);
}

// --- what the plan decided for each tensor -------------------------------------------------

/** A learned tensor and the layer it belongs to. */
export interface LearnedEntry {
  kind: 'learned';
  spec: WeightSpec;
  role: WeightRole;
  /** Layer kind found in the topology. */
  layer: LayerKind;
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
  /** Number of identity-skip blocks (project convs of blocks j > 0: the EfficientNet rule). */
  residualDepth: number;
  /** Bytes of each weight group. */
  groupBytes: number[];
}

interface Use {
  node: GraphNode;
  index: number;
}

/**
 * Classify every weight of the manifest through the topology. Throws if any weight is
 * unclassified, used inconsistently, or has an unexpected shape or dtype.
 */
export function planModel(model: ConvertedModelJson): ModelPlan {
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

  // --- learned tensors: each layer's kernel and bias, as the graph reader finds them ---------
  const learned = new Map<string, { role: WeightRole; layer: LayerKind; node: string }>();
  let residualDepth = 0;
  for (const [name, ref] of layerTensorNames(model)) {
    const { kind, block } = layerKindOf(name);
    const residual = kind === 'project' && block > 0;
    if (residual) residualDepth++;
    for (const part of ['kernel', 'bias'] as const) {
      const role = roleForLayer(kind, part, residual);
      const prev = learned.get(ref[part]);
      if (prev && prev.role !== role) throw new Error(`weight ${ref[part]} used as both ${prev.role} and ${role}`);
      learned.set(ref[part], { role, layer: kind, node: ref.node });
    }
  }

  /** Values a constant must hold, from each of its uses; they must all agree. */
  const constValues = new Map<string, { what: string; values: number[]; dtype: string }>();
  const assign = (constName: string, what: string, values: number[], dtype = 'int32'): void => {
    const prev = constValues.get(constName);
    if (prev) {
      if (prev.dtype !== dtype || prev.values.length !== values.length || prev.values.some((v, i) => v !== values[i])) {
        throw new Error(`constant ${constName} needs both [${prev.values.join(',')}] (${prev.what}) and [${values.join(',')}] (${what})`);
      }
      return;
    }
    constValues.set(constName, { what, values, dtype });
  };

  // --- the input normalisation: image_input → Mul(scale) → Sub(mean) → RealDiv(std) ---------
  const norm = normalizationTensorNames(model);
  assign(norm.scale, 'input scale', [REFERENCE_NORMALIZATION.scale], 'float32');
  assign(norm.mean, 'input mean', [...REFERENCE_NORMALIZATION.mean], 'float32');
  assign(norm.std, 'input std', [...REFERENCE_NORMALIZATION.std], 'float32');
  const normalisationConsts = new Set(constValues.keys());

  // --- SE reshape / squeeze constants, learned kernels and biases -----------------------------
  const manifest = allSpecs(model);
  const specByName = new Map(manifest.map((w) => [w.name, w]));
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
        case '_FusedMatMul':
          if ((index !== 1 && index !== 2) || !learned.has(spec.name)) throw new Error(`weight ${spec.name} is input ${index} of ${user.name}`);
          break;
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
      checkLearnedShape(spec, l.role);
      return { kind: 'learned', spec, ...l };
    }
    const c = constValues.get(spec.name);
    if (!c) throw new Error(`unclassified weight ${spec.name}`);
    if (sizeOfShape(spec.shape) !== c.values.length) {
      throw new Error(`constant ${spec.name} (${c.what}) has shape [${spec.shape.join(',')}], want ${c.values.length} values`);
    }
    if (spec.dtype !== c.dtype) {
      throw new Error(`constant ${spec.name} (${c.what}) has dtype ${spec.dtype}, want ${c.dtype}`);
    }
    const values = c.dtype === 'int32' ? Int32Array.from(c.values) : Float32Array.from(c.values);
    return { kind: 'constant', spec, what: c.what, values };
  });

  return {
    entries,
    residualDepth,
    groupBytes: model.weightsManifest.map((g) => g.weights.reduce((a, w) => a + weightBytes(w), 0)),
  };
}

function checkLearnedShape(spec: WeightSpec, role: WeightRole): void {
  const rank = spec.shape.length;
  const ok = isKernelRole(role) ? (role === 'dense_kernel' ? rank === 2 : rank === 4) : rank === 1;
  if (!ok) throw new Error(`${spec.name}: role ${role} with shape [${spec.shape.join(',')}]`);
}

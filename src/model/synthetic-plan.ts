// Classifies every tensor of a converted EfficientNet's weightsManifest through the graph
// topology: learned (with its role and layer) or a non-learned constant (with its reference
// value, REFERENCE_NORMALIZATION for the input normalisation). Pure TypeScript; no tfjs.

import type { LayerKind } from '../scaling';
import {
  allSpecs,
  nodeOf,
  normalizationTensorNames,
  REFERENCE_NORMALIZATION,
  sizeOfShape,
  weightBytes,
  type ConvertedModelJson,
  type GraphNode,
  type WeightSpec,
} from './model-json';
import type { ModelPlan, PlanEntry } from './synthetic-plan-types';
import { isKernelRole, roleForLayer, roleOfWeightName, type WeightRole } from './weight-roles';

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
  const layerCache = new Map<string, LayerKind>();
  const residualProject = new Set<string>();
  const layerOf = (c: GraphNode): LayerKind => {
    const cached = layerCache.get(c.name);
    if (cached) return cached;
    let kind: LayerKind | undefined;
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
        else if (next.some((n) => n.op === 'Mean' && usesOf(n.name).some((u) => u.node.op === '_FusedMatMul'))) {
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
  const learned = new Map<string, { role: WeightRole; layer: LayerKind; node: string }>();
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
    residualDepth: residualProject.size,
    groupBytes: model.weightsManifest.map((g) => g.weights.reduce((a, w) => a + weightBytes(w), 0)),
  };
}

function checkLearnedShape(spec: WeightSpec, role: WeightRole): void {
  const rank = spec.shape.length;
  const ok = isKernelRole(role) ? (role === 'dense_kernel' ? rank === 2 : rank === 4) : rank === 1;
  if (!ok) throw new Error(`${spec.name}: role ${role} with shape [${spec.shape.join(',')}]`);
}

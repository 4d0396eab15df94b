// The role of each weight tensor of an EfficientNet (stem kernel, residual project kernel, SE
// bias…), from a layer kind or from a converted graph's tensor name: the synthetic
// initialisation (synthetic-init.ts) draws each role from its own distribution.
// Pure TypeScript: types from src/scaling, the node-name rule of model-json.ts.

import type { LayerKind } from '../scaling';
import { nodeOf } from './model-json';

/** What a weight tensor does in the network, independent of its graph name. Kernels use the TF
 *  layouts of the converted graphs: conv [kh, kw, in, out], depthwise [kh, kw, in, multiplier],
 *  dense [in, out]; biases are 1-D (the folded batch-norm offsets). */
export type WeightRole =
  | 'stem_kernel'
  | 'expand_kernel'
  | 'depthwise_kernel'
  /** Project conv of a block without identity skip (first block of a stage): the main path. */
  | 'project_kernel'
  /** Project conv of a block with identity skip: a residual branch, kept small. */
  | 'residual_project_kernel'
  | 'head_kernel'
  | 'se_reduce_kernel'
  | 'se_expand_kernel'
  | 'dense_kernel'
  /** Folded BN offset of stem, expand, depthwise and head convs. */
  | 'bias'
  | 'project_bias'
  | 'se_reduce_bias'
  /** Bias before the SE sigmoid gate: positive mean, gates open by default. */
  | 'se_expand_bias'
  | 'dense_bias';

export const WEIGHT_ROLES: readonly WeightRole[] = [
  'stem_kernel',
  'expand_kernel',
  'depthwise_kernel',
  'project_kernel',
  'residual_project_kernel',
  'head_kernel',
  'se_reduce_kernel',
  'se_expand_kernel',
  'dense_kernel',
  'bias',
  'project_bias',
  'se_reduce_bias',
  'se_expand_bias',
  'dense_bias',
];

export function isKernelRole(role: WeightRole): boolean {
  return role.endsWith('_kernel');
}

/** Role of a layer's kernel or bias; `residual` tells project convs of identity-skip blocks. */
export function roleForLayer(kind: LayerKind, part: 'kernel' | 'bias', residual = false): WeightRole {
  if (part === 'kernel') {
    if (kind === 'project') return residual ? 'residual_project_kernel' : 'project_kernel';
    if (kind === 'head') return 'head_kernel';
    return `${kind}_kernel`;
  }
  switch (kind) {
    case 'project':
      return 'project_bias';
    case 'se_reduce':
      return 'se_reduce_bias';
    case 'se_expand':
      return 'se_expand_bias';
    case 'dense':
      return 'dense_bias';
    default:
      return 'bias';
  }
}

const BLOCK_RE = /(?:^|\/)stack_(\d+)\/block_(\d+)\//;

/**
 * Role of a NAMED weight of the converted TF Hub graphs (`…/stem_conv2d/Conv2D_weights`,
 * `…/stack_i/block_j/{expand_conv2d,project_conv2d}/Conv2D_{weights,bn_offset}`,
 * `…/depthwise_conv2d/depthwise_{weights,bn_offset}`, `…/top_conv2d/…`), whatever the
 * `StatefulPartitionedCall/model_N/` prefix; null for anything else (the anonymous SE and
 * dense tensors `Func/StatefulPartitionedCall/input/_N` and the non-learned constants must be
 * bound through the topology).
 *
 * Project convs: block 0 of every stage changes channels or stride (no identity skip) and gets
 * 'project_kernel', blocks j > 0 get 'residual_project_kernel'. That is the EfficientNet rule;
 * the generator checks it against the graph's AddV2 nodes.
 */
export function roleOfWeightName(name: string): WeightRole | null {
  const n = nodeOf(name);
  const isKernel = /\/(?:Conv2D|depthwise)_weights$/.test(n);
  const isBias = /\/(?:Conv2D|depthwise)_bn_offset$/.test(n);
  if (!isKernel && !isBias) return null;
  const part = isKernel ? 'kernel' : 'bias';
  if (/(?:^|\/)stem_conv2d\/Conv2D_/.test(n)) return roleForLayer('stem', part);
  if (/(?:^|\/)top_conv2d\/Conv2D_/.test(n)) return roleForLayer('head', part);
  const block = BLOCK_RE.exec(n);
  if (!block) return null;
  if (/\/expand_conv2d\/Conv2D_/.test(n)) return roleForLayer('expand', part);
  if (/\/depthwise_conv2d\/depthwise_/.test(n)) return roleForLayer('depthwise', part);
  if (/\/project_conv2d\/Conv2D_/.test(n)) {
    return roleForLayer('project', part, Number(block[2]) > 0);
  }
  return null;
}

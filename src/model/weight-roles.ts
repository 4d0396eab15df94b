// The role of each weight tensor of an EfficientNet (stem kernel, residual project kernel, SE
// bias…), from its layer kind: the synthetic initialisation (synthetic-init.ts) draws each role
// from its own distribution. Pure TypeScript.

import type { LayerKind } from '../scaling';

/** What a weight tensor does in the network, independent of its graph name. Kernels use the TF
 *  layouts of the converted graphs: conv [kh, kw, in, out], depthwise [kh, kw, in, multiplier],
 *  dense [in, out]; biases are 1-D (the folded batch-norm offsets). */
export const WEIGHT_ROLES = [
  'stem_kernel',
  'expand_kernel',
  'depthwise_kernel',
  // project conv of a block without identity skip (first block of a stage): the main path
  'project_kernel',
  // project conv of a block with identity skip: a residual branch, kept small
  'residual_project_kernel',
  'head_kernel',
  'se_reduce_kernel',
  'se_expand_kernel',
  'dense_kernel',
  // folded BN offset of stem, expand, depthwise and head convs
  'bias',
  'project_bias',
  'se_reduce_bias',
  // bias before the SE sigmoid gate: positive mean, gates open by default
  'se_expand_bias',
  'dense_bias',
] as const;
export type WeightRole = (typeof WEIGHT_ROLES)[number];

export function isKernelRole(role: WeightRole): boolean {
  return role.endsWith('_kernel');
}

const BIAS_ROLES: Partial<Record<LayerKind, WeightRole>> = {
  project: 'project_bias',
  se_reduce: 'se_reduce_bias',
  se_expand: 'se_expand_bias',
  dense: 'dense_bias',
};

/** Role of a layer's kernel or bias; `residual` tells project convs of identity-skip blocks. */
export function roleForLayer(kind: LayerKind, part: 'kernel' | 'bias', residual = false): WeightRole {
  if (part === 'bias') return BIAS_ROLES[kind] ?? 'bias';
  return kind === 'project' && residual ? 'residual_project_kernel' : `${kind}_kernel`;
}

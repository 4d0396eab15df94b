// Seeded random initialisation of EfficientNet weights (batch norm folded), shared by the
// `npm run models:synth` generator and the in-browser random-weight networks: each weight tensor
// has a role (stem kernel, residual project kernel, SE bias…) from its layer kind, drawn from the
// role's own distribution. Pure TypeScript.
//
// The weights are meaningless but make the network behave like a trained one numerically, for
// every variant, input size and image: kernel gains ≈ 2 keep conv + swish roughly
// variance-preserving (swish(x) ≈ x/2 near 0); residual branches shrink with the skip count; the
// SE kernels' mean makes squeeze-excite a gain control (without it activations grow or die
// exponentially with depth; with it pooled features stay at rms ≈ 0.5–1.5 for B0…B7 at 96…600 px,
// max |activation| < 100, safe in float16); the dense bias holds the softmax entropy at ≈ 3.1–4.2
// nats on photos (B0–B7, seeds 1234 and 7; test-support/synthetic-entropy.ts).

import type { LayerKind } from '../scaling';
import { createRng, deriveSeed, type Rng } from './seeded-rng';
import { sizeOfShape } from './model-json';

/** Bump when the generated values change for the same seed: cached synthetic models whose
 *  metadata carries another version are regenerated. */
export const SYNTHETIC_INIT_VERSION = 1;

/** Default model seed of the generator and of the random-weight builder. */
export const DEFAULT_SYNTHETIC_SEED = 1234;

/** Seed of the app's in-memory formula networks (and of `npm run models:onnx -- --phi`): fixed,
 *  so the same φ gives the same network everywhere. */
export const FORMULA_SEED = 7;

/** Gains of the initialisation, tuned on the eight converted graphs (scripts/synth-models.test.ts):
 *  kernels N(0, (gain / √fanIn)²), the residual project kernel's times residual / √residualDepth
 *  (variance growth through all skips ≈ Π(1 + c / depth) ≈ e^c); biases N(mean, std²). */
export const DEFAULT_INIT_GAINS = Object.freeze({
  stem: 0.3,
  expand: 2.0,
  depthwise: 2.0,
  project: 2.0,
  residual: 1.0,
  head: 2.0,
  /** Random (zero-mean) part of the SE kernels. */
  seReduce: 1.0,
  seExpand: 1.0,
  /** Mean part of the SE kernels: se_reduce sums the pooled activations with weight
   *  +seReduceMean/fanIn, se_expand with −seExpandMean/fanIn. Louder blocks close their gates:
   *  gain control that keeps every variant's activations at the same scale. */
  seReduceMean: 3.0,
  seExpandMean: 3.0,
  dense: 0.9,
  biasStd: 0.03,
  projectBiasStd: 0.02,
  seReduceBiasStd: 0.05,
  seExpandBiasMean: 2.0,
  seExpandBiasStd: 0.2,
  /** The dense bias (a class prior) is evenly spread over [−h, h] in random class order: a
   *  light-tailed logit spread that fixes the output entropy (≈ 1 + ln(1000 / 2h) nats) while
   *  the image term (dense kernel · pooled features, std ≈ dense · ‖pool‖rms ≈ 0.5–1.2)
   *  reorders the top classes from photo to photo. Gaussian logits instead would make the
   *  entropy hinge on the largest of 1000 draws. */
  denseBiasHalfWidth: 20,
});

export type InitGains = { [K in keyof typeof DEFAULT_INIT_GAINS]: number };

/** Number of identity-skip blocks of B0 (16 blocks, 7 stages): the default residual depth. */
export const DEFAULT_RESIDUAL_DEPTH = 9;

export interface InitOptions {
  /** Identity-skip blocks in the network (scales 'residual_project_kernel'); default DEFAULT_RESIDUAL_DEPTH. */
  residualDepth?: number;
  /** Override some gains (tuning, experiments). */
  gains?: Partial<InitGains>;
}

/** Fan-in of a kernel in TF layout: conv kh·kw·in, depthwise kh·kw, dense in. */
export function fanIn(role: WeightRole, shape: readonly number[]): number {
  if (role === 'depthwise_kernel') {
    if (shape.length !== 4) throw new Error(`depthwise kernel must be 4-D, got [${shape.join(',')}]`);
    return shape[0] * shape[1];
  }
  if (shape.length === 4) return shape[0] * shape[1] * shape[2];
  if (shape.length === 2) return shape[0];
  throw new Error(`kernel role ${role} needs a 2-D or 4-D shape, got [${shape.join(',')}]`);
}

/** How the values of a tensor are drawn: i.i.d. normal, or `spread`: the values
 *  mean − h + 2h·(i + ½)/n, i = 0…n−1 (evenly spaced over [mean − h, mean + h]), randomly
 *  permuted. */
export type InitDistribution = { kind: 'normal'; mean: number; std: number } | { kind: 'spread'; mean: number; halfWidth: number };

const normal = (mean: number, std: number): InitDistribution => ({ kind: 'normal', mean, std });

/** The roles of the weight tensors (what a tensor does in the network, independent of its graph
 *  name), each with its distribution from the gains `g`, `s` = 1/√fanIn (kernels) and the
 *  residual depth. Kernels use the TF layouts of the converted graphs: conv [kh, kw, in, out],
 *  depthwise [kh, kw, in, multiplier], dense [in, out]; biases are 1-D (the folded batch-norm offsets). */
const DISTRIBUTIONS = {
  stem_kernel: (g, s) => normal(0, g.stem * s),
  expand_kernel: (g, s) => normal(0, g.expand * s),
  depthwise_kernel: (g, s) => normal(0, g.depthwise * s),
  // project conv of a block without identity skip (first block of a stage): the main path
  project_kernel: (g, s) => normal(0, g.project * s),
  // project conv of a block with identity skip: a residual branch, kept small
  residual_project_kernel: (g, s, depth) => normal(0, (g.project * g.residual * s) / Math.sqrt(depth)),
  head_kernel: (g, s) => normal(0, g.head * s),
  se_reduce_kernel: (g, s) => normal(g.seReduceMean * s * s, g.seReduce * s),
  se_expand_kernel: (g, s) => normal(-g.seExpandMean * s * s, g.seExpand * s),
  dense_kernel: (g, s) => normal(0, g.dense * s),
  // folded BN offset of stem, expand, depthwise and head convs
  bias: (g) => normal(0, g.biasStd),
  project_bias: (g) => normal(0, g.projectBiasStd),
  se_reduce_bias: (g) => normal(0, g.seReduceBiasStd),
  // bias before the SE sigmoid gate: positive mean, gates open by default
  se_expand_bias: (g) => normal(g.seExpandBiasMean, g.seExpandBiasStd),
  dense_bias: (g) => ({ kind: 'spread', mean: 0, halfWidth: g.denseBiasHalfWidth }),
} satisfies Record<string, (g: InitGains, s: number, depth: number) => InitDistribution>;
export type WeightRole = keyof typeof DISTRIBUTIONS;
export const WEIGHT_ROLES = Object.keys(DISTRIBUTIONS) as WeightRole[];

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

/** The distribution a tensor of this role and shape is drawn from. */
export function initDistribution(role: WeightRole, shape: readonly number[], options: InitOptions = {}): InitDistribution {
  const scale = isKernelRole(role) ? 1 / Math.sqrt(fanIn(role, shape)) : 0;
  const depth = Math.max(1, options.residualDepth ?? DEFAULT_RESIDUAL_DEPTH);
  return DISTRIBUTIONS[role]({ ...DEFAULT_INIT_GAINS, ...options.gains }, scale, depth);
}

/** Values of one weight tensor of the given role and shape, drawn from `rng` (row-major, TF layout). */
export function initWeight(role: WeightRole, shape: readonly number[], rng: Rng, options: InitOptions = {}): Float32Array {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new Error(`bad shape [${shape.join(',')}]`);
  const n = sizeOfShape(shape);
  const values = new Float32Array(n);
  const dist = initDistribution(role, shape, options);
  if (dist.kind === 'normal') {
    const { mean, std } = dist;
    for (let i = 0; i < n; i++) values[i] = mean + std * rng.normal();
    return values;
  }
  const { mean, halfWidth } = dist;
  for (let i = 0; i < n; i++) values[i] = mean - halfWidth + (2 * halfWidth * (i + 0.5)) / n;
  // Fisher–Yates.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

/** Convenience: the values of a tensor seeded from (model seed, tensor key). */
export function initWeightSeeded(role: WeightRole, shape: readonly number[], modelSeed: number, key: string, options: InitOptions = {}): Float32Array {
  return initWeight(role, shape, createRng(deriveSeed(modelSeed, key)), options);
}

// Seeded random initialisation of EfficientNet weights (batch norm folded), shared by the
// `npm run models:synth` generator (converted-format model files) and the in-browser
// random-weight network builder. Pure TypeScript: no tfjs, no DOM, no Node.
//
// The weights are meaningless but chosen so that the network behaves like a trained one
// numerically, for every variant, input size and image:
// - kernels ~ N(0, (gain/√fanIn)²), with gains ≈ 2 that make conv + swish roughly
//   variance-preserving in swish's near-linear range (swish(x) ≈ x/2 for small x);
// - residual branches (project convs of identity-skip blocks) scaled by 1/√(residual depth), so
//   the growth through all skips is the same for B0 (9 skips) and B7 (48);
// - squeeze-excite as gain control: the SE kernels get a mean (reduce +, expand −) so a louder
//   block closes its sigmoid gates. Without it random activations grow or die exponentially
//   with depth and the output scale varied 50× between photos; with it the pooled features
//   stay at rms ≈ 0.5–1.5 for B0…B7 at 96…600 px (max |activation| < 100, safe in float16);
// - the dense bias is a light-tailed class prior (evenly spread over ±20 in random order) plus
//   a small image term, so the softmax entropy is ≈ 3.1–4.2 nats on photos (measured for B0–B7
//   at 96, 224 px and the official sizes, seeds 1234 and 7), never one-hot nor uniform, while
//   the top classes still change from photo to photo. See SYNTHETIC_ENTROPY_TARGET.

/** Bump when the generated values change for the same seed: cached synthetic models whose
 *  metadata carries another version are regenerated. */
export const SYNTHETIC_INIT_VERSION = 1;

/** Default model seed of the generator and of the random-weight builder. */
export const DEFAULT_SYNTHETIC_SEED = 1234;

/** Seed of the app's in-memory formula networks (and of `npm run models:onnx -- --phi`): fixed,
 *  so the same φ gives the same network everywhere. */
export const FORMULA_SEED = 7;

// ---------------------------------------------------------------------------------------------
// PRNG

/** A seeded pseudo-random source. */
export interface Rng {
  /** The 32-bit seed it was created with. */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1) (Box–Muller, both values of each pair used). */
  normal(): number;
}

/** mulberry32: a tiny, fast 32-bit generator; uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded Rng: mulberry32 uniforms, Box–Muller normals. */
export function createRng(seed: number): Rng {
  const uniform = mulberry32(seed);
  let spare = 0;
  let hasSpare = false;
  return {
    seed: seed >>> 0,
    next: uniform,
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // 1 - u is in (0, 1]: log never sees 0.
      const r = Math.sqrt(-2 * Math.log(1 - uniform()));
      const theta = 2 * Math.PI * uniform();
      spare = r * Math.sin(theta);
      hasSpare = true;
      return r * Math.cos(theta);
    },
  };
}

/** 32-bit FNV-1a hash of a string (UTF-16 code units). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic per-tensor seed from the model seed and the tensor's name or index. Names give
 *  seeds that do not move when tensors are reordered; the same (seed, key) always gives the
 *  same result on every platform. */
export function deriveSeed(modelSeed: number, key: string | number): number {
  const k = typeof key === 'number' ? fmix32((key >>> 0) ^ 0x9e3779b9) : hashString(key);
  return fmix32((fmix32(modelSeed >>> 0) + Math.imul(k, 0x9e3779b1)) >>> 0);
}

// ---------------------------------------------------------------------------------------------
// Roles

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

/** Layer kinds as in src/scaling (LayerSpec.kind). */
export type SyntheticLayerKind =
  | 'stem'
  | 'expand'
  | 'depthwise'
  | 'se_reduce'
  | 'se_expand'
  | 'project'
  | 'head'
  | 'dense';

/** Role of a layer's kernel or bias; `residual` tells project convs of identity-skip blocks. */
export function roleForLayer(
  kind: SyntheticLayerKind,
  part: 'kernel' | 'bias',
  residual = false,
): WeightRole {
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
  const n = name.replace(/^\^/, '').replace(/:\d+$/, '');
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

// ---------------------------------------------------------------------------------------------
// Scales

/**
 * Gains of the initialisation. Kernels are N(0, (gain / √fanIn)²) (SE kernels add a mean, see
 * below); the residual project kernel additionally gets residual / √residualDepth, so that the
 * variance growth through all identity skips, ≈ Π(1 + c / depth) ≈ e^c, is the same for B0
 * (9 skips) and B7 (48). Biases are N(mean, std²), except the dense bias (see
 * denseBiasHalfWidth).
 */
export interface InitGains {
  stem: number;
  expand: number;
  depthwise: number;
  project: number;
  residual: number;
  head: number;
  /** Random (zero-mean) part of the SE kernels. */
  seReduce: number;
  seExpand: number;
  /** Mean part of the SE kernels: se_reduce sums the pooled activations with weight
   *  +seReduceMean/fanIn, se_expand with −seExpandMean/fanIn. Louder blocks close their gates:
   *  gain control that keeps every variant's activations at the same scale. */
  seReduceMean: number;
  seExpandMean: number;
  dense: number;
  biasStd: number;
  projectBiasStd: number;
  seReduceBiasStd: number;
  seExpandBiasMean: number;
  seExpandBiasStd: number;
  /** The dense bias (a class prior) is evenly spread over [−h, h] in random class order: a
   *  light-tailed logit spread that fixes the output entropy (≈ 1 + ln(1000 / 2h) nats) while
   *  the image term (dense kernel · pooled features, std ≈ dense · ‖pool‖rms ≈ 0.5–1.2)
   *  reorders the top classes from photo to photo. Gaussian logits instead would make the
   *  entropy hinge on the largest of 1000 draws. */
  denseBiasHalfWidth: number;
}

/** Tuned on the eight converted graphs (see SYNTHETIC_ENTROPY_TARGET and
 *  scripts/synth-models.test.ts). */
export const DEFAULT_INIT_GAINS: Readonly<InitGains> = Object.freeze({
  stem: 0.3,
  expand: 2.0,
  depthwise: 2.0,
  project: 2.0,
  residual: 1.0,
  head: 2.0,
  seReduce: 1.0,
  seExpand: 1.0,
  seReduceMean: 3.0,
  seExpandMean: 3.0,
  dense: 0.9,
  biasStd: 0.03,
  projectBiasStd: 0.02,
  seReduceBiasStd: 0.05,
  seExpandBiasMean: 2.0,
  seExpandBiasStd: 0.2,
  denseBiasHalfWidth: 20,
});

/** Number of identity-skip blocks of B0 (16 blocks, 7 stages): the default residual depth. */
export const DEFAULT_RESIDUAL_DEPTH = 9;

export interface InitOptions {
  /** Number of identity-skip (residual) blocks in the whole network; scales
   *  'residual_project_kernel'. Default DEFAULT_RESIDUAL_DEPTH. */
  residualDepth?: number;
  /** Override some gains (tuning, experiments). */
  gains?: Partial<InitGains>;
}

/**
 * What the softmax of a synthetic model looks like on a real photo. The hard bounds are what
 * the tests enforce; the typical band is what DEFAULT_INIT_GAINS was tuned to for B0–B7
 * (uniform over 1000 classes would be ln 1000 ≈ 6.91 nats).
 */
export const SYNTHETIC_ENTROPY_TARGET = Object.freeze({
  /** Hard bounds (nats). */
  min: 1,
  max: 6,
  /** Band the defaults land in for all of B0–B7 (nats). */
  typicalMin: 3,
  typicalMax: 4.5,
  /** Top-1 probability stays below this. */
  maxTop1: 0.9,
});

/** Returns SYNTHETIC_ENTROPY_TARGET. */
export function syntheticEntropyTarget(): typeof SYNTHETIC_ENTROPY_TARGET {
  return SYNTHETIC_ENTROPY_TARGET;
}

/** Fan-in of a kernel in TF layout: conv kh·kw·in, depthwise kh·kw, dense in. */
export function fanIn(role: WeightRole, shape: readonly number[]): number {
  if (role === 'depthwise_kernel') {
    if (shape.length !== 4) throw new Error(`depthwise kernel must be 4-D, got [${shape}]`);
    return shape[0] * shape[1];
  }
  if (shape.length === 4) return shape[0] * shape[1] * shape[2];
  if (shape.length === 2) return shape[0];
  throw new Error(`kernel role ${role} needs a 2-D or 4-D shape, got [${shape}]`);
}

/** How the values of a tensor are drawn: i.i.d. normal, or `spread`: the values
 *  mean − h + 2h·(i + ½)/n, i = 0…n−1 (evenly spaced over [mean − h, mean + h]), randomly
 *  permuted. */
export type InitDistribution =
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'spread'; mean: number; halfWidth: number };

/** The distribution a tensor of this role and shape is drawn from. */
export function initDistribution(
  role: WeightRole,
  shape: readonly number[],
  options: InitOptions = {},
): InitDistribution {
  const d = normalParams(role, shape, options);
  return 'halfWidth' in d ? { kind: 'spread', ...d } : { kind: 'normal', ...d };
}

function normalParams(
  role: WeightRole,
  shape: readonly number[],
  options: InitOptions,
): { mean: number; std: number } | { mean: number; halfWidth: number } {
  const g: InitGains = { ...DEFAULT_INIT_GAINS, ...options.gains };
  if (!isKernelRole(role)) {
    switch (role) {
      case 'bias':
        return { mean: 0, std: g.biasStd };
      case 'project_bias':
        return { mean: 0, std: g.projectBiasStd };
      case 'se_reduce_bias':
        return { mean: 0, std: g.seReduceBiasStd };
      case 'se_expand_bias':
        return { mean: g.seExpandBiasMean, std: g.seExpandBiasStd };
      case 'dense_bias':
        return { mean: 0, halfWidth: g.denseBiasHalfWidth };
      default:
        throw new Error(`unknown weight role ${String(role)}`);
    }
  }
  const scale = 1 / Math.sqrt(fanIn(role, shape));
  switch (role) {
    case 'stem_kernel':
      return { mean: 0, std: g.stem * scale };
    case 'expand_kernel':
      return { mean: 0, std: g.expand * scale };
    case 'depthwise_kernel':
      return { mean: 0, std: g.depthwise * scale };
    case 'project_kernel':
      return { mean: 0, std: g.project * scale };
    case 'residual_project_kernel': {
      const depth = Math.max(1, options.residualDepth ?? DEFAULT_RESIDUAL_DEPTH);
      return { mean: 0, std: (g.project * g.residual * scale) / Math.sqrt(depth) };
    }
    case 'head_kernel':
      return { mean: 0, std: g.head * scale };
    case 'se_reduce_kernel':
      return { mean: g.seReduceMean * scale * scale, std: g.seReduce * scale };
    case 'se_expand_kernel':
      return { mean: -g.seExpandMean * scale * scale, std: g.seExpand * scale };
    case 'dense_kernel':
      return { mean: 0, std: g.dense * scale };
    default:
      throw new Error(`unknown weight role ${String(role)}`);
  }
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`bad shape [${shape}]`);
    n *= d;
  }
  return n;
}

/**
 * Values of one weight tensor of the given role and shape, drawn from `rng`
 * (row-major, TF layout). Writes into `out` when given (it must hold the tensor's size).
 */
export function initWeight(
  role: WeightRole,
  shape: readonly number[],
  rng: Rng,
  options: InitOptions = {},
  out?: Float32Array,
): Float32Array {
  const n = sizeOf(shape);
  const values = out ?? new Float32Array(n);
  if (values.length < n) throw new Error(`output holds ${values.length} values, need ${n}`);
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
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
  return values;
}

/** Convenience: the values of a tensor seeded from (model seed, tensor key). */
export function initWeightSeeded(
  role: WeightRole,
  shape: readonly number[],
  modelSeed: number,
  key: string | number,
  options: InitOptions = {},
): Float32Array {
  return initWeight(role, shape, createRng(deriveSeed(modelSeed, key)), options);
}

/** Shannon entropy in nats of a probability vector (zeros ignored). */
export function entropyNats(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

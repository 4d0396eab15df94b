/** Which kernel runs each kernel class of the own network on WebGPU. Pure (no tfjs): the
 *  worker protocol, the URL state and the bench report share these names. */

/** pointwise: 1×1 convs (expand, project, head); depthwise: depthwise convs and the stem;
 *  pool: global average pools; dense: squeeze-excite reduce/expand and the logits. */
export const KERNEL_CLASSES = ['pointwise', 'depthwise', 'pool', 'dense'] as const;
export type KernelClass = (typeof KERNEL_CLASSES)[number];

/** barrier-free: register-blocked kernels without workgroup barriers; tiled: workgroup-memory
 *  tiles and tree reductions (both fuse bias, activation, gate and residual); stock: tfjs's ops. */
export type KernelChoice = Exclude<KernelMode, 'auto'>;
export type KernelPlan = Record<KernelClass, KernelChoice>;

/** `?kernels=`: one choice everywhere, or auto (tuned per device at warm-up). */
export const KERNEL_MODES = ['auto', 'barrier-free', 'tiled', 'stock'] as const;
export type KernelMode = (typeof KERNEL_MODES)[number];

/** The tfjs flag (registered by mode.ts) that switches the own network between its fused WebGPU
 *  kernels (default) and stock tfjs kernels. */
export const WEBGPU_KERNELS_FLAG = 'EFFNET_WEBGPU_KERNELS';

export function isKernelMode(v: unknown): v is KernelMode {
  return typeof v === 'string' && (KERNEL_MODES as readonly string[]).includes(v);
}

/** A mode by name, `fused` (the barrier-free kernels' earlier name, in old links) included. */
export function kernelModeOf(v: string): KernelMode | null {
  const name = v === 'fused' ? 'barrier-free' : v;
  return isKernelMode(name) ? name : null;
}

/** What each class can run (depthwise has no tiled form: its register blocking is kept). */
export const CANDIDATES: Record<KernelClass, readonly KernelChoice[]> = {
  pointwise: ['barrier-free', 'tiled', 'stock'],
  depthwise: ['barrier-free', 'stock'],
  pool: ['barrier-free', 'tiled', 'stock'],
  dense: ['barrier-free', 'tiled', 'stock'],
};

/** The plan a fixed mode means: its choice where the class has it, barrier-free otherwise. */
export function planFor(choice: KernelChoice): KernelPlan {
  return Object.fromEntries(KERNEL_CLASSES.map((c) => [c, CANDIDATES[c].includes(choice) ? choice : 'barrier-free'])) as KernelPlan;
}

/** Median ms per candidate that was timed (null: failed to compile or run). */
export type ClassTimings = Partial<Record<KernelChoice, number | null>>;

/** What the tuner (or an override) decided, for the bench report and the status line. */
export interface KernelReport {
  mode: KernelMode;
  plan: KernelPlan;
  /** Per class, the timings that chose it (absent for fixed modes and cache hits' reruns). */
  timings: Partial<Record<KernelClass, ClassTimings>>;
  /** Wall time of the tuning (0 for fixed modes), its budget, and whether it came from the cache. */
  tuneMs: number;
  budgetMs: number;
  cached: boolean;
  adapter: string | null;
}

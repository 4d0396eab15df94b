/** How many images go through a network in one batch tensor. Larger batches amortise dispatch and
 *  readback, until activation memory or the backend's own limits bite; so the size is capped per
 *  backend and by a memory budget from the largest activations of the network; the app's one reader of navigator.deviceMemory. */
import type { NetworkConfig } from '../scaling';
import type { BackendName } from './backend-name';

/** Most images per batch on each backend: GPU backends gain from wide batches, wasm/cpu barely
 *  (their cost is per multiply-add), and a big batch only delays progress and cancel. */
export const BATCH_CAP: Readonly<Record<BackendName, number>> = { webgpu: 16, webgl: 8, wasm: 4, cpu: 2 };

/** Share of the device's memory (navigator.deviceMemory, GiB) a batch's activations may take. */
export const MEMORY_SHARE = 1 / 16;
/** Budget when the device does not say (navigator.deviceMemory is Chromium-only, capped at 8). */
export const DEFAULT_DEVICE_GIB = 4;

/** Bytes one image's activations take at their peak: the largest expanded feature map, alive with
 *  its input and its output (float32, three maps), plus the input image. */
export function activationBytesPerImage(config: NetworkConfig): number {
  let largest = config.resolution ** 2 * 3;
  for (const b of config.blocks) largest = Math.max(largest, b.inputSize ** 2 * b.expandedChannels, b.outputSize ** 2 * b.outChannels);
  largest = Math.max(largest, config.stages.at(-1)!.featureSize ** 2 * config.headChannels);
  return 4 * (3 * largest + config.resolution ** 2 * 3);
}

/** The batch size and why, for the view ("webgpu cap 16", "memory: 256 MiB budget / 14 MiB per image"). */
export function planBatch(o: { config: NetworkConfig; backend: BackendName; images: number }) {
  const cap = BATCH_CAP[o.backend];
  const gib = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory || DEFAULT_DEVICE_GIB;
  const budget = gib * 2 ** 30 * MEMORY_SHARE;
  const per = activationBytesPerImage(o.config);
  const byMemory = Math.max(1, Math.floor(budget / per));
  const batch = Math.max(1, Math.min(cap, byMemory, o.images));
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const reason =
    batch === o.images && batch < Math.min(cap, byMemory)
      ? `all ${o.images} images`
      : byMemory < cap
        ? `memory: ${mib(budget)} budget / ${mib(per)} per image`
        : `${o.backend} cap ${cap}`;
  return { batch, reason };
}
export type BatchPlan = ReturnType<typeof planBatch>;

/** One batch size for several networks run side by side: the smallest of their plans. */
export function planBatchFor(configs: readonly NetworkConfig[], o: { backend: BackendName; images: number }): BatchPlan {
  const plans = configs.map((config) => planBatch({ ...o, config }));
  return plans.reduce((a, b) => (b.batch < a.batch ? b : a), plans[0] ?? { batch: 1, reason: 'no network' });
}

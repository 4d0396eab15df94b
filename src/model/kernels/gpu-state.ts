/** What the tuner and the pipeline counter read from tfjs's WebGPU backend: its device (error
 *  scopes, adapter info) and its pipeline cache (keys → pipelines or pending compilations). */
import * as tf from '@tensorflow/tfjs-core';
import { OWN_KEY_PREFIX } from './program';

type Pending = GPUComputePipeline | Promise<GPUComputePipeline>;
interface WebGPUInternals {
  device: GPUDevice & { adapterInfo?: GPUAdapterInfo };
  pipelineCache: Record<string, Pending>;
  adapterInfo?: { vendor?: string; architecture?: string };
}

const internals = () => tf.backend() as unknown as WebGPUInternals;

/** Waits for every pending pipeline; drops (and returns the keys of) those that failed, so a
 *  broken candidate neither stays cached nor fails tfjs's own compile checks later. */
export async function settlePipelines(): Promise<string[]> {
  const cache = internals().pipelineCache;
  const failed: string[] = [];
  await Promise.all(
    Object.entries(cache).map(async ([key, p]) => {
      try {
        cache[key] = await p;
      } catch {
        delete cache[key];
        failed.push(key);
      }
    }),
  );
  return failed;
}

/** Runs `body` inside a validation + internal error scope; rejects with the first GPU error. */
export async function withGpuErrors<T>(body: () => Promise<T>): Promise<T> {
  const device = internals().device;
  device.pushErrorScope('validation');
  device.pushErrorScope('internal');
  // Both scopes are popped whether or not body throws; a GPU error outranks body's own.
  const [outcome] = await Promise.allSettled([body()]);
  const errors = [await device.popErrorScope(), await device.popErrorScope()].filter(Boolean);
  if (errors.length) throw new Error(`GPU error: ${errors[0]!.message}`);
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
}

/** Pipelines `compile` creates from nothing: the cache is swapped for an empty one while it runs
 *  (compile-only), then merged back, so shared pipelines count for every network using them. */
export async function countPipelines(compile: () => void) {
  const b = internals();
  const saved = b.pipelineCache;
  b.pipelineCache = {};
  try {
    compile();
    await settlePipelines();
    const keys = Object.keys(b.pipelineCache);
    return { own: keys.filter((k) => k.startsWith(OWN_KEY_PREFIX)).length, total: keys.length };
  } finally {
    for (const [k, p] of Object.entries(b.pipelineCache)) if (!(k in saved)) saved[k] = p;
    b.pipelineCache = saved;
  }
}

export type PipelineCount = Awaited<ReturnType<typeof countPipelines>>;

/** Vendor, architecture, description and device of the backend's adapter (Dawn puts the driver
 *  version in the description): the key under which tuned plans are cached. */
export function adapterKey(): string {
  const info = internals().device?.adapterInfo;
  const parts = info
    ? [info.vendor, info.architecture, info.description, info.device]
    : [internals().adapterInfo?.vendor, internals().adapterInfo?.architecture];
  return parts.map((p) => p || '-').join(' | ');
}

/** A CPU emulation (SwiftShader, a fallback adapter): compiling is slow there and a barrier
 *  costs a coroutine switch, so tuning and the big reference matMul are skipped unless asked. */
export const isEmulatedAdapter = (description: string = adapterKey()): boolean => /swiftshader|fallback/i.test(description);

/** A short adapter name for the status line. */
export function adapterName(): string {
  const info = internals().device?.adapterInfo;
  return [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'this adapter';
}

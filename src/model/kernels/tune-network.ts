/** The per-device tuner at warm-up (README, "WebGPU kernels"): each class replayed on its real
 *  shapes (zero inputs) per candidate, whose pipelines compile beforehand in one compile-only pass. */
import * as tf from '@tensorflow/tfjs-core';
import { enterCompileOnly } from '../compile-only';
import type { EfficientNet } from '../network';
import { adapterKey, adapterName, isEmulatedAdapter, settlePipelines, withGpuErrors } from './gpu-state';
import { effectiveMode, webgpuActive } from './mode';
import { recordCalls, type RecordedCall } from './ops';
import { KERNEL_CLASSES, planFor, type KernelChoice, type KernelClass, type KernelReport } from './plan';
import { loadTuning, saveTuning, tuningKey } from './tune-cache';
import { tuneCompiled } from './tuner';

export const TUNE_BUDGET_FACTOR = 2;
const now = () => performance.now();

/** The plan report for a network; tunes (or reads the cache) when the mode is auto on WebGPU. */
export async function tuneKernels(net: EfficientNet, batch = 1): Promise<KernelReport | null> {
  if (!webgpuActive()) return null;
  const mode = effectiveMode(net.kernels);
  const adapter = adapterName();
  // A CPU-emulated adapter (SwiftShader) compiles candidates for minutes and always picks the
  // barrier-free kernels: tuned there only when ?kernels=auto asks for it.
  if (mode !== 'auto' || !net.kernelPlan || (!net.kernels.asked && isEmulatedAdapter())) {
    return { mode, plan: net.kernelPlan ?? planFor('stock'), timings: {}, tuneMs: 0, budgetMs: 0, cached: false, adapter };
  }
  const size = net.config.resolution;
  const key = tuningKey({ adapter: adapterKey(), tfjs: tf.version_core, network: net.config.name, resolution: size, batch });
  const hit = await loadTuning(key);
  if (hit) {
    net.kernelPlan = hit.plan;
    return { ...hit, mode, cached: true };
  }
  const t0 = now();
  const x = tf.zeros([batch, size, size, 3]) as tf.Tensor4D;
  const prepared: Partial<Record<KernelClass, ReturnType<RecordedCall['prepare']>[]>> = {};
  try {
    net.kernelPlan = planFor('barrier-free');
    // One real inference: the budget's unit (its pipelines are compiled by the warm-up).
    const r0 = now();
    const y = net.logits(x);
    await y.data();
    y.dispose();
    const budgetMs = TUNE_BUDGET_FACTOR * (now() - r0);

    const calls = recordCalls(() => enterCompileOnly(() => net.logits(x)));
    const unique = new Map(calls.map((c) => [c.signature, c]));
    for (const c of unique.values()) (prepared[c.cls] ??= []).push(c.prepare());

    const compile = (cls: KernelClass, choice: KernelChoice) =>
      withGpuErrors(async () => {
        enterCompileOnly(() => (prepared[cls] ?? []).map((p) => p.run(choice)));
        const bad = await settlePipelines();
        if (bad.length) throw new Error(`${bad.length} pipeline(s) failed`);
      });
    const time = (cls: KernelClass, choice: KernelChoice) =>
      withGpuErrors(async () => {
        const s = now();
        const outs = (prepared[cls] ?? []).map((p) => p.run(choice));
        await outs[outs.length - 1]?.data();
        const ms = now() - s;
        tf.dispose(outs);
        return ms;
      });
    const outcome = await tuneCompiled(
      KERNEL_CLASSES.filter((c) => prepared[c]?.length),
      compile,
      time,
      budgetMs,
    );
    net.kernelPlan = outcome.plan;
    const stored = { plan: outcome.plan, timings: outcome.timings, tuneMs: now() - t0, budgetMs, adapter };
    await saveTuning(key, stored);
    return { ...stored, mode, cached: false };
  } finally {
    x.dispose();
    for (const list of Object.values(prepared)) list?.forEach((p) => p.dispose());
  }
}

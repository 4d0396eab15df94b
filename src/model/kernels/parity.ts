/** Every kernel path against the stock tfjs ops on the same backend, weights and input: the fixed
 *  plans, mixed plans that put every class on every candidate, and the tuned plan. For the e2e
 *  spec (through the inference worker) and `npm run bench:node`. */
import * as tf from '@tensorflow/tfjs-core';
import { officialCoefficients, scaleNetwork } from '../../scaling';
import { maxAbsDiff } from '../max-abs-diff';
import { createEfficientNet } from '../network';
import { randomWeights } from '../random-weights';
import { planFor, type KernelPlan, type KernelReport } from './plan';
import { tuneKernels } from './tune-network';

/** What kernelParity checks: which network, at which input size and batch, and which rows. */
export interface KernelParityJob {
  variant: number;
  /** Input size (default: the variant's); an odd size exercises stride 2 on odd inputs. */
  resolution?: number;
  batch: number;
  seed?: number;
  /** Which comparisons to run (default all: barrier-free, tiled, stock, mixed-a, mixed-b, auto). */
  rows?: string[];
}

/** Plans that, with the fixed ones, run every class on every candidate at least once. */
export const MIXED_PLANS: Record<string, KernelPlan> = {
  'mixed-a': { pointwise: 'tiled', depthwise: 'stock', pool: 'barrier-free', dense: 'tiled' },
  'mixed-b': { pointwise: 'stock', depthwise: 'barrier-free', pool: 'tiled', dense: 'stock' },
};

export async function kernelParity(job: KernelParityJob) {
  const coefficients = officialCoefficients(job.variant);
  const config = scaleNetwork({ ...coefficients, resolution: job.resolution ?? coefficients.resolution });
  // Auto as asked for: the tuner runs even on a CPU-emulated adapter.
  const net = createEfficientNet(config, randomWeights(config, job.seed ?? 1), { kernels: { mode: 'auto', asked: true } });
  const size = config.resolution;
  const x = tf.randomUniform([job.batch, size, size, 3], 0, 1, 'float32', job.seed ?? 1) as tf.Tensor4D;
  const run = async (plan: KernelPlan | null) => {
    net.kernelPlan = plan;
    const logits = net.logits(x);
    const probs = tf.softmax(logits);
    const out = { logits: await logits.data(), probs: await probs.data() };
    tf.dispose([logits, probs]);
    return out;
  };
  try {
    const ref = await run(null);
    const maxAbsLogit = Array.from(ref.logits).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const compare = async (name: string, plan: KernelPlan) => {
      const got = await run(plan);
      // logitRel: max |Δlogit| / max |logit| against the stock pass; probAbs: max |Δp| after the softmax.
      return { name, plan, logitRel: maxAbsDiff(got.logits, ref.logits) / (maxAbsLogit || 1), probAbs: maxAbsDiff(got.probs, ref.probs) };
    };
    const rows: Awaited<ReturnType<typeof compare>>[] = [];
    const wanted = (name: string) => !job.rows || job.rows.includes(name);
    for (const c of ['barrier-free', 'tiled', 'stock'] as const) if (wanted(c)) rows.push(await compare(c, planFor(c)));
    for (const [name, plan] of Object.entries(MIXED_PLANS)) if (wanted(name)) rows.push(await compare(name, plan));
    let tuned: KernelReport | null = null;
    if (wanted('auto')) {
      net.kernelPlan = planFor('barrier-free');
      tuned = await tuneKernels(net, job.batch);
      if (tuned) rows.push(await compare('auto', tuned.plan));
    }
    // Layers with a channel count that is not a multiple of 4 (they take the scalar paths).
    const oddChannelLayers = config.layers.filter((l) => l.kernelShape.some((d, i) => i >= 2 && d % 4 !== 0)).length;
    return { network: config.name, resolution: size, batch: job.batch, oddChannelLayers, maxAbsLogit, rows, tuned };
  } finally {
    x.dispose();
    net.dispose();
  }
}

export type KernelParityReport = Awaited<ReturnType<typeof kernelParity>>;

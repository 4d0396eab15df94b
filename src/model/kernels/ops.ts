/** One entry point per kernel class: the chosen kernel, or stock tfjs ops where the choice is
 *  'stock' or the channels do not fit (the own kernels write 4 at a time). Calls can be recorded
 *  with their shapes, so the tuner can replay a class on the model's real shapes. */
import * as tf from '@tensorflow/tfjs-core';
import * as stock from '../stock-ops';
import type { ConvWeights } from '../weights';
import type { KernelChoice, KernelClass } from './plan';
import { pointwise, pointwiseFits, type PointwiseArgs } from './pointwise';
import { pointwiseTiled, tiledFits } from './pointwise-tiled';
import { dense, globalAvgPool } from './reduce';
import { depthwise, fitsVec4 } from './spatial';
import type { Act } from './program';

/** A recorded call: its class, a signature of its shapes, and a replay on fresh zero inputs. */
export interface RecordedCall {
  cls: KernelClass;
  signature: string;
  /** Allocates the call's inputs (zeros of the recorded shapes); `run` may be called repeatedly. */
  prepare: () => { run: (choice: KernelChoice) => tf.Tensor; dispose: () => void };
}

let recorder: ((call: RecordedCall) => void) | null = null;

/** Runs `forward` while collecting every kernel-class call it makes. */
export function recordCalls(forward: () => void): RecordedCall[] {
  const calls: RecordedCall[] = [];
  recorder = (c) => calls.push(c);
  try {
    forward();
  } finally {
    recorder = null;
  }
  return calls;
}

function record(
  cls: KernelClass,
  shapes: Record<string, number[] | undefined>,
  extra: string,
  rerun: (z: Record<string, tf.Tensor>, choice: KernelChoice) => tf.Tensor,
) {
  if (!recorder) return;
  recorder({
    cls,
    signature: JSON.stringify([cls, shapes, extra]),
    prepare: () => {
      const z: Record<string, tf.Tensor> = {};
      for (const [k, s] of Object.entries(shapes)) if (s) z[k] = tf.zeros(s);
      return { run: (choice) => tf.tidy(() => rerun(z, choice)), dispose: () => tf.dispose(Object.values(z)) };
    },
  });
}

export function pointwiseOp(choice: KernelChoice, args: PointwiseArgs): tf.Tensor4D {
  const { x, w, act, gate, residual } = args;
  const [K, N] = w.kernel.shape.slice(2);
  record('pointwise', { x: x.shape, gate: gate?.shape, residual: residual?.shape }, `${act}`, (z, c) =>
    pointwiseOp(c, { x: z.x as tf.Tensor4D, w, act, gate: z.gate, residual: z.residual as tf.Tensor4D | undefined }),
  );
  if (choice === 'tiled' && tiledFits(K, N)) return pointwiseTiled(args);
  if (choice !== 'stock' && pointwiseFits(K, N)) return pointwise(args);
  const gated = gate ? (tf.mul(x, gate.rank === 4 ? gate : tf.reshape(gate, [-1, 1, 1, K])) as tf.Tensor4D) : x;
  const y = act === 'swish' ? stock.swish(stock.conv(gated, w, 1)) : stock.conv(gated, w, 1);
  return residual ? tf.add(residual, y) : y;
}

export function depthwiseOp(choice: KernelChoice, x: tf.Tensor4D, w: ConvWeights, stride: number): tf.Tensor4D {
  record('depthwise', { x: x.shape }, `s${stride}k${w.kernel.shape[0]}`, (z, c) => depthwiseOp(c, z.x as tf.Tensor4D, w, stride));
  if (choice !== 'stock' && fitsVec4(x.shape[3])) return depthwise(x, w, stride);
  return stock.swish(stock.depthwise(x, w, stride));
}

/** [b, C] from the own kernels, [b, 1, 1, C] from the stock ops (the graph's shape: no reshapes
 *  on the stock pass; every consumer takes either). */
export function poolOp(choice: KernelChoice, x: tf.Tensor4D): tf.Tensor {
  record('pool', { x: x.shape }, '', (z, c) => poolOp(c, z.x as tf.Tensor4D));
  if (choice !== 'stock' && fitsVec4(x.shape[3])) return globalAvgPool(x, choice === 'tiled');
  return stock.spatialMean(x);
}

/** act(x·W + b) on pooled x: [b, N] from the own kernels and the logits; the stock SE convs keep
 *  the [b, 1, 1, N] map. */
export function denseOp(choice: KernelChoice, x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor1D, act: Act): tf.Tensor {
  record('dense', { x: x.shape }, act, (z, c) => denseOp(c, z.x, kernel, bias, act));
  if (choice !== 'stock') return dense(x, kernel, bias, act, choice === 'tiled');
  const N = bias.shape[0];
  const K = kernel.size / N;
  if (kernel.rank === 4) {
    // The SE convs as the graph runs them: a 1×1 conv on the pooled [n, 1, 1, K] map.
    const y = stock.conv(x.rank === 4 ? (x as tf.Tensor4D) : tf.reshape(x, [-1, 1, 1, K]), { kernel: kernel as tf.Tensor4D, bias }, 1);
    return act === 'swish' ? stock.swish(y) : act === 'sigmoid' ? tf.sigmoid(y) : y;
  }
  const a = tf.reshape(x, [-1, K]) as tf.Tensor2D;
  const b = (kernel.rank === 2 ? kernel : tf.reshape(kernel, [K, N])) as tf.Tensor2D;
  if (act === 'swish') return stock.swish(tf.fused.matMul({ a, b, bias }) as tf.Tensor2D);
  return tf.fused.matMul({ a, b, bias, activation: act === 'sigmoid' ? 'sigmoid' : 'linear' }) as tf.Tensor2D;
}

/**
 * 1×1 conv, stride 1: act(x·W + b), optionally with x scaled per (image, input channel) by the
 * squeeze-excite `gate` [n, K] first and `residual` added last. Two kernels with one contract:
 * barrier-free here (4 pixels × 4 output channels per invocation from registers and vec4 loads,
 * no workgroup memory: cheapest where a barrier is expensive, e.g. SwiftShader) and the
 * workgroup-tiled one of pointwise-tiled.ts (real GPUs).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvWeights } from '../weights';
import { activate, runKernel, type Act, type KernelCall } from './program';

/** Both kernels write 4 output channels at a time. */
export const pointwiseFits = (k: number, n: number) => n % 4 === 0 && k > 0;

export interface PointwiseArgs {
  x: tf.Tensor4D;
  w: ConvWeights;
  act: Act;
  gate?: tf.Tensor;
  residual?: tf.Tensor4D;
}

/** x [n, h, wd, K] · W [K, N], over P = n·h·wd pixels. */
export function pointwiseShape({ x, w }: PointwiseArgs) {
  const [n, h, wd, K] = x.shape;
  return { n, h, wd, K, N: w.kernel.shape[3], P: n * h * wd };
}

/** Runs either kernel: binds the tensors both read (in binding order, x and gate as vec4 when
 *  `vecK`) and the sizes both use (n4, npix, kx, hw; then the kernel's own), 4 channels a write. */
export function runPointwise(
  args: PointwiseArgs,
  vecK: boolean,
  call: Pick<KernelCall, 'kernel' | 'key' | 'threads' | 'decls' | 'body' | 'noGuard'> & { sizes?: Record<string, number> },
): tf.Tensor4D {
  const { x, w, gate, residual } = args;
  const { n, h, wd, K, N, P } = pointwiseShape(args);
  const inputs = { x, W: tf.reshape(w.kernel, [K, N]), bias: w.bias, ...(gate && { gate: tf.reshape(gate, [n, K]) }), ...(residual && { res: residual }) };
  const comps = [vecK ? 4 : 1, 4, 4, ...(gate ? [vecK ? 4 : 1] : []), ...(residual ? [4] : [])];
  const sizes = { n4: N / 4, npix: P, kx: vecK ? K / 4 : K, hw: h * wd, ...call.sizes };
  return runKernel({ ...call, inputs, comps, outShape: [n, h, wd, N], outComp: 4, sizes }) as tf.Tensor4D;
}

/** A vec4's lanes: the 4 input channels whose weight rows w0…w3 the pointwise kernels load. */
export const LANES = ['x', 'y', 'z', 'w'] as const;

/** acc += x·[w0; w1; w2; w3] for 4 input channels x (a vec4) into 4 output channels: four fmas,
 *  x.x first. Both kernels' inner step. */
export const fma4 = (acc: string, x: string) => LANES.map((c, j) => `${acc} = fma(vec4<f32>(${x}.${c}), w${j}, ${acc});`).join(' ');

/** Pixels per barrier-free invocation (× 4 channels); 8 was no clear win on SwiftShader, 4 stays
 *  until a real GPU decides. The accumulators follow this number. */
const PW_PX = 4;

/** The barrier-free kernel. */
export function pointwise(args: PointwiseArgs): tf.Tensor4D {
  const { act, gate, residual } = args;
  const { K, N, P } = pointwiseShape(args);
  const vecK = K % 4 === 0;
  const rows = [...Array(PW_PX).keys()];
  const g = (i: number) => (gate ? ` * gate[g${i} + k]` : '');
  const step = vecK
    ? `let wi = k * 4 * uniforms.n4 + c;
       let w0 = W[wi]; let w1 = W[wi + uniforms.n4]; let w2 = W[wi + 2 * uniforms.n4]; let w3 = W[wi + 3 * uniforms.n4];
       ${rows.map((i) => `let x${i} = x[r${i} + k]${g(i)};\n       ${fma4(`a${i}`, `x${i}`)}`).join('\n')}`
    : `let wv = W[k * uniforms.n4 + c];
       ${rows.map((i) => `a${i} = fma(vec4<f32>(x[r${i} + k]${g(i)}), wv, a${i});`).join('\n')}`;
  const out = (i: number) => {
    const v = `${activate(act, `a${i}`)}${residual ? ' + res[p' + i + ' * uniforms.n4 + c]' : ''}`;
    return i === 0 ? `result[p0 * uniforms.n4 + c] = ${v};` : `if (p0 + ${i} < uniforms.npix) { result[p${i} * uniforms.n4 + c] = ${v}; }`;
  };
  const body = `
    let c = index % uniforms.n4;
    let p0 = (index / uniforms.n4) * ${PW_PX};
    ${rows
      .slice(1)
      .map((i) => `let p${i} = min(p0 + ${i}, uniforms.npix - 1);`)
      .join(' ')}
    ${rows.map((i) => `let r${i} = p${i} * uniforms.kx;`).join(' ')}
    ${gate ? rows.map((i) => `let g${i} = (p${i} / uniforms.hw) * uniforms.kx;`).join(' ') : ''}
    let b0 = bias[c];
    ${rows.map((i) => `var a${i} = b0;`).join(' ')}
    for (var k = 0; k < uniforms.kx; k++) {
      ${step}
    }
    ${rows.map(out).join('\n')}`;
  return runPointwise(args, vecK, {
    kernel: 'EffNetPointwise',
    key: `${act}_${vecK ? 'v' : 's'}${gate ? 'g' : ''}${residual ? 'r' : ''}`,
    threads: Math.ceil(P / PW_PX) * (N / 4),
    body,
  });
}

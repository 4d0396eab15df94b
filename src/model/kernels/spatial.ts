/** The spatial convs on WebGPU, barrier-free and register-blocked: depthwise k×k (+ bias + act)
 *  and the stem (input normalisation + k×k strided conv + bias + swish). One invocation: one
 *  output pixel × 4 channels. Sizes, strides and pads are uniforms; only the activation (and the
 *  stem's normalisation constants, one stem per network) are compiled in. */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvWeights, InputNormalization } from '../weights';
import { act4, f32, runKernel, same, type Act, type KernelCall } from './program';

export const depthwiseFits = (c: number) => c % 4 === 0;
export const stemFits = (n: number) => n % 4 === 0;

/** Output coordinates and the SAME-padded input window, from uniforms shared by both kernels. */
const WINDOW = `
    let c = index % uniforms.c4;
    let pix = index / uniforms.c4;
    let ox = pix % uniforms.wo;
    let oy = (pix / uniforms.wo) % uniforms.ho;
    let b = pix / (uniforms.wo * uniforms.ho);
    var acc = bias[c];
    for (var ky = 0; ky < uniforms.k; ky++) {
      let iy = oy * uniforms.stride - uniforms.pady + ky;
      if (iy < 0 || iy >= uniforms.hin) { continue; }
      for (var kx = 0; kx < uniforms.k; kx++) {
        let ix = ox * uniforms.stride - uniforms.padx + kx;
        if (ix < 0 || ix >= uniforms.win) { continue; }`;

/** Runs a kernel whose body starts with WINDOW over the SAME-padded k×k windows of x, stride
 *  `stride`: one invocation per output pixel × 4 of its `channels` output channels. */
function runWindowed(
  x: tf.Tensor4D,
  k: number,
  stride: number,
  channels: number,
  call: Pick<KernelCall, 'kernel' | 'key' | 'inputs' | 'comps' | 'body'>,
): tf.Tensor4D {
  const [n, H, W] = x.shape;
  const ho = same(H, k, stride);
  const wo = same(W, k, stride);
  const c4 = channels / 4;
  return runKernel({
    ...call,
    outShape: [n, ho.out, wo.out, channels],
    outComp: 4,
    threads: n * ho.out * wo.out * c4,
    sizes: { c4, wo: wo.out, ho: ho.out, k, stride, pady: ho.pad, padx: wo.pad, hin: H, win: W },
  }) as tf.Tensor4D;
}

/** Depthwise k×k conv, SAME padding, + bias + act. */
export function depthwise(x: tf.Tensor4D, w: ConvWeights, stride: number, act: Act): tf.Tensor4D {
  const C = x.shape[3];
  const k = w.kernel.shape[0];
  const body = `${WINDOW}
        acc = fma(x[((b * uniforms.hin + iy) * uniforms.win + ix) * uniforms.c4 + c], Wt[(ky * uniforms.k + kx) * uniforms.c4 + c], acc);
      }
    }
    result[index] = ${act4(act, 'acc')};`;
  return runWindowed(x, k, stride, C, {
    kernel: 'EffNetDepthwise',
    key: act,
    inputs: { x, Wt: tf.reshape(w.kernel, [k * k, C]), bias: w.bias },
    comps: [4, 4, 4],
    body,
  });
}

/** The stem: (x·scale − mean)/std with zero SAME padding in normalised space (as the graph pads
 *  after normalising), a k×k strided conv, bias and swish. */
export function stem(x: tf.Tensor4D, w: ConvWeights, stride: number, norm: InputNormalization): tf.Tensor4D {
  const Cin = x.shape[3];
  const k = w.kernel.shape[0];
  const N = w.kernel.shape[3];
  const taps = Array.from({ length: Cin }, (_, ci) => {
    const m = f32(norm.mean[ci] ?? 0);
    const s = f32(norm.std[ci] ?? 1);
    return `acc = fma(vec4<f32>((x[base + ${ci}] * ${f32(norm.scale)} - ${m}) / ${s}), Wt[(tap * ${Cin} + ${ci}) * uniforms.c4 + c], acc);`;
  }).join('\n');
  const body = `${WINDOW}
        let base = ((b * uniforms.hin + iy) * uniforms.win + ix) * ${Cin};
        let tap = ky * uniforms.k + kx;
        ${taps}
      }
    }
    result[index] = swish4(acc);`;
  return runWindowed(x, k, stride, N, {
    kernel: 'EffNetStem',
    key: `${Cin}_${[norm.scale, ...norm.mean, ...norm.std].map(f32).join('_')}`,
    inputs: { x, Wt: tf.reshape(w.kernel, [k * k * Cin, N]), bias: w.bias },
    comps: [1, 4, 4],
    body,
  });
}

/** The spatial convs on WebGPU, barrier-free and register-blocked: depthwise k×k + bias + swish and
 *  the stem (input normalisation + k×k strided conv + bias + swish; one output pixel × 4 channels).
 *  Compiled in is only what changes the code: the depthwise window and stride (four forms in
 *  EfficientNet) and the stem's normalisation; sizes and pads are uniforms. */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvWeights, InputNormalization } from '../weights';
import { samePadding } from '../network-walk';
import { f32, runKernel } from './program';

export const fitsVec4 = (c: number) => c % 4 === 0;

/** Output pixels per depthwise invocation (a row segment): neighbouring windows overlap, so each
 *  input column is loaded once and feeds every output it touches. */
const DW_PX = 4;

/** Unrolled bodies by form, built once: each inference dispatches every depthwise layer. */
const dwBodies = new Map<string, string>();
/** What a depthwise pipeline compiles in: its shader key and its body's cache key. */
const dwForm = (k: number, stride: number) => `k${k}s${stride}`;

/** The depthwise body for one (k, stride), unrolled: one invocation computes DW_PX adjacent
 *  output pixels × 4 channels. Index arithmetic (integer divisions are dear on a CPU adapter)
 *  happens once per invocation, not per pixel. */
function depthwiseBody(k: number, stride: number): string {
  const key = dwForm(k, stride);
  const built = dwBodies.get(key);
  if (built !== undefined) return built;
  const cols = (DW_PX - 1) * stride + k;
  const px = [...Array(DW_PX).keys()];
  const rows = [...Array(k).keys()].map((ky) => {
    const taps: string[] = [];
    for (let col = 0; col < cols; col++) {
      const uses = px.map((j) => ({ j, kx: col - j * stride })).filter(({ kx }) => kx >= 0 && kx < k);
      if (!uses.length) continue;
      taps.push(`{ let ix = ix0 + ${col};
          let v = select(vec4<f32>(0.0), x[(row + clamp(ix, 0, uniforms.win - 1)) * uniforms.c4 + c], ix >= 0 && ix < uniforms.win);
          ${uses.map(({ j, kx }) => `a${j} = fma(v, w${kx}, a${j});`).join(' ')} }`);
    }
    return `{ let iy = iy0 + ${ky};
      if (iy >= 0 && iy < uniforms.hin) {
        let row = (b * uniforms.hin + iy) * uniforms.win;
        ${[...Array(k).keys()].map((kx) => `let w${kx} = Wt[${ky * k + kx} * uniforms.c4 + c];`).join(' ')}
        ${taps.join('\n        ')}
      } }`;
  });
  const body = `
    let c = index % uniforms.c4;
    let q = index / uniforms.c4;
    let ox0 = (q % uniforms.wob) * ${DW_PX};
    let q2 = q / uniforms.wob;
    let oy = q2 % uniforms.ho;
    let b = q2 / uniforms.ho;
    let iy0 = oy * ${stride} - uniforms.pady;
    let ix0 = ox0 * ${stride} - uniforms.padx;
    let bv = bias[c];
    ${px.map((j) => `var a${j} = bv;`).join(' ')}
    ${rows.join('\n    ')}
    let out = ((b * uniforms.ho + oy) * uniforms.wo + ox0) * uniforms.c4 + c;
    ${px.map((j) => `${j ? `if (ox0 + ${j} < uniforms.wo) { ` : ''}result[out + ${j} * uniforms.c4] = swish4(a${j});${j ? ' }' : ''}`).join('\n    ')}`;
  dwBodies.set(key, body);
  return body;
}

/** Depthwise k×k conv, SAME padding, + bias + swish. One pipeline per (k, stride): the
 *  window is unrolled; every size is a uniform. */
export function depthwise(x: tf.Tensor4D, w: ConvWeights, stride: number): tf.Tensor4D {
  const [n, H, W, C] = x.shape;
  const k = w.kernel.shape[0];
  const ho = samePadding(H, k, stride);
  const wo = samePadding(W, k, stride);
  const c4 = C / 4;
  const wob = Math.ceil(wo.out / DW_PX);
  return runKernel({
    kernel: 'EffNetDepthwise',
    key: dwForm(k, stride),
    inputs: { x, Wt: tf.reshape(w.kernel, [k * k, C]), bias: w.bias },
    comps: [4, 4, 4],
    outShape: [n, ho.out, wo.out, C],
    outComp: 4,
    threads: n * ho.out * wob * c4,
    sizes: { c4, wo: wo.out, wob, ho: ho.out, pady: ho.before, padx: wo.before, hin: H, win: W },
    body: depthwiseBody(k, stride),
  }) as tf.Tensor4D;
}

/** The stem: (x·scale − mean)/std with zero SAME padding in normalised space (as the graph pads
 *  after normalising), a k×k strided conv, bias and swish. */
export function stem(x: tf.Tensor4D, w: ConvWeights, stride: number, norm: InputNormalization): tf.Tensor4D {
  const [n, H, W, Cin] = x.shape;
  const k = w.kernel.shape[0];
  const N = w.kernel.shape[3];
  const ho = samePadding(H, k, stride);
  const wo = samePadding(W, k, stride);
  const taps = Array.from({ length: Cin }, (_, ci) => {
    const m = f32(norm.mean[ci] ?? 0);
    const s = f32(norm.std[ci] ?? 1);
    return `acc = fma(vec4<f32>((x[base + ${ci}] * ${f32(norm.scale)} - ${m}) / ${s}), Wt[(tap * ${Cin} + ${ci}) * uniforms.c4 + c], acc);`;
  }).join('\n');
  const body = `
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
        if (ix < 0 || ix >= uniforms.win) { continue; }
        let base = ((b * uniforms.hin + iy) * uniforms.win + ix) * ${Cin};
        let tap = ky * uniforms.k + kx;
        ${taps}
      }
    }
    result[index] = swish4(acc);`;
  return runKernel({
    kernel: 'EffNetStem',
    key: `${Cin}_${[norm.scale, ...norm.mean, ...norm.std].map(f32).join('_')}`,
    inputs: { x, Wt: tf.reshape(w.kernel, [k * k * Cin, N]), bias: w.bias },
    comps: [1, 4, 4],
    outShape: [n, ho.out, wo.out, N],
    outComp: 4,
    threads: n * ho.out * wo.out * (N / 4),
    sizes: { c4: N / 4, wo: wo.out, ho: ho.out, k, stride, pady: ho.before, padx: wo.before, hin: H, win: W },
    body,
  }) as tf.Tensor4D;
}

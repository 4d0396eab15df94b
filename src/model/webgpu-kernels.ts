/**
 * WebGPU kernels for the own EfficientNet: fused, static-shape, and free of workgroup barriers.
 *
 * tfjs's stock matMul/conv programs tile through workgroup shared memory with barriers. On a
 * software Vulkan (SwiftShader, the CPU fallback adapter) every barrier is a coroutine switch, so
 * a 1×1 conv costs 5–25× more than a direct loop; global means also pay a full transpose. These
 * kernels give each invocation a 4-pixel × 4-channel register block with vec4 loads, bake every
 * shape into the shader, and fuse what the graph runs as separate passes: bias + swish into
 * convs, input normalisation into the stem, the squeeze-excite gate and the residual add into
 * the project conv. Results match the stock ops to float32 rounding (summation order differs).
 * Layers they do not cover (channels not a multiple of 4) fall back to stock ops.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { ConvWeights, InputNormalization } from './network';

/** Set to false to run the own network on stock tfjs kernels (for A/B benchmarks). */
export const WEBGPU_KERNELS_FLAG = 'EFFNET_WEBGPU_KERNELS';
tf.env().registerFlag(WEBGPU_KERNELS_FLAG, () => true);

export function webgpuKernelsActive(): boolean {
  return tf.getBackend() === 'webgpu' && tf.env().getBool(WEBGPU_KERNELS_FLAG);
}

export type Act = 'none' | 'swish' | 'sigmoid';

const WG = 64;
const f32 = (v: number) => {
  const s = String(Math.fround(v));
  return /[.e]/.test(s) ? s : `${s}.0`;
};
const act4 = (a: Act, v: string) => (a === 'swish' ? `swish4(${v})` : a === 'sigmoid' ? `sigmoid4(${v})` : v);
const act1 = (a: Act, v: string) => (a === 'swish' ? `(${v} / (1.0 + exp(-1.0 * ${v})))` : a === 'sigmoid' ? `(1.0 / (1.0 + exp(-1.0 * ${v})))` : v);

interface ProgramAttrs {
  key: string;
  comps: number[];
  outShape: number[];
  outComp: number;
  count: number;
  body: string;
}

/** One tfjs kernel per op (so tf.profile names them); each runs the WGSL `body` once per
 *  invocation index < count, with the inputs bound under their names. */
const KERNELS = ['EffNetPointwise', 'EffNetDepthwise', 'EffNetStem', 'EffNetGlobalAvgPool', 'EffNetDense'] as const;
type KernelName = (typeof KERNELS)[number];

for (const kernelName of KERNELS) {
  tf.registerKernel({
    kernelName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as ProgramAttrs;
      const groups = Math.ceil(a.count / WG);
      const program: WebGPUProgram = {
        variableNames: Object.keys(inputs),
        variableComponents: a.comps,
        outputComponent: a.outComp,
        outputShape: a.outShape,
        dispatchLayout: { x: [0] },
        dispatch: groups <= 65535 ? [groups, 1, 1] : [65535, Math.ceil(groups / 65535), 1],
        workgroupSize: [WG, 1, 1],
        shaderKey: `effnet_${a.key}`,
        uniforms: 'count : i32,',
        getUserCode: () => `
          fn swish4(v : vec4<f32>) -> vec4<f32> { return v / (1.0 + exp(-1.0 * v)); }
          fn sigmoid4(v : vec4<f32>) -> vec4<f32> { return 1.0 / (1.0 + exp(-1.0 * v)); }
          fn main(index : i32) {
            if (index >= uniforms.count) { return; }
            ${a.body}
          }`,
      };
      const tensors = Object.values(inputs) as tf.TensorInfo[];
      return (backend as WebGPUBackend).runWebGPUProgram(program, tensors, 'float32', [{ type: 'int32', data: [a.count] }]);
    },
  });
}

function run(kernel: KernelName, key: string, inputs: Record<string, tf.Tensor>, comps: number[], outShape: number[], outComp: number, count: number, body: string): tf.Tensor {
  const attrs: ProgramAttrs = { key, comps, outShape, outComp, count, body };
  return tf.engine().runKernel(kernel, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

export const pointwiseFits = (k: number, n: number) => n % 4 === 0 && k > 0;

/**
 * 1×1 conv, stride 1: act(x·W + b), optionally with x scaled per (image, input channel) by
 * `gate` [n, K] first and `residual` added last. One invocation: 4 pixels × 4 output channels.
 */
export function pointwise(x: tf.Tensor4D, w: ConvWeights, act: Act, gate?: tf.Tensor, residual?: tf.Tensor4D): tf.Tensor4D {
  const [n, h, wd, K] = x.shape;
  const N = w.kernel.shape[3];
  const N4 = N / 4;
  const HW = h * wd;
  const P = n * HW;
  const vecK = K % 4 === 0;
  const KX = vecK ? K / 4 : K;
  const inputs: Record<string, tf.Tensor> = { x, W: tf.reshape(w.kernel, [K, N]), bias: w.bias };
  const comps = [vecK ? 4 : 1, 4, 4];
  if (gate) {
    inputs.gate = tf.reshape(gate, [n, K]);
    comps.push(vecK ? 4 : 1);
  }
  if (residual) {
    inputs.res = residual;
    comps.push(4);
  }
  const rows = [0, 1, 2, 3];
  const g = (i: number) => (gate ? ` * gate[${n === 1 ? '' : `(p${i} / ${HW}) * ${KX} + `}k]` : '');
  const step = vecK
    ? `let wi = k * ${4 * N4} + c;
       let w0 = W[wi]; let w1 = W[wi + ${N4}]; let w2 = W[wi + ${2 * N4}]; let w3 = W[wi + ${3 * N4}];
       ${rows.map((i) => `let x${i} = x[r${i} + k]${g(i)};
       a${i} = fma(vec4<f32>(x${i}.x), w0, a${i}); a${i} = fma(vec4<f32>(x${i}.y), w1, a${i});
       a${i} = fma(vec4<f32>(x${i}.z), w2, a${i}); a${i} = fma(vec4<f32>(x${i}.w), w3, a${i});`).join('\n')}`
    : `let wv = W[k * ${N4} + c];
       ${rows.map((i) => `a${i} = fma(vec4<f32>(x[r${i} + k]${g(i)}), wv, a${i});`).join('\n')}`;
  const out = (i: number) => {
    const v = `${act4(act, `a${i}`)}${residual ? ` + res[p${i} * ${N4} + c]` : ''}`;
    return i === 0 ? `result[p0 * ${N4} + c] = ${v};` : `if (p0 + ${i} < ${P}) { result[p${i} * ${N4} + c] = ${v}; }`;
  };
  const body = `
    let c = index % ${N4};
    let p0 = (index / ${N4}) * 4;
    ${rows.slice(1).map((i) => `let p${i} = min(p0 + ${i}, ${P - 1});`).join(' ')}
    ${rows.map((i) => `let r${i} = p${i} * ${KX};`).join(' ')}
    let b0 = bias[c];
    var a0 = b0; var a1 = b0; var a2 = b0; var a3 = b0;
    for (var k = 0; k < ${KX}; k++) {
      ${step}
    }
    ${rows.map(out).join('\n')}`;
  const key = `pw_${n}_${HW}_${K}_${N}_${act}_${gate ? 'g' : ''}${residual ? 'r' : ''}`;
  return run('EffNetPointwise', key, inputs, comps, [n, h, wd, N], 4, Math.ceil(P / 4) * N4, body) as tf.Tensor4D;
}

/** TF SAME padding: output size and the (smaller) leading pad. */
function same(inSize: number, k: number, stride: number): { out: number; pad: number } {
  const out = Math.ceil(inSize / stride);
  return { out, pad: Math.floor(Math.max(0, (out - 1) * stride + k - inSize) / 2) };
}

export const depthwiseFits = (c: number) => c % 4 === 0;

/** WGSL lines splitting the flat output index into channel group c, column ox, row oy, batch b. */
const outputCoords = (c4: number, wo: number, ho: number) => `
    let c = index % ${c4};
    let pix = index / ${c4};
    let ox = pix % ${wo};
    let oy = (pix / ${wo}) % ${ho};
    let b = pix / ${wo * ho};`;

/** Depthwise k×k conv, SAME padding, + bias + act. One invocation: one pixel × 4 channels. */
export function depthwise(x: tf.Tensor4D, w: ConvWeights, stride: number, act: Act): tf.Tensor4D {
  const [n, H, W, C] = x.shape;
  const k = w.kernel.shape[0];
  const C4 = C / 4;
  const ho = same(H, k, stride);
  const wo = same(W, k, stride);
  const body = `${outputCoords(C4, wo.out, ho.out)}
    var acc = bias[c];
    for (var ky = 0; ky < ${k}; ky++) {
      let iy = oy * ${stride} - ${ho.pad} + ky;
      if (iy < 0 || iy >= ${H}) { continue; }
      let row = (b * ${H} + iy) * ${W};
      for (var kx = 0; kx < ${k}; kx++) {
        let ix = ox * ${stride} - ${wo.pad} + kx;
        if (ix < 0 || ix >= ${W}) { continue; }
        acc = fma(x[(row + ix) * ${C4} + c], Wt[(ky * ${k} + kx) * ${C4} + c], acc);
      }
    }
    result[index] = ${act4(act, 'acc')};`;
  const inputs = { x, Wt: tf.reshape(w.kernel, [k * k, C]), bias: w.bias };
  const key = `dw_${n}_${H}_${W}_${C}_${k}_${stride}_${act}`;
  return run('EffNetDepthwise', key, inputs, [4, 4, 4], [n, ho.out, wo.out, C], 4, n * ho.out * wo.out * C4, body) as tf.Tensor4D;
}

export const stemFits = (n: number) => n % 4 === 0;

/** The stem: input normalisation (x·scale − mean)/std with zero SAME padding in normalised
 *  space (as the graph pads after normalising), a k×k strided conv, bias and swish. */
export function stem(x: tf.Tensor4D, w: ConvWeights, stride: number, norm: InputNormalization): tf.Tensor4D {
  const [n, H, W, Cin] = x.shape;
  const k = w.kernel.shape[0];
  const N = w.kernel.shape[3];
  const N4 = N / 4;
  const ho = same(H, k, stride);
  const wo = same(W, k, stride);
  const taps = Array.from({ length: Cin }, (_, ci) => {
    const m = f32(norm.mean[ci] ?? 0);
    const s = f32(norm.std[ci] ?? 1);
    return `acc = fma(vec4<f32>((x[base + ${ci}] * ${f32(norm.scale)} - ${m}) / ${s}), Wt[(tap * ${Cin} + ${ci}) * ${N4} + c], acc);`;
  }).join('\n');
  const body = `${outputCoords(N4, wo.out, ho.out)}
    var acc = bias[c];
    for (var ky = 0; ky < ${k}; ky++) {
      let iy = oy * ${stride} - ${ho.pad} + ky;
      if (iy < 0 || iy >= ${H}) { continue; }
      for (var kx = 0; kx < ${k}; kx++) {
        let ix = ox * ${stride} - ${wo.pad} + kx;
        if (ix < 0 || ix >= ${W}) { continue; }
        let base = ((b * ${H} + iy) * ${W} + ix) * ${Cin};
        let tap = ky * ${k} + kx;
        ${taps}
      }
    }
    result[index] = swish4(acc);`;
  const inputs = { x, Wt: tf.reshape(w.kernel, [k * k * Cin, N]), bias: w.bias };
  const key = `stem_${n}_${H}_${W}_${Cin}_${N}_${k}_${stride}_${[norm.scale, ...norm.mean, ...norm.std].map(f32).join('_')}`;
  return run('EffNetStem', key, inputs, [1, 4, 4], [n, ho.out, wo.out, N], 4, n * ho.out * wo.out * N4, body) as tf.Tensor4D;
}

/** Mean over height and width: [n, H, W, C] → [n, C], without the transpose tf.mean needs. */
export function globalAvgPool(x: tf.Tensor4D): tf.Tensor2D {
  const [n, H, W, C] = x.shape;
  const C4 = C / 4;
  const HW = H * W;
  const body = `
    let c = index % ${C4};
    let base = (index / ${C4}) * ${HW * C4} + c;
    var acc = vec4<f32>(0.0);
    for (var p = 0; p < ${HW}; p++) { acc = acc + x[base + p * ${C4}]; }
    result[index] = acc / ${f32(HW)};`;
  const out = run('EffNetGlobalAvgPool', `gap_${n}_${HW}_${C}`, { x }, [4], [n, 1, 1, C], 4, n * C4, body);
  return tf.reshape(out, [n, C]);
}

/** act(x·W + b) for x [n, K] and a kernel holding K×N values ([1,1,K,N] convs, [K,N] dense). */
export function dense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor1D, act: Act): tf.Tensor2D {
  const N = bias.shape[0];
  const K = kernel.size / N;
  const n = x.size / K;
  const body = `
    let j = index % ${N};
    let r = (index / ${N}) * ${K};
    var acc = bias[j];
    for (var k = 0; k < ${K}; k++) { acc = fma(x[r + k], Wt[k * ${N} + j], acc); }
    result[index] = ${act1(act, 'acc')};`;
  const inputs = { x: tf.reshape(x, [n, K]), Wt: tf.reshape(kernel, [K, N]), bias };
  return run('EffNetDense', `dense_${n}_${K}_${N}_${act}`, inputs, [1, 1, 1], [n, N], 1, n * N, body) as tf.Tensor2D;
}

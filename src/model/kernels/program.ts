/** The one way the own WebGPU kernels reach tfjs: a registered kernel per op family (so tf.profile
 *  names them) running a WGSL body with sizes as uniforms. The shader key holds only what changes
 *  the code, never a size, so every layer of a family shares a pipeline. */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export type Act = 'none' | 'swish' | 'sigmoid';

/** Prefix of every own pipeline key (pipeline counts filter on it). */
export const OWN_KEY_PREFIX = 'effnet_';

/** One dispatch: `body` runs as `fn main(index)` with `index` < `threads` guarded unless the
 *  kernel synchronises its workgroup (barriers must be reached by every invocation). */
export interface KernelCall {
  /** The registered kernel's name, one per op family (tf.profile shows it). */
  kernel: string;
  /** What changes the WGSL (never a size). */
  key: string;
  inputs: Record<string, tf.Tensor>;
  /** Vector width per input, in `inputs` order. */
  comps: number[];
  outShape: number[];
  outComp: number;
  /** Invocations wanted (rounded up to whole workgroups). */
  threads: number;
  /** i32 sizes the body reads as `uniforms.<name>`. */
  sizes: Record<string, number>;
  /** Extra WGSL at module scope (workgroup arrays, helpers). */
  decls?: string;
  body: string;
  workgroup?: number;
  /** Keep out-of-range invocations running (they must join barriers). */
  noGuard?: boolean;
}

type Attrs = Omit<KernelCall, 'kernel' | 'inputs'>;

const HELPERS = `
  fn swish4(v : vec4<f32>) -> vec4<f32> { return v / (1.0 + exp(-1.0 * v)); }
  fn sigmoid4(v : vec4<f32>) -> vec4<f32> { return 1.0 / (1.0 + exp(-1.0 * v)); }
  fn swish1(v : f32) -> f32 { return v / (1.0 + exp(-1.0 * v)); }
  fn sigmoid1(v : f32) -> f32 { return 1.0 / (1.0 + exp(-1.0 * v)); }`;

/** Registers `kernelName` on the webgpu backend, on its first dispatch. */
function register(kernelName: string): void {
  if (tf.getKernel(kernelName, 'webgpu')) return;
  tf.registerKernel({
    kernelName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as Attrs;
      const wg = a.workgroup ?? 64;
      const groups = Math.max(1, Math.ceil(a.threads / wg));
      const program: WebGPUProgram = {
        variableNames: Object.keys(inputs),
        variableComponents: a.comps,
        outputComponent: a.outComp,
        outputShape: a.outShape,
        dispatchLayout: { x: [0] },
        dispatch: groups <= 65535 ? [groups, 1, 1] : [65535, Math.ceil(groups / 65535), 1],
        workgroupSize: [wg, 1, 1],
        shaderKey: `${OWN_KEY_PREFIX}${kernelName}_${a.key}`,
        uniforms: ['count : i32,', ...Object.keys(a.sizes).map((n) => `${n} : i32,`)].join(' '),
        getUserCode: () => `
          ${HELPERS}
          ${a.decls ?? ''}
          fn main(index : i32) {
            ${a.noGuard ? '' : 'if (index >= uniforms.count) { return; }'}
            ${a.body}
          }`,
      };
      return (backend as WebGPUBackend).runWebGPUProgram(
        program,
        Object.values(inputs) as tf.TensorInfo[],
        'float32',
        [a.threads, ...Object.values(a.sizes)].map((v) => ({ type: 'int32', data: [v] })),
      );
    },
  });
}

export function runKernel(call: KernelCall): tf.Tensor {
  const { kernel, inputs, ...attrs } = call;
  register(kernel);
  return tf.engine().runKernel(kernel, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** A float as a WGSL literal (always with a point or exponent). */
export const f32 = (v: number) => {
  const s = String(Math.fround(v));
  return /[.e]/.test(s) ? s : `${s}.0`;
};
export const activate = (a: Act, v: string, width: 1 | 4 = 4) => (a === 'none' ? v : `${a}${width}(${v})`);

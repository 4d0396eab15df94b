/** The reductions: global average pool ([n, H, W, C] → [n, C], no transpose) and the dense layers
 *  (SE reduce/expand, logits), each serial (one barrier-free invocation loops over the whole axis:
 *  fine where a barrier is costly and the axis short; B7's first stage would loop 90,000 times) or
 *  a workgroup tree (README: tfjs 4.22's device lacks `subgroups`, so this is the portable form). */
import * as tf from '@tensorflow/tfjs-core';
import { activate, runKernel, type Act } from './program';

/** Mean over height and width; serial: one invocation per (image, 4 channels), tree: one
 *  workgroup per (image, 16 channels). */
export function globalAvgPool(x: tf.Tensor4D, tree = false): tf.Tensor2D {
  const [n, H, W, C] = x.shape;
  const sizes = { c4: C / 4, hw: H * W, blocks: Math.ceil(C / 4 / POOL_CB), rows: n };
  const common = { inputs: { x }, comps: [4], outShape: [n, 1, 1, C], outComp: 4, key: 'v4', sizes };
  const out = tree
    ? runKernel({
        ...common,
        kernel: 'EffNetGlobalAvgPoolTree',
        threads: n * sizes.blocks * 256,
        decls: 'var<workgroup> part : array<vec4<f32>, 256>;',
        body: POOL_TREE,
        ...TREE,
      })
    : runKernel({
        ...common,
        kernel: 'EffNetGlobalAvgPool',
        threads: n * sizes.c4,
        body: `
          let c = index % uniforms.c4;
          let base = (index / uniforms.c4) * uniforms.hw * uniforms.c4 + c;
          var acc = vec4<f32>(0.0);
          for (var p = 0; p < uniforms.hw; p++) { acc = acc + x[base + p * uniforms.c4]; }
          result[index] = acc / f32(uniforms.hw);`,
      });
  return tf.reshape(out, [n, C]);
}

/** A tree's workgroup: every invocation joins the barriers. */
const TREE = { workgroup: 256, noGuard: true };

/** A 256-invocation tree reduction: workgroup `grp` serves image `img` and output block
 *  `grp % blocks`; invocation t = lane · width + column. `accumulate` sums the lane's strided
 *  share into `acc` where `live`; the partials then halve in workgroup memory down to lane 0. */
function treeBody(width: number, column: string, live: string, zero: string, accumulate: string, store: string): string {
  return `
    let t = i32(localIndex);
    let grp = i32(workgroupId.y * numWorkgroups.x + workgroupId.x);
    let img = grp / uniforms.blocks;
    let ${column} = (grp % uniforms.blocks) * ${width} + t % ${width};
    let lane = t / ${width};
    let live = ${live} && img < uniforms.rows;
    var acc = ${zero};
    if (live) { ${accumulate} }
    part[t] = acc;
    workgroupBarrier();
    for (var s = 128; s >= ${width}; s = s / 2) {
      if (t < s) { part[t] = part[t] + part[t + s]; }
      workgroupBarrier();
    }
    if (lane == 0 && live) { ${store} }`;
}

/** Channel vec4s per pool workgroup: 4 adjacent lanes read 64 contiguous bytes. */
const POOL_CB = 4;
const POOL_TREE = treeBody(
  POOL_CB,
  'c',
  'c < uniforms.c4',
  'vec4<f32>(0.0)',
  `let base = img * uniforms.hw * uniforms.c4 + c;
      for (var p = lane; p < uniforms.hw; p += ${256 / POOL_CB}) { acc = acc + x[base + p * uniforms.c4]; }`,
  'result[img * uniforms.c4 + c] = part[t] / f32(uniforms.hw);',
);

/** Outputs per dense workgroup × lanes splitting K: 16 × 16 = 256 invocations. */
const DENSE_JB = 16;
const DENSE_TREE = treeBody(
  DENSE_JB,
  'j',
  'j < uniforms.nout',
  '0.0',
  `let r = img * uniforms.kin;
      for (var k = lane; k < uniforms.kin; k += ${256 / DENSE_JB}) { acc = fma(x[r + k], Wt[k * uniforms.nout + j], acc); }`,
  'result[img * uniforms.nout + j] = ACT;',
);

/** act(x·W + b) for x [n, K] and a kernel holding K×N values ([1,1,K,N] convs, [K,N] dense). */
export function dense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor1D, act: Act, tree = false): tf.Tensor2D {
  const N = bias.shape[0];
  const K = kernel.size / N;
  const n = x.size / K;
  const inputs = { x: tf.reshape(x, [n, K]), Wt: tf.reshape(kernel, [K, N]), bias };
  const blocks = Math.ceil(N / DENSE_JB);
  const common = { inputs, comps: [1, 1, 1], outShape: [n, N], outComp: 1, key: act };
  return (
    tree
      ? runKernel({
          ...common,
          kernel: 'EffNetDenseTree',
          threads: n * blocks * 256,
          sizes: { nout: N, kin: K, rows: n, blocks },
          decls: 'var<workgroup> part : array<f32, 256>;',
          body: DENSE_TREE.replace('ACT', activate(act, 'part[t] + bias[j]', 1)),
          ...TREE,
        })
      : runKernel({
          ...common,
          kernel: 'EffNetDense',
          threads: n * N,
          sizes: { nout: N, kin: K },
          body: `
            let j = index % uniforms.nout;
            let r = (index / uniforms.nout) * uniforms.kin;
            var acc = bias[j];
            for (var k = 0; k < uniforms.kin; k++) { acc = fma(x[r + k], Wt[k * uniforms.nout + j], acc); }
            result[index] = ${activate(act, 'acc', 1)};`,
        })
  ) as tf.Tensor2D;
}

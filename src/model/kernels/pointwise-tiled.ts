/** The tiled 1×1 conv (pointwise.ts's contract): 64 invocations per 32-pixel × 32-channel tile stage x
 *  (gate applied) and W per 32 input channels in workgroup memory, each accumulating 4 pixels × 4
 *  channels. Control flow around the barriers depends on uniforms only (WGSL's uniformity rules):
 *  out-of-range loads read zeros, out-of-range stores are skipped. */
import * as tf from '@tensorflow/tfjs-core';
import { activate } from './program';
import { fma4, LANES, pointwiseShape, runPointwise, type PointwiseArgs } from './pointwise';

/** Input channels must come as vec4 (the tile loads them so). */
export const tiledFits = (k: number, n: number) => k % 4 === 0 && n % 4 === 0;

const TILE_PIX = 32;
const TILE_C4 = 8;

export function pointwiseTiled(args: PointwiseArgs): tf.Tensor4D {
  const { act, gate, residual } = args;
  const { N, P } = pointwiseShape(args);
  const tilesN = Math.ceil(N / 4 / TILE_C4);
  const tiles = tilesN * Math.ceil(P / TILE_PIX);
  const rows = [0, 1, 2, 3];
  const decls = `
    var<workgroup> xs : array<vec4<f32>, ${TILE_PIX * 8}>;
    var<workgroup> ws : array<vec4<f32>, ${32 * TILE_C4}>;`;
  const body = `
    let t = i32(localIndex);
    let tile = i32(workgroupId.y * numWorkgroups.x + workgroupId.x);
    let tn = tile % uniforms.tilesn;
    let pBase = (tile / uniforms.tilesn) * ${TILE_PIX};
    let col = t % ${TILE_C4};
    let rg = t / ${TILE_C4};
    let c = tn * ${TILE_C4} + col;
    let b0 = bias[min(c, uniforms.n4 - 1)];
    var acc = array<vec4<f32>, 4>(b0, b0, b0, b0);
    for (var k0 = 0; k0 < uniforms.kx; k0 += 8) {
      for (var j = 0; j < 4; j++) {
        let e = t + 64 * j;
        let pp = pBase + e / 8;
        let kk = k0 + e % 8;
        var xv = vec4<f32>(0.0);
        if (pp < uniforms.npix && kk < uniforms.kx) {
          xv = x[pp * uniforms.kx + kk]${gate ? ' * gate[(pp / uniforms.hw) * uniforms.kx + kk]' : ''};
        }
        xs[e] = xv;
        let kr = k0 * 4 + e / ${TILE_C4};
        let cc = tn * ${TILE_C4} + e % ${TILE_C4};
        var wv = vec4<f32>(0.0);
        if (kr < uniforms.kx * 4 && cc < uniforms.n4) { wv = W[kr * uniforms.n4 + cc]; }
        ws[e] = wv;
      }
      workgroupBarrier();
      for (var kk = 0; kk < 8; kk++) {
        ${LANES.map((_, j) => `let w${j} = ws[(kk * 4 + ${j}) * ${TILE_C4} + col];`).join('\n        ')}
        ${rows.map((i) => `{ let xv = xs[(rg * 4 + ${i}) * 8 + kk]; ${fma4(`acc[${i}]`, 'xv')} }`).join('\n        ')}
      }
      workgroupBarrier();
    }
    if (c < uniforms.n4) {
      for (var i = 0; i < 4; i++) {
        let p = pBase + rg * 4 + i;
        if (p < uniforms.npix) {
          result[p * uniforms.n4 + c] = ${activate(act, 'acc[i]')}${residual ? ' + res[p * uniforms.n4 + c]' : ''};
        }
      }
    }`;
  return runPointwise(args, true, {
    kernel: 'EffNetPointwiseTiled',
    key: `${act}_${gate ? 'g' : ''}${residual ? 'r' : ''}`,
    threads: tiles * 64,
    sizes: { tilesn: tilesN },
    decls,
    body,
    noGuard: true,
  });
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, hashString, mulberry32 } from './seeded-rng';
import {
  DEFAULT_INIT_GAINS,
  DEFAULT_RESIDUAL_DEPTH,
  fanIn,
  initDistribution,
  initWeight,
  initWeightSeeded,
  roleForLayer,
  WEIGHT_ROLES,
  type WeightRole,
} from './synthetic-init';
import { entropyNats, SYNTHETIC_ENTROPY_TARGET } from './test-support/synthetic-entropy';
import { roleOfWeightName } from './test-support/synthetic-plan';

function stats(values: Float32Array): { mean: number; std: number } {
  let s = 0;
  for (const v of values) s += v;
  const mean = s / values.length;
  let q = 0;
  for (const v of values) q += (v - mean) ** 2;
  return { mean, std: Math.sqrt(q / values.length) };
}

describe('PRNG', () => {
  it('mulberry32 is deterministic, in [0, 1) and seed-dependent', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((p, x) => p + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('pins golden values (a change alters every synthetic model: bump SYNTHETIC_INIT_VERSION)', () => {
    const r = mulberry32(1234);
    expect([r(), r(), r()]).toEqual([0.07329497812315822, 0.7034119898453355, 0.9028560190927237]);
    expect(hashString('abc')).toBe(0x1a47e90b); // FNV-1a 32
    expect(deriveSeed(1234, 'a')).toBe(507954953);
    const g = createRng(1);
    expect([g.normal(), g.normal(), g.normal()]).toEqual([1.4043387784152637, 0.024141617523036025, 1.2157546192705377]);
  });

  it('normal() is standard normal', () => {
    const rng = createRng(7);
    const n = 200_000;
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.normal();
    const { mean, std } = stats(v);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(std - 1)).toBeLessThan(0.01);
    let beyond3 = 0;
    for (const x of v) if (Math.abs(x) > 3) beyond3++;
    expect(beyond3 / n).toBeGreaterThan(0.0015); // 0.27 % for a normal
    expect(beyond3 / n).toBeLessThan(0.004);
    expect(v.every(Number.isFinite)).toBe(true);
  });

  it('deriveSeed gives distinct uint32 seeds per (model seed, key)', () => {
    const seeds = new Set<number>();
    for (let s = 0; s < 4; s++) {
      for (let i = 0; i < 500; i++) {
        const a = deriveSeed(s, `tensor/${i}`);
        expect(Number.isInteger(a) && a >= 0 && a <= 0xffffffff).toBe(true);
        seeds.add(a);
      }
    }
    expect(seeds.size).toBe(2000);
    expect(deriveSeed(1234, 'x')).toBe(deriveSeed(1234, 'x'));
    expect(hashString('')).toBe(0x811c9dc5);
  });
});

describe('roles', () => {
  const prefixes = ['StatefulPartitionedCall/model/', 'StatefulPartitionedCall/model_14/'];
  it.each(prefixes)('roleOfWeightName with prefix %s', (p) => {
    const cases: [string, WeightRole | null][] = [
      ['stem_conv2d/Conv2D_weights', 'stem_kernel'],
      ['stem_conv2d/Conv2D_bn_offset', 'bias'],
      ['top_conv2d/Conv2D_weights', 'head_kernel'],
      ['top_conv2d/Conv2D_bn_offset', 'bias'],
      ['stack_1/block_0/expand_conv2d/Conv2D_weights', 'expand_kernel'],
      ['stack_1/block_0/expand_conv2d/Conv2D_bn_offset', 'bias'],
      ['stack_5/block_3/depthwise_conv2d/depthwise_weights', 'depthwise_kernel'],
      ['stack_5/block_3/depthwise_conv2d/depthwise_bn_offset', 'bias'],
      ['stack_0/block_0/project_conv2d/Conv2D_weights', 'project_kernel'],
      ['stack_3/block_2/project_conv2d/Conv2D_weights', 'residual_project_kernel'],
      ['stack_3/block_12/project_conv2d/Conv2D_bn_offset', 'project_bias'],
      ['stack_5/block_3/se_reshape/Reshape/shape/3', null],
      ['stack_5/block_3/se_squeeze/Mean/reduction_indices', null],
      ['tf_op_layer_Mul_1/Mul_1/y', null],
    ];
    for (const [name, role] of cases) expect(roleOfWeightName(p + name), name).toBe(role);
  });

  it('anonymous tensors have no role by name', () => {
    expect(roleOfWeightName('Func/StatefulPartitionedCall/input/_311')).toBeNull();
  });

  it('roleForLayer covers every role', () => {
    const kinds = ['stem', 'expand', 'depthwise', 'se_reduce', 'se_expand', 'project', 'head', 'dense'] as const;
    const seen = new Set<WeightRole>();
    for (const k of kinds) {
      for (const part of ['kernel', 'bias'] as const) {
        seen.add(roleForLayer(k, part, false));
        seen.add(roleForLayer(k, part, true));
      }
    }
    expect([...seen].sort()).toEqual([...WEIGHT_ROLES].sort());
  });
});

describe('initWeight', () => {
  it('scales kernels by fan-in', () => {
    const shapes: [WeightRole, number[], number][] = [
      ['stem_kernel', [3, 3, 3, 32], DEFAULT_INIT_GAINS.stem / Math.sqrt(27)],
      ['expand_kernel', [1, 1, 96, 576], DEFAULT_INIT_GAINS.expand / Math.sqrt(96)],
      ['depthwise_kernel', [5, 5, 576, 1], DEFAULT_INIT_GAINS.depthwise / 5],
      ['project_kernel', [1, 1, 576, 96], DEFAULT_INIT_GAINS.project / Math.sqrt(576)],
      ['head_kernel', [1, 1, 320, 1280], DEFAULT_INIT_GAINS.head / Math.sqrt(320)],
      ['dense_kernel', [1280, 1000], DEFAULT_INIT_GAINS.dense / Math.sqrt(1280)],
    ];
    for (const [role, shape, std] of shapes) {
      const v = initWeight(role, shape, createRng(1));
      expect(v.length).toBe(shape.reduce((a, b) => a * b, 1));
      const s = stats(v);
      // 4-sigma sampling tolerances.
      const tol = 4 / Math.sqrt(2 * v.length);
      expect(Math.abs(s.mean), role).toBeLessThan((4 * std) / Math.sqrt(v.length));
      expect(Math.abs(s.std / std - 1), role).toBeLessThan(tol);
    }
    expect(fanIn('depthwise_kernel', [3, 3, 144, 1])).toBe(9);
    expect(fanIn('expand_kernel', [1, 1, 24, 144])).toBe(24);
    expect(fanIn('dense_kernel', [2560, 1000])).toBe(2560);
  });

  it('keeps residual branches small, shrinking with the residual depth', () => {
    const shape = [1, 1, 1152, 192];
    const plain = initDistribution('project_kernel', shape);
    const res9 = initDistribution('residual_project_kernel', shape);
    const res48 = initDistribution('residual_project_kernel', shape, { residualDepth: 48 });
    if (plain.kind !== 'normal' || res9.kind !== 'normal' || res48.kind !== 'normal') throw new Error('normal');
    expect(res9.std).toBeCloseTo((plain.std * DEFAULT_INIT_GAINS.residual) / Math.sqrt(DEFAULT_RESIDUAL_DEPTH), 12);
    expect(res48.std).toBeCloseTo(res9.std * Math.sqrt(9 / 48), 12);
  });

  it('gives the SE kernels a gain-control mean and the SE gate an open bias', () => {
    const r = initDistribution('se_reduce_kernel', [1, 1, 1152, 48]);
    const e = initDistribution('se_expand_kernel', [1, 1, 48, 1152]);
    const b = initDistribution('se_expand_bias', [1152]);
    if (r.kind !== 'normal' || e.kind !== 'normal' || b.kind !== 'normal') throw new Error('normal');
    expect(r.mean).toBeGreaterThan(0);
    expect(e.mean).toBeLessThan(0);
    expect(b.mean).toBe(DEFAULT_INIT_GAINS.seExpandBiasMean);
  });

  it('spreads the dense bias evenly over [−h, h] in random order', () => {
    const h = DEFAULT_INIT_GAINS.denseBiasHalfWidth;
    const v = initWeight('dense_bias', [1000], createRng(3));
    const sorted = Array.from(v).sort((a, b) => a - b);
    expect(sorted[0]).toBeCloseTo(-h + h / 1000, 4);
    expect(sorted[999]).toBeCloseTo(h - h / 1000, 4);
    for (let i = 1; i < 1000; i++) expect(sorted[i] - sorted[i - 1]).toBeCloseTo((2 * h) / 1000, 4);
    // Shuffled: not monotone.
    let ascending = 0;
    for (let i = 1; i < 1000; i++) if (v[i] > v[i - 1]) ascending++;
    expect(ascending).toBeGreaterThan(400);
    expect(ascending).toBeLessThan(600);
  });

  it('is deterministic per (seed, key)', () => {
    const a = initWeightSeeded('expand_kernel', [1, 1, 16, 96], 1234, 'x');
    const b = initWeightSeeded('expand_kernel', [1, 1, 16, 96], 1234, 'x');
    const c = initWeightSeeded('expand_kernel', [1, 1, 16, 96], 1234, 'y');
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(initWeight('expand_kernel', [1, 1, 16, 96], createRng(deriveSeed(1234, 'x')))).toEqual(a);
  });

  it('accepts gain overrides', () => {
    const d = initDistribution('dense_kernel', [100, 10], { gains: { dense: 5 } });
    if (d.kind !== 'normal') throw new Error('normal');
    expect(d.std).toBeCloseTo(0.5, 12);
  });

  it('rejects bad shapes', () => {
    expect(() => initWeight('depthwise_kernel', [3, 3], createRng(1))).toThrow();
    expect(() => initWeight('bias', [-1], createRng(1))).toThrow();
  });
});

describe('entropy', () => {
  it('entropyNats', () => {
    expect(entropyNats(new Float32Array(1000).fill(0.001))).toBeCloseTo(Math.log(1000), 3);
    expect(entropyNats([1, 0, 0])).toBe(0);
  });

  it('documents the target', () => {
    expect(SYNTHETIC_ENTROPY_TARGET.min).toBe(1);
    expect(SYNTHETIC_ENTROPY_TARGET.max).toBe(6);
    expect(SYNTHETIC_ENTROPY_TARGET.typicalMin).toBeLessThan(SYNTHETIC_ENTROPY_TARGET.typicalMax);
  });

  it('the dense bias alone puts the entropy in the typical band', () => {
    // Logits = dense bias only (image term 0): ≈ 1 + ln(1000 / 2h) nats.
    const v = initWeight('dense_bias', [1000], createRng(5));
    const max = Math.max(...v);
    const e = Array.from(v, (x) => Math.exp(x - max));
    const z = e.reduce((a, b) => a + b, 0);
    const h = entropyNats(e.map((x) => x / z));
    expect(h).toBeGreaterThan(SYNTHETIC_ENTROPY_TARGET.typicalMin);
    expect(h).toBeLessThan(SYNTHETIC_ENTROPY_TARGET.typicalMax + 0.5);
  });
});

describe('purity', () => {
  // The synthetic weights are made in the browser, workers and Node alike (random-weight
  // networks; the `models:synth` exports): these modules load at run time only each other and
  // the pure src/scaling (no tfjs, no node:); type-only imports are erased.
  const PURE = ['synthetic-init', 'seeded-rng', 'converted-graph', 'model-json', 'test-support/synthetic-plan', 'test-support/synthetic-export'];
  const here = new URL('./', import.meta.url).href;
  it.each(PURE)('%s.ts loads only pure modules', (name) => {
    const file = new URL(`./${name}.ts`, import.meta.url);
    const src = readFileSync(file, 'utf8');
    const imports = [...src.matchAll(/^\s*import\s+(type\s)?[^;]*?from\s+'([^']+)'/gm)];
    expect(src.match(/^\s*import\s/gm)?.length ?? 0).toBe(imports.length);
    // Each runtime import as a path under src/model/ ('../scaling' for the scaling layer).
    const runtime = imports.filter((m) => !m[1]).map((m) => new URL(m[2], file).href.replace(here, './'));
    expect(runtime.filter((x) => !x.endsWith('/scaling') && !PURE.some((p) => x === `./${p}`))).toEqual([]);
    expect(src).not.toMatch(/require\(|\bimport\(/);
  });
});

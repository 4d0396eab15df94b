import { describe, expect, it } from 'vitest';
import { B0_STAGES, MAX_PHI, OFFICIAL_VARIANTS, formulaNetwork, officialNetwork } from '../../scaling';
import { LAB_FRAME, networkPicture, pictureDescription, pictureFrame } from './network-picture';
import { phiReadout } from '../readouts';
import { effectivePhiRows, stageTableRows, teachNumbers } from './teach-model';

describe('teachNumbers', () => {
  it('gives B0 itself at φ = 0', () => {
    const t = teachNumbers(0);
    expect(t.formula.depth).toBe(1);
    expect(t.formula.width).toBe(1);
    expect(t.formula.resolution).toBe(224);
    expect(t.formula.totalBlocks).toBe(16);
    expect(t.b0.totalBlocks).toBe(16);
    expect(t.flopsRatio).toBeCloseTo(1, 12);
    expect(t.twoPowPhi).toBe(1);
  });

  it('evaluates the formulas at φ = 3 (d 1.728, w 1.331, r 340.68 → 341)', () => {
    const t = teachNumbers(3);
    expect(t.formula.depth).toBeCloseTo(1.728, 12);
    expect(t.formula.width).toBeCloseTo(1.331, 12);
    expect(t.resolutionExact).toBeCloseTo(340.676, 3);
    expect(t.formula.resolution).toBe(341);
    const { lines } = t;
    expect(lines.depth).toBe('d = α^φ = 1.2^3.0 = 1.728');
    expect(lines.width).toBe('w = β^φ = 1.1^3.0 = 1.331');
    expect(lines.resolution).toBe('r = 224·γ^φ = 224·1.15^3.0 = 340.68 → 341 px');
  });

  it('states the constraint α·β²·γ² ≈ 1.92', () => {
    const t = teachNumbers(2);
    expect(t.constraint).toBeCloseTo(1.9203, 4);
    expect(t.lines.constraint).toBe('α·β²·γ² = 1.2·1.1²·1.15² = 1.9203 ≈ 1.92');
    expect(t.constraintPowPhi).toBeCloseTo(1.9203 ** 2, 3);
  });

  it('measures FLOPs of the buildable network, which overshoot the formula because repeats round up', () => {
    const one = teachNumbers(1);
    // Formula φ=1: ceil() turns 16 blocks into 23 (1.44× instead of 1.2×) → ≈2.57× B0's FLOPs.
    expect(one.formula.totalBlocks).toBe(23);
    expect(one.flopsRatio).toBeGreaterThan(2.4);
    expect(one.flopsRatio).toBeLessThan(2.7);
    // The released B1 (hand-picked, depth 1.1) lands near the 2^φ target instead.
    expect(one.released?.name).toBe('B1');
    expect(one.released!.flopsRatio).toBeGreaterThan(1.7);
    expect(one.released!.flopsRatio).toBeLessThan(2.3);
    expect(one.twoPowPhi).toBe(2);
    expect(teachNumbers(1.5).released).toBeNull();
  });

  it('grows FLOPs monotonically with φ', () => {
    const ratios = [0, 1, 2, 3, 4, 5, 6, 7].map((p) => teachNumbers(p).flopsRatio);
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]).toBeGreaterThan(ratios[i - 1]);
  });
});

describe('stageTableRows', () => {
  it('reproduces paper Table 1 for B0: stem, seven MBConv stages, head', () => {
    const rows = stageTableRows(officialNetwork(0));
    expect(rows).toHaveLength(B0_STAGES.length + 2);
    expect(rows.map((r) => r.operator)).toEqual([
      'Conv3×3',
      'MBConv1, k3×3',
      'MBConv6, k3×3',
      'MBConv6, k5×5',
      'MBConv6, k3×3',
      'MBConv6, k5×5',
      'MBConv6, k5×5',
      'MBConv6, k3×3',
      'Conv1×1 & Pooling & FC 1000',
    ]);
    expect(rows.map((r) => r.input)).toEqual([224, 112, 112, 56, 28, 14, 14, 7, 7]);
    expect(rows.map((r) => r.channels)).toEqual([32, 16, 24, 40, 80, 112, 192, 320, 1280]);
    expect(rows.map((r) => r.layers)).toEqual([1, 1, 2, 2, 3, 3, 4, 1, 1]);
    expect(rows.map((r) => r.stride)).toEqual([2, 1, 2, 2, 2, 1, 2, 1, 1]);
    for (const r of rows) {
      expect(r.channels).toBe(r.channelsB0);
      expect(r.layers).toBe(r.layersB0);
    }
  });

  it('shows B0 → B7 changes for the released B7', () => {
    const rows = stageTableRows(officialNetwork(7));
    const stages = rows.filter((r) => r.stage >= 0);
    expect(stages.reduce((s, r) => s + r.layers, 0)).toBe(55);
    expect(rows[0].input).toBe(600);
    expect(rows[0].inputB0).toBe(224);
    expect(rows[rows.length - 1].channels).toBe(2560);
    expect(stages[6].channelsB0).toBe(320);
    expect(stages[6].channels).toBe(640);
  });
});

describe('effectivePhiRows', () => {
  it('lists B0–B7 and highlights only the variant nearest φ', () => {
    const rows = effectivePhiRows(2.6);
    expect(rows.map((r) => r.name)).toEqual(OFFICIAL_VARIANTS.map((v) => v.name));
    expect(rows.filter((r) => r.nearest).map((r) => r.name)).toEqual(['B3']);
    const b7 = rows[7];
    expect(b7.effective.depth).toBeCloseTo(6.21, 2);
    expect(b7.effective.width).toBeCloseTo(7.27, 2);
    expect(b7.effective.resolution).toBeCloseTo(7.05, 2);
    expect(phiReadout(3).atOfficial).toBe(true);
    expect(phiReadout(2.6).atOfficial).toBe(false);
  });
});

describe('networkPicture', () => {
  const blocksOf = (p: ReturnType<typeof networkPicture>) => p.rects.filter((r) => r.part === 'block');
  const fits = (p: ReturnType<typeof networkPicture>) =>
    p.rects.every((r) => r.x >= 0 && r.y >= 0 && r.x + r.width <= p.width && r.y + r.height <= p.height) &&
    p.labels.every((l) => l.x >= 0 && l.x <= p.width && l.y >= 0 && l.y <= p.height);

  it('draws one bar per block: 16 for B0, 55 for the released B7', () => {
    const b0 = networkPicture(officialNetwork(0));
    expect(blocksOf(b0)).toHaveLength(16);
    expect(blocksOf(networkPicture(officialNetwork(7)))).toHaveLength(55);
    expect(pictureDescription(officialNetwork(7))).toBe('55 blocks, 600 px input, head 2560 channels');
  });

  it('grows with φ and the largest networks still fit the viewBox', () => {
    const small = networkPicture(formulaNetwork(0));
    const big = networkPicture(formulaNetwork(MAX_PHI));
    expect(big.rects.length).toBeGreaterThan(small.rects.length);
    expect(blocksOf(big)).toHaveLength(61);
    const side = (p: typeof small) => p.rects.find((r) => r.part === 'input')!.width;
    expect(side(big)).toBeGreaterThan(side(small));
    const tallest = (p: typeof small) => Math.max(...blocksOf(p).map((r) => r.height));
    expect(tallest(big)).toBeGreaterThan(tallest(small));
    expect(small.width).toBe(big.width); // one fixed viewBox for every φ
    for (const p of [small, big, networkPicture(officialNetwork(7))]) expect(fits(p)).toBe(true);
  });

  it('keeps bars of a stage contiguous and non-overlapping, left to right', () => {
    const bars = blocksOf(networkPicture(officialNetwork(4)));
    for (let i = 1; i < bars.length; i++) expect(bars[i].x).toBeGreaterThanOrEqual(bars[i - 1].x + bars[i - 1].width);
    expect(new Set(bars.map((b) => b.key)).size).toBe(bars.length);
  });

  it('frames are derived from the networks they must hold', () => {
    const f = pictureFrame([officialNetwork(0)]);
    expect(f.width).toBeLessThan(LAB_FRAME.width);
    expect(fits(networkPicture(officialNetwork(0), f))).toBe(true);
  });
});

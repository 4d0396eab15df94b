import { describe, expect, it } from 'vitest';
import { B0_STAGES, constraintOf, formulaNetwork, PAPER_BASES, OFFICIAL_VARIANTS, officialNetwork } from './index';

// Learned float parameters of the converted TF Hub models (BN folded), from their manifests.
const MANIFEST_PARAMS = [5_267_540, 7_763_160, 9_076_210, 12_189_584, 19_279_016, 30_303_416, 42_928_488, 66_192_600];

describe('official B0–B7', () => {
  it.each(MANIFEST_PARAMS.map((p, k) => [k, p]))('B%d has exactly %d parameters', (k, params) => {
    expect(officialNetwork(k).params).toBe(params);
  });

  it.each(OFFICIAL_VARIANTS.map((v) => ({ name: v.name, k: v.index, paper: v.paperFlops })))(
    '$name multiply-adds within 6 percent of the paper',
    ({ k, paper }) => {
      const ratio = officialNetwork(k).flops / paper;
      expect(Math.abs(ratio - 1)).toBeLessThan(0.06);
    },
  );

  it('params within 6% of the paper (rounded) numbers too', () => {
    for (const v of OFFICIAL_VARIANTS) {
      expect(Math.abs(officialNetwork(v.index).params / v.paperParams - 1)).toBeLessThan(0.06);
    }
  });

  it('B0 feature-map sizes at 224: stem 112, stages 112 56 28 14 14 7 7', () => {
    const b0 = officialNetwork(0);
    expect(b0.stages[0]?.inputSize).toBe(112);
    expect(b0.stages.map((s) => s.featureSize)).toEqual([112, 56, 28, 14, 14, 7, 7]);
    expect(b0.stages.map((s) => s.inputSize)).toEqual([112, 112, 56, 28, 14, 14, 7]);
  });

  it('B0 reproduces Table 1', () => {
    const b0 = officialNetwork(0);
    expect(b0.stemChannels).toBe(32);
    expect(b0.headChannels).toBe(1280);
    expect(b0.numClasses).toBe(1000);
    expect(b0.stages.map(({ expand, kernel, stride, repeats, channels }) => ({ expand, kernel, stride, repeats, channels }))).toEqual(B0_STAGES);
    expect(b0.stages.map((s) => s.inChannels)).toEqual([32, 16, 24, 40, 80, 112, 192]);
  });

  it('total blocks: B0 16, B7 55', () => {
    expect(officialNetwork(0).totalBlocks).toBe(16);
    expect(officialNetwork(0).blocks).toHaveLength(16);
    expect(officialNetwork(7).totalBlocks).toBe(55);
    expect(officialNetwork(7).stages.map((s) => s.repeats)).toEqual([4, 7, 7, 10, 10, 13, 4]);
  });

  it('B7 stage sizes at 600 and channels at width 2.0', () => {
    const b7 = officialNetwork(7);
    expect(b7.stages.map((s) => s.featureSize)).toEqual([300, 150, 75, 38, 38, 19, 19]);
    expect(b7.stages.map((s) => s.channels)).toEqual([32, 48, 80, 160, 224, 384, 640]);
    expect(b7.stemChannels).toBe(64);
    expect(b7.headChannels).toBe(2560);
  });

  it('residual only for stride 1 with equal in/out channels', () => {
    const b0 = officialNetwork(0);
    // First block of every stage changes channels (B0), so only 2nd+ blocks are residual.
    expect(b0.blocks.map((b) => b.residual)).toEqual(b0.blocks.map((b) => b.block > 0));
    for (const k of [0, 3, 7]) {
      for (const b of officialNetwork(k).blocks) {
        expect(b.residual).toBe(b.stride === 1 && b.inChannels === b.outChannels);
        if (b.block > 0) expect(b.stride).toBe(1);
      }
    }
    // B7 stage 0 (4 repeats, 64 → 32 channels): block 0 no skip, blocks 1–3 skip.
    expect(
      officialNetwork(7)
        .blocks.filter((b) => b.stage === 0)
        .map((b) => b.residual),
    ).toEqual([false, true, true, true]);
  });

  it('SE channels come from the block input, expanded channels from expand ratio', () => {
    const s1 = officialNetwork(0).blocks.filter((b) => b.stage === 1);
    expect(s1.map((b) => [b.inChannels, b.expandedChannels, b.seChannels])).toEqual([
      [16, 96, 4],
      [24, 144, 6],
    ]);
    const s0 = officialNetwork(0).blocks[0];
    expect(s0 && [s0.expandedChannels, s0.seChannels]).toEqual([32, 8]);
  });

  it('params and flops are the sums over layers', () => {
    const b3 = officialNetwork(3);
    expect(b3.layers.reduce((s, l) => s + l.params, 0)).toBe(b3.params);
    expect(b3.layers.reduce((s, l) => s + l.macs, 0)).toBe(b3.flops);
    expect(b3.layers[0]?.name).toBe('stem_conv2d');
    expect(b3.layers.at(-1)?.kernelShape).toEqual([1536, 1000]);
  });
});

describe('formula networks', () => {
  it('φ=0 equals B0 in everything but the name', () => {
    const f = formulaNetwork(0);
    const b0 = officialNetwork(0);
    expect({ ...f, name: 'B0', official: true }).toEqual(b0);
  });

  it('FLOPs grow ≈ α·β²·γ² per unit φ and params and FLOPs increase monotonically', () => {
    let prev = formulaNetwork(0);
    for (let phi = 1; phi <= 7; phi++) {
      const n = formulaNetwork(phi);
      expect(n.flops).toBeGreaterThan(prev.flops);
      expect(n.params).toBeGreaterThan(prev.params);
      // Per step the integer rounding (ceil of repeats, channels to 8s) makes growth jumpy:
      // φ 0→1 is ×2.57 because 1.2 × 2 repeats rounds up to 3.
      const growth = n.flops / prev.flops;
      expect(growth).toBeGreaterThan(1.5);
      expect(growth).toBeLessThan(2.8);
      prev = n;
    }
    const overall = formulaNetwork(7).flops / formulaNetwork(0).flops;
    expect(overall / Math.pow(constraintOf(PAPER_BASES), 7)).toBeGreaterThan(0.8);
    expect(overall / Math.pow(constraintOf(PAPER_BASES), 7)).toBeLessThan(1.2);
  });

  it('φ=3 has resolution 341 and stage 0 input ceil(341/2) = 171', () => {
    const n = formulaNetwork(3);
    expect(n.resolution).toBe(341);
    expect(n.stages[0]?.inputSize).toBe(171);
    expect(n.stages.map((s) => s.featureSize)).toEqual([171, 86, 43, 22, 22, 11, 11]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  budgetNetworks,
  constraintOf,
  customCoefficients,
  FIGURE3_POINTS,
  fitGamma,
  formulaNetwork,
  matchFlops,
  nearestReleasedByFlops,
  PAPER_BASES,
  scaleNetwork,
  table7Networks,
  TABLE7_ROWS,
} from './index';

describe("Table 7's five networks", () => {
  const nets = table7Networks();

  it("compound (d 1.4, w 1.2, r 1.3) is within 6% of the paper's 1.8B FLOPs", () => {
    const compound = nets.find((n) => n.method === 'compound')!.net;
    expect(compound.resolution).toBe(291);
    expect(compound.flops).toBe(1_800_091_280);
    expect(Math.abs(compound.flops / 1.8e9 - 1)).toBeLessThan(0.06);
  });

  it('exact counts: B0 0.386B, d=4 1.575B, w=2 1.450B, r=2 1.538B (the paper rounds to 1.8/1.8/1.9B)', () => {
    expect(nets.map((n) => n.method)).toEqual(['baseline', 'depth', 'width', 'resolution', 'compound']);
    expect(nets.map((n) => Math.round(n.net.flops / 1e6))).toEqual([386, 1575, 1450, 1538, 1800]);
    expect(nets.map((n) => n.net.totalBlocks)).toEqual([16, 64, 16, 16, 26]);
    expect(nets.map((n) => n.net.headChannels)).toEqual([1280, 1280, 2560, 1280, 1536]);
    expect(nets.map((n) => n.net.resolution)).toEqual([224, 224, 224, 448, 291]);
    expect(nets[0].coefficients.official).toBe(true);
    expect(TABLE7_ROWS.compound.paper.top1).toBe(81.1);
  });
});

describe('matched-FLOPs solver', () => {
  it("solves each single dimension to the compound network's exact FLOPs (w ≈ 2.2)", () => {
    const target = table7Networks().find((n) => n.method === 'compound')!.net.flops;
    const w = matchFlops('width', target);
    expect(w.multiplier).toBeCloseTo(2.22, 2);
    expect(matchFlops('depth', target).multiplier).toBeCloseTo(4.33, 2);
    expect(matchFlops('resolution', target).net.resolution).toBe(480);
    for (const m of ['depth', 'width', 'resolution'] as const) expect(Math.abs(matchFlops(m, target).error)).toBeLessThan(0.05);
  });

  // The budget slider steps φ by 0.5 from 1 to 5.
  const phis = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
  it.each(phis)('φ %d: every dimension within five per cent of the formula network', (phi) => {
    const { compound, matched } = budgetNetworks(phi);
    expect(compound.flops).toBe(formulaNetwork(phi).flops);
    expect(matched.map((m) => m.method)).toEqual(['depth', 'width', 'resolution']);
    for (const m of matched) {
      expect(m.net.flops / compound.flops - 1).toBeCloseTo(m.error, 12);
      expect(Math.abs(m.error)).toBeLessThan(0.05);
    }
  });

  it('a target at or below B0 gives B0 itself; a bad target is refused', () => {
    expect(matchFlops('width', 1e6).multiplier).toBe(1);
    expect(() => matchFlops('depth', Number.NaN)).toThrow(/positive number/);
  });
});

describe('own coefficients', () => {
  it("the paper's bases give 1.92; fit to 2 solves γ exactly", () => {
    expect(constraintOf(PAPER_BASES)).toBeCloseTo(1.9203, 4);
    const g = fitGamma(PAPER_BASES);
    expect(g).toBeCloseTo(Math.sqrt(2 / (1.2 * 1.21)), 12);
    expect(constraintOf({ ...PAPER_BASES, gamma: g! })).toBeCloseTo(2, 12);
    expect(fitGamma({ alpha: 2, beta: 1.5, gamma: 1 })).toBeNull(); // α·β² = 4.5 > 2: no γ ≥ 1
  });

  it("the paper's bases rebuild the formula network; a larger α adds blocks and FLOPs", () => {
    expect(scaleNetwork(customCoefficients(PAPER_BASES, 3)).flops).toBe(formulaNetwork(3).flops);
    const deeper = scaleNetwork(customCoefficients({ ...PAPER_BASES, alpha: 1.4 }, 3));
    expect(deeper.totalBlocks).toBeGreaterThan(formulaNetwork(3).totalBlocks);
    expect(deeper.flops).toBeGreaterThan(formulaNetwork(3).flops);
  });

  it('nearest released variant by FLOPs', () => {
    expect(nearestReleasedByFlops(1.8e9).name).toBe('B3');
    expect(nearestReleasedByFlops(0.4e9).name).toBe('B0');
    expect(nearestReleasedByFlops(40e9).name).toBe('B7');
  });
});

describe("Figure 3's reference points", () => {
  it("sit at the FLOPs the code computes for the figure's own multiplier labels; the top-1 flattens near 80%", () => {
    for (const [method, points] of Object.entries(FIGURE3_POINTS)) {
      for (const p of points) {
        const net = scaleNetwork({
          name: `${method} ${p.multiplier}`,
          phi: 0,
          official: false,
          dropout: 0.2,
          width: method === 'width' ? p.multiplier : 1,
          depth: method === 'depth' ? p.multiplier : 1,
          resolution: method === 'resolution' ? Math.round(224 * p.multiplier) : 224,
        });
        expect(Math.abs(net.flops / 1e9 - p.flopsB)).toBeLessThan(0.005);
        expect(p.fromFigure).toBe(true);
        expect(p.top1).toBeGreaterThanOrEqual(75);
        expect(p.top1).toBeLessThanOrEqual(81); // the figure's own y axis: 75–81%
      }
    }
  });
});

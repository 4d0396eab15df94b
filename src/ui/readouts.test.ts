import { describe, expect, it } from 'vitest';
import { formulaVsOfficial, phiReadout, sliderValueText } from './readouts';

describe('side panel readouts', () => {
  it('show the official variant at integer φ', () => {
    const r = phiReadout(1);
    expect(r.atOfficial).toBe(true);
    expect(r.variant).toBe(1);
    expect(r.shown.resolution).toBe(240);
    expect(r.paperTop1).toBe(79.1);
    expect(sliderValueText(3)).toBe('φ 3.0 — B3');
  });

  it('show the formula network between integers, predicting with the nearest variant', () => {
    const r = phiReadout(2.4);
    expect(r.atOfficial).toBe(false);
    expect(r.variant).toBe(2);
    expect(r.shown.name).toBe('phi=2.4');
    expect(r.shown.resolution).toBe(Math.round(224 * 1.15 ** 2.4));
    expect(sliderValueText(2.4)).toBe('φ 2.4 — formula, nearest B2');
  });

  it('contrast the formula with the hand-picked coefficients', () => {
    expect(formulaVsOfficial(3)).toBe('formula φ=3: w 1.33, d 1.73, r ≈341 | B3: w 1.2, d 1.4, r 300');
  });
});

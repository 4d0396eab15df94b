import { describe, expect, it } from 'vitest';
import {
  clampPhi,
  constraintOf,
  PAPER_BASES,
  effectivePhi,
  formulaCoefficients,
  formulaResolution,
  isAtOfficial,
  nearestOfficial,
  OFFICIAL_VARIANTS,
  officialCoefficients,
} from './index';

describe('compound-scaling formula', () => {
  it('φ=3 gives w 1.331, d 1.728, r 341 (340.676 rounded to nearest)', () => {
    const c = formulaCoefficients(3);
    expect(c.name).toBe('phi=3');
    expect(c.phi).toBe(3);
    expect(c.width).toBeCloseTo(1.331, 10);
    expect(c.depth).toBeCloseTo(1.728, 10);
    expect(c.resolution).toBe(341);
    expect(c.official).toBe(false);
  });

  it('φ=0 is B0 exactly', () => {
    expect(formulaCoefficients(0)).toEqual({ ...officialCoefficients(0), name: 'phi=0', official: false });
  });

  it('names fractional φ compactly and clamps to [0, 7]', () => {
    expect(formulaCoefficients(0.5).name).toBe('phi=0.5');
    expect(formulaCoefficients(0.1 + 0.2).name).toBe('phi=0.3');
    expect(formulaCoefficients(9).phi).toBe(7);
    expect(formulaCoefficients(-1).name).toBe('phi=0');
  });

  it('resolution rounds to nearest', () => {
    expect(formulaResolution(0)).toBe(224);
    expect(formulaResolution(1)).toBe(258); // 257.6
    expect(formulaResolution(7)).toBe(596); // 595.8
  });

  it('dropout interpolates 0.2 → 0.5 over φ 0..7', () => {
    expect(formulaCoefficients(0).dropout).toBeCloseTo(0.2, 12);
    expect(formulaCoefficients(3.5).dropout).toBeCloseTo(0.35, 12);
    expect(formulaCoefficients(7).dropout).toBeCloseTo(0.5, 12);
  });

  it('constraint α·β²·γ² ≈ 1.9203', () => {
    expect(constraintOf(PAPER_BASES)).toBeCloseTo(1.92027, 5);
  });
});

describe('official variants', () => {
  it('officialCoefficients mirrors the table', () => {
    expect(officialCoefficients(3)).toEqual({
      name: 'B3',
      phi: 3,
      width: 1.2,
      depth: 1.4,
      resolution: 300,
      dropout: 0.3,
      official: true,
    });
    expect(OFFICIAL_VARIANTS.map((v) => v.resolution)).toEqual([224, 240, 260, 300, 380, 456, 528, 600]);
  });

  it('rejects non-integer or out-of-range k', () => {
    expect(() => officialCoefficients(8)).toThrow(RangeError);
    expect(() => officialCoefficients(1.5)).toThrow(RangeError);
  });

  it('effectivePhi inverts the formula per dimension', () => {
    expect(effectivePhi(0)).toEqual({ width: 0, depth: 0, resolution: 0 });
    const b1 = effectivePhi(1);
    expect(b1.width).toBe(0);
    expect(b1.depth).toBeCloseTo(0.52276, 4);
    expect(b1.resolution).toBeCloseTo(0.49365, 4);
    const b2 = effectivePhi(2);
    expect(b2.width).toBeCloseTo(1, 10);
    expect(b2.depth).toBeCloseTo(1, 10);
    expect(b2.resolution).toBeCloseTo(1.06635, 4);
    const b7 = effectivePhi(7);
    expect(b7.width).toBeCloseTo(7.27254, 4);
    expect(b7.depth).toBeCloseTo(6.20553, 4);
    expect(b7.resolution).toBeCloseTo(7.04973, 4);
  });

  it('nearestOfficial and clampPhi', () => {
    expect(nearestOfficial(2.4)).toBe(2);
    expect(nearestOfficial(2.5)).toBe(3);
    expect(nearestOfficial(-3)).toBe(0);
    expect(nearestOfficial(12)).toBe(7);
    expect(clampPhi(7.5)).toBe(7);
    expect(clampPhi(-0.1)).toBe(0);
    expect(clampPhi(Number.NaN)).toBe(0);
    expect(clampPhi(4.25)).toBe(4.25);
  });

  it('isAtOfficial: exactly an official φ (float noise aside), never only near one or past B7', () => {
    expect([0, 3, 3 + 1e-12, 7].map(isAtOfficial)).toEqual([true, true, true, true]);
    expect([2.9, 3.1, 2.5, 8, -1].map(isAtOfficial)).toEqual([false, false, false, false, false]);
  });
});

import { describe, expect, it } from 'vitest';
import { isNoisy, median, NOISY_RATIO, percentile, spread } from './timing';

describe('timing statistics', () => {
  it('interpolated percentiles; the median is p50', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBeCloseTo(95.05, 10);
    expect(percentile(hundred, 25)).toBeCloseTo(25.75, 10);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('spread of seven runs: median = 4th, p25 halfway 2nd–3rd, p75 halfway 5th–6th smallest, min', () => {
    expect(spread([])).toBeNull();
    expect(spread([510, 495, 640, 502, 498, 530, 490])).toEqual({ runs: 7, medianMs: 502, p25Ms: 496.5, p75Ms: 520, minMs: 490 });
  });

  it('calls a series noisy only when p75/p25 exceeds 1.3', () => {
    expect(NOISY_RATIO).toBe(1.3);
    expect(isNoisy({ p25Ms: 100, p75Ms: 130 })).toBe(false);
    expect(isNoisy({ p25Ms: 100, p75Ms: 130.1 })).toBe(true);
    expect(isNoisy(spread([100, 100, 100, 200, 200, 200, 200])!)).toBe(true);
    expect(isNoisy(spread([500, 510, 520, 505, 515, 600, 498])!)).toBe(false);
  });
});

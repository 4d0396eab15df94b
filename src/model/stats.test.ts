import { describe, expect, it } from 'vitest';
import { isNoisy, median, NOISY_RATIO, percentile, spread } from './stats';

describe('timing statistics', () => {
  it('median and nearest-rank percentiles', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 25)).toBe(25);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('spread of seven runs: median, p25 = 2nd, p75 = 6th smallest, min', () => {
    expect(spread([])).toBeNull();
    expect(spread([510, 495, 640, 502, 498, 530, 490])).toEqual({ runs: 7, medianMs: 502, p25Ms: 495, p75Ms: 530, minMs: 490 });
  });

  it('calls a series noisy only when p75/p25 exceeds 1.3', () => {
    expect(NOISY_RATIO).toBe(1.3);
    expect(isNoisy({ p25Ms: 100, p75Ms: 130 })).toBe(false);
    expect(isNoisy({ p25Ms: 100, p75Ms: 130.1 })).toBe(true);
    expect(isNoisy(spread([100, 100, 100, 200, 200, 200, 200])!)).toBe(true);
    expect(isNoisy(spread([500, 510, 520, 505, 515, 600, 498])!)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { roundFilters, roundRepeats, sameOutputSize, seChannels } from './index';

describe('roundFilters (reference round_filters)', () => {
  it.each([
    // [channels, width, expected] — worked by hand from int(c·w + 4) // 8 · 8, +8 if < 90 %
    [32, 1.0, 32],
    [32, 1.1, 32], // 35.2 → int(39.2)//8·8 = 32, 32 ≥ 31.68
    [16, 1.1, 16], // 17.6 → 16, 16 ≥ 15.84
    [112, 1.1, 120], // 123.2 → 120
    [192, 1.1, 208], // 211.2 → 208
    [1280, 1.1, 1408],
    [16, 1.2, 24], // 19.2 → 16 < 17.28 → +8 = 24 (the 90 % rule)
    [32, 1.2, 40], // 38.4 → 40
    [1280, 1.2, 1536],
    [16, 1.4, 24],
    [24, 1.4, 32],
    [40, 1.6, 64],
    [320, 1.8, 576],
    [16, 2.0, 32],
    [1280, 2.0, 2560],
    [1, 1.0, 8], // never below the divisor
  ])('roundFilters(%d, %d) = %d', (c, w, expected) => {
    expect(roundFilters(c, w)).toBe(expected);
  });

  it('always returns a multiple of 8', () => {
    for (let w = 1; w <= 2.2; w += 0.01) {
      for (const c of [16, 24, 32, 40, 80, 112, 192, 320, 1280]) expect(roundFilters(c, w) % 8).toBe(0);
    }
  });
});

describe('roundRepeats (ceil of depth × repeats)', () => {
  it.each([
    [1, 1.0, 1],
    [2, 1.1, 3],
    [3, 1.2, 4], // 3.5999… → 4
    [4, 1.8, 8], // 7.2 → 8
    [1, 3.1, 4],
    [4, 3.1, 13], // 12.4 → 13
  ])('roundRepeats(%d, %d) = %d', (r, d, expected) => {
    expect(roundRepeats(r, d)).toBe(expected);
  });
});

describe('helpers', () => {
  it('SE channels are a quarter of the block input, at least 1', () => {
    expect(seChannels(32)).toBe(8);
    expect(seChannels(18)).toBe(4);
    expect(seChannels(2)).toBe(1);
  });
  it('SAME padding gives ceil(in / stride)', () => {
    expect(sameOutputSize(224, 2)).toBe(112);
    expect(sameOutputSize(75, 2)).toBe(38);
    expect(sameOutputSize(75, 1)).toBe(75);
  });
});

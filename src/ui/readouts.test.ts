import { describe, expect, it } from 'vitest';
import type { InferenceResult } from '../store/lab-store';
import { answeredBy, formulaVsOfficial, phiReadout, resultSummary, sliderValueText } from './readouts';

describe('side panel readouts', () => {
  it('show the official variant at integer φ', () => {
    const r = phiReadout(1);
    expect(r.atOfficial).toBe(true);
    expect(r.variant).toBe(1);
    expect(r.shown.resolution).toBe(240);
    expect(r.paperTop1).toBe(79.1);
    expect(sliderValueText(3)).toBe('φ 3.0 — B3, 300 px');
    expect(sliderValueText(1)).toBe('φ 1.0 — B1, 240 px');
  });

  it('show the formula network between integers, predicting with the nearest variant', () => {
    const r = phiReadout(2.4);
    expect(r.atOfficial).toBe(false);
    expect(r.variant).toBe(2);
    expect(r.shown.name).toBe('phi=2.4');
    expect(r.shown.resolution).toBe(Math.round(224 * 1.15 ** 2.4));
    expect(sliderValueText(2.4)).toBe(`φ 2.4 — formula network, ${Math.round(224 * 1.15 ** 2.4)} px; prediction from B2`);
  });

  it('contrast the formula with the hand-picked coefficients', () => {
    expect(formulaVsOfficial(3)).toBe('formula φ=3: w 1.33, d 1.73, r ≈341 | B3: w 1.2, d 1.4, r 300');
  });

  it('summarise a finished run in one announced line', () => {
    const base = { variant: 0, phi: 0, name: 'B0', resolution: 224, synthetic: false } as const;
    const top5 = [{ index: 388, label: 'giant panda', prob: 0.9234 }];
    expect(resultSummary(null)).toBe('');
    expect(resultSummary({ ...base, kind: 'official', imageName: 'panda.jpg', top5 } as unknown as InferenceResult)).toBe(
      'B0 at 224 px on “panda.jpg”: giant panda, 92.3%',
    );
    expect(resultSummary({ ...base, kind: 'official', imageName: null, top5 } as unknown as InferenceResult)).toBe(
      'B0 at 224 px on the test pattern: giant panda, 92.3%',
    );
    expect(
      resultSummary({ ...base, kind: 'random', latencyOnly: true, name: 'phi=2.4', resolution: 313, imageName: null, top5: [] } as unknown as InferenceResult),
    ).toBe('phi=2.4 at 313 px: latency only, no prediction (random weights)');
    const standIn = { ...base, kind: 'official', imageName: null, top5, standInFor: 'B7' } as unknown as InferenceResult;
    expect(resultSummary(standIn)).toBe('B0 at 224 px on the test pattern: giant panda, 92.3% (answered by B0 while B7 downloads)');
    expect(answeredBy(standIn, true)).toBe('answered by B0 while B7 loads from this device');
  });
});

import { describe, expect, it } from 'vitest';
import { evalNetwork } from '../../store/evaluate';
import { RANDOM_SOURCE } from '../../store/source';
import { shortLabelOf } from '../../model/labels';
import { contrastPair, fmtCi, measuredPoints, progressLine } from './eval-view-model';
import { ACCURACY_SERIES } from '../compare/compare-model';

describe('Evaluate view words', () => {
  it('names classes and intervals', () => {
    expect(shortLabelOf(388)).toBe('giant panda');
    expect(shortLabelOf(null)).toBe('');
    expect(fmtCi({ lo: 41.234, hi: 77.06 })).toBe('41.2–77.1%');
    expect(fmtCi(null)).toBe('—');
  });

  it('says n / N, images/s and the time left; a cancelled run says what it keeps', () => {
    const rows = Array.from({ length: 200 }, () => ({ file: '', label: null, thumb: null, error: null, preds: [] }));
    expect(progressLine({ done: 40, rows, elapsedMs: 4000, running: true, cancelled: false, phase: null })).toBe('40 / 200 · 10.0 images/s · ETA 16 s');
    expect(progressLine({ done: 5, rows: rows.slice(0, 10), elapsedMs: 1000, running: true, cancelled: false, phase: null })).toBe(
      '5 / 10 · 5.0 images/s · ETA 1 s',
    );
    expect(progressLine({ done: 0, rows, elapsedMs: 0, running: true, cancelled: false, phase: 'loading B1 (download: 40%)' })).toBe(
      '0 / 200 · loading B1 (download: 40%)',
    );
    expect(progressLine({ done: 80, rows, elapsedMs: 8000, running: false, cancelled: true, phase: null })).toBe(
      '80 / 200 · 10.0 images/s · cancelled: the result holds the images classified so far',
    );
    expect(progressLine({ done: 200, rows, elapsedMs: 2000, running: false, cancelled: false, phase: null })).toBe('200 / 200 · 100.0 images/s · done');
  });

  it('plots measured points beside the paper curve; contrasts the largest with the smallest network', () => {
    expect(ACCURACY_SERIES.map((p) => p.top1)).toEqual([77.1, 79.1, 80.1, 81.6, 82.9, 83.6, 84.0, 84.3]);
    const s = {
      network: 'B0',
      total: 4,
      correct: 3,
      top5Correct: 4,
      top1: 75,
      top5: 100,
      ci: null,
      imagesPerSec: 10,
      msPerImage: 100,
      paperTop1: 77.1,
      flops: 1,
    };
    expect(measuredPoints([s, { ...s, network: 'B1', total: 0, top1: null }])).toEqual([s]);
    const nets = [3, 0, 1].map((k) => evalNetwork(k, RANDOM_SOURCE.baseUrl));
    expect(contrastPair(nets)).toEqual({ small: 1, big: 0 });
    expect(contrastPair(nets.slice(0, 1))).toBeNull();
    // A dropped model's FLOPs are unknown: it counts as the biggest, and is not plotted.
    expect(contrastPair([{ ...nets[0], flops: NaN }, nets[1]])).toEqual({ small: 1, big: 0 });
    expect(measuredPoints([{ ...s, flops: NaN }])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { LatencyStats, median, percentile } from './latency';

describe('latency statistics', () => {
  it('median and nearest-rank p95', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
  });

  it('keeps the first run apart from steady runs', () => {
    const s = new LatencyStats();
    expect(s.record(900)).toBe(true);
    expect(s.summary()).toMatchObject({ firstMs: 900, lastMs: 900, steadyMedianMs: null, steadyRuns: 0 });
    expect(s.record(100)).toBe(false);
    s.record(120);
    s.record(110);
    expect(s.summary()).toMatchObject({ firstMs: 900, lastMs: 110, steadyMedianMs: 110, steadyRuns: 3 });
  });
});

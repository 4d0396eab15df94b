import { describe, expect, it } from 'vitest';
import { LatencyStats } from './timing';

describe('latency statistics', () => {
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

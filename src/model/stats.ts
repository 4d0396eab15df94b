/** Statistics of timing samples: percentiles (the median is p50) and the spread of a timed
 *  series. Pure, shared by the worker, the benchmark, the store and the views. */

/** Percentile of `values` (p in [0, 100]) with linear interpolation between the closest ranks
 *  (numpy's default), so p50 is the median; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** Median, interquartile range and minimum of a series of timed runs (ms). */
export interface Spread {
  runs: number;
  medianMs: number;
  p25Ms: number;
  p75Ms: number;
  minMs: number;
}

export function spread(times: readonly number[]): Spread | null {
  if (times.length === 0) return null;
  return {
    runs: times.length,
    medianMs: median(times) as number,
    p25Ms: percentile(times, 25) as number,
    p75Ms: percentile(times, 75) as number,
    minMs: Math.min(...times),
  };
}

/** Above this p75/p25 ratio a series is too noisy to teach from: measure again. */
export const NOISY_RATIO = 1.3;

export function isNoisy(s: Pick<Spread, 'p25Ms' | 'p75Ms'>): boolean {
  return s.p25Ms > 0 && s.p75Ms / s.p25Ms > NOISY_RATIO;
}

/** Fewer runs than this and a "median" would mislead: show the runs themselves instead. */
export const MIN_RUNS_FOR_MEDIAN = 3;

/** Statistics of timing samples: median, nearest-rank percentiles and the spread of a timed
 *  series. Pure, shared by the worker, the benchmark, the store and the views. */

/** Nearest-rank percentile of `values` (p in [0, 100]); null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
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

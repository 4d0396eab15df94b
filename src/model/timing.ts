/** Timing, in one place: statistics of timing samples, the one way the lab times networks
 *  (interleaved series) and per-model latency bookkeeping. Pure: no tfjs, shared by the worker,
 *  the benchmark, the store and the views. */

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
export function spread(times: readonly number[]) {
  if (times.length === 0) return null;
  return {
    runs: times.length,
    medianMs: median(times) as number,
    p25Ms: percentile(times, 25) as number,
    p75Ms: percentile(times, 75) as number,
    minMs: Math.min(...times),
  };
}
export type Spread = NonNullable<ReturnType<typeof spread>>;

/** Above this p75/p25 ratio a series is too noisy to teach from: measure again. */
export const NOISY_RATIO = 1.3;

export function isNoisy(s: Pick<Spread, 'p25Ms' | 'p75Ms'>): boolean {
  return s.p25Ms > 0 && s.p75Ms / s.p25Ms > NOISY_RATIO;
}

/** Fewer runs than this and a "median" would mislead: show the runs themselves instead. */
export const MIN_RUNS_FOR_MEDIAN = 3;

// Series (Lab, Compare, the scaling-methods race, the benchmark): untimed warm-up runs first, so
// first-use costs stay out of the steady numbers, then timed runs interleaved in rounds
// (A B C C B A …) so drift, heat and garbage collection hit every runner alike. A runner's promise
// settles only once its result has been read back: a timed run covers the whole inference.

/** Timed runs per series where the caller does not say. */
export const SERIES_RUNS = { compare: 7, race: 5, lab: 5 } as const;
/** Untimed runs per runner before timing starts (after its first, compiling run). */
export const SERIES_WARMUP = 1;

export interface SeriesOptions {
  /** Timed runs per runner, after `warmup` untimed ones. */
  runs: number;
  warmup?: number;
  /** Called before each timed run: which runner, which of its runs (0-based). */
  onRun?: (runner: number, run: number) => void;
  /** Idle milliseconds before each timed run, so no runner is charged for threads another one
   *  left busy (the bench's ORT wasm peer; see bench.ts). */
  settleMs?: number;
}

/** Wall milliseconds of one run; the run ends when its result has been read back. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/** Per runner: its untimed warm-up runs (kept only for the record), every timed run in the order
 *  it ran, and their spread (never null: every runner runs at least once). */
export async function measureInterleaved(runners: readonly (() => Promise<unknown>)[], o: SeriesOptions) {
  const out = runners.map(() => ({ warmupMs: [] as number[], times: [] as number[] }));
  for (let w = 0; w < (o.warmup ?? SERIES_WARMUP); w++) {
    for (let i = 0; i < runners.length; i++) out[i].warmupMs.push(await timed(runners[i]));
  }
  for (let round = 0; round < Math.max(1, o.runs); round++) {
    for (let k = 0; k < runners.length; k++) {
      const i = round % 2 === 0 ? k : runners.length - 1 - k;
      o.onRun?.(i, round);
      if (o.settleMs) await new Promise((done) => setTimeout(done, o.settleMs));
      out[i].times.push(await timed(runners[i]));
    }
  }
  return out.map((r) => ({ ...r, spread: spread(r.times)! }));
}

// Per-model latency

/** Steady samples kept per model: enough for a stable median, bounded memory. */
const MAX_SAMPLES = 200;

export class LatencyStats {
  private first: number | null = null;
  private last = 0;
  private steady: number[] = [];
  private steadyTotal = 0;

  get hasFirst(): boolean {
    return this.first !== null;
  }

  /** Records one run; returns true when it was the first one. */
  record(ms: number): boolean {
    this.last = ms;
    if (this.first === null) {
      this.first = ms;
      return true;
    }
    this.steadyTotal++;
    this.steady.push(ms);
    if (this.steady.length > MAX_SAMPLES) this.steady.shift();
    return false;
  }

  summary() {
    return {
      /** The first inference of this model on this backend (shader compilation included). */
      firstMs: this.first,
      lastMs: this.last,
      /** Statistics of the steady-state runs so far (after the first). */
      steadyMedianMs: median(this.steady),
      steadyP25Ms: percentile(this.steady, 25),
      steadyP75Ms: percentile(this.steady, 75),
      steadyRuns: this.steadyTotal,
    };
  }
}

export type Latency = ReturnType<LatencyStats['summary']> & { wasFirst: boolean };

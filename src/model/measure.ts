/** The one way this lab times networks (Lab, Compare, the scaling-methods race, the benchmark):
 *  untimed warm-up runs first (compilation and first-use costs stay out of the steady numbers),
 *  then N timed runs per runner, interleaved in rounds (A B C C B A A B C …) so drift, heat and
 *  garbage collection hit every runner alike. A runner's promise must settle only once its
 *  result has been read back, so a timed run covers the whole inference. No tfjs here. */
import { spread, type Spread } from './stats';

/** Timed runs per series where the caller does not say. */
export const SERIES_RUNS = { compare: 7, race: 5, lab: 5 } as const;
/** Untimed runs per runner before timing starts (after its first, compiling run). */
export const SERIES_WARMUP = 1;

export interface SeriesOptions {
  /** Timed runs per runner. */
  runs: number;
  /** Untimed runs per runner first. */
  warmup?: number;
  /** Called before each timed run: which runner, which of its runs (0-based). */
  onRun?: (runner: number, run: number) => void;
}

/** The runner order of `rounds` interleaved rounds over `n` runners: forward, backward, … */
export function interleavedOrder(n: number, rounds: number): number[] {
  const order: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) order.push(r % 2 === 0 ? i : n - 1 - i);
  }
  return order;
}

export interface RunnerTimes {
  /** Untimed warm-up runs, kept only for the record. */
  warmupMs: number[];
  /** Every timed run, in the order it ran. */
  times: number[];
  spread: Spread | null;
}

const now = () => performance.now();

/** Wall milliseconds of one run; the run ends when its result has been read back. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = now();
  await run();
  return now() - t0;
}

/** Times every runner `runs` times, interleaved, after `warmup` untimed runs each. */
export async function measureInterleaved(runners: readonly (() => Promise<unknown>)[], o: SeriesOptions): Promise<RunnerTimes[]> {
  const out: RunnerTimes[] = runners.map(() => ({ warmupMs: [], times: [], spread: null }));
  for (let w = 0; w < (o.warmup ?? SERIES_WARMUP); w++) {
    for (let i = 0; i < runners.length; i++) out[i].warmupMs.push(await timed(runners[i]));
  }
  for (const i of interleavedOrder(runners.length, Math.max(1, o.runs))) {
    o.onRun?.(i, out[i].times.length);
    out[i].times.push(await timed(runners[i]));
  }
  for (const r of out) r.spread = spread(r.times);
  return out;
}

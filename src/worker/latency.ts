/** Per-model latency bookkeeping: the first run (shader compilation included) is kept apart from
 *  the steady-state runs after it. Pure, so the store, worker and benchmark share it. */
import type { Latency } from './protocol';

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

  summary(): Omit<Latency, 'wasFirst'> {
    return {
      firstMs: this.first,
      lastMs: this.last,
      steadyMedianMs: median(this.steady),
      steadyP95Ms: percentile(this.steady, 95),
      steadyRuns: this.steadyTotal,
    };
  }
}

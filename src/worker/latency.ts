/** Per-model latency bookkeeping: the first run (shader compilation included) is kept apart from
 *  the steady-state runs after it. Pure, so the store, worker and benchmark share it. */
import { median, percentile } from '../model/stats';
import type { Latency } from './protocol';

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
      steadyP25Ms: percentile(this.steady, 25),
      steadyP75Ms: percentile(this.steady, 75),
      steadyP95Ms: percentile(this.steady, 95),
      steadyRuns: this.steadyTotal,
    };
  }
}

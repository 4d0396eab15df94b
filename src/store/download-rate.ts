/** Rate and time left of a download: the bytes since the first sample over the time since, so
 *  files a resume already had (counted at once) are not taken for speed. */

/** Bytes per second and seconds left; null until they can be told. */
export type RateEta = { rate: number | null; etaS: number | null };

/** Below this much time since the first sample the rate is noise: not told yet. */
const SETTLE_MS = 300;

export class RateMeter {
  private first: { t: number; loaded: number } | null = null;

  sample(loaded: number, total: number, now: number): RateEta {
    this.first ??= { t: now, loaded };
    const ms = now - this.first.t;
    const rate = ms < SETTLE_MS ? 0 : ((loaded - this.first.loaded) / ms) * 1000;
    return rate > 0 ? { rate, etaS: Math.max(0, total - loaded) / rate } : { rate: null, etaS: null };
  }
}

/** What the softmax of a synthetic model looks like on a real photo (the tests' yardstick for
 *  synthetic-init.ts's gains). The hard bounds are what the tests enforce; the typical band is
 *  what DEFAULT_INIT_GAINS was tuned to for B0–B7 (uniform over 1000 classes would be ln 1000 ≈ 6.91 nats). */
export const SYNTHETIC_ENTROPY_TARGET = Object.freeze({
  /** Hard bounds (nats). */
  min: 1,
  max: 6,
  /** Band the defaults land in for all of B0–B7 (nats). */
  typicalMin: 3,
  typicalMax: 4.5,
  /** Top-1 probability stays below this. */
  maxTop1: 0.9,
});

/** Shannon entropy in nats of a probability vector (zeros ignored). */
export function entropyNats(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

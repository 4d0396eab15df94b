// The paper's scaling-method experiment (Table 7, Figure 8) as buildable networks: B0 grown by
// depth only, width only, resolution only, or all three, plus a solver that grows ONE dimension
// until the network's exact FLOPs match a target (the "matched FLOPs" race and budget chart).
import { officialCoefficients, type ScalingCoefficients } from './coefficients';
import { BASE_RESOLUTION } from './constants';
import { formulaNetwork, scaleNetwork } from './network';
import { scalingCoefficients } from './scaling';
import { METHOD_ORDER, SINGLE_METHODS, TABLE7_ROWS, type SingleMethod } from './paper-results';

/** B0 with the given multipliers (resolution as a multiple of 224, rounded to a whole pixel). */
const b0Scaled = (name: string, depth: number, width: number, resolutionScale: number) =>
  scalingCoefficients({ name, depth, width, resolution: Math.round(BASE_RESOLUTION * resolutionScale) });

/** Table 7's five networks, configured exactly as the paper names them. The baseline keeps B0's
 *  official coefficients (so real B0 weights can answer for it). */
export function table7Networks() {
  return METHOD_ORDER.map((method) => {
    const row = TABLE7_ROWS[method];
    const coefficients = method === 'baseline' ? officialCoefficients(0) : b0Scaled(row.label, row.depth, row.width, row.resolutionScale);
    return { method, label: row.label, coefficients, net: scaleNetwork(coefficients) };
  });
}

/** B0 scaled in one dimension by multiplier m. */
export function singleDimension(method: SingleMethod, m: number): ScalingCoefficients {
  const by = (d: SingleMethod) => (d === method ? m : 1);
  return b0Scaled(`${method} ×${m.toFixed(2)}`, by('depth'), by('width'), by('resolution'));
}

const flopsAt = (method: SingleMethod, m: number) => scaleNetwork(singleDimension(method, m)).flops;

/** Grows B0 along one dimension until its exact FLOPs are as close to `target` as the rounding
 *  of blocks (ceil), channels (multiples of 8) and pixels allows. FLOPs only grow with the
 *  multiplier, so a bisection finds the first multiplier at or above the target; the step just
 *  below it is the other candidate, and the closer one wins. `multiplier`: the one found (depth d,
 *  width w, or resolution r as a multiple of 224); `error`: net.flops / target − 1. */
export function matchFlops(method: SingleMethod, target: number) {
  if (!(target > 0) || !Number.isFinite(target)) throw new RangeError(`target FLOPs must be a positive number, got ${target}`);
  let lo = 1;
  let hi = 2;
  while (flopsAt(method, hi) < target) {
    lo = hi;
    hi *= 2;
    if (hi > 1024) throw new RangeError(`${method} scaling cannot reach ${target} FLOPs`);
  }
  if (flopsAt(method, lo) >= target) hi = lo; // target at or below B0's FLOPs
  for (let i = 0; i < 50 && hi - lo > 1e-6; i++) {
    const mid = (lo + hi) / 2;
    if (flopsAt(method, mid) >= target) hi = mid;
    else lo = mid;
  }
  // Resolution is a whole number of pixels: step in pixels, not in the multiplier.
  const below = method === 'resolution' ? Math.max(1, Math.round(BASE_RESOLUTION * hi) - 1) / BASE_RESOLUTION : lo;
  const candidates = [hi, below].map((m) => {
    const coefficients = singleDimension(method, m);
    const net = scaleNetwork(coefficients);
    return { method, multiplier: m, coefficients, net, target, error: net.flops / target - 1 };
  });
  return Math.abs(candidates[0].error) <= Math.abs(candidates[1].error) ? candidates[0] : candidates[1];
}

/** The budget chart at φ: the formula network and each single dimension solved to its FLOPs. */
export function budgetNetworks(phi: number) {
  const compound = formulaNetwork(phi);
  return { compound, matched: SINGLE_METHODS.map((m) => matchFlops(m, compound.flops)) };
}

// Compound scaling (paper §3.3): depth α^φ, width β^φ, resolution 224·γ^φ under the constraint
// α·β²·γ² ≈ 2, so each +1 of φ roughly doubles FLOPs. Also maps between formula φ and the
// official, hand-rounded B0–B7.
import { ALPHA, BASE_RESOLUTION, BETA, GAMMA, MAX_DROPOUT, MAX_PHI, MIN_DROPOUT, MIN_PHI, OFFICIAL_VARIANTS, PAPER_BASES, type Bases } from './constants';

/** Keeps φ inside the explored range [0, 7]; NaN becomes 0 so UI input can never poison a net. */
export function clampPhi(phi: number): number {
  if (Number.isNaN(phi)) return MIN_PHI;
  return Math.min(MAX_PHI, Math.max(MIN_PHI, phi));
}

/** Input side for formula networks: 224·γ^φ rounded to the NEAREST integer (φ=3 → 340.67 → 341).
 *  Nearest rather than floor/ceil keeps φ=0 exactly at 224 and stays unbiased; the official
 *  variants use their own published resolutions instead. */
export function formulaResolution(phi: number, gamma = GAMMA): number {
  return Math.round(BASE_RESOLUTION * Math.pow(gamma, clampPhi(phi)));
}

/** "3" for 3, "0.5" for 0.5: at most 3 decimals, so slider values print cleanly. */
export function threeDecimals(v: number): string {
  return String(Number(v.toFixed(3)));
}

/** Coefficients straight from the formula for any real φ (clamped to [0, 7]), with the paper's
 *  bases or the reader's own. */
export function formulaCoefficients(phi: number, b: Bases = PAPER_BASES) {
  const p = clampPhi(phi);
  return {
    name: `phi=${threeDecimals(p)}`,
    phi: p,
    width: Math.pow(b.beta, p),
    depth: Math.pow(b.alpha, p),
    resolution: formulaResolution(p, b.gamma),
    dropout: MIN_DROPOUT + ((MAX_DROPOUT - MIN_DROPOUT) * (p - MIN_PHI)) / (MAX_PHI - MIN_PHI),
    official: false,
  };
}

/** How far a network is scaled from B0, whichever way it was obtained. `name`: "B3" for official
 *  variants, "phi=3" / "phi=0.5" for formula networks; `phi`: official variant index k for "Bk",
 *  the (clamped) φ for formula networks; `resolution`: input side in pixels (square input);
 *  `dropout`: before the classifier (informational for formula networks). */
export type ScalingCoefficients = ReturnType<typeof formulaCoefficients>;

/** Published coefficients of Bk, with phi = k. Throws for anything but an integer 0..7: callers
 *  that start from a slider value go through nearestOfficial first. */
export function officialCoefficients(k: number): ScalingCoefficients {
  const v = Number.isInteger(k) ? OFFICIAL_VARIANTS[k] : undefined;
  if (!v) throw new RangeError(`official EfficientNet variant must be an integer 0..7, got ${k}`);
  const { name, index, width, depth, resolution, dropout } = v;
  return { name, phi: index, width, depth, resolution, dropout, official: true };
}

/** The φ at which the formula reproduces Bk's width (log w / log β), depth (log d / log α) and
 *  resolution (log(r/224) / log γ) — shows how far the hand-picked variants drift from φ = k. */
export function effectivePhi(k: number): { width: number; depth: number; resolution: number } {
  const v = officialCoefficients(k);
  return {
    width: Math.log(v.width) / Math.log(BETA),
    depth: Math.log(v.depth) / Math.log(ALPHA),
    resolution: Math.log(v.resolution / BASE_RESOLUTION) / Math.log(GAMMA),
  };
}

/** Official variant closest to a (possibly fractional) φ: Math.round, clamped to 0..7. */
export function nearestOfficial(phi: number): number {
  return Math.round(clampPhi(phi));
}

/** True when φ is exactly an official variant's (Bk describes the network at φ, not only near it). */
export const isAtOfficial = (phi: number): boolean => Math.abs(phi - nearestOfficial(phi)) < 1e-9;

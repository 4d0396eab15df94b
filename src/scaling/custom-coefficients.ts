// "Design your own coefficients": the paper's two steps with the reader's α, β, γ. Step 1 (the
// paper's grid search at φ = 1) picks α, β, γ under α·β²·γ² ≈ 2; step 2 fixes them and grows φ.
import { clampPhi, threeDecimals, formulaCoefficients, type ScalingCoefficients } from './coefficients';
import { OFFICIAL_VARIANTS, type Bases } from './constants';
import { officialNetwork } from './network';

/** Input range for each base: ≥ 1 as the paper requires (Equation 3), and small enough that a
 *  φ = 7 network still fits in a browser. */
export const MIN_BASE = 1;
export const MAX_BASE = 2;
/** The paper's target for α·β²·γ² (Equation 3): each +1 of φ doubles FLOPs. */
export const CONSTRAINT_TARGET = 2;

/** α·β²·γ²: how much FLOPs grow per +1 of φ with these bases. */
export function constraintOf(b: Bases): number {
  return b.alpha * b.beta * b.beta * b.gamma * b.gamma;
}

/** Why a base is unusable, or null: NaN, below 1 or above 2. */
export function baseProblem(name: string, v: number): string | null {
  if (!Number.isFinite(v)) return `${name} must be a number`;
  if (v < MIN_BASE || v > MAX_BASE) return `${name} must lie between ${MIN_BASE} and ${MAX_BASE} (the paper requires ≥ 1)`;
  return null;
}

/** "Fit to 2": keeps α and β and solves γ so that α·β²·γ² = 2 exactly; null when no γ ≥ 1 can
 *  (α·β² already above 2) or γ would leave the input range. */
export function fitGamma(b: Bases): number | null {
  const g = Math.sqrt(CONSTRAINT_TARGET / (b.alpha * b.beta * b.beta));
  return g >= MIN_BASE && g <= MAX_BASE ? g : null;
}

/** Coefficients of B0 grown by φ with the given bases (φ clamped to [0, 7]). */
export function customCoefficients(b: Bases, phi: number): ScalingCoefficients {
  const p = clampPhi(Number.isFinite(phi) ? phi : 0);
  return { ...formulaCoefficients(p, b), name: `α ${threeDecimals(b.alpha)} β ${threeDecimals(b.beta)} γ ${threeDecimals(b.gamma)} φ=${threeDecimals(p)}` };
}

/** The released variant whose exact FLOPs (counted by scaleNetwork) are closest in log scale. */
export function nearestReleasedByFlops(flops: number) {
  const gaps = OFFICIAL_VARIANTS.map((v) => Math.abs(Math.log(officialNetwork(v.index).flops / flops)));
  // FLOPs NaN: every gap NaN, so indexOf finds none and B0 answers (FLOPs 0: every gap ∞, B0 too).
  return OFFICIAL_VARIANTS[Math.max(0, gaps.indexOf(Math.min(...gaps)))];
}

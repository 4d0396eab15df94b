// Shapes of the coefficients this module hands out (a network's and a variant's own shapes are what
// builds them: network.ts, layers.ts, constants.ts). Pure data: no tfjs, no React, so the UI, the worker,
// the CLI and the tests can all share one set of numbers.

/** How far a network is scaled from B0, whichever way it was obtained. */
export interface ScalingCoefficients {
  /** "B3" for official variants, "phi=3" / "phi=0.5" for formula networks. */
  name: string;
  /** Official variant index k for "Bk"; the (clamped) φ for formula networks. */
  phi: number;
  width: number;
  depth: number;
  /** Input side length in pixels (square input). */
  resolution: number;
  /** Dropout before the classifier (informational for formula networks). */
  dropout: number;
  official: boolean;
}

export type LayerKind = 'stem' | 'expand' | 'depthwise' | 'se_reduce' | 'se_expand' | 'project' | 'head' | 'dense';

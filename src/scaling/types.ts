// Shapes of the coefficients and variants this module hands out (a network's own shapes are its
// builders' results: network.ts, layers.ts). Pure data: no tfjs, no React, so the UI, the worker,
// the CLI and the tests can all share one set of numbers.

import type { OfficialName } from './variants';

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

export interface OfficialVariant extends Pick<ScalingCoefficients, 'width' | 'depth' | 'resolution' | 'dropout'> {
  name: OfficialName;
  index: number;
  /** ImageNet top-1 accuracy in percent, paper Table 2. */
  paperTop1: number;
  /** Paper FLOPs as a plain count of multiply-adds (0.39e9 for B0). */
  paperFlops: number;
  /** Paper parameter count as a plain count (5.3e6 for B0). */
  paperParams: number;
}

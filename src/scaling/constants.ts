// The published numbers: B0's architecture (paper Table 1), the compound-scaling constants
// (paper §3.3) and the eight official variants (tensorflow/tpu efficientnet_builder.py + Table 2).
import { LAST_VARIANT, VARIANT_NAMES } from './variants';

/** The compound-scaling bases: depth ALPHA^φ, width BETA^φ, resolution BASE_RESOLUTION · GAMMA^φ. */
export const ALPHA = 1.2;
export const BETA = 1.1;
export const GAMMA = 1.15;
/** α, β, γ: the paper's, or the reader's own (the same shape). */
export const PAPER_BASES = { alpha: ALPHA, beta: BETA, gamma: GAMMA };
export type Bases = typeof PAPER_BASES;
export const BASE_RESOLUTION = 224;
/** Squeeze-excite bottleneck, relative to the block's input channels (not the expanded ones). */
export const SE_RATIO = 0.25;
export const NUM_CLASSES = 1000;
/** The stem, paper Table 1 row 1: a 3×3 conv, stride 2, to 32 channels (before width scaling). */
export const B0_STEM = { kernel: 3, stride: 2, channels: 32 } as const;
/** Head 1×1 conv before global average pooling, before width scaling. */
export const HEAD_CHANNELS = 1280;
/** Channel counts are rounded to multiples of this (hardware-friendly). */
export const CHANNEL_DIVISOR = 8;
/** φ range the lab explores; B7 is the largest official variant. */
export const MIN_PHI = 0;
export const MAX_PHI = LAST_VARIANT;
/** Dropout of B0 and B7; formula networks interpolate between them (informational only). */
export const MIN_DROPOUT = 0.2;
export const MAX_DROPOUT = 0.5;

/** B0 stages, paper Table 1 rows 2–8: MBConv expand ratio, kernel, first-block stride,
 *  repeats, output channels. */
export const B0_STAGES = Object.freeze([
  { expand: 1, kernel: 3, stride: 1, repeats: 1, channels: 16 },
  { expand: 6, kernel: 3, stride: 2, repeats: 2, channels: 24 },
  { expand: 6, kernel: 5, stride: 2, repeats: 2, channels: 40 },
  { expand: 6, kernel: 3, stride: 2, repeats: 3, channels: 80 },
  { expand: 6, kernel: 5, stride: 1, repeats: 3, channels: 112 },
  { expand: 6, kernel: 5, stride: 2, repeats: 4, channels: 192 },
  { expand: 6, kernel: 3, stride: 1, repeats: 1, channels: 320 },
]);

/** Official B0–B7, in order. The published width/depth/resolution are hand-rounded from the formula,
 *  which is why they differ from formulaCoefficients(k) (see effectivePhi). paperTop1: ImageNet top-1
 *  in percent (paper Table 2); paperFlops, paperParams: plain counts (0.39e9 multiply-adds, 5.3e6 for B0). */
export const OFFICIAL_VARIANTS = Object.freeze(
  [
    { width: 1.0, depth: 1.0, resolution: 224, dropout: 0.2, paperTop1: 77.1, paperFlops: 0.39e9, paperParams: 5.3e6 },
    { width: 1.0, depth: 1.1, resolution: 240, dropout: 0.2, paperTop1: 79.1, paperFlops: 0.7e9, paperParams: 7.8e6 },
    { width: 1.1, depth: 1.2, resolution: 260, dropout: 0.3, paperTop1: 80.1, paperFlops: 1.0e9, paperParams: 9.2e6 },
    { width: 1.2, depth: 1.4, resolution: 300, dropout: 0.3, paperTop1: 81.6, paperFlops: 1.8e9, paperParams: 12e6 },
    { width: 1.4, depth: 1.8, resolution: 380, dropout: 0.4, paperTop1: 82.9, paperFlops: 4.2e9, paperParams: 19e6 },
    { width: 1.6, depth: 2.2, resolution: 456, dropout: 0.4, paperTop1: 83.6, paperFlops: 9.9e9, paperParams: 30e6 },
    { width: 1.8, depth: 2.6, resolution: 528, dropout: 0.5, paperTop1: 84.0, paperFlops: 19e9, paperParams: 43e6 },
    { width: 2.0, depth: 3.1, resolution: 600, dropout: 0.5, paperTop1: 84.3, paperFlops: 37e9, paperParams: 66e6 },
  ].map((v, index) => ({ name: VARIANT_NAMES[index], index, ...v })),
);

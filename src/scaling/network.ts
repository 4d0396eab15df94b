// Builds the full description of a scaled EfficientNet (stages, blocks, layers, params, FLOPs)
// from its coefficients, following the reference builder: channels through roundFilters, repeats
// through roundRepeats, stride only on a stage's first block, SE sized from block input channels.
import { formulaCoefficients, officialCoefficients, type ScalingCoefficients } from './coefficients';
import { B0_STAGES, HEAD_CHANNELS, NUM_CLASSES, B0_STEM } from './constants';
import { networkLayers } from './layers';
import { roundFilters, roundRepeats, sameOutputSize, seChannels } from './rounding';

export function scaleNetwork(c: ScalingCoefficients) {
  const stemChannels = roundFilters(B0_STEM.channels, c.width);
  const headChannels = roundFilters(HEAD_CHANNELS, c.width);

  // Stage 0 input: the stem output (3×3 stride-2 SAME conv).
  let inChannels = stemChannels;
  let size = sameOutputSize(c.resolution, B0_STEM.stride);

  // A stage of the scaled network: B0's row with its repeats and channels scaled, and the sides of
  // the feature map entering (inputSize) and leaving it (featureSize).
  const stages = B0_STAGES.map((base, index) => {
    const channels = roundFilters(base.channels, c.width);
    const featureSize = sameOutputSize(size, base.stride);
    const stage = { index, ...base, repeats: roundRepeats(base.repeats, c.depth), inChannels, channels, inputSize: size, featureSize };
    inChannels = channels;
    size = featureSize;
    return stage;
  });

  const blocks = stages.flatMap((s) =>
    Array.from({ length: s.repeats }, (_, j) => {
      // Reference: 2nd+ blocks take the stage's output channels as input and use stride 1.
      const blockIn = j === 0 ? s.inChannels : s.channels;
      const stride = j === 0 ? s.stride : 1;
      return {
        stage: s.index,
        /** Index within the stage. */
        block: j,
        inChannels: blockIn,
        outChannels: s.channels,
        expand: s.expand,
        /** inChannels × expand (equal to inChannels when expand is 1: no expand conv). */
        expandedChannels: blockIn * s.expand,
        kernel: s.kernel,
        stride,
        seChannels: seChannels(blockIn),
        /** Identity skip: stride 1 and inChannels === outChannels. */
        residual: stride === 1 && blockIn === s.channels,
        inputSize: j === 0 ? s.inputSize : s.featureSize,
        outputSize: s.featureSize,
      };
    }),
  );

  const layers = networkLayers(stemChannels, headChannels, blocks);
  return {
    ...c,
    stemChannels,
    headChannels,
    numClasses: NUM_CLASSES,
    stages,
    blocks,
    totalBlocks: blocks.length,
    /** Learned float parameters after BN folding (= the converted models' manifests). */
    params: layers.reduce((s, l) => s + l.params, 0),
    /** Multiply-adds for one image (convs incl. depthwise, SE convs, dense; no elementwise ops). */
    flops: layers.reduce((s, l) => s + l.macs, 0),
    /** Every learned layer in graph order; params and flops are their sums. */
    layers,
  };
}

export type NetworkConfig = ReturnType<typeof scaleNetwork>;
export type BlockConfig = NetworkConfig['blocks'][number];

/** Bk with its published coefficients (k: integer 0..7). */
export function officialNetwork(k: number): NetworkConfig {
  return scaleNetwork(officialCoefficients(k));
}

/** The network the formula gives at φ (clamped to [0, 7]). */
export function formulaNetwork(phi: number): NetworkConfig {
  return scaleNetwork(formulaCoefficients(phi));
}

// Builds the full description of a scaled EfficientNet (stages, blocks, layers, params, FLOPs)
// from its coefficients, following the reference builder: channels through roundFilters, repeats
// through roundRepeats, stride only on a stage's first block, SE sized from block input channels.
import { formulaCoefficients, officialCoefficients } from './coefficients';
import { B0_STAGES, HEAD_CHANNELS, NUM_CLASSES, B0_STEM } from './constants';
import { networkLayers } from './layers';
import { roundFilters, roundRepeats, sameOutputSize, seChannels } from './rounding';
import type { BlockConfig, NetworkConfig, ScalingCoefficients, StageConfig } from './types';

export function scaleNetwork(c: ScalingCoefficients): NetworkConfig {
  const stemChannels = roundFilters(B0_STEM.channels, c.width);
  const headChannels = roundFilters(HEAD_CHANNELS, c.width);
  const stages: StageConfig[] = [];
  const blocks: BlockConfig[] = [];

  // Stage 0 input: the stem output (3×3 stride-2 SAME conv).
  let inChannels = stemChannels;
  let size = sameOutputSize(c.resolution, B0_STEM.stride);

  B0_STAGES.forEach((base, index) => {
    const channels = roundFilters(base.channels, c.width);
    const repeats = roundRepeats(base.repeats, c.depth);
    const stageInput = size;
    for (let j = 0; j < repeats; j++) {
      // Reference: 2nd+ blocks take the stage's output channels as input and use stride 1.
      const blockIn = j === 0 ? inChannels : channels;
      const stride = j === 0 ? base.stride : 1;
      const outputSize = sameOutputSize(size, stride);
      blocks.push({
        stage: index,
        block: j,
        inChannels: blockIn,
        outChannels: channels,
        expand: base.expand,
        expandedChannels: blockIn * base.expand,
        kernel: base.kernel,
        stride,
        seChannels: seChannels(blockIn),
        residual: stride === 1 && blockIn === channels,
        inputSize: size,
        outputSize,
      });
      size = outputSize;
    }
    stages.push({ index, ...base, repeats, inChannels, channels, inputSize: stageInput, featureSize: size });
    inChannels = channels;
  });

  const layers = networkLayers(stemChannels, headChannels, blocks);
  return {
    ...c,
    stemChannels,
    headChannels,
    numClasses: NUM_CLASSES,
    stages,
    blocks,
    totalBlocks: blocks.length,
    params: layers.reduce((s, l) => s + l.params, 0),
    flops: layers.reduce((s, l) => s + l.macs, 0),
    layers,
  };
}

/** Bk with its published coefficients (k: integer 0..7). */
export function officialNetwork(k: number): NetworkConfig {
  return scaleNetwork(officialCoefficients(k));
}

/** The network the formula gives at φ (clamped to [0, 7]). */
export function formulaNetwork(phi: number): NetworkConfig {
  return scaleNetwork(formulaCoefficients(phi));
}

// Integer rules that turn real-valued multipliers into a buildable network. They copy the
// reference implementation (tensorflow/tpu models/official/efficientnet/efficientnet_model.py)
// operation by operation, so the results — and the converted models' shapes — match exactly.
import { CHANNEL_DIVISOR, SE_RATIO } from './constants';

/** `round_filters`: scale, round to the nearest multiple of 8 (at least 8), and go up one step
 *  when rounding lost more than 10 %. Applied to stem, every stage's in/out channels and head. */
export function roundFilters(channels: number, width: number): number {
  const scaled = channels * width;
  // Python: int(scaled + 4) // 8 * 8 — equal to floor((scaled + 4) / 8) * 8 for positive values.
  let rounded = Math.max(CHANNEL_DIVISOR, Math.floor((scaled + CHANNEL_DIVISOR / 2) / CHANNEL_DIVISOR) * CHANNEL_DIVISOR);
  if (rounded < 0.9 * scaled) rounded += CHANNEL_DIVISOR;
  return rounded;
}

/** `round_repeats`: ceil(depth × repeats), same operand order as the reference so float error
 *  (1.2 × 3 = 3.5999…) lands the same way. */
export function roundRepeats(repeats: number, depth: number): number {
  return Math.ceil(depth * repeats);
}

/** Squeeze-excite bottleneck: `max(1, int(input_filters * se_ratio))` of the block's INPUT
 *  channels (for the 2nd+ block of a stage that is the stage's output channels). */
export function seChannels(inputChannels: number): number {
  return Math.max(1, Math.floor(inputChannels * SE_RATIO));
}

/** TF 'SAME' padding: the output side depends only on the stride, never on the kernel. */
export function sameOutputSize(inputSize: number, stride: number): number {
  return Math.ceil(inputSize / stride);
}

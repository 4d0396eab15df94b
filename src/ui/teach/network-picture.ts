/** Layout of the "network that grows with φ" picture: pure geometry, no React, so the tests can
 *  count rectangles and check that the largest network still fits the viewBox.
 *
 *  Encoding: input square side ∝ resolution; one bar per MBConv block (bar count = depth); bar
 *  height ∝ √channels (width) so a doubling of channels reads as ×1.41 instead of swamping the
 *  picture. Scales come from a fixed frame (the largest networks the lab shows), so one drawing
 *  unit means the same thing at every φ and growth is visible against the B0 ghost. */
import { MAX_PHI, NUM_CLASSES, formulaNetwork, officialNetwork, type NetworkConfig } from '../../scaling';

export type PicturePart = 'input' | 'stem' | 'block' | 'head' | 'classifier';

export interface PictureRect {
  /** Stable across φ (React key) so bars glide instead of being re-created. */
  key: string;
  part: PicturePart;
  /** MBConv stage 0–6 for blocks, -1 otherwise. */
  stage: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PictureLabel {
  key: string;
  x: number;
  y: number;
  text: string;
}

export interface NetworkPictureLayout {
  /** viewBox is `0 0 width height`. */
  width: number;
  height: number;
  rects: PictureRect[];
  labels: PictureLabel[];
  totalBlocks: number;
  resolution: number;
  headChannels: number;
}

/** Drawing constants (drawing units, not network numbers). */
const PAD = 12;
const INPUT_MAX_SIDE = 160;
const BAR_MAX_HEIGHT = 200;
const LABEL_SPACE = 26;
/** Room above the bars for the stem / head / FC labels. */
const TOP_LABEL = 16;
const GAP = 14;
const STEM_W = 8;
const BLOCK_W = 9;
const BLOCK_GAP = 2;
const STAGE_GAP = 8;
const HEAD_W = 10;
const FC_W = 10;

/** Fixed scales shared by every picture: pixels → side, √channels → height, and the size of the
 *  viewBox, all derived from the biggest networks drawn. */
export interface PictureFrame {
  pxScale: number;
  channelScale: number;
  width: number;
  height: number;
}

function frameWidth(maxBlocks: number, stages: number): number {
  return PAD + INPUT_MAX_SIDE + GAP + STEM_W + GAP + maxBlocks * (BLOCK_W + BLOCK_GAP) + (stages - 1) * STAGE_GAP + GAP + HEAD_W + GAP + FC_W + PAD;
}

/** Frame that fits every network in `nets` (resolution, block count and channel extremes). */
export function pictureFrame(nets: readonly NetworkConfig[]): PictureFrame {
  const maxRes = Math.max(...nets.map((n) => n.resolution));
  const maxBlocks = Math.max(...nets.map((n) => n.totalBlocks));
  const maxStages = Math.max(...nets.map((n) => n.stages.length));
  const maxChannels = Math.max(...nets.flatMap((n) => [n.headChannels, n.stemChannels, NUM_CLASSES, ...n.blocks.map((b) => b.outChannels)]));
  return {
    pxScale: INPUT_MAX_SIDE / maxRes,
    channelScale: BAR_MAX_HEIGHT / Math.sqrt(maxChannels),
    width: frameWidth(maxBlocks, maxStages),
    height: PAD + TOP_LABEL + Math.max(INPUT_MAX_SIDE, BAR_MAX_HEIGHT) + LABEL_SPACE + PAD,
  };
}

let defaultFrame: PictureFrame | null = null;
/** The lab's frame: φ = MAX_PHI by the formula (most blocks) and the official B7 (largest input). */
export function labFrame(): PictureFrame {
  return (defaultFrame ??= pictureFrame([formulaNetwork(MAX_PHI), officialNetwork(MAX_PHI)]));
}

export function networkPicture(net: NetworkConfig, frame: PictureFrame = labFrame()): NetworkPictureLayout {
  const midY = PAD + TOP_LABEL + Math.max(INPUT_MAX_SIDE, BAR_MAX_HEIGHT) / 2;
  const labelY = frame.height - PAD - 4;
  const barHeight = (channels: number) => frame.channelScale * Math.sqrt(channels);
  const rects: PictureRect[] = [];
  const labels: PictureLabel[] = [];
  const bar = (key: string, part: PicturePart, stage: number, x: number, width: number, channels: number) => {
    const height = barHeight(channels);
    rects.push({ key, part, stage, x, y: midY - height / 2, width, height });
  };
  // Stem, head and FC are labelled above their bar; stage numbers and the input size below.
  const above = (key: string, x: number, channels: number, text: string) => labels.push({ key, x, y: midY - barHeight(channels) / 2 - 5, text });

  // Input image, right-aligned in its slot so the stem and blocks start at the same x for every φ
  // (the B0 ghost then lines up block for block).
  const side = net.resolution * frame.pxScale;
  const slotEnd = PAD + INPUT_MAX_SIDE;
  rects.push({ key: 'input', part: 'input', stage: -1, x: slotEnd - side, y: midY - side / 2, width: side, height: side });
  labels.push({ key: 'input', x: slotEnd - side / 2, y: labelY, text: `${net.resolution} px` });

  let x = slotEnd + GAP;
  bar('stem', 'stem', -1, x, STEM_W, net.stemChannels);
  above('stem', x + STEM_W / 2, net.stemChannels, 'stem');
  x += STEM_W + GAP;

  net.stages.forEach((stage, i) => {
    const start = x;
    for (const b of net.blocks.filter((blk) => blk.stage === i)) {
      bar(`block-${i}-${b.block}`, 'block', i, x, BLOCK_W, b.outChannels);
      x += BLOCK_W + BLOCK_GAP;
    }
    // Paper Table 1 numbers the MBConv stages 2–8 (stage 1 is the stem).
    labels.push({ key: `stage-${i}`, x: (start + x - BLOCK_GAP) / 2, y: labelY, text: String(stage.index + 2) });
    x += STAGE_GAP;
  });
  x += GAP - STAGE_GAP - BLOCK_GAP;

  bar('head', 'head', -1, x, HEAD_W, net.headChannels);
  above('head', x + HEAD_W / 2, net.headChannels, `head ${net.headChannels}`);
  x += HEAD_W + GAP;
  bar('classifier', 'classifier', -1, x, FC_W, NUM_CLASSES);
  above('classifier', x + FC_W / 2, NUM_CLASSES, 'FC');

  return {
    width: frame.width,
    height: frame.height,
    rects,
    labels,
    totalBlocks: net.totalBlocks,
    resolution: net.resolution,
    headChannels: net.headChannels,
  };
}

/** "55 blocks, 600 px input, head 2560 channels": the SVG's accessible description. */
export function pictureDescription(p: Pick<NetworkPictureLayout, 'totalBlocks' | 'resolution' | 'headChannels'>): string {
  return `${p.totalBlocks} blocks, ${p.resolution} px input, head ${p.headChannels} channels`;
}

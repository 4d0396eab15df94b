/** Layout of the growing-network picture: pure geometry, tested (the largest network fits the viewBox).
 *  Encoding: input square side ∝ resolution; one bar per MBConv block (bar count = depth); bar
 *  height ∝ √channels (width) so a doubling of channels reads as ×1.41 instead of swamping the
 *  picture. Scales come from a fixed frame (the largest networks the lab shows), so one drawing
 *  unit means the same thing at every φ and growth is visible against the B0 ghost. */
import { MAX_PHI, NUM_CLASSES, formulaNetwork, type NetworkConfig } from '../../scaling';
import { officialOf } from '../readouts';

export interface PictureRect {
  /** Stable across φ (React key) so bars glide instead of being re-created. */
  key: string;
  part: 'input' | 'stem' | 'block' | 'head' | 'classifier';
  /** MBConv stage 0–6 for blocks, -1 otherwise. */
  stage: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Drawing constants (drawing units, not network numbers): the frame (`topLabel`: room above the
 *  bars for the stem / head / FC labels) and the width of each part and gap along the picture. */
const FRAME = { pad: 12, inputMaxSide: 160, barMaxHeight: 200, labelSpace: 26, topLabel: 16, gap: 14 };
const WIDTH = { stem: 8, block: 9, blockGap: 2, stageGap: 8, head: 10, fc: 10 };

/** Pads, the input slot, four gaps (input | stem | blocks | head | FC), the parts and the stage gaps. */
function frameWidth(maxBlocks: number, stages: number): number {
  const parts = FRAME.inputMaxSide + WIDTH.stem + maxBlocks * (WIDTH.block + WIDTH.blockGap) + WIDTH.head + WIDTH.fc;
  return 2 * FRAME.pad + 4 * FRAME.gap + parts + (stages - 1) * WIDTH.stageGap;
}

/** The scales every picture shares (px → side, √channels → height) and the viewBox's size, fitting
 *  every network in `nets` (resolution, block count and channel extremes). */
export function pictureFrame(nets: readonly NetworkConfig[]) {
  const maxRes = Math.max(...nets.map((n) => n.resolution));
  const maxBlocks = Math.max(...nets.map((n) => n.totalBlocks));
  const maxStages = Math.max(...nets.map((n) => n.stages.length));
  const maxChannels = Math.max(...nets.flatMap((n) => [n.headChannels, n.stemChannels, NUM_CLASSES, ...n.blocks.map((b) => b.outChannels)]));
  return {
    pxScale: FRAME.inputMaxSide / maxRes,
    channelScale: FRAME.barMaxHeight / Math.sqrt(maxChannels),
    width: frameWidth(maxBlocks, maxStages),
    height: FRAME.pad + FRAME.topLabel + Math.max(FRAME.inputMaxSide, FRAME.barMaxHeight) + FRAME.labelSpace + FRAME.pad,
  };
}

/** The lab's frame: φ = MAX_PHI by the formula (most blocks) and the official B7 (largest input). */
export const LAB_FRAME = pictureFrame([formulaNetwork(MAX_PHI), officialOf(MAX_PHI)]);

/** The picture of `net`; its viewBox is `0 0 width height`. */
export function networkPicture(net: NetworkConfig, frame = LAB_FRAME) {
  const midY = FRAME.pad + FRAME.topLabel + Math.max(FRAME.inputMaxSide, FRAME.barMaxHeight) / 2;
  const labelY = frame.height - FRAME.pad - 4;
  const rects: PictureRect[] = [];
  const labels: { key: string; x: number; y: number; text: string }[] = [];
  // Stem, head and FC are labelled above their bar (`above`); stage numbers and the input size below.
  const bar = (key: string, part: PictureRect['part'], stage: number, x: number, width: number, channels: number, above?: string) => {
    const height = frame.channelScale * Math.sqrt(channels);
    rects.push({ key, part, stage, x, y: midY - height / 2, width, height });
    if (above) labels.push({ key, x: x + width / 2, y: midY - height / 2 - 5, text: above });
  };

  // Input image, right-aligned in its slot so the stem and blocks start at the same x for every φ
  // (the B0 ghost then lines up block for block).
  const side = net.resolution * frame.pxScale;
  const slotEnd = FRAME.pad + FRAME.inputMaxSide;
  rects.push({ key: 'input', part: 'input', stage: -1, x: slotEnd - side, y: midY - side / 2, width: side, height: side });
  labels.push({ key: 'input', x: slotEnd - side / 2, y: labelY, text: `${net.resolution} px` });

  let x = slotEnd + FRAME.gap;
  bar('stem', 'stem', -1, x, WIDTH.stem, net.stemChannels, 'stem');
  x += WIDTH.stem + FRAME.gap;

  net.stages.forEach((stage, i) => {
    const start = x;
    for (const b of net.blocks.filter((blk) => blk.stage === i)) {
      bar(`block-${i}-${b.block}`, 'block', i, x, WIDTH.block, b.outChannels);
      x += WIDTH.block + WIDTH.blockGap;
    }
    // Paper Table 1 numbers the MBConv stages 2–8 (stage 1 is the stem).
    labels.push({ key: `stage-${i}`, x: (start + x - WIDTH.blockGap) / 2, y: labelY, text: String(stage.index + 2) });
    x += WIDTH.stageGap;
  });
  x += FRAME.gap - WIDTH.stageGap - WIDTH.blockGap;

  bar('head', 'head', -1, x, WIDTH.head, net.headChannels, `head ${net.headChannels}`);
  x += WIDTH.head + FRAME.gap;
  bar('classifier', 'classifier', -1, x, WIDTH.fc, NUM_CLASSES, 'FC');
  return { width: frame.width, height: frame.height, rects, labels };
}

/** "55 blocks, 600 px input, head 2560 channels": the SVG's accessible description. */
export function pictureDescription(p: Pick<NetworkConfig, 'totalBlocks' | 'resolution' | 'headChannels'>): string {
  return `${p.totalBlocks} blocks, ${p.resolution} px input, head ${p.headChannels} channels`;
}

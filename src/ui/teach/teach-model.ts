/** The numbers Teach explains, pure and tested; every constant and network from src/scaling. */
import {
  ALPHA,
  BASE_RESOLUTION,
  BETA,
  GAMMA,
  NUM_CLASSES,
  OFFICIAL_VARIANTS,
  PAPER_BASES,
  B0_STEM,
  constraintOf,
  effectivePhi,
  nearestOfficial,
  type NetworkConfig,
} from '../../scaling';
import { fmtPhi } from '../format';
import { officialOf, phiReadout } from '../readouts';

/** The formula's numbers at φ (in [0, 7]: the store's, already clamped), and what the built network really costs against B0. */
export function teachNumbers(phi: number) {
  const { formula, official, atOfficial } = phiReadout(phi);
  const b0 = officialOf(0);
  const constraint = constraintOf(PAPER_BASES);
  // 224·γ^φ before rounding.
  const resolutionExact = BASE_RESOLUTION * Math.pow(GAMMA, phi);
  const p = fmtPhi(phi);
  return {
    phi,
    // The formula network (depth α^φ, width β^φ, the resolution after formulaResolution's rounding, and its blocks after ceil() per
    // stage: the main source of the gap between flopsRatio and (α·β²·γ²)^φ), and B0 to compare it with.
    formula,
    b0,
    resolutionExact,
    constraint,
    // What the buildable network really costs, against the formula's (α·β²·γ²)^φ and the paper's 2^φ.
    flopsRatio: formula.flops / b0.flops,
    twoPowPhi: Math.pow(2, phi),
    constraintPowPhi: Math.pow(constraint, phi),
    // At an integer φ: the released Bk against B0 (hand-picked, so cheaper).
    released: atOfficial ? { name: official.name, flopsRatio: official.flops / b0.flops } : null,
    /** The formula lines as text, e.g. "d = α^φ = 1.2^3.0 = 1.728". */
    lines: {
      depth: `d = α^φ = ${ALPHA}^${p} = ${formula.depth.toFixed(3)}`,
      width: `w = β^φ = ${BETA}^${p} = ${formula.width.toFixed(3)}`,
      resolution: `r = ${BASE_RESOLUTION}·γ^φ = ${BASE_RESOLUTION}·${GAMMA}^${p} = ${resolutionExact.toFixed(2)} → ${formula.resolution} px`,
      constraint: `α·β²·γ² = ${ALPHA}·${BETA}²·${GAMMA}² = ${constraint.toFixed(4)} ≈ ${constraint.toFixed(2)}`,
    },
  };
}

export type TeachNumbers = ReturnType<typeof teachNumbers>;

/** "B3 (released coefficients)" or "formula network φ 2.5": names the network Teach and the deck show. */
export function networkLabel(net: NetworkConfig): string {
  return net.official ? `${net.name} (released coefficients)` : `formula network φ ${fmtPhi(net.phi)}`;
}

/** Paper Table 1's rows of `n`: stem, the seven MBConv stages, head. `label`: paper Table 1 numbering (1 = stem, 2–8 = MBConv stages,
 *  9 = head); `stage`: MBConv stage 0–6 (for colour), -1 for the stem and the head, which are one layer each. */
function tableRows(n: NetworkConfig) {
  const edge = { layers: 1, stage: -1 };
  return [
    {
      ...edge,
      key: 'stem',
      label: '1',
      operator: `Conv${B0_STEM.kernel}×${B0_STEM.kernel}`,
      input: n.resolution,
      channels: n.stemChannels,
      stride: B0_STEM.stride,
    },
    ...n.stages.map((s, i) => ({
      key: `stage-${i}`,
      label: String(i + 2),
      operator: `MBConv${s.expand}, k${s.kernel}×${s.kernel}`,
      input: s.inputSize,
      channels: s.channels,
      layers: s.repeats,
      stride: s.stride,
      stage: i,
    })),
    {
      ...edge,
      key: 'head',
      label: String(n.stages.length + 2),
      operator: `Conv1×1 & Pooling & FC ${NUM_CLASSES}`,
      input: n.stages.at(-1)!.featureSize,
      channels: n.headChannels,
      stride: 1,
    },
  ];
}

/** Paper Table 1 for B0 next to the same rows of `net`. */
export function stageTableRows(net: NetworkConfig) {
  const base = tableRows(officialOf(0));
  return tableRows(net).map((r, i) => ({ ...r, inputB0: base[i].input, channelsB0: base[i].channels, layersB0: base[i].layers }));
}

/** Released B0–B7 with the φ at which the formula reproduces each one's width / depth / resolution;
 *  `nearest` marks the variant nearest φ. */
export function effectivePhiRows(phi: number) {
  const near = nearestOfficial(phi);
  return OFFICIAL_VARIANTS.map((v) => ({ ...v, effective: effectivePhi(v.index), nearest: v.index === near }));
}

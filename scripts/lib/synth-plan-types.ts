// What the synthetic-weight generator decided for each tensor of a manifest (the plan of
// synth-plan.ts), and the reference values of the non-learned constants.

import type { SyntheticLayerKind, WeightRole } from '../../src/model/weight-roles.ts';
import type { WeightSpec } from '../../src/model/model-json.ts';

// ---------------------------------------------------------------------------------------------
// Classification

/** A learned tensor and the layer it belongs to. */
export interface LearnedEntry {
  kind: 'learned';
  spec: WeightSpec;
  role: WeightRole;
  /** Layer kind found in the topology. */
  layer: SyntheticLayerKind;
  /** Name of the graph node that consumes it. */
  node: string;
}

/** A non-learned constant with its exact value. */
export interface ConstantEntry {
  kind: 'constant';
  spec: WeightSpec;
  /** What it is, e.g. 'input scale', 'input mean', 'se_reshape channels'. */
  what: string;
  values: Float32Array | Int32Array;
}

export type PlanEntry = LearnedEntry | ConstantEntry;

export interface ModelPlan {
  /** One entry per manifest weight, in manifest order (all groups concatenated). */
  entries: PlanEntry[];
  /** Number of identity-skip blocks (project convs consumed by AddV2). */
  residualDepth: number;
  /** Bytes of each weight group. */
  groupBytes: number[];
}

/** The reference values of the non-learned constants (README table). */
export const INPUT_SCALE = 255;
export const INPUT_MEAN = [123.675, 116.28, 103.53] as const;
export const INPUT_STD = [58.395, 57.12, 57.375] as const;

// What the synthetic-weight generator decided for each tensor of a manifest (the plan of
// synthetic-plan.ts). Types only.

import type { LayerKind } from '../scaling';
import type { WeightSpec } from './model-json';
import type { WeightRole } from './weight-roles';

// ---------------------------------------------------------------------------------------------
// Classification

/** A learned tensor and the layer it belongs to. */
export interface LearnedEntry {
  kind: 'learned';
  spec: WeightSpec;
  role: WeightRole;
  /** Layer kind found in the topology. */
  layer: LayerKind;
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

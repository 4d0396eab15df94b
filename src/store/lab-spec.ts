/** Which network answers the Lab for φ: the user's dropped model, the formula network at exactly
 *  φ, or the nearest official Bk; `labNameOf` is how the Lab shows it. */
import { FORMULA_SEED } from '../model/synthetic-init';
import { isAtOfficial, nearestOfficial } from '../scaling';
import { describeModel, type ModelSpec } from '../worker/protocol';
import type { LabState } from './lab-store';
import { officialSpec } from './source';

export function specFor(job: { phi: number; formula: boolean }, baseUrl: string, custom: LabState['custom']): ModelSpec {
  if (custom && !job.formula) return { kind: 'custom', ...custom };
  if (job.formula) return formulaSpec(job.phi);
  return officialSpec(nearestOfficial(job.phi), baseUrl);
}

/** The network at exactly φ, the one the readouts describe: specFor, but off an official φ (or
 *  before a source is known) the formula network rather than the nearest Bk ("Export ONNX"). */
export function exactSpecFor(s: Pick<LabState, 'phi' | 'formula' | 'custom' | 'source'>): ModelSpec {
  if (!s.source || !isAtOfficial(s.phi)) return formulaSpec(s.phi);
  return specFor(s, s.source.baseUrl, s.custom);
}

/** The formula network at exactly φ with the app's seeded random weights. */
export const formulaSpec = (phi: number): ModelSpec => ({ kind: 'random', scaling: { phi }, seed: FORMULA_SEED });

/** The Lab's short name of a network: "B3" (converted or seeded), "phi=2.5", "your model “…”". */
export function labNameOf(spec: ModelSpec): string {
  if (spec.kind === 'custom') return `your model “${spec.name}”`;
  if (spec.kind === 'random' && 'phi' in spec.scaling) return `phi=${spec.scaling.phi.toFixed(1)}`;
  return describeModel(spec);
}

/** A dropped converted folder as the lab's own model; a message instead without a model.json. */
export function customModel(files: File[], name?: string): NonNullable<LabState['custom']> | string {
  if (!files.some((f) => f.name === 'model.json'))
    return `Could not use the dropped files (${files.map((f) => f.name).join(', ')}): a converted model needs its model.json`;
  const folder = files.find((f) => f.webkitRelativePath)?.webkitRelativePath.split('/')[0];
  return { name: name || folder || 'dropped model', files };
}

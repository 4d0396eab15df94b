/** Which network answers the Lab for φ: the user's dropped model, the formula network at exactly
 *  φ, or the nearest official Bk (downloaded, or seeded in random-weights mode). `key` names it
 *  in the store (download bars, the result's name). */
import { FORMULA_SEED } from '../model/synthetic-init';
import { nearestOfficial } from '../scaling';
import type { ModelSpec } from '../worker/protocol';
import type { LabState } from './lab-store';
import { officialSpec } from './source';

export function specFor(job: { phi: number; formula: boolean }, baseUrl: string, custom: LabState['custom']): { key: string; spec: ModelSpec } {
  if (custom && !job.formula) return { key: `your model “${custom.name}”`, spec: { kind: 'custom', name: custom.name, files: custom.files } };
  if (job.formula) return { key: `phi=${job.phi.toFixed(1)}`, spec: { kind: 'formula', phi: job.phi, seed: FORMULA_SEED } };
  const k = nearestOfficial(job.phi);
  return { key: `B${k}`, spec: officialSpec(k, baseUrl) };
}

/** A dropped converted folder as the lab's own model, named `name` (else its folder's); a message
 *  instead when the files hold no model.json. */
export function customModel(files: File[], name?: string): NonNullable<LabState['custom']> | string {
  if (!files.some((f) => f.name === 'model.json'))
    return `Could not use the dropped files (${files.map((f) => f.name).join(', ')}): a converted model needs its model.json`;
  const folder = files.find((f) => f.webkitRelativePath)?.webkitRelativePath.split('/')[0];
  return { name: name || folder || 'dropped model', files };
}

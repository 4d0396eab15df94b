/** All shareable state in one typed place, mirrored in the URL (TF Playground style), read and
 *  written through the one property table (url-props.ts, where each is described). Pure. */
import type { Bases } from '../scaling';
import { readUrl, writeUrl, type UrlValues } from './url-props';

type LabKey = 'phi' | 'view' | 'compare' | 'evaluate' | 'backend' | 'models' | 'present' | 'slide' | 'formula' | 'weights' | 'kernels';
/** The lab's URL properties, with α, β and γ as the reader's own compound-scaling bases. */
export type ShareableState = Pick<UrlValues, LabKey> & { bases: Bases };

export const DEFAULT_STATE: ShareableState = parseUrlState('').state;

export function parseUrlState(search: string): { state: ShareableState; notices: string[] } {
  const { values: v, notices } = readUrl(search, 'lab');
  const { phi, view, compare, evaluate, backend, models, present, slide, formula, weights, kernels, alpha, beta, gamma } = v;
  const state = { phi, view, compare, evaluate, backend, models, present, slide, formula, weights, kernels, bases: { alpha, beta, gamma } };
  return { state, notices };
}

/** The query string for a state; defaults are left out so links stay short. */
export function serializeUrlState(s: ShareableState): string {
  const { bases, slide, ...rest } = s;
  return writeUrl({ ...rest, ...bases, slide: s.present ? slide : 1 });
}

/** All shareable state in one typed place, mirrored in the URL (TF Playground style), read and
 *  written through the one property table (url-props.ts). Parsing validates everything: bad
 *  values are clamped or dropped with a notice. Pure. */
import type { KernelMode } from '../model/kernels/plan';
import type { BackendName } from '../model/backend-name';
import type { Bases } from '../scaling';
import { readUrl, writeUrl, type View } from './url-props';

export interface ShareableState {
  phi: number;
  view: View;
  /** Official variants chosen for the compare view (indices 0–7, 2–8 of them). */
  compare: number[];
  /** Official variants the Evaluate view runs (?eval=B0,B1: 1–3 of them). */
  evaluate: number[];
  backend: BackendName | null;
  /** Explicit model source base URL (?models=), http(s) only. */
  models: string | null;
  present: boolean;
  /** The presentation deck's slide, 1-based (?slide=, written only while presenting). */
  slide: number;
  /** Run the random-weight formula network at exactly φ (latency only). */
  formula: boolean;
  /** 'random': the official B0–B7 with seeded random weights made in the browser (?weights=random). */
  weights: 'random' | null;
  /** WebGPU kernels (?kernels=): null is auto, tuned per device. */
  kernels: KernelMode | null;
  /** The reader's own compound-scaling bases (Teach: "design your own coefficients"). */
  bases: Bases;
}

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

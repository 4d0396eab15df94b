/** All shareable state in one typed place, mirrored in the URL (TF Playground style).
 *  Parsing validates everything: bad values are clamped or dropped with a notice. Pure. */
import { kernelModeOf, KERNEL_MODES, type KernelMode } from '../model/kernels/plan';
import { baseProblem, PAPER_BASES, type Bases, MAX_PHI, MIN_PHI, parseVariantName } from '../scaling';
import { BACKENDS, isBackendName, type BackendName } from '../model/backend-name';
import { clampSlide, SLIDE_COUNT } from './deck';

export const VIEWS = ['lab', 'compare', 'teach', 'bench', 'evaluate'] as const;
export type View = (typeof VIEWS)[number];

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

export const DEFAULT_STATE: ShareableState = {
  phi: 0,
  view: 'lab',
  compare: [0, 1],
  evaluate: [0, 1],
  backend: null,
  models: null,
  present: false,
  slide: 1,
  formula: false,
  weights: null,
  kernels: null,
  bases: PAPER_BASES,
};

/** φ is kept to one decimal, the slider's step. */
export const roundPhi = (phi: number) => Math.round(phi * 10) / 10;

export function parseModelSource(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href.replace(/\/?$/, '/') : null;
  } catch {
    return null;
  }
}

/** Up to `max` distinct variants from "B0,b3": the valid ones sorted, and whether all were valid. */
function parseVariantList(raw: string, max: number): { valid: number[]; clean: boolean } {
  const picked = [...new Set(raw.split(',').map((s) => s.trim().toUpperCase()))].map((s) => parseVariantName(s) ?? NaN);
  const valid = picked.filter((k) => Number.isInteger(k)).sort((a, b) => a - b);
  return { valid: valid.slice(0, max), clean: valid.length === picked.length && valid.length <= max };
}

/** Most networks one evaluation runs (the worker keeps three built networks; more would rebuild
 *  one every batch). */
export const MAX_EVAL_NETWORKS = 3;

/** A URL switch: on for 1 or true. */
export const flag = (v: string | null) => v === '1' || v === 'true';

const BASE_KEYS = ['alpha', 'beta', 'gamma'] as const;

/** ?alpha=&beta=&gamma=: each in [1, 2]; a bad one keeps the paper's value with a notice. */
function parseBases(q: URLSearchParams, state: ShareableState, notices: string[]) {
  const bases = { ...PAPER_BASES };
  for (const k of BASE_KEYS) {
    const raw = q.get(k);
    if (raw === null) continue;
    const problem = baseProblem(k, raw.trim() === '' ? NaN : Number(raw));
    if (problem) notices.push(`Ignored ${k} "${raw}": ${problem}`);
    else bases[k] = Number(raw);
  }
  state.bases = bases;
}

export function parseUrlState(search: string): { state: ShareableState; notices: string[] } {
  const q = new URLSearchParams(search);
  const state: ShareableState = { ...DEFAULT_STATE, compare: [...DEFAULT_STATE.compare], evaluate: [...DEFAULT_STATE.evaluate] };
  const notices: string[] = [];

  const phi = q.get('phi');
  if (phi !== null) {
    const v = Number(phi);
    if (phi.trim() === '' || !Number.isFinite(v)) notices.push(`Ignored φ "${phi}": not a number`);
    else {
      state.phi = roundPhi(Math.min(MAX_PHI, Math.max(MIN_PHI, v)));
      if (v < MIN_PHI || v > MAX_PHI) notices.push(`φ ${phi} is outside ${MIN_PHI}–${MAX_PHI}; clamped to ${state.phi}`);
    }
  }
  const view = q.get('view');
  if (view !== null) {
    if ((VIEWS as readonly string[]).includes(view)) state.view = view as View;
    else notices.push(`Ignored view "${view}": use one of ${VIEWS.join(', ')}`);
  }
  const compare = q.get('compare');
  if (compare !== null) {
    const { valid, clean } = parseVariantList(compare, 8);
    if (!clean || valid.length < 2) {
      notices.push(`Ignored part of compare "${compare}": pick 2–8 of B0–B7`);
    }
    if (valid.length >= 2) state.compare = valid;
  }
  const evaluate = q.get('eval');
  if (evaluate !== null) {
    const { valid, clean } = parseVariantList(evaluate, MAX_EVAL_NETWORKS);
    if (!clean || valid.length < 1) notices.push(`Ignored part of eval "${evaluate}": pick 1–${MAX_EVAL_NETWORKS} of B0–B7`);
    if (valid.length >= 1) state.evaluate = valid;
  }
  const backend = q.get('backend');
  if (backend !== null) {
    if (isBackendName(backend)) state.backend = backend;
    else notices.push(`Ignored backend "${backend}": use one of ${BACKENDS.join(', ')}`);
  }
  const models = q.get('models');
  if (models !== null) {
    state.models = parseModelSource(models);
    if (!state.models) notices.push(`Ignored model source "${models}": only http(s) URLs are allowed`);
  }
  const kernels = q.get('kernels');
  if (kernels !== null) {
    state.kernels = kernelModeOf(kernels);
    if (!state.kernels) notices.push(`Ignored kernels "${kernels}": use one of ${KERNEL_MODES.join(', ')}`);
  }
  state.present = flag(q.get('present'));
  const slide = q.get('slide');
  if (slide !== null) {
    const v = Number(slide);
    if (slide.trim() === '' || !Number.isInteger(v)) notices.push(`Ignored slide "${slide}": not a whole number`);
    else {
      state.slide = clampSlide(v);
      if (v !== state.slide) notices.push(`Slide ${slide} is outside 1–${SLIDE_COUNT}; showing ${state.slide}`);
    }
  }
  state.formula = flag(q.get('formula'));
  const weights = q.get('weights');
  if (weights === 'random') state.weights = 'random';
  else if (weights !== null) notices.push(`Ignored weights "${weights}": the only choice is weights=random`);
  parseBases(q, state, notices);
  return { state, notices };
}

/** The query string for a state; defaults are left out so links stay short. */
export function serializeUrlState(s: ShareableState): string {
  const q = new URLSearchParams();
  if (s.phi !== DEFAULT_STATE.phi) q.set('phi', roundPhi(s.phi).toFixed(1));
  if (s.view !== DEFAULT_STATE.view) q.set('view', s.view);
  if (s.compare.join() !== DEFAULT_STATE.compare.join()) q.set('compare', s.compare.map((k) => `B${k}`).join(','));
  if (s.evaluate.join() !== DEFAULT_STATE.evaluate.join()) q.set('eval', s.evaluate.map((k) => `B${k}`).join(','));
  if (s.backend) q.set('backend', s.backend);
  if (s.models) q.set('models', s.models);
  if (s.present) q.set('present', '1');
  if (s.present && s.slide !== DEFAULT_STATE.slide) q.set('slide', String(s.slide));
  if (s.formula) q.set('formula', '1');
  if (s.weights) q.set('weights', s.weights);
  if (s.kernels) q.set('kernels', s.kernels);
  for (const k of BASE_KEYS) if (s.bases[k] !== PAPER_BASES[k]) q.set(k, String(Number(s.bases[k].toFixed(4))));
  const str = q.toString();
  return str ? `?${str}` : '';
}
